"""Throughput of the full newslens analysis over a corpus, against two baselines measured in the same run.

Usage:
    python benchmarks/throughput.py CORPUS_DIR [--limit N] [--json OUT.json]

CORPUS_DIR is a folder of .txt articles (e.g. ../shared/eval/polnear-train/text). Every way runs
over the same files in a fresh Python process, timed after the spaCy model is loaded:

* ``naive``: one ``nlp(text)`` per article with the full spaCy pipeline, plus NLTK's
  ``word_tokenize`` per article (what a notebook written from scratch does);
* ``floor``: spaCy NER alone (the ``ner`` component: it has its own embedding layer) over the
  texts with ``nlp.pipe`` in one process;
* ``newslens``: the full analysis (sentences and tokens, entity mentions, quotes with their
  speakers, word frequencies) with :func:`newslens.batch.stream`, every core, the disk cache off
  (reading the files is included);
* ``newslens_1proc``: the same in one process;
* ``newslens_cached``: the same again with the disk cache filled by a previous run (a rerun).

Reported: words per second (words = NLTK word tokens), the ratios newslens/naive and
newslens/floor, peak resident memory (the measuring process, and the largest worker), newslens's
peak for the first half of the corpus against the whole, and the core count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FULL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def corpus_files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.txt"))[: limit or None]
    if not files:
        raise SystemExit(f"error: no .txt files in {folder}")
    return files


def run_naive(files: list[Path]) -> None:
    from nltk.tokenize import word_tokenize

    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=FULL)
    for path in files:
        text = path.read_text(encoding="utf-8")
        nlp(text)
        word_tokenize(text, preserve_line=True)


def run_floor(files: list[Path]) -> None:
    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=("ner",))
    texts = (path.read_text(encoding="utf-8") for path in files)
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def run_newslens(files: list[Path], n_process: int | None = None) -> None:
    from newslens.batch import stream

    for _article, _tables, error in stream(files, n_process=n_process):
        if error is not None:
            raise SystemExit(f"error: {error}")


def _child(name: str, folder: str, limit: int | None) -> None:
    """Run one way in this (fresh) process and print its seconds and peak memory as JSON."""
    import resource

    files = corpus_files(Path(folder), limit)
    if name.startswith("newslens"):
        import newslens
        from newslens.batch import analyse_article
        from newslens.nlp import load_spacy_model
        from newslens.quotes import cue_forms

        for components in (("ner",), ("tok2vec", "tagger", "parser", "attribute_ruler"), ("lemmatizer",)):
            load_spacy_model(components=components)  # loaded before forking, so every worker shares them
        cue_forms(), cue_forms(away_from_quotes=True)
        from newslens import cache

        cache.configure(enabled=False)
        analyse_article(newslens.article_from_text("Warm up. \"Imports,\" he said."))  # warm imports
        if name == "newslens_cached":
            cache.configure(enabled=True)
            run_newslens(files)  # fills the cache (not timed)
    else:
        from newslens.nlp import load_spacy_model

        load_spacy_model(components=FULL if name == "naive" else ("ner",))
    runner = {"naive": run_naive, "floor": run_floor, "newslens": run_newslens, "newslens_cached": run_newslens,
              "newslens_1proc": lambda f: run_newslens(f, n_process=1)}[name]
    t0 = time.perf_counter()
    runner(files)
    seconds = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": own, "worker_peak": workers}))


def timed(name: str, folder: Path, limit: int | None) -> dict[str, float]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache_dir:
        env["NEWSLENS_CACHE_DIR"] = cache_dir
        done = subprocess.run([sys.executable, __file__, "--child", name, str(folder), "--limit", str(limit)],
                              capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"error: the {name} run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, str(args.corpus), args.limit)
        return 0
    files = corpus_files(args.corpus, args.limit)
    from nltk.tokenize import word_tokenize

    words = sum(len(word_tokenize(f.read_text(encoding="utf-8"), preserve_line=True)) for f in files)
    results: dict = {"articles": len(files), "words": words, "cores": os.cpu_count()}
    ways = ("naive", "floor", "newslens", "newslens_1proc", "newslens_cached")
    for name in ways:
        r = timed(name, args.corpus, len(files))
        results[name] = {"seconds": r["seconds"], "words_per_second": words / r["seconds"],
                         "peak_mib": r["peak"] / 2**20, "worker_peak_mib": r["worker_peak"] / 2**20}
    half = timed("newslens", args.corpus, len(files) // 2)
    results["newslens"]["peak_mib_half_corpus"] = half["peak"] / 2**20
    results["newslens"]["worker_peak_mib_half_corpus"] = half["worker_peak"] / 2**20
    for name in ways[2:]:
        results[f"{name}_to_naive"] = results[name]["words_per_second"] / results["naive"]["words_per_second"]
        results[f"{name}_to_floor"] = results[name]["words_per_second"] / results["floor"]["words_per_second"]
    print(f"{len(files)} articles, {words} words, {os.cpu_count()} cores")
    for name in ways:
        r = results[name]
        print(f"{name:16} {r['seconds']:8.1f} s {r['words_per_second']:9.0f} words/s  peak {r['peak_mib']:.0f} MiB"
              f" (largest worker {r['worker_peak_mib']:.0f} MiB)")
    for name in ways[2:]:
        print(f"{name} / naive = {results[f'{name}_to_naive']:.2f}x, / floor = {results[f'{name}_to_floor']:.2f}x")
    n = results["newslens"]
    print(f"newslens peak memory, half corpus: {n['peak_mib_half_corpus']:.0f} MiB (largest worker "
          f"{n['worker_peak_mib_half_corpus']:.0f} MiB); whole corpus: {n['peak_mib']:.0f} MiB "
          f"(largest worker {n['worker_peak_mib']:.0f} MiB)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
