"""The main job: run every notebook headless for each article and write a browsable report.

For each article, every article notebook in ``notebooks/`` (those with an ``ARTICLE`` parameter)
is executed headless (papermill injects the parameters, nbclient runs the cells), then written as
the executed notebook, an HTML page, every figure as PNG and SVG, and every table as CSV. Given a
corpus (a folder, a glob, or a CSV/JSONL file), the corpus notebooks (only a ``CORPUS``
parameter) run once for the whole corpus into ``corpus/``, the article notebooks run for each of
its files with ``CORPUS`` set where they take it, and files that cannot be read are listed in
the index. An ``index.html`` links everything.

The report is written atomically: it is built in a temporary folder beside ``out`` and moved
into place only when every notebook has run; a failure leaves ``out`` as it was and raises
:class:`~newslens.errors.ArticleError` naming the article, the notebook and the cell.
"""

from __future__ import annotations

import base64
import copy
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from glob import glob
from html import escape
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
from jinja2 import DictLoader
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from tqdm.auto import tqdm

from newslens import cache
from newslens.article import load_article
from newslens.corpus import Corpus, article_files, load_corpus
from newslens.errors import ArticleError, InvalidArgument
from newslens.io import is_corpus_source
from newslens.paths import NOTEBOOKS_DIR
from newslens.runner import FIGURE_MIME, TABLE_MIME, WarmKernel, default_kernels, run_jobs

__all__ = ["notebooks", "run_report"]


