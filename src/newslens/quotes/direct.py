"""Quotations: direct and partial statements between quotation marks, and their attribution.

Each quotation is attributed to a reporting cue after it in its sentence (", he said"), or
before it ("X said: ..."), or in a previous sentence ending with a colon; a quotation paragraph
with no cue continues the previous speaker. A quotation interrupted by its attribution
(``"We will," he said, "respond."``, and also ``"A," he said. "B."``) is one statement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newslens.marks import ALL_MARKS, Quotation
from newslens.names import NAME_FILLERS
from newslens.quotes.context import (
    Context,
    Statement,
    char,
    count_words,
    cue_at,
    first_cue_in,
    last_cue_before,
    opens_sentence,
    unquoted,
)
from newslens.quotes.cues import is_mark
from newslens.quotes.speakers import Attribution, attributed, attribution, resolved_mention, speaker_of_cue, via_of

__all__ = ["quotation_statements", "unattributed_statements"]

_TAIL_WINDOW = 20


def quotation_statements(ctx: Context) -> list[Statement]:
    """Every attributed quotation, with quotations interrupted by their attribution joined."""
    return _merge_interrupted(ctx, _headline_echoes(ctx, _quotation_statements(ctx)))


def _headline_echoes(ctx: Context, rows: list[Statement]) -> list[Statement]:
    """A headline's quotation with no cue ("Chancellor defends tax rise as ‘fair and necessary’")
    that the article quotes again: the speaker of the first quotation that holds its words, and
    its statement (the words are said once and printed twice)."""
    taken = {r.quotation for r in rows}
    echoes = []
    for qi, q in enumerate(ctx.quotations):
        toks = ctx.quote_tokens.get(qi, [])
        if qi in taken or not toks or ctx.tokens.at[toks[0], "part"] != "headline" or not _has_words(ctx, q):
            continue
        words = _folded(ctx.article.text[q.inner_start : q.inner_end])
        source = next((r for r in rows if r.part != "headline" and words and f" {words} " in f" {_folded(r.quote)} "),
                      None)
        if source is None:
            continue
        found = Attribution(speaker=source.speaker, speaker_label=source.speaker_label, speaker_text=None,
                            speaker_start=None, speaker_end=None, cue=None, via=source.via,
                            continues=source.quotation)
        row = _statement(ctx, q, toks[0], _kind(ctx, q, toks[0]), found)
        row.quotation = qi
        echoes.append(row)
    return rows + echoes  # after their sources, so that they share their statement numbers


def _capitals(ctx: Context, q: Quotation) -> bool:
    """A quotation written in capitals ("“DIVISIVE, STUPID AND WRONG”" on a line of its own): a
    subheading or a sign, which continues no one's statement."""
    inner = ctx.article.text[q.inner_start : q.inner_end]
    return not any(c.islower() for c in inner) and sum(c.isupper() for c in inner) >= 4


