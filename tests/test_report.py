"""The main job: newslens report writes the executed notebooks, HTML, figures and tables, atomically."""

from __future__ import annotations

import shutil

import nbformat
import pytest

import newslens.report as report_module
from newslens import ArticleError
from newslens.cli import main
from newslens.entities import NUMERIC_LABELS
from newslens.paths import FIRST_ARTICLE, NOTEBOOKS_DIR
from newslens.report import notebooks, run_report

ERROR_MARKERS = ("Traceback (most recent call last)",
                 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"')


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "reports"
    assert main(["report", str(FIRST_ARTICLE), "--out", str(out), "--no-progress", "--timeout", "180", "--svg"]) == 0
    return out


def test_report_writes_every_file(report):
    article = report / "fakti-2024-11-24-moscow-tokyo"
    assert (report / "index.html").is_file()
    assert not (report / "corpus").exists()  # one article: no corpus report
    for book in [b for b in notebooks() if b.name != "07-corpus-overview.ipynb"]:
        assert (article / book.name).is_file()
        html = (article / f"{book.stem}.html").read_text(encoding="utf-8")
        assert not any(marker in html for marker in ERROR_MARKERS), book.name
        nb = nbformat.read(article / book.name, as_version=4)
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    pngs = sorted((article / "figures").glob("*.png"))
    svgs = sorted((article / "figures").glob("*.svg"))
    assert len(pngs) >= 15 and {p.stem for p in pngs} == {s.stem for s in svgs}  # --svg: both
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    by_title = {"00-statements-per-speaker", "02-top-words-by-part", "01-words-per-paragraph-fakti-2024-11-24-moscow-tokyo"}
    assert by_title <= {p.stem for p in pngs}
    csvs = sorted((article / "tables").glob("*.csv"))
    assert len(csvs) >= 10
    assert {"00-key-numbers", "05-quotes", "02-collocations", "03-entity-summary"} <= {p.stem for p in csvs}
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "fakti-2024-11-24-moscow-tokyo/00-overview.html" in index
    assert "<h2>Moscow: We will respond sharply to Tokyo&#x27;s hostile steps</h2>" in index and "Fakti · 24 Nov 2024" in index


def test_report_tables_hold_the_data(report):
    tables = report / "fakti-2024-11-24-moscow-tokyo" / "tables"
    import pandas as pd

    key = pd.read_csv(tables / "00-key-numbers.csv")
    assert "Body sentences" in key["measure"].tolist()
    assert "\nBody words,277,words as a reader counts them," in (tables / "00-key-numbers.csv").read_text(encoding="utf-8")
    quotes = pd.read_csv(tables / "05-quotes.csv")
    assert len(quotes) == 10 and quotes["speaker"].tolist()[:2] == ["Andrei Rudenko", "Andrei Rudenko"]
    entities = pd.read_csv(tables / "03-entity-summary.csv")
    assert len(entities) and not entities["label"].isin(NUMERIC_LABELS).any()  # names only: no date among them


def test_pages_link_the_figure_files_instead_of_embedding_them_again(report):
    folder = report / "fakti-2024-11-24-moscow-tokyo"
    page = (folder / "00-overview.html").read_text(encoding="utf-8")
    nb = nbformat.read(folder / "00-overview.ipynb", as_version=4)
    pngs = [o["data"]["image/png"] for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(pngs) >= 3 and not any(png.strip()[:200] in page for png in pngs)  # no figure embedded again
    assert 'src="figures/00-statements-per-speaker.png"' in page


def test_links_between_notebooks_point_at_pages(report):
    html = (report / "fakti-2024-11-24-moscow-tokyo" / "00-overview.html").read_text(encoding="utf-8")
    assert 'href="02-word-frequencies.html"' in html and ".ipynb\"" not in html


def test_failure_is_atomic_and_names_notebook_and_cell(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "keep.txt").write_text("previous report", encoding="utf-8")
    (out / report_module.MARKER).write_text("", encoding="utf-8")  # a report newslens wrote before
    broken_dir = tmp_path / "notebooks"
    broken_dir.mkdir()
    nb = nbformat.read(NOTEBOOKS_DIR / "01-load-and-tokenize.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('boom')"))
    nbformat.write(nb, broken_dir / "01-broken.ipynb")
    shutil.copy(NOTEBOOKS_DIR / "00-overview.ipynb", broken_dir / "00-overview.ipynb")
    with pytest.raises(ArticleError, match=r"notebook 01-broken\.ipynb failed in cell \d+ \(RuntimeError: boom\)"):
        run_report([FIRST_ARTICLE], out=out, notebook_paths=sorted(broken_dir.glob("*.ipynb")), progress=False)
    assert sorted(p.name for p in out.iterdir()) == [report_module.MARKER, "keep.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reports-")]


