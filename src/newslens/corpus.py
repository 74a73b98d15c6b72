"""Many articles at once: a corpus from a folder, a glob, or a CSV/JSONL file with a text column.

A :class:`Corpus` holds the articles that could be read and an ``errors`` table for those that
could not (file, problem): nothing is dropped silently, and every good file is analysed. Its
tables are the articles' tidy tables stacked, each row keeping its ``article_id``; every
analysis accepts a corpus (:func:`newslens.dispatch.per_article`), and :meth:`Corpus.analyse`
runs them all at once (in this process, or on Dask workers: :mod:`newslens.engine`).

A corpus too large for memory is never loaded: :func:`analyse` streams its articles
(:func:`iter_items`) through the Dask engine into a Parquet dataset, which :func:`read_tables`
(or ``dask.dataframe.read_parquet``) reads back.

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
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from newslens import batch, cache, engine
from newslens.article import Article
from newslens.batch import ERROR_COLUMNS, Item, read_item
from newslens.dispatch import named
from newslens.engine import read_tables
from newslens.errors import ArticleError, InvalidArgument, message
from newslens.io import ARTICLE_SUFFIXES, TABLE_SUFFIXES, lone_surrogate, open_text

__all__ = ["PARALLEL_THRESHOLD", "Corpus", "load_corpus", "comparison_corpus", "analyse", "read_tables", "iter_items",
           "article_files", "article_ids"]

PARALLEL_THRESHOLD = 24
"""From this many articles needing work, :meth:`Corpus.analyse` starts a local Dask cluster (starting the
workers and loading the model in each costs a few seconds, more than a few articles take)."""


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

    def analyse(
        self, *, client: Any = None, workers: int | None = None, progress: bool = True
    ) -> dict[str, pd.DataFrame]:
        """Every analysis over every article, cached, on Dask workers for a large corpus.

        Articles whose tables are kept are not computed again. The others are computed here when
        there are few of them, else on a local Dask cluster (one worker process per core) or on
        ``client``'s cluster; each article keeps the tables computed for it, so that
        ``entity_mentions(corpus)`` or ``quotes(corpus)`` afterwards are instant.

        Args:
            client: A ``dask.distributed.Client`` to run on (a cluster of several machines).
            workers: Worker processes of the local cluster; 1 computes in this process. Default:
                every core when at least :data:`PARALLEL_THRESHOLD` articles need computing, else 1.
            progress: Show a progress bar.

        Returns:
            As :func:`newslens.batch.analyse`. Articles an analysis fails on join :attr:`errors`
            (``file`` is then the article's id); the returned ``errors`` are all of them: files that
            could not be read and articles that failed.

        Example:
            >>> tables = load_corpus("data/articles").analyse()  # doctest: +SKIP
            >>> tables["quotes"][["article_id", "speaker", "quote"]]  # doctest: +SKIP
        """
        if workers is not None and workers < 1:
            raise InvalidArgument(message(f"workers={workers!r}", "needs at least one worker", "pass workers=1 or more"))
        todo = [a for a in self.articles if not a.has_tables(*batch.KEPT)]
        if client is None and workers is None:
            todo = _read_cached(todo)  # a rerun reads the disk cache here, starting no cluster
            workers = (os.cpu_count() or 1) if len(todo) >= PARALLEL_THRESHOLD else 1
        failed = pd.DataFrame(columns=ERROR_COLUMNS)
        if todo and (client is not None or workers > 1):
            failed = engine.analyse_in_memory(todo, client=client, workers=workers, progress=progress)
        bad = set(failed["file"])
        tables = batch.analyse([a for a in self.articles if a.id not in bad], progress=progress and client is None
                               and workers == 1)
        self.errors = named(pd.concat([self.errors, failed, tables["errors"]], ignore_index=True).drop_duplicates(
            ignore_index=True), "files-not-read")
        tables["errors"] = self.errors.copy()
        return tables

    def info(self) -> pd.DataFrame:
        """One row per article: id, metadata and counts."""
        return pd.DataFrame([a.info() for a in self.articles])


def _read_cached(articles: list[Article]) -> list[Article]:
    """Analyse articles here while the disk cache holds their tables; return those from the first
    one it did not hold (the rest, worth a cluster)."""
    if not cache.enabled():
        return articles
    for index, article in enumerate(articles):
        misses = cache.stats["misses"]
        try:
            batch.analyse_article(article)
        except Exception:  # noqa: BLE001 - computed again, and reported, with the rest
            return articles[index:]
        if cache.stats["misses"] > misses:
            return articles[index + 1:]
    return []


def load_corpus(
    source: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    layout: str = "auto",
    progress: bool = False,
) -> Corpus:
    """Read many articles into memory (for a corpus too large for that, see :func:`analyse`).

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
    articles, errors = [], []
    items = iter_items(source, text_column=text_column, id_column=id_column)
    for item in tqdm(items, desc="reading", unit="article", disable=not progress):
        try:
            articles.append(read_item(item, layout=layout))
        except ArticleError as exc:
            errors.append({"file": item.where, "problem": str(exc)})
        except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, is reported, never fatal
            errors.append({"file": item.where, "problem": f"could not be read ({type(exc).__name__}: {exc})"})
    return Corpus(articles, named(pd.DataFrame(errors, columns=ERROR_COLUMNS), "files-not-read"))


def comparison_corpus(source: str | Path | Iterable[str | Path] | None, article: Article, *,
                      progress: bool = False) -> Corpus:
    """The articles to set ``article`` against: those of ``source`` but the article itself.

    The notebooks that compare (04, 06) and the report use this, so that an article in the folder it
    is compared with (a report of a folder compares each article with the rest) never counts twice.
    The corpus read is kept for the next call with the same files (same paths, sizes and times): a
    report's kernel compares article after article with one folder, and reads it, and computes its
    tables, once instead of once per notebook and article.

    Args:
        source: A folder, glob, ``.csv``/``.jsonl`` file or list of files, as for
            :func:`load_corpus`; ``None`` or ``""`` for nothing to compare with.
        article: The article studied; any article of ``source`` with the same text is left out.
        progress: Show a progress bar while reading.

    Raises:
        ArticleError: ``source`` matches nothing.

    Example:
        >>> others = comparison_corpus("data/articles", article)  # doctest: +SKIP
    """
    if source is None or (isinstance(source, str | Path) and not str(source).strip()):
        return Corpus([])
    if not isinstance(source, str | Path):
        source = list(source)  # listed once: fingerprinted, then read
    key = (repr(source), _fingerprint(source))
    if key not in _COMPARED:
        _COMPARED.clear()  # one corpus kept at a time
        _COMPARED[key] = load_corpus(source, progress=progress)
    corpus = _COMPARED[key]
    return Corpus([a for a in corpus if a.text != article.text], corpus.errors)  # errors keep their name


_COMPARED: dict[tuple, Corpus] = {}
"""The last comparison corpus read, by its source and its files' fingerprint."""


def _fingerprint(source: str | Path | Iterable[str | Path]) -> tuple:
    """The paths, sizes and modification times of a source's files: a corpus read from them is
    still current while this is unchanged."""
    files = article_files(source)
    stats = [(str(p), p.stat()) for p in files]
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


def analyse(
    source: str | Path | Iterable[str | Path],
    *,
    out: str | Path,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int = engine.CHUNK_SIZE,
    text_column: str = "text",
    id_column: str | None = None,
    layout: str = "auto",
    progress: bool = True,
    use_cache: bool = False,
) -> dict[str, Any]:
    """Analyse a corpus of any size on Dask and write the tables to a Parquet dataset under ``out``.

    The input is read as a stream (never the whole corpus in memory: a folder is walked one
    directory at a time, a CSV/JSONL file read row by row; a glob or a list is one list of paths)
    and cut into chunks of ``chunk_size`` articles; each chunk is a task that a worker reads,
    analyses and writes as one Parquet file per table (``out/<table>/chunk-NNNNNN.parquet``).
    A rerun resumes: chunks already written for the same input are skipped. Files that cannot be
    read, and articles an analysis fails on, are rows of the ``errors`` table, never fatal.

    Args:
        source: As :func:`load_corpus`.
        out: The dataset folder (created; a folder holding anything else is refused).
        client: A ``dask.distributed.Client`` to run on.
        scheduler: The address of a Dask scheduler (``tcp://host:8786``) to connect to instead.
        workers: Worker processes of the local cluster started when neither is given
            (default: one per core).
        chunk_size: Articles per task (and per Parquet file).
        text_column: As :func:`load_corpus`.
        id_column: As :func:`load_corpus`.
        layout: As :func:`load_corpus`.
        progress: Show a progress bar.
        use_cache: Also read and write each article's tables in the disk cache
            (:mod:`newslens.cache`): worth it when articles repeat across corpora or runs; off by
            default, since the dataset is the result and a million articles would be millions of
            cache files.

    Returns:
        What was done: ``out``, ``articles`` (analysed in this run), ``errors`` (in this run),
        ``chunks``, ``skipped`` (chunks found done), ``seconds``.

    Example:
        >>> analyse("archive/", out="tables")  # doctest: +SKIP
        >>> read_tables("tables")["quotes"].groupby("speaker").size()  # doctest: +SKIP
    """
    if chunk_size < 1:
        raise InvalidArgument(message(f"chunk_size={chunk_size!r}", "needs at least one article per chunk",
                                      "pass chunk_size=1 or more"))
    items = iter_items(source, text_column=text_column, id_column=id_column)
    chunks = iter(lambda: list(islice(items, chunk_size)), [])
    return engine.analyse_to_parquet(chunks, out=Path(out), client=client, scheduler=scheduler, workers=workers,
                                     layout=layout, progress=progress, source=str(source), use_cache=use_cache)


def iter_items(
    source: str | Path | Iterable[str | Path], *, text_column: str = "text", id_column: str | None = None
) -> Iterator[Item]:
    """The articles of a source, one by one, as :class:`~newslens.batch.Item` (read nothing but a
    CSV/JSONL file's rows): a folder is walked one directory at a time, a table read a row at a time.

    Raises:
        ArticleError: A folder or glob matches no article file, or a CSV/JSONL lacks ``text_column``.
    """
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in TABLE_SUFFIXES and Path(source).is_file():
        yield from _table_items(Path(source), text_column=text_column, id_column=id_column)
        return
    if isinstance(source, (str, Path)) and Path(source).is_dir():
        found = False
        for path, article_id in _walk(Path(source)):
            found = True
            yield Item(id=article_id, where=str(path), path=str(path))
        if not found:
            raise _nothing_found(source)
        return
    for path, article_id in article_ids(article_files(source)).items():
        yield Item(id=article_id, where=str(path), path=str(path))


def _nothing_found(source: object) -> ArticleError:
    return ArticleError(
        f"{source}: no article files found. Fix: give a folder of .txt or .html files, a glob such as "
        "'articles/*.txt', or a .csv/.jsonl file with a text column."
    )


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Every article file under ``root`` with its id, in a fixed order, one directory held at a time
    (a link that is broken or loops is kept, so that reading it reports the problem)."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        files = [Path(e.path) for e in entries if Path(e.name).suffix.lower() in ARTICLE_SUFFIXES
                 and (e.is_symlink() or e.is_file())]
        yield from _ids_in_folder(files, root).items()
        pending.extend(Path(e.path) for e in reversed(entries) if e.is_dir(follow_symlinks=False))


