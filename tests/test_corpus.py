"""Many articles: folders, globs, CSV and JSONL, HTML pages, a broken file reported, analyses over a corpus."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from conftest import ARTICLES
from newslens import ArticleError
from newslens.cli import main
from newslens.corpus import Corpus, load_corpus
from newslens.entities import entity_mentions
from newslens.frequencies import keyness, word_frequencies
from newslens.paths import FIRST_ARTICLE
from newslens.quotes import quotes
from newslens.sentences import sentence_table


def test_folder_reads_every_good_file_and_reports_the_broken_one(folder):
    corpus = load_corpus(folder)
    assert sorted(corpus.ids) == ["election", "port-strike", "rain", "talks"]
    assert corpus.errors["file"].tolist() == [str(folder / "broken.txt")]
    assert "binary" in corpus.errors["problem"].iloc[0]
    assert set(corpus.sentences["article_id"]) == set(corpus.ids)
    assert len(corpus.tokens) == sum(len(a.tokens) for a in corpus)


def test_glob_and_list(folder):
    assert sorted(load_corpus(str(folder / "*.txt")).ids) == ["election", "port-strike", "rain"]
    assert load_corpus([FIRST_ARTICLE]).ids == ["fakti-2024-11-24-moscow-tokyo"]
    with pytest.raises(ArticleError, match="no article files found"):
        load_corpus(str(folder / "*.docx"))


def test_html_article(folder):
    article = load_corpus(folder)["talks"]
    assert article.metadata.layout == "html"
    assert article.metadata.headline == "Talks resume in Brussels"
    assert article.metadata.author == "Ann Lee" and article.metadata.outlet == "Harbour Times"
    assert "Home | World" not in article.text and "(c) Harbour Times" not in article.text
    assert article.html.startswith("<!doctype html>")
    assert article.parts[0] == "headline"
    assert quotes(article)[["speaker", "quote"]].values.tolist() == [["Eva Janssens", "We are closer than yesterday,"]]


def test_csv_and_jsonl(tmp_path):
    rows = [{"id": k.removesuffix(".txt"), "text": v, "outlet": "test"} for k, v in ARTICLES.items()]
    rows.append({"id": "empty", "text": "   ", "outlet": "test"})
    csv_path = tmp_path / "articles.csv"
    pd.DataFrame(rows).to_csv(csv_path, index=False)
    corpus = load_corpus(csv_path)
    assert corpus.ids == ["port-strike", "election", "rain"]
    assert corpus.errors["file"].tolist() == [f"{csv_path}:4"]
    assert corpus["rain"].extra == {"outlet": "test"}
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows[:3]) + "\n{not json\n", encoding="utf-8")
    corpus = load_corpus(jsonl)
    assert len(corpus) == 3 and corpus.errors["problem"].iloc[0].startswith("not JSON")
    with pytest.raises(ArticleError, match="no column 'body'"):
        load_corpus(csv_path, text_column="body")


def test_analyses_accept_a_corpus(folder):
    corpus = load_corpus(folder)
    freq = word_frequencies(corpus)
    assert set(freq["article_id"]) == set(corpus.ids)
    assert freq[freq["article_id"] == "rain"].set_index("term").loc["rain", "count"] == 1
    mentions = entity_mentions(corpus)
    assert {"Marc Peeters", "Anna Berg", "Oslo"} <= set(mentions["canonical"])
    statements = quotes(corpus)
    assert set(statements["article_id"]) >= {"port-strike", "talks"}
    lengths = sentence_table(corpus)
    assert set(lengths["article_id"]) == set(corpus.ids)
    key = keyness(load_corpus([FIRST_ARTICLE])[0], reference=corpus)
    assert key.iloc[0]["term"] in {"tokyo", "sanctions", "federation", "russian"}
    assert isinstance(corpus, Corpus) and word_frequencies(Corpus([])).empty


def test_cli_accepts_a_folder(folder, capsys):
    assert main(["words", str(folder), "--top", "2", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert {r["article_id"] for r in rows} == {"election", "port-strike", "rain", "talks"}
    assert "skipped" in captured.err and "broken.txt" in captured.err
    assert main(["info", str(folder), "--format", "csv"]) == 0
    assert len(pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))) == 4


def test_report_accepts_several_articles(tmp_path):
    second = tmp_path / "second.txt"
    shutil.copy(FIRST_ARTICLE, second)
    from newslens.report import notebooks, run_report

    index = run_report([FIRST_ARTICLE, second], out=tmp_path / "r", notebook_paths=notebooks()[:2], progress=False)
    html = index.read_text(encoding="utf-8")
    assert "fakti-2024-11-24-moscow-tokyo/00-overview.html" in html and "second/01-load-and-tokenize.html" in html


def test_report_on_a_folder_writes_each_article_and_the_corpus(folder, tmp_path):
    from newslens.paths import NOTEBOOKS_DIR
    from newslens.report import is_corpus_source, run_report

    assert is_corpus_source(folder) and is_corpus_source(str(folder / "*.txt")) and not is_corpus_source(FIRST_ARTICLE)
    books = [NOTEBOOKS_DIR / "00-overview.ipynb", NOTEBOOKS_DIR / "06-compare-articles.ipynb",
             NOTEBOOKS_DIR / "07-corpus-overview.ipynb"]
    index = run_report([folder], out=tmp_path / "r", notebook_paths=books, progress=False)
    html = index.read_text(encoding="utf-8")
    for article_id in ("election", "port-strike", "rain", "talks"):
        assert f"{article_id}/00-overview.html" in html
        assert not (tmp_path / "r" / article_id / "07-corpus-overview.ipynb").exists()
        # each article compared with the rest of the folder: the other three, never itself
        assert "Compared with 3 other articles." in (tmp_path / "r" / article_id / "06-compare-articles.html").read_text()
    assert (tmp_path / "r" / "notebook.css").stat().st_size > 10_000  # the pages' one shared stylesheet
    assert 'href="../notebook.css"' in (tmp_path / "r" / "talks" / "00-overview.html").read_text()
    assert "corpus/07-corpus-overview.html" in html and "Files that could not be read" in html and "broken.txt" in html
    tables = sorted(p.name for p in (tmp_path / "r" / "corpus" / "tables").glob("*.csv"))
    assert tables and list((tmp_path / "r" / "corpus" / "figures").glob("*.png"))
    assert main(["report", str(tmp_path / "empty-*.txt"), "--out", str(tmp_path / "r2")]) == 2


def test_report_compares_one_article_with_the_articles_given(folder, tmp_path, capsys):
    from newslens.paths import NOTEBOOKS_DIR
    from newslens.report import run_report

    out = tmp_path / "r"
    run_report([FIRST_ARTICLE], out=out, notebook_paths=[NOTEBOOKS_DIR / "04-sentence-lengths.ipynb"], progress=False,
               compare=folder)
    page = (out / "fakti-2024-11-24-moscow-tokyo" / "04-sentence-lengths.html").read_text()
    assert "Compared with 4 other articles." in page and "article by article" in page
    assert main(["report", str(FIRST_ARTICLE), "--out", str(tmp_path / "r3"), "--compare", str(tmp_path / "none")]) == 2
    assert "--compare" in capsys.readouterr().err