def _folded(text: str) -> str:
    """Words only, lower case, for matching a headline's quotation with the body's."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _quotation_statements(ctx: Context) -> list[Statement]:
    rows: list[Statement] = []
    last: Statement | None = None
    last_paragraph: int | None = None
    for qi, q in enumerate(ctx.quotations):
        toks = ctx.quote_tokens.get(qi, [])
        if not toks or not _has_words(ctx, q):
            continue
        first, final = toks[0], toks[-1]
        kind = _kind(ctx, q, first)
        found = _attribute(ctx, first, final)
        paragraph = int(ctx.tokens.at[first, "paragraph"])
        if found is None and kind == "direct" and last is not None and opens_sentence(ctx, first) and not _capitals(ctx, q):
            if last_paragraph is not None and (paragraph == last_paragraph or (
                    paragraph == last_paragraph + 1 and _opens_paragraph(ctx, first))):
                found = Attribution(speaker=last.speaker, speaker_label=last.speaker_label, speaker_text=None,
                                    speaker_start=None, speaker_end=None, cue=None, via=last.via,
                                    continues=_continued(rows).quotation)
        if found is None:
            continue
        row = _statement(ctx, q, first, kind, found)
        row.quotation = qi
        rows.append(row)
        last = row
        last_paragraph = int(ctx.tokens.at[final, "paragraph"])
    return rows


def _continued(rows: list[Statement]) -> Statement:
    """The statement a quotation with no cue continues: the last one, or, when that is a partial
    quotation of the same speaker, the direct quotation before it ("“A,” said Lee, who noted that
    prices had “cratered”. “B.”" continues "A")."""
    last = rows[-1]
    if last.kind == "partial":
        for row in reversed(rows[:-1]):
            if row.kind == "direct":
                return row if row.speaker == last.speaker and row.paragraph == last.paragraph else last
    return last


def _merge_interrupted(ctx: Context, rows: list[Statement]) -> list[Statement]:
    """Join a quotation interrupted by its attribution: "We will," he said, "respond." is one row.

    Two direct quotations of one paragraph merge when only the attribution clause of the first
    stands between them, closed by a comma, colon or full stop (the second may start a new
    sentence: "A," he said. "B."); not when the words between go on ("meaning that he's").
    """
    out: list[Statement] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "direct" and row.kind in ("direct", "partial"):
            gap = ctx.article.text[prev.end : row.start]
            same_cue = row.cue is None or row.cue_token == prev.cue_token  # "..., urging X to \"...\"" is not one
            if (
                prev.paragraph == row.paragraph
                and prev.cue_token is not None
                and prev.end <= char(ctx, prev.cue_token, "start") < row.start
                and len(gap.split()) <= 12
                and gap.rstrip()[-1:] in (",", ":", ".")  # not "“Savage,” she said, meaning that he's “radical”"
                and not any(m in gap for m in "\"“”„«»")
                and same_cue
            ):
                out[-1] = replace(prev, end=row.end, quote=prev.quote + " " + row.quote, words=prev.words + row.words,
                                  merged=(*prev.merged, row.quotation))
                continue
        out.append(row)
    return out


def _opens_paragraph(ctx: Context, first: int) -> bool:
    return first == 0 or ctx.tokens.at[first - 1, "paragraph"] != ctx.tokens.at[first, "paragraph"]


def _kind(ctx: Context, q: Quotation, first: int) -> str:
    """``direct`` for a quoted statement, ``partial`` for a fragment the reporter's sentence wraps.

    Direct: the quotation opens its sentence or follows a colon or dash, or it follows a comma or
    is the complement of a reporting cue and starts as a sentence does, with a capital letter or a
    digit ("She says, “We worked hard.”"). Quoted words inside a "that" clause ("said that “the
    fear is high”"), and words that start lower-case mid-sentence (", “because he is right”"), are
    fragments of the reporter's sentence.
    """
    before = _last_words(ctx, first)
    if not before or before[-1].text in (":", "—", "–"):
        return "direct"
    if before[-1].text == "," or cue_at(ctx, before[-1].i):
        inner = ctx.article.text[q.inner_start : q.inner_end]
        return "direct" if _starts_as_sentence(inner) and not _is_name(inner) else "partial"
    return "partial"


def _is_name(inner: str) -> bool:
    """Quoted words that name something rather than say it: two to six words, each capitalised but
    for short fillers, with no full stop, question or exclamation mark ("videos he calls “Consumer
    Advocate TV,”", "One ad, “Balanced Rebellion,” stars ...")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    return (2 <= len(words) <= 6 and not any(c in inner for c in ".?!")
            and all(w[0].isupper() or w.lower() in NAME_FILLERS for w in words))


def _starts_as_sentence(inner: str) -> bool:
    """The quoted words start with a capital letter or a digit (brackets, marks and dots skipped)."""
    first = next((c for c in inner if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _last_words(ctx: Context, first: int) -> list:
    """The last two tokens before doc token ``first`` in its sentence that are not quotation marks
    (fewer when the sentence has fewer), in text order."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[first]]
    found = []
    j = first - 1
    while j >= s_first and len(found) < 2:
        tok = ctx.doc[j]
        if not (tok.is_punct and is_mark(tok.text)):
            found.append(tok)
        j -= 1
    return found[::-1]


def _attribute(ctx: Context, first: int, last: int) -> Attribution | None:
    """Find the cue and speaker of the quotation spanning doc tokens ``first..last``."""
    _, s_end = ctx.sent_bounds[ctx.sentence_of[last]]
    tail = lead = None
    j = first_cue_in(ctx, ctx.sentence_of[last], last + 1, min(s_end, last + 1 + _TAIL_WINDOW))  # "..., he pointed out."
    if j is not None and not (_new_clause_after(ctx, last) and ctx.doc[j].left_edge.i > first):
        tail = (j, cue_at(ctx, j))
    j = last_cue_before(ctx, ctx.sentence_of[first], first)  # X said: "..."  /  X noted that Y considered "..."
    if j is not None:
        lead = (j, cue_at(ctx, j))
    introduced = lead is not None and _introduces(ctx, lead[1][2], first)
    candidates = [c for c in ((lead, tail) if introduced else (tail, lead)) if c is not None]
    if opens_sentence(ctx, first):
        prev = ctx.sentence_of[first] - 1
        if prev in ctx.sent_bounds:
            p_first, p_end = ctx.sent_bounds[prev]
            if ctx.doc[p_end - 1].text == ":" and ctx.tokens.at[p_first, "paragraph"] >= ctx.tokens.at[first, "paragraph"] - 1:
                j = last_cue_before(ctx, prev, p_end)
                if j is not None:
                    candidates.append((j, cue_at(ctx, j)))
    if not candidates:
        j = _cue_in_next_sentence(ctx, first, last)
        if j is not None:
            candidates.append((j, cue_at(ctx, j)))
    for j, (cue_text, _, _) in candidates:
        speaker = speaker_of_cue(ctx, j, cue_text)
        if speaker is not None:
            return attribution(ctx, speaker, cue_text, j, via=via_of(ctx, j, speaker))
    return _headline_speaker(ctx, first)


_CLAUSE_JOINS = frozenset("and but while whereas although though yet or".split())


def _new_clause_after(ctx: Context, last: int) -> bool:
    """A conjunction right after the quotation: the cue after it is the quotation's only when the
    quotation stands in the cue's clause (“‘...’ and against the law, Clinton said”), not when the
    conjunction starts a clause of its own (“... slated the plan as ‘a disgrace’, and Labour
    criticised ministers”)."""
    _, s_end = ctx.sent_bounds[ctx.sentence_of[last]]
    nxt = next((k for k in range(last + 1, s_end) if not ctx.doc[k].is_punct), None)
    return nxt is not None and ctx.doc[nxt].lower_ in _CLAUSE_JOINS


def _headline_speaker(ctx: Context, first: int) -> Attribution | None:
    """A headline's "Name: ‘quotation’" ("Trump: ‘We are going to win so much.’", "Sarah Silverman
    heckles Sanders supporters: ‘You're being ridiculous.’"): the first name of the headline before
    the colon says it."""
    if ctx.tokens.at[first, "part"] != "headline":
        return None
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[first]]
    colon = first - 1
    while colon > s_first and ctx.doc[colon].is_punct and is_mark(ctx.doc[colon].text):
        colon -= 1
    if ctx.doc[colon].text != ":" or not unquoted(ctx, s_first, colon):
        return None
    names = [(m.doc_start, m.doc_end) for m in ctx.index.within(s_first, colon)
             if m.label in ("PERSON", "ORG", "NORP", "GPE")]
    words = ctx.doc[s_first:colon]
    if not names and 0 < len(words) <= 3 and all(t.is_title and t.is_alpha for t in words):
        names = [(s_first, colon)]  # "Reid: ‘Never underestimate Trump.’", a name the model did not tag
    if not names:
        return None
    speaker = resolved_mention(ctx, *names[0])
    return attribution(ctx, speaker, ":", colon, via=None)