def _ids_in_folder(files: list[Path], root: Path) -> dict[Path, str]:
    """The one rule for an article file's id: its path from ``root`` without the extension
    (``story``, ``2024/story``), with the extension where two files of one folder share a name
    (``story.txt``, ``story.html``). An id never depends on files in other folders, so adding
    files never changes the ids of the others (a resumed run finds them done)."""
    stems = Counter(p.stem for p in files)
    ids = {}
    for path in files:
        relative = Path(os.path.relpath(path.absolute(), root.absolute()))
        ids[path] = (relative if stems[path.stem] > 1 else relative.with_suffix("")).as_posix()
    return ids


def article_ids(files: list[Path]) -> dict[Path, str]:
    """An id for each file, unique within the corpus: the file's path from the folder the files
    share, without its extension (the rule of :func:`_ids_in_folder`): so files of one folder
    keep their names.

    Example:
        >>> article_ids([Path("x/a/story.txt"), Path("x/b/story.txt"), Path("x/rain.txt")])
        {PosixPath('x/a/story.txt'): 'a/story', PosixPath('x/b/story.txt'): 'b/story', PosixPath('x/rain.txt'): 'rain'}
    """
    if not files:
        return {}
    root = Path(os.path.commonpath([str(p.absolute().parent) for p in files]))
    by_folder: dict[Path, list[Path]] = {}
    for path in files:
        by_folder.setdefault(path.absolute().parent, []).append(path)
    ids: dict[Path, str] = {}
    for group in by_folder.values():
        ids.update(_ids_in_folder(group, root))
    return {p: ids[p] for p in files}


