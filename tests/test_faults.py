"""The faults a hostile or unlucky input finds: each gets one clear line, loses nothing, and never
sinks the other articles (issue 17). Every input here is built by the test."""

from __future__ import annotations

import json
import os
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import nbformat  # noqa: E402

import newslens  # noqa: E402
import newslens.report as report_module  # noqa: E402
from newslens import plots  # noqa: E402
from newslens.cli import main  # noqa: E402
from newslens.corpus import load_corpus  # noqa: E402
from newslens.io import read_text  # noqa: E402
from newslens.paths import FIRST_ARTICLE  # noqa: E402
from newslens.report import notebooks, run_report  # noqa: E402

TEXT = 'Headline\n\n“We will respond,” said Andrei Rudenko. Café owners in Tokyo agreed on Friday.\n'


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# 3. one bad article never sinks the others; alone, it is one line


def test_an_unexpected_failure_is_one_line_naming_the_input(tmp_path, monkeypatch, capsys):
    import newslens.article

    def broken(*args, **kwargs):
        raise RuntimeError("regular expression took too long")

    monkeypatch.setattr(newslens.article, "article_from_raw", broken)
    (tmp_path / "huge.txt").write_text("x" * 1000, encoding="utf-8")
    assert main(["info", str(tmp_path / "huge.txt")]) == 2
    err = one_line(capsys)
    assert "huge.txt: could not be analysed (RuntimeError: regular expression took too long)" in err


def test_a_jsonl_record_with_a_lone_surrogate_is_reported_by_line(tmp_path):
    source = tmp_path / "articles.jsonl"
    lines = [json.dumps({"id": "good", "text": "Rain fell in Porto. The river rose."}),
             "",
             '{"id": "bad", "text": "Broken \\ud800 text here."}',
             "not json",
             json.dumps(["a", "list"]),
             json.dumps({"id": "also-good", "text": "Sun in Oslo. It was warm."})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = load_corpus(source)
    assert corpus.ids == ["good", "also-good"]
    problems = dict(zip(corpus.errors["file"], corpus.errors["problem"]))
    assert set(problems) == {f"{source}:3", f"{source}:4", f"{source}:5"}
    assert "lone surrogate" in problems[f"{source}:3"] and "not JSON" in problems[f"{source}:4"]


# 4. labels from data are drawn as text; a figure that fails fails the report


def test_dollar_signs_in_labels_are_drawn_as_text(tmp_path):
    freq = pd.DataFrame({"term": ["$5 bn", "$6 bn"], "count": [2, 1]})
    ax = plots.plot_top_terms(freq, title="budget_$5_bn_vs_$6_bn")
    written = plots.save_figure(ax, tmp_path / "chart", formats=("png", "svg"))  # mathtext would raise here
    assert all(p.stat().st_size for p in written)
    assert [t.get_text() for t in ax.get_yticklabels()] == [r"\$6 bn", r"\$5 bn"]  # shown as "$6 bn"


def test_an_error_shown_in_a_cell_fails_the_report(tmp_path, monkeypatch):
    def shows_an_error(kernel, nb, timeout):
        nb.cells[-1].outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="bad mathtext", traceback=[])]

    monkeypatch.setattr(report_module, "_execute", shows_an_error)
    with pytest.raises(newslens.ArticleError, match=r"00-overview\.ipynb shows an error in cell \d+ \(ValueError: bad"):
        run_report([FIRST_ARTICLE], out=tmp_path / "r", notebook_paths=notebooks()[:1], progress=False)
    assert not (tmp_path / "r").exists()


# 5. encodings


def test_mostly_valid_utf8_keeps_its_quotes_and_says_what_was_replaced(tmp_path):
    data = bytearray(TEXT.encode("utf-8"))
    data[35] = 0xFF
    data[60] = 0xFE
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = newslens.load_article(path)
    assert article.metadata.encoding == "utf-8, 2 invalid bytes replaced with U+FFFD"
    assert "“We will respond,”" in article.text and article.text.count("\ufffd") == 2
    assert any("2 bytes are not valid UTF-8" in str(w.message) for w in caught)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode(encoding))
    raw = read_text(path)
    assert (raw.text, raw.encoding) == (TEXT, encoding)


