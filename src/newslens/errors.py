"""The one exception type that users see."""

from __future__ import annotations

__all__ = ["ArticleError"]


class ArticleError(Exception):
    """An article could not be read or analysed.

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
