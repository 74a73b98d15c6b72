"""Sentence splitting: NLTK's Punkt with parameters shipped in the package, plus news rules.

Punkt (Kiss & Strunk 2006) decides most boundaries. It normally learns its parameters from a
corpus; NLTK's pre-trained English model has to be downloaded, so newslens ships its own
parameters instead (``data/abbreviations_en.txt`` and ``data/sentence_starters_en.txt``) and
never reads ``~/nltk_data`` unless asked to (``model="nltk"``).

A handful of rules, applied to Punkt's boundaries, fix what an unsupervised model cannot know:

* a blank line always ends a sentence (paragraphs never share a sentence; in a text
  with no blank line, every line is a paragraph);
* a sentence never starts with a lower-case word ("'This is great.' she said.", "Yahoo! in",
  "a Ph.D. in"), except a pronoun after a plain sentence end, as informal writing has it ("...
  LibriVox. we find"); a camel-cased name ("eBay") or a web address may start one;
* spaced ellipses (". . .") are one token, and an ellipsis on its own joins a neighbour;
* numbered, lettered and bulleted lists start a new sentence at every item marker (two bullets
  or more: one bullet is a separator, "MAY 4, 2024 • PRESS RELEASES");
* a list marker on its own ("1.", "a)") joins the item it introduces;
* a citation mark ("[6]", "[3] [7]") ends the sentence it follows, never starts the next one;
* a note on life dates stays whole ("(b. 1970)", "(m. 1949; div. 1964)");
* a paragraph's short last piece with no final stop is the attribution of a pull quote and joins
  it ("... over." - Dana Reyes), or a citation ("[12]"); not a sentence broken off ("I hire --"),
  a bracketed note, or a title after a plain sentence ("The Story of My Life").

Each rule is re-checked by ``benchmarks/sentence_accuracy.py --ablate`` on every genre of the
development data (docs/accuracy.md).

Every function returns character spans into the text it was given; the text is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from newslens.errors import InvalidArgument, MissingData, message
from newslens.marks import quotation_spans
from newslens.names import first_name_gender

__all__ = ["split_sentences", "paragraph_spans", "punkt_tokenizer", "ABBREVIATIONS"]

_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"[^\r\n]+")
_SPACED_ELLIPSIS = re.compile(r"(?<!\S)\.(?:[ \u00a0]\.){2,}")
_OPENERS = "\"'“‘„«‹([{"
_LOWER_START = re.compile(r"[" + re.escape(_OPENERS) + r"]*(?!https?:|www\.)[a-z][a-z'’-]*(?![\w])")
_ELLIPSIS_ONLY = re.compile(r"^[.…\s]+[\"'”’»)\]]*$")
_MARKER_ONLY = re.compile(r"^[•⁃‣◦▪■\-–]?\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})(?:\.\)|\.|\))$")
_BULLET = re.compile(r"(?<=\s)[•⁃‣◦▪■](?=\s*\S)")
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)[•⁃‣◦▪■]?\s*(\d{1,3}|[a-z])(\.\)|\.|\))(?=\s)")
_CREDIT = re.compile(r"(?<=\S)\s+((?:Image|Photo|Photograph|Picture|Credit|Video)s?:\s)")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_MAX_TAIL_WORDS = 12
_NAME_TAIL = re.compile(r"^(?!(?:The|A|An)\s)[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,2}$")
_INTERRUPTED = re.compile(r"(?:--|[—–])$")  # "I hire --": a sentence broken off, not an attribution
_NOTE = re.compile(r"[\[(][^\])]*[A-Za-z]")  # "[Note: ...]" (a citation "[19]" holds no letter)


def _read_list(name: str) -> frozenset[str]:
    raw = resources.files("newslens").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


ABBREVIATIONS: frozenset[str] = _read_list("abbreviations_en.txt")
"""Lower-case abbreviations (without the final period) that Punkt treats as non-final."""


@lru_cache(maxsize=2)
def punkt_tokenizer(model: str = "newslens") -> PunktSentenceTokenizer:
    """Return the Punkt sentence tokenizer behind :func:`split_sentences`.

    Args:
        model: ``"newslens"`` (default) builds Punkt from the parameters shipped in the
            package; nothing is read from disk outside the package. ``"nltk"`` loads NLTK's
            pre-trained English model (``punkt_tab``), which must be installed first.

    Returns:
        A ready :class:`nltk.tokenize.punkt.PunktSentenceTokenizer`.

    Raises:
        MissingData: ``model="nltk"`` and NLTK's data is not installed; the message names
            the ``nltk.download(...)`` call to run.
        InvalidArgument: ``model`` is not one of the two names.

    Example:
        >>> punkt_tokenizer().tokenize("Mr. Smith went to Washington. He left.")
        ['Mr. Smith went to Washington.', 'He left.']
    """
    if model == "nltk":
        from nltk.data import find

        try:
            find("tokenizers/punkt_tab/english/")
        except LookupError:
            raise MissingData(message(
                "model='nltk'", "NLTK's Punkt model is not installed",
                "python -c \"import nltk; nltk.download('punkt_tab')\", "
                "or use the default model='newslens', which needs no download"
            )) from None
        from nltk.tokenize import PunktTokenizer

        return PunktTokenizer("english")
    if model != "newslens":
        raise InvalidArgument(message(f"model={model!r}", "not a sentence model", "use 'newslens' (default) or 'nltk'"))
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    starters = _read_list("sentence_starters_en.txt")
    params.sent_starters = set(starters)
    for word in starters:
        params.add_ortho_context(word, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, *, model: str = "newslens") -> list[tuple[int, int]]:
    """Split a plain text into sentences and return their character spans.

    No layout parsing is done: this is the splitter on its own. Blank lines end sentences.

    Args:
        text: Any text.
        model: The Punkt parameters to use: ``"newslens"`` (shipped, default) or ``"nltk"``
            (NLTK's downloaded English model), see :func:`punkt_tokenizer`.

    Returns:
        ``(start, end)`` pairs such that ``text[start:end]`` is a sentence with no
        surrounding white space, in text order.

    Example:
        >>> text = "I live in the U.S. How about you?"
        >>> [text[s:e] for s, e in split_sentences(text)]
        ['I live in the U.S.', 'How about you?']
    """
    tokenizer = punkt_tokenizer(model)
    spans: list[tuple[int, int]] = []
    for block_start, block_end in paragraph_spans(text):
        block = text[block_start:block_end]
        spans.extend((block_start + s, block_start + e) for s, e in _split_block(block, tokenizer))
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text``, without surrounding white space.

    Paragraphs are separated by blank lines; a text with no blank line but several lines
    has one paragraph per line.

    Example:
        >>> paragraph_spans("Title\\n\\nFirst line.\\nSame paragraph.")
        [(0, 5), (7, 34)]
    """
    if _BLANK_LINE.search(text):
        cuts, pos = [], 0
        for match in _BLANK_LINE.finditer(text):
            cuts.append((pos, match.start()))
            pos = match.end()
        cuts.append((pos, len(text)))
    else:
        cuts = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    spans = []
    for start, end in cuts:
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + lead + len(chunk.strip())))
    return spans


