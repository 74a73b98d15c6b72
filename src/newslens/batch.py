"""Every analysis over many articles, in this process: what one task of the corpus engine runs.

:func:`analyse_article` runs the full analysis (sentences, tokens, entity mentions, quotes,
word frequencies) of one article. :func:`analyse_items` reads and analyses a chunk of
:class:`Item` (a file, a text already read, or an input that could not be read) and returns the
chunk's stacked tables with an ``errors`` table: one article's failure, whatever it is, is a row
there, never the end of the chunk. :func:`analyse` does the same for articles already in memory.

This module knows nothing of processes or machines: :mod:`newslens.engine` runs chunks on Dask
workers, and :mod:`newslens.corpus` decides what the chunks hold. Each article's tables go to the
disk cache (:mod:`newslens.cache`), so a second run reads them instead of computing.

Example:
    >>> tables = analyse(load_corpus("data/articles"))  # doctest: +SKIP
    >>> tables["entities"].groupby("article_id")["canonical"].nunique()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from newslens.article import Article, article_from_text, load_article
from newslens.dispatch import stack
from newslens.entities import entity_mentions
from newslens.errors import ArticleError
from newslens.frequencies import word_frequencies
from newslens.quotes import quotes

__all__ = ["TABLES", "Item", "analyse", "analyse_article", "analyse_items", "read_item", "ERROR_COLUMNS"]

TABLES = ("sentences", "tokens", "entities", "quotes", "frequencies")
"""The tables :func:`analyse` makes for each article."""

ERROR_COLUMNS = ["file", "problem"]
"""The columns of every ``errors`` table: the file (or article id, or ``file:line``) and what went wrong."""


@dataclass(frozen=True)
class Item:
    """One article to read and analyse, small enough to send to a worker.

    ``path`` is a file to read there; else ``text`` is the article itself (a row of a CSV/JSONL
    file, with its other columns in ``extra``); else ``problem`` says why the input could not be
    read at all (it goes straight to the errors). ``where`` names the input in errors.
    """

    id: str
    where: str
    path: str | None = None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None


def read_item(item: Item | Article, *, layout: str = "auto") -> Article:
    """The :class:`~newslens.article.Article` of an item (an article is its own).

    Raises:
        ArticleError: The file cannot be read, the text is empty, or the item is an input
            already found unreadable.
    """
    if isinstance(item, Article):
        return item
    if item.problem is not None:
        raise ArticleError(item.problem, path=item.where)
    if item.path is not None:
        return load_article(item.path, article_id=item.id, layout=layout)
    article = article_from_text(item.text if isinstance(item.text, str) else "", article_id=item.id, layout=layout)
    article.extra = dict(item.extra)
    return article


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


def _problem(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, ArticleError) else f"{type(exc).__name__}: {exc}"


def analyse_items(
    items: Iterable[Item | Article], *, layout: str = "auto", keep_articles: bool = False
) -> tuple[dict[str, pd.DataFrame], list[Article]]:
    """Read and analyse a chunk of items in this process.

    Args:
        items: The chunk.
        layout: The layout for every article read.
        keep_articles: Also return the articles (with the tables they memoised), so that a caller
            holding copies of them can :meth:`~newslens.article.Article.adopt` the tables.

    Returns:
        The tables of :data:`TABLES` stacked, with ``errors`` (``file``, ``problem``); and the
        articles analysed (empty unless ``keep_articles``).
    """
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    errors, kept = [], []
    for item in items:
        try:
            article = read_item(item, layout=layout)
            tables = analyse_article(article)
        except Exception as exc:  # noqa: BLE001 - one article's failure, whatever it is, must not sink the corpus
            errors.append({"file": item.id if isinstance(item, Article) else item.where, "problem": _problem(exc)})
            continue
        for name, table in tables.items():
            frames[name].append(table)
        if keep_articles:
            kept.append(article)
    out = {name: stack(parts) for name, parts in frames.items()}
    out["errors"] = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    return out, kept


def analyse(articles: Iterable[Article], *, progress: bool = True) -> dict[str, pd.DataFrame]:
    """Run every analysis over articles in memory, in this process, and return the stacked tables.

    Articles whose tables are already kept are not computed again. For many articles across the
    cores or machines, use :meth:`newslens.corpus.Corpus.analyse`.

    Args:
        articles: The articles (a list, a :class:`~newslens.corpus.Corpus`, ...).
        progress: Show a progress bar.

    Returns:
        ``sentences``, ``tokens``, ``entities``, ``quotes`` and ``frequencies`` (every article's
        rows, each with its ``article_id``), and ``errors`` (``file``: the article's id,
        ``problem``): the articles an analysis failed on, left out of the other tables.

    Example:
        >>> tables = analyse(load_corpus("data/articles"), progress=False)  # doctest: +SKIP
        >>> tables["quotes"][["article_id", "speaker", "quote"]]  # doctest: +SKIP
    """
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    errors = []
    articles = list(articles)
    for article in tqdm(articles, desc="newslens", unit="article", disable=not progress):
        try:
            tables = analyse_article(article)
        except Exception as exc:  # noqa: BLE001 - as in analyse_items
            errors.append({"file": article.id, "problem": _problem(exc)})
            continue
        for name, table in tables.items():
            frames[name].append(table)
    out = {name: stack(parts) for name, parts in frames.items()}
    out["errors"] = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    return out


KEPT = ("tokens", "quotes", "entity_mentions")
"""An article with these tables kept needs no computing (the others are made from them at once)."""
