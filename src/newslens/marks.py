"""Quotation marks: which character opens a quotation, which closes it, and the spans between.

News copy mixes every style: straight ``"..."``, curly ``“...”``, Bulgarian and German ``„...“``
and ``„...”``, guillemets ``«...»`` and ``»...«``, a closing ``“`` where ``”`` was meant, and the
typewriter pairs of newspaper archives (``''...''`` and ````...''``). Marks
are therefore classified by where they stand, not by their shape: a mark after white space (or
an opening bracket, or the start) and before a word opens; a mark after a word or punctuation
closes. ``„`` always opens. Single quotes (``‘...’``, ``'...'``) count only outside double
quotes and never inside a word, so apostrophes ("Tokyo's", "don’t", "’90s") are left alone.

Nothing here raises on unbalanced marks: an opener never closed runs to the end of its
paragraph (and on into the next paragraph when that one opens with a mark, the news convention
for a quotation over several paragraphs); a closer with no opener starts its quotation at the
start of its paragraph. A mismatched pair (``'a disgrace"`` or ``"a disgrace'``) is read the
shorter way: a double closer with no double opener pairs with an unpaired single opener before
it, and a double opener with no double closer with an unpaired single closer after it, so the
narration around them is never swallowed; such a quotation says so (``mismatched``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

__all__ = ["Quotation", "DOUBLE_MARKS", "SINGLE_MARKS", "ALL_MARKS", "quotation_spans", "find_quotations"]

DOUBLE_MARKS = "\"“”„«»‟"
"""Characters that open or close a double quotation (two apostrophes or backticks also do)."""
SINGLE_MARKS = "'‘’‚‹›"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_OPEN_CONTEXT = set(" \t\n\r\u00a0([{—–-/") | set(DOUBLE_MARKS)
_DOUBLE = re.compile(r"''|``|[\"“”„«»‟]")
_SINGLE = re.compile(r"(?<!')'(?!')|[‘’‚‹›]")


@dataclass(frozen=True)
class Quotation:
    """A quoted passage: ``start``/``end`` include the marks; ``inner_start``/``inner_end`` exclude them.

    ``closed`` is False when no closing mark was found (the quotation ran to its paragraph's
    end); ``opened`` is False when no opening mark was found; ``mismatched`` is True when its
    marks are of two kinds (a single opener and a double closer, or the other way round).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    opened: bool = True
    closed: bool = True
    single: bool = False
    mismatched: bool = False
    """Opened with one kind of mark (double or single) and closed with the other."""


_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
"""A markup tag left in a pasted text (``<tweet pic="" author="...">``): its marks quote nothing."""


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark at ``pos``."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "``":
        return "open"
    if mark in "„‚":
        return "open"
    space_before = before in _OPEN_CONTEXT
    space_after = after.isspace() or after in ",.;:!?)]}—–" or after in DOUBLE_MARKS
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    if mark in "«‹“‘":
        return "open" if not before.isalnum() else "close"
    if mark in "»›”’":
        return "close"
    return "either"


