"""Reporting cues: the verbs that report speech or thought, and which sentences may hold one.

The cue list ships with newslens (``data/cues_en.txt``: lemma, or "lemma particle", and
``speech`` or ``thought``). A cue is found by its spaCy lemma; :func:`cue_forms` lists every
word form the lemmatizer could turn into a cue, so that the parser runs only over sentences
that may hold a cue or a quotation (:func:`sentences_to_parse`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from newslens.marks import ALL_MARKS
from newslens.names import AGE
from newslens.nlp import load_spacy_model

__all__ = ["PARSER_COMPONENTS", "NEAR_QUOTE_ONLY", "ADDRESSEE_CUES", "cues", "cue_forms", "lemma", "is_mark",
           "sentences_to_parse"]

PARSER_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
"""The spaCy components run before the attribution rules (tags, dependencies). Lemmas come from
spaCy's lemmatizer too, but only for the verbs the rules look at (:func:`lemma`)."""

NEAR_QUOTE_ONLY = frozenset({
    "continue", "call", "describe", "maintain", "post", "read", "chant", "yell", "scream", "sing", "write", "ask",
    "beam", "boom", "gush", "muse", "marvel", "tout", "snap", "rail", "mouth", "mock", "label", "dub", "brand", "assure",
    # verbs that judge: they cue the words they quote ("slated the plan as 'a disgrace'"), nothing else
    "slate", "criticise", "criticize", "attribute", "blast", "condemn", "denounce", "dismiss", "hail", "praise",
    "lambast", "decry", "accuse", "slam", "slat",  # "slat": spaCy's lemma of "slated"
    # phrasal cues whose verb alone says nothing ("“...,” Trump went on", "he shot back")
    "go", "shoot", "fire", "hit", "weigh", "chime",
    # verbs of manner that report speech only next to a quotation ("“Go back,” Trump barked")
    "charge", "bark", "growl", "snarl", "sneer", "thunder", "demur",
})
"""Ambiguous cue verbs: they count only next to a quotation."""

ADDRESSEE_CUES = frozenset({"ask", "tell", "warn", "urge", "assure", "caution", "promise", "remind", "inform"})
"""Cue verbs whose object is the one spoken to: in the passive ("he was asked whether ...",
"Asked about the ban, Pike said") their subject is the addressee, so they cue nothing."""


def is_mark(token: str) -> bool:
    """The token is made of quotation marks only."""
    return bool(token) and all(ch in ALL_MARKS or ch == "`" for ch in token)


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """The reporting cues: lemma (or "lemma particle") -> ``"speech"`` or ``"thought"``."""
    raw = resources.files("newslens").joinpath("data", "cues_en.txt").read_text(encoding="utf-8")
    out = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kind = line.split("\t")
            out[lemma.strip()] = kind.strip()
    return out


def _lemmatizer() -> Any:
    return load_spacy_model(components=("lemmatizer",)).get_pipe("lemmatizer")


def lemma(tok: Any) -> str:
    """The lemma spaCy's lemmatizer gives this token (the attribute ruler's own lemma first)."""
    return tok.lemma_ or _lemmatizer().rule_lemmatize(tok)[0]


@lru_cache(maxsize=2)
def cue_forms(*, away_from_quotes: bool = False) -> frozenset[str]:
    """Every lower-case word that spaCy's English lemmatizer could turn into a cue lemma
    ("said" -> "say", "warns" -> "warn"), and "according".

    Built from the lemmatizer's own tables (its exceptions and its suffix rules).
    ``away_from_quotes=True`` keeps the cues that count away from a quotation: speech cues
    that are not ambiguous. A sentence that holds none of these words (outside entity names),
    no quotation and no neighbour with a quotation can hold no cue the rules would use,
    and need not be parsed.
    """
    lemmas = {cue.split()[0] for cue, kind in cues().items() if kind == "speech" or not away_from_quotes}
    if away_from_quotes:
        lemmas -= NEAR_QUOTE_ONLY
    lookups = _lemmatizer().lookups
    forms = set(lemmas) | {"according"}
    for table in lookups.get_table("lemma_exc").values():
        forms.update(form for form, targets in table.items() if lemmas.intersection(targets))
    suffixes = {(old, new) for rules in lookups.get_table("lemma_rules").values() for old, new in rules}
    forms.update(base[: len(base) - len(new)] + old for base in lemmas for old, new in suffixes
                 if base.endswith(new))
    return frozenset(forms)


def sentences_to_parse(tokens: pd.DataFrame, quote_of: list[int | None], named: set[int]) -> set[int]:
    """The sentences the attribution rules read: those holding a quotation mark; those holding
    a possible cue word outside entity names (``named``: token positions inside a mention): a
    speech cue anywhere, any cue next to a quoting sentence; and a sentence ending in a colon
    before a quoting one ("X said:", then the quotation); the two sentences before one of
    those that holds "he" or "she", whose subjects the pronoun may continue; and the sentence
    before one whose quotation a "the ..." description speaks (:func:`_described_speakers`)."""
    sentence = tokens["sentence"].tolist()
    words = tokens["token"].tolist()
    quoting = {s for s, w, q in zip(sentence, words, quote_of) if q is not None or is_mark(w)}
    order = list(dict.fromkeys(sentence))
    near = {b for a, b in zip(order, order[1:]) if a in quoting} | {a for a, b in zip(order, order[1:]) if b in quoting}
    speech, every = cue_forms(away_from_quotes=True), cue_forms()
    keep = set(quoting)
    for s, w, pos in zip(sentence, words, tokens["position"].tolist()):
        if s not in keep and pos not in named and (w.lower() in speech or (s in near and w.lower() in every)):
            keep.add(s)
    last: dict[int, str] = dict(zip(sentence, words))
    keep.update(prev for prev, nxt in zip(order, order[1:]) if nxt in quoting and last[prev] == ":")
    pronoun = {s for s, w in zip(sentence, words) if s in keep and w.lower() in ("he", "she")}
    index = {s: k for k, s in enumerate(order)}  # "he" reads the subjects of the two sentences before
    keep.update(order[k] for s in pronoun for k in range(max(0, index[s] - 2), index[s]))
    described = _described_speakers(sentence, words, quote_of, keep, every)
    keep.update(order[index[s] - 1] for s in described if index[s])  # "..., the consumer champion wrote"
    return keep


def _described_speakers(sentence: list[int], words: list[str], quote_of: list[int | None], keep: set[int],
                        every: frozenset[str]) -> set[int]:
    """The kept sentences where a quotation is attributed to a description: “...,” the consumer
    champion wrote (a "the" after a closing mark or a comma, a cue within four words after it);
    “...,” said the campaigner (a cue after the mark, then "the"); a sentence opening with an age
    ("The 31-year-old said afterwards: ..."). The description may stand for the subject of the
    sentence before."""
    out = set()
    for k, (s, w, q) in enumerate(zip(sentence, words, quote_of)):
        if s not in keep or s in out or q is not None or w.lower() != "the" or (k < 2 and k != 0):
            continue
        after_mark = words[k - 1] in ("”", '"', "’", "'", ",")
        inverted = words[k - 1].lower() in every and words[k - 2] in ("”", '"', "’", "'", ",")
        opening = k == 0 or sentence[k - 1] != s  # "The 31-year-old said afterwards: ..."
        age = opening and k + 1 < len(words) and sentence[k + 1] == s and AGE.match(words[k + 1].lower())
        if age or inverted or (after_mark and any(
                sentence[j] == s and quote_of[j] is None and words[j].lower() in every
                for j in range(k + 1, min(len(words), k + 5)))):
            out.add(s)
    return out
