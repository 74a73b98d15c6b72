"""The ``newslens`` command.

Imports of newslens's analyses (and so of pandas and spaCy) happen inside each command, on
purpose: ``newslens --help``, ``--version`` and an error for a missing file answer at once, and
``info``, ``sentences``, ``tokens`` and ``words`` never load spaCy.

Every command reads one article (a path, or ``-`` for standard input) and prints a table
as an aligned table (default), CSV or JSON (a list of records whose keys are the table's
columns; ``info`` prints one object; datetimes in ISO 8601). Problems with the input print
one line to standard error and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newslens.errors import NewslensError
from newslens.io import is_corpus_source, read_text
from newslens.layouts import LAYOUTS, check_parts
from newslens.version import __version__

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "json")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newslens`` command."""
    parser = argparse.ArgumentParser(
        prog="newslens",
        description="Read news articles closely: metadata, sentences, tokens and more, as tables.",
    )
    parser.add_argument("--version", action="version", version=f"newslens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, handler, extra) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument(
            "path", metavar="PATH",
            help="article file (.txt or .html), - for standard input, or a folder, glob or .csv/.jsonl for many",
        )
        cmd.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
        cmd.add_argument(
            "--layout",
            default="auto",
            choices=("auto", *LAYOUTS),
            help="force a layout (default: auto, detect it)",
        )
        if name != "info":
            cmd.add_argument(
                "--part",
                action="append",
                metavar="PART",
                help="keep only this part (headline, standfirst, caption, body, ...); repeat for several",
            )
        extra(cmd)
        cmd.set_defaults(handler=handler)
    report = sub.add_parser(
        "report",
        help="Run every notebook for each article (and a corpus) and write a report (HTML, figures, tables).",
        description="Run every notebook headless for each article; write executed notebooks, HTML pages, "
        "figures (PNG and SVG) and tables (CSV) under --out, with an index.html. Given one folder, glob "
        "or CSV/JSONL file, also write a report for the whole corpus (files that cannot be read are listed).",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="article files, or one folder, glob or CSV/JSONL")
    report.add_argument("--out", default="reports", help="report folder (default: reports)")
    report.add_argument("--no-progress", action="store_true", help="no progress bar")
    report.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                        help="seconds one notebook cell may run (default: 600)")
    report.add_argument("--svg", action="store_true", help="also save every figure as SVG (PNG always)")
    report.add_argument("--compare", metavar="SOURCE",
                        help="articles to compare each article with (a folder, glob or CSV/JSONL file); "
                        "default: for a folder, the rest of the folder; for one file, the project's data/articles")
    report.set_defaults(handler=_cmd_report, format="report")
    analyse = sub.add_parser(
        "analyse",
        help="Analyse a corpus of any size on Dask and write every table as a Parquet dataset.",
        description="Read the articles as a stream, analyse them in chunks on a local Dask cluster (one worker "
        "process per core) or on the cluster of --scheduler, and write sentences, tokens, entities, quotes, "
        "frequencies and errors under --out (one Parquet file per chunk per table). A rerun resumes: chunks "
        "already written are skipped. Read the result with newslens.corpus.read_tables(OUT) or "
        "dask.dataframe.read_parquet('OUT/entities').",
    )
    analyse.add_argument("path", metavar="SOURCE", help="a folder, a glob, or a .csv/.jsonl file of articles")
    analyse.add_argument("--out", required=True, help="the dataset folder (created; resumed if it exists)")
    analyse.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler to run on (tcp://HOST:8786); "
                         "default: a local cluster")
    analyse.add_argument("--workers", type=_positive, metavar="N", help="worker processes of the local cluster "
                         "(default: one per core)")
    analyse.add_argument("--chunk-size", type=_positive, default=16, metavar="N",
                         help="articles per task and per Parquet file (default: 16; more for millions of articles)")
    analyse.add_argument("--layout", default="auto", choices=("auto", *LAYOUTS),
                         help="force a layout (default: auto, detect it)")
    analyse.add_argument("--cache", action="store_true", help="also keep each article's tables in the disk cache "
                         "(worth it when articles repeat across runs or corpora)")
    analyse.add_argument("--no-progress", action="store_true", help="no progress bar")
    analyse.set_defaults(handler=_cmd_analyse, format="report")
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return number


def _cmd_analyse(args: argparse.Namespace) -> str:
    from newslens.corpus import analyse

    done = analyse(args.path, out=args.out, scheduler=args.scheduler, workers=args.workers,
                   chunk_size=args.chunk_size, layout=args.layout, progress=not args.no_progress, use_cache=args.cache)
    skipped = f", {done['skipped']} found done" if done["skipped"] else ""
    errors = f"{done['errors']} error{'' if done['errors'] == 1 else 's'}"
    return (f"analysed {done['articles']} articles ({errors}) in {done['chunks']} chunks{skipped}, "
            f"{done['seconds']:.1f} s: tables in {done['out']}")


