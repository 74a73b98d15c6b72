"""Restart and Run All in Jupyter, with a warm cache: each article notebook in a fresh kernel.

    python benchmarks/notebook_speed.py [ARTICLE]

The article is analysed once first (the disk cache then holds its tables, as after any earlier
run); then every article notebook runs top to bottom in a new kernel, as Jupyter's "Restart
Kernel and Run All Cells" does, and the time from kernel start to the last cell is printed.
Goal (issue 14): at most 3 s per notebook.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from nbclient import NotebookClient
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("article", nargs="?", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["NEWSLENS_CACHE_DIR"] = cache
        from newslens.article import load_article
        from newslens.batch import analyse
        from newslens.paths import FIRST_ARTICLE, NOTEBOOKS_DIR

        article = Path(args.article or FIRST_ARTICLE).resolve()
        analyse([load_article(article)], progress=False)
        print(f"{'notebook':32} {'seconds':>8}")
        for book in sorted(NOTEBOOKS_DIR.glob("0[0-6]-*.ipynb")):
            nb = parameterize_notebook(load_notebook_node(str(book)), {"ARTICLE": str(article)})
            start = time.perf_counter()
            NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
            elapsed = time.perf_counter() - start
            assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"], book.name
            print(f"{book.name:32} {elapsed:8.1f}", flush=True)


if __name__ == "__main__":
    main()
