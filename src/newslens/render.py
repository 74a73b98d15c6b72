"""HTML renderers: the article's metadata as a card and its text with entity mentions highlighted.

Like spaCy's displacy, each takes the records newslens computed (the article, a mentions table)
and returns an HTML fragment; nothing here computes an analysis or imports a plotting library.
Every piece of article text is HTML-escaped, so no article can inject markup or script.
Display a fragment in Jupyter with ``IPython.display.HTML``.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import pandas as pd

from newslens.article import Article
from newslens.style import LABEL_COLORS

__all__ = ["metadata_card", "render_entities_html"]

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


def render_entities_html(article: Article, mentions: pd.DataFrame, *, parts: Iterable[str] | None = None) -> str:
    """The article's text with its entity mentions highlighted, as an HTML fragment.

    Rendered from the mentions table; every piece of article text is HTML-escaped, so no
    article can inject markup or script. Display it in Jupyter with ``IPython.display.HTML``.
    """
    wanted = set(parts) if parts is not None else None
    paragraphs = []
    ordered = mentions.sort_values("start")
    for (start, end), part in zip(article.paragraph_spans, article.parts):
        if wanted is not None and part not in wanted:
            continue
        inside = ordered[(ordered["start"] >= start) & (ordered["end"] <= end)]
        pieces, pos = [], start
        for row in inside.itertuples():
            if row.start < pos:
                continue
            pieces.append(escape(article.text[pos : row.start]))
            color = LABEL_COLORS.get(row.label, "#dddddd")
            pieces.append(
                f'<mark style="background:{color}33;border-bottom:2px solid {color};padding:0 2px" '
                f'title="{escape(str(row.canonical))}">{escape(article.text[row.start:row.end])}'
                f'<sup style="font-size:0.65em;color:{color};font-weight:bold;margin-left:2px">{escape(row.label)}</sup></mark>'
            )
            pos = row.end
        pieces.append(escape(article.text[pos:end]))
        tag = "h3" if part == "headline" else "p"
        paragraphs.append(f'<{tag} data-part="{escape(part)}">{"".join(pieces)}</{tag}>')
    return '<div class="newslens-entities" style="line-height:1.7;max-width:46em">' + "\n".join(paragraphs) + "</div>"
