"""Sentences of interpretation written from the tables, so a notebook tells the truth about any article.

Every function takes a table an analysis returned and gives one or two plain sentences in
Markdown that state what that table shows (the most frequent words, the most named entities, how
many of the longest sentences hold a quotation, ...): numbers, names and words all come from the
table, with correct plurals, and an empty table gets a sentence that says so. The notebooks show
them with ``IPython.display.Markdown``. Nothing here computes an analysis.

Example:
    >>> plural(1, "entity"), plural(14, "entity"), join(["Oslo", "Bergen", "Tromsø"])
    ('1 entity', '14 entities', 'Oslo, Bergen and Tromsø')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from newslens.style import label_name

__all__ = ["plural", "join", "term", "top_terms", "collocation_leaders", "distinctive_terms", "named_entities",
           "entity_kinds", "merged_entities", "long_sentences", "sentence_spread", "speakers", "quotation_mix",
           "comparison_size", "length_rank"]

_IRREGULAR = {"person": "people"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word in the right number: ``plural(1, "word")`` is ``"1 word"``.

    Example:
        >>> plural(0, "quotation"), plural(2, "speech", "speeches")
        ('0 quotations', '2 speeches')
    """
    if n == 1:
        return f"{n} {word}"
    if many is None:
        many = _IRREGULAR.get(word) or (word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou"
                                        else word + "s")
    return f"{n} {many}"


def join(items: Sequence[str]) -> str:
    """Items as English lists them: ``A``, ``A and B``, ``A, B and C``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+!|$~])")


def term(text: str) -> str:
    """A word or name from the article, in italics, with Markdown's special characters escaped
    (``$5`` must not start a formula)."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    return f"*{escaped}*"


def _leaders(table: pd.DataFrame, name: str, value: str, n: int) -> list[str]:
    """The ``n`` rows with the largest ``value``, as "*name* (value)" (ties in table order)."""
    head = table.sort_values(value, ascending=False, kind="stable").head(n)
    return [f"{term(row[name])} ({row[value]})" for _, row in head.iterrows()]


def top_terms(freq: pd.DataFrame, *, n: int = 5) -> str:
    """What a word-frequency table (:func:`newslens.frequencies.word_frequencies`) puts first.

    Example:
        >>> top_terms(pd.DataFrame({"term": ["port", "strike"], "count": [4, 2]}))
        'The most frequent words are *port* (4) and *strike* (2).'
    """
    if freq.empty:
        return "The article has no words left to count once stopwords are set aside."
    leaders = _leaders(freq, "term", "count", n)
    if len(freq) == 1:
        return f"The only word counted is {leaders[0]}."
    tied = int((freq["count"] == freq["count"].max()).sum())
    lead = f" {plural(tied, 'word')} share the top count." if tied > 1 else ""
    if len(leaders) == 1:
        return f"The most frequent word is {leaders[0]}.{lead}"
    return f"The most frequent words are {join(leaders)}.{lead}"


def collocation_leaders(table: pd.DataFrame, *, n: int = 3) -> str:
    """Which pairs lead a collocation table (:func:`newslens.frequencies.collocations`) by log-likelihood."""
    if table.empty:
        return "No word pair recurs often enough to be tested as a collocation."
    head = table.sort_values("llr", ascending=False, kind="stable").head(n)
    leaders = [f"{term(t)} ({c})" for t, c in zip(head["term"], head["count"])]
    return (f"{plural(len(table), 'pair')} recur; by log-likelihood the strongest "
            f"{'is' if len(head) == 1 else 'are'} {join(leaders)}.")


def distinctive_terms(key: pd.DataFrame, *, n: int = 5, against: str = "general English") -> str:
    """The words a keyness table (:func:`newslens.frequencies.keyness`) finds most over-used."""
    over = key[key["log_ratio"] > 0] if "log_ratio" in key.columns else key
    if over.empty:
        return f"No word is used markedly more here than in {against}."
    head = over.sort_values("g2", ascending=False, kind="stable").head(n)
    return (f"Against {against}, the most distinctive words are {join([term(t) for t in head['term']])}: "
            f"each is used far more often here than there.")


def named_entities(summary: pd.DataFrame, *, n: int = 3) -> str:
    """How many entities an entity summary (:func:`newslens.entities.entity_summary`) holds and which lead.

    Example:
        >>> named_entities(pd.DataFrame({"entity": ["Oslo", "Anna Berg"], "label": ["GPE", "PERSON"],
        ...                              "mentions": [3, 1]}))
        'The article names 2 entities; the most mentioned are *Oslo* (3) and *Anna Berg* (1).'
    """
    if summary.empty:
        return "The article names no entity that the model recognises."
    leaders = _leaders(summary, "entity", "mentions", n)
    if len(summary) == 1:
        return f"The article names one entity, {leaders[0]}."
    return f"The article names {plural(len(summary), 'entity')}; the most mentioned are {join(leaders)}."


def entity_kinds(mentions: pd.DataFrame) -> str:
    """Which kind of entity most mentions are (:func:`newslens.entities.entity_mentions`), and how
    many name people.

    Example:
        >>> entity_kinds(pd.DataFrame({"label": ["GPE", "GPE", "PERSON", "ORG"]}))
        'The most common kind of entity is country, city or state (2 of 4 mentions); 1 mention names a person.'
    """
    if mentions.empty:
        return "There are no entity mentions to sort by kind."
    counts = mentions["label"].value_counts()
    label, top = counts.index[0], int(counts.iloc[0])
    said = f"The most common kind of entity is {label_name(label).lower()} ({top} of {plural(len(mentions), 'mention')})"
    if label != "PERSON":
        people = int(counts.get("PERSON", 0))
        said += ("; no mention names a person" if people == 0 else "; 1 mention names a person" if people == 1
                 else f"; {people} mentions name people")
    return said + "."