def test_latin1_is_not_taken_for_a_mac_code_page(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café était fermé. Où est-il? Déjà vu.".encode("latin-1"))
    assert read_text(path).text == "Le café était fermé. Où est-il? Déjà vu."


# 6. ids are unique within a corpus


def test_the_same_file_name_in_two_folders_gives_two_ids(tmp_path):
    for folder, text in (("a", "Rain in Porto. The river rose."), ("b", "Sun in Oslo. It was warm.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "rain.txt").write_text("Rain again in Porto.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert sorted(corpus.ids) == ["a/story", "b/story", "rain"]
    tables = corpus.analyse(workers=1, progress=False)
    assert tables["sentences"].groupby("article_id").size().to_dict() == {"a/story": 2, "b/story": 2, "rain": 1}


# 8. one line, never a traceback


def test_ctrl_c_and_sigterm_are_one_line(monkeypatch, capsys):
    import newslens.cli as cli

    def interrupted(args):
        raise KeyboardInterrupt

    def terminated(args):
        cli._on_sigterm(15, None)

    for handler, status in ((interrupted, 130), (terminated, 143)):
        monkeypatch.setitem(cli.COMMANDS, "info", (cli.COMMANDS["info"][0], handler, cli.COMMANDS["info"][2]))
        assert main(["info", str(FIRST_ARTICLE)]) == status
        assert "nothing was written" in one_line(capsys)


def test_links_that_loop_or_lead_nowhere(tmp_path, capsys):
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    (tmp_path / "good.txt").write_text("Rain in Porto. The river rose.", encoding="utf-8")
    assert main(["report", str(tmp_path / "loop.txt"), "--out", str(tmp_path / "r")]) == 2
    assert "leads back to itself" in one_line(capsys)
    corpus = load_corpus(tmp_path)
    assert corpus.ids == ["good"]
    problems = dict(zip(corpus.errors["file"], corpus.errors["problem"]))
    assert "leads back to itself" in problems[str(tmp_path / "loop.txt")]
    assert "does not exist" in problems[str(tmp_path / "dangling.txt")]


def test_out_that_cannot_be_written_fails_before_any_notebook(tmp_path, monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(report_module, "_run_all", lambda *a, **k: ran.append(1) or {})
    monkeypatch.setattr(report_module.os, "access", lambda path, mode: False)  # as root every folder is writable
    assert main(["report", str(FIRST_ARTICLE), "--out", str(tmp_path / "r"), "--no-progress"]) == 2
    assert "cannot write there" in one_line(capsys) and ran == []


def test_folders_a_killed_run_left_are_cleaned(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "_run_all", lambda *a, **k: {})
    dead, alive = tmp_path / ".r-dead1234", tmp_path / ".r-alive5678"
    for folder, pid in ((dead, 2 ** 22 + 12345), (alive, os.getpid())):
        folder.mkdir()
        (folder / ".newslens-work").write_text(str(pid), encoding="utf-8")
    (tmp_path / ".r-user-notes").mkdir()  # not newslens's: kept
    backup = tmp_path / ".r-backup"  # a user's copy of an old report: kept, though it holds the marker
    backup.mkdir()
    (backup / report_module.MARKER).write_text("", encoding="utf-8")
    set_aside = tmp_path / f".r-old-{2 ** 22 + 54321}"  # a previous report a killed run had set aside
    set_aside.mkdir()
    (set_aside / report_module.MARKER).write_text("", encoding="utf-8")
    run_report([FIRST_ARTICLE], out=tmp_path / "r", notebook_paths=notebooks()[:1], progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".r-alive5678", ".r-backup", ".r-user-notes", "r"]


# 9. the HTML report needs no network


def test_report_pages_load_nothing_from_the_network(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("It cost $5 bn and $6 bn."), nbformat.v4.new_code_cell("1 + 1")]
    report_module._export_html(nb, tmp_path / "page.html")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    import re

    assert re.findall(r"<(?:script|link)[^>]*(?:src|href)=[\"']https?:", page) == []
    assert "MathJax" not in page and "It cost $5 bn and $6 bn." in page
