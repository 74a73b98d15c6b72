"""Quotes and their speakers: who said what, quoted directly, in part, or reported.

The table has one row per attributed statement:

* ``direct``: a quoted statement that stands as a sentence ("Unfortunately, ... ”, he pointed
  out.", "He said: “...”", "She said, “We ...”");
* ``partial``: a quoted fragment inside the reporter's sentence (considered “somewhat positive“,
  "said that “the fear is high”");
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

The package: :mod:`.cues` (the cue lexicon, which sentences to parse), :mod:`.context` (what
the rules read, and the :class:`~newslens.quotes.context.Statement` they write),
:mod:`.people` (each person's gender and roles), :mod:`.descriptions` (whom "the minister"
stands for), :mod:`.pronouns` (whom "he" stands for), :mod:`.speakers` (the speaker resolver),
:mod:`.direct` (quotations) and :mod:`.reported` (reported speech); this module holds the
public functions and the summaries.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from newslens.article import Article
from newslens.dispatch import named, per_article
from newslens.entities import alias_key
from newslens.quotes.context import COLUMNS, build_context
from newslens.quotes.cues import cue_forms, cues
from newslens.quotes.direct import quotation_statements, unattributed_statements
from newslens.quotes.reported import reported_statements

__all__ = ["COLUMNS", "KINDS", "cues", "cue_forms", "quotes", "quote_summary", "quotation_share"]

KINDS = ("direct", "partial", "reported")
"""The kinds of attributed statement, as in the ``kind`` column."""


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
        characters of the article text; missing for a continued quotation), ``cue`` (the
        verb as written; a reported row whose cue says the words were kept back reads "did not
        say" or "declined to say"), ``via``
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


statements_of = quotes
"""The same function, for the functions here whose ``quotes=`` argument hides its name."""


def _all_statements(article: Article, aliases: Any) -> pd.DataFrame:
    """Every statement of every kind, unattributed quotations included, in rule order."""
    ctx = build_context(article, aliases)
    rows = quotation_statements(ctx)
    rows.extend(unattributed_statements(ctx, rows))
    rows.extend(reported_statements(ctx, rows))
    _number_statements(rows)
    table = pd.DataFrame([row.row() for row in rows], columns=COLUMNS)
    if not table.empty:
        table["article_id"] = article.id
    return table


def _number_statements(rows: list) -> None:
    """Give each row a ``statement`` id; a quotation that continues an earlier one shares its id."""
    statement_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        cont = row.continues
        row.statement = statement_of.get(cont, rows[i - 1].statement if cont is not None and i else i)
        statement_of.update({k: row.statement for k in (row.quotation, *row.merged) if k is not None})


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
    out = out.sort_values(["statements", "quoted_words", "speaker"], ascending=[False, False, True])
    return named(out.reset_index(drop=True), "quote-summary")


@per_article(tables=("quotes",))
def quotation_share(
    article: Article, *, quotes: pd.DataFrame | None = None, parts: tuple[str, ...] = ("body",)
) -> pd.DataFrame:
    """How much of the text is quotation, reported speech and narration (characters and share).

    Characters of direct and partial quotations count as quotation, those of reported speech
    (outside quotations) as reported, everything else in ``parts`` (white space excluded) as
    narration.

    Args:
        article: The article (or a corpus: one block of rows per article).
        quotes: The statements to count, from :func:`quotes` (default: ``quotes(article)``).
        parts: The parts to measure.

    Returns:
        One row per kind (``quotation``, ``reported``, ``narration``): ``characters``, ``share``, ``article_id``.

    Example:
        >>> quotation_share(article, quotes=quotes(article))  # doctest: +SKIP
    """
    table = statements_of(article) if quotes is None else quotes
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
