"""Who "he", "she", "it", "they" and "the spokeswoman" are: newslens's antecedents against GUM's coreference.

    python benchmarks/pronoun_accuracy.py ../shared/eval/gum-news-dev ../shared/eval/gum-other-dev

A quotation cued by "he said" is credited to whoever "he" resolves to, and the BBC check in
issue 15 found pronouns credited to the last name mentioned, of any kind and gender. GUM links
every mention of a named entity, pronouns included, into one chain (``entity_id`` in the JSON's
``named_entities``). For each "he"/"she" in such a chain that also holds a proper name, newslens's
rule (``quotes.speakers.pronoun_antecedent``, the one speaker resolution uses) picks an antecedent; it is
right when that mention overlaps a mention of the same chain. The same for "it"/"they" of a named
organisation or place, and for short definite descriptions ("the company", "the central
defender") of a named person or organisation that come after its name
(``quotes.descriptions.role_antecedent``).
Reported per folder and per GUM genre: right, wrong, none found, and accuracy (or, for
descriptions, precision over those resolved).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_DEFINITE = ("the", "this", "that")


KINDS = {
    "he/she": ("'he' and 'she' of a named chain", "accuracy"),
    "it/they": ("'it' and 'they' for a named organisation or place", "accuracy"),
    "role": ("role descriptions ('the central defender', 'the company') of a named person or organisation",
             "precision"),
}
"""The three tables: what each scores, and whether its last column is accuracy over all mentions
or precision over those the rule resolved (a description left unresolved is no error)."""


def score_document(path: Path) -> dict[str, Counter]:
    """right / wrong / none per kind of mention in one GUM document."""
    import newslens
    from newslens.quotes.context import build_context
    from newslens.quotes.descriptions import role_antecedent
    from newslens.quotes.people import PRONOUN_GENDER
    from newslens.quotes.speakers import pronoun_antecedent

    doc = json.loads(path.read_text(encoding="utf-8"))
    mentions = doc["named_entities"]
    chains: dict[int, list[tuple[int, int]]] = {}
    first_named: dict[int, int] = {}
    for m in mentions:
        chains.setdefault(m["entity_id"], []).append((m["start"], m["end"]))
        if "PROPN" in m["min_upos"]:
            first_named[m["entity_id"]] = min(first_named.get(m["entity_id"], m["start"]), m["start"])
    asked = {
        "he/she": [m for m in mentions if m["text"].lower() in ("he", "she") and m["entity_id"] in first_named],
        "it/they": [m for m in mentions if m["text"].lower() in ("it", "they") and m["entity_id"] in first_named
                    and m["type"] in ("organization", "place")],
        "role": [m for m in mentions if m["text"].split()[0].lower() in _DEFINITE
                 and 1 < len(m["text"].split()) <= 4 and m["min_text"].split()[-1].islower()
                 and "PROPN" not in m["min_upos"] and m["type"] in ("person", "organization")
                 and first_named.get(m["entity_id"], m["start"]) < m["start"]],
    }
    counts = {kind: Counter() for kind in KINDS}
    if not any(asked.values()):
        return counts
    ctx = build_context(newslens.article_from_text(path.with_suffix(".txt").read_text(encoding="utf-8"),
                                                   article_id=doc["doc_id"]), None)
    starts = {int(s): i for i, s in enumerate(ctx.tokens["start"])}
    rules = {
        "he/she": lambda m, i: pronoun_antecedent(ctx, i, person=True, gender=PRONOUN_GENDER[m["text"].lower()]),
        "it/they": lambda m, i: pronoun_antecedent(ctx, i, person=False),
        "role": lambda m, i: role_antecedent(ctx, i, m["min_text"].split()[-1].lower()),
    }
    for kind, wanted in asked.items():
        for m in wanted:
            i = starts.get(m["start"])
            if i is None:
                continue
            counts[kind]["mentions"] += 1
            found = rules[kind](m, i)
            if found is None:
                counts[kind]["none"] += 1
                continue
            span = (int(ctx.tokens.at[found.doc_start, "start"]), int(ctx.tokens.at[found.doc_end - 1, "end"]))
            counts[kind]["right" if any(overlaps(span, g) for g in chains[m["entity_id"]]) else "wrong"] += 1
    return counts


def print_table(kind: str, results: list[tuple[Path, dict[str, dict[str, Counter]]]]) -> None:
    """One table: per genre and per folder, mentions, right, wrong, none and the last column."""
    title, last = KINDS[kind]
    print(title[0].upper() + title[1:])
    print(f"{'set':<22} {'mentions':>8} {'right':>6} {'wrong':>6} {'none':>5} {last:>9}")
    for folder, by_genre in results:
        per_genre = {genre: counts[kind] for genre, counts in by_genre.items()}
        total = sum(per_genre.values(), Counter())
        for name, c in [*sorted(per_genre.items()), (f"all {folder.name}", total)]:
            if c["mentions"]:
                base = c["mentions"] if last == "accuracy" else c["right"] + c["wrong"]
                print(f"{name:<22} {c['mentions']:>8} {c['right']:>6} {c['wrong']:>6} {c['none']:>5} "
                      f"{(c['right'] / base if base else float('nan')):>9.3f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    results = []
    for folder in args.folders:
        by_genre: dict[str, dict[str, Counter]] = {}
        for path in sorted(folder.glob("GUM_*.json")):
            genre = by_genre.setdefault(path.stem.split("_")[1], {kind: Counter() for kind in KINDS})
            for kind, counts in score_document(path).items():
                genre[kind].update(counts)
        results.append((folder, by_genre))
    for kind in KINDS:
        print_table(kind, results)


if __name__ == "__main__":
    main()