def test_bad_article_fails_before_any_work(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and err.count("\n") == 1
    assert not (tmp_path / "r").exists()


def test_a_cell_that_times_out_gets_one_more_run_then_a_clear_error(tmp_path, monkeypatch):
    from nbclient.exceptions import CellTimeoutError

    import newslens.report as report_module

    calls = []

    def stuck(kernel, nb, timeout):
        calls.append(1)
        raise CellTimeoutError("cell timed out")

    monkeypatch.setattr(report_module, "_execute", stuck)
    with pytest.raises(ArticleError, match=r"over 5 s, twice.*--timeout"):
        run_report([FIRST_ARTICLE], out=tmp_path / "r", notebook_paths=notebooks()[:1], progress=False, timeout=5)
    assert len(calls) == 2 and not (tmp_path / "r").exists()


def test_a_notebook_that_timed_out_once_is_reported_from_its_second_run(tmp_path, monkeypatch):
    from nbclient.exceptions import CellTimeoutError

    import newslens.report as report_module

    real, runs = report_module._execute, []

    def stuck_once(kernel, nb, timeout):
        runs.append(kernel.km.kernel_id)
        if len(runs) == 1:
            raise CellTimeoutError("cell timed out")
        real(kernel, nb, timeout)

    monkeypatch.setattr(report_module, "_execute", stuck_once)
    index = run_report([FIRST_ARTICLE], out=tmp_path / "r", notebook_paths=notebooks()[:1], progress=False)
    assert len(runs) == 2 and runs[0] != runs[1]  # the second run is in a fresh kernel
    assert (index.parent / "fakti-2024-11-24-moscow-tokyo" / "00-overview.html").is_file()


@pytest.mark.parametrize("where", [".", "folder", "file"])
def test_out_that_newslens_did_not_write_is_never_replaced(tmp_path, monkeypatch, capsys, where):
    monkeypatch.setattr(report_module, "_run_all", lambda *args, **kwargs: {})  # no notebook needs to run
    user = tmp_path / "p"
    user.mkdir()
    (user / "thesis.docx").write_text("a year of work", encoding="utf-8")
    monkeypatch.chdir(user)
    out = {".": ".", "folder": str(user), "file": str(user / "thesis.docx")}[where]
    assert main(["report", str(FIRST_ARTICLE), "--out", out, "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out" in err and "Fix:" in err
    assert (user / "thesis.docx").read_text(encoding="utf-8") == "a year of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]  # no temporary folder left behind


def test_a_report_newslens_wrote_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "_run_all", lambda *args, **kwargs: {})
    out = tmp_path / "reports"
    out.mkdir()  # an empty folder is fine too
    run_report([FIRST_ARTICLE], out=out, notebook_paths=notebooks()[:1], progress=False)
    (out / "stale.txt").write_text("from the last run", encoding="utf-8")
    run_report([FIRST_ARTICLE], out=out, notebook_paths=notebooks()[:1], progress=False)
    assert (out / report_module.MARKER).is_file() and (out / "index.html").is_file()
    assert not (out / "stale.txt").exists()
