"""Reading files: encodings, line endings, and every bad input as one clear ArticleError."""

from __future__ import annotations

import pytest

import newslens
from newslens import ArticleError
from newslens.io import read_text

TEXT = "Headline here\n\nМосква ответит. Tokyo’s steps — “hostile”.\n"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32")],
)
def test_unicode_encodings_round_trip(tmp_path, encoding, expected):
    raw = read_text(write(tmp_path, "a.txt", TEXT.encode(encoding)))
    assert raw.text == TEXT
    assert raw.encoding == expected


def test_cp1251_cyrillic_is_detected_and_recorded(tmp_path):
    text = "Москва ответит жестко на враждебные шаги Токио. Япония не намерена отменять санкции против России.\n"
    article = newslens.load_article(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert article.text == text
    assert article.metadata.encoding == "cp1251"
    assert len(article.sentences) == 2


def test_windows_line_endings_keep_text_verbatim(tmp_path):
    text = "Title line\r\n\r\nFirst sentence. Second one.\r\n\r\nAnother paragraph.\r\n"
    article = newslens.load_article(write(tmp_path, "crlf.txt", text.encode("utf-8")))
    assert article.text == text
    assert article.paragraphs["text"].tolist() == ["Title line", "First sentence. Second one.", "Another paragraph."]
    assert article.sentences["text"].tolist()[1:] == ["First sentence.", "Second one.", "Another paragraph."]


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match=r"nope\.txt: no such file\. Fix:"):
        newslens.load_article(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(ArticleError, match=r"is a directory, not a file\. Fix:"):
        newslens.load_article(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  "])
def test_empty_or_whitespace(tmp_path, data):
    with pytest.raises(ArticleError, match=r"empty\.txt: the file is empty\. Fix:"):
        newslens.load_article(write(tmp_path, "empty.txt", data))


def test_binary_file(tmp_path):
    with pytest.raises(ArticleError, match=r"image\.png: holds NUL bytes, so it is binary"):
        newslens.load_article(write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))


def test_undecodable_file(tmp_path):
    junk = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07] * 50)
    with pytest.raises(ArticleError, match=r"junk\.txt: .*Fix: save the article as UTF-8 text"):
        newslens.load_article(write(tmp_path, "junk.txt", junk))


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"word " * 1000)
    with pytest.raises(ArticleError, match=r"big\.txt: the file is .* over the .* limit\. Fix: split it"):
        read_text(path, max_bytes=1000)
    assert newslens.io.MAX_BYTES == 50 * 1024 * 1024


def test_article_from_text_rejects_empty_and_bytes():
    with pytest.raises(ArticleError, match="empty"):
        newslens.article_from_text("  \n ")
    with pytest.raises(newslens.InvalidArgument, match="expected a str"):
        newslens.article_from_text(b"bytes")


@pytest.mark.parametrize(
    "text",
    [
        "Word",
        "?!... --- ,,, ;;",
        "word " * 200_000,  # a 1 MB line with no full stop
        'He said "we will respond. And „never stop. «Ever',
        "<p>Tokyo <b>said</b> no.</p><script>alert(1)</script>",
    ],
    ids=["one-word", "only-punctuation", "1mb-line", "unbalanced-quotes", "html-in-txt"],
)
def test_odd_but_valid_text_is_analysed(tmp_path, text):
    article = newslens.load_article(write(tmp_path, "odd.txt", text.encode("utf-8")))
    tokens = article.tokens
    assert len(tokens) > 0
    assert all(article.text[s:e] == t for s, e, t in zip(tokens["start"], tokens["end"], tokens["token"]))
