"""Runs every lesson's code cells under real PyTorch, as Jupyter would, and records what each prints.

The cells come from scripts/export-cells.ts (the exact code each step shows, at the default values and
with one embedding edited). Each lesson runs in one namespace, cell after cell; a cell's output is what it prints plus
the repr of a final bare expression, as a notebook shows it. Writes src/math/fixtures/lessons.json.
"""
import ast
import contextlib
import io
import json
import os
import subprocess

from common import write

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run_cell(code, ns):
    tree = ast.parse(code)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(tree, "<cell>", "exec"), ns)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
            if value is not None:
                print(repr(value))
    text = buf.getvalue()
    return text[:-1] if text.endswith("\n") else text


def main():
    exported = subprocess.run(
        ["node", "node_modules/tsx/dist/cli.mjs", "scripts/export-cells.ts"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    lessons = {}
    edited = {}
    for lesson in json.loads(exported):
        lessons[lesson["lesson"]] = run_lesson(lesson["lesson"], lesson["cells"])
        edited[lesson["lesson"]] = {
            "edit": lesson["edit"],
            "outputs": run_lesson(lesson["lesson"] + " (edited)", lesson["editedCells"]),
        }
    write("lessons.json", {"lessons": lessons, "edited": edited})


def run_lesson(name, cells):
    """Runs one lesson's cells in one fresh namespace; returns {step id: printed output}."""
    ns = {}
    outputs = {}
    for cell in cells:
        if not cell["runs"]:
            continue
        try:
            out = run_cell(cell["code"], ns)
        except Exception as e:  # a broken cell must not pass silently
            raise SystemExit(f"{name}/{cell['step']}: {type(e).__name__}: {e}")
        if cell["hasOutput"]:
            outputs[cell["step"]] = out
    return outputs


if __name__ == "__main__":
    main()
