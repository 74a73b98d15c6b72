"""One canonical name and one label per entity: a leading "the", an honorific or rank and a
possessive dropped, case variants merged, a surname or first name alone merged into the full name,
a body named by its last word into the only one of its kind, a club's short name into the club,
then the shipped table of common variants, the acronyms the article defines and the user's alias
table on top (see :mod:`newslens.entities`, which calls :func:`canonicalize`).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from newslens.errors import ArticleError
from newslens.names import (
    HONORIFICS,
    NAME_FILLERS,
    NAME_PARTICLES,
    PERSONAL_TITLES,
    POSSESSIVE,
    RANKS,
    ROLE_NOUNS,
    first_name_gender,
    gender_of_first_name,
)

__all__ = ["LABEL_PRIORITY", "MENTION_COLUMNS", "canonicalize", "default_aliases", "load_aliases"]

LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE")
"""Tie-break when an entity's mentions are labelled differently as often: the earlier label wins."""

MENTION_COLUMNS = ["text", "label", "canonical", "part", "paragraph", "sentence", "start", "end",
                   "token_start", "token_end", "source", "article_id"]
"""The columns of the entity-mention table, in order."""

_PREFIX = re.compile(r"^(?:the|The|THE)\s+")
_TITLES = "|".join(sorted(RANKS | HONORIFICS | {"Miss", "Sir", "Dame"}))
_HONORIFIC = re.compile(rf"^(?:(?:{_TITLES})\.?\s+)+(?=[A-Z])")
"""The titles a canonical name drops ("Ms Khan" is Khan, "Det Insp Jane Rowe" Jane Rowe)."""


