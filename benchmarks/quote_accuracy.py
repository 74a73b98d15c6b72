"""Direct-quotation accuracy of newslens on PolNeAR (and quotation-span recall on GUM).

Usage:
    python benchmarks/quote_accuracy.py ../shared/eval/polnear-train [--gum ../shared/eval/gum-news-dev]
        [--limit N] [--textacy] [--json OUT.json] [--errors]

Gold (PolNeAR): attribution relations whose Content starts and ends with a quotation mark,
with their Source; one annotator per article (the first in alphabetical order). A predicted
quotation (kind ``direct``; ``--kinds direct,partial`` adds fragments; rows of one ``statement``,
a quotation and the paragraphs that continue it, are joined, as PolNeAR annotates them as one
discontinuous Content) matches a gold one when their character spans overlap
with Jaccard >= 0.5 (each gold quote matched at most once). Speaker accuracy, over matched
quotes: the predicted speaker mention overlaps the gold Source span, or the resolved speaker's
last word equals the gold Source's last word (case-insensitive).

``--textacy`` also runs textacy's ``direct_quotations`` (spaCy en_core_web_sm, same texts) when
textacy is installed; it is a benchmark-only dependency, not in requirements.txt.

``--gum`` adds quotation-span recall on GUM's gold quotations (a gold quotation is found when a
predicted quotation overlaps it with Jaccard >= 0.5; a row that joins the halves of a quotation
interrupted by its attribution is scored by the quotations it is made of as well as whole).

``--reported`` scores reported speech instead: gold is every attribution whose Content holds no
quotation mark at either end ("Rudenko noted that ..."), predictions are newslens's ``reported``
rows, matched and scored the same way. PolNeAR's Contents include beliefs and intentions
("Trump wants ..."), which newslens does not count as statements, so recall is bounded well below 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

MARKS = "\"“”„«»‟'‘’‚‹›"
KINDS: tuple[str, ...] = ("direct",)
REPORTED = False


def load_gold(folder: Path, article: str, annotator: str) -> list[dict]:
    """Direct quotations of one annotated article: spans (a set of char offsets), source span and text."""
    spans, texts = {}, {}
    events = []
    for line in (folder / "attributions" / f"{article}_{annotator}.ann").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (label, pieces)
            texts[parts[0]] = parts[2]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    gold = []
    for ev in events:
        content = ev.get("Content")
        if content not in spans:
            continue
        text = texts[content].strip()
        quoted = bool(text) and text[0] in MARKS and text[-1] in MARKS
        if not text or quoted == REPORTED or (REPORTED and (text[0] in MARKS or text[-1] in MARKS)):
            continue
        pieces = spans[content][1]
        source = spans.get(ev.get("Source"), (None, []))[1]
        gold.append(
            {
                "chars": {i for a, b in pieces for i in range(a, b)},
                "source": source,
                "source_text": texts.get(ev.get("Source"), ""),
                "cue_text": texts.get(ev.get("Cue"), ""),
            }
        )
    return gold


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def last_word(text: str | None) -> str:
    words = re.findall(r"[\w’'-]+", text or "")
    return words[-1].lower().strip("’'") if words else ""


def evaluate(gold: list[dict], pred: list[dict]) -> dict[str, int]:
    used = set()
    tp = speaker_ok = 0
    for p in pred:
        best, best_j = None, 0.5
        for gi, g in enumerate(gold):
            if gi in used:
                continue
            j = jaccard(p["chars"], g["chars"])
            if j >= best_j:
                best, best_j = gi, j
        if best is None:
            p["match"] = None
            continue
        used.add(best)
        tp += 1
        g = gold[best]
        p["match"] = g
        span_hit = p.get("speaker_span") and any(
            p["speaker_span"][0] < b and a < p["speaker_span"][1] for a, b in g["source"]
        )
        word_hit = g["source_text"] and last_word(p.get("speaker")) == last_word(g["source_text"])
        if span_hit or word_hit:
            speaker_ok += 1
    return {"pred": len(pred), "gold": len(gold), "tp": tp, "speaker_ok": speaker_ok}


def predict_newslens(text: str, article_id: str) -> list[dict]:
    import newslens
    from newslens.quotes import quotes

    article = newslens.article_from_text(text, article_id=article_id)
    table = quotes(article, kinds=KINDS)
    out = []
    for _, rows in table.groupby("statement", sort=True):  # PolNeAR: one Content per statement
        first = rows.iloc[0]
        span = None
        if not _na(first["speaker_start"]):
            span = (int(first["speaker_start"]), int(first["speaker_end"]))
        chars = {i for s, e in zip(rows["start"], rows["end"]) for i in range(int(s), int(e))}
        out.append({"chars": chars, "speaker": first["speaker"], "speaker_span": span, "quote": " ".join(rows["quote"])})
    return out


def _speech_cued(gold: dict) -> bool:
    """The gold Content's cue holds a word newslens reads as a speech cue ("said", "according")."""
    from newslens.quotes.cues import cue_forms

    words = gold["cue_text"].lower().split()
    return "according" in words or any(w in cue_forms(away_from_quotes=True) for w in words)


def speech_recall(pairs: list[tuple[bool, bool]]) -> float:
    cued = [found for is_cued, found in pairs if is_cued]
    return sum(cued) / len(cued) if cued else 0.0