MARKER = ".newslens-report"
"""The file newslens writes into every report folder: only a folder holding it is ever replaced."""


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
    svg: bool = False,
    compare: str | Path | None = None,
) -> Path:
    """Run every notebook for every article (and, for a corpus, once for the corpus) and write the report.

    Args:
        paths: Article files, or one corpus: a folder, a glob, or a ``.csv``/``.jsonl`` file
            (a CSV/JSONL corpus has no article files, so only its corpus report is written).
        out: The report folder (replaced as a whole when the run succeeds).
        notebook_paths: The notebooks to run (default: all numbered notebooks).
        progress: Show a progress bar on standard error.
        timeout: Seconds one cell may run.
        svg: Also save every figure as SVG (PNG always).
        compare: The articles each article is compared with (a folder, glob or CSV/JSONL file)
            in the notebooks that compare (their ``CORPUS``). By default, a folder's articles are
            each compared with the rest of the folder, several files with the others given, and
            one file with the notebooks' own default (the project's ``data/articles/``).

    Returns:
        The path of the report's ``index.html``.

    Raises:
        ArticleError: An article file given by name cannot be read, a corpus holds no article,
            or a notebook fails (the message names the article, the notebook and the cell).

    Example:
        >>> run_report(["data/articles/fakti-2024-11-24-moscow-tokyo.txt"], out="reports")  # doctest: +SKIP
        >>> run_report(["data/articles"], out="reports")  # doctest: +SKIP
    """
    if not paths:
        raise InvalidArgument("paths=[]: no article given. Fix: pass one or more article files, or a folder.")
    books = list(notebook_paths) if notebook_paths is not None else notebooks()
    names = {book: _parameters(book) for book in books}
    corpus_books = [b for b in books if "CORPUS" in names[b] and "ARTICLE" not in names[b]]
    article_books = [b for b in books if b not in corpus_books]
    corpus, errors = None, []
    if len(paths) == 1 and is_corpus_source(paths[0]):
        corpus, articles, errors, loaded = _corpus_articles(paths[0])
    else:
        loaded = [load_article(p) for p in paths]  # fail early on a bad file
        articles = [(Path(p).resolve(), article.id) for article, p in zip(loaded, paths)]
    if corpus is None and len(articles) > 1:
        corpus = [str(path) for path, _ in articles]  # several files: the corpus report covers them
    if compare and not glob(_absolute(compare)):
        raise InvalidArgument(f"--compare {compare}: matches no file or folder. Fix: give a folder, a glob or a "
                              ".csv/.jsonl file of articles to compare with.")
    against = _absolute(compare) if compare else corpus  # each article against the rest (the notebooks leave it out)
    also = {book: {"CORPUS": against} if against and "CORPUS" in names[book] else {} for book in article_books}
    jobs = [(article_id, book, {"ARTICLE": str(path), **also[book]}) for path, article_id in articles for book in article_books]
    if corpus is not None:
        jobs += [("corpus", book, {"CORPUS": corpus}) for book in corpus_books]
    out = Path(out).resolve()
    check_out(out)
    if cache.enabled():  # every article analysed once, on the corpus engine: the notebooks then read the disk cache
        Corpus(loaded).analyse(progress=progress)
    work = _work_folder(out)
    try:
        figures = _run_all(jobs, work, progress=progress, timeout=timeout, svg=svg, n_articles=len(articles))
        _write_index(work, jobs, errors, {a.id: (_index_title(a), a.metadata) for a in loaded}, figures)
        _write_stylesheet(work)
        (work / MARKER).write_text("Written by newslens report; the folder is replaced by the next report.\n",
                                   encoding="utf-8")
        (work / _WORK).unlink()
        check_out(out)  # again: the folder may have changed while the notebooks ran
        _swap_into_place(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out / "index.html"


def check_out(out: Path) -> None:
    """Refuse an ``--out`` whose contents newslens did not write (the report replaces the folder
    whole), or that cannot be written: checked before any notebook runs.

    Raises:
        InvalidArgument: ``out`` is a file, a folder that holds anything but a newslens report, or
            a place newslens cannot write to.
    """
    if out.exists() and not out.is_dir():
        raise InvalidArgument(f"--out {out}: is a file, and a report is a folder. Fix: give a new folder's path.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise InvalidArgument(
            f"--out {out}: the folder holds files newslens did not write, and a report replaces its folder whole. "
            "Fix: give a new or empty folder, such as --out reports/."
        )
    parent = next((p for p in (out, *out.parents) if p.exists()), None)
    writable = parent is not None and os.access(parent, os.W_OK | os.X_OK)
    if out.is_dir():  # replacing it: its parent takes the new folder, and the old one's files are removed
        writable = writable and os.access(out.parent, os.W_OK | os.X_OK) and _removable(out)
    if not writable:
        raise InvalidArgument(f"--out {out}: newslens cannot write there (permission denied). "
                              "Fix: choose a folder you can write to, such as --out reports/ in your own folder.")


def _removable(folder: Path) -> bool:
    return all(os.access(d, os.W_OK | os.X_OK) for d in (folder, *(p for p in folder.rglob("*") if p.is_dir())))


_WORK = ".newslens-work"
"""The file in a report being built, holding the builder's process id (see :func:`_work_folder`)."""


def _work_folder(out: Path) -> Path:
    """A new temporary folder beside ``out`` to build the report in; folders a killed run left
    there (its process is gone) are removed first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}-*"):
        if stale.is_dir() and not _alive(_builder(stale, out.name)):
            shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    (work / _WORK).write_text(str(os.getpid()), encoding="utf-8")
    return work


def _builder(folder: Path, name: str) -> int:
    """The process that made ``folder``, if newslens made it: a report being built holds
    :data:`_WORK` with its pid; a previous report set aside is named ``.NAME-old-PID`` and holds
    :data:`MARKER`. Anything else (a user's ``.reports-backup``, say) gets -1, "still in use", and is kept."""
    if (folder / _WORK).is_file():
        text = (folder / _WORK).read_text(encoding="utf-8", errors="replace").strip()
        return int(text) if text.isdigit() else -1
    pid = folder.name.removeprefix(f".{name}-old-")
    return int(pid) if pid != folder.name and pid.isdigit() and (folder / MARKER).is_file() else -1


def _alive(pid: int) -> bool:
    if pid < 0:
        return True  # not newslens's: never removed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _corpus_articles(source: str | Path) -> tuple[str, list[tuple[Path, str]], list[dict[str, str]], list[Any]]:
    corpus = load_corpus(source)
    if not len(corpus):
        raise ArticleError(f"{source}: no article could be read ({len(corpus.errors)} files failed). "
                           "Fix: check the files listed by `newslens info` on that folder.")
    ids = {a.metadata.source: a.id for a in corpus}
    resolved = _absolute(source)
    if Path(resolved).is_file():  # CSV/JSONL: no article files to run the article notebooks on
        return resolved, [], corpus.errors.to_dict("records"), list(corpus)
    articles = [(p.resolve(), ids[str(p)]) for p in article_files(source) if str(p) in ids]
    return resolved, articles, corpus.errors.to_dict("records"), list(corpus)


def _absolute(source: str | Path) -> str:
    """A source as the kernels must see it (they run in ``notebooks/``): a path, or a glob, made absolute."""
    path = Path(str(source))
    return str(path.resolve() if path.exists() else path.absolute())


def _parameters(book: Path) -> set[str]:
    """The names the notebook's ``parameters`` cell assigns."""
    nb = nbformat.read(book, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return set()
    return {line.split("=")[0].strip() for line in cell.source.splitlines()
            if "=" in line and line.split("=")[0].strip().isidentifier()}


def _run_all(jobs, work: Path, *, progress: bool, timeout: int, svg: bool, n_articles: int) -> dict[tuple, int]:
    """Run every job on warm kernels, one per core (:mod:`newslens.runner`), with a progress bar
    that counts notebooks and articles and names the article running; return the number of
    figures of each (folder, notebook)."""
    figures: dict[tuple, int] = {}
    ipython_dir = work / ".ipython"
    (ipython_dir / "profile_default").mkdir(parents=True)
    formats = "{'png', 'svg'}" if svg else "{'png'}"
    (ipython_dir / "profile_default" / "ipython_kernel_config.py").write_text(
        f"c.InlineBackend.figure_formats = {formats}\nc.InlineBackend.rc = {{}}\n"
        # newslens's code never changes while a report runs: autoreload need not scan every module before each cell
        "c.InteractiveShellApp.exec_lines = ['import IPython.extensions.autoreload as _a; "
        "_a.ModuleReloader.check = lambda self, *args, **kwargs: None; del _a', "
        "'%matplotlib inline', 'import newslens.runner as _r; _r.install_formatters(); del _r']\n", encoding="utf-8")
    env = {**os.environ, "IPYTHONDIR": str(ipython_dir)}
    desc = f"newslens report ({n_articles} article{'s' if n_articles != 1 else ''})"
    bar = tqdm(total=len(jobs), desc=desc, unit="notebook", disable=not progress)

    def done(job) -> None:
        bar.set_postfix_str(f"{job[0]} {job[1].stem}", refresh=False)
        bar.update(1)

    try:
        run_jobs(jobs, lambda kernel, job: figures.__setitem__(
                     (job[0], job[1].name), _run_one(kernel, job[2], job[1], work / job[0], timeout=timeout)),
                 kernels=default_kernels(), cwd=jobs[0][1].parent if jobs else NOTEBOOKS_DIR, env=env,
                 log_dir=ipython_dir, done=done)
    finally:
        bar.close()
        shutil.rmtree(ipython_dir, ignore_errors=True)
    return figures


def _run_one(kernel: WarmKernel, params: dict[str, Any], book: Path, target: Path, *, timeout: int) -> int:
    """Inject the parameters with papermill and run the notebook on a warm kernel (papermill's own
    client can hang waiting for a kernel reply that never comes: nteract/papermill#711).

    A cell that runs over ``timeout`` gets one more chance, the whole notebook in a fresh kernel,
    before the report fails."""
    target.mkdir(parents=True, exist_ok=True)
    what = params.get("ARTICLE") or params.get("CORPUS")
    name = "ARTICLE" if "ARTICLE" in params else "CORPUS"
    for attempt in (1, 2):
        nb = _parameterized(book, params)
        try:
            _execute(kernel, nb, timeout)
            _check_outputs(nb, book, what, name)
            break
        except CellTimeoutError:
            if attempt == 2:
                raise ArticleError(
                    f"{what}: notebook {book.name} had a cell run over {timeout} s, twice. "
                    "Fix: run `newslens report` with a larger --timeout, or a smaller corpus."
                ) from None
            kernel.restart()
        except CellExecutionError as exc:
            cell = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                         if o.get("output_type") == "error"), None)
            raise ArticleError(
                f"{what}: notebook {book.name} failed in cell {cell} ({exc.ename}: {exc.evalue}). "
                f"Fix: open {book.name} in Jupyter with {name} set to this and run it to see the traceback."
            ) from None
    nbformat.write(nb, target / book.name)
    linked = _export_outputs(nb, book.stem, target)
    _export_html(nb, target / f"{book.stem}.html", linked)
    return len(linked)


def _execute(kernel: WarmKernel, nb: Any, timeout: int) -> None:
    kernel.execute(nb, timeout=timeout)


def _check_outputs(nb: Any, book: Path, what: str, name: str) -> None:
    """A cell that ran but shows an error (a figure that failed to draw, say) fails the report too."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ArticleError(
                    f"{what}: notebook {book.name} shows an error in cell {index} "
                    f"({output.get('ename')}: {output.get('evalue')}). "
                    f"Fix: open {book.name} in Jupyter with {name} set to this and run it to see the traceback."
                )


def _parameterized(book: Path, params: dict[str, Any]) -> Any:
    return parameterize_notebook(load_notebook_node(str(book)), params)


def _export_outputs(nb, stem: str, target: Path) -> dict[str, str]:
    """Every figure as PNG (and SVG when drawn), every table as CSV, named by the notebook's number
    and what they show: a figure by its chart's title, a table by the analysis that made it, else
    by the section's heading ("00-statements-per-speaker.png", "02-collocations.csv"). Tables are
    written from the whole DataFrame the kernel displayed, never scraped back from its (shortened) HTML.

    Returns:
        The figure files by their PNG data (base64), for the HTML page to link instead of embed.
    """
    figures, tables = target / "figures", target / "tables"
    number = stem.split("-", 1)[0]  # "02": files of one notebook together, and named the same in every run
    taken: set[str] = set()
    linked: dict[str, str] = {}
    heading = stem.split("-", 1)[-1]  # before the first heading: the notebook's name ("compare-articles")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((re.sub(r"^\d+\s*·\s*", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.lstrip("#")).strip())
                            for line in cell.source.splitlines() if line.startswith("#")), heading)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                title = (data.get(FIGURE_MIME) or {}).get("title") or heading
                name = _unique(f"{number}-{_slug(title)}", taken)
                figures.mkdir(exist_ok=True)
                png = "".join(data["image/png"]) if isinstance(data["image/png"], list) else data["image/png"]
                (figures / f"{name}.png").write_bytes(base64.b64decode(png))
                linked[png.strip()] = f"figures/{name}.png"
                if "image/svg+xml" in data:
                    svg = data["image/svg+xml"]
                    (figures / f"{name}.svg").write_text("".join(svg) if isinstance(svg, list) else svg, encoding="utf-8")
            if TABLE_MIME in data:
                split = data[TABLE_MIME]["split"]  # values as the kernel had them: 277 stays 277, not 277.0
                table = pd.DataFrame(split["data"], columns=split["columns"], dtype=object)
                name = _unique(f"{number}-{_slug(data[TABLE_MIME].get('name') or heading)}", taken)
                tables.mkdir(exist_ok=True)
                table.to_csv(tables / f"{name}.csv", index=False)
    return linked


def _slug(text: str) -> str:
    """A file name from a title: "Top 15 words (stopwords removed)" -> "top-15-words-stopwords-removed"."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-")
    return slug or "untitled"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