def _split_block(block: str, tokenizer: PunktSentenceTokenizer) -> list[tuple[int, int]]:
    # Punkt reads a same-length shadow of the block in which a spaced ellipsis is one token.
    shadow = _SPACED_ELLIPSIS.sub(lambda m: "." * len(m.group()), block)
    starts = {s for s, _ in tokenizer.span_tokenize(shadow)} or {0}
    starts.add(0)
    forced = _list_starts(block) | {m.start(1) for m in _CREDIT.finditer(block)}
    starts = _keep_citations(block, starts, keep=forced)  # before the lower-case rule: "[citation needed] It"
    starts = _join_lowercase_starts(block, starts - forced) | forced
    starts = _join_initials(block, starts, keep=forced)
    starts = _join_life_dates(block, starts, keep=forced)
    starts = _join_attribution_tail(block, starts, keep=forced)
    starts = _join_fragments(block, starts, keep=forced)
    return _spans_from_starts(block, starts)


def _spans_from_starts(block: str, starts: set[int]) -> list[tuple[int, int]]:
    ordered = sorted(starts)
    spans = []
    for i, start in enumerate(ordered):
        end = ordered[i + 1] if i + 1 < len(ordered) else len(block)
        piece = block[start:end]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        if stripped:
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


_INITIALS_END = re.compile(r"(?:^|[\s(\[])((?:[A-Z]\.){1,3})[)\]]?\s*$")
_ENDING_INITIALS = frozenset("U.S. U.K. U.N. E.U. D.C. L.A. N.Y. N.J. U.S.A. A.M. P.M. B.C. A.D. U.A.E.".split())
"""Dotted capitals that end sentences as often as not ("... moved to the U.S. The company ...")."""
_SENTENCE_STARTERS: frozenset[str] = _read_list("sentence_starters_en.txt")
_WORD_AT = re.compile(r"[\"'“‘(\[]*([A-Za-z][\w'’-]*)")


