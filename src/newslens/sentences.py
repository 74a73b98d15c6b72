"""Sentence lengths, readability and lexical diversity: how the article is written.

Every function takes an :class:`~newslens.article.Article` (or a list of them, for the
comparison of several articles) and returns a tidy DataFrame.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

import pandas as pd
import textstat

from newslens.article import Article
from newslens.dispatch import named, per_article
from newslens.layouts import COUNTED_PARTS, PROSE_PARTS
from newslens.marks import find_quotations
from newslens.stopwords import default_stopwords
from newslens.tokenize import reader_words

__all__ = [
    "READING_WPM",
    "MIN_WORDS",
    "sentence_table",
    "sentence_summary",
    "extreme_sentences",
    "readability",
    "lexical_diversity",
]

READING_WPM = 238
"""Average silent reading speed of adults reading English non-fiction, words per minute (Brysbaert 2019)."""

MIN_WORDS = 100
"""Readability formulas are calibrated on passages of 100 words or more; below that newslens warns instead."""

MIN_SENTENCES = {"smog_index": 30}
"""Formulas that need more sentences: SMOG was calibrated on samples of 30 sentences."""

_MEASURES = {
    "flesch_reading_ease": "Flesch Reading Ease (0-100, higher is easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade (US school year)",
    "gunning_fog": "Gunning fog index (years of schooling)",
    "smog_index": "SMOG grade",
    "coleman_liau_index": "Coleman-Liau index (US grade)",
    "automated_readability_index": "Automated Readability Index (US grade)",
}

@per_article(tables=("quotes",))
def sentence_table(article: Article, *, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per sentence, with its length and place in the article.

    Nothing here runs spaCy: pass the quotes table to mark the sentences that hold an
    attributed quotation.

    Args:
        article: One article, or several to set side by side (a corpus, a list; rows keep ``article_id``).
        quotes: A table from :func:`newslens.quotes.quotes`: ``has_quote`` then marks the
            sentences that overlap one of its direct or partial quotations. Without it,
            ``has_quote`` marks the sentences that overlap any quotation found by pairing
            quotation marks (:func:`newslens.marks.find_quotations`), attributed or not.

    Returns:
        ``article_id``, ``part``, ``paragraph``, ``sentence``, ``position`` (0 to 1 through
        the article), ``words`` (tokens that are not punctuation), ``tokens``, ``characters``
        (of the sentence text), ``mean_word_length`` (letters per word; words as a reader counts
        them: "Russia's" is one word, "anti-Russian" one), ``has_quote``
        (the sentence holds a quotation), ``start``, ``end``, ``text``.

    Example:
        >>> sentence_table(article, quotes=quotes(article)).query("part == 'body'")["words"].tolist()  # doctest: +SKIP
        [13, 21, 57, 21, 42, 17, 21, 39, 23, 9, 14]
    """
    sents = article.sentences.copy()
    tokens = article.tokens
    words = reader_words(tokens)
    sents["words"] = sents["sentence"].map(words.groupby("sentence").size()).fillna(0).astype(int)
    sents["tokens"] = sents["sentence"].map(tokens.groupby("sentence").size()).fillna(0).astype(int)
    sents["characters"] = sents["text"].str.len()
    letters = words["token"].str.count(r"[^\W\d_]")
    mean_len = letters.groupby(words["sentence"]).mean()
    sents["mean_word_length"] = sents["sentence"].map(mean_len).astype(float).round(2)
    n = len(sents)
    sents["position"] = [(i / (n - 1)) if n > 1 else 0.0 for i in range(n)]
    sents["has_quote"] = _quoted_sentences(article, sents, quotes)
    cols = ["article_id", "part", "paragraph", "sentence", "position", "words", "tokens", "characters",
            "mean_word_length", "has_quote", "start", "end", "text"]
    return sents[cols]


def _quoted_sentences(article: Article, sents: pd.DataFrame, quotes: pd.DataFrame | None) -> list[bool]:
    """Whether each sentence overlaps a direct or partial quotation of ``quotes`` (or, without it,
    any quotation whose marks pair)."""
    if quotes is not None:
        quoted = quotes[quotes["kind"].isin(("direct", "partial"))] if len(quotes) else quotes
        spans = sorted(zip(quoted["start"], quoted["end"])) if len(quoted) else []
    else:
        prose = [span for span, part in zip(article.paragraph_spans, article.parts) if part in PROSE_PARTS]
        spans = [(q.start, q.end) for q in find_quotations(article.text, prose)]
    return _overlaps(list(zip(sents["start"], sents["end"])), spans)