def _cmd_report(args: argparse.Namespace) -> str:
    from newslens.report import run_report

    index = run_report(args.paths, out=args.out, progress=not args.no_progress, timeout=args.timeout, svg=args.svg,
                       compare=args.compare)
    return f"report written: {index}"


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that work in progress unwinds (a report's temporary
    folder is removed) like Ctrl-C."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Every failure is one line on standard error: a problem with the input or an option (exit 2),
    an unexpected failure while analysing (exit 2, naming the input), Ctrl-C (130), SIGTERM (143).
    """
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if threading.current_thread() is threading.main_thread() \
        else None
    what = getattr(args, "path", None) or " ".join(getattr(args, "paths", []))
    try:
        result = args.handler(args)
        _emit(result, args.format)
    except NewslensError as exc:
        return _fail(f"newslens: error: {exc}", 2)
    except BrokenPipeError:  # `newslens tokens x | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return _fail(f"newslens: interrupted; {_left_behind(args)}", 130)
    except _Terminated:
        return _fail(f"newslens: terminated; {_left_behind(args)}", 143)
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback, for whatever an input finds
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return _fail(f"newslens: error: {what}: could not be analysed ({detail}). "
                     "Fix: check that it is an article's text; if it is, report this with the file.", 2)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _left_behind(args: argparse.Namespace) -> str:
    """What an interrupted command leaves: `analyse` keeps every finished chunk (rerun to resume);
    the others write nothing."""
    if args.command == "analyse":
        return f"the chunks written so far are kept in {args.out}: run the same command again to resume."
    return "nothing was written (a report in progress was discarded)."


def _fail(line: str, status: int) -> int:
    print(line, file=sys.stderr)
    return status


def _load(args: argparse.Namespace):
    """One article, or a corpus when PATH is a folder, a glob, or a .csv/.jsonl file. The file is
    read before pandas and NLTK are imported, so a bad path answers at once."""
    path = str(args.path)
    if not is_corpus_source(path):
        raw = read_text(path)
        from newslens.article import article_from_raw

        return article_from_raw(raw, article_id="stdin" if path == "-" else Path(path).stem, layout=args.layout)
    from newslens.corpus import load_corpus

    corpus = load_corpus(path, layout=args.layout)
    for row in corpus.errors.itertuples():
        print(f"newslens: skipped {row.file}: {row.problem}", file=sys.stderr)
    return corpus


def _analysed(source):
    """A corpus is analysed in one batch first: across the cores when large, cached, with a
    progress bar on a terminal; the commands then read the results."""
    from newslens.corpus import Corpus

    if isinstance(source, Corpus) and len(source):
        errors = source.analyse(progress=sys.stderr.isatty())["errors"]
        for row in errors.itertuples():
            if row.file in source.ids:
                print(f"newslens: skipped {row.file}: {row.problem}", file=sys.stderr)
    return source


def _filter_parts(table, args: argparse.Namespace):
    parts = getattr(args, "part", None)
    if not parts:
        return table
    check_parts(parts, name="--part")
    return table[table["part"].isin(parts)].reset_index(drop=True)


def _cmd_info(args: argparse.Namespace) -> Any:
    return _load(args).info()


def _cmd_sentences(args: argparse.Namespace):
    if not args.stats:
        return _filter_parts(_load(args).sentences, args)
    from newslens.sentences import sentence_summary, sentence_table

    table = _filter_parts(sentence_table(_load(args)), args)
    return sentence_summary(table, by="part")


def _cmd_readability(args: argparse.Namespace):
    import pandas as pd

    from newslens.sentences import lexical_diversity, readability

    article = _load(args)
    parts = check_parts(getattr(args, "part", None) or ["body"], name="--part")
    table = pd.concat([readability(article, parts=parts), lexical_diversity(article, parts=parts)], ignore_index=True)
    return table[["measure", "value", "parts", "warning", "article_id"]]


def _cmd_tokens(args: argparse.Namespace):
    return _filter_parts(_load(args).tokens, args)


def _parts_or_default(args: argparse.Namespace):
    from newslens.frequencies import DEFAULT_PARTS

    return check_parts(getattr(args, "part", None) or DEFAULT_PARTS, name="--part")


def _cmd_words(args: argparse.Namespace):
    from newslens.frequencies import word_frequencies

    return word_frequencies(
        _load(args),
        parts=_parts_or_default(args),
        stopwords=not args.keep_stopwords,
        normalize=args.normalize,
        ngram=args.ngram,
        top=args.top,
    )


def _cmd_keywords(args: argparse.Namespace):
    from newslens.frequencies import keyness

    return keyness(_load(args), parts=_parts_or_default(args), top=args.top)


def _cmd_concordance(args: argparse.Namespace):
    from newslens.frequencies import concordance

    return concordance(_load(args), " ".join(args.words), parts=_parts_or_default(args), window=args.window)


def _cmd_entities(args: argparse.Namespace):
    from newslens.entities import COUNTED_PARTS, entity_mentions, entity_summary

    parts = check_parts(getattr(args, "part", None) or COUNTED_PARTS, name="--part")
    source = _analysed(_load(args)) if args.backend == "spacy" and args.aliases is None else _load(args)
    mentions = entity_mentions(source, backend=args.backend, aliases=args.aliases, parts=parts)
    return entity_summary(mentions) if args.summary else mentions


def _entities_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--backend", choices=("spacy", "nltk"), default="spacy", help="the NER model (default: spacy)")
    cmd.add_argument("--summary", action="store_true", help="one row per canonical entity instead of per mention")
    cmd.add_argument("--aliases", metavar="CSV", help="alias table with columns alias,canonical")


def _cmd_quotes(args: argparse.Namespace):
    from newslens.quotes import KINDS, quote_summary, quotes

    kinds = tuple(args.kind) if args.kind else KINDS
    source = _analysed(_load(args)) if args.aliases is None else _load(args)
    table = quotes(source, kinds=kinds, aliases=args.aliases)
    table = _filter_parts(table, args)
    return quote_summary(table) if args.summary else table


def _quotes_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--kind", action="append", choices=("direct", "partial", "reported"),
                     help="keep only this kind of statement; repeat for several")
    cmd.add_argument("--summary", action="store_true", help="one row per speaker instead of per statement")
    cmd.add_argument("--aliases", metavar="CSV", help="alias table with columns alias,canonical")


def _no_options(cmd: argparse.ArgumentParser) -> None:
    return None


def _sentences_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--stats", action="store_true", help="summary of sentence lengths per part instead of the sentences")


def _words_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--top", type=int, default=None, metavar="N", help="only the N most frequent terms")
    cmd.add_argument("--ngram", type=int, choices=(1, 2, 3), default=1, help="count words (1) or n-grams (2, 3)")
    cmd.add_argument("--keep-stopwords", action="store_true", help="count stopwords too (the, of, ...)")
    cmd.add_argument("--normalize", choices=("stem", "lemma"), default=None, help="count stems or lemmas")


def _keywords_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--top", type=int, default=20, metavar="N", help="the N most distinctive words (default 20)")


def _concordance_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("words", nargs="+", metavar="WORD", help="the word, or the words of a phrase")
    cmd.add_argument("--window", type=int, default=6, metavar="N", help="tokens of context each side (default 6)")


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], Any], Callable[[argparse.ArgumentParser], None]]] = {
    "info": ("Show an article's metadata and counts.", _cmd_info, _no_options),
    "sentences": ("One row per sentence, with character offsets (--stats: length summary).", _cmd_sentences, _sentences_options),
    "readability": ("Readability formulas, reading time and lexical diversity of the body.", _cmd_readability, _no_options),
    "tokens": ("One row per token, with character offsets.", _cmd_tokens, _no_options),
    "words": ("Word (or n-gram, stem, lemma) frequencies.", _cmd_words, _words_options),
    "keywords": ("Distinctive words against general English (log-likelihood, log ratio).", _cmd_keywords, _keywords_options),
    "entities": ("Entity mentions (or, with --summary, one row per entity).", _cmd_entities, _entities_options),
    "quotes": ("Who said what: direct, partial and reported statements with their speakers.", _cmd_quotes, _quotes_options),
    "concordance": ("Keyword in context: every occurrence of a word or phrase.", _cmd_concordance, _concordance_options),
}


def _emit(result: Any, fmt: str) -> None:
    out = sys.stdout
    if isinstance(result, str):
        out.write(result + "\n")
        return
    if isinstance(result, dict):
        if fmt == "json":
            out.write(json.dumps(result, default=_json_default, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            import csv

            writer = csv.writer(out)
            writer.writerow(["field", "value"])
            for key, value in result.items():
                writer.writerow([key, _json_default(value) if isinstance(value, (date, datetime)) else value])
        else:
            width = max(len(k) for k in result)
            for key, value in result.items():
                shown = value.isoformat() if isinstance(value, (date, datetime)) else value
                out.write(f"{key:<{width}}  {'' if shown is None else shown}\n")
        return
    table = result
    if fmt == "json":
        records = json.loads(table.to_json(orient="records", date_format="iso", force_ascii=False))
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        table.to_csv(out, index=False)
    else:
        out.write(fit_table(table, shutil.get_terminal_size((120, 24)).columns) + "\n")


def fit_table(table: Any, width: int) -> str:
    """The table as aligned text for a terminal ``width`` characters wide: long text cells are cut
    with an ellipsis (the first text column, the quote or the term, keeps the most), and columns
    that still do not fit continue below in blocks (CSV and JSON always give every character).

    Example:
        >>> import pandas as pd
        >>> print(fit_table(pd.DataFrame({"n": [1], "quote": ["a long quotation that runs on and on"]}), 40))
         n                    quote
         1 a long quotation that r…
    """
    import pandas as pd

    shown = table.copy()
    texts = [c for c in shown.columns if shown[c].dtype == object or str(shown[c].dtype) in ("str", "string")]
    for rank, column in enumerate(texts):
        longest = max(24, width // 2) if rank == 0 else 24
        shown[column] = shown[column].map(lambda v, w=longest: "" if v is None or v != v else
                                          (str(v) if len(str(v)) <= w else str(v)[: w - 1] + "…"))
    with pd.option_context("display.max_rows", None, "display.max_colwidth", None):
        return shown.to_string(index=False, line_width=width)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


if __name__ == "__main__":
    sys.exit(main())
