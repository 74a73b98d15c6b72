"""The exceptions users see: one base class and three kinds, each message "problem. Fix: ...".

* :class:`ArticleError`: input that cannot be read (a missing, empty, binary or undecodable file,
  a corpus with no article, a notebook that failed on an article).
* :class:`InvalidArgument` (also a ``ValueError``): an option with a value newslens does not take.
* :class:`MissingData` (also a ``LookupError``): opt-in data that is not installed (NLTK's own
  models, the spaCy model).

The command line catches :class:`NewslensError` and prints its message as one line.
"""

from __future__ import annotations

__all__ = ["NewslensError", "ArticleError", "InvalidArgument", "MissingData", "message"]


def message(what: object, problem: str, fix: str) -> str:
    """The one form of every newslens error message: ``"<what>: <problem>. Fix: <fix>"``.

    Args:
        what: The file, or the argument with its bad value (``"ngram=4"``).
        problem: What is wrong, without a final full stop.
        fix: What to do instead.

    Example:
        >>> message("ngram=4", "only 1, 2 or 3 are supported", "pass ngram=1, 2 or 3.")
        'ngram=4: only 1, 2 or 3 are supported. Fix: pass ngram=1, 2 or 3.'
    """
    fix = fix if fix.endswith((".", "!", "?", ")")) else fix + "."
    return f"{what}: {problem}. Fix: {fix}"


class NewslensError(Exception):
    """Base class of every error newslens raises for its users.

    The message names the file (or argument), the problem and the fix, on one line, so the
    command line can print it as it is.

    Example:
        >>> raise ArticleError("notes.txt: the file is empty. Fix: give a file that holds an article's text.")
        Traceback (most recent call last):
        ...
        newslens.errors.ArticleError: notes.txt: the file is empty. Fix: give a file that holds an article's text.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ArticleError(NewslensError):
    """An article (or a corpus, or a report on them) could not be read or made."""


class InvalidArgument(NewslensError, ValueError):
    """An option has a value newslens does not take; the message names the option and the accepted values."""


class MissingData(NewslensError, LookupError):
    """Opt-in data (NLTK's own models, the spaCy model) is not installed; the message says how to install it."""
