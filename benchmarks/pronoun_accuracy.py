"""Who "he" and "she" are: newslens's antecedents against GUM's gold coreference.

    python benchmarks/pronoun_accuracy.py ../shared/eval/gum-news-dev ../shared/eval/gum-other-dev

A quotation cued by "he said" is credited to whoever "he" resolves to, and the BBC check in
issue 15 found pronouns credited to the last name mentioned, of any kind and gender. GUM links
every mention of a named entity, pronouns included, into one chain (``entity_id`` in the JSON's
``named_entities``). For each "he"/"she" in such a chain that also holds a proper name, newslens's
rule (``quotes.speakers._antecedent``, the one speaker resolution uses) picks an antecedent; it is
right when that mention overlaps a mention of the same chain. Reported per folder and per GUM
genre: accuracy, and how often no antecedent was found.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_DEFINITE = ("the", "this", "that")


def score_document(path: Path) -> Counter:
    import newslens
    from newslens.quotes.context import build_context
    from newslens.quotes.speakers import _PRONOUN_GENDER, _antecedent, _role_antecedent

    doc = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    chains: dict[int, list[tuple[int, int]]] = {}
    named: set[int] = set()
    for m in doc["named_entities"]:
        chains.setdefault(m["entity_id"], []).append((m["start"], m["end"]))
        if "PROPN" in m["min_upos"]:
            named.add(m["entity_id"])
    pronouns = [m for m in doc["named_entities"] if m["text"].lower() in ("he", "she") and m["entity_id"] in named]
    first_named = {}
    for m in doc["named_entities"]:
        if "PROPN" in m["min_upos"]:
            first_named[m["entity_id"]] = min(first_named.get(m["entity_id"], m["start"]), m["start"])
    roles = [m for m in doc["named_entities"] if m["text"].split()[0].lower() in _DEFINITE
             and 1 < len(m["text"].split()) <= 4 and m["min_text"].split()[-1].islower()
             and "PROPN" not in m["min_upos"] and m["type"] in ("person", "organization")
             and first_named.get(m["entity_id"], m["start"]) < m["start"]]
    groups = [m for m in doc["named_entities"] if m["text"].lower() in ("it", "they") and m["entity_id"] in named
              and m["type"] in ("organization", "place")]
    counts: Counter = Counter()
    if not pronouns and not roles and not groups:
        return counts
    article = newslens.article_from_text(text, article_id=doc["doc_id"])
    ctx = build_context(article, None)
    starts = {int(s): i for i, s in enumerate(ctx.tokens["start"])}
    for m in pronouns:
        i = starts.get(m["start"])
        if i is None:
            continue
        counts["pronouns"] += 1
        found = _antecedent(ctx, i, person=True, gender=_PRONOUN_GENDER[m["text"].lower()])
        if found is None:
            counts["none"] += 1
            continue
        span = (int(ctx.tokens.at[found.doc_start, "start"]), int(ctx.tokens.at[found.doc_end - 1, "end"]))
        counts["right" if any(overlaps(span, g) for g in chains[m["entity_id"]]) else "wrong"] += 1
    for m in groups:  # "it said": an organisation or place
        i = starts.get(m["start"])
        if i is None:
            continue
        counts["groups"] += 1
        found = _antecedent(ctx, i, person=False)
        if found is None:
            counts["group none"] += 1
            continue
        span = (int(ctx.tokens.at[found.doc_start, "start"]), int(ctx.tokens.at[found.doc_end - 1, "end"]))
        counts["group right" if any(overlaps(span, g) for g in chains[m["entity_id"]]) else "group wrong"] += 1
    for m in roles:  # "the central defender" after "Marcus Webb, the central defender": the rule for role nouns
        i = starts.get(m["start"])
        if i is None:
            continue
        counts["roles"] += 1
        found = _role_antecedent(ctx, i, [], m["min_text"].split()[-1].lower())
        if found is None:
            counts["role none"] += 1
            continue
        span = (int(ctx.tokens.at[found.doc_start, "start"]), int(ctx.tokens.at[found.doc_end - 1, "end"]))
        counts["role right" if any(overlaps(span, g) for g in chains[m["entity_id"]]) else "role wrong"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    print(f"{'set':<22} {'pronouns':>8} {'right':>6} {'wrong':>6} {'none':>5} {'accuracy':>8}")
    results = []
    for folder in args.folders:
        by_genre: dict[str, Counter] = {}
        for path in sorted(folder.glob("GUM_*.json")):
            genre = path.stem.split("_")[1]
            by_genre.setdefault(genre, Counter()).update(score_document(path))
        results.append((folder, by_genre))
        total = sum(by_genre.values(), Counter())
        for name, c in [*sorted(by_genre.items()), (f"all {folder.name}", total)]:
            if c["pronouns"]:
                print(f"{name:<22} {c['pronouns']:>8} {c['right']:>6} {c['wrong']:>6} {c['none']:>5} "
                      f"{c['right'] / c['pronouns']:>8.3f}")
    print()
    print("'it' and 'they' for a named organisation or place")
    print(f"{'set':<22} {'pronouns':>8} {'right':>6} {'wrong':>6} {'none':>5} {'accuracy':>8}")
    for folder, by_genre in results:
        total = sum(by_genre.values(), Counter())
        for name, c in [*sorted(by_genre.items()), (f"all {folder.name}", total)]:
            if c["groups"]:
                print(f"{name:<22} {c['groups']:>8} {c['group right']:>6} {c['group wrong']:>6} {c['group none']:>5} "
                      f"{c['group right'] / c['groups']:>8.3f}")
    print()
    print("Role descriptions ('the central defender', 'the company') of a named person or organisation")
    print(f"{'set':<22} {'roles':>8} {'right':>6} {'wrong':>6} {'none':>5} {'precision':>9}")
    for folder, by_genre in results:
        total = sum(by_genre.values(), Counter())
        for name, c in [*sorted(by_genre.items()), (f"all {folder.name}", total)]:
            if c["roles"]:
                done = c["role right"] + c["role wrong"]
                print(f"{name:<22} {c['roles']:>8} {c['role right']:>6} {c['role wrong']:>6} {c['role none']:>5} "
                      f"{(c['role right'] / done if done else float('nan')):>9.3f}")


if __name__ == "__main__":
    main()
