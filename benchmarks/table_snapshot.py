"""Write every analysis table of some articles to a folder, or compare two such folders.

Used to show that a change leaves the tables as they were: snapshot before, snapshot after,
compare (every table must be equal, dtype and all).

    python benchmarks/table_snapshot.py write OUT ARTICLE_OR_FOLDER... [--limit N]
    python benchmarks/table_snapshot.py compare BEFORE AFTER
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("NEWSLENS_CACHE", "off")  # measure the code, never a cached table

import pandas as pd


def tables(article) -> dict[str, pd.DataFrame]:
    from newslens.entities import entity_mentions, entity_summary
    from newslens.frequencies import lexical_stats, word_frequencies
    from newslens.overview import key_numbers
    from newslens.quotes import quotation_share, quote_summary, quotes
    from newslens.sentences import readability, sentence_table

    every = quotes(article, include_unattributed=True)
    mentions = entity_mentions(article)
    try:  # after issue 12 the quotes table is passed in; before, sentence_table found it itself
        sentences = sentence_table(article, quotes=every)
    except TypeError:
        sentences = sentence_table(article)
    try:
        share = quotation_share(article, quotes=every[every["kind"] != "unattributed"])
    except TypeError:
        share = quotation_share(article, every[every["kind"] != "unattributed"])
    return {
        "tokens": article.tokens,
        "sentences": sentences,
        "entities": mentions,
        "entity_summary": entity_summary(mentions),
        "quotes": every,
        "quote_summary": quote_summary(every[every["kind"] != "unattributed"]),
        "quotation_share": share,
        "frequencies": word_frequencies(article),
        "bigrams": word_frequencies(article, ngram=2),
        "lemmas": word_frequencies(article, normalize="lemma"),
        "lexical_stats": lexical_stats(article),
        "readability": readability(article),
        "key_numbers": key_numbers(article),
    }


def write(out: Path, sources: list[str], limit: int | None) -> None:
    from newslens.article import load_article

    files = []
    for source in sources:
        path = Path(source)
        files += sorted(path.glob("*.txt"))[:limit] if path.is_dir() else [path]
    out.mkdir(parents=True, exist_ok=True)
    for path in files:
        article = load_article(path)
        for name, table in tables(article).items():
            table.to_pickle(out / f"{article.id}--{name}.pkl")
    print(f"{len(files)} articles written to {out}")


def compare(before: Path, after: Path) -> int:
    names = sorted(p.name for p in before.glob("*.pkl"))
    missing = sorted(set(names) ^ {p.name for p in after.glob("*.pkl")})
    differ, null_dtype = [], []
    for name in names:
        if not (after / name).exists():
            continue
        a, b = pd.read_pickle(before / name), pd.read_pickle(after / name)
        try:
            pd.testing.assert_frame_equal(a, b)
        except AssertionError as exc:
            if _same_but_null_dtypes(a, b):
                null_dtype.append(name)
            else:
                differ.append(f"{name}: {str(exc).splitlines()[0]}")
    print(f"{len(names)} tables compared; {len(differ)} differ; {len(missing)} missing on one side; "
          f"{len(null_dtype)} equal in every value but the dtype of a column that is null in every row")
    for line in differ[:40] + missing[:10]:
        print("  ", line)
    return 1 if differ or missing else 0


def _same_but_null_dtypes(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Equal in every value; where dtypes differ, the column is null in every row of both."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    odd = [c for c in a.columns if a[c].dtype != b[c].dtype]
    if not all(a[c].isna().all() and b[c].isna().all() for c in odd):
        return False
    try:
        pd.testing.assert_frame_equal(a.drop(columns=odd), b.drop(columns=odd))
    except AssertionError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("sources", nargs="+")
    w.add_argument("--limit", type=int, default=None, help="articles per folder (the first N by name)")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.sources, args.limit)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
