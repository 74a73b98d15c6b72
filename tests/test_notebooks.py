"""Every notebook runs top to bottom (nbclient, from the notebooks folder) on two articles of different
layouts, every chart cell draws a chart, and no notebook is committed with outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import newslens
from newslens.paths import FIRST_ARTICLE, NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
CORPUS_NOTEBOOKS = [p for p in NOTEBOOKS if p.name == "07-corpus-overview.ipynb"]
ARTICLE_NOTEBOOKS = [p for p in NOTEBOOKS if p not in CORPUS_NOTEBOOKS]
SECOND_ARTICLE = Path(__file__).parent / "data" / "harbour-strike-headline-layout.txt"
ARTICLES = {
    "fakti": FIRST_ARTICLE,
    "headline-layout": SECOND_ARTICLE,
    "punctuation-only": Path(__file__).parent / "data" / "punctuation-only.txt",  # no word to count
    "dollar-signs": Path(__file__).parent / "data" / "budget_$5_bn_vs_$6_bn.txt",  # labels that look like maths
    "html-page": Path(__file__).parent / "data" / "council-vote-page.html",  # another subject, from a web page
}
FIRST_ARTICLE_ONLY = ("Tokyo", "Moscow", "Japan", "Russia", "Rudenko", "Iwaya", "sanction", "NHK", "Korea",
                      "diplomatic", "Wikinews", "Kremlin", "Zakharova")
"""Words of the first article (and of the comparison sample it was first read against) that the
notebooks' own prose must not use: it is read beside every other article's charts."""


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05", "06", "07"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} holds outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_structure(path: Path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert "**Question:**" in nb.cells[0].source
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    default = 'CORPUS = "../data/articles"' if path in CORPUS_NOTEBOOKS else \
        'ARTICLE = "../data/articles/fakti-2024-11-24-moscow-tokyo.txt"'
    assert len(tagged) == 1 and default in tagged[0].source
    assert "%autoreload 2" in nb.cells[1].source
    prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not [w for w in FIRST_ARTICLE_ONLY if w.lower() in prose.lower()], "prose written for the first article"
    assert not any("sys.path" in c.source or "plt.show" in c.source for c in nb.cells if c.cell_type == "code")


def execute(path: Path, article: Path, *, name: str = "ARTICLE"):
    nb = nbformat.read(path, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", []))
    params.source += f"\n{name} = {str(article)!r}"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    return nb


@pytest.mark.notebook
@pytest.mark.parametrize("article", ARTICLES.values(), ids=ARTICLES.keys())
@pytest.mark.parametrize("path", ARTICLE_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path: Path, article: Path):
    nb = check_ran(execute(path, article))
    check_prose_names_only_the_article(nb, newslens.load_article(article).text)


def check_prose_names_only_the_article(nb, text: str) -> None:
    """Every word or name a computed sentence of interpretation quotes (in italics) is in the article."""
    said = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "text/markdown" in o.get("data", {})]
    words = text.lower()
    for sentence in said:
        for quoted in re.findall(r"(?<!\\)\*([^*]+?)(?<!\\)\*", sentence):
            for word in quoted.replace("\\", "").lower().split():
                assert word.strip(".,;:()") in words, f"{word!r} is not in the article: {sentence}"


@pytest.mark.notebook
@pytest.mark.parametrize("path", CORPUS_NOTEBOOKS, ids=lambda p: p.name)
def test_corpus_notebook_runs_on_a_folder_with_a_broken_file(path: Path, folder: Path):
    nb = check_ran(execute(path, folder, name="CORPUS"))
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "4 articles analysed, 1 files could not be read" in printed


def conditional(cell) -> bool:
    """A cell whose chart is drawn under an ``if`` (only when there is something to compare with)."""
    return any(line.startswith("if ") and "plots.plot_" in cell.source for line in cell.source.splitlines())


def check_ran(nb):
    outputs = [(c, o) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for _, o in outputs if o.output_type == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    stderr = [o.text for _, o in outputs if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text]
    assert not stderr
    for cell in nb.cells:
        # a widget cell draws into its widget, which only a live front end shows (the JupyterLab test checks it)
        if cell.cell_type == "code" and "plots.plot_" in cell.source and "widgets." not in cell.source:
            drawn = any("image/png" in o.get("data", {}) for o in cell.outputs)
            # a chart drawn only when there is something to compare says why it is not there instead
            said = conditional(cell) and any(
                "There are no" in o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
            assert drawn or said, f"no chart from: {cell.source[:60]}"
    return nb