"""JupyterLab's page, self-contained: no script from a CDN (require.js, MathJax, Mermaid, the
widget renderer), so a reader offline gets the whole page, their browser calls out to nobody, and
a dollar sign in an article is never typeset as maths."""

STYLESHEET = "notebook.css"

_PAGE_TEMPLATE = _TEMPLATE + f"""{{%- block notebook_css -%}}
<link rel="stylesheet" href="../{STYLESHEET}">
{{%- endblock notebook_css -%}}
"""
"""A report's page: JupyterLab's stylesheet (about 250 kB) is one file at the report's top,
:data:`STYLESHEET`, linked by every page (each page is one folder down), not copied into each."""


def _exporter(template: str) -> HTMLExporter:
    return HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"newslens.html.j2": template})],
                        template_file="newslens.html.j2")


def _write_stylesheet(work: Path) -> None:
    """JupyterLab's page style, once for the whole report: the styles of an empty notebook's page."""
    page, _ = _exporter(_TEMPLATE).from_notebook_node(nbformat.v4.new_notebook())
    head = page.split("</head>", 1)[0]
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", head, flags=re.S))
    (work / STYLESHEET).write_text(css, encoding="utf-8")


def _export_html(nb, target: Path, linked: dict[str, str] | None = None) -> None:
    """The notebook as a page; figures saved as files are linked, not embedded a second time."""
    exporter = _exporter(_PAGE_TEMPLATE)
    page = copy.deepcopy(nb)  # the page shows the PNG (linked below); an SVG, when asked for, is only a file
    for cell in page.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                output["data"].pop("image/svg+xml", None)
    body, _ = exporter.from_notebook_node(page)
    body = body.replace('.ipynb"', '.html"')  # links between notebooks point at their pages
    for data, path in (linked or {}).items():
        body = body.replace(f"data:image/png;base64,{data}", path)
    target.write_text(body, encoding="utf-8")


