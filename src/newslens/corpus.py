"""Many articles at once: a corpus from a folder, a glob, or a CSV/JSONL file with a text column.

A :class:`Corpus` holds the articles that could be read and an ``errors`` table for those that
could not (file, problem): nothing is dropped silently, and every good file is analysed. Its
tables are the articles' tidy tables stacked, each row keeping its ``article_id``; every
analysis accepts a corpus (:func:`newslens.dispatch.per_article`), and :meth:`Corpus.analyse`
runs them all at once (:mod:`newslens.batch`).

Which paths hold many articles (a folder, a glob, a CSV/JSONL file) is decided in one place,
:func:`newslens.io.is_corpus_source`.
"""

from __future__ import annotations

import glob as globmod
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from newslens import batch
from newslens.article import Article, article_from_text, load_article
from newslens.errors import ArticleError
from newslens.io import ARTICLE_SUFFIXES, TABLE_SUFFIXES

__all__ = ["Corpus", "load_corpus", "article_files"]


@dataclass
class Corpus:
    """Articles read together, and the files that could not be read.

    Example:
        >>> corpus = load_corpus("data/articles")  # doctest: +SKIP
        >>> len(corpus), corpus.errors  # doctest: +SKIP
    """

    articles: list[Article]
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["file", "problem"]))

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            for article in self.articles:
                if article.id == key:
                    return article
            raise KeyError(key)
        return self.articles[key]

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def _stack(self, name: str) -> pd.DataFrame:
        frames = [getattr(a, name) for a in self.articles]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    @property
    def paragraphs(self) -> pd.DataFrame:
        """Every article's paragraphs, stacked."""
        return self._stack("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        """Every article's sentences, stacked."""
        return self._stack("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        """Every article's tokens, stacked."""
        return self._stack("tokens")

    def analyse(self, *, n_process: int | None = None, progress: bool = True) -> dict[str, pd.DataFrame]:
        """Every analysis over every article, across the cores and cached: see :func:`newslens.batch.analyse`.

        Articles an analysis fails on join :attr:`errors` (``file`` is then the article's id); the
        returned ``errors`` are all of them: files that could not be read and articles that failed.
        """
        tables = batch.analyse(self.articles, n_process=n_process, progress=progress)
        self.errors = pd.concat([self.errors, tables["errors"]], ignore_index=True).drop_duplicates(ignore_index=True)
        tables["errors"] = self.errors.copy()
        return tables

    def info(self) -> pd.DataFrame:
        """One row per article: id, metadata and counts."""
        return pd.DataFrame([a.info() for a in self.articles])


def load_corpus(
    source: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    layout: str = "auto",
    progress: bool = False,
) -> Corpus:
    """Read many articles.

    Args:
        source: A folder (every ``.txt``, ``.html`` and ``.htm`` in it, recursively), a glob
            (``"articles/*.txt"``), a ``.csv`` or ``.jsonl`` file with one article per row, or a
            list of files.
        text_column: The column holding the text, for CSV and JSONL.
        id_column: The column holding the article id (default: ``id`` if present, else the row number).
        layout: Passed to the layout parser for every article.
        progress: Show a progress bar.

    Returns:
        The :class:`Corpus`; files that could not be read are in ``corpus.errors``.

    Raises:
        ArticleError: ``source`` matches nothing, or a CSV/JSONL lacks ``text_column``.
    """
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in TABLE_SUFFIXES and Path(source).is_file():
        return _from_table(Path(source), text_column=text_column, id_column=id_column, layout=layout)
    files = article_files(source)
    articles, errors = [], []
    for path in tqdm(files, desc="reading", unit="article", disable=not progress):
        try:
            articles.append(load_article(path, layout=layout))
        except ArticleError as exc:
            errors.append({"file": str(path), "problem": str(exc)})
    return Corpus(articles, pd.DataFrame(errors, columns=["file", "problem"]))


def article_files(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The article files of a folder (recursively), a glob, one file, or a list of paths.

    Raises:
        ArticleError: A folder or glob matches no article file.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
        elif path.is_file():
            files = [path]
        else:
            files = sorted(Path(p) for p in globmod.glob(str(source), recursive=True) if Path(p).is_file())
        if not files:
            raise ArticleError(
                f"{source}: no article files found. Fix: give a folder of .txt or .html files, a glob such as "
                "'articles/*.txt', or a .csv/.jsonl file with a text column."
            )
        return files
    return [Path(p) for p in source]


def _from_table(path: Path, *, text_column: str, id_column: str | None, layout: str) -> Corpus:
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        rows, bad = [], []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    bad.append({"file": f"{path}:{number}", "problem": f"not JSON ({exc.msg})"})
        table = pd.DataFrame(rows)
        table.attrs["bad"] = bad
    if text_column not in table.columns:
        raise ArticleError(
            f"{path}: no column {text_column!r} (columns: {', '.join(map(str, table.columns))}). "
            "Fix: pass text_column= with the name of the column that holds the text."
        )
    id_column = id_column or ("id" if "id" in table.columns else None)
    articles, errors = [], list(table.attrs.get("bad", []))
    meta_columns = [c for c in table.columns if c not in (text_column, id_column)]
    for number, row in enumerate(table.to_dict("records"), start=1):
        article_id = str(row[id_column]) if id_column else f"{path.stem}-{number}"
        text = row.get(text_column)
        try:
            article = article_from_text(text if isinstance(text, str) else "", article_id=article_id, layout=layout)
        except ArticleError as exc:
            errors.append({"file": f"{path}:{number}", "problem": str(exc)})
            continue
        article.extra = {c: row[c] for c in meta_columns}
        articles.append(article)
    return Corpus(articles, pd.DataFrame(errors, columns=["file", "problem"]))