def _join_initials(block: str, starts: set[int], *, keep: set[int]) -> set[int]:
    """Drop a boundary after a person's initials before the rest of the name: "O.J. Simpson",
    "J.R.R. Tolkien", "[George H. W.] Bush". Not after dotted capitals that end sentences ("the
    U.S."), nor before a word that starts sentences ("... E. The"), nor after a lone capital that
    follows no first name ("Plan B. Nobody")."""
    out = set()
    for s in starts:
        m = _INITIALS_END.search(block, 0, s) if s else None
        word = _WORD_AT.match(block, s)
        if (m and s not in keep and m.group(1) not in _ENDING_INITIALS and word and word.group(1)[0].isupper()
                and word.group(1).lower() not in _SENTENCE_STARTERS and _initials(block, m)):
            continue
        out.add(s)
    return out


_CITATIONS = re.compile(r"(?:\[(?:\d{1,3}|[a-z][a-z ]{0,30}(?:needed|\?))\]\s*)+")
"""Citation marks and Wikipedia's inline notes: "[6]", "[3] [7]", "[citation needed]", "[who?]"."""


def _keep_citations(block: str, starts: set[int], *, keep: set[int]) -> set[int]:
    """A citation mark belongs to the sentence it follows: "... in 1805. [6] An undistinguished
    student" starts its next sentence at "An", not at "[6]" (as Punkt has it)."""
    out = set()
    for s in starts:
        m = _CITATIONS.match(block, s) if s and s not in keep else None
        if m is None:
            out.add(s)
        elif m.end() < len(block):
            out.add(m.end())
    return out


_LIFE_NOTE = re.compile(r"\((?:[^()]*[;,]\s*)?(?:b|d|m|div|fl|r)\.\s*$")


def _join_life_dates(block: str, starts: set[int], *, keep: set[int]) -> set[int]:
    """Keep a biography's note on life dates whole: "(b. 1970)", "(d. 1990)", "(m. 1949; div.
    1964)": no boundary between such a lower-case abbreviation, opening a bracket or after a
    semicolon or comma inside one, and the year after it ("the 100 m. 1990 was" still splits)."""
    return {s for s in starts if s in keep or not block[s : s + 1].isdigit() or not _LIFE_NOTE.search(block, 0, s)}