def _index_title(article: Any, *, words: int = 12) -> str:
    """What the index calls an article: its headline, else the opening words of its text in
    quotation marks (a plain text has no headline newslens could tell apart)."""
    if article.metadata.headline:
        return article.metadata.headline
    opening = article.text.strip().split("\n", 1)[0].split()
    return "“" + " ".join(opening[:words]) + ("…”" if len(opening) > words else "”") if opening else article.id


def _figures(n: int) -> str:
    return f"{n} figure{'s' if n != 1 else ''}"


def _write_index(work: Path, jobs, errors: list[dict[str, str]], metadata: dict[str, Any],
                 figures: dict[tuple, int]) -> None:
    """The report's front page: the corpus report first, then each article by headline, with its
    outlet and date, and the files that could not be read."""
    sections: dict[str, list[str]] = {}
    for folder, book, _ in jobs:
        sections.setdefault(folder, []).append(
            f'<li><a href="{escape(folder)}/{escape(book.stem)}.html">{escape(book.stem)}</a> '
            f'(<a href="{escape(folder)}/{escape(book.name)}">notebook</a>, {_figures(figures.get((folder, book.name), 0))})</li>'
        )

    def heading(name: str) -> str:
        if name == "corpus":
            return "<h2>The corpus</h2>"
        headline, meta = metadata.get(name, (None, None))
        headline = headline or name
        when = getattr(meta, "published", None)
        line = " · ".join(x for x in (getattr(meta, "outlet", None), when.strftime("%d %b %Y") if when else None,
                                      name if headline != name else None) if x)
        return f"<h2>{escape(headline)}</h2>" + (f"<p class='meta'>{escape(line)}</p>" if line else "")

    def order(name: str) -> tuple:
        headline, _ = metadata.get(name, (None, None))
        return (name != "corpus", str(headline or name).lstrip("“").lower(), name)

    items = [f"<section>{heading(name)}<ul>{''.join(sections[name])}</ul></section>" for name in sorted(sections, key=order)]
    if errors:
        rows = "".join(f"<li><code>{escape(str(e['file']))}</code>: {escape(str(e['problem']))}</li>" for e in errors)
        items.append(f"<section><h2>Files that could not be read</h2><ul>{rows}</ul></section>")
    n_articles = len([name for name in sections if name != "corpus"])
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>newslens report</title>"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        ".meta{color:#666;margin-top:-0.6em}</style></head>"
        f"<body><h1>newslens report</h1><p>{n_articles} article{'s' if n_articles != 1 else ''}"
        f"{', and the corpus' if 'corpus' in sections else ''}"
        f"{f'; {len(errors)} file(s) could not be read' if errors else ''}. "
        "Figures are in each folder's <code>figures/</code> (PNG; SVG with <code>--svg</code>), tables in "
        "<code>tables/</code> (CSV, every row), each named by what it shows.</p>"
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
