"""The least a report of executed notebooks can cost: the notebooks' own code, run in-process.

    python benchmarks/report_floor.py SOURCE [--articles 24]

Issue 14 asks for the report of a folder in at most 3x the analysis alone. This measures what no
runner can save: every article notebook's code cells executed in this process (no kernel, no
messages, no export; ``%`` magics dropped), each figure drawn and encoded as PNG as the report
does, with the articles' tables already in the disk cache (the report analyses them first). The
wall time on N cores is at least this total divided by N. Measured in the same run: the analysis
alone (cache off, every core), as in ``report_speed.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def run_notebooks_in_process(folder: Path) -> tuple[dict[str, float], int, int]:
    """Seconds per notebook (summed over articles), the figures drawn, the articles run."""
    import matplotlib.pyplot as plt
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from newslens.paths import NOTEBOOKS_DIR
    from newslens.report import _parameters, notebooks

    books = [b for b in notebooks() if "ARTICLE" in _parameters(b)]
    seconds: dict[str, float] = defaultdict(float)
    figures = 0
    articles = sorted(folder.glob("*.txt"))
    os.chdir(NOTEBOOKS_DIR)  # where the kernels run, so relative defaults resolve the same
    for path in articles:
        for book in books:
            names = _parameters(book)
            params = {"ARTICLE": str(path), **({"CORPUS": str(folder)} if "CORPUS" in names else {})}
            nb = parameterize_notebook(load_notebook_node(str(book)), params)
            start = time.perf_counter()
            namespace: dict[str, object] = {"__name__": "__main__"}
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                code = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
                exec(compile(code, f"{book.name}", "exec"), namespace)  # noqa: S102 - the project's own notebooks
                drawing = time.perf_counter()
                for number in plt.get_fignums():
                    plt.figure(number).savefig(io.BytesIO(), format="png")
                    figures += 1
                seconds["(of which drawing the figures)"] += time.perf_counter() - drawing
                plt.close("all")
            seconds[book.stem] += time.perf_counter() - start
    return dict(seconds), figures, len(articles)



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:  # the measured process: the folder is already copied and its tables cached
        seconds, figures, n = run_notebooks_in_process(args.source)
        total = sum(v for k, v in seconds.items() if not k.startswith("("))
        print(f"@@ {total:.2f} {figures} {n}")  # "@@": apart from what the notebooks print
        for stem, value in sorted(seconds.items()):
            print(f"@@ {stem} {value:.2f}")
        return
    from report_speed import copy_first  # beside this script

    with tempfile.TemporaryDirectory() as tmp:
        folder, _ = copy_first(args.source, args.articles, tmp)
        base = {**os.environ, "NEWSLENS_CACHE_DIR": str(Path(tmp) / "cache")}
        analyse = [sys.executable, "-c", "import sys; from newslens.corpus import load_corpus; "
                   "load_corpus(sys.argv[1]).analyse(progress=False)", str(folder)]
        start = time.perf_counter()
        subprocess.run(analyse, env={**base, "NEWSLENS_CACHE": "off"}, check=True, capture_output=True)
        analysis = time.perf_counter() - start
        subprocess.run(analyse, env=base, check=True, capture_output=True)  # fill the cache, untimed
        done = subprocess.run([sys.executable, __file__, str(folder), "--inner"], env=base, check=True,
                              capture_output=True, text=True)
    lines = [line[3:] for line in done.stdout.split("\n") if line.startswith("@@ ")]
    total, figures, n = lines[0].split()
    total = float(total)
    cores = os.cpu_count() or 1
    print(f"{n} articles, {cores} cores")
    print(f"analysis alone (cache off, every core): {analysis:.1f} s")
    print(f"notebook code in-process, one core: {total:.1f} s ({figures} figures drawn); "
          f"on {cores} cores at best {total / cores:.1f} s = {total / cores / analysis:.1f}x the analysis")
    for line in lines[1:]:
        if line.strip():
            stem, value = line.rsplit(" ", 1)
            print(f"  {stem}: {float(value) / int(n):.2f} s per article")


if __name__ == "__main__":
    main()
