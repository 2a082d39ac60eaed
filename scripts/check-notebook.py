"""Runs an exported notebook (.ipynb) with real PyTorch and compares what each code cell prints
with what the page printed, and with the outputs the file itself stores.

    python3 scripts/check-notebook.py NOTEBOOK.ipynb EXPECTED.json [--plain]

EXPECTED.json maps code-cell ids to the output the page shows (src/export/notebook.ts,
expectedOutputs), or to {"endsWith": text} for a cell that prints more before it. A cell's output is
what it prints plus the value of a final bare expression, as Jupyter shows them. The notebook runs
in a real Jupyter kernel through nbclient when nbclient and ipykernel are installed (Debian:
python3-nbclient python3-ipykernel), else, or with --plain, cell after cell in one namespace as
scripts/goldens/lessons.py does. The notebook is also checked against the nbformat schema when
nbformat is installed.

A downloaded notebook is saved as if run: each code cell that has an execution_count stores its
outputs. Those must be exactly what the run gives: the same outputs (stream or execute_result), the
same text, the same execution counts. Cells stored unrun (execution_count null, no outputs) are
only run.

Exits 0 when every expected cell printed exactly its expected text and every stored output is what
the run gave, 1 on any mismatch or error.
"""
import argparse
import difflib
import json
import os
import sys

# One Jupyter-style cell runner for fixtures and this check: scripts/goldens/lessons.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens"))
from lessons import joined, run_cell_outputs  # noqa: E402


def text_of(value):
    """nbformat's multiline string (a string, or a list of lines) as one string."""
    return "".join(value) if isinstance(value, list) else value


def normalised(outputs):
    """Outputs as comparable records, in the form run_cell_outputs gives: consecutive streams of
    one name joined (a kernel may send a cell's printing in several messages), text as one string,
    and for execute_result its count and every mime type's text."""
    records = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            text = text_of(out["text"])
            if records and records[-1]["output_type"] == "stream" and records[-1]["name"] == out["name"]:
                records[-1]["text"] += text
            else:
                records.append({"output_type": "stream", "name": out["name"], "text": text})
        elif kind == "error":
            records.append({"output_type": "error", "ename": out["ename"], "evalue": out["evalue"]})
        else:
            record = {"output_type": kind}
            if kind == "execute_result":
                record["execution_count"] = out.get("execution_count")
            record.update({mime: text_of(v) for mime, v in out.get("data", {}).items()})
            records.append(record)
    return records


def run_plain(nb):
    """{cell id: (execution count, outputs)} from running the code cells in one namespace, as
    Jupyter would (an empty cell is not run, so gets no count)."""
    ns = {}
    runs = {}
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        code = text_of(cell["source"])
        if not code.strip():
            runs[cell.get("id")] = (None, [])
            continue
        count += 1
        outputs = []
        for out in run_cell_outputs(code, ns):
            if out["output_type"] == "execute_result":
                out = {"output_type": "execute_result", "execution_count": count,
                       "data": {"text/plain": out["text/plain"]}, "metadata": {}}
            outputs.append(out)
        runs[cell.get("id")] = (count, normalised(outputs))
    return runs


def run_nbclient(path):
    """{cell id: (execution count, outputs)} from a run in a Jupyter kernel."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # Run it as if new: the counts and outputs the file stores must come out of this run.
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    return {
        cell.get("id"): (cell.execution_count, normalised(cell.outputs))
        for cell in nb.cells
        if cell.cell_type == "code"
    }


def shown_text(outputs):
    """What a cell shows as one text, as the page prints it (scripts/goldens/lessons.py)."""
    for out in outputs:
        if out["output_type"] == "error":
            raise RuntimeError(f"{out['ename']}: {out['evalue']}")
    return joined([o for o in outputs if o["output_type"] in ("stream", "execute_result")])


def stored_problems(nb, runs):
    """How the outputs the file stores differ from the run's; and how many cells were compared."""
    problems = []
    compared = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        cid = cell.get("id")
        stored_count = cell.get("execution_count")
        stored = normalised(cell.get("outputs", []))
        if stored_count is None and not stored:
            continue  # saved unrun: nothing stored to check
        compared += 1
        count, outputs = runs[cid]
        if stored_count != count:
            problems.append(f"cell {cid}: stored execution_count {stored_count}, the run gave {count}")
        if stored != outputs:
            want = json.dumps(outputs, indent=1).splitlines()
            have = json.dumps(stored, indent=1).splitlines()
            diff = "\n".join(difflib.unified_diff(have, want, "stored", "run", lineterm=""))
            problems.append(f"cell {cid}: stored outputs differ from the run's\n{diff}")
    return problems, compared


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook")
    ap.add_argument("expected")
    ap.add_argument("--plain", action="store_true", help="run without Jupyter (no nbclient)")
    args = ap.parse_args()

    with open(args.notebook, encoding="utf-8") as f:
        nb = json.load(f)
    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)

    problems = []
    if nb.get("nbformat") != 4 or nb.get("metadata", {}).get("kernelspec", {}).get("name") != "python3":
        problems.append("not an nbformat 4 notebook with the python3 kernel")
    try:
        import nbformat

        nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
        schema = "valid nbformat 4"
    except ImportError:
        schema = "schema not checked (no nbformat)"
    except Exception as e:  # nbformat.ValidationError and friends
        problems.append(f"nbformat schema: {e}")
        schema = "INVALID"

    runner = "plain"
    try:
        if args.plain:
            raise ImportError
        import nbclient  # noqa: F401
        import ipykernel  # noqa: F401

        runner = "nbclient (Jupyter kernel)"
        runs = run_nbclient(args.notebook)
    except ImportError:
        runs = None
    except Exception as e:
        print(f"{args.notebook}: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    try:
        if runs is None:
            runs = run_plain(nb)
        got = {cid: shown_text(outputs) for cid, (_, outputs) in runs.items()}
    except Exception as e:
        print(f"{args.notebook}: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    stored, compared = stored_problems(nb, runs)

    checked = 0
    for cell_id, want in expected.items():
        if cell_id not in got:
            problems.append(f"cell {cell_id}: not in the notebook")
            continue
        checked += 1
        # {"endsWith": text}: the cell prints more first (a whole lesson in one cell).
        if isinstance(want, dict):
            ok = got[cell_id].endswith(want["endsWith"])
            want = want["endsWith"]
            if ok:
                continue
            problems.append(f"cell {cell_id}: output does not end with the expected text")
            continue
        if got[cell_id] != want:
            diff = "\n".join(
                difflib.unified_diff(
                    want.splitlines(), got[cell_id].splitlines(), "page", "python", lineterm=""
                )
            )
            problems.append(f"cell {cell_id}: output differs\n{diff}")

    code_cells = sum(1 for c in nb["cells"] if c["cell_type"] == "code")
    print(
        f"{args.notebook}: {schema}; ran {code_cells} code cells with {runner}; "
        f"{checked - sum(1 for p in problems if 'output differs' in p)}/{len(expected)} outputs match; "
        f"stored outputs of {compared - len({p.split(':')[0] for p in stored})}/{compared} cells "
        "are the run's"
    )
    problems += stored
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
