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
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from newslens import batch
from newslens.article import Article, article_from_text, load_article
from newslens.errors import ArticleError
from newslens.io import ARTICLE_SUFFIXES, TABLE_SUFFIXES, lone_surrogate, read_text

__all__ = ["TABLE_MAX_BYTES", "Corpus", "load_corpus", "article_files", "article_ids"]

TABLE_MAX_BYTES = 1024 * 1024 * 1024
"""Largest CSV/JSONL corpus file read (1 GiB): it holds many articles, so more than one article's limit."""


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
    ids = article_ids(files)
    articles, errors = [], []
    for path in tqdm(files, desc="reading", unit="article", disable=not progress):
        try:
            articles.append(load_article(path, article_id=ids[path], layout=layout))
        except ArticleError as exc:
            errors.append({"file": str(path), "problem": str(exc)})
        except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, is reported, never fatal
            errors.append({"file": str(path), "problem": f"could not be read ({type(exc).__name__}: {exc})"})
    return Corpus(articles, pd.DataFrame(errors, columns=["file", "problem"]))


def article_ids(files: list[Path]) -> dict[Path, str]:
    """An id for each file, unique within the corpus: the file name without its extension, or,
    where two files share that (``a/story.txt`` and ``b/story.txt``), the path relative to the
    folder they share (``a/story``, ``b/story``), with the extension if that is not enough.

    Example:
        >>> article_ids([Path("x/a/story.txt"), Path("x/b/story.txt"), Path("x/rain.txt")])
        {PosixPath('x/a/story.txt'): 'a/story', PosixPath('x/b/story.txt'): 'b/story', PosixPath('x/rain.txt'): 'rain'}
    """
    stems = Counter(p.stem for p in files)
    clashing = [p for p in files if stems[p.stem] > 1]
    if not clashing:
        return {p: p.stem for p in files}
    root = Path(os.path.commonpath([str(p.absolute().parent) for p in clashing]))
    relative = {p: p.absolute().relative_to(root).with_suffix("").as_posix() for p in clashing}
    counts = Counter(relative.values())
    return {p: p.stem if p not in relative else relative[p] if counts[relative[p]] == 1
            else p.absolute().relative_to(root).as_posix() for p in files}


def article_files(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The article files of a folder (recursively), a glob, one file, or a list of paths.

    Raises:
        ArticleError: A folder or glob matches no article file.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            # a link that is broken or loops is kept, so that reading it reports the problem
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                           and (p.is_file() or p.is_symlink()))
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
    """Articles from a CSV (errors name the record's number) or JSONL file (errors name the line)."""
    raw = read_text(path, max_bytes=TABLE_MAX_BYTES).text
    bad: list[dict[str, str]] = []
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(StringIO(raw), dtype=str, keep_default_na=False)
        where = list(range(1, len(table) + 1))
    else:
        rows, where = [], []
        for number, line in enumerate(raw.splitlines(), start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    bad.append({"file": f"{path}:{number}", "problem": f"not JSON ({exc.msg})"})
                    continue
                if not isinstance(record, dict):
                    bad.append({"file": f"{path}:{number}", "problem": "not a JSON object (one article per line)"})
                    continue
                broken = next((k for k, v in record.items() if isinstance(v, str) and lone_surrogate(v) is not None), None)
                if broken is not None:
                    bad.append({"file": f"{path}:{number}", "problem": f"the {broken!r} field holds a lone surrogate, "
                                "which is not Unicode text. Fix: re-encode the source as UTF-8."})
                    continue
                rows.append(record)
                where.append(number)
        table = pd.DataFrame(rows)
    if text_column not in table.columns:
        raise ArticleError(
            f"{path}: no column {text_column!r} (columns: {', '.join(map(str, table.columns))}). "
            "Fix: pass text_column= with the name of the column that holds the text."
        )
    id_column = id_column or ("id" if "id" in table.columns else None)
    articles, errors = [], bad
    meta_columns = [c for c in table.columns if c not in (text_column, id_column)]
    for index, (number, row) in enumerate(zip(where, table.to_dict("records")), start=1):
        article_id = str(row[id_column]) if id_column else f"{path.stem}-{index}"
        text = row.get(text_column)
        try:
            article = article_from_text(text if isinstance(text, str) else "", article_id=article_id, layout=layout)
        except ArticleError as exc:
            errors.append({"file": f"{path}:{number}", "problem": str(exc)})
            continue
        article.extra = {c: row[c] for c in meta_columns}
        articles.append(article)
    return Corpus(articles, pd.DataFrame(errors, columns=["file", "problem"]))
