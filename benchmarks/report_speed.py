"""How long `newslens report` takes, against the analysis alone, in one run.

    python benchmarks/report_speed.py SOURCE [--articles 24]

SOURCE is a folder of .txt articles (e.g. ../shared/eval/polnear-train/text); the first
``--articles`` of them (by name) are copied to a temporary folder. Each measurement runs in a
fresh process with its own empty disk cache:

- analysis alone: ``load_corpus(folder).analyse()`` with the cache off (every core);
- the report of one article (the first);
- the report of the folder (a report per article, with the folder as its comparison, and the
  corpus report).

Goals (issue 14): the folder's report at most 3x the analysis alone; one article's report at most 30 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def copy_first(source: Path, n: int, tmp: str) -> tuple[Path, list[Path]]:
    """The first ``n`` .txt articles of ``source`` (by name), copied into ``tmp/articles``."""
    files = sorted(source.glob("*.txt"))[:n]
    folder = Path(tmp) / "articles"
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("--articles", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, files = copy_first(args.source, args.articles, tmp)
        words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)

        def env(name: str, **extra: str) -> dict[str, str]:
            return {**os.environ, "NEWSLENS_CACHE_DIR": str(Path(tmp) / f"cache-{name}"), **extra}

        analysis = timed([sys.executable, "-c", "import sys; from newslens.corpus import load_corpus; "
                          "load_corpus(sys.argv[1]).analyse(progress=False)", str(folder)], env("a", NEWSLENS_CACHE="off"))
        one = timed([sys.executable, "-m", "newslens.cli", "report", str(folder / files[0].name), "--out",
                     str(Path(tmp) / "one"), "--no-progress"], env("one"))
        many = timed([sys.executable, "-m", "newslens.cli", "report", str(folder), "--out", str(Path(tmp) / "many"),
                      "--no-progress"], env("many"))
        size = sum(p.stat().st_size for p in (Path(tmp) / "many").rglob("*") if p.is_file())
    print(f"{len(files)} articles, {words:,} words, {os.cpu_count()} cores")
    print(f"{'analysis alone (cache off)':40} {analysis:8.1f} s")
    print(f"{'report of one article':40} {one:8.1f} s")
    print(f"{'report of the folder':40} {many:8.1f} s   = {many / analysis:.1f}x the analysis alone, "
          f"{many / len(files):.1f} s per article, {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
