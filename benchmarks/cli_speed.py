"""How fast the command line answers: each command against `python -c pass` in the same run.

    python benchmarks/cli_speed.py [--runs 5]

Goals (issue 14): `newslens --help`, `--version` and the error for a missing file at most 0.3 s
more than `python -c pass`; `info`, `sentences`, `tokens`, `words` on the first article never
import spaCy (checked with `python -X importtime`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ARTICLE = str(Path(__file__).resolve().parents[1] / "data" / "articles" / "fakti-2024-11-24-moscow-tokyo.txt")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "newslens --help": [sys.executable, "-m", "newslens.cli", "--help"],
    "newslens --version": [sys.executable, "-m", "newslens.cli", "--version"],
    "newslens info missing.txt": [sys.executable, "-m", "newslens.cli", "info", "missing.txt"],
    "newslens info ARTICLE": [sys.executable, "-m", "newslens.cli", "info", ARTICLE],
    "newslens sentences ARTICLE --stats": [sys.executable, "-m", "newslens.cli", "sentences", ARTICLE, "--stats"],
    "newslens tokens ARTICLE": [sys.executable, "-m", "newslens.cli", "tokens", ARTICLE],
    "newslens words ARTICLE": [sys.executable, "-m", "newslens.cli", "words", ARTICLE],
}


ENV = {**os.environ, "NEWSLENS_CACHE": "off"}  # every run does the command's whole work; no table read from disk


def seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imports_spacy(command: list[str]) -> bool:
    out = subprocess.run([command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True, env=ENV)
    return any(line.rstrip().endswith("| spacy") for line in out.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = seconds(COMMANDS["python -c pass"], args.runs)
    print(f"{'command':38} {'median s':>9} {'over pass':>10} {'spaCy':>6}")
    for name, command in COMMANDS.items():
        t = seconds(command, args.runs)
        spacy = "-" if name.startswith("python") else ("yes" if imports_spacy(command) else "no")
        print(f"{name:38} {t:9.3f} {t - base:10.3f} {spacy:>6}", flush=True)


if __name__ == "__main__":
    main()
