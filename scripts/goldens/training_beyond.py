"""Runs the code cells of the training lesson's last three steps (src/lessons/training/beyond.ts:
a downstream MSE goal, a repeated word without and with learned positions, why divide by
sqrt(d_k)) under real PyTorch, in five states (defaults, the query's embedding edited, a word of
the repeated-word sentence edited, a W_query entry edited, another seed), and records what each prints. The cells come from
scripts/export-beyond-cells.ts, one namespace per state, after a cell defining `inputs`.
Writes src/math/fixtures/training-beyond.json.

Run: scripts/goldens/run.sh (reference BLAS, one thread), or
     OMP_NUM_THREADS=1 /usr/bin/python3 scripts/goldens/training_beyond.py
"""
import json
import os
import subprocess

import torch

from common import write
from lessons import run_cell

torch.set_num_threads(1)
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run_state(name, cells):
    ns = {}
    outputs = {}
    for cell in cells:
        try:
            printed = run_cell(cell["code"], ns)
        except Exception as e:  # a broken cell must not pass silently
            raise SystemExit(f"training beyond ({name})/{cell['step']}: {type(e).__name__}: {e}")
        if cell["hasOutput"]:
            outputs[cell["step"]] = printed
    return outputs


def main():
    exported = json.loads(subprocess.run(
        ["node", "node_modules/tsx/dist/cli.mjs", "scripts/export-beyond-cells.ts"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout)
    out = {"steps": exported["steps"]}
    for state in ("defaults", "edited", "twinEdited", "wEdited", "reseeded"):
        entry = {k: v for k, v in exported[state].items() if k != "cells"}
        entry["outputs"] = run_state(state, exported[state]["cells"])
        out[state] = entry
    write("training-beyond.json", out)


if __name__ == "__main__":
    main()
