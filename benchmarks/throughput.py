"""Throughput and memory of the corpus engine (Dask) against the engine it replaced, in one run.

Usage:
    python benchmarks/throughput.py CORPUS_DIR [--limit N] [--workers 2] [--json OUT.json]
    python benchmarks/throughput.py CORPUS_DIR --stream 50000 [--json OUT.json]

CORPUS_DIR is a folder of .txt articles (e.g. ../shared/eval/polnear-train/text). Each way runs in
a fresh Python process over the same files, with the disk cache off, timed from the start of the
job (model loading and worker start-up included: what the user waits for) to its end:

* ``pool``: the engine newslens had before Dask, reproduced here as the baseline: a forked
  ``multiprocessing.Pool`` of ``--workers`` processes sharing a model loaded before forking,
  articles read and analysed in the workers (``imap``, chunks of 4), tables returned to the parent;
* ``dask``: ``newslens.corpus.analyse(folder, out=DIR, workers=N)``: a local Dask cluster of N
  worker processes, chunks of 16 articles, each chunk written as Parquet by its worker;
* ``dask_half``: the same on the first half of the files (is memory flat as the corpus doubles?).

Memory: the peak resident set of the main process and of the largest worker (sampled every 0.5 s
from the benchmark's own process, so that measuring does not slow the measured run).

``--stream N`` instead simulates an N-article corpus (the folder's articles repeated under new
ids, as one JSONL file read as a stream), analyses it with ``newslens analyse`` in a child
process, interrupts that process (SIGINT) once a third of the chunks are written, resumes it,
and reports the peak memory of the main process and the workers in each quarter of the run, the
chunks skipped on resuming, and whether every id is in the dataset exactly once. The disk cache
is on for this run, so repeats of a text are read rather than recomputed: it measures the
engine (streaming, submitting, writing), not the analysis.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil


def corpus_files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.txt"))[: limit or None]
    if not files:
        raise SystemExit(f"error: no .txt files in {folder}")
    return files


class Sampler(threading.Thread):
    """The peak resident memory of this process's children (the workers), sampled."""

    def __init__(self, pid: int | None = None, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid or os.getpid())
        self.every = every
        self.main_peak = 0
        self.worker_peak = 0
        self.timeline: list[tuple[float, int, int]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self.stopped.is_set():
            try:
                main = self.process.memory_info().rss
                workers = [c.memory_info().rss for c in self.process.children(recursive=True)]
            except psutil.Error:
                workers, main = [], 0
            self.main_peak = max(self.main_peak, main)
            self.worker_peak = max([self.worker_peak, *workers])
            self.timeline.append((time.perf_counter() - start, main, max(workers, default=0)))
            self.stopped.wait(self.every)


def _pool_work(path: str):
    from newslens.article import load_article
    from newslens.batch import analyse_article

    try:
        article = load_article(path)
        return article.id, analyse_article(article), None
    except Exception as exc:  # noqa: BLE001
        return None, None, str(exc)


def run_pool(files: list[Path], workers: int) -> int:
    import multiprocessing

    from newslens.nlp import load_spacy_model
    from newslens.quotes import cue_forms

    for components in (("ner",), ("tok2vec", "tagger", "parser", "attribute_ruler"), ("lemmatizer",)):
        load_spacy_model(components=components)  # loaded before forking, so every worker shares them
    cue_forms(), cue_forms(away_from_quotes=True)
    done = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for _, _, error in pool.imap(_pool_work, [str(f) for f in files], chunksize=4):
            done += error is None
    return done


def run_dask(files: list[Path], workers: int) -> int:
    from newslens.corpus import analyse

    with tempfile.TemporaryDirectory() as out:
        summary = analyse(files, out=Path(out) / "tables", workers=workers, progress=False,
                          chunk_size=int(os.environ.get("CHUNK", "16")))
    return summary["articles"]


def _child(name: str, folder: str, limit: int | None, workers: int) -> None:
    import newslens  # noqa: F401 - imported before the clock starts, as in any session
    from newslens import cache

    cache.configure(enabled=False)
    files = corpus_files(Path(folder), limit)
    t0 = time.perf_counter()
    done = {"pool": run_pool, "dask": run_dask}[name](files, workers)
    seconds = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "articles": done, "peak": own}))