_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)[\s(\[]*$")


def _initials(block: str, m: re.Match) -> bool:
    """Dotted capitals that are a person's initials: two or more ("O.J."), or one after a first
    name or another initial ("George H.", "H. W."), not "Plan B." or "Vitamin C."."""
    if len(m.group(1)) > 2:
        return True
    before = _WORD_BEFORE.search(block, 0, m.start(1))
    return bool(before) and (re.fullmatch(r"[A-Z]\.", before.group(1)) is not None
                             or first_name_gender(before.group(1)) is not None)


def _join_lowercase_starts(block: str, starts: set[int]) -> set[int]:
    """Drop boundaries before a lower-case word: such a word continues the sentence ("a Ph.D.
    in Linguistics", "'Great.' she said"), unless it is a pronoun after a plain sentence end, as
    informal writing starts sentences ("... than LibriVox. we find it ...")."""
    return {s for s in starts if s == 0 or not _LOWER_START.match(block, s) or _informal_start(block, s)}


_INFORMAL_STARTS = frozenset("i we you they he she it some there this that".split())
_WORD_BEFORE_END = re.compile(r"(\S+)[.!?]\s*$")


def _informal_start(block: str, pos: int) -> bool:
    """A lower-case pronoun starts a sentence after a sentence end that is no abbreviation,
    initial or closing quotation mark."""
    word = re.match(r"[a-z]+", block[pos:])
    if word is None or word.group() not in _INFORMAL_STARTS:
        return False
    before = _WORD_BEFORE_END.search(block[max(0, pos - 40) : pos])
    if before is None:
        return False
    token = before.group(1).lstrip(_OPENERS)
    return len(token) > 1 and "." not in token and token.lower() not in ABBREVIATIONS


def _join_attribution_tail(block: str, starts: set[int], *, keep: set[int]) -> set[int]:
    """Keep a pull quote with its attribution: ``"A. B." - Matthew Ingram`` is one unit.

    A block that ends with a short tail without final punctuation (a byline, a name, a
    source) does not end with a sentence of its own: the tail joins the sentence before it,
    and when that sentence closes a quotation, the quotation's sentences join too. Not a tail
    broken off with a dash ("I hire --") or a bracketed note; after a sentence that closes no
    quotation, only a tail that starts with a dash, is one word or looks like a name.
    """
    spans = _spans_from_starts(block, starts)
    if len(spans) < 2:
        return starts
    tail_start, tail_end = spans[-1]
    tail = block[tail_start:tail_end]
    if (tail_start in keep or _TERMINAL.search(tail) or tail[-1] in ",:;" or len(tail.split()) > _MAX_TAIL_WORDS
            or _INTERRUPTED.search(tail) or _NOTE.match(tail)):
        return starts
    prev = block[spans[-2][0] : spans[-2][1]]
    if not (tail[:1] in "-–—[(" or prev[-1:] in "\"'”’»" or " " not in tail.strip() or _NAME_TAIL.match(tail)):
        return starts
    starts = starts - {tail_start}
    for open_pos, close_pos in quotation_spans(block):
        if close_pos <= tail_start and not block[close_pos:tail_start].strip():
            starts = starts - {s for s in starts if open_pos < s < close_pos and s not in keep}
    return starts


def _join_fragments(block: str, starts: set[int], *, keep: set[int]) -> set[int]:
    """Join ellipsis-only pieces and bare list markers to a neighbouring sentence."""
    changed = True
    while changed:
        changed = False
        spans = _spans_from_starts(block, starts)
        for i, (start, end) in enumerate(spans):
            piece = block[start:end]
            nxt = spans[i + 1][0] if i + 1 < len(spans) else None
            if _MARKER_ONLY.match(piece) and nxt is not None and nxt not in keep:
                starts = starts - {nxt}
            elif _ELLIPSIS_ONLY.match(piece) and (nxt is not None and nxt not in keep):
                starts = starts - {nxt}
            elif _ELLIPSIS_ONLY.match(piece) and nxt is None and i > 0:
                starts = starts - {start}
            else:
                continue
            changed = True
            break
    return starts


def _list_starts(block: str) -> set[int]:
    """Boundaries forced before bullets and before the items of a numbered or lettered list.

    A list is two or more markers in a row counting up by one ("1." "2.", "a)" "b)", "9." "10."),
    the first at the start of the block or after a sentence end, so that a stray number such
    as "the 2. round" does not start one.
    """
    bullets = [m.start() for m in _BULLET.finditer(block)]
    forced = set(bullets) if len(bullets) >= 2 else set()  # one bullet is a separator ("JULY 11 • STATEMENTS")
    quoted = quotation_spans(block)
    markers = [
        (m.start(), m.group(1), m.group(2))
        for m in _LIST_MARKER.finditer(block)
        if not any(a < m.start() < b for a, b in quoted)
    ]
    chain: list[tuple[int, str, str]] = []
    for marker in markers:
        if chain and _follows(chain[-1], marker):
            chain.append(marker)
            continue
        if len(chain) >= 2:
            forced.update(pos for pos, _, _ in chain)
        chain = [marker] if _can_open_list(block, marker[0]) else []
    if len(chain) >= 2:
        forced.update(pos for pos, _, _ in chain)
    return {pos + (len(block[pos:]) - len(block[pos:].lstrip())) for pos in forced}


def _follows(prev: tuple[int, str, str], cur: tuple[int, str, str]) -> bool:
    (_, a, sep_a), (_, b, sep_b) = prev, cur
    if sep_a != sep_b:
        return False
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    return a.isalpha() and b.isalpha() and ord(b) == ord(a) + 1


def _can_open_list(block: str, pos: int) -> bool:
    before = block[:pos].rstrip()
    return not before or before[-1] in ".!?:;\"”’)" or before[-1] in "•⁃‣◦▪■"
