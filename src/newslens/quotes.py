"""Quotes and their speakers: who said what, quoted directly, in part, or reported.

The table has one row per attributed statement:

* ``direct``: a quoted statement ("Unfortunately, ... ”, he pointed out.");
* ``partial``: a quoted fragment inside the reporter's sentence (considered “somewhat positive“);
* ``reported``: indirect speech ("Rudenko noted that ...", "according to X, ...", "This was
  stated ... by X", "Additional sanctions, the channel noted, could ...").

How it works: quotation marks are paired by :mod:`newslens.marks` (any mix of styles; unbalanced
marks never raise). spaCy's tagger and parser run over newslens's own tokens. Each quotation is
attributed to a reporting cue (``data/cues_en.txt``) after it in its sentence (", he said"), or
before it ("X said: ..."), or in a previous sentence ending with a colon; a quotation paragraph
with no cue continues the previous speaker. The cue's subject (or the name after an inverted
cue: "added the deputy minister", or the agent of a passive) is the speaker mention, resolved to
an entity: a name through :func:`newslens.entities.entity_mentions`, a pronoun to the most
recent compatible entity outside quotations, a role noun ("the deputy minister", "the channel")
to the entity introduced with that role ("Deputy Minister ... Andrei Rudenko", "TV channel NHK").

A quotation interrupted by its attribution (``"We will," he said, "respond."``, and also
``"A," he said. "B."``) is one row: ``start``/``end`` run from the first opening mark to the last
closing mark, and ``quote`` joins the quoted words, leaving out the attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from newslens.corpus import per_article
from newslens.entities import NUMERIC_LABELS, PROSE_PARTS, alias_key, entity_mentions
from newslens.marks import ALL_MARKS, Quotation, find_quotations

if TYPE_CHECKING:
    from newslens.article import Article

__all__ = ["COLUMNS", "KINDS", "cues", "quotes", "quote_spans", "quote_summary", "quotation_share"]

KINDS = ("direct", "partial", "reported")

COLUMNS = [
    "quote", "kind", "statement", "speaker", "speaker_label", "speaker_text", "speaker_start", "speaker_end", "cue", "via",
    "words", "start", "end", "part", "paragraph", "sentence", "article_id",
]

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it", "they", "them"}
_ROLE_DETS = {"the", "a", "an", "this", "that", "its", "his", "her", "their"}
_LEAD_PUNCT = {",", ":", "—", "–", "-"}
_MIN_REPORTED_WORDS = 3
_TAIL_WINDOW = 20
_NEAR_QUOTE_ONLY = {
    "continue", "call", "describe", "maintain", "post", "read", "chant", "yell", "scream", "sing", "write", "ask",
    "beam", "boom", "gush", "muse", "marvel", "tout", "snap", "rail", "mouth", "mock", "label", "dub", "brand", "assure",
}


def _is_mark(token: str) -> bool:
    return bool(token) and all(ch in ALL_MARKS or ch == "`" for ch in token)


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """The reporting cues: lemma (or "lemma particle") -> ``"speech"`` or ``"thought"``."""
    raw = resources.files("newslens").joinpath("data", "cues_en.txt").read_text(encoding="utf-8")
    out = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kind = line.split("\t")
            out[lemma.strip()] = kind.strip()
    return out


class _Mention(NamedTuple):
    doc_start: int  # doc token span
    doc_end: int
    label: str
    canonical: str


@dataclass
class _Context:
    """Everything the attribution rules read, for one article."""

    article: Any
    tokens: pd.DataFrame  # prose tokens, row i is doc token i
    doc: Any
    quotations: list[Quotation]
    quote_of: list[int | None]  # doc token -> index of the quotation holding it
    mentions: list[_Mention]  # non-numeric entity mentions, in text order
    sent_bounds: dict[int, tuple[int, int]]  # sentence id -> (first doc token, last doc token + 1)
    sentence_of: list[int]
    quote_tokens: dict[int, list[int]]  # quotation index -> its doc tokens


@per_article
def quotes(
    article: Article,
    *,
    kinds: tuple[str, ...] = KINDS,
    aliases: Any = None,
    include_unattributed: bool = False,
) -> pd.DataFrame:
    """One row per attributed statement: the words, the kind, the speaker, the cue.

    Args:
        article: The article.
        kinds: Which kinds to keep: any of ``"direct"``, ``"partial"``, ``"reported"``.
        aliases: An alias table for speaker names (see :func:`newslens.entities.load_aliases`).
        include_unattributed: Also keep quotations no cue attributes (scare quotes, titles),
            with ``kind="unattributed"`` and no speaker.

    Returns:
        ``quote`` (the words, without the marks), ``kind``, ``statement`` (rows of one statement
        share it: a quotation paragraph that continues the speaker of the one before, with no
        cue of its own, has that row's number), ``speaker`` (the canonical entity
        when resolved, else the speaker's words), ``speaker_label``, ``speaker_text``,
        ``speaker_start``/``speaker_end`` (the mention naming the speaker at this quote, as
        characters of the article text; missing for a continued quotation), ``cue``, ``via``
        (an outer source: "Tokyo ... as reported by NHK"), ``words``, ``start``/``end`` (the
        quotation's characters, marks included; for reported speech, the reported words),
        ``part``, ``paragraph``, ``sentence``, ``article_id``.

    Example:
        >>> quotes(article)[["kind", "speaker", "quote"]]  # doctest: +SKIP
    """
    table = article.memo(("quotes", alias_key(aliases)), lambda: _all_statements(article, aliases), disk=True)
    if table.empty:
        return table
    table = table[table["kind"].isin(tuple(kinds) + (("unattributed",) if include_unattributed else ()))]
    table = table.sort_values(["start", "kind"], kind="stable")
    first_seen = {sid: n for n, sid in enumerate(dict.fromkeys(table["statement"]))}
    table["statement"] = table["statement"].map(first_seen)
    for col in ("speaker_start", "speaker_end"):
        table[col] = table[col].astype("Int64")
    return table.sort_values(["start", "kind"], kind="stable").reset_index(drop=True)


def _all_statements(article: Article, aliases: Any) -> pd.DataFrame:
    """Every statement of every kind, unattributed quotations included, in rule order."""
    ctx = _context(article, aliases)
    rows = _merge_interrupted(ctx, _quotation_rows(ctx))
    rows.extend(_unattributed_rows(ctx, rows))
    rows.extend(_reported_rows(ctx, rows))
    _number_statements(rows)
    table = pd.DataFrame(rows, columns=COLUMNS)
    if not table.empty:
        table["article_id"] = article.id
    return table


def _number_statements(rows: list[dict[str, Any]]) -> None:
    """Give each row a ``statement`` id; a quotation that continues an earlier one shares its id."""
    statement_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        own = row.pop("_id", None)
        cont = row.pop("_continues", None)
        row["statement"] = statement_of.get(cont, rows[i - 1]["statement"] if cont is not None and i else i)
        statement_of.update({k: row["statement"] for k in (own, *row.pop("_merged", ())) if k is not None})
        row.pop("_cue_token", None)


def quote_spans(article: Article) -> list[tuple[int, int]]:
    """Character spans of the article's attributed quotations (direct and partial)."""
    table = quotes(article, kinds=("direct", "partial"))
    return list(zip(table["start"], table["end"]))


# ------------------------------------------------------------------------------------------ context


def _context(article: Article, aliases: Any) -> _Context:
    from newslens.nlp import spacy_doc

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
    parse = _sentences_to_parse(tokens, quote_of, named)
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
    records = [_Mention(*r) for r in mentions[["doc_start", "doc_end", "label", "canonical"]].itertuples(index=False)]
    quote_tokens: dict[int, list[int]] = {}
    for i, qi in enumerate(quote_of):
        if qi is not None:
            quote_tokens.setdefault(qi, []).append(i)
    return _Context(article, tokens, doc, quotations, quote_of, records, bounds, sentence_of, quote_tokens)


PARSER_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
"""The spaCy components run before the attribution rules (tags, dependencies). Lemmas come from
spaCy's lemmatizer too, but only for the verbs the rules look at (:func:`_lemma`)."""


def _lemmatizer() -> Any:
    from newslens.nlp import load_spacy_model

    return load_spacy_model(components=("lemmatizer",)).get_pipe("lemmatizer")


def _lemma(tok: Any) -> str:
    """The lemma spaCy's lemmatizer gives this token (the attribute ruler's own lemma first)."""
    return tok.lemma_ or _lemmatizer().rule_lemmatize(tok)[0]


@lru_cache(maxsize=2)
def cue_forms(*, away_from_quotes: bool = False) -> frozenset[str]:
    """Every lower-case word that spaCy's English lemmatizer could turn into a cue lemma
    ("said" -> "say", "warns" -> "warn"), and "according".

    Built from the lemmatizer's own tables (its exceptions and its suffix rules).
    ``away_from_quotes=True`` keeps the cues that count away from a quotation: speech cues
    that are not ambiguous. A sentence that holds none of these words (outside entity names),
    no quotation and no neighbour with a quotation can hold no cue :func:`quotes` would use,
    and need not be parsed.
    """
    lemmas = {cue.split()[0] for cue, kind in cues().items() if kind == "speech" or not away_from_quotes}
    if away_from_quotes:
        lemmas -= _NEAR_QUOTE_ONLY
    lookups = _lemmatizer().lookups
    forms = set(lemmas) | {"according"}
    for table in lookups.get_table("lemma_exc").values():
        forms.update(form for form, targets in table.items() if lemmas.intersection(targets))
    suffixes = {(old, new) for rules in lookups.get_table("lemma_rules").values() for old, new in rules}
    forms.update(lemma[: len(lemma) - len(new)] + old for lemma in lemmas for old, new in suffixes
                 if lemma.endswith(new))
    return frozenset(forms)


def _sentences_to_parse(tokens: pd.DataFrame, quote_of: list[int | None], named: set[int]) -> set[int]:
    """The sentences the attribution rules read: those holding a quotation mark; those holding
    a possible cue word outside entity names (``named``: token positions inside a mention): a
    speech cue anywhere, any cue next to a quoting sentence; and a sentence ending in a colon
    before a quoting one ("X said:", then the quotation)."""
    sentence = tokens["sentence"].tolist()
    words = tokens["token"].tolist()
    quoting = {s for s, w, q in zip(sentence, words, quote_of) if q is not None or _is_mark(w)}
    order = list(dict.fromkeys(sentence))
    near = {b for a, b in zip(order, order[1:]) if a in quoting} | {a for a, b in zip(order, order[1:]) if b in quoting}
    speech, every = cue_forms(away_from_quotes=True), cue_forms()
    keep = set(quoting)
    for s, w, pos in zip(sentence, words, tokens["position"].tolist()):
        if s not in keep and pos not in named and (w.lower() in speech or (s in near and w.lower() in every)):
            keep.add(s)
    last: dict[int, str] = dict(zip(sentence, words))
    keep.update(prev for prev, nxt in zip(order, order[1:]) if nxt in quoting and last[prev] == ":")
    return keep


def _cue_at(ctx: _Context, i: int) -> tuple[str, str, int] | None:
    """(cue text, kind, last token) when doc token ``i`` is a reporting cue outside quotations."""
    tok = ctx.doc[i]
    if ctx.quote_of[i] is not None:
        return None
    if tok.lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
        return "according to", "speech", i + 1
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    table = cues()
    lemma = _lemma(tok).lower()
    for child in tok.children:
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in table:
            return f"{tok.text} {child.text}", table[f"{lemma} {child.lower_}"], max(i, child.i)
    if lemma in table and " " not in lemma:
        if lemma in _NEAR_QUOTE_ONLY and not _near_quote(ctx, i):
            return None  # ambiguous verbs count only next to a quotation
        return tok.text, table[lemma], i
    return None


def _near_quote(ctx: _Context, i: int) -> bool:
    lo, hi = max(0, i - 4), min(len(ctx.doc), i + 5)
    return any(ctx.quote_of[j] is not None for j in range(lo, hi))


# ---------------------------------------------------------------------------------------- speakers


@dataclass
class _Speaker:
    start: int | None  # doc token span of the mention naming the speaker
    end: int | None
    name: str | None
    label: str | None
    text: str | None


def _speaker_of_cue(ctx: _Context, cue: int, cue_text: str) -> _Speaker | None:
    doc = ctx.doc
    _, s_end = ctx.sent_bounds[ctx.sentence_of[cue]]
    if cue_text == "according to":
        return _np_after(ctx, cue + 2, s_end)
    verb = doc[cue]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "expl") and ctx.quote_of[c.i] is None), None)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and ctx.quote_of[c.i] is None), None)
    if subject is not None:
        return _subject_span(ctx, subject)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        for j in range(cue + 1, s_end):
            if doc[j].lower_ == "by" and ctx.quote_of[j] is None:
                found = _mention_after(ctx, j + 1, s_end, prefer="PERSON") or _np_after(ctx, j + 1, s_end)
                if found is not None:
                    return found
        return None
    after = _np_after(ctx, cue + 1, min(s_end, cue + 7))
    if after is not None:
        return after
    head = verb  # "He explained the headline by saying: ...": the subject of a governing verb
    for _ in range(3):
        if head.head.i == head.i:
            break
        head = head.head
        subject = next((c for c in head.children if c.dep_ == "nsubj" and ctx.quote_of[c.i] is None), None)
        if subject is not None:
            return _subject_span(ctx, subject)
    return None


