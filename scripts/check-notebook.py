"""Runs an exported notebook (.ipynb) with real PyTorch and compares what each code cell prints
with what the page printed.

    python3 scripts/check-notebook.py NOTEBOOK.ipynb EXPECTED.json [--plain]

EXPECTED.json maps code-cell ids to the output the page shows (src/export/notebook.ts,
expectedOutputs), or to {"endsWith": text} for a cell that prints more before it. A cell's output is what it prints plus the value of a final bare expression, as
Jupyter shows them. The notebook runs in a real Jupyter kernel through nbclient when nbclient and
ipykernel are installed (Debian: python3-nbclient python3-ipykernel), else, or with --plain, cell
after cell in one namespace as scripts/goldens/lessons.py does. The notebook is also checked
against the nbformat schema when nbformat is installed.

Exits 0 when every expected cell printed exactly its expected text, 1 on any mismatch or error.
"""
import argparse
import difflib
import json
import os
import sys

# One Jupyter-style cell runner for fixtures and this check: scripts/goldens/lessons.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens"))
from lessons import run_cell  # noqa: E402


def run_plain(nb):
    """{cell id: output} from running the code cells in one namespace, as Jupyter would."""
    ns = {}
    outputs = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        outputs[cell.get("id")] = run_cell(code, ns)
    return outputs


def run_nbclient(path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text = ""
        for out in cell.outputs:
            kind = out["output_type"]
            if kind == "stream":
                text += out["text"]
            elif kind == "execute_result":
                text += out["data"].get("text/plain", "") + "\n"
            elif kind == "error":
                raise RuntimeError(f"cell {cell.get('id')}: {out['ename']}: {out['evalue']}")
        outputs[cell.get("id")] = text[:-1] if text.endswith("\n") else text
    return outputs


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
        got = run_nbclient(args.notebook)
    except ImportError:
        got = None
    except Exception as e:
        print(f"{args.notebook}: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if got is None:
        try:
            got = run_plain(nb)
        except Exception as e:
            print(f"{args.notebook}: run failed: {type(e).__name__}: {e}", file=sys.stderr)
            return 1

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
        f"{checked - sum(1 for p in problems if 'output differs' in p)}/{len(expected)} outputs match"
    )
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
