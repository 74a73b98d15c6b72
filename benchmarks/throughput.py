"""Throughput of the full newslens analysis over a corpus, against two baselines measured in the same run.

Usage:
    python benchmarks/throughput.py CORPUS_DIR [--limit N] [--json OUT.json]

CORPUS_DIR is a folder of .txt articles (e.g. ../shared/eval/polnear-train/text). Three ways over
the same texts, each timed after the spaCy model is loaded:

* ``naive``: one ``nlp(text)`` per article with the full spaCy pipeline, plus NLTK's
  ``word_tokenize`` per article (what a notebook written from scratch does);
* ``floor``: spaCy NER alone (tok2vec + ner) over the texts with ``nlp.pipe`` in one process;
* ``newslens``: the full analysis per article: tokens and sentences, entity mentions, quotes and
  their speakers, word frequencies.

Each way runs in a fresh process. Reported: words per second (words = NLTK word tokens), the
ratios newslens/naive and newslens/floor, peak resident memory of each process (model included),
and newslens's peak for the first half of the corpus against the whole, and the core count.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def load_texts(folder: Path, limit: int | None) -> list[str]:
    files = sorted(folder.glob("*.txt"))[: limit or None]
    if not files:
        raise SystemExit(f"error: no .txt files in {folder}")
    return [f.read_text(encoding="utf-8") for f in files]


def run_naive(texts: list[str]) -> None:
    from nltk.tokenize import word_tokenize

    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))
    for text in texts:
        nlp(text)
        word_tokenize(text, preserve_line=True)


def run_floor(texts: list[str]) -> None:
    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=("tok2vec", "ner"))
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def run_newslens(texts: list[str]) -> None:
    import newslens
    from newslens.entities import entity_mentions
    from newslens.frequencies import word_frequencies
    from newslens.quotes import quotes

    for i, text in enumerate(texts):
        article = newslens.article_from_text(text, article_id=f"a{i}")
        article.sentences
        article.tokens
        entity_mentions(article)
        quotes(article)
        word_frequencies(article)


RUNNERS = {"naive": run_naive, "floor": run_floor, "newslens": run_newslens}


def _child(name: str, folder: str, limit: int | None) -> tuple[float, int]:
    """Run one way in a fresh process: (seconds after loading the model, peak resident memory in bytes)."""
    import resource

    from newslens.nlp import load_spacy_model

    texts = load_texts(Path(folder), limit)
    for components in (("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"), ("tok2vec", "ner"),
                       ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")):
        load_spacy_model(components=components)  # every model variant is loaded before timing
    if name == "newslens":
        run_newslens(texts[:2])  # warm imports
    t0 = time.perf_counter()
    RUNNERS[name](texts)
    seconds = time.perf_counter() - t0
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(name: str, folder: Path, limit: int | None) -> tuple[float, int]:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_child, (name, str(folder), limit))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    texts = load_texts(args.corpus, args.limit)
    from nltk.tokenize import word_tokenize

    words = sum(len(word_tokenize(t, preserve_line=True)) for t in texts)
    results = {"articles": len(texts), "words": words, "cores": os.cpu_count()}
    for name in RUNNERS:
        seconds, peak = timed(name, args.corpus, len(texts))
        results[name] = {"seconds": seconds, "words_per_second": words / seconds, "peak_mib": peak / 2**20}
    _, peak_half = timed("newslens", args.corpus, len(texts) // 2)
    results["newslens"]["peak_mib_half_corpus"] = peak_half / 2**20
    results["ratio_to_naive"] = results["newslens"]["words_per_second"] / results["naive"]["words_per_second"]
    results["ratio_to_floor"] = results["newslens"]["words_per_second"] / results["floor"]["words_per_second"]
    print(f"{len(texts)} articles, {words} words, {os.cpu_count()} cores")
    for name in ("naive", "floor", "newslens"):
        r = results[name]
        print(f"{name:9} {r['seconds']:8.1f} s {r['words_per_second']:9.0f} words/s  peak {r['peak_mib']:.0f} MiB")
    print(f"newslens / naive = {results['ratio_to_naive']:.2f}x, newslens / floor = {results['ratio_to_floor']:.2f}x; "
          f"peak memory half corpus {results['newslens']['peak_mib_half_corpus']:.0f} MiB, "
          f"whole corpus {results['newslens']['peak_mib']:.0f} MiB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
