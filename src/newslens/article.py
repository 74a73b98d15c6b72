"""The Article: metadata, the verbatim text, its parts, and its tidy tables."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from newslens.cache import cached_table
from newslens.errors import ArticleError, InvalidArgument, message
from newslens.io import RawText, lone_surrogate, looks_like_html, read_text
from newslens.layouts import parse_layout
from newslens.segment import paragraph_spans
from newslens.stopwords import get_stopwords
from newslens.tokenize import paragraph_table, reader_words, sentence_table_raw, token_table
from newslens.webpage import extract_page

__all__ = ["Article", "Metadata", "load_article", "article_from_raw", "article_from_text"]


@dataclass(frozen=True)
class Metadata:
    """What the layout parser found about an article; ``None`` wherever it found nothing."""

    outlet: str | None = None
    headline: str | None = None
    standfirst: str | None = None
    published: datetime | None = None
    views: int | None = None
    caption: str | None = None
    author: str | None = None
    layout: str = "plain"
    source: str | None = None
    encoding: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The metadata as a plain dict (``published`` stays a ``datetime``)."""
        return asdict(self)


@dataclass(eq=False)
class Article:
    """One news article: an id, the verbatim text, metadata, and tables derived from them.

    The text is never changed: every paragraph, sentence and token row carries ``start`` and
    ``end`` offsets such that ``article.text[start:end]`` is that unit exactly. Tables are
    computed on first use and cached.

    Attributes:
        id: A short identifier, the file name without extension by default.
        text: The article's text exactly as decoded.
        metadata: The :class:`Metadata` found by the layout parser.
        paragraph_spans: ``(start, end)`` of each paragraph.
        parts: The part of each paragraph (see :data:`newslens.layouts.PARTS`).
        sentence_model: The Punkt parameters used to split sentences (``"newslens"`` or ``"nltk"``).

    Example:
        >>> a = article_from_text("Moscow warns Tokyo\\n\\nRussia will respond. Japan said nothing.")
        >>> a.metadata.headline, len(a.sentences), a.tokens["token"].tolist()[-3:]
        ('Moscow warns Tokyo', 3, ['said', 'nothing', '.'])
    """

    id: str
    text: str
    metadata: Metadata
    paragraph_spans: list[tuple[int, int]]
    parts: list[str]
    sentence_model: str = "newslens"
    html: str | None = None
    """The original HTML page, for an article extracted from HTML (``text`` is what was extracted)."""
    extra: dict[str, Any] | None = None
    """Extra metadata columns, for an article read from a CSV or JSONL corpus."""

    @property
    def body(self) -> list[str]:
        """The body paragraphs' texts, in order."""
        return [self.text[s:e] for (s, e), part in zip(self.paragraph_spans, self.parts) if part == "body"]

    _tables: dict[tuple, Any] = field(default_factory=dict, init=False, repr=False)
    """Tables computed for this article, by key (an analysis and its arguments): see :meth:`memo`."""

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: ``article_id, part, paragraph, start, end, text``."""
        return self._table(("paragraphs",), lambda: paragraph_table(self.id, self.text, self.paragraph_spans, self.parts))

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``article_id, part, paragraph, sentence, start, end, text``."""
        return self._table(("sentences",), lambda: cached_table(
            self, ("sentences",), lambda: sentence_table_raw(self.paragraphs, self.text, model=self.sentence_model)))

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: ``article_id, part, paragraph, sentence, position, start, end,
        token, lower, is_word, is_stop`` (stopwords as in force when first computed)."""
        return self._table(("tokens",), lambda: cached_table(
            self, ("tokens",), lambda: token_table(self.sentences, self.text, get_stopwords())))

    def _table(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The table under ``key``, computed on first use; the object itself, not a copy."""
        if key not in self._tables:
            self._tables[key] = compute()
        return self._tables[key]

    def memo(self, key: tuple, compute: Callable[[], Any], *, disk: bool = False) -> Any:
        """Compute a derived table once per article and key (an analysis and its arguments), then reuse it.

        Tables are returned as copies, so a caller that edits one cannot change the kept result.
        With ``disk=True`` the table is also kept in the disk cache (:mod:`newslens.cache`), so a
        new session (a rerun notebook) reads it instead of computing it again.

        Example:
            >>> a = article_from_text("Rain in Porto. The river rose.")
            >>> a.memo(("n_sentences",), lambda: len(a.sentences))
            2
        """
        value = self._table(key, (lambda: cached_table(self, key, compute)) if disk else compute)
        return value.copy() if isinstance(value, pd.DataFrame) else value

    def has_tables(self, *names: str) -> bool:
        """Whether a table of each analysis named (the first element of a :meth:`memo` key) is kept."""
        return all(any(key[0] == name for key in self._tables) for name in names)

    def adopt(self, other: Article) -> None:
        """Keep the tables computed for ``other``, a copy of this article (made in a worker process)."""
        self._tables.update(other._tables)

    def counts(self) -> dict[str, int]:
        """Paragraphs, sentences and words (as a reader counts them: :func:`newslens.tokenize.reader_words`),
        overall and in the body."""
        words = reader_words(self.tokens)
        return {
            "paragraphs": len(self.paragraphs),
            "body_paragraphs": int((self.paragraphs["part"] == "body").sum()),
            "sentences": len(self.sentences),
            "body_sentences": int((self.sentences["part"] == "body").sum()),
            "words": len(words),
            "body_words": int((words["part"] == "body").sum()),
        }

    def info(self) -> dict[str, Any]:
        """Id, metadata and counts in one flat dict (what ``newslens info`` prints)."""
        return {"id": self.id, **self.metadata.as_dict(), **self.counts()}

    def __repr__(self) -> str:
        head = self.metadata.headline or self.text[:40]
        return f"Article(id={self.id!r}, layout={self.metadata.layout!r}, headline={head!r})"