_ATTRIBUTION_WORDS = 8


def _cue_in_next_sentence(ctx: Context, first: int, last: int) -> int | None:
    """The cue of a short attribution the splitter set apart: ``“Have I started?” Sanders replied.``

    When the quotation ends its sentence, the next sentence of the same paragraph is an
    attribution when its cue comes within its first words and it is short, or, for a quotation
    that opens its paragraph, when its cue reports no clause of its own (“...?” Trump told ITV in
    an interview aired on Monday.)."""
    sentence = ctx.sentence_of[last]
    _, s_end = ctx.sent_bounds[sentence]
    if any(not ctx.doc[k].is_punct for k in range(last + 1, s_end)) or sentence + 1 not in ctx.sent_bounds:
        return None
    n_first, n_end = ctx.sent_bounds[sentence + 1]
    words = [k for k in range(n_first, n_end) if not ctx.doc[k].is_punct]
    if (not words or ctx.quote_of[words[0]] is not None
            or ctx.tokens.at[n_first, "paragraph"] != ctx.tokens.at[last, "paragraph"]):
        return None
    j = first_cue_in(ctx, sentence + 1, n_first, words[min(3, len(words) - 1)] + 1)
    if j is None or not unquoted(ctx, n_first, n_end):
        return None
    if len(words) <= _ATTRIBUTION_WORDS:
        return j
    return j if _opens_paragraph(ctx, first) and not _reports_a_clause(ctx, j) else None


