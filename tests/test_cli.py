"""The newslens command: output formats, parts, standard input, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from newslens.cli import main
from newslens.paths import FIRST_ARTICLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslens.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_info_json_is_one_object():
    out = run("info", str(FIRST_ARTICLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["outlet"] == "Fakti"
    assert info["published"] == "2024-11-24T05:37:00"
    assert info["views"] == 80
    assert info["body_sentences"] == 11
    assert info["body_paragraphs"] == 7


def test_info_table(capsys):
    assert main(["info", str(FIRST_ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "headline" in out and "Moscow: We will respond sharply" in out and "2024-11-24T05:37:00" in out


def test_sentences_csv_with_part_filter(capsys):
    assert main(["sentences", str(FIRST_ARTICLE), "--format", "csv", "--part", "body"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 11
    assert set(rows[0]) >= {"article_id", "part", "paragraph", "sentence", "start", "end", "text"}


def test_tokens_json_from_stdin():
    out = run("tokens", "-", "--format", "json", "--part", "headline", stdin=FIRST_ARTICLE.read_bytes())
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert [r["token"] for r in records][:3] == ["Moscow", ":", "We"]
    assert records[0]["article_id"] == "stdin"


def test_help_and_version():
    assert run("--help").returncode == 0
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("newslens ")


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "no article files found"),  # a folder is a corpus (issue 8); this one is empty
        (lambda d: (d / "empty.txt", (d / "empty.txt").write_bytes(b"  \n"))[0], "the file is empty"),
        (lambda d: (d / "bin.dat", (d / "bin.dat").write_bytes(b"\x00\x01\x02binary"))[0], "binary"),
        (
            lambda d: (d / "junk.txt", (d / "junk.txt").write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 1, 2, 3] * 40)))[0],
            "not text",
        ),
    ],
    ids=["missing", "directory", "empty", "binary", "undecodable"],
)
def test_errors_print_one_line_and_exit_2(tmp_path, make, message):
    path = make(tmp_path)
    out = run("info", str(path))
    err = out.stderr.decode()
    assert out.returncode == 2
    assert message in err and str(path) in err and "Fix:" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out.stdout == b""


def test_bad_part_is_a_clear_error(capsys):
    assert main(["tokens", str(FIRST_ARTICLE), "--part", "footer"]) == 2
    err = capsys.readouterr().err
    assert "--part footer: not a part" in err


def test_no_network_connection_is_opened(monkeypatch, capsys):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("newslens opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for command in ("info", "sentences", "tokens"):
        assert main([command, str(FIRST_ARTICLE), "--format", "json"]) == 0
    assert capsys.readouterr().out


def test_a_csv_is_a_corpus_whatever_the_letter_case(tmp_path, capsys):
    table = tmp_path / "ARTS.CSV"
    table.write_text('id,text\none,"Rain in Porto. The river rose."\ntwo,"Sun in Oslo. It was warm."\n', encoding="utf-8")
    assert main(["sentences", str(table), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted({r["article_id"] for r in rows}) == ["one", "two"]  # two articles, not one headed "id,text"


def test_layout_takes_only_known_layouts(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["info", str(FIRST_ARTICLE), "--layout", "tabloid"])
    assert exit_info.value.code == 2 and "invalid choice: 'tabloid'" in capsys.readouterr().err


def test_keep_stopwords_keeps_them(capsys):
    assert main(["words", str(FIRST_ARTICLE), "--top", "3", "--keep-stopwords", "--format", "json"]) == 0
    kept = [r["term"] for r in json.loads(capsys.readouterr().out)]
    assert main(["words", str(FIRST_ARTICLE), "--top", "3", "--format", "json"]) == 0
    dropped = [r["term"] for r in json.loads(capsys.readouterr().out)]
    assert "the" in kept and "the" not in dropped


def test_info_counts_words_as_the_overview_does(capsys):
    from newslens.article import load_article
    from newslens.overview import key_numbers

    assert main(["info", str(FIRST_ARTICLE), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    key = key_numbers(load_article(FIRST_ARTICLE)).set_index("measure")
    assert info["body_words"] == key.loc["Body words", "value"] == 277


def test_an_invalid_option_value_is_one_line(capsys):
    assert main(["words", str(FIRST_ARTICLE), "--top", "3", "--part", "footer"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--part footer: not a part. Fix:" in err


def test_table_output_fits_the_terminal(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["quotes", str(FIRST_ARTICLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any(line.rstrip(" \\").endswith("…") or "…" in line for line in lines)  # long quotes cut, marked
    assert main(["quotes", str(FIRST_ARTICLE), "--format", "csv"]) == 0  # CSV keeps every character
    assert "Unfortunately, the reaction of the Japanese government" in capsys.readouterr().out