def timed(name: str, folder: Path, limit: int | None, workers: int) -> dict[str, float]:
    """Run one way in a fresh process; its workers' memory is sampled from here, outside the
    measured process (a sampling thread inside it would compete with Dask's scheduler there)."""
    process = subprocess.Popen([sys.executable, __file__, str(folder), "--child", name, "--limit", str(limit),
                                "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid, every=0.5)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.stopped.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"error: the {name} run failed:\n{stderr[-2000:]}")
    return {**json.loads(stdout.strip().splitlines()[-1]), "worker_peak": sampler.worker_peak}


def compare(args: argparse.Namespace) -> dict:
    files = corpus_files(args.corpus, args.limit)
    from nltk.tokenize import word_tokenize

    words = sum(len(word_tokenize(f.read_text(encoding="utf-8"), preserve_line=True)) for f in files)
    results: dict = {"articles": len(files), "words": words, "cores": os.cpu_count(), "workers": args.workers}
    for name, limit in (("pool", len(files)), ("dask", len(files)), ("dask_half", len(files) // 2)):
        r = timed(name.replace("_half", ""), args.corpus, limit, args.workers)
        results[name] = {**r, "words_per_second": words * limit / len(files) / r["seconds"],
                         "peak_mib": r["peak"] / 2**20, "worker_peak_mib": r["worker_peak"] / 2**20}
    results["dask_to_pool"] = results["dask"]["words_per_second"] / results["pool"]["words_per_second"]
    print(f"{len(files)} articles, {words} words, {os.cpu_count()} cores, {args.workers} workers")
    for name in ("pool", "dask", "dask_half"):
        r = results[name]
        print(f"{name:10} {r['seconds']:7.1f} s {r['words_per_second']:7.0f} words/s  {r['articles']} articles  "
              f"peak {r['peak_mib']:.0f} MiB (largest worker {r['worker_peak_mib']:.0f} MiB)")
    print(f"dask / pool = {results['dask_to_pool']:.3f}x")
    return results


def stream(args: argparse.Namespace) -> dict:
    """A simulated corpus of args.stream articles, interrupted and resumed."""
    files = corpus_files(args.corpus, args.limit)
    texts = [f.read_text(encoding="utf-8") for f in files]
    results: dict = {"articles": args.stream, "distinct_texts": len(texts)}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i in range(args.stream):
                handle.write(json.dumps({"id": f"a{i:07d}", "text": texts[i % len(texts)]}) + "\n")
        results["source_mib"] = source.stat().st_size / 2**20
        out = Path(tmp) / "tables"
        env = {**os.environ, "NEWSLENS_CACHE_DIR": str(Path(tmp) / "cache"), "NEWSLENS_CACHE": "on"}
        command = [sys.executable, "-m", "newslens.cli", "analyse", str(source), "--out", str(out), "--no-progress",
                   "--workers", str(args.workers), "--chunk-size", "64", "--cache"]
        n_chunks = -(-args.stream // 64)
        runs = []
        for attempt in ("interrupted", "resumed"):
            t0 = time.perf_counter()
            # SIGINT as a terminal's Ctrl-C: a shell starts background jobs with it ignored, and children inherit that
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                       preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            sampler = Sampler(process.pid, every=0.5)
            sampler.start()
            if attempt == "interrupted":
                while len(list(out.glob("_done/*.json"))) < n_chunks // 3 and process.poll() is None:
                    time.sleep(0.5)
                process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate()
            sampler.stopped.set()
            sampler.join()
            seconds = time.perf_counter() - t0
            quarters = _quarters(sampler.timeline)
            runs.append({"run": attempt, "seconds": seconds, "exit": process.returncode, "said": (stdout + stderr).strip()
                         [-300:], "chunks_done_after": len(list(out.glob("_done/*.json"))),
                         "main_peak_mib_by_quarter": quarters[0], "worker_peak_mib_by_quarter": quarters[1]})
        results["runs"] = runs
        import pandas as pd

        ids = pd.concat([pd.read_parquet(p, columns=["article_id"]) for p in sorted(out.glob("sentences/*.parquet"))])
        unique = ids["article_id"].drop_duplicates()
        results["ids_in_dataset"] = int(unique.size)
        per_article = ids.groupby("article_id").size()
        expected = {f"a{i:07d}": None for i in range(args.stream)}
        results["every_id_once"] = bool(unique.size == args.stream and set(unique) == set(expected))
        results["sentence_rows"] = int(per_article.sum())
    for run in results["runs"]:
        print(f"{run['run']:11} {run['seconds']:7.1f} s exit {run['exit']}  chunks done {run['chunks_done_after']}"
              f"/{n_chunks}  main MiB by quarter {run['main_peak_mib_by_quarter']}  largest worker MiB by quarter "
              f"{run['worker_peak_mib_by_quarter']}\n            {run['said']}")
    print(f"{results['ids_in_dataset']} ids in the dataset; every id once: {results['every_id_once']}")
    return results


def _quarters(timeline: list[tuple[float, int, int]]) -> tuple[list[int], list[int]]:
    if not timeline:
        return [], []
    end = timeline[-1][0] or 1
    mains, workers = [0] * 4, [0] * 4
    for at, main, worker in timeline:
        q = min(3, int(4 * at / end))
        mains[q] = max(mains[q], main // 2**20)
        workers[q] = max(workers[q], worker // 2**20)
    return mains, workers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument("--stream", type=int, metavar="N", help="simulate an N-article corpus, interrupt and resume it")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, str(args.corpus), args.limit, args.workers)
        return 0
    results = stream(args) if args.stream else compare(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
