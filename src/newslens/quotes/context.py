"""What the attribution rules read for one article (:class:`Context`), and what they write
(:class:`Statement`, one per row of the quotes table).

Every look-up the rules make is indexed once per article, so that the attribution stays close to
linear in the article's length however many quotations, cues or names it holds (a text of
thousands of quotation marks in one paragraph included): cues by sentence (:func:`cues_in`),
mentions by position (:class:`MentionIndex`), quoted tokens as prefix sums (:func:`unquoted`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from newslens.article import Article
from newslens.entities import entity_mentions
from newslens.layouts import PROSE_PARTS
from newslens.marks import Quotation, find_quotations
from newslens.nlp import spacy_doc
from newslens.quotes.cues import ADDRESSEE_CUES, NEAR_QUOTE_ONLY, PARSER_COMPONENTS, cues, lemma, sentences_to_parse

__all__ = [
    "COLUMNS", "Mention", "MentionIndex", "Context", "Statement", "build_context", "count_words", "cue_at", "cues_in",
    "last_cue_before", "first_cue_in", "opens_sentence", "unquoted", "char", "addressed",
]

COLUMNS = [
    "quote", "kind", "statement", "speaker", "speaker_label", "speaker_text", "speaker_start", "speaker_end", "cue", "via",
    "words", "start", "end", "part", "paragraph", "sentence", "article_id",
]
"""The columns of the quotes table, in order."""

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words in a quotation or reported statement: "Russia's" and "anti-Russian" are one each."""
    return len(_WORD.findall(text))


class Mention(NamedTuple):
    """An entity mention as the rules see it: a span of doc tokens."""

    doc_start: int
    doc_end: int
    label: str
    canonical: str


class MentionIndex:
    """Mentions in text order, found by position with a binary search instead of a scan."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.doc_start)  # already in text order: a stable no-op
        self.starts = [m.doc_start for m in self.items]
        self.longest = max((m.doc_end - m.doc_start for m in self.items), default=0)
        self._subsets: dict[object, MentionIndex] = {}

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions inside doc tokens ``lo..hi`` (start >= lo, end <= hi), in text order."""
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [m for m in self.items[a:b] if m.doc_end <= hi]

    def overlapping(self, lo: int, hi: int) -> list[Mention]:
        """Mentions that share a token with ``lo..hi``, in text order."""
        a, b = bisect_left(self.starts, lo - self.longest + 1), bisect_left(self.starts, hi)
        return [m for m in self.items[a:b] if m.doc_end > lo]

    def starting_at(self, i: int, hi: int) -> list[Mention]:
        """Mentions that start at token ``i`` or ``i + 1`` and end by ``hi``, in text order."""
        a, b = bisect_left(self.starts, i), bisect_right(self.starts, i + 1)
        return [m for m in self.items[a:b] if m.doc_end <= hi]

    def last_ending_by(self, before: int) -> Mention | None:
        """The last mention (in text order) that ends by token ``before``."""
        k = bisect_left(self.starts, before) - 1
        while k >= 0 and self.items[k].doc_end > before:
            k -= 1
        return self.items[k] if k >= 0 else None

    def subset(self, key: object, keep: Callable[[Mention], bool]) -> MentionIndex:
        """The mentions ``keep`` accepts, indexed in turn (made once per ``key``)."""
        if key not in self._subsets:
            self._subsets[key] = MentionIndex([m for m in self.items if keep(m)])
        return self._subsets[key]


@dataclass
class Context:
    """Everything the attribution rules read, for one article, and what they have worked out so far."""

    article: Any
    tokens: pd.DataFrame  # prose tokens, row i is doc token i
    doc: Any
    quotations: list[Quotation]
    quote_of: list[int | None]  # doc token -> index of the quotation holding it
    mentions: list[Mention]  # non-numeric entity mentions, in text order
    sent_bounds: dict[int, tuple[int, int]]  # sentence id -> (first doc token, last doc token + 1)
    sentence_of: list[int]
    quote_tokens: dict[int, list[int]]  # quotation index -> its doc tokens
    index: MentionIndex = field(init=False)
    quoted_before: list[int] = field(init=False)  # quoted_before[i]: quoted tokens among doc tokens 0..i-1
    first_word: dict[int, int] = field(init=False)  # sentence -> its first token that is not punctuation
    memo: dict[tuple, object] = field(default_factory=dict)  # cues, speakers, per-sentence lists, once each

    def __post_init__(self) -> None:
        self.index = MentionIndex(self.mentions)
        self.quoted_before = [0, *accumulate(q is not None for q in self.quote_of)]
        punct = [t.is_punct for t in self.doc]
        self.first_word = {}
        for s, (first, end) in self.sent_bounds.items():
            self.first_word[s] = next((k for k in range(first, end) if not punct[k]), end)


