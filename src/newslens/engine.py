"""The corpus engine: chunks of articles run as tasks on Dask (``dask.distributed``), on this
machine's cores or on a cluster of machines.

A task is a chunk of articles (:class:`newslens.batch.Item`: a file to read, or a text): a worker
reads and analyses them with :func:`newslens.batch.analyse_items`, loading the spaCy model once
per worker process (:mod:`newslens.nlp` keeps it). Chunks are submitted a few at a time, as
workers free up, so the main process never holds more than a window of them, however long the
input. A task whose worker dies is run again by Dask on another worker.

* :func:`analyse_to_parquet`: each task writes its tables itself, one Parquet file per table
  (``OUT/<table>/chunk-NNNNNN.parquet``), then a marker (``OUT/_done/chunk-NNNNNN.json``) with a
  digest of its input; a rerun skips chunks whose marker matches. Files are written under a
  temporary name and renamed, so a task run twice (its worker died) writes the same file twice,
  never two files. :func:`read_tables` reads the dataset back (as does ``dask.dataframe.read_parquet``).
* :func:`analyse_in_memory`: the tasks return the articles with their tables, for
  :meth:`newslens.corpus.Corpus.analyse`.

``distributed`` is imported inside the functions that start or use a cluster (``# lazy``):
importing it takes a second that reading one article should not pay.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from newslens import cache
from newslens.article import Article
from newslens.batch import ERROR_COLUMNS, TABLES, Item, analyse_items
from newslens.errors import ArticleError, InvalidArgument, NewslensError, message
from newslens.version import __version__

__all__ = ["CHUNK_SIZE", "DATASET_TABLES", "MANIFEST", "open_client", "cluster", "analyse_to_parquet",
           "analyse_in_memory", "read_tables", "run_chunks"]

CHUNK_SIZE = 16
"""Articles per task and per Parquet file by default: a few seconds of work, so the overhead of a
task (milliseconds) is lost in it, and a worker lost mid-task costs little to redo."""

DATASET_TABLES = (*TABLES, "errors")
"""The tables of a dataset written by :func:`analyse_to_parquet`, one folder each."""

MANIFEST = "_newslens.json"
"""The file that marks a folder as a newslens dataset (what was analysed, how far, with which version)."""


ENGINE_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.low-level-log-length": 0,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}
"""Dask settings while newslens runs a cluster (the client, and a local cluster's scheduler and
workers). Dask's statistical profiler samples every thread's stack every 10 ms, and its monitors
wake every 20-500 ms: for tasks of pure Python that hold the interpreter lock for seconds, that
costs several per cent of throughput and shows nothing newslens needs. Every connection keeps its
last 1,000 messages for debugging (``low-level-log-length``), each holding a task's articles, so
the main process grew by the size of the texts it sent: the log is off. Dask also sets
``MALLOC_TRIM_THRESHOLD_`` in its workers, which turns off glibc's adaptive allocator thresholds
(every large array is then mapped and unmapped afresh): about 10% of the analysis's speed, so it
is left out. A cluster of your own takes these from its own configuration (for example
``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` in the workers' environment)."""


def open_client(*, scheduler: str | None = None, workers: int | None = None) -> tuple[Any, Any]:
    """A Dask client: connected to ``scheduler``, or to a new local cluster of ``workers`` processes
    (one per core by default, one thread each: the analysis is CPU-bound Python).

    Returns:
        ``(client, cluster)``; ``cluster`` is ``None`` for a scheduler's cluster (not ours to close).

    Raises:
        InvalidArgument: No scheduler answers at ``scheduler``, or ``workers`` is below 1.
    """
    import dask  # lazy: importing dask and distributed takes a second
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise InvalidArgument(message(f"--scheduler {scheduler}", f"no Dask scheduler answered ({exc})",
                                          "start one there with `dask scheduler`, or check the address "
                                          "(tcp://HOST:8786)")) from None
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise InvalidArgument(message(f"workers={workers!r}", "needs at least one worker", "pass 1 or more"))
    try:
        with dask.config.set(ENGINE_CONFIG):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
    except RuntimeError as exc:  # a worker process that could not start: most often a script without a main guard
        raise NewslensError(message("the local Dask cluster", f"its worker processes did not start ({exc})",
                                   "in a script, call newslens under `if __name__ == \"__main__\":` (each worker "
                                   "starts a fresh Python that imports your script), or pass workers=1")) from None
    return Client(cluster), cluster