def _is_apostrophe(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, Tokyo's
    if after.isdigit() and not before.isalnum():
        return True  # ’90s
    return before.lower() == "s" and not after.isalnum() and text[pos] in "'’" and pos >= 2 and text[pos - 2].isalpha()


def _closes_after_s(text: str, pos: int, end: int) -> bool:
    """A mark after a final "s" that ends an open single quotation rather than making a plural
    possessive: punctuation or the paragraph's end follows it ("'... out of shells', says X",
    "'... the NHS'"), not a word ("the players' union")."""
    rest = text[pos + 1 : end].lstrip(" ")
    return text[pos - 1 : pos].lower() == "s" and (not rest.strip() or rest[0] in ",.;:!?")


def _pair(text: str, start: int, end: int, pattern: re.Pattern[str], single: bool) -> list[Quotation]:
    """Pair the marks of one paragraph ``text[start:end]``, left to right."""
    out: list[Quotation] = []
    open_at: int | None = None
    open_len = 1
    tags = [(t.start(), t.end()) for t in _TAG.finditer(text, start, end)]
    for m in pattern.finditer(text, start, end):
        pos = m.start()
        if single and _is_apostrophe(text, pos) and not (open_at is not None and _closes_after_s(text, pos, end)):
            continue  # an apostrophe ("Tokyo's", "the players' union")
        if any(a < pos < b for a, b in tags):
            continue  # the delimiter of a markup attribute (<tweet author="...">)
        role = _role(text, pos, m.group())
        if open_at is None:
            if role in ("open", "either"):
                open_at, open_len = pos, len(m.group())
            elif not single and (lone := _lone_single(text, out[-1].end if out else start, pos, opener=True)) is not None:
                out.append(Quotation(lone, m.end(), lone + 1, pos, mismatched=True))  # 'a disgrace"
            elif not out and not single:  # a closer with no opener: quote from the paragraph start
                out.append(Quotation(start, m.end(), start, pos, opened=False))
        elif role in ("close", "either"):
            out.append(Quotation(open_at, m.end(), open_at + open_len, pos, single=single))
            open_at = None
        # a second opener while one is open: keep the first (a nested or stray mark)
    if open_at is not None and not single:
        lone = _lone_single(text, open_at + open_len, end, opener=False)
        if lone is not None:  # "a disgrace' : closed by the single mark, not by the paragraph's end
            out.append(Quotation(open_at, lone + 1, open_at + open_len, lone, mismatched=True))
        else:
            out.append(Quotation(open_at, end, open_at + open_len, end, closed=False, single=single))
    return out


def _lone_single(text: str, start: int, end: int, *, opener: bool) -> int | None:
    """The position of a single quotation mark in ``text[start:end]`` that pairs with none there:
    the last unpaired opener (``opener=True``) or the first unpaired closer; apostrophes are not marks."""
    opened: list[int] = []
    for m in _SINGLE.finditer(text, start, end):
        pos = m.start()
        if _is_apostrophe(text, pos):
            continue
        role = _role(text, pos, m.group())
        if role == "open":
            opened.append(pos)
        elif role == "close":
            if opened:
                opened.pop()
            elif not opener:
                return pos
    return opened[-1] if opener and opened else None


def find_quotations(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[Quotation]:
    """Every quotation in ``text``, in order, with multi-paragraph quotations joined.

    Args:
        text: The whole text.
        paragraphs: ``(start, end)`` of each paragraph; the whole text is one paragraph when omitted.

    Returns:
        :class:`Quotation` objects in text order. Single-quoted passages are included only where
        they are not inside a double-quoted one.

    Example:
        >>> t = 'He said „we will respond“ and "never stop”.'
        >>> [t[q.start:q.end] for q in find_quotations(t)]
        ['„we will respond“', '"never stop”']
    """
    paragraphs = list(paragraphs) if paragraphs is not None else [(0, len(text))]
    found: list[Quotation] = []
    for p_start, p_end in paragraphs:
        doubles = _pair(text, p_start, p_end, _DOUBLE, single=False)
        starts = [d.start for d in doubles]
        reach = list(accumulate((d.end for d in doubles), max))  # furthest end of the doubles up to each
        singles = [
            q for q in _pair(text, p_start, p_end, _SINGLE, single=True)
            if not (k := bisect_right(starts, q.start) - 1) >= 0 or reach[k] <= q.start  # not inside a double
        ]
        found.extend(sorted(doubles + singles, key=lambda q: q.start))
    return _join_paragraphs(text, found, paragraphs)


def _join_paragraphs(text: str, quotes: list[Quotation], paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """An unclosed quotation continues when the next paragraph opens with a mark."""
    para_of = {}
    for i, (s, _) in enumerate(paragraphs):
        para_of[s] = i
    joined: list[Quotation] = []
    for q in quotes:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and not prev.closed
            and q.opened
            and q.start in para_of
            and prev.end == paragraphs[para_of[q.start] - 1][1]
        ):
            joined[-1] = Quotation(prev.start, q.end, prev.inner_start, q.inner_end, True, q.closed, prev.single)
        else:
            joined.append(q)
    return joined


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the double-quoted passages of one paragraph, marks included.

    Example:
        >>> quotation_spans('He said „yes“ and "no”.')
        [(8, 13), (18, 22)]
    """
    return [(q.start, q.end) for q in _pair(text, 0, len(text), _DOUBLE, single=False) if q.opened and q.closed]
