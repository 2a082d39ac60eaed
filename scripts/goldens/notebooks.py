"""The seed notebooks' cells, as text, for the lesson tests that check each step's output badge.

A step that says its output "matches the notebook" names a line of the notebook cell it follows;
src/lessons/sources.test.ts finds that cell here and checks that the step prints, at the lesson's
opening values, text the cell printed. Nothing here runs PyTorch: the cells are read from the seed
notebooks' text dumps in ../shared/seeds (relative to the repo root), which hold each cell's code
followed by what it printed. If those files are missing, the file already written is kept.

Writes src/math/fixtures/notebooks.json: {lesson id: {source, cells: [cell text, ...]}}.
"""
import glob
import json
import os
import re

from common import FIXTURE_DIR, write

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS_DIR = os.path.join(REPO_ROOT, "..", "shared", "seeds")

# Which notebook each lesson follows.
LESSON_SEEDS = {
    "dream-big": "000",
    "your-journey": "001",
    # The training lesson starts from that notebook's values; it prints nothing the notebook did.
    "training": "001",
    "random-embeddings": "002",
    "life-is-short": "003",
    "attention-seeker": "004",
}

CELL_MARK = re.compile(r"^In \[[^\]]*\]:\s*$")


def cells(text):
    """A notebook dump split into cells.

    Dumps with `In [n]:` marks: each cell runs from its mark to the next, so it holds the cell's
    code, what it printed, and any Markdown up to the next cell. Jupytext dumps (seed 000, saved
    without outputs) have only fenced code blocks, which are the cells.
    """
    lines = text.split("\n")
    if any(CELL_MARK.match(l) for l in lines):
        out, cur = [], None
        for l in lines:
            if CELL_MARK.match(l):
                if cur is not None:
                    out.append("\n".join(cur))
                cur = []
            elif cur is not None:
                cur.append(l)
        if cur is not None:
            out.append("\n".join(cur))
        return out
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def main():
    old = os.path.join(FIXTURE_DIR, "notebooks.json")
    found = {}
    for lesson, prefix in LESSON_SEEDS.items():
        paths = glob.glob(os.path.join(SEEDS_DIR, f"{prefix}_*.txt"))
        if len(paths) != 1:
            if os.path.exists(old):
                print(f"seed notebook {prefix} not found in {SEEDS_DIR}; keeping {old}")
                return
            raise SystemExit(f"seed notebook {prefix} not found in {SEEDS_DIR}")
        with open(paths[0], encoding="utf-8") as f:
            text = f.read()
        found[lesson] = {"source": os.path.basename(paths[0]), "cells": cells(text)}
    write("notebooks.json", {"notebooks": found})


if __name__ == "__main__":
    main()
