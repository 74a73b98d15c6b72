"""Run notebooks headless, fast and never stuck: warm kernels, each running many notebooks.

Starting a kernel and importing pandas, matplotlib, NLTK and newslens in it costs seconds, more
than most of newslens's notebooks take to run. A :class:`WarmKernel` starts once and runs
notebook after notebook, with the user namespace reset in between (``%reset -f``, figures
closed, the autoreload extension unloaded so that the next notebook loads it afresh). The report
runs one warm kernel per core (:func:`run_jobs`).

The kernels' own warnings ("Kernel is running over TCP without encryption", ...) go to a log
file, never into the progress bar. A cell whose kernel has reported it idle (every output is in)
but whose reply never arrives is taken as finished after :data:`QUIET_AFTER` seconds instead of
waiting out the cell timeout (:class:`QuietAwareClient`): the hang seen in CI, an idle kernel and
a client waiting for a reply, costs seconds, not ten minutes.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from time import monotonic
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

__all__ = ["QUIET_AFTER", "TABLE_MIME", "FIGURE_MIME", "QuietAwareClient", "WarmKernel", "install_formatters", "run_jobs"]

TABLE_MIME = "application/vnd.newslens.table+json"
"""Beside a displayed DataFrame's HTML (which pandas cuts to a few rows): the whole table and its
name (``table.attrs["table"]``), so the report saves every row, named by what the table shows."""

FIGURE_MIME = "application/vnd.newslens.figure+json"
"""Beside a displayed figure's PNG: the chart's title, so the report names the file by it."""

QUIET_AFTER = 10.0
"""Seconds to wait for a cell's reply once the kernel has said it is idle."""

_RESET = """\
%reset -f
import matplotlib.pyplot as _plt
_plt.close("all")
_ip = get_ipython()
_ip.extension_manager.loaded.difference_update({"autoreload", "IPython.extensions.autoreload"})
for _event in ("pre_run_cell", "post_execute"):
    _ip.events.callbacks[_event] = [c for c in _ip.events.callbacks[_event]
                                   if "autoreload" not in getattr(c, "__module__", "")]
del _plt, _ip, _event
"""


class QuietAwareClient(NotebookClient):
    """nbclient's client, but a cell whose outputs are all in (the kernel said it is idle) and whose
    reply has not come :data:`QUIET_AFTER` seconds later is taken as finished; the cell keeps its
    outputs, and an error among them still fails the report."""

    quiet_cells: list[int]

    async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
        reply = asyncio.ensure_future(
            super()._async_poll_for_reply(msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive))
        idle_since = None
        while True:
            done, _ = await asyncio.wait({reply}, timeout=1.0)
            if done:
                return reply.result()
            if task_poll_output_msg.done():
                idle_since = idle_since if idle_since is not None else monotonic()
                if monotonic() - idle_since >= QUIET_AFTER:
                    reply.cancel()
                    task_poll_kernel_alive.cancel()
                    self.log.warning("newslens: a cell's reply never came after its kernel went idle; going on")
                    getattr(self, "quiet_cells", []).append(cell.get("id"))
                    return {"parent_header": {"msg_id": msg_id}, "header": {}, "metadata": {},
                            "content": {"status": "ok", "execution_count": None}}


class WarmKernel:
    """A Python kernel that runs one notebook after another.

    Args:
        cwd: The kernel's working folder (the notebooks' folder, so their relative paths work).
        env: The kernel's environment.
        log: Where the kernel's own output (warnings) goes.
    """

    def __init__(self, cwd: Path, env: dict[str, str], log: Path) -> None:
        self.cwd, self.env, self.log = cwd, env, log
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self._start()

    def _start(self) -> None:
        self._log_handle = open(self.log, "ab")  # noqa: SIM115 - closed in close()
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(self.cwd), env=self.env, stdout=self._log_handle,
                                       stderr=subprocess.STDOUT)
        self.kc = None

    def execute(self, nb: Any, *, timeout: int) -> Any:
        """Run every cell of ``nb`` (in place) after resetting the namespace; return ``nb``."""
        self._run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_RESET)]), timeout=60)
        return self._run(nb, timeout=timeout)

    def _run(self, nb: Any, *, timeout: int) -> Any:
        client = QuietAwareClient(nb, km=self.km, timeout=timeout, kernel_name="python3",
                                  resources={"metadata": {"path": str(self.cwd)}})
        client.quiet_cells = []
        client.kc = self.kc
        client.execute()
        self.kc = client.kc
        return nb

    def restart(self) -> None:
        """A fresh kernel in place of this one (after a cell ran over its time)."""
        self.close()
        self._start()

    def close(self) -> None:
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and run_sync(self.km.is_alive)():
                run_sync(self.km.shutdown_kernel)(now=True)
        finally:
            self._log_handle.close()


def install_formatters() -> None:
    """In a report kernel: display every DataFrame with :data:`TABLE_MIME` and every figure with
    :data:`FIGURE_MIME` too (run at kernel start, from the report's kernel configuration)."""
    import json

    import pandas as pd
    from IPython import get_ipython
    from IPython.core.formatters import JSONFormatter
    from matplotlib.figure import Figure
    from traitlets import Unicode

    class TableFormatter(JSONFormatter):
        format_type = Unicode(TABLE_MIME)

    class FigureFormatter(JSONFormatter):
        format_type = Unicode(FIGURE_MIME)

    shell = get_ipython()
    tables, figures = TableFormatter(parent=shell.display_formatter), FigureFormatter(parent=shell.display_formatter)
    shell.display_formatter.formatters[TABLE_MIME] = tables
    shell.display_formatter.formatters[FIGURE_MIME] = figures
    tables.for_type(pd.DataFrame, lambda df: {
        "name": df.attrs.get("table"),
        "split": json.loads(df.to_json(orient="split", date_format="iso", default_handler=str, index=False))})

    def figure_title(fig: Figure) -> dict[str, str]:
        return {"title": next((ax.get_title() for ax in fig.axes if ax.get_title()), "")}

    def keep_figure_formatter(*args: object) -> None:  # matplotlib's inline backend drops Figure formatters
        if Figure not in figures.type_printers:      # when it configures itself: put ours back before each cell
            figures.for_type(Figure, figure_title)

    keep_figure_formatter()
    shell.events.register("pre_run_cell", keep_figure_formatter)


def run_jobs(
    jobs: Sequence[Any],
    work: Callable[[WarmKernel, Any], None],
    *,
    kernels: int,
    cwd: Path,
    env: dict[str, str],
    log_dir: Path,
    done: Callable[[Any], None] = lambda job: None,
) -> None:
    """Run ``work(kernel, job)`` for every job on ``kernels`` warm kernels at once (threads, one
    kernel each). The first error stops the others after their current job and is raised here."""
    queue = list(reversed(jobs))
    lock = threading.Lock()
    failures: list[BaseException] = []

    def worker(number: int) -> None:
        kernel = None
        try:
            kernel = WarmKernel(cwd, env, log_dir / f"kernel-{number}.log")
            while True:
                with lock:
                    if failures or not queue:
                        return
                    job = queue.pop()
                work(kernel, job)
                done(job)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            with lock:
                failures.append(exc)
        finally:
            if kernel is not None:
                kernel.close()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(max(1, min(kernels, len(jobs))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(0.2)  # wakes up for Ctrl-C
    if failures:
        raise failures[0]


def default_kernels() -> int:
    """One kernel per core, at most four (each holds pandas, matplotlib and newslens in memory)."""
    return max(1, min(4, os.cpu_count() or 1))
