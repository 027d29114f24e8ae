#!/usr/bin/env python3
"""Executes notebooks in order with nbclient, a fresh kernel each.

Prints one line per executed code cell with its time, e.g.
``02_eda  cell 3/9  0.41 s``, and one line per finished notebook; writes each
executed notebook into ``--output-dir`` under its own name. Stops at the first
failing cell: prints one line ``{"error": {...}}`` (notebook, code-cell number,
the cell's source, the kernel's error name, value and traceback) and exits 1.
The report build (src/report/notebooks.ts) parses that line; a person reads
the progress lines.

Usage: run_notebooks.py --output-dir DIR [--timeout SECONDS] [--parameters JSON [--parameters-note TEXT]] NOTEBOOK...

Parameters work the papermill way: after the code cell tagged ``parameters``
a cell tagged ``injected-parameters`` is inserted that repeats the call with
``--parameters`` (a JSON object) as its argument, e.g.
``const params = notebookParams({"out": "out/.build-1/artifacts", …});``,
preceded by ``--parameters-note`` as comment lines. A notebook without a
``parameters`` cell gets none. Each kernel starts in its notebook's folder and
inherits the environment.

Every output lands in its own cell even when the kernel publishes it after the
cell's ``status: idle`` (the Deno kernel often does, a few milliseconds
late): see ``RoutingNotebookClient``.
"""
import argparse
import asyncio
import json
import os
import signal
import sys
import time
import warnings

import nbformat
from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, CellTimeoutError, DeadKernelError


# Notebooks written without cell ids are fine to execute; do not warn about them.
warnings.filterwarnings("ignore", module="nbformat")


class RoutingNotebookClient(NotebookClient):
    """nbclient's client, except that one reader routes every IOPub message to
    the cell whose execute request it answers (``parent_header.msg_id``), also
    after that cell's idle, and that the notebook ends with a drain.

    nbclient 0.7 reads a cell's outputs only until its idle and then ignores
    messages of earlier requests, so output a kernel publishes after idle is
    lost. Here a single reader takes IOPub messages in arrival order (which
    keeps the order within a cell and handles each message once) and a cell's
    wait ends at its idle as before; late messages still reach their cell
    while later cells run. After the last cell a kernel_info request (the
    kernel answers requests in order) and a short quiet interval on IOPub,
    both bounded, let the last cell's late output arrive too.
    """

    # IOPub quiet this long after the last cell ends the drain (the Deno
    # kernel's late messages lag by under 20 ms, measured under full CPU load).
    DRAIN_QUIET_SECONDS = 0.25
    # The drain never takes longer than this.
    DRAIN_LIMIT_SECONDS = 3.0

    async def async_execute(self, reset_kc=False, **kwargs):
        """nbclient's ``async_execute`` with the IOPub reader around the cells and the drain after them."""
        if reset_kc and self.owns_km:
            await self._async_cleanup_kernel()
        self.reset_execution_trackers()
        self._cell_of = {}  # execute request msg_id → cell index
        self._idle = {}  # request msg_id → set when its idle arrives
        self._clear_pending = {}  # cell index → a clear_output(wait=True) waits for the next output
        self._unrouted = {}  # parent msg_id → messages read before their request was registered
        self._last_message = time.monotonic()
        async with self.async_setup_kernel(**kwargs):
            self._reader = asyncio.ensure_future(self._read_iopub())
            try:
                info_msg = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
                if info_msg is not None:
                    if "language_info" not in info_msg["content"]:
                        raise RuntimeError(
                            'Kernel info received message content has no "language_info" key. '
                            "Content is:\n" + str(info_msg["content"])
                        )
                    self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
                await self._drain()
            finally:
                self._reader.cancel()
            self.set_widgets_metadata()
        return self.nb

    execute = run_sync(async_execute)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        """Called by nbclient right after sending a cell: register the request, wait for its idle."""
        self._register(parent_msg_id, cell_index)
        await self._wait_idle(parent_msg_id)

    def _register(self, msg_id, cell_index=None):
        self._idle[msg_id] = asyncio.Event()
        if cell_index is not None:
            self._cell_of[msg_id] = cell_index
        # The reader may have run before this registration; anything else
        # unrouted answers a request that is not a cell (kernel_info).
        early = self._unrouted.pop(msg_id, [])
        self._unrouted.clear()
        for msg in early:
            self._route(msg)

    async def _wait_idle(self, msg_id):
        idle = asyncio.ensure_future(self._idle[msg_id].wait())
        try:
            await asyncio.wait({idle, self._reader}, return_when=asyncio.FIRST_COMPLETED)
            if self._reader.done():
                self._reader.result()  # the reader failed: raise its error here
                raise RuntimeError("the IOPub reader stopped")
        finally:
            idle.cancel()

    async def _read_iopub(self):
        while True:
            self._route(await ensure_async(self.kc.iopub_channel.get_msg(timeout=None)))

    def _route(self, msg):
        self._last_message = time.monotonic()
        parent = (msg.get("parent_header") or {}).get("msg_id")
        if not parent:
            return  # answers no request of ours
        if parent not in self._idle:
            self._unrouted.setdefault(parent, []).append(msg)
            return
        index = self._cell_of.get(parent)
        if index is None:  # the drain's kernel_info
            if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                self._idle[parent].set()
            return
        cell = self.nb.cells[index]
        # nbclient keeps one "clear before the next output" flag; late messages
        # interleave cells, so keep it per cell. The execution count is the one
        # nbclient gives the cell, not a late message's.
        self.clear_before_next_output = self._clear_pending.get(index, False)
        count = cell.get("execution_count")
        try:
            self.process_message(msg, cell, index)
        except CellExecutionComplete:
            self._idle[parent].set()
        finally:
            cell["execution_count"] = count
            self._clear_pending[index] = self.clear_before_next_output

    async def _drain(self):
        start = time.monotonic()
        msg_id = await ensure_async(self.kc.kernel_info())
        self._register(msg_id)
        try:
            await asyncio.wait_for(self._wait_idle(msg_id), self.DRAIN_LIMIT_SECONDS)
        except asyncio.TimeoutError:
            pass  # the kernel did not answer: the quiet interval still applies
        while True:
            now = time.monotonic()
            quiet = now - self._last_message
            if quiet >= self.DRAIN_QUIET_SECONDS or now - start >= self.DRAIN_LIMIT_SECONDS:
                return
            await asyncio.sleep(min(self.DRAIN_QUIET_SECONDS - quiet, self.DRAIN_LIMIT_SECONDS - (now - start)))


