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

from newslens.version import __version__

_EXPORTS = {  # loaded on first use, so that `import newslens` stays cheap (no pandas, no spaCy)
    "NewslensError": "newslens.errors",
    "ArticleError": "newslens.errors",
    "InvalidArgument": "newslens.errors",
    "MissingData": "newslens.errors",
    "Article": "newslens.article",
    "load_article": "newslens.article",
    "article_from_text": "newslens.article",
    "Corpus": "newslens.corpus",
    "load_corpus": "newslens.corpus",
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