@dataclass
class Statement:
    """One statement the rules found: the columns of its row, then how it was found."""

    quote: str
    kind: str
    words: int
    start: int
    end: int
    part: str
    paragraph: int
    sentence: int
    speaker: str | None = None
    speaker_label: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    via: str | None = None
    statement: int | None = None
    article_id: str | None = None
    quotation: int | None = None
    """The index of the quotation it was made from (direct and partial rules)."""
    continues: int | None = None
    """The quotation this one continues (a quotation paragraph with no cue of its own)."""
    merged: tuple[int | None, ...] = ()
    """Quotations joined into this one (a quotation interrupted by its attribution)."""
    cue_token: int | None = None
    """The doc token of the cue."""

    def row(self) -> dict[str, Any]:
        """The statement as a row of the quotes table."""
        return {column: getattr(self, column) for column in COLUMNS}


def build_context(article: Article, aliases: Any) -> Context:
    """Pair the quotation marks, run the parser where a cue or a quotation may be, and line up
    the entity mentions with spaCy's tokens."""
    tokens = article.tokens[article.tokens["part"].isin(PROSE_PARTS)].reset_index(drop=True)
    spans = [(s, e) for (s, e), p in zip(article.paragraph_spans, article.parts) if p in PROSE_PARTS]
    quotations = find_quotations(article.text, spans)
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    quote_of: list[int | None] = [None] * len(tokens)
    for qi, q in enumerate(quotations):
        lo, hi = np.searchsorted(starts, q.start, side="left"), np.searchsorted(starts, q.end, side="left")
        for i in range(int(lo), int(hi)):
            if ends[i] <= q.end:
                quote_of[i] = qi
    mentions = entity_mentions(article, aliases=aliases, numeric=False).copy()
    named = {p for a, b in zip(mentions["token_start"], mentions["token_end"]) for p in range(a, b)}
    parse = sentences_to_parse(tokens, quote_of, named)
    doc = spacy_doc(tokens, article.text, components=PARSER_COMPONENTS, only=tokens["sentence"].isin(parse).tolist())
    position_to_doc = {int(p): i for i, p in enumerate(tokens["position"])}
    mentions["doc_start"] = mentions["token_start"].map(position_to_doc)
    mentions["doc_end"] = (mentions["token_end"] - 1).map(position_to_doc) + 1
    mentions = mentions.dropna(subset=["doc_start", "doc_end"])
    mentions[["doc_start", "doc_end"]] = mentions[["doc_start", "doc_end"]].astype(int)
    sentence_of = tokens["sentence"].tolist()
    bounds: dict[int, tuple[int, int]] = {}
    for i, s in enumerate(sentence_of):
        first, _ = bounds.get(s, (i, i))
        bounds[s] = (first, i + 1)
    records = [Mention(*r) for r in mentions[["doc_start", "doc_end", "label", "canonical"]].itertuples(index=False)]
    quote_tokens: dict[int, list[int]] = {}
    for i, qi in enumerate(quote_of):
        if qi is not None:
            quote_tokens.setdefault(qi, []).append(i)
    return Context(article, tokens, doc, quotations, quote_of, records, bounds, sentence_of, quote_tokens)


def cue_at(ctx: Context, i: int) -> tuple[str, str, int] | None:
    """(cue text, kind, last token) when doc token ``i`` is a reporting cue outside quotations."""
    key = ("cue", i)
    if key not in ctx.memo:
        ctx.memo[key] = _cue_at(ctx, i)
    return ctx.memo[key]  # type: ignore[return-value]


