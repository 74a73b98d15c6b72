"""What the attribution rules read for one article (:class:`Context`), and what they write
(:class:`Statement`, one per row of the quotes table)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from newslens.article import Article
from newslens.entities import entity_mentions
from newslens.layouts import PROSE_PARTS
from newslens.marks import Quotation, find_quotations
from newslens.nlp import spacy_doc
from newslens.quotes.cues import NEAR_QUOTE_ONLY, PARSER_COMPONENTS, cues, lemma, sentences_to_parse

__all__ = ["COLUMNS", "Mention", "Context", "Statement", "build_context", "count_words", "cue_at", "char"]

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


@dataclass
class Context:
    """Everything the attribution rules read, for one article."""

    article: Any
    tokens: pd.DataFrame  # prose tokens, row i is doc token i
    doc: Any
    quotations: list[Quotation]
    quote_of: list[int | None]  # doc token -> index of the quotation holding it
    mentions: list[Mention]  # non-numeric entity mentions, in text order
    sent_bounds: dict[int, tuple[int, int]]  # sentence id -> (first doc token, last doc token + 1)
    sentence_of: list[int]
    quote_tokens: dict[int, list[int]]  # quotation index -> its doc tokens


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
        if child.dep_ == "prt" and f"{base} {child.lower_}" in table:
            return f"{tok.text} {child.text}", table[f"{base} {child.lower_}"], max(i, child.i)
    if base in table and " " not in base:
        if base in NEAR_QUOTE_ONLY and not _near_quote(ctx, i):
            return None  # ambiguous verbs count only next to a quotation
        return tok.text, table[base], i
    return None


def _near_quote(ctx: Context, i: int) -> bool:
    lo, hi = max(0, i - 4), min(len(ctx.doc), i + 5)
    return any(ctx.quote_of[j] is not None for j in range(lo, hi))


def char(ctx: Context, i: int | None, which: str) -> int | None:
    """The ``start`` or ``end`` character of doc token ``i`` (None for None)."""
    return None if i is None else int(ctx.tokens.at[i, which])
