"""Named-entity accuracy of newslens on GUM documents, side by side with plain spaCy.

Usage:
    python benchmarks/entity_accuracy.py ../shared/eval/gum-news-dev [--json OUT.json] [--errors]
    python benchmarks/entity_accuracy.py ../shared/eval/gum-other-dev [--json OUT.json]

Every ``GUM_*.json`` of the folder is scored; the figures are given for all of them and for each
genre (the word after ``GUM_``: news, bio, interview, speech, voyage) separately.

Gold: the named mentions whose head span (``min_upos``) holds a proper noun. Predictions: every
mention whose label is not numeric (DATE, TIME, CARDINAL, ... are dropped). A prediction is a hit
when it overlaps a gold head span; a gold mention is found when some prediction overlaps its head
span. Reported untyped and for PERSON (gold type ``person`` against label PERSON).

Systems:
* ``spacy (raw text)``: en_core_web_sm 3.8.0 with ``nlp(text)`` on the whole file, as a user would;
* ``newslens``: :func:`newslens.entities.entity_mentions` on the article loaded from the same text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NUMERIC = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def gold_mentions(doc: dict) -> list[dict]:
    return [e for e in doc["named_entities"] if "PROPN" in e["min_upos"]]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold: list[dict], pred: list[tuple[int, int, str]], *, person: bool) -> dict[str, int]:
    if person:
        gold = [g for g in gold if g["type"] == "person"]
        pred = [p for p in pred if p[2] == "PERSON"]
    heads = [[tuple(span) for span in g["min_spans"]] for g in gold]
    tp_pred = sum(1 for p in pred if any(overlaps(p[:2], h) for hs in heads for h in hs))
    found = sum(1 for hs in heads if any(overlaps(p[:2], h) for p in pred for h in hs))
    return {"pred": len(pred), "pred_hits": tp_pred, "gold": len(gold), "gold_found": found}


def prf(counts: dict[str, int]) -> dict[str, float]:
    p = counts["pred_hits"] / counts["pred"] if counts["pred"] else 0.0
    r = counts["gold_found"] / counts["gold"] if counts["gold"] else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **counts}


def predict_spacy(text: str) -> list[tuple[int, int, str]]:
    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=("tok2vec", "ner"))
    return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents if e.label_ not in NUMERIC]


def predict_newslens(text: str, doc_id: str) -> list[tuple[int, int, str]]:
    import newslens
    from newslens.entities import entity_mentions

    article = newslens.article_from_text(text, article_id=doc_id)
    mentions = entity_mentions(article, numeric=False)
    return list(zip(mentions["start"], mentions["end"], mentions["label"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gum_dir", type=Path, help="folder of GUM_*.json gold files (../shared/eval/gum-news-dev)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--errors", action="store_true", help="print newslens's misses and false alarms")
    args = parser.parse_args(argv)
    files = sorted(args.gum_dir.glob("GUM_*.json"))
    if not files:
        print(f"error: no GUM_*.json in {args.gum_dir}; pass ../shared/eval/gum-news-dev", file=sys.stderr)
        return 2
    systems = ("spacy en_core_web_sm (raw text)", "newslens")
    genres = sorted({p.name.split("_")[1] for p in files})
    groups = ["all", *genres] if len(genres) > 1 else ["all"]

    def empty() -> dict:
        return {name: {"untyped": dict.fromkeys(("pred", "pred_hits", "gold", "gold_found"), 0),
                       "person": dict.fromkeys(("pred", "pred_hits", "gold", "gold_found"), 0)} for name in systems}

    by_group = {group: empty() for group in groups}
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        gold = gold_mentions(doc)
        preds = {
            "spacy en_core_web_sm (raw text)": predict_spacy(doc["text"]),
            "newslens": predict_newslens(doc["text"], doc["doc_id"]),
        }
        for name, pred in preds.items():
            for kind, person in (("untyped", False), ("person", True)):
                for key, value in score(gold, pred, person=person).items():
                    for group in {"all", path.name.split("_")[1]} & set(groups):
                        by_group[group][name][kind][key] += value
        if args.errors:
            text = doc["text"]
            heads = [tuple(s) for g in gold for s in g["min_spans"]]
            for s, e, label in preds["newslens"]:
                if not any(overlaps((s, e), h) for h in heads):
                    print(f"FP {doc['short_name']:10} {label:7} {text[s:e]!r}")
            for g in gold:
                if not any(overlaps(p[:2], tuple(h)) for p in preds["newslens"] for h in g["min_spans"]):
                    print(f"FN {doc['short_name']:10} {g['type']:12} {g['text'][:60]!r}")
    everything = {}
    for group in groups:
        results = {name: {kind: prf(c) for kind, c in kinds.items()} for name, kinds in by_group[group].items()}
        everything[group] = results
        print(f"[{group}] {'system':34} {'untyped P':>9} {'R':>6} {'F1':>6}   {'PERSON P':>8} {'R':>6} {'F1':>6}")
        for name, res in results.items():
            u, p = res["untyped"], res["person"]
            print(f"[{group}] {name:34} {u['precision']:9.3f} {u['recall']:6.3f} {u['f1']:6.3f}   "
                  f"{p['precision']:8.3f} {p['recall']:6.3f} {p['f1']:6.3f}")
        print(f"[{group}] gold mentions: {results['newslens']['untyped']['gold']} named, "
              f"{results['newslens']['person']['gold']} person")
    if args.json:
        args.json.write_text(json.dumps(everything if len(groups) > 1 else everything["all"], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
