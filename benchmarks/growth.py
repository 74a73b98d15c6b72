"""How each analysis grows with the article's length, on adversarial texts: time per KB at 1, 10,
100 and 1000 KB. Every analysis should be close to linear (a flat time per KB).

    python benchmarks/growth.py [--sizes 1 10 100 1000] [--kinds alternating curly prose]

Texts (made here, nothing read from disk):
- ``alternating``: ``"a" 'b' `` repeated: a quotation every few characters, in one paragraph;
- ``curly``: curly and straight marks mixed (2 curly to 1 straight), with a word in each;
- ``prose``: ordinary news sentences with a quotation and a cue every other sentence.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("NEWSLENS_CACHE", "off")

UNIT = {
    "alternating": "\"a\" 'b' ",
    "curly": "“one” “two” \"three\" ",
    "prose": ('The minister said the talks would resume on Monday. "We are close to a deal," '
              'she told reporters in Brussels. '),
}


def text_of(kind: str, kb: int) -> str:
    unit = UNIT[kind]
    return "Headline\n\n" + unit * max(1, kb * 1024 // len(unit.encode("utf-8")))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(kind: str, kb: int) -> dict[str, float]:
    import newslens
    from newslens.entities import entity_mentions
    from newslens.frequencies import word_frequencies
    from newslens.quotes import quotes
    from newslens.sentences import sentence_table

    article = newslens.article_from_text(text_of(kind, kb), article_id=f"{kind}-{kb}")
    out = {"tokens": timed(lambda: article.tokens)}
    out["frequencies"] = timed(lambda: word_frequencies(article))
    out["sentences"] = timed(lambda: sentence_table(article))
    out["entities"] = timed(lambda: entity_mentions(article))
    out["quotes"] = timed(lambda: quotes(article))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000], help="sizes in KB")
    parser.add_argument("--kinds", nargs="+", default=list(UNIT), choices=list(UNIT))
    args = parser.parse_args()
    import newslens

    newslens.article_from_text("Warm up. \"Imports,\" he said.").tokens  # noqa: B018 - load NLTK once
    from newslens.quotes import quotes

    quotes(newslens.article_from_text('Warm up. "Imports," he said.'))  # load spaCy once
    print(f"{'text':12} {'KB':>5} " + " ".join(f"{n:>12}" for n in ("tokens", "frequencies", "sentences", "entities",
                                                                    "quotes")) + "   (ms per KB)")
    for kind in args.kinds:
        for kb in args.sizes:
            t = measure(kind, kb)
            print(f"{kind:12} {kb:>5} " + " ".join(f"{1000 * v / kb:>12.1f}" for v in t.values()), flush=True)


if __name__ == "__main__":
    main()
