"""The article at a glance: a metadata card and the key numbers (used by the overview notebook)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from newslens.corpus import per_article

if TYPE_CHECKING:
    from newslens.article import Article

__all__ = ["metadata_card", "key_numbers"]

_FIELDS = (
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("outlet", "Outlet"),
    ("published", "Published"),
    ("views", "Views"),
    ("caption", "Photo caption"),
    ("layout", "Layout"),
    ("source", "File"),
    ("encoding", "Encoding"),
)


def metadata_card(article: Article) -> str:
    """An HTML card with the article's metadata; every value is HTML-escaped.

    Example:
        >>> from IPython.display import HTML  # doctest: +SKIP
        >>> HTML(metadata_card(article))  # doctest: +SKIP
    """
    meta = article.metadata.as_dict()
    rows = []
    for key, label in _FIELDS:
        value = meta.get(key)
        if value is None:
            continue
        shown = value.strftime("%d %b %Y, %H:%M") if hasattr(value, "strftime") else str(value)
        rows.append(
            f'<tr><th style="text-align:left;padding:2px 12px 2px 0;color:#555">{escape(label)}</th>'
            f'<td style="text-align:left">{escape(shown)}</td></tr>'
        )
    return (
        '<div class="newslens-card" style="border:1px solid #ddd;border-radius:6px;padding:10px 14px;max-width:46em">'
        f'<div style="font-size:0.8em;color:#888">{escape(article.id)}</div>'
        f'<table style="border-collapse:collapse">{"".join(rows)}</table></div>'
    )


@per_article
def key_numbers(article: Article) -> pd.DataFrame:
    """Words, sentences, paragraphs, reading time, readability, entities and statements, one row each.

    Returns:
        ``measure``, ``value``, ``note`` (how it was counted, or why a value is missing).
    """
    from newslens.entities import entity_mentions
    from newslens.quotes import quotes
    from newslens.sentences import readability, sentence_table

    sentences = sentence_table(article)
    body = sentences[sentences["part"] == "body"]
    read = readability(article).set_index("measure")
    mentions = entity_mentions(article, numeric=False)
    statements = quotes(article)
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
    table = pd.DataFrame(rows, columns=["measure", "value", "note"])
    table["value"] = table["value"].astype("object")
    table["article_id"] = article.id
    return table


def _rounded(value: float) -> float | None:
    return None if value != value else round(float(value), 1)