def _overlaps(units: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """For each unit (in text order), whether it overlaps any of ``spans``: one sweep, not a unit
    by span comparison (an article with thousands of quotations stays fast)."""
    spans = sorted(spans)
    ends = list(accumulate((e for _, e in spans), max))  # the furthest end among the spans up to each
    out = []
    for start, end in units:
        k = bisect_left(spans, (end,)) - 1  # the last span starting before the unit ends
        out.append(k >= 0 and ends[k] > start)
    return out


def sentence_summary(table: pd.DataFrame, *, by: str | Sequence[str] | None = "part", value: str = "words") -> pd.DataFrame:
    """Count, mean, median, standard deviation, quartiles, min and max of sentence length.

    Args:
        table: A table from :func:`sentence_table`.
        by: Group by ``"part"`` (default), ``"paragraph"``, a list of columns, or None for one
            row per article. Rows are always per article (``article_id`` comes first).
        value: The length to summarise: ``"words"`` (default), ``"tokens"`` or ``"characters"``.

    Returns:
        One row per group: ``count``, ``mean``, ``median``, ``std``, ``q1``, ``q3``, ``min``, ``max``.
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    if "article_id" not in groups and "article_id" in table.columns:
        groups = ["article_id", *groups]
    stats = ["count", "mean", "median", "std", ("q1", 0.25), ("q3", 0.75), "min", "max"]

    def describe(s: pd.Series) -> pd.Series:
        out = {}
        for stat in stats:
            if isinstance(stat, tuple):
                out[stat[0]] = s.quantile(stat[1])
            else:
                out[stat] = getattr(s, stat)()
        return pd.Series(out)

    if not groups:
        return describe(table[value]).to_frame().T.reset_index(drop=True)
    result = table.groupby(groups, sort=False)[value].apply(describe).unstack().reset_index()
    result["count"] = result["count"].astype(int)
    return named(result, "sentence-summary")


def extreme_sentences(table: pd.DataFrame, *, n: int = 3, value: str = "words") -> pd.DataFrame:
    """The ``n`` longest and ``n`` shortest sentences, with their text (``which`` says which end)."""
    longest = table.nlargest(n, value).assign(which="longest")
    shortest = table.nsmallest(n, value).assign(which="shortest")
    both = pd.concat([longest, shortest], ignore_index=True)
    return named(both[["which", value, "part", "paragraph", "sentence", "text"]], "extreme-sentences")


@per_article
def readability(article: Article, *, parts: Sequence[str] = ("body",)) -> pd.DataFrame:
    """Readability of the article's body with textstat, plus reading time, with guards.

    A formula is reported only when the text is English and long enough for it to mean
    something: at least :data:`MIN_WORDS` words (and 30 sentences for SMOG). Otherwise
    ``value`` is NaN and ``warning`` says why.

    Args:
        article: The article.
        parts: The parts to read (default: the body only).

    Returns:
        One row per measure: ``measure``, ``description``, ``value``, ``warning`` (empty when
        the value stands), then ``reading_time_min`` at :data:`READING_WPM` words a minute.

    Example:
        >>> readability(article).set_index("measure").loc["flesch_reading_ease", "value"]  # doctest: +SKIP
    """
    text = _part_text(article, parts)
    words = reader_words(article.tokens[article.tokens["part"].isin(parts)])
    n_words = len(words)
    n_sents = int(article.sentences["part"].isin(parts).sum())
    english_warning = _not_english(words["lower"])
    textstat.set_lang("en_US")
    rows = []
    for measure, description in _MEASURES.items():
        warning = english_warning or _too_short(n_words, n_sents, measure)
        value = float("nan") if warning else float(getattr(textstat, measure)(text))
        rows.append({"measure": measure, "description": description, "value": value, "warning": warning})
    rows.append(
        {
            "measure": "reading_time_min",
            "description": f"Reading time in minutes at {READING_WPM} words a minute",
            "value": round(n_words / READING_WPM, 2),
            "warning": "",
        }
    )
    table = pd.DataFrame(rows).assign(parts=", ".join(parts))  # the scope, named: TTR of the body is not TTR of all
    table["article_id"] = article.id
    return table


def _part_text(article: Article, parts: Sequence[str]) -> str:
    return "\n\n".join(article.text[s:e] for (s, e), p in zip(article.paragraph_spans, article.parts) if p in parts)


def _too_short(n_words: int, n_sents: int, measure: str) -> str:
    if n_words < MIN_WORDS:
        return f"too short: {n_words} words, the formula needs at least {MIN_WORDS}"
    need = MIN_SENTENCES.get(measure)
    if need and n_sents < need:
        return f"too short: {n_sents} sentences, {measure} needs at least {need}"
    return ""


def _not_english(lowers: pd.Series) -> str:
    """English prose is 35-55% stopwords; below 15% the text is not English (or not prose)."""
    if lowers.empty:
        return "no words"
    share = lowers.isin(default_stopwords()).mean()
    if share < 0.15:
        return f"not English: only {share:.0%} of words are English function words; the formulas are for English"
    return ""


@per_article
def lexical_diversity(
    article: Article, *, parts: Sequence[str] = COUNTED_PARTS, window: int = 50, threshold: float = 0.72
) -> pd.DataFrame:
    """Type-token ratio, MATTR and MTLD of the article's words (lexicalrichness, on newslens tokens).

    TTR falls as a text grows, so it only compares texts of equal length; MATTR (moving-average
    TTR over ``window`` words, Covington & McFall 2010) and MTLD (McCarthy & Jarvis 2010) do not.

    Returns:
        One row per measure: ``measure``, ``value``, ``warning``, ``parts`` (the scope).
    """
    from lexicalrichness import LexicalRichness  # lazy: it imports scipy (0.4 s), and only this measure needs it

    words = article.tokens[article.tokens["part"].isin(parts) & article.tokens["is_word"]]["lower"].tolist()
    rows = []
    if not words:
        return pd.DataFrame(
            [{"measure": m, "value": math.nan, "warning": "no words"} for m in ("ttr", "mattr", "mtld")]
        ).assign(parts=", ".join(parts), article_id=article.id)
    lex = LexicalRichness(words, preprocessor=None, tokenizer=None)
    rows.append({"measure": "ttr", "value": lex.ttr, "warning": ""})
    if len(words) >= window:
        rows.append({"measure": "mattr", "value": lex.mattr(window_size=window), "warning": ""})
    else:
        rows.append({"measure": "mattr", "value": math.nan, "warning": f"too short: {len(words)} words, window {window}"})
    rows.append({"measure": "mtld", "value": lex.mtld(threshold=threshold), "warning": ""})
    return pd.DataFrame(rows).assign(parts=", ".join(parts), article_id=article.id)