def _subject_span(ctx: _Context, subject: Any) -> _Speaker:
    lo, hi = subject.left_edge.i, subject.right_edge.i + 1
    inside = [m for m in ctx.mentions if m.doc_start >= lo and m.doc_end <= hi]
    if inside:
        people = [m for m in inside if m.label == "PERSON"]
        pick = people or inside
        head_hit = [m for m in pick if m.doc_start <= subject.i < m.doc_end]
        row = (head_hit or pick)[-1 if people else 0]
        return _resolved(ctx, row.doc_start, row.doc_end)
    left = min([c.i for c in subject.lefts if c.dep_ in ("det", "compound", "amod", "poss", "nmod")] + [subject.i])
    return _resolved(ctx, left, subject.i + 1)


def _mention_after(ctx: _Context, lo: int, hi: int, *, prefer: str | None = None) -> _Speaker | None:
    cand = [m for m in ctx.mentions if m.doc_start >= lo and m.doc_end <= hi]
    if not cand:
        return None
    if prefer and any(m.label == prefer for m in cand):
        cand = [m for m in cand if m.label == prefer]
    return _resolved(ctx, cand[0].doc_start, cand[0].doc_end)


def _np_after(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """The noun phrase starting at ``lo`` (skipping punctuation): a name, a pronoun or "the deputy minister"."""
    doc = ctx.doc
    i = lo
    while i < hi and (doc[i].is_punct or doc[i].lower_ in ("out",)):
        i += 1
    if i >= hi or ctx.quote_of[i] is not None:
        return None
    at = [m for m in ctx.mentions if i <= m.doc_start <= i + 1 and m.doc_end <= hi]
    if at:
        return _resolved(ctx, at[0].doc_start, at[0].doc_end)
    if doc[i].pos_ == "PRON":
        return _resolved(ctx, i, i + 1)
    j = i
    while j < hi and (doc[j].lower_ in _ROLE_DETS or doc[j].pos_ in ("ADJ", "NOUN", "PROPN")) and not doc[j].is_punct:
        j += 1
    if j > i and doc[j - 1].pos_ in ("NOUN", "PROPN"):
        return _resolved(ctx, i, j)
    return None


def _resolved(ctx: _Context, lo: int, hi: int) -> _Speaker:
    """Name the entity behind the speaker mention ``doc[lo:hi]``."""
    doc, tokens = ctx.doc, ctx.tokens
    text = ctx.article.text[int(tokens.at[lo, "start"]) : int(tokens.at[hi - 1, "end"])]
    words = [t.lower_ for t in doc[lo:hi]]
    overlap = [m for m in ctx.mentions if m.doc_start < hi and m.doc_end > lo]
    if overlap:
        return _Speaker(lo, hi, overlap[-1].canonical, overlap[-1].label, text)
    if len(words) == 1 and words[0] in _PERSON_PRONOUNS | _THING_PRONOUNS:
        row = _antecedent(ctx, lo, person=words[0] in _PERSON_PRONOUNS)
        if row is not None:
            return _Speaker(lo, hi, row.canonical, row.label, text)
        return _Speaker(lo, hi, text, None, text)
    head = words[-1]
    if len(words) >= 1 and (words[0] in _ROLE_DETS or len(words) == 1) and doc[hi - 1].pos_ == "NOUN":
        row = _role_antecedent(ctx, lo, [w for w in words if w not in _ROLE_DETS], head)
        if row is not None:
            return _Speaker(lo, hi, row.canonical, row.label, text)
    return _Speaker(lo, hi, text, None, text)


def _antecedent(ctx: _Context, before: int, *, person: bool) -> _Mention | None:
    """The most recent compatible entity before doc token ``before``, outside quotations."""
    m = [r for r in ctx.mentions if r.doc_end <= before and ctx.quote_of[r.doc_start] is None]
    if person:
        m = [r for r in m if r.label == "PERSON"]
        return m[-1] if m else None
    m = [r for r in m if r.label in ("ORG", "GPE", "NORP")]
    if not m:
        return None
    subjects = [r for r in m if ctx.doc[r.doc_end - 1].dep_ in ("nsubj", "nsubjpass")]
    return (subjects or m)[-1]


def _role_antecedent(ctx: _Context, before: int, role_words: list[str], head: str) -> _Mention | None:
    """The entity introduced with this role: "Deputy Minister ... Andrei Rudenko", "TV channel NHK",
    "Andrei Rudenko, the deputy minister"."""
    m = [r for r in ctx.mentions if r.doc_end <= before and r.label in ("PERSON", "ORG", "GPE", "NORP")]
    for row in reversed(m):
        if head in _title_before(ctx, row.doc_start) | _apposition_after(ctx, row.doc_end):
            return row
    return None


def _title_before(ctx: _Context, start: int) -> set[str]:
    """Lower-case words of the title right before a name: "Deputy Minister of Foreign Affairs ... Andrei"."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[start]]
    words = set()
    j = start - 1
    while j >= s_first and j >= start - 12:
        tok = ctx.doc[j]
        if tok.is_title or tok.is_upper or tok.lower_ in ("of", "the", "and", "for") or tok.pos_ in ("NOUN", "PROPN"):
            words.add(tok.lower_)
            j -= 1
            continue
        break
    return words


def _apposition_after(ctx: _Context, end: int) -> set[str]:
    """Lower-case words of an apposition right after a name: "Andrei Rudenko, the deputy minister,"."""
    _, s_end = ctx.sent_bounds[ctx.sentence_of[end - 1]]
    if end >= s_end or ctx.doc[end].text != ",":
        return set()
    words = set()
    for tok in ctx.doc[end + 1 : min(s_end, end + 8)]:
        if tok.is_punct:
            break
        words.add(tok.lower_)
    return words


# ------------------------------------------------------------------------------------- quotations


def _quotation_rows(ctx: _Context) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    last_speaker: dict[str, Any] | None = None
    last_paragraph: int | None = None
    for qi, q in enumerate(ctx.quotations):
        toks = ctx.quote_tokens.get(qi, [])
        if not toks:
            continue
        first, last = toks[0], toks[-1]
        kind = _kind(ctx, q, first, last)
        found = _attribute(ctx, first, last)
        paragraph = int(ctx.tokens.at[first, "paragraph"])
        if found is None and kind == "direct" and last_speaker is not None and _opens_sentence(ctx, first):
            if last_paragraph is not None and (paragraph == last_paragraph or (
                    paragraph == last_paragraph + 1 and _opens_paragraph(ctx, first))):
                found = {**last_speaker, "speaker_text": None, "speaker_start": None, "speaker_end": None, "cue": None,
                         "_continues": rows[-1]["_id"]}
        if found is None:
            continue
        row = _row(ctx, q, first, kind, found)
        row["_id"] = qi
        rows.append(row)
        last_speaker = {k: row[k] for k in ("speaker", "speaker_label", "speaker_text", "via")}
        last_paragraph = int(ctx.tokens.at[last, "paragraph"])
    return rows


def _merge_interrupted(ctx: _Context, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join a quotation interrupted by its attribution: "We will," he said, "respond." is one row.

    Two direct quotations of one paragraph merge when only the attribution clause of the first
    stands between them (the second may start a new sentence: "A," he said. "B.").
    """
    out: list[dict[str, Any]] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev["kind"] == "direct" and row["kind"] in ("direct", "partial"):
            gap = ctx.article.text[prev["end"] : row["start"]]
            same_speaker = row["speaker"] == prev["speaker"] or row.get("cue") is None or row.get("_cue_token") == prev.get("_cue_token")
            if (
                prev["paragraph"] == row["paragraph"]
                and prev.get("_cue_token") is not None
                and prev["end"] <= _char(ctx, prev["_cue_token"], "start") < row["start"]
                and len(gap.split()) <= 12
                and not any(m in gap for m in "\"“”„«»")
                and same_speaker
            ):
                merged = dict(prev)
                merged["end"] = row["end"]
                merged["quote"] = prev["quote"] + " " + row["quote"]
                merged["words"] = prev["words"] + row["words"]
                merged["_merged"] = (*prev.get("_merged", ()), row.get("_id"))
                out[-1] = merged
                continue
        out.append(row)
    return out


def _opens_sentence(ctx: _Context, first: int) -> bool:
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[first]]
    return all(ctx.doc[k].is_punct for k in range(s_first, first))