def _cue_at(ctx: Context, i: int) -> tuple[str, str, int] | None:
    tok = ctx.doc[i]
    if ctx.quote_of[i] is not None:
        return None
    if tok.lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
        return "according to", "speech", i + 1
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    table = cues()
    base = lemma(tok).lower()
    for child in tok.children:
        if child.dep_ in ("prt", "advmod") and f"{base} {child.lower_}" in table:
            if base in NEAR_QUOTE_ONLY and not _near_quote(ctx, i):
                return None  # "went on to win" is no cue
            return f"{tok.text} {child.text}", table[f"{base} {child.lower_}"], max(i, child.i)
    if base in table and " " not in base:
        if addressed(ctx, i):
            return None  # "Asked whether it was fair, Pike replied": Pike was asked
        if base in NEAR_QUOTE_ONLY and not _near_quote(ctx, i):
            return None  # ambiguous verbs count only next to a quotation
        return tok.text, table[base], i
    return None


_HAVE = frozenset({"have", "has", "had", "having", "'ve", "'d"})


def addressed(ctx: Context, i: int) -> bool:
    """Doc token ``i`` is a verb of speaking to someone in the passive ("Asked whether ..., Pike
    replied", "he was told that ..."): what follows was said to the subject, not by it."""
    tok = ctx.doc[i]
    return lemma(tok).lower() in ADDRESSEE_CUES and _passive(tok, opens=opens_sentence(ctx, i))


def _passive(tok: Any, *, opens: bool) -> bool:
    """A past participle with no subject or agent of its own and no "have" before it: passive ("was
    asked") or a participle clause before its verb ("Asked about ..., he said", which the tagger
    may read as a past tense when it ``opens`` the sentence), not "has asked"."""
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBD" and (opens or tok.dep_ == "advcl" and tok.i < tok.head.i))
    return participle and not any(  # "was asked by host Bill Maher": the agent asks
        c.dep_ in ("nsubj", "expl", "agent") or (c.dep_ == "aux" and c.lower_ in _HAVE) for c in tok.children)


def _near_quote(ctx: Context, i: int) -> bool:
    """A quotation within four words of doc token ``i``, or right before the verb's subject when
    that subject runs up to the verb (“...,” Spotify's chief executive, Daniel Ek, wrote on X.)."""
    lo, hi = max(0, i - 4), min(len(ctx.doc), i + 5)
    if any(ctx.quote_of[j] is not None for j in range(lo, hi)):
        return True
    subject = next((c for c in ctx.doc[i].lefts if c.dep_ == "nsubj"), None)
    if subject is None or subject.right_edge.i + 2 < i:
        return False
    start = subject.left_edge.i
    return any(ctx.quote_of[j] is not None for j in range(max(0, start - 3), start))


def cues_in(ctx: Context, sentence: int) -> list[int]:
    """The doc tokens of the sentence that are reporting cues, in order (worked out once per sentence)."""
    key = ("cues", sentence)
    if key not in ctx.memo:
        first, end = ctx.sent_bounds[sentence]
        ctx.memo[key] = [j for j in range(first, end) if cue_at(ctx, j)]
    return ctx.memo[key]  # type: ignore[return-value]


def last_cue_before(ctx: Context, sentence: int, before: int) -> int | None:
    """The last cue of the sentence before doc token ``before``."""
    cues = cues_in(ctx, sentence)
    k = bisect_left(cues, before) - 1
    return cues[k] if k >= 0 else None


def first_cue_in(ctx: Context, sentence: int, lo: int, hi: int) -> int | None:
    """The first cue of the sentence among doc tokens ``lo..hi``."""
    cues = cues_in(ctx, sentence)
    k = bisect_left(cues, lo)
    return cues[k] if k < len(cues) and cues[k] < hi else None


def opens_sentence(ctx: Context, first: int) -> bool:
    """Only punctuation stands before doc token ``first`` in its sentence."""
    return ctx.first_word[ctx.sentence_of[first]] >= first


def unquoted(ctx: Context, lo: int, hi: int) -> bool:
    """No doc token of ``lo..hi`` is inside a quotation."""
    return ctx.quoted_before[hi] == ctx.quoted_before[lo]


def char(ctx: Context, i: int | None, which: str) -> int | None:
    """The ``start`` or ``end`` character of doc token ``i`` (None for None)."""
    return None if i is None else int(ctx.tokens.at[i, which])