def load_aliases(source: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    """Read an alias table: a CSV with a header ``alias,canonical``, or a dict.

    Matching ignores case and a leading "the". Several aliases may share one canonical name;
    a canonical name may itself appear as an alias of nothing.

    Raises:
        ArticleError: The file is missing or lacks the two columns.

    Example:
        >>> load_aliases({"Russian Federation": "Russia"})
        {'russian federation': 'Russia'}
    """
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return {_key(a): c for a, c in source.items()}
    path = Path(source)
    if not path.is_file():
        raise ArticleError(f"{path}: alias table not found. Fix: give a CSV file with columns alias,canonical.", path=str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"alias", "canonical"} <= set(reader.fieldnames):
            raise ArticleError(
                f"{path}: the alias table needs a header row 'alias,canonical' (found {reader.fieldnames}). "
                "Fix: add that header.",
                path=str(path),
            )
        return {_key(r["alias"]): r["canonical"].strip() for r in reader if r["alias"] and r["canonical"]}


@lru_cache(maxsize=1)
def default_aliases() -> dict[str, str]:
    """The shipped table of common variants of one name (``newslens/data/aliases_default.csv``):
    UK, U.K., Britain and Great Britain are the United Kingdom; US, U.S., USA and America the
    United States; EU, UN, BBC News, Russian Federation, PRC, DPRK, ... It applies to every
    article, under the user's table: to keep a variant apart, map it to itself in yours
    (``Britain,Britain``). Capitals standing for their countries are the reader's call, not here.

    Example:
        >>> default_aliases()["britain"], default_aliases()["bbc news"]
        ('United Kingdom', 'BBC')
    """
    with resources.as_file(resources.files("newslens") / "data" / "aliases_default.csv") as path:
        return load_aliases(path)


def _key(name: str) -> str:
    return _clean(name).casefold()


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = _HONORIFIC.sub("", _PREFIX.sub("", name))  # "Ms Khan" is Khan, so she merges with "Irene Khan"
    return POSSESSIVE.sub("", name) if name.endswith(("'s", "’s", "s'", "s’")) else name


def canonicalize(mentions: pd.DataFrame, *, aliases: str | Path | Mapping[str, str] | None = None,
                 defined: Mapping[str, str] | None = None, titled: Sequence[bool] | None = None) -> pd.DataFrame:
    """Give every mention a ``canonical`` name and every entity one label (see the module docstring).

    ``defined`` holds the aliases the article defines itself (an acronym -> the name it stands for),
    applied over the shipped defaults and under the user's ``aliases``; ``titled`` marks the
    mentions written right after a person's title ("Gov. Chris Christie"), whose entity is a person."""
    table = mentions.copy()
    if table.empty:
        table["canonical"] = pd.Series(dtype="object")
        return table[MENTION_COLUMNS]
    cleaned = [_clean(t) for t in table["text"]]
    folded = [c.casefold() for c in cleaned]
    forms: dict[str, list[str]] = defaultdict(list)
    for key, form in zip(folded, cleaned):
        forms[key].append(form)
    display = {}
    for key, group in forms.items():
        counts = Counter(group)
        display[key] = max(counts, key=lambda form: (counts[form], form[:1].isupper(), -group.index(form)))
    labels = table["label"].tolist()
    keys = _merge_short_bodies(_merge_person_names(folded, labels), labels)
    keys, shortened = _merge_short_organisations(keys, labels, table["text"].tolist())
    table["label"] = ["ORG" if i in shortened  # "Rovers" PERSON of "Blackburn Rovers": the club
                      else "PERSON" if label in _THING_LABELS and key != k else label  # a person's name, whatever the model said
                      for i, (label, key, k) in enumerate(zip(labels, folded, keys))]
    own = {_key(a): display.get(_key(n), _clean(n)) for a, n in (defined or {}).items()}
    alias_map = {**default_aliases(), **own, **load_aliases(aliases)}
    table["canonical"] = [alias_map.get(k, display.get(k, k)) for k in keys]
    table["label"] = _one_label_per_entity(table["canonical"].tolist(), table["label"].tolist(), folded,
                                           list(titled) if titled is not None else [False] * len(table))
    return table[MENTION_COLUMNS]



_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
"""Labels the model gives a person's name alone by mistake ("Maresca" WORK_OF_ART, "Cole" PRODUCT
after "Enzo Maresca" and "Cole Palmer"): such a word that is one person's first name or surname
is that person."""


def _merge_person_names(keys: list[str], labels: list[str]) -> list[str]:
    """Map a one-word PERSON mention (or one the model labelled a thing) to the only full name that
    starts or ends with it, a one-word organisation, place or nationality to the only full name
    that ends with it, and a surname with particles ("Ten Hag") to the only full name that ends
    with it ("Erik ten Hag")."""
    full = sorted({k for k, label in zip(keys, labels) if label == "PERSON" and " " in k})
    out = list(keys)
    for i, (key, label) in enumerate(zip(keys, labels)):
        if label not in ("PERSON", "ORG", "GPE", "NORP") and label not in _THING_LABELS:
            continue
        if " " not in key:
            matches = [f for f in full if f.split()[-1] == key or f.split()[0] == key]
        elif key.split()[0] in NAME_PARTICLES:
            matches = [f for f in full if f != key and f.endswith(" " + key)]
        else:
            continue
        if len(matches) == 1 and (label == "PERSON" or label in _THING_LABELS or key in {f.split()[-1] for f in matches}):
            out[i] = matches[0]
    return out


def _merge_short_organisations(keys: list[str], labels: list[str], texts: list[str]) -> tuple[list[str], set[int]]:
    """Map a one-word name the model read as a person or a thing to the only organisation of the
    article whose name ends with it ("Rovers" PERSON in a headline ... "Blackburn Rovers" ORG and
    "Rovers manager ..." ORG), when the model's labels of the word and the name say organisation
    more often than person. Not when a person's full name ends with the word ("John Smith" keeps
    "Smith" apart from "WH Smith"), the word follows a title ("Ms Malik"), or the organisation's
    name starts with a given name, a title or a role ("Carly Fiorina", "Spokeswoman Haley Morris":
    people the model called organisations). Not for a word only ever read as an organisation: the
    model's longer spans are too often wrong ("Air Chathams" for the islands, "American YouTube");
    but once one mention of the word is misread, every mention of it goes. Returns the keys and the
    positions so mapped, which are the organisation's."""
    orgs = [k for k, label in zip(keys, labels)  # not a person the model called an organisation
            if label == "ORG" and _plain_name(k) and not _person_like(k.split()[0])]  # "Carly Fiorina", "Actress X"
    people = {k.split()[-1] for k, label in zip(keys, labels) if label == "PERSON" and " " in k}
    people |= {k for k, text in zip(keys, texts) if " " not in k and _HONORIFIC.match(text)}  # "Ms Malik"
    misread = {k for k, label in zip(keys, labels) if " " not in k and k not in people
               and (label == "PERSON" or label in _THING_LABELS)}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, label in zip(keys, labels):
        votes[key]["PERSON" if label == "PERSON" else "ORG" if label == "ORG" or label in _THING_LABELS else ""] += 1
    target = {}
    for key in misread:
        matches = {f for f in orgs if f.split()[-1] == key}
        if len(matches) == 1:
            name = next(iter(matches))
            if votes[key]["ORG"] + votes[name]["ORG"] > votes[key]["PERSON"] + votes[name]["PERSON"]:
                target[key] = name  # the model's labels say organisation, over the word and the name
    out, mapped = list(keys), set()
    for i, key in enumerate(keys):  # every mention of the word, whatever each was labelled
        if key in target:
            out[i] = target[key]
            mapped.add(i)
    return out, mapped


def _person_like(word: str) -> bool:
    """Whether an organisation's first word says the name is a person's: a given name of the
    newslens or Census lists ("Carly", "Parker"), a title or a role ("Spokeswoman Haley Morris")."""
    return (gender_of_first_name(word) is not None or word.capitalize() in PERSONAL_TITLES
            or word in ROLE_NOUNS)


def _plain_name(key: str) -> bool:
    """Whether an organisation's key is a name of words that ends in a word after a word of the
    name ("blackburn rovers", "mozilla firefox"; not the model's "rathbun the scientology" or a
    span across a quotation mark)."""
    words = key.split()
    return len(words) >= 2 and all(w.replace("-", "").replace("&", "").isalnum() for w in words) and (
        words[-2] not in NAME_FILLERS)


_BODY_WORDS = frozenset("commission council committee ministry agency authority board trust court".split())


def _merge_short_bodies(keys: list[str], labels: list[str]) -> list[str]:
    """Map a public body named by its last word alone ("the Commission", "the Council") to the only
    organisation of the article whose name ends with it ("European Commission", "Bristol City
    Council"); with two such names ("European Council", "Bristol City Council") it stays apart.
    Not for "the Senate" or "the House", which name a country's own chamber whatever else is named."""
    full = {k for k, label in zip(keys, labels) if label == "ORG" and " " in k}
    out = list(keys)
    for i, (key, label) in enumerate(zip(keys, labels)):
        if label == "ORG" and key in _BODY_WORDS:
            matches = [f for f in full if f.split()[-1] == key]
            if len(matches) == 1:
                out[i] = matches[0]
    return out


def _one_label_per_entity(canonical: list[str], labels: list[str], texts: list[str], titled: list[bool]) -> list[str]:
    """The label most of an entity's mentions have (the higher in ``LABEL_PRIORITY`` on a tie), but
    PERSON for an entity named in full as a person ("Donald Trump" tagged PERSON, with a first name
    of ``data/first_names.csv``) whatever its surname alone was tagged ("Trump" ORG, as in "Trump
    Tower"), and for an entity named once after a person's title ("Gov. Rick Scott" ... "Scott" ORG
    three times)."""
    rank = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, label in zip(canonical, labels):
        counts[name][label] += 1
    best = {name: min(c, key=lambda lab: (-c[lab], rank.get(lab, len(rank)))) for name, c in counts.items()}
    for name, label, text, title in zip(canonical, labels, texts, titled):
        if (title and label in LABEL_PRIORITY) or (label == "PERSON" and " " in text and first_name_gender(text.split()[0])):
            best[name] = "PERSON"
    return [best[name] for name in canonical]