INJECTED_TAG = "injected-parameters"


def inject_parameters(nb, parameters, note):
    """Inserts the ``injected-parameters`` cell after the ``parameters`` one (replacing an earlier injection)."""
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    at = next((i for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if at is None:
        return
    comment = ["// Injected by the report build: the values this run used (paths from the project's root)."]
    comment += [f"// {line}" for line in note.splitlines() if line.strip()]
    body = json.dumps(parameters, indent=2, ensure_ascii=False)
    cell = nbformat.v4.new_code_cell("\n".join(comment) + f"\nconst params = notebookParams({body});")
    cell.metadata["tags"] = [INJECTED_TAG]
    cell["id"] = INJECTED_TAG
    nb.cells.insert(at + 1, cell)


def code_cells(nb):
    """Indexes of the cells nbclient will execute (non-empty code cells)."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]


def say(line):
    print(line, flush=True)


def run_one(path, output_dir, timeout, parameters=None, note=""):
    """Executes one notebook; returns None or the error as a dict."""
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    if parameters is not None:
        inject_parameters(nb, parameters, note)
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

    client = RoutingNotebookClient(
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
    parser.add_argument("--parameters", type=json.loads, default=None,
                        help="JSON object: the values of the injected-parameters cell")
    parser.add_argument("--parameters-note", default="", help="comment lines above the injected values")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if args.parameters is not None and not isinstance(args.parameters, dict):
        parser.error("--parameters must be a JSON object")
    os.makedirs(args.output_dir, exist_ok=True)
    for path in args.notebooks:
        try:
            error = run_one(path, args.output_dir, args.timeout, args.parameters, args.parameters_note)
        except Exception as e:  # unreadable notebook file
            error = {"notebook": os.path.basename(path), "cell": None, "cells": 0, "source": "",
                     "ename": type(e).__name__, "evalue": str(e), "traceback": []}
        if error is not None:
            say(json.dumps({"error": error}, ensure_ascii=False))
            sys.exit(1)


if __name__ == "__main__":
    main()
