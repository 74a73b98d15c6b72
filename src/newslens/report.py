"""The main job: run every notebook headless for each article and write a browsable report.

For each article, every notebook in ``notebooks/`` is executed headless (papermill injects the
``ARTICLE`` parameter, nbclient runs the cells), then written as the executed notebook, an HTML page,
every figure as PNG and SVG, and every table as CSV. An ``index.html`` links everything.

The report is written atomically: it is built in a temporary folder beside ``out`` and moved
into place only when every notebook has run; a failure leaves ``out`` as it was and raises
:class:`~newslens.errors.ArticleError` naming the article, the notebook and the cell.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from collections.abc import Sequence
from html import escape
from io import StringIO
from pathlib import Path

from newslens.errors import ArticleError
from newslens.paths import NOTEBOOKS_DIR

__all__ = ["notebooks", "run_report"]

_KERNEL_CONFIG = "c.InlineBackend.figure_formats = {'png', 'svg'}\nc.InlineBackend.rc = {}\n"


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def run_report(
    paths: Sequence[str | Path],
    *,
    out: str | Path = "reports",
    notebook_paths: Sequence[Path] | None = None,
    progress: bool = True,
    timeout: int = 600,
) -> Path:
    """Run every notebook for every article and write the report to ``out``.

    Args:
        paths: Article files.
        out: The report folder (replaced as a whole when the run succeeds).
        notebook_paths: The notebooks to run (default: all numbered notebooks).
        progress: Show a progress bar on standard error.
        timeout: Seconds one cell may run.

    Returns:
        The path of the report's ``index.html``.

    Raises:
        ArticleError: An article cannot be read, or a notebook fails (the message names the
            article, the notebook and the cell).

    Example:
        >>> run_report(["data/articles/fakti-2024-11-24-moscow-tokyo.txt"], out="reports")  # doctest: +SKIP
    """
    from newslens.article import load_article

    if not paths:
        raise ArticleError("paths=[]: no article given. Fix: pass one or more article files.")
    books = list(notebook_paths) if notebook_paths is not None else notebooks()
    articles = [(Path(p).resolve(), load_article(p).id) for p in paths]  # fail early on a bad file
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        _run_all(articles, books, work, progress=progress, timeout=timeout)
        _write_index(work, articles, books)
        _swap_into_place(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out / "index.html"


def _run_all(articles, books, work: Path, *, progress: bool, timeout: int) -> None:
    from tqdm.auto import tqdm

    ipython_dir = work / ".ipython"
    (ipython_dir / "profile_default").mkdir(parents=True)
    (ipython_dir / "profile_default" / "ipython_kernel_config.py").write_text(_KERNEL_CONFIG, encoding="utf-8")
    old = os.environ.get("IPYTHONDIR")
    os.environ["IPYTHONDIR"] = str(ipython_dir)
    try:
        jobs = [(a, b) for a in articles for b in books]
        for (path, article_id), book in tqdm(jobs, desc="newslens report", unit="notebook", disable=not progress):
            _run_one(path, article_id, book, work / article_id, timeout=timeout)
    finally:
        if old is None:
            os.environ.pop("IPYTHONDIR", None)
        else:
            os.environ["IPYTHONDIR"] = old
        shutil.rmtree(ipython_dir, ignore_errors=True)


def _run_one(path: Path, article_id: str, book: Path, target: Path, *, timeout: int) -> None:
    """Inject the parameters with papermill and execute with nbclient (papermill's own client can hang
    waiting for a kernel reply that never comes: nteract/papermill#711)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    target.mkdir(parents=True, exist_ok=True)
    nb = parameterize_notebook(load_notebook_node(str(book)), {"ARTICLE": str(path)})
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(book.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        cell = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", []) if o.get("output_type") == "error"),
                    None)
        raise ArticleError(
            f"{path}: notebook {book.name} failed in cell {cell} ({exc.ename}: {exc.evalue}). "
            f"Fix: open {book.name} in Jupyter with ARTICLE set to this file and run it to see the traceback."
        ) from None
    nbformat.write(nb, target / book.name)
    _export_outputs(nb, book.stem, target)
    _export_html(nb, target / f"{book.stem}.html")


def _export_outputs(nb, stem: str, target: Path) -> None:
    """Every figure as PNG and SVG, every table as CSV."""
    import pandas as pd

    figures, tables = target / "figures", target / "tables"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        n_fig = n_tab = 0
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                n_fig += 1
                figures.mkdir(exist_ok=True)
                name = f"{stem}-cell{index:02d}-{n_fig}"
                (figures / f"{name}.png").write_bytes(base64.b64decode(data["image/png"]))
                if "image/svg+xml" in data:
                    svg = data["image/svg+xml"]
                    (figures / f"{name}.svg").write_text("".join(svg) if isinstance(svg, list) else svg, encoding="utf-8")
            html = data.get("text/html")
            if html and "<table" in ("".join(html) if isinstance(html, list) else html) and "dataframe" in str(html):
                for table in pd.read_html(StringIO("".join(html) if isinstance(html, list) else html)):
                    n_tab += 1
                    tables.mkdir(exist_ok=True)
                    table.to_csv(tables / f"{stem}-cell{index:02d}-{n_tab}.csv", index=False)


def _export_html(nb, target: Path) -> None:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    body = body.replace('.ipynb"', '.html"')  # links between notebooks point at their pages
    target.write_text(body, encoding="utf-8")


def _write_index(work: Path, articles, books) -> None:
    items = []
    for _, article_id in articles:
        links = []
        for book in books:
            figures = sorted((work / article_id / "figures").glob(f"{book.stem}-*.png"))
            links.append(
                f'<li><a href="{escape(article_id)}/{escape(book.stem)}.html">{escape(book.stem)}</a> '
                f'(<a href="{escape(article_id)}/{escape(book.name)}">notebook</a>, {len(figures)} figures)</li>'
            )
        items.append(f"<section><h2>{escape(article_id)}</h2><ul>{''.join(links)}</ul></section>")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>newslens report</title>"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}</style></head>"
        f"<body><h1>newslens report</h1><p>{len(articles)} article(s), {len(books)} notebook(s) each. "
        "Figures are in each article's <code>figures/</code> (PNG and SVG), tables in <code>tables/</code> (CSV).</p>"
        f"{''.join(items)}</body></html>"
    )
    (work / "index.html").write_text(page, encoding="utf-8")


def _swap_into_place(work: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    work.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
