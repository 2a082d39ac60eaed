"""Runs every lesson's code cells under real PyTorch, as Jupyter would, and records what each prints.

The cells come from scripts/export-cells.ts: the exact code each step shows at the default values,
with one embedding edited, with one W_query entry edited (lessons with W matrices), with another
seed (lessons with a seed control), for the word-order lesson after a shuffle and after a
position-vector edit, and for the training lesson its own states (a finished run, an edited goal,
Adam, a diverging learning rate: `variants`). Each lesson runs in one namespace, cell after cell; a
cell's output is what it prints plus the repr of a final bare expression, as a notebook shows it.
Writes src/math/fixtures/lessons.json and notebook.json.
"""
import ast
import contextlib
import io
import json
import os
import subprocess

from common import write

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run_cell_outputs(code, ns):
    """Runs one cell in `ns` and returns its outputs as Jupyter records them (nbformat 4): what it
    prints as one stdout stream, then the value of a final bare expression (unless it is None or
    the cell ends with ";") as an execute_result with its repr as text/plain."""
    tree = ast.parse(code)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop()
    buf = io.StringIO()
    value = None
    with contextlib.redirect_stdout(buf):
        exec(compile(tree, "<cell>", "exec"), ns)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
    outputs = []
    if buf.getvalue():
        outputs.append({"output_type": "stream", "name": "stdout", "text": buf.getvalue()})
    if value is not None and not code.rstrip().endswith(";"):
        outputs.append({"output_type": "execute_result", "text/plain": repr(value)})
    return outputs


def run_cell(code, ns):
    """A cell's output as one text: what it prints, then the repr of a final bare expression, as a
    notebook shows them one under the other (without the last line break)."""
    return joined(run_cell_outputs(code, ns))


def joined(outputs):
    """Outputs from run_cell_outputs as the one text a page shows under the cell."""
    text = ""
    for out in outputs:
        text += out["text"] if out["output_type"] == "stream" else out["text/plain"] + "\n"
    return text[:-1] if text.endswith("\n") else text


def main():
    exported = subprocess.run(
        ["node", "node_modules/tsx/dist/cli.mjs", "scripts/export-cells.ts"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    steps = {}
    lessons = {}
    edited = {}
    w_edited = {}
    reseeded = {}
    cells = {}
    edited_cells = {}
    w_edited_cells = {}
    reseeded_cells = {}
    variants = {}
    shuffled = {}
    pos_edited = {}
    for lesson in json.loads(exported):
        name = lesson["lesson"]
        steps[name] = lesson["steps"]
        lessons[name], cells[name] = run_lesson(name, lesson["cells"])
        outputs, edited_cells[name] = run_lesson(name + " (edited)", lesson["editedCells"])
        edited[name] = {"edit": lesson["edit"], "outputs": outputs}
        if "wEditedCells" in lesson:
            outputs, w_edited_cells[name] = run_lesson(name + " (W edited)", lesson["wEditedCells"])
            w_edited[name] = {"edit": lesson["wEdit"], "outputs": outputs}
        if "reseededCells" in lesson:
            outputs, reseeded_cells[name] = run_lesson(name + " (reseeded)", lesson["reseededCells"])
            reseeded[name] = {"seed": lesson["seed"], "outputs": outputs}
        # Lessons with states of their own (the training lesson's goal and settings).
        for v in lesson.get("variants", []):
            outputs, _ = run_lesson(f"{name} ({v['name']})", v["cells"])
            variants.setdefault(name, {})[v["name"]] = {"choice": v["choice"], "outputs": outputs}
        if "shuffledCells" in lesson:
            outputs, _ = run_lesson(name + " (shuffled)", lesson["shuffledCells"])
            shuffled[name] = {"perm": lesson["perm"], "outputs": outputs}
        if "posEditedCells" in lesson:
            outputs, _ = run_lesson(name + " (position edited)", lesson["posEditedCells"])
            pos_edited[name] = {"edit": lesson["posEdit"], "outputs": outputs}
    write(
        "lessons.json",
        {
            "steps": steps,
            "lessons": lessons,
            "edited": edited,
            "wEdited": w_edited,
            "reseeded": reseeded,
            "variants": variants,
            "shuffled": shuffled,
            "posEdited": pos_edited,
        },
    )
    # The same runs, each runnable cell's outputs as a Jupyter notebook stores them (stream and
    # execute_result apart), for the .ipynb export's tests.
    write(
        "notebook.json",
        {
            "lessons": cells,
            "edited": edited_cells,
            "wEdited": w_edited_cells,
            "reseeded": reseeded_cells,
        },
    )


def run_lesson(name, cells):
    """Runs one lesson's cells in one fresh namespace; returns {step id: printed output} for the
    steps that show an output, and {step id: Jupyter outputs} for every cell that runs."""
    ns = {}
    outputs = {}
    jupyter = {}
    for cell in cells:
        if not cell["runs"]:
            continue
        try:
            jupyter[cell["step"]] = run_cell_outputs(cell["code"], ns)
        except Exception as e:  # a broken cell must not pass silently
            raise SystemExit(f"{name}/{cell['step']}: {type(e).__name__}: {e}")
        if cell["hasOutput"]:
            outputs[cell["step"]] = joined(jupyter[cell["step"]])
    return outputs, jupyter


if __name__ == "__main__":
    main()