def merged_entities(summary: pd.DataFrame, *, n: int = 3) -> str:
    """What an entity summary reads like once an alias table has merged names (the same counts as
    :func:`named_entities`, and which entities absorbed other forms)."""
    if summary.empty:
        return named_entities(summary)
    merged = summary[summary["forms"].astype(str).str.contains(",")]
    said = named_entities(summary, n=n).replace("The article names", "Merged, the article names")
    if merged.empty:
        return said + " The alias table merged no names in this article."
    names = [f"{term(row.entity)} ({row.forms})" for row in merged.head(n).itertuples()]
    return f"{said} Merged forms: {join(names)}."


def long_sentences(body: pd.DataFrame, *, n: int = 3) -> str:
    """Whether the longest sentences of a sentence table (:func:`newslens.sentences.sentence_table`)
    hold quotations."""
    if body.empty:
        return "There are no sentences here."
    longest = body.sort_values("words", ascending=False, kind="stable").head(n)
    quoted = int(longest["has_quote"].sum())
    numbers = join([str(int(s)) for s in longest["sentence"]])
    share = int(body["has_quote"].sum())
    parts = list(dict.fromkeys(body["part"])) if "part" in body.columns else []
    scope = f"the {parts[0]}" if len(parts) == 1 else "these sentences"
    held = (("it holds a" if quoted else "it holds no") if len(longest) == 1 else "none holds a" if quoted == 0 else
            "all hold a" if quoted == len(longest) else f"{quoted} hold{'s' if quoted == 1 else ''} a")
    across = (f"none of {plural(len(body), 'sentence')} does" if share == 0 else
              f"{share} of {plural(len(body), 'sentence')} do{'es' if len(body) == 1 else ''}")
    return (f"Of the {plural(len(longest), 'longest sentence')} (sentence{'s' if len(longest) > 1 else ''} {numbers}), "
            f"{held} quotation; across {scope}, {across}.")


def sentence_spread(body: pd.DataFrame) -> str:
    """The mean, median and range of sentence lengths, and which way the mean leans."""
    if body.empty:
        return "There are no sentences here."
    words = body["words"]
    mean, median = words.mean(), words.median()
    lean = ("a few long sentences pull the mean above the median" if mean > median * 1.1
            else "a few short sentences pull the mean below the median" if mean < median * 0.9
            else "mean and median are close: no handful of sentences dominates")
    return (f"{plural(len(body), 'sentence')}: {mean:.1f} words on average (median {median:g}, "
            f"from {words.min()} to {words.max()}); {lean}.")


def speakers(summary: pd.DataFrame, *, n: int = 3) -> str:
    """Who a quote summary (:func:`newslens.quotes.quote_summary`) says speaks most."""
    if summary.empty:
        return "No statement is attributed to anyone in this article."
    total = int(summary["statements"].sum())
    leaders = _leaders(summary, "speaker", "statements", n)
    return (f"{plural(total, 'statement')} come{'s' if total == 1 else ''} from {plural(len(summary), 'speaker')}; "
            f"the most heard {'is' if len(leaders) == 1 else 'are'} {join(leaders)}.")


def quotation_mix(share: pd.DataFrame) -> str:
    """The body's split between quotation, reported speech and narration (:func:`newslens.quotes.quotation_share`)."""
    if share.empty or share["characters"].sum() == 0:
        return "The body has no text to divide."
    parts = {row.kind: row.share for row in share.itertuples()}
    said = ", ".join(f"{parts.get(k, 0):.0%} {name}" for k, name in
                     (("quotation", "quotation"), ("reported", "reported speech"), ("narration", "narration")))
    voices = parts.get("quotation", 0) + parts.get("reported", 0)
    verdict = ("mostly a relay of what others said" if voices > 0.5 else
               "mostly the reporter's own narration")
    return f"The body is {said}: {verdict}."


def comparison_size(n_others: int, *, what: str = "articles to compare with") -> str:
    """How many articles a comparison has (a notebook says so, and skips its charts, when none)."""
    if n_others == 0:
        return (f"There are no {what}: set `CORPUS` in the parameters cell to a folder or glob of articles "
                "(or put them in the project's `data/articles/`) to see this article against them.")
    return f"Compared with {plural(n_others, 'other article')}."


def length_rank(summary: pd.DataFrame, article_id: str) -> str:
    """Where an article's mean sentence length ranks among others (a :func:`newslens.sentences.sentence_summary` by article)."""
    ranked = summary.sort_values("mean", kind="stable").reset_index(drop=True)
    if article_id not in set(ranked["article_id"]) or len(ranked) < 2:
        return "There is nothing to rank the article against."
    place = int(ranked.index[ranked["article_id"] == article_id][0]) + 1
    mean = float(ranked.loc[place - 1, "mean"])
    median = float(ranked["mean"].median())
    side = "longer" if mean > median else "shorter" if mean < median else "as long as"
    rank = ("the shortest" if place == 1 else "the longest" if place == len(ranked)
            else f"the {_ordinal(place)} shortest")
    return (f"Its sentences average {mean:.1f} words, {side}{'' if side == 'as long as' else ' than'} the median "
            f"article's {median:.1f}: {rank} of {len(ranked)}.")


def _ordinal(n: int) -> str:
    """2nd, 3rd, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
