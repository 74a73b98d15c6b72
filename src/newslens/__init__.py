"""newslens: read news articles closely with numbers and charts.

Importing the package is cheap: heavy modules (spaCy, matplotlib) load on first use.

Example:
    >>> import newslens
    >>> article = newslens.article_from_text("Headline\\n\\nOne sentence. Another one.")
    >>> article.sentences["text"].tolist()
    ['Headline', 'One sentence.', 'Another one.']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "ArticleError": "newslens.errors",
    "Article": "newslens.article",
    "load_article": "newslens.article",
    "article_from_text": "newslens.article",
    "split_sentences": "newslens.segment",
    "tokenize_words": "newslens.tokenize",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslens' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