def load_article(
    path: str | Path, *, article_id: str | None = None, layout: str = "auto", sentence_model: str = "newslens"
) -> Article:
    """Read an article file and find its parts.

    Args:
        path: A text file (any encoding newslens can detect), or ``"-"`` for standard input.
        article_id: The id to use; by default the file name without its extension.
        layout: ``"auto"`` (default) or a layout name to force: ``"fakti"``, ``"headline"``, ``"plain"``.
        sentence_model: ``"newslens"`` (shipped Punkt parameters, default) or ``"nltk"``
            (NLTK's downloaded model, an explicit opt-in).

    Returns:
        The :class:`Article`.

    Raises:
        ArticleError: The file cannot be read, or the forced layout does not fit.

    Example:
        >>> article = load_article("data/articles/fakti-2024-11-24-moscow-tokyo.txt")  # doctest: +SKIP
        >>> article.metadata.outlet  # doctest: +SKIP
        'Fakti'
    """
    raw = read_text(path)
    if article_id is None:
        article_id = "stdin" if str(path) == "-" else Path(path).stem
    return article_from_raw(raw, article_id=article_id, layout=layout, sentence_model=sentence_model)


def article_from_raw(raw: RawText, *, article_id: str, layout: str = "auto", sentence_model: str = "newslens") -> Article:
    """Make an :class:`Article` from a file already read with :func:`newslens.io.read_text`
    (an HTML page goes through trafilatura; its page is kept in ``html``)."""
    if looks_like_html(raw.source, raw.text):
        return _from_html(raw, article_id, sentence_model=sentence_model)
    return _build(raw.text, article_id, layout, source=raw.source, encoding=raw.encoding, sentence_model=sentence_model)


def _from_html(raw, article_id: str, *, sentence_model: str) -> Article:
    """An article from an HTML page: trafilatura's title and main text, the page kept in ``html``."""
    text, meta, parts = extract_page(raw.text, source=raw.source)
    spans = paragraph_spans(text)
    metadata = Metadata(**meta, layout="html", source=raw.source, encoding=raw.encoding)
    return Article(id=article_id, text=text, metadata=metadata, paragraph_spans=spans, parts=parts,
                   sentence_model=sentence_model, html=raw.text)


def article_from_text(
    text: str, *, article_id: str | None = None, layout: str = "auto", sentence_model: str = "newslens"
) -> Article:
    """Make an :class:`Article` from a string already in memory.

    Args:
        text: The article's text.
        article_id: The id to use; by default ``article-`` and the first 8 hex digits of the
            text's SHA-1, so the same text always gets the same id.
        layout: As in :func:`load_article`.
        sentence_model: As in :func:`load_article`.

    Raises:
        ArticleError: The text is empty or only white space, or the forced layout does not fit.

    Example:
        >>> article_from_text("Just one sentence.").parts
        ['body']
    """
    if not isinstance(text, str):
        raise InvalidArgument(message(f"text={type(text).__name__}", "expected a str",
                                      "decode bytes first, or use load_article()"))
    if not text.strip():
        raise ArticleError("text='': the text is empty. Fix: give the article's text.")
    at = lone_surrogate(text)
    if at is not None:
        raise ArticleError(message(
            f"text (id {article_id})" if article_id else "text",
            f"holds a lone surrogate (\\u{ord(text[at]):04x}) at character {at}, which is not Unicode text",
            "re-encode the source as UTF-8"))
    if article_id is None:
        article_id = "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return _build(text, article_id, layout, source=None, encoding=None, sentence_model=sentence_model)


def _build(
    text: str, article_id: str, layout: str, *, source: str | None, encoding: str | None, sentence_model: str
) -> Article:
    spans = paragraph_spans(text)
    found = parse_layout([text[s:e] for s, e in spans], layout=layout, source=source or "<text>")
    meta = Metadata(**found.metadata, layout=found.name, source=source, encoding=encoding)
    return Article(
        id=article_id, text=text, metadata=meta, paragraph_spans=spans, parts=found.parts, sentence_model=sentence_model
    )