@contextmanager
def cluster(*, client: Any = None, scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """The client to run on: ``client`` if given (left open), else one from :func:`open_client`
    (closed, with its local cluster, on leaving)."""
    if client is not None:
        yield client
        return
    import dask  # lazy: see the module's docstring
    import distributed  # noqa: F401 - lazy; imported before the settings, so that its own defaults are in place

    with dask.config.set(ENGINE_CONFIG):  # for the whole run: a worker that joins late gets them too
        client, local = open_client(scheduler=scheduler, workers=workers)
        try:
            yield client
        finally:
            client.close()
            if local is not None:
                local.close()


def run_chunks(
    client: Any, task: Callable[..., Any], chunks: Iterable[tuple[int, list[Any]]], *args: Any, window: int | None = None
) -> Iterator[tuple[int, list[Any], Any, str | None]]:
    """Run ``task(index, chunk, *args)`` for every chunk on the cluster, a window at a time,
    yielding ``(index, chunk, result, error)`` as tasks finish (``error`` names what failed:
    a task that failed on every worker it was given to).

    Args:
        client: The Dask client.
        task: A function importable on the workers.
        chunks: ``(index, chunk)`` pairs; read lazily.
        args: Further arguments of every task.
        window: Tasks in flight at once (default: twice the workers' threads, at least 4).
    """
    from distributed import as_completed  # lazy: see the module's docstring

    if window is None:
        window = max(4, 2 * sum(client.nthreads().values()))
    source = iter(chunks)
    token = uuid.uuid4().hex[:8]
    pending: dict[str, tuple[int, list[Any]]] = {}
    finished = as_completed()

    def submit() -> bool:
        nxt = next(source, None)
        if nxt is None:
            return False
        index, chunk = nxt
        future = client.submit(task, index, chunk, *args, key=f"newslens-{token}-{index}", pure=False)
        pending[future.key] = (index, chunk)
        finished.add(future)
        return True

    for _ in range(window):
        if not submit():
            break
    for future in finished:
        index, chunk = pending.pop(future.key)
        try:
            result, error = future.result(), None
        except Exception as exc:  # noqa: BLE001 - a task lost on every worker: its articles are errors, not the end
            result, error = None, " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        future.release()
        yield index, chunk, result, error
        submit()


def _cache_settings() -> dict[str, Any]:
    return {"directory": str(cache.cache_dir()), "enabled": cache.enabled()}


def _in_memory_task(index: int, chunk: list[Article], settings: dict[str, Any]) -> tuple[list[Article], pd.DataFrame]:
    """Worker: analyse articles and return them with the tables they keep, and the errors."""
    cache.configure(**settings)
    tables, kept = analyse_items(chunk, keep_articles=True)
    return kept, tables["errors"]


def analyse_in_memory(
    articles: list[Article], *, client: Any = None, workers: int | None = None, progress: bool = True
) -> pd.DataFrame:
    """Analyse articles on Dask; each article given keeps the tables computed for it
    (:meth:`~newslens.article.Article.adopt`).

    Returns:
        The errors (``file``: the article's id, ``problem``).
    """
    by_id = {a.id: a for a in articles}
    n_workers = workers or os.cpu_count() or 1
    size = max(1, min(CHUNK_SIZE, -(-len(articles) // (4 * n_workers))))
    chunks = ((i, articles[start:start + size]) for i, start in enumerate(range(0, len(articles), size)))
    errors: list[pd.DataFrame] = []
    with cluster(client=client, workers=workers) as dask_client, \
            tqdm(total=len(articles), desc="newslens", unit="article", disable=not progress) as bar:
        for _, chunk, result, error in run_chunks(dask_client, _in_memory_task, chunks, _cache_settings()):
            if error is not None:
                errors.append(pd.DataFrame({"file": [a.id for a in chunk], "problem": error}))
            else:
                kept, failed = result
                for worked in kept:
                    by_id[worked.id].adopt(worked)
                errors.append(failed)
            bar.update(len(chunk))
    return pd.concat(errors, ignore_index=True) if errors else pd.DataFrame(columns=ERROR_COLUMNS)


def _digest(chunk: list[Item], layout: str) -> str:
    """What a chunk's tables depend on: its articles (a file's path, size and time of change; a
    row's text), the layout, and newslens's code."""
    digest = hashlib.sha256(f"{cache.code_digest()}\0{layout}".encode())
    for item in chunk:
        if item.path is not None:
            try:
                info = os.stat(item.path)
                state = f"{info.st_size}:{info.st_mtime_ns}"
            except OSError:
                state = "missing"
            piece = f"{item.id}\0{item.path}\0{state}"
        else:
            piece = f"{item.id}\0{item.problem}\0{item.text}\0{json.dumps(item.extra, sort_keys=True, default=str)}"
        digest.update(piece.encode("utf-8", "surrogatepass"))
        digest.update(b"\1")
    return digest.hexdigest()


def _chunk_name(index: int) -> str:
    return f"chunk-{index:06d}"


def _write_atomic(out: Path, write: Callable[[str], None]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=out.parent, prefix=".", suffix=".tmp")
    os.close(handle)
    try:
        write(tmp)
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _parquet_task(index: int, packed: tuple[list[Item], str], out: str, layout: str,
                  settings: dict[str, Any]) -> dict[str, int]:
    """Worker: read and analyse a chunk (its items and their digest), write one Parquet file per
    table that has rows, then the chunk's marker; returns its counts."""
    chunk, digest = packed
    cache.configure(**settings)
    tables, _ = analyse_items(chunk, layout=layout)
    root = Path(out)
    name = _chunk_name(index)
    written = []
    for table_name in DATASET_TABLES:
        path = root / table_name / f"{name}.parquet"
        table = tables[table_name]
        if len(table):
            _write_atomic(path, lambda tmp, t=table: t.to_parquet(tmp, index=False))
            written.append(table_name)
        else:
            path.unlink(missing_ok=True)  # an earlier run's file for another input
    counts = {"articles": len(chunk) - len(tables["errors"]), "errors": len(tables["errors"])}
    marker = {"digest": digest, "tables": written, **counts}
    _write_atomic(root / "_done" / f"{name}.json", lambda tmp: Path(tmp).write_text(json.dumps(marker)))
    return counts


def _done(out: Path, index: int, digest: str) -> bool:
    try:
        return json.loads((out / "_done" / f"{_chunk_name(index)}.json").read_text())["digest"] == digest
    except (OSError, ValueError, KeyError):
        return False


def _check_dataset_folder(out: Path) -> None:
    """Refuse an ``out`` that holds anything but a newslens dataset (it would be mixed with ours)."""
    if out.exists() and not out.is_dir():
        raise InvalidArgument(message(f"--out {out}", "is a file", "give a folder for the tables"))
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise InvalidArgument(message(f"--out {out}", "holds files that newslens did not write",
                                      "give an empty or new folder (or one an earlier `newslens analyse` wrote)"))


def analyse_to_parquet(
    chunks: Iterable[list[Item]],
    *,
    out: Path,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    layout: str = "auto",
    progress: bool = True,
    source: str = "",
    use_cache: bool = False,
) -> dict[str, Any]:
    """Run chunks of items on Dask, each writing its tables under ``out``; skip chunks already done.

    Args:
        chunks: The chunks, in a fixed order (a chunk's number is its place), read lazily.
        out: The dataset folder.
        client: A Dask client; else ``scheduler``'s cluster, else a local cluster of ``workers``.
        layout: The layout of every article.
        progress: Show a progress bar (articles).
        source: What is analysed, for the manifest.
        use_cache: Also keep each article's tables in the disk cache (off: the dataset is the
            result, and a million articles would be millions of cache files).

    Returns:
        ``out``, ``articles`` and ``errors`` (in this run), ``chunks``, ``skipped``, ``seconds``.
    """
    started = time.perf_counter()
    out = out.absolute()
    _check_dataset_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"source": source, "layout": layout, "newslens": __version__, "complete": False}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    settings = {**_cache_settings(), "enabled": use_cache and cache.enabled()}
    summary = {"out": str(out), "articles": 0, "errors": 0, "chunks": 0, "skipped": 0}
    bar: Any = None  # made once the cluster answers, so that a scheduler's error is the only line

    def todo() -> Iterator[tuple[int, tuple[list[Item], str]]]:
        for index, chunk in enumerate(chunks):
            summary["chunks"] += 1
            digest = _digest(chunk, layout)
            if _done(out, index, digest):
                summary["skipped"] += 1
                bar.update(len(chunk))
                continue
            yield index, (chunk, digest)

    try:
        with cluster(client=client, scheduler=scheduler, workers=workers) as dask_client:
            bar = tqdm(desc="newslens", unit="article", disable=not progress)
            for index, chunk, result, error in run_chunks(dask_client, _parquet_task, todo(),
                                                          str(out), layout, settings):
                if error is not None:
                    failed = pd.DataFrame({"file": [i.where for i in chunk[0]], "problem": f"the task failed: {error}"})
                    _write_atomic(out / "errors" / f"{_chunk_name(index)}.parquet",
                                  lambda tmp, t=failed: t.to_parquet(tmp, index=False))
                    summary["errors"] += len(failed)
                else:
                    summary["articles"] += result["articles"]
                    summary["errors"] += result["errors"]
                bar.update(len(chunk[0]))
    finally:
        if bar is not None:
            bar.close()
    _remove_stale(out, summary["chunks"])
    manifest.update(complete=True, chunks=summary["chunks"])
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary


def _remove_stale(out: Path, n_chunks: int) -> None:
    """Files of chunks beyond this run's last (an earlier run over a longer input)."""
    for folder in [*(out / name for name in DATASET_TABLES), out / "_done"]:
        for path in folder.glob("chunk-*") if folder.is_dir() else ():
            try:
                index = int(path.stem.split("-")[1])
            except (IndexError, ValueError):
                continue
            if index >= n_chunks:
                path.unlink(missing_ok=True)


def read_tables(folder: str | Path, *, tables: Iterable[str] = DATASET_TABLES) -> dict[str, pd.DataFrame]:
    """Read a dataset written by :func:`analyse_to_parquet` (``newslens analyse``) into pandas.

    For a dataset larger than memory, read one table lazily with Dask instead:
    ``dask.dataframe.read_parquet("OUT/entities")``.

    Args:
        folder: The dataset folder.
        tables: Which tables (default: all of :data:`DATASET_TABLES`).

    Returns:
        Each table, its chunks in order (a table no chunk wrote is empty).

    Raises:
        ArticleError: ``folder`` is not a newslens dataset.

    Example:
        >>> tables = read_tables("tables")  # doctest: +SKIP
        >>> tables["entities"].groupby("canonical").size().nlargest(10)  # doctest: +SKIP
    """
    root = Path(folder)
    if not (root / MANIFEST).is_file():
        raise ArticleError(message(root, "is not a dataset written by `newslens analyse`",
                                   "give the --out folder of `newslens analyse`"), path=str(root))
    out = {}
    for name in tables:
        if name not in DATASET_TABLES:
            raise InvalidArgument(message(f"tables={name!r}", "no such table", f"pick from {', '.join(DATASET_TABLES)}"))
        files = sorted((root / name).glob("chunk-*.parquet"))
        frames = [pd.read_parquet(f) for f in files]
        out[name] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
            columns=ERROR_COLUMNS if name == "errors" else None)
    return out
