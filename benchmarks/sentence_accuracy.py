"""Sentence-boundary accuracy of newslens against gold data, side by side with other splitters.

Usage:
    python benchmarks/sentence_accuracy.py ../shared/eval [--json OUT.json]

EVAL_DIR holds ``golden_rules_en.json`` (the 48 English Golden Rules) and ``gum-news-dev/``
(Wikinews articles with gold sentences). Two measures:

* Golden Rules: a case passes when the list of predicted sentences, each stripped, equals
  the expected list exactly.
* GUM: internal sentence boundaries of the body paragraphs (every paragraph but the headline
  and the date line), counted as sentence starts strictly inside a paragraph; each system
  splits each paragraph on its own. Precision, recall and F1, micro-averaged.

Systems: newslens (shipped Punkt parameters + rules), NLTK Punkt with no trained parameters,
and when installed NLTK's downloaded punkt_tab model, pySBD and spaCy en_core_web_sm's parser.

When ``gum-other-dev/`` is there too, its biographies, interviews, speeches and travel guides are
scored the same way, each genre apart. ``--ablate`` re-checks each of newslens's rules: the
figures with that one rule switched off, on every data set, so that a rule is kept only when it
helps or is neutral on each.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

Splitter = Callable[[str], list[tuple[int, int]]]

_DATE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? ", re.I)


def systems() -> dict[str, Splitter]:
    """Every splitter that can run here, by name."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from newslens import split_sentences

    out: dict[str, Splitter] = {"newslens": split_sentences}
    bare = PunktSentenceTokenizer()
    out["nltk punkt (no parameters)"] = lambda t: list(bare.span_tokenize(t))
    try:
        from newslens.segment import punkt_tokenizer

        official = punkt_tokenizer("nltk")
        out["nltk punkt_tab (downloaded)"] = lambda t: list(official.span_tokenize(t))
    except LookupError:
        pass
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        out["pysbd"] = lambda t: [(s.start, s.end) for s in seg.segment(t)]
    except ImportError:
        pass
    try:
        from newslens.nlp import load_spacy_model

        nlp = load_spacy_model(components=("tok2vec", "parser"))
        out["spacy en_core_web_sm parser"] = lambda t: [(s.start_char, s.end_char) for s in nlp(t).sents]
    except Exception:  # spaCy or its model missing: the comparison is optional
        pass
    return out


def golden_rules(path: Path, split: Splitter) -> tuple[int, int, list[int]]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    failed = []
    for case in cases:
        text = case["text"]
        got = [text[s:e].strip() for s, e in split(text)]
        got = [g for g in got if g]
        if got != case["expected_sentences"]:
            failed.append(case["id"])
    return len(cases) - len(failed), len(cases), failed


def gum_boundaries(folder: Path, split: Splitter, genre: str = "") -> dict[str, float]:
    tp = fp = fn = 0
    for gold_file in sorted(folder.glob(f"GUM_{genre}*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        text = doc["text"]
        for para in doc["paragraphs"][1:]:
            if para["index"] == 1 and _DATE.match(para["text"]):
                continue
            p_start, p_end = para["start"], para["end"]
            gold = {
                _first_char(text, s["start"])
                for s in doc["sentences"]
                if p_start < s["start"] < p_end
            }
            chunk = text[p_start:p_end]
            pred = {_first_char(text, p_start + s) for s, e in split(chunk) if chunk[s:e].strip()}
            pred.discard(_first_char(text, p_start))
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


_ABLATIONS = {
    "no lower-case join": ("_join_lowercase_starts", lambda block, starts: starts),
    "no attribution tail": ("_join_attribution_tail", lambda block, starts, keep: starts),
    "no fragment join": ("_join_fragments", lambda block, starts, keep: starts),
    "no initials join": ("_join_initials", lambda block, starts, keep: starts),
    "no citation marks": ("_keep_citations", lambda block, starts, keep: starts),
    "no life-date notes": ("_join_life_dates", lambda block, starts, keep: starts),
    "no list starts": ("_list_starts", lambda block: set()),
    "no photo-credit starts": ("_CREDIT", re.compile(r"(?!)")),
}
"""Each newslens rule, and what switches it off (the module attribute and its stand-in)."""


def data_sets(eval_dir: Path) -> list[tuple[str, Path, str]]:
    """(name, folder, genre) for every GUM data set present."""
    sets = [("gum news", eval_dir / "gum-news-dev", "")]
    other = eval_dir / "gum-other-dev"
    if other.exists():
        sets += [(f"gum {g}", other, g) for g in ("bio", "interview", "speech", "voyage")]
    return sets


def ablate(rules_path: Path, sets: list[tuple[str, Path, str]]) -> dict[str, dict]:
    """newslens with each rule switched off in turn: Golden Rules passed and boundary F1 per set."""
    from newslens import segment, split_sentences

    out = {}
    print()
    print(f"{'newslens variant':26} {'rules':>7} " + " ".join(f"{name[4:]:>9}" for name, _, _ in sets))
    for variant, (attr, stand_in) in {"all rules": ("", None), **_ABLATIONS}.items():
        saved = getattr(segment, attr) if attr else None
        if attr:
            setattr(segment, attr, stand_in)
        try:
            passed, total, _ = golden_rules(rules_path, split_sentences)
            f1 = {name: gum_boundaries(folder, split_sentences, genre)["f1"] for name, folder, genre in sets}
        finally:
            if attr:
                setattr(segment, attr, saved)
        out[variant] = {"rules_passed": passed, "f1": f1}
        print(f"{variant:26} {passed:>3}/{total:<3} " + " ".join(f"{f1[name]:9.3f}" for name, _, _ in sets))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path, help="folder with golden_rules_en.json and gum-news-dev/")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--ablate", action="store_true", help="also score newslens with each rule switched off")
    args = parser.parse_args(argv)
    rules_path = args.eval_dir / "golden_rules_en.json"
    gum_dir = args.eval_dir / "gum-news-dev"
    for needed in (rules_path, gum_dir):
        if not needed.exists():
            print(f"error: {needed} not found; pass the eval folder (e.g. ../shared/eval)", file=sys.stderr)
            return 2
    sets = data_sets(args.eval_dir)
    results = {}
    print(f"{'system':32} {'rules':>7} {'P':>6} {'R':>6} {'F1':>6}  failed rules   " +
          " ".join(f"{name[4:]:>9}" for name, _, _ in sets[1:]))
    for name, split in systems().items():
        passed, total, failed = golden_rules(rules_path, split)
        gum = gum_boundaries(gum_dir, split)
        others = {n: gum_boundaries(folder, split, genre) for n, folder, genre in sets[1:]}
        results[name] = {"rules_passed": passed, "rules_total": total, "rules_failed": failed, "gum": gum,
                         "gum_other": others}
        failed_text = str(failed if len(failed) <= 3 else f"{len(failed)} rules")
        print(
            f"{name:32} {passed:>3}/{total:<3} {gum['precision']:6.3f} {gum['recall']:6.3f} {gum['f1']:6.3f}"
            f"  {failed_text:14} " + " ".join(f"{others[n]['f1']:9.3f}" for n, _, _ in sets[1:])
        )
    if args.ablate:
        results["ablations"] = ablate(rules_path, sets)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