def _opens_paragraph(ctx: _Context, first: int) -> bool:
    return first == 0 or ctx.tokens.at[first - 1, "paragraph"] != ctx.tokens.at[first, "paragraph"]


def _kind(ctx: _Context, q: Quotation, first: int, last: int) -> str:
    """``direct`` for a quoted statement, ``partial`` for a fragment the reporter's sentence wraps.

    Direct: the quotation opens its sentence, follows a colon or comma, is the whole complement
    of a reporting cue ("She says “we worked hard ...”"), or is a long capitalised sentence.
    """
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[first]]
    before = [t for t in ctx.doc[s_first:first] if not (t.is_punct and _is_mark(t.text))]
    if not before:
        return "direct"
    if before[-1].text in (":", ",", "—", "–"):
        return "direct"
    if _cue_at(ctx, before[-1].i) or (before[-1].lower_ == "that" and len(before) > 1 and _cue_at(ctx, before[-2].i)):
        return "direct"
    inner = ctx.article.text[q.inner_start : q.inner_end].strip()
    words = inner.split()
    if inner[:1].isupper() and len(words) >= 6 and inner.rstrip("\"'”“’»")[-1:] in ".!?":
        return "direct"
    return "partial"


def _attribute(ctx: _Context, first: int, last: int) -> dict[str, Any] | None:
    """Find the cue and speaker of the quotation spanning doc tokens ``first..last``."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[first]]
    _, s_end = ctx.sent_bounds[ctx.sentence_of[last]]
    tail = lead = None
    for j in range(last + 1, min(s_end, last + 1 + _TAIL_WINDOW)):  # "..., he pointed out."
        if ctx.quote_of[j] is not None:
            continue
        cue = _cue_at(ctx, j)
        if cue:
            tail = (j, cue)
            break
    for j in range(first - 1, s_first - 1, -1):  # X said: "..."  /  X noted that Y considered "..."
        cue = _cue_at(ctx, j)
        if cue:
            lead = (j, cue)
            break
    introduced = lead is not None and _introduces(ctx, lead[1][2], first)
    candidates = [c for c in ((lead, tail) if introduced else (tail, lead)) if c is not None]
    if first == s_first or all(ctx.doc[k].is_punct for k in range(s_first, first)):
        prev = ctx.sentence_of[first] - 1
        if prev in ctx.sent_bounds:
            p_first, p_end = ctx.sent_bounds[prev]
            if ctx.doc[p_end - 1].text == ":" and ctx.tokens.at[p_first, "paragraph"] >= ctx.tokens.at[first, "paragraph"] - 1:
                for j in range(p_end - 1, p_first - 1, -1):
                    cue = _cue_at(ctx, j)
                    if cue:
                        candidates.append((j, cue))
                        break
    for j, (cue_text, _, _) in candidates:
        speaker = _speaker_of_cue(ctx, j, cue_text)
        if speaker is not None:
            return {
                "speaker": speaker.name,
                "speaker_label": speaker.label,
                "speaker_text": speaker.text,
                "speaker_start": _char(ctx, speaker.start, "start"),
                "speaker_end": _char(ctx, speaker.end - 1, "end") if speaker.end is not None else None,
                "cue": cue_text,
                "via": _via(ctx, j, speaker),
                "_cue_token": j,
            }
    return None


def _introduces(ctx: _Context, cue_last: int, first: int) -> bool:
    """The cue introduces the quotation: only a colon or comma (and at most a short object) between."""
    between = [t for t in ctx.doc[cue_last + 1 : first] if not (t.is_punct and _is_mark(t.text))]
    return len(between) <= 3 and (not between or between[-1].text in (":", ","))


def _via(ctx: _Context, cue: int, speaker: _Speaker) -> str | None:
    """An outer speech cue earlier in the sentence with another speaker: "..., as reported by NHK"."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[cue]]
    for j in range(cue - 1, s_first - 1, -1):
        outer = _cue_at(ctx, j)
        if outer and outer[1] == "speech":
            other = _speaker_of_cue(ctx, j, outer[0])
            if other is not None and other.name != speaker.name:
                return other.name
    return None


