"""Layout parsers: which paragraph of an article is the headline, the dateline, the body...

Each parser looks at the paragraphs of a text and either recognises its layout, returning
the part of every paragraph and the metadata it found, or returns ``None``. With
``layout="auto"`` the parsers are tried in order: ``fakti``, ``headline``, then ``plain``
(everything is body), which always matches. Metadata a parser does not find is ``None``:
nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newslens.errors import ArticleError, InvalidArgument, message

__all__ = ["PARTS", "PROSE_PARTS", "COUNTED_PARTS", "scope_label", "Layout", "LAYOUTS", "check_parts", "parse_layout",
           "parse_date"]

PARTS = ("outlet", "headline", "standfirst", "dateline", "caption", "body")
"""Every part name, in reading order."""

COUNTED_PARTS = ("headline", "standfirst", "body")
"""The default scope of every count (words, entities, lexical measures): the article's own words.
A photo caption is left out (it describes the picture, and some outlets repeat the headline
there), as are the site line and the dateline; pass ``parts=`` to count them."""

PROSE_PARTS = ("headline", "standfirst", "caption", "body")
"""Parts whose words are prose (the outlet and the dateline are labels): entities and quotes are
never looked for in the site line or the dateline."""


def scope_label(parts: Sequence[str] | None) -> str:
    """The parts a count covers, in words, as charts state it.

    Example:
        >>> scope_label(COUNTED_PARTS)
        'the headline, standfirst and body'
        >>> scope_label(["body"]), scope_label(None)
        ('the body', 'every part')
    """
    if parts is None:
        return "every part"
    names = [p for p in PARTS if p in set(parts)]
    if len(names) < 2:
        return f"the {names[0]}" if names else "no part"
    return "the " + ", ".join(names[:-1]) + " and " + names[-1]


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_PATTERNS = (
    re.compile(rf"^{_WEEKDAY}(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})$"),
)
_FAKTI_OUTLET = re.compile(r"^(?:Last|Latest) news in (?P<outlet>\S.{0,60})$")
_FAKTI_DATELINE = re.compile(
    rf"^(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\s+(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"
    r"(?:\s+(?P<views>\d+))?$"
)
_FAKTI_CAPTION = re.compile(r"^(?P<caption>.+?)\s+-\s+\d{1,3}$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_HEADLINE_MAX_WORDS = 30


@dataclass(frozen=True)
class Layout:
    """What a layout parser found: the part of each paragraph and the metadata."""

    name: str
    parts: list[str]
    metadata: dict[str, Any] = field(default_factory=dict)


def parse_date(value: str) -> datetime | None:
    """Parse a date paragraph such as ``"Friday, August 21, 2015"`` or ``"24 Nov 2024"``.

    Returns:
        The date at midnight, or ``None`` when ``value`` is not a whole date.

    Example:
        >>> parse_date("Friday, August 21, 2015")
        datetime.datetime(2015, 8, 21, 0, 0)
    """
    value = value.strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(value)
        if m:
            return _make_datetime(m.groupdict())
    return None


def _make_datetime(parts: dict[str, str | None], hour: int = 0, minute: int = 0) -> datetime | None:
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"][:3].lower()]
    try:
        return datetime(int(parts["year"]), month, int(parts["day"]), hour, minute)
    except ValueError:
        return None


def _fakti(paragraphs: list[str]) -> Layout | None:
    """Fakti's English pages: site line, headline, standfirst, dateline + views, photo caption, body."""
    if len(paragraphs) < 3:
        return None
    outlet = _FAKTI_OUTLET.match(paragraphs[0])
    dateline_at = next((i for i in range(2, min(5, len(paragraphs))) if _FAKTI_DATELINE.match(paragraphs[i])), None)
    if outlet is None or dateline_at is None:
        return None
    parts = ["outlet", "headline"] + ["standfirst"] * (dateline_at - 2) + ["dateline"]
    m = _FAKTI_DATELINE.match(paragraphs[dateline_at])
    meta: dict[str, Any] = {
        "outlet": outlet.group("outlet").strip(),
        "headline": paragraphs[1],
        "standfirst": "\n\n".join(paragraphs[2:dateline_at]) or None,
        "published": _make_datetime(m.groupdict(), int(m.group("hour")), int(m.group("minute"))),
        "views": int(m.group("views")) if m.group("views") else None,
        "caption": None,
    }
    rest = paragraphs[dateline_at + 1 :]
    if rest and _FAKTI_CAPTION.match(rest[0]):
        parts.append("caption")
        meta["caption"] = _FAKTI_CAPTION.match(rest[0]).group("caption")
        rest = rest[1:]
    parts.extend(["body"] * len(rest))
    return Layout("fakti", parts, meta)


