"""Every analysis over many articles at once: across the cores, cached, with a progress bar.

:func:`analyse` runs the full analysis (sentences, tokens, entity mentions, quotes, word
frequencies) for each article of a corpus and returns the stacked tidy tables. Large corpora
are spread over worker processes (each loads the spaCy model once and takes articles in chunks);
each article's tables go to the disk cache (:mod:`newslens.cache`), so a second run reads them
instead of computing. The articles given keep their tables (:meth:`~newslens.article.Article.adopt`),
so ``entity_mentions(articles)`` or ``quotes(articles)`` afterwards are instant.

This module takes articles (or paths of article files) and knows nothing of how they were
gathered: :class:`~newslens.corpus.Corpus` sits above it and calls it.

:func:`stream` is the same work as a generator, one article at a time: memory stays flat however
large the corpus, since no article, ``Doc`` or table is kept once it is yielded.

Example:
    >>> tables = analyse(load_corpus("data/articles"))  # doctest: +SKIP
    >>> tables["entities"].groupby("article_id")["canonical"].nunique()  # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from newslens import cache
from newslens.article import Article, load_article
from newslens.dispatch import stack
from newslens.entities import entity_mentions
from newslens.errors import ArticleError, InvalidArgument
from newslens.frequencies import word_frequencies
from newslens.quotes import quotes

__all__ = ["TABLES", "PARALLEL_THRESHOLD", "analyse", "stream", "analyse_article"]

TABLES = ("sentences", "tokens", "entities", "quotes", "frequencies")
"""The tables :func:`analyse` makes for each article."""

PARALLEL_THRESHOLD = 24
"""From this many articles needing work, :func:`analyse` uses every core (starting a worker
process and loading the model in it costs a few seconds, more than a few articles take)."""


def analyse_article(article: Article) -> dict[str, pd.DataFrame]:
    """The full analysis of one article: its sentences, tokens, entity mentions, quotes (every kind)
    and word frequencies.

    Example:
        >>> tables = analyse_article(article)  # doctest: +SKIP
        >>> sorted(tables)  # doctest: +SKIP
        ['entities', 'frequencies', 'quotes', 'sentences', 'tokens']
    """
    return {
        "sentences": article.sentences,
        "tokens": article.tokens,
        "entities": entity_mentions(article),
        "quotes": quotes(article),
        "frequencies": word_frequencies(article),
    }


def stream(
    articles: Iterable[Any],
    *,
    n_process: int | None = None,
    progress: bool = False,
    layout: str = "auto",
    total: int | None = None,
) -> Iterator[tuple[Any, dict[str, pd.DataFrame] | None, str | None]]:
    """Analyse articles one by one, in order, yielding ``(article, tables, error)``.

    Args:
        articles: Articles, or paths of article files (read in the workers).
        n_process: Worker processes; 1 runs in this process; ``None`` uses every core.
        progress: Show a progress bar.
        layout: The layout for files read here.
        total: The number of articles, for the progress bar when ``articles`` has no length.

    Yields:
        The :class:`~newslens.article.Article` (``None`` when a file could not be read), its
        tables as from :func:`analyse_article` (``None`` on error) and the error message
        (``None`` on success).
    """
    n_process = (os.cpu_count() or 1) if n_process is None else n_process
    if n_process < 1:
        raise InvalidArgument(f"n_process={n_process!r}: needs at least one process. Fix: pass n_process=1 or more.")
    total = total if total is not None else (len(articles) if hasattr(articles, "__len__") else None)
    bar = tqdm(total=total, desc="newslens", unit="article", disable=not progress)
    items = ((item, layout) for item in articles)
    pool = None
    try:
        if n_process == 1:
            results: Iterable[Any] = map(_read_and_work, items)
        else:
            pool = _pool(n_process)
            results = pool.imap(_read_and_work, items, chunksize=4)
        for result in results:
            bar.update(1)
            yield result
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()


def _pool(n_process: int) -> Any:
    """Worker processes: forked where the system allows it (they start at once, share the loaded
    model, and never re-run the caller's script), spawned elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(n_process, initializer=_init_worker, initargs=(_cache_env(),))


def _read_and_work(item: tuple[Any, str]) -> tuple[Any, dict[str, pd.DataFrame] | None, str | None]:
    """Worker: read the article (unless given one), analyse it, and return it with its tables (the
    article carries what it memoised, so the parent can keep it), or the error."""
    source, layout = item
    article = None
    try:
        article = source if isinstance(source, Article) else load_article(source, layout=layout)
        return article, analyse_article(article), None
    except ArticleError as exc:
        return article, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - one article's failure, whatever it is, must not sink the corpus
        return article, None, f"{type(exc).__name__}: {exc}"


def _cache_env() -> dict[str, str]:
    return {"NEWSLENS_CACHE_DIR": str(cache.cache_dir()), "NEWSLENS_CACHE": "on" if cache.enabled() else "off"}


def _init_worker(env: dict[str, str]) -> None:
    os.environ.update(env)


def analyse(
    articles: Iterable[Article],
    *,
    n_process: int | None = None,
    progress: bool = True,
) -> dict[str, pd.DataFrame]:
    """Run every analysis over many articles and return the stacked tables.

    Articles whose tables are already kept are not computed again; the others keep the tables
    computed for them (in a worker process or here).

    Args:
        articles: The articles (a :class:`~newslens.corpus.Corpus`, a list, ...).
        n_process: Worker processes. Default: every core when at least
            :data:`PARALLEL_THRESHOLD` articles need computing, else 1.
        progress: Show a progress bar.

    Returns:
        ``sentences``, ``tokens``, ``entities``, ``quotes`` and ``frequencies`` (every article's
        rows, each with its ``article_id``), and ``errors`` (``file``: the article's id,
        ``problem``): the articles an analysis failed on, left out of the other tables.

    Example:
        >>> tables = analyse(load_corpus("data/articles"), progress=False)  # doctest: +SKIP
        >>> tables["quotes"][["article_id", "speaker", "quote"]]  # doctest: +SKIP
    """
    articles = list(articles)
    todo = [a for a in articles if not a.has_tables(*_KEPT)]
    if n_process is None:
        n_process = (os.cpu_count() or 1) if len(todo) >= PARALLEL_THRESHOLD else 1
    failed: dict[int, str] = {}
    for article, (worked, _, error) in zip(todo, stream(todo, n_process=n_process, progress=progress)):
        if error is not None:
            failed[id(article)] = error
        elif worked is not article:
            article.adopt(worked)
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    for article in articles:
        if id(article) in failed:
            continue
        for name, table in analyse_article(article).items():  # kept: no recomputation
            tables[name].append(table)
    out = {name: stack(frames) for name, frames in tables.items()}
    out["errors"] = pd.DataFrame([{"file": a.id, "problem": failed[id(a)]} for a in articles if id(a) in failed],
                                 columns=["file", "problem"])
    return out


_KEPT = ("tokens", "quotes", "entity_mentions")
"""An article with these tables kept needs no computing (the others are made from them at once)."""
