"""Reported speech: "Rudenko noted that ...", "according to X, ...", "This was stated ... by X",
"Additional sanctions, the channel noted, could ...", "Costs rose, the bank said in a statement",
"Costs rose, said a Barclays spokesman": the reporter's words for what someone said."""

from __future__ import annotations

from typing import Any

from newslens.quotes.context import Context, Statement, addressed, count_words, cue_at, unquoted
from newslens.quotes.cues import cue_forms, is_mark, lemma
from newslens.quotes.speakers import attributed, attribution, speaker_of_cue

__all__ = ["reported_statements"]

_MIN_REPORTED_WORDS = 3


def reported_statements(ctx: Context, quote_rows: list[Statement]) -> list[Statement]:
    """Every speech cue outside quotations whose reported words can be found, with its speaker
    (cues that attribute a direct quotation are left to it)."""
    direct_cues = {r.cue_token for r in quote_rows if r.kind == "direct"}
    rows = []
    every = cue_forms()
    for i in (i for i, tok in enumerate(ctx.tokens["lower"].tolist()) if tok in every):
        cue = cue_at(ctx, i)
        if not cue or cue[1] != "speech" or i in direct_cues or _hedge(ctx.doc[i]):
            continue
        content = _reported_content(ctx, i, cue)
        if content is None:
            continue
        lo_char, hi_char, text = content
        if len(text.split()) < _MIN_REPORTED_WORDS:
            continue
        speaker = speaker_of_cue(ctx, i, cue[0])
        if speaker is None:
            continue
        row = Statement(
            quote=text,
            kind="reported",
            words=count_words(text),
            start=lo_char,
            end=hi_char,
            part=ctx.tokens.at[i, "part"],
            paragraph=int(ctx.tokens.at[i, "paragraph"]),
            sentence=int(ctx.tokens.at[i, "sentence"]),
        )
        rows.append(attributed(row, attribution(ctx, speaker, _unsaid(ctx.doc[i]) or cue[0], i, via=None)))
    return rows


_DECLINE = frozenset({"decline", "refuse"})


def _unsaid(verb: Any) -> str | None:
    """The whole cue when it says the words were not spoken ("did not say", "declined to say"):
    the row stays (attribution corpora such as PolNeAR count "X declined to say whether ..." as an
    attribution), and its cue shows the reader that X kept those words back."""
    words = [c for c in verb.children if c.dep_ in ("aux", "neg")]
    if any(c.dep_ == "neg" for c in words):
        return " ".join(t.text for t in sorted([*words, verb], key=lambda t: t.i))
    if verb.dep_ == "xcomp" and lemma(verb.head).lower() in _DECLINE:
        return f"{verb.head.text} to {verb.text}"
    return None