def _headline(paragraphs: list[str]) -> Layout | None:
    """A headline paragraph (one short line, no final full stop), an optional date line, then body."""
    if len(paragraphs) < 2:
        return None
    head = paragraphs[0]
    if "\n" in head or len(head.split()) > _HEADLINE_MAX_WORDS or head.rstrip()[-1] in ".,;:":
        return None
    parts = ["headline"]
    published = parse_date(paragraphs[1])
    if published is not None:
        parts.append("dateline")
    parts.extend(["body"] * (len(paragraphs) - len(parts)))
    return Layout("headline", parts, {"headline": head, "published": published})


def _plain(paragraphs: list[str]) -> Layout:
    """No layout: every paragraph is body."""
    return Layout("plain", ["body"] * len(paragraphs), {})


LAYOUTS: dict[str, Callable[[list[str]], Layout | None]] = {
    "fakti": _fakti,
    "headline": _headline,
    "plain": _plain,
}
"""The layout parsers by name, in the order ``layout="auto"`` tries them."""

_EMPTY_META = dict.fromkeys(("outlet", "headline", "standfirst", "published", "views", "caption"))


def check_parts(parts: str | Sequence[str], *, name: str = "parts") -> list[str]:
    """The parts asked for, as a list, each checked against :data:`PARTS`.

    Raises:
        InvalidArgument: A name is not a part (``name`` is how the caller calls the option).

    Example:
        >>> check_parts("body")
        ['body']
    """
    if isinstance(parts, str):
        parts = [parts]
    unknown = [p for p in parts if p not in PARTS]
    if unknown and name.startswith("-"):  # a command-line option: --part footer
        raise InvalidArgument(message(f"{name} {unknown[0]}", "not a part", f"use some of {', '.join(PARTS)}"))
    if unknown:
        raise InvalidArgument(message(f"{name}={list(parts)!r}", f"{unknown[0]!r} is not a part",
                                      f"use some of {', '.join(PARTS)}"))
    return list(parts)


def parse_layout(paragraphs: list[str], *, layout: str = "auto", source: str = "<text>") -> Layout:
    """Find the parts of an article from its paragraphs.

    Args:
        paragraphs: The paragraph texts, in order.
        layout: ``"auto"`` (default) or the name of one parser in :data:`LAYOUTS` to force.
        source: The file name, for error messages.

    Returns:
        The :class:`Layout`, whose metadata has every key (``None`` when not found).

    Raises:
        ArticleError: ``layout`` is unknown, or the forced layout does not fit the text.

    Example:
        >>> parse_layout(["Title", "Friday, August 21, 2015", "Body."]).parts
        ['headline', 'dateline', 'body']
    """
    if layout == "auto":
        found = next(r for r in (parser(paragraphs) for parser in LAYOUTS.values()) if r is not None)
    elif layout in LAYOUTS:
        found = LAYOUTS[layout](paragraphs)
        if found is None:
            raise ArticleError(
                f"{source}: layout={layout!r} does not fit this text. "
                "Fix: use layout='auto' to detect it, or layout='plain' to read everything as body.",
                path=source,
            )
    else:
        names = ", ".join(repr(n) for n in ("auto", *LAYOUTS))
        raise InvalidArgument(f"layout={layout!r} is not a known layout. Fix: use one of {names}.", path=source)
    return Layout(found.name, found.parts, {**_EMPTY_META, **found.metadata})
