"""A disk cache of per-article tables, so that rerunning a notebook does not recompute them.

Each table is one Parquet file named by a SHA-256 digest of everything it depends on: the
article's text, its parts (the layout parser's result), the sentence model, the stopwords in
force, the analysis and its arguments, and the newslens version together with a digest of the
package's own code and data (so that editing newslens, or upgrading it, never serves a stale
table). The article's id is not part of the key: a table is reused for the same text under
another id, with its ``article_id`` column set to the new id.

The cache lives in :data:`newslens.paths.CACHE_DIR` (git-ignored); set ``NEWSLENS_CACHE_DIR``
to move it, ``NEWSLENS_CACHE=off`` (or :func:`configure`) to turn it off. Deleting the folder
is always safe.

Example:
    >>> from newslens import cache
    >>> cache.configure(enabled=False)  # compute everything afresh in this session
    >>> cache.configure(enabled=True)
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from newslens.paths import CACHE_DIR
from newslens.stopwords import get_stopwords
from newslens.version import __version__

__all__ = ["stats", "configure", "cache_dir", "enabled", "cached_table", "clear"]

stats: Counter[str] = Counter()
"""``hits``, ``misses`` and ``writes`` in this process (what the cache tests and the benchmark read)."""

_settings: dict[str, Any] = {"directory": None, "enabled": None}


def configure(*, directory: str | Path | None = None, enabled: bool | None = None) -> None:
    """Move the cache or turn it on or off for this process (and the worker processes it starts).

    Args:
        directory: The cache folder (created when first written).
        enabled: ``False`` computes every table afresh and writes nothing.
    """
    if directory is not None:
        _settings["directory"] = Path(directory)
        os.environ["NEWSLENS_CACHE_DIR"] = str(directory)
    if enabled is not None:
        _settings["enabled"] = enabled
        os.environ["NEWSLENS_CACHE"] = "on" if enabled else "off"


def cache_dir() -> Path:
    """The cache folder in force."""
    return Path(_settings["directory"] or os.environ.get("NEWSLENS_CACHE_DIR") or CACHE_DIR)


def enabled() -> bool:
    """Whether tables are read from and written to the cache."""
    if _settings["enabled"] is not None:
        return bool(_settings["enabled"])
    return os.environ.get("NEWSLENS_CACHE", "on").lower() not in ("off", "0", "false", "no")


def clear() -> int:
    """Delete every cached table; returns how many files were removed."""
    folder = cache_dir()
    removed = 0
    for path in folder.glob("*.parquet") if folder.is_dir() else ():
        path.unlink(missing_ok=True)
        removed += 1
    return removed


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The newslens version and a digest of the package's code and data files."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("newslens")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".csv", ".json") and "__pycache__" not in path.parts:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _stopwords_digest(stopwords: frozenset[str]) -> str:
    return hashlib.sha256(repr(sorted(stopwords)).encode()).hexdigest()


def _key(article: Any, key: tuple) -> str:
    digest = hashlib.sha256()
    for piece in (code_digest(), article.text, repr(article.paragraph_spans), repr(article.parts),
                  article.sentence_model, _stopwords_digest(get_stopwords()), repr(key)):
        digest.update(piece.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def cached_table(article: Any, key: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Read the table for ``article`` and ``key`` from the cache, or compute it and write it there.

    Args:
        article: The :class:`~newslens.article.Article`.
        key: The analysis and its arguments, e.g. ``("entity_mentions", "spacy", None)``;
            its ``repr`` must not change between runs.
        compute: Makes the table when the cache does not hold it.

    Returns:
        The table, with ``article_id`` set to ``article.id`` when it has that column.
    """
    if not enabled():
        return compute()
    path = cache_dir() / f"{_key(article, key)}.parquet"
    if path.is_file():
        try:
            table = pd.read_parquet(path)
        except Exception:  # a truncated or foreign file: recompute and overwrite it
            path.unlink(missing_ok=True)
        else:
            stats["hits"] += 1
            if "article_id" in table.columns and len(table):
                table["article_id"] = article.id
            return table
    stats["misses"] += 1
    table = compute()
    _write(table, path)
    return table


def _write(table: pd.DataFrame, path: Path) -> None:
    """Write atomically (a temporary file, then a rename), so a reader never sees half a file;
    a cache that cannot be written (read-only disk) is skipped, never an error."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        table.to_parquet(tmp, index=False)
        os.replace(tmp, path)
        stats["writes"] += 1
    except Exception as exc:  # noqa: BLE001 - the table is right; only caching it failed
        stats["write_errors"] += 1
        if stats["write_errors"] == 1:
            warnings.warn(f"newslens cache: could not write {path} ({exc}); tables are computed without caching.",
                          stacklevel=3)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