def _reports_a_clause(ctx: Context, cue: int) -> bool:
    """The cue has a clause or quotation of its own ("Trump said the polls were wrong")."""
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis") and c.i > cue for c in ctx.doc[cue].children)


def _introduces(ctx: Context, cue_last: int, first: int) -> bool:
    """The cue introduces the quotation: only a colon or comma (and at most a short object) between."""
    between = [t for t in ctx.doc[cue_last + 1 : first] if not (t.is_punct and is_mark(t.text))]
    return len(between) <= 3 and (not between or between[-1].text in (":", ","))


def _statement(ctx: Context, q: Quotation, first: int, kind: str, found: Attribution | None) -> Statement:
    words = _clean_quote(ctx.article.text[q.inner_start : q.inner_end])
    row = Statement(
        quote=words,
        kind=kind,
        words=count_words(words),
        start=q.start,
        end=q.end,
        part=ctx.tokens.at[first, "part"],
        paragraph=int(ctx.tokens.at[first, "paragraph"]),
        sentence=int(ctx.tokens.at[first, "sentence"]),
    )
    return row if found is None else attributed(row, found)


def _has_words(ctx: Context, q: Quotation) -> bool:
    """A quotation holds at least one word: marks around nothing, or around "!", are no statement."""
    return count_words(ctx.article.text[q.inner_start : q.inner_end]) > 0


def _clean_quote(text: str) -> str:
    """The quoted words: marks that open continuation paragraphs removed, white space folded."""
    text = re.sub(r"\n\s*\n\s*[\"“„«]", " ", text)
    return " ".join(text.split()).strip(ALL_MARKS + " ")


def unattributed_statements(ctx: Context, rows: list[Statement]) -> list[Statement]:
    """The quotations no cue attributes (scare quotes, titles), with no speaker."""
    taken = {k for r in rows for k in (r.quotation, *r.merged)}  # the halves of a joined quotation too
    out = []
    for qi, q in enumerate(ctx.quotations):
        toks = ctx.quote_tokens.get(qi, [])
        if toks and qi not in taken and _has_words(ctx, q):
            out.append(_statement(ctx, q, toks[0], "unattributed", None))
    return out