def _na(value) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def predict_textacy(text: str) -> list[dict]:
    from textacy.extract.triples import direct_quotations

    from newslens.nlp import load_spacy_model

    nlp = load_spacy_model(components=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))
    doc = nlp(text)
    out = []
    for q in direct_quotations(doc):
        content = q.content
        speaker = q.speaker
        out.append(
            {
                "chars": set(range(content.start_char, content.end_char)),
                "speaker": " ".join(t.text for t in speaker),
                "speaker_span": (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None,
            }
        )
    return out


def gum_recall(folder: Path) -> dict[str, float]:
    import newslens
    from newslens.marks import find_quotations
    from newslens.quotes import quotes

    found = total = 0
    for path in sorted(folder.glob("GUM_news_*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        article = newslens.article_from_text(doc["text"], article_id=doc["doc_id"])
        table = quotes(article, kinds=("direct", "partial"), include_unattributed=True)
        rows = list(zip(table["start"], table["end"]))
        # a quotation interrupted by its attribution is one row spanning both halves: score the
        # quotations (marks and all) that a row is made of, as well as the row
        marks = find_quotations(doc["text"], [(p["start"], p["end"]) for p in doc["paragraphs"]])
        pieces = [(m.start, m.end) for m in marks if any(a <= m.start and m.end <= b for a, b in rows)]
        pred = [set(range(s, e)) for s, e in rows + pieces]
        for q in doc["quotes"]:
            gold = set(range(q["start"], q["end"]))
            total += 1
            found += any(jaccard(gold, p) >= 0.5 for p in pred)
    return {"gold": total, "found": found, "recall": found / total if total else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", type=Path, help="PolNeAR folder with text/ and attributions/")
    parser.add_argument("--gum", type=Path, help="GUM folder, for quotation-span recall")
    parser.add_argument("--limit", type=int, help="only the first N articles (sorted by name)")
    parser.add_argument("--textacy", action="store_true", help="also run textacy.extract.direct_quotations")
    parser.add_argument("--kinds", default="direct", help="newslens kinds to score, comma-separated (default: direct)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--errors", action="store_true", help="print newslens's misses and false alarms")
    parser.add_argument("--reported", action="store_true", help="score reported speech (rows of kind 'reported')")
    args = parser.parse_args(argv)
    global KINDS, REPORTED
    KINDS = ("reported",) if args.reported else tuple(args.kinds.split(","))
    REPORTED = args.reported
    ann_dir = args.polnear / "attributions"
    if not ann_dir.is_dir():
        print(f"error: {ann_dir} not found; pass ../shared/eval/polnear-train", file=sys.stderr)
        return 2
    annotators = defaultdict(list)
    for path in ann_dir.glob("*.ann"):
        article, annotator = path.stem.rsplit("_", 1)
        annotators[article].append(annotator)
    articles = sorted(annotators)[: args.limit] if args.limit else sorted(annotators)
    systems = {"newslens": predict_newslens}
    if args.textacy:
        try:
            import textacy  # noqa: F401

            systems["textacy direct_quotations"] = lambda text, _id: predict_textacy(text)
        except ImportError:
            print("textacy is not installed: skipping it", file=sys.stderr)
    totals = {name: defaultdict(int) for name in systems}
    crashed = defaultdict(int)
    seconds = defaultdict(float)
    pairs: list[tuple[bool, bool]] = []  # reported speech: (the gold cue is a known speech verb, found)
    for article in articles:
        text = (args.polnear / "text" / f"{article}.txt").read_text(encoding="utf-8")
        gold = load_gold(args.polnear, article, sorted(annotators[article])[0])
        for name, predict in systems.items():
            t0 = time.perf_counter()
            try:
                pred = predict(text, article)
            except Exception:  # textacy raises on unbalanced quotation marks; count it as no output
                crashed[name] += 1
                pred = []
            seconds[name] += time.perf_counter() - t0
            for key, value in evaluate(gold, pred).items():
                totals[name][key] += value
            if REPORTED and name == "newslens":
                pairs.extend((_speech_cued(g), any(p["match"] is g for p in pred)) for g in gold)
            if args.errors and name == "newslens":
                for p in pred:
                    if p["match"] is None:
                        print(f"FP {article[:40]:40} {p['quote'][:70]!r}")
                    elif not (p.get("speaker_span") and any(p["speaker_span"][0] < b and a < p["speaker_span"][1]
                                                            for a, b in p["match"]["source"])) and \
                            last_word(p.get("speaker")) != last_word(p["match"]["source_text"]):
                        print(f"SPK {article[:40]:40} got {p['speaker']!r} gold {p['match']['source_text']!r}")
                for g in gold:
                    if not any(p["match"] is g for p in pred):
                        chars = sorted(g["chars"])
                        print(f"FN {article[:40]:40} {text[chars[0]:chars[-1] + 1][:70]!r}")
    results = {}
    print(f"{len(articles)} articles")
    print(f"{'system':28} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'crashed':>8} {'s/article':>9}")
    for name, t in totals.items():
        p = t["tp"] / t["pred"] if t["pred"] else 0.0
        r = t["tp"] / t["gold"] if t["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        spk = t["speaker_ok"] / t["tp"] if t["tp"] else 0.0
        results[name] = {**t, "precision": p, "recall": r, "f1": f1, "speaker_accuracy": spk,
                         "crashed_articles": crashed[name], "seconds_per_article": seconds[name] / len(articles)}
        print(f"{name:28} {t['gold']:5} {t['pred']:5} {p:6.3f} {r:6.3f} {f1:6.3f} {spk:8.3f} {crashed[name]:8} "
              f"{seconds[name] / len(articles):9.3f}")
    if REPORTED:
        print(f"recall over the Contents whose cue is a speech verb newslens knows: {speech_recall(pairs):.3f} "
              f"({sum(1 for g, _ in pairs if g)} of {len(pairs)} Contents)")
    if args.gum:
        gum = gum_recall(args.gum)
        results["gum_quotation_recall"] = gum
        print(f"GUM quotation-span recall: {gum['found']}/{gum['gold']} = {gum['recall']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
