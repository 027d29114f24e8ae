#!/usr/bin/env python3
"""Executes notebooks in order with nbclient, a fresh kernel each.

Prints one line per executed code cell with its time, e.g.
``02_eda  cell 3/9  0.41 s``, and one line per finished notebook; writes each
executed notebook into ``--output-dir`` under its own name. Stops at the first
failing cell: prints one line ``{"error": {...}}`` (notebook, code-cell number,
the cell's source, the kernel's error name, value and traceback) and exits 1.
The report build (src/report/notebooks.ts) parses that line; a person reads
the progress lines.

Usage: run_notebooks.py --output-dir DIR [--timeout SECONDS] NOTEBOOK...

Parameters reach the notebooks through the environment (ONECLICK_*), which the
kernels inherit; each kernel starts in its notebook's folder.
"""
import argparse
import json
import os
import signal
import sys
import time
import warnings

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


# Notebooks written without cell ids are fine to execute; do not warn about them.
warnings.filterwarnings("ignore", module="nbformat")


def code_cells(nb):
    """Indexes of the cells nbclient will execute (non-empty code cells)."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]


def say(line):
    print(line, flush=True)


def run_one(path, output_dir, timeout):
    """Executes one notebook; returns None or the error as a dict."""
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    order = code_cells(nb)
    ordinal = {index: k + 1 for k, index in enumerate(order)}
    state = {"index": None, "start": 0.0, "error": None}
    kernel = nb.metadata.get("kernelspec", {}).get("name") or "deno"

    def on_cell_execute(cell, cell_index, **_):
        state["index"] = cell_index
        state["start"] = time.monotonic()

    def on_cell_executed(cell, cell_index, execute_reply, **_):
        seconds = time.monotonic() - state["start"]
        failed = execute_reply is not None and execute_reply["content"].get("status") == "error"
        say(f"{name}  cell {ordinal.get(cell_index, '?')}/{len(order)}  {seconds:.2f} s{'  FAILED' if failed else ''}")

    def on_cell_error(cell, cell_index, execute_reply, **_):
        content = execute_reply["content"]
        state["error"] = {
            "ename": content.get("ename", ""),
            "evalue": content.get("evalue", ""),
            "traceback": content.get("traceback", []),
        }

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_execute=on_cell_execute,
        on_cell_executed=on_cell_executed,
        on_cell_error=on_cell_error,
    )
    started = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError:
        error = state["error"] or {"ename": "Error", "evalue": "the cell failed", "traceback": []}
    except CellTimeoutError:
        error = {"ename": "Timeout", "evalue": f"the cell ran longer than the limit of {timeout} s", "traceback": []}
    except DeadKernelError as e:
        error = {"ename": "DeadKernel", "evalue": f"the kernel died ({e})", "traceback": []}
    except Exception as e:  # kernel did not start, missing kernelspec, …
        error = {"ename": type(e).__name__, "evalue": str(e).strip().splitlines()[0] if str(e).strip() else "", "traceback": []}
        if state["index"] is None:
            error["startup"] = True
    seconds = time.monotonic() - started
    if error is None:
        nbformat.write(nb, os.path.join(output_dir, os.path.basename(path)))
        say(f"{name}  done  {len(order)} cells  {seconds:.2f} s")
        return None
    index = state["index"]
    error.update({
        "notebook": os.path.basename(path),
        "cell": ordinal.get(index) if index is not None and not error.get("startup") else None,
        "cells": len(order),
        "source": nb.cells[index].source if index is not None and not error.get("startup") else "",
        "seconds": round(seconds, 2),
    })
    return error


def stop(signum, frame):
    # Stopped by the build (SIGTERM): unwind like Ctrl-C so nbclient shuts the kernel down.
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, stop)
    parser = argparse.ArgumentParser(description="Execute notebooks in order, one fresh kernel each.")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--timeout", type=int, default=120, help="time limit per cell, seconds")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.output_dir, exist_ok=True)
    for path in args.notebooks:
        try:
            error = run_one(path, args.output_dir, args.timeout)
        except Exception as e:  # unreadable notebook file
            error = {"notebook": os.path.basename(path), "cell": None, "cells": 0, "source": "",
                     "ename": type(e).__name__, "evalue": str(e), "traceback": []}
        if error is not None:
            say(json.dumps({"error": error}, ensure_ascii=False))
            sys.exit(1)


if __name__ == "__main__":
    main()
