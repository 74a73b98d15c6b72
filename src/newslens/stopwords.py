"""The English stopword list every table and chart uses, with per-call and per-session overrides."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from newslens.errors import InvalidArgument, MissingData, message

__all__ = ["default_stopwords", "get_stopwords", "add_stopwords", "remove_stopwords", "reset_stopwords"]

_SESSION_ADDED: set[str] = set()
_SESSION_REMOVED: set[str] = set()


def default_stopwords() -> frozenset[str]:
    """The list shipped with newslens (``data/stopwords_en.txt``), without session changes."""
    return _shipped()


def get_stopwords(
    *, source: str = "newslens", add: Iterable[str] = (), remove: Iterable[str] = ()
) -> frozenset[str]:
    """The stopwords in force: the chosen list, the session's changes, then this call's changes.

    Args:
        source: ``"newslens"`` (the shipped list, default) or ``"nltk"`` (NLTK's English
            stopwords corpus, which must be installed with ``nltk.download('stopwords')``).
        add: Extra words for this call.
        remove: Words to keep for this call.

    Returns:
        A frozen set of lower-case words.

    Raises:
        MissingData: ``source="nltk"`` and NLTK's stopwords corpus is not installed.
        InvalidArgument: ``source`` is not one of the two names.

    Example:
        >>> "the" in get_stopwords(), "the" in get_stopwords(remove=["the"])
        (True, False)
    """
    if source == "newslens":
        base = set(_shipped())
    elif source == "nltk":
        base = set(_nltk_stopwords())
    else:
        raise InvalidArgument(message(f"source={source!r}", "not a stopword list", "use 'newslens' (default) or 'nltk'"))
    base = (base | _SESSION_ADDED) - _SESSION_REMOVED
    return frozenset((base | _lower(add)) - _lower(remove))


def add_stopwords(words: Iterable[str]) -> None:
    """Treat these words as stopwords for the rest of the session (every table and chart)."""
    words = _lower(words)
    _SESSION_ADDED.update(words)
    _SESSION_REMOVED.difference_update(words)


def remove_stopwords(words: Iterable[str]) -> None:
    """Stop treating these words as stopwords for the rest of the session."""
    words = _lower(words)
    _SESSION_REMOVED.update(words)
    _SESSION_ADDED.difference_update(words)


def reset_stopwords() -> None:
    """Forget the session's changes: back to the shipped list."""
    _SESSION_ADDED.clear()
    _SESSION_REMOVED.clear()


def _lower(words: Iterable[str]) -> set[str]:
    if isinstance(words, str):
        words = [words]
    return {w.lower() for w in words}


_CACHE: dict[str, frozenset[str]] = {}


def _shipped() -> frozenset[str]:
    if "newslens" not in _CACHE:
        raw = resources.files("newslens").joinpath("data", "stopwords_en.txt").read_text(encoding="utf-8")
        _CACHE["newslens"] = frozenset(
            line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
        )
    return _CACHE["newslens"]


def _nltk_stopwords() -> frozenset[str]:
    from nltk.corpus import stopwords

    try:
        return frozenset(stopwords.words("english"))
    except LookupError:
        raise MissingData(message(
            "source='nltk'", "NLTK's stopwords corpus is not installed",
            "python -c \"import nltk; nltk.download('stopwords')\", "
            "or use the default source='newslens', which needs no download"
        )) from None