def article_files(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The article files of a folder (recursively), a glob, one file, or a list of paths.

    Raises:
        ArticleError: A folder or glob matches no article file.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            return [p for p, _ in _walk(path)]
        if path.is_file():
            return [path]
        files = sorted(Path(p) for p in globmod.glob(str(source), recursive=True) if Path(p).is_file())
        if not files:
            raise _nothing_found(source)
        return files
    return [Path(p) for p in source]


def _table_items(path: Path, *, text_column: str, id_column: str | None) -> Iterator[Item]:
    """The rows of a CSV file (errors name the record's number) or JSONL file (errors name the line)."""
    with open_text(path) as handle:
        if path.suffix.lower() == ".csv":
            rows = _csv_rows(handle)
        else:
            rows = _jsonl_rows(handle, path)
        first = True
        index = 0
        for number, row in rows:
            if isinstance(row, str):  # a line that is not an article: its problem
                yield Item(id=f"{path.stem}:{number}", where=f"{path}:{number}", problem=row)
                continue
            if first:
                if text_column not in row:
                    raise ArticleError(
                        f"{path}: no column {text_column!r} (columns: {', '.join(map(str, row))}). "
                        "Fix: pass text_column= with the name of the column that holds the text."
                    )
                id_column = id_column or ("id" if "id" in row else None)
                first = False
            index += 1
            article_id = str(row.get(id_column, "")) if id_column else f"{path.stem}-{index}"
            text = row.get(text_column)
            extra = {c: v for c, v in row.items() if c not in (text_column, id_column)}
            yield Item(id=article_id, where=f"{path}:{number}", text=text if isinstance(text, str) else "", extra=extra)


def _csv_rows(handle: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    number = 0
    for frame in pd.read_csv(handle, dtype=str, keep_default_na=False, chunksize=1000):
        for row in frame.to_dict("records"):
            number += 1
            yield number, row


def _jsonl_rows(handle: Any, path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not JSON ({exc.msg})"
            continue
        if not isinstance(record, dict):
            yield number, "not a JSON object (one article per line)"
            continue
        broken = next((k for k, v in record.items() if isinstance(v, str) and lone_surrogate(v) is not None), None)
        if broken is not None:
            yield number, (f"the {broken!r} field holds a lone surrogate, which is not Unicode text. "
                           "Fix: re-encode the source as UTF-8.")
            continue
        yield number, record
