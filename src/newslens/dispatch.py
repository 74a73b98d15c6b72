"""One article or many, the same way: the dispatch every analysis uses.

An analysis is written for one :class:`~newslens.article.Article` and decorated with
:func:`per_article`; it then also takes any collection of articles (a
:class:`~newslens.corpus.Corpus`, a list, a tuple) and returns the per-article tables stacked,
each row keeping its ``article_id``. This module sits just above the article, below every
analysis: analyses never know about the corpus or how it is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import pandas as pd

from newslens.article import Article
from newslens.errors import InvalidArgument, message

__all__ = ["per_article", "articles_of", "named", "stack"]


def articles_of(source: Any) -> list[Article]:
    """The articles in ``source``: one article, or a collection of them.

    Raises:
        InvalidArgument: ``source`` is neither (a path, say: load it first).
    """
    if isinstance(source, Article):
        return [source]
    if not isinstance(source, (str, bytes)) and isinstance(source, Iterable):
        items = list(source)
        if all(isinstance(item, Article) for item in items):
            return items
    raise InvalidArgument(message(
        f"article={source!r:.60}", "not an Article or a collection of them",
        "load one with newslens.load_article(path), or many with newslens.load_corpus(folder)"))


def per_article(func: Callable[..., pd.DataFrame] | None = None, *, tables: tuple[str, ...] = ()) -> Any:
    """Let an analysis that takes one article also take a corpus or a list of articles.

    The function runs for each article and the tidy results are stacked (each row keeps its
    ``article_id``; no article gives an empty table).

    Args:
        func: The analysis, taking an :class:`~newslens.article.Article` first.
        tables: Keyword arguments that take a table made by another analysis (``quotes=``):
            each article is given only its own rows, by ``article_id``.

    Example:
        >>> @per_article
        ... def n_sentences(article):
        ...     return pd.DataFrame({"article_id": [article.id], "sentences": [len(article.sentences)]})
    """
    if func is None:
        return lambda f: per_article(f, tables=tables)

    @wraps(func)
    def wrapper(article: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
        many = not isinstance(article, Article)
        frames = []
        for one in articles_of(article):
            own = {name: _rows_of(kwargs[name], one.id) for name in tables if kwargs.get(name) is not None}
            frames.append(func(one, *args, **{**kwargs, **own}))
        return named(stack(frames) if many else frames[0], func.__name__.replace("_", "-"))

    return wrapper


def named(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table with what it shows in ``table.attrs["table"]`` ("word-frequencies"): the report
    names the file it saves the table to so."""
    table.attrs["table"] = name
    return table


def _rows_of(table: pd.DataFrame, article_id: str) -> pd.DataFrame:
    if "article_id" not in table.columns or table.empty:
        return table
    return table[table["article_id"] == article_id]


def stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Per-article tables as one: the non-empty ones concatenated (an empty one keeps its columns)."""
    filled = [f for f in frames if len(f)]
    if filled:
        return pd.concat(filled, ignore_index=True)
    return frames[0] if frames else pd.DataFrame()