def _char(ctx: _Context, i: int | None, which: str) -> int | None:
    return None if i is None else int(ctx.tokens.at[i, which])


def _row(ctx: _Context, q: Quotation, first: int, kind: str, found: dict[str, Any]) -> dict[str, Any]:
    text = ctx.article.text[q.inner_start : q.inner_end]
    words = _clean_quote(text)
    row = {
        "quote": words,
        "kind": kind,
        "words": len(re.findall(r"\w+(?:[-'’]\w+)*", words)),
        "start": q.start,
        "end": q.end,
        "part": ctx.tokens.at[first, "part"],
        "paragraph": int(ctx.tokens.at[first, "paragraph"]),
        "sentence": int(ctx.tokens.at[first, "sentence"]),
    }
    row.update({k: v for k, v in found.items() if k in COLUMNS})
    row["_cue_token"] = found.get("_cue_token")
    row["_continues"] = found.get("_continues")
    return row


def _clean_quote(text: str) -> str:
    """The quoted words: marks that open continuation paragraphs removed, white space folded."""
    text = re.sub(r"\n\s*\n\s*[\"“„«]", " ", text)
    return " ".join(text.split()).strip(ALL_MARKS + " ")


def _unattributed_rows(ctx: _Context, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    taken = {(r["start"], r["end"]) for r in rows}
    out = []
    for qi, q in enumerate(ctx.quotations):
        toks = ctx.quote_tokens.get(qi, [])
        if toks and (q.start, q.end) not in taken:
            out.append(_row(ctx, q, toks[0], "unattributed", {}))
    return out


# ---------------------------------------------------------------------------------- reported speech


def _reported_rows(ctx: _Context, quote_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    direct_cues = {r.get("_cue_token") for r in quote_rows if r["kind"] == "direct"}
    rows = []
    every = cue_forms()
    for i in (i for i, tok in enumerate(ctx.tokens["lower"].tolist()) if tok in every):
        cue = _cue_at(ctx, i)
        if not cue or cue[1] != "speech" or i in direct_cues:
            continue
        content = _reported_content(ctx, i, cue)
        if content is None:
            continue
        lo_char, hi_char, text = content
        if len(text.split()) < _MIN_REPORTED_WORDS:
            continue
        speaker = _speaker_of_cue(ctx, i, cue[0])
        if speaker is None:
            continue
        rows.append(
            {
                "quote": text,
                "kind": "reported",
                "speaker": speaker.name,
                "speaker_label": speaker.label,
                "speaker_text": speaker.text,
                "speaker_start": _char(ctx, speaker.start, "start"),
                "speaker_end": _char(ctx, speaker.end - 1, "end") if speaker.end is not None else None,
                "cue": cue[0],
                "via": None,
                "words": len(re.findall(r"\w+(?:[-'’]\w+)*", text)),
                "start": lo_char,
                "end": hi_char,
                "part": ctx.tokens.at[i, "part"],
                "paragraph": int(ctx.tokens.at[i, "paragraph"]),
                "sentence": int(ctx.tokens.at[i, "sentence"]),
            }
        )
    return rows


def _reported_content(ctx: _Context, cue: int, info: tuple[str, str, int]) -> tuple[int, int, str] | None:
    """The reported words of a speech cue, as (start char, end char, text), or None."""
    doc, text = ctx.doc, ctx.article.text
    cue_text, _, cue_last = info
    s_first, s_end = ctx.sent_bounds[ctx.sentence_of[cue]]
    end_tok = s_end - 1 if doc[s_end - 1].is_punct else s_end
    while end_tok > s_first and _is_mark(doc[end_tok - 1].text):
        end_tok -= 1

    def span(lo: int, hi: int) -> tuple[int, int, str] | None:
        if hi <= lo:
            return None
        a, b = int(ctx.tokens.at[lo, "start"]), int(ctx.tokens.at[hi - 1, "end"])
        return a, b, text[a:b]

    verb = doc[cue]
    if cue_text == "according to":  # According to X, content.   /   content, according to X.
        np_end = next((j for j in range(cue + 2, s_end) if doc[j].text == ","), None)
        if cue == s_first and np_end is not None:
            return span(np_end + 1, end_tok)
        if cue > s_first and doc[cue - 1].text == ",":
            return span(s_first, cue - 1)
        return None
    if any(c.dep_ == "nsubjpass" and c.lower_ in ("this", "that", "it") for c in verb.children):
        prev = ctx.sentence_of[cue] - 1  # "This was stated ... by X": the previous sentence
        if prev in ctx.sent_bounds and ctx.tokens.at[ctx.sent_bounds[prev][0], "paragraph"] == ctx.tokens.at[cue, "paragraph"]:
            p_first, p_end = ctx.sent_bounds[prev]
            return span(p_first, p_end - 1 if doc[p_end - 1].is_punct else p_end)
        return None
    for j in range(cue_last + 1, min(s_end, cue_last + 8)):  # X noted(, citing sources,) that content
        if doc[j].lower_ == "that" and doc[j].dep_ in ("mark", "nsubj", "det", "dobj") and ctx.quote_of[j] is None:
            if doc[j].dep_ == "mark" or j == cue_last + 1:
                return span(j + 1, end_tok)
        if doc[j].lower_ in (".", ";"):
            break
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.left_edge.i > s_first and doc[subject.left_edge.i - 1].text == ",":
        after = cue_last + 1
        if after < s_end and doc[after].text == ",":  # content, X noted, content
            lo = subject.left_edge.i - 1
            pieces = [span(s_first, lo), span(after + 1, end_tok)]
            if all(pieces):
                return pieces[0][0], pieces[1][1], pieces[0][2] + " " + pieces[1][2]
        if after >= end_tok:  # content, X said.
            return span(s_first, subject.left_edge.i - 1)
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > cue), None)
    if comp is not None and all(ctx.quote_of[k] is None for k in range(comp.left_edge.i, comp.right_edge.i + 1)):
        return span(comp.left_edge.i, min(comp.right_edge.i + 1, end_tok))
    return None


