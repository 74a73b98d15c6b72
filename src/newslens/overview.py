"""The article at a glance: the key numbers (used by the overview notebook).

This module sits above the analyses: :func:`key_numbers` says what it runs (sentences,
readability, entity mentions, quotes), each kept on the article, so asking again is instant.
The metadata card is an HTML renderer: :func:`newslens.render.metadata_card`.
"""

from __future__ import annotations

import pandas as pd

from newslens.article import Article
from newslens.dispatch import per_article
from newslens.entities import entity_mentions
from newslens.quotes import quotes
from newslens.sentences import readability, sentence_table

__all__ = ["key_numbers"]

@per_article
def key_numbers(article: Article) -> pd.DataFrame:
    """Words, sentences, paragraphs, reading time, readability, entities and statements, one row each.

    Runs :func:`~newslens.sentences.sentence_table`, :func:`~newslens.sentences.readability`,
    :func:`~newslens.entities.entity_mentions` and :func:`~newslens.quotes.quotes` (spaCy).

    Returns:
        ``measure``, ``value``, ``note`` (how it was counted, or why a value is missing).
    """
    statements = quotes(article)
    sentences = sentence_table(article, quotes=statements)
    body = sentences[sentences["part"] == "body"]
    read = readability(article).set_index("measure")
    mentions = entity_mentions(article, numeric=False)
    rows = [
        ("Body words", int(body["words"].sum()), "words as a reader counts them"),
        ("Body sentences", len(body), ""),
        ("Body paragraphs", int(sum(p == "body" for p in article.parts)), ""),
        ("Mean sentence length", round(float(body["words"].mean()), 1) if len(body) else None, "words"),
        ("Reading time", read.at["reading_time_min", "value"], "minutes"),
        ("Flesch Reading Ease", _rounded(read.at["flesch_reading_ease", "value"]),
         read.at["flesch_reading_ease", "warning"] or "0-100, higher is easier"),
        ("Flesch-Kincaid grade", _rounded(read.at["flesch_kincaid_grade", "value"]),
         read.at["flesch_kincaid_grade", "warning"] or "US school year"),
        ("Named entities", int(mentions["canonical"].nunique()), f"{len(mentions)} mentions"),
        ("Statements", len(statements), ", ".join(f"{n} {k}" for k, n in statements["kind"].value_counts().items())
         if len(statements) else "none found"),
        ("Speakers", int(statements["speaker"].nunique()) if len(statements) else 0, ""),
    ]
    table = pd.DataFrame(rows, columns=["measure", "value", "note"], dtype=object)  # counts stay integers: 277, not 277.0
    table["article_id"] = article.id
    return table


def _rounded(value: float) -> float | None:
    return None if value != value else round(float(value), 1)
