"""Runs the playground's PyTorch cell for a set of cases under real PyTorch and records what it prints.

The cases and their code come from scripts/export-playground.ts: settings and edits as the
playground holds them, and the cell its own pythonCode() writes for them (the code the page shows).
Each cell runs alone in a fresh namespace, as a notebook with that one cell would. Writes
src/math/fixtures/playground.json; the tests check that the page prints exactly `output` and that
pythonCode() still writes exactly `code`.
"""
import json
import os
import subprocess

from common import write
from lessons import run_cell_outputs, joined

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    exported = subprocess.run(
        ["node", "node_modules/tsx/dist/cli.mjs", "scripts/export-playground.ts"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    cases = []
    for case in json.loads(exported):
        try:
            outputs = run_cell_outputs(case["code"], {})
        except Exception as e:  # a broken cell must not pass silently
            raise SystemExit(f"playground case {case['name']!r}: {type(e).__name__}: {e}")
        cases.append({**case, "output": joined(outputs), "outputs": outputs})
    write("playground.json", {"cases": cases})


if __name__ == "__main__":
    main()