def _hedge(verb: Any) -> bool:
    """"It was too early to say how many jobs would go", "it is hard to say whether ...": the
    reporter's hedge, no one's statement (an infinitive cue after an adjective with "too", or in
    a clause whose subject is an empty "it"; "he was quick to say that ..." stays a statement)."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    adjective = head if head.pos_ == "ADJ" else next((c for c in head.children if c.dep_ == "acomp"), None)
    if adjective is None:
        return False
    copula = adjective.head if adjective is head else head
    empty_it = any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children)
    return empty_it or any(c.dep_ == "advmod" and c.lower_ == "too" for c in adjective.children)


_ADJUNCT_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "ADV", "PRON", "CCONJ"})


def _adjuncts_only(doc: object, lo: int, hi: int) -> bool:
    """Whether ``doc[lo:hi]`` is only a phrase that places the saying ("in a statement", "on
    Monday", "at a news conference"): short, with no verb, comma or "that"."""
    words = list(doc[lo:hi])
    return 0 < len(words) <= 8 and words[0].pos_ in ("ADP", "NOUN", "PROPN", "ADV", "DET") and all(
        t.pos_ in _ADJUNCT_POS and t.lower_ != "that" for t in words)


def _reported_content(ctx: Context, cue: int, info: tuple[str, str, int]) -> tuple[int, int, str] | None:
    """The reported words of a speech cue, as (start char, end char, text), or None."""
    doc, text = ctx.doc, ctx.article.text
    cue_text, _, cue_last = info
    s_first, s_end = ctx.sent_bounds[ctx.sentence_of[cue]]
    end_tok = s_end - 1 if doc[s_end - 1].is_punct else s_end
    while end_tok > s_first and is_mark(doc[end_tok - 1].text):
        end_tok -= 1

    if cue_text != "according to":  # "X warned that ..., according to a newspaper": not X's words
        end_tok = next((j - 1 for j in range(cue_last + 2, end_tok - 1) if doc[j].lower_ == "according"
                        and doc[j + 1].lower_ == "to" and doc[j - 1].text == ","), end_tok)
        end_tok = _trailing_attribution(ctx, cue_last, end_tok)

    def span(lo: int, hi: int) -> tuple[int, int, str] | None:
        if hi <= lo:
            return None
        while hi < s_end and ctx.quote_of[hi - 1] is not None and ctx.quote_of[hi] == ctx.quote_of[hi - 1]:
            hi += 1  # a quotation the reported words end in keeps its closing mark
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
            if (doc[j].dep_ == "mark" and not _nested(verb, doc[j], cue_last)) or j == cue_last + 1:
                return span(j + 1, end_tok)
        if doc[j].lower_ in (".", ";"):
            break
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (subject is not None and subject.left_edge.i > s_first and doc[subject.left_edge.i - 1].text == ","
            and not addressed(ctx, s_first)):  # "Asked whether ..., Ban demurred": the question is not his
        after = cue_last + 1
        if after < s_end and doc[after].text == ",":  # content, X noted, content
            lo = subject.left_edge.i - 1
            pieces = [span(s_first, lo), span(after + 1, end_tok)]
            if all(pieces):
                return pieces[0][0], pieces[1][1], pieces[0][2] + " " + pieces[1][2]
        if after >= end_tok or _adjuncts_only(doc, after, end_tok):  # content, X said (in a statement).
            return span(s_first, subject.left_edge.i - 1)
    inverted = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > cue_last), None)
    if inverted is not None and cue > s_first + 1 and doc[cue - 1].text == "," and unquoted(ctx, s_first, cue - 1) and (
            inverted.right_edge.i + 1 >= end_tok or _adjuncts_only(doc, inverted.right_edge.i + 1, end_tok)):
        return span(s_first, cue - 1)  # content, said a spokeswoman (on Monday).
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > cue]
    if comps and _reporter_words_first(ctx, comps[0].left_edge.i):
        lo = max(comps[0].left_edge.i, cue_last + 1)  # "..., which analysts said showed ...": from "showed"
        # the parser may break one clause into two ("said the fine, though large, was unlikely to ...")
        return span(lo, min(max(c.right_edge.i for c in comps) + 1, end_tok))
    return None


def _trailing_attribution(ctx: Context, cue_last: int, end_tok: int) -> int:
    """Where the reported words of a cue end when the sentence closes with another speech cue's
    attribution ("Russia has warned Japan that new sanctions will not go unanswered, the foreign
    ministry said on Sunday": the warning ends at "unanswered"): at the comma before that cue's
    subject, when only a phrase that places the saying follows the cue."""
    doc = ctx.doc
    for j in range(cue_last + 2, end_tok):
        found = cue_at(ctx, j)
        if found is None or found[1] != "speech" or found[0] == "according to" or doc[j].tag_ not in ("VBD", "VBZ", "VBP"):
            continue  # a finite cue: not "..., some of it mentioning Mr. Trump by name"
        subject = next((c for c in doc[j].children if c.dep_ == "nsubj" and c.i < j), None)
        comma = subject.left_edge.i - 1 if subject is not None else None
        if (comma is not None and comma > cue_last and doc[comma].text == "," and unquoted(ctx, comma, j)
                and (found[2] + 1 >= end_tok or _adjuncts_only(doc, found[2] + 1, end_tok))):
            return comma
    return end_tok


def _reporter_words_first(ctx: Context, lo: int) -> bool:
    """The clause starts in the reporter's words, whatever it quotes later ("He said his campaign
    was about the “ugly truths” of today"); one that starts with a quotation is the quotation's."""
    return ctx.quote_of[lo] is None and not is_mark(ctx.doc[lo].text)


def _nested(verb: Any, mark: Any, cue_last: int) -> bool:
    """Whether the "that" after a cue opens a clause of another reporting clause inside the cue's
    own ("said the findings showed that ...": the findings' "that", and what she said runs from
    "the findings"): the clause's verb hangs, below the cue, on a verb after the cue with a subject
    of its own, not one joined to the cue ("would argue — and Sanders believes — that ...": both)."""
    tok, between = mark.head, False
    while tok.head.i != tok.i and tok.head.i != verb.i:
        tok = tok.head
        if cue_last < tok.i < mark.i and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            between = True
    if tok.head.i != verb.i:
        return False  # the clause is not the cue's ("Voters, Clinton suggested, don't have to worry that ...")
    return between and not (tok.dep_ == "conj" and tok.i > cue_last)