# ---------------------------------------------------------------------------------------- summaries


def quote_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted and how much: one row per speaker.

    Returns:
        ``speaker``, ``speaker_label``, ``statements`` (rows), ``direct``, ``partial``,
        ``reported`` (rows of each kind), ``quoted_words`` (words in direct and partial
        quotations), most quoted first.
    """
    cols = ["speaker", "speaker_label", "statements", "direct", "partial", "reported", "quoted_words"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    counts = pd.crosstab(table["speaker"], table["kind"]).reindex(columns=list(KINDS), fill_value=0)
    quoted = table[table["kind"].isin(["direct", "partial"])].groupby("speaker")["words"].sum()
    labels = table.groupby("speaker")["speaker_label"].agg(lambda s: s.dropna().iloc[0] if s.notna().any() else None)
    out = counts.assign(statements=counts.sum(axis=1), quoted_words=quoted).fillna({"quoted_words": 0})
    out["speaker_label"] = labels
    out = out.reset_index()[cols]
    out["quoted_words"] = out["quoted_words"].astype(int)
    return out.sort_values(["statements", "quoted_words", "speaker"], ascending=[False, False, True]).reset_index(drop=True)


def quotation_share(article: Article, table: pd.DataFrame, *, parts: tuple[str, ...] = ("body",)) -> pd.DataFrame:
    """How much of the text is quotation, reported speech and narration (characters and share).

    Characters of direct and partial quotations count as quotation, those of reported speech
    (outside quotations) as reported, everything else in ``parts`` (white space excluded) as
    narration.
    """
    import numpy as np

    text = article.text
    kind = np.zeros(len(text), dtype=np.int8)  # 0 outside parts, 1 narration, 2 reported, 3 quotation
    for (s, e), p in zip(article.paragraph_spans, article.parts):
        if p in parts:
            kind[s:e] = 1
    kind[[i for i, ch in enumerate(text) if ch.isspace()]] = 0
    for code, wanted in ((2, ("reported",)), (3, ("direct", "partial"))):
        rows = table[table["kind"].isin(wanted)]
        for s, e in zip(rows["start"], rows["end"]):
            segment = kind[int(s) : int(e)]
            segment[segment > 0] = code
    counts = pd.Series({"narration": int((kind == 1).sum()), "reported": int((kind == 2).sum()),
                        "quotation": int((kind == 3).sum())})
    out = pd.DataFrame({"kind": ["quotation", "reported", "narration"]})
    out["characters"] = out["kind"].map(counts).fillna(0).astype(int)
    total = out["characters"].sum()
    out["share"] = out["characters"] / total if total else 0.0
    out["article_id"] = article.id
    return out
