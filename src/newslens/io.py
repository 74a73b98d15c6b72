"""Reading article files: size and content checks, encoding detection, the user-facing error."""

from __future__ import annotations

import codecs
import errno
import re
import stat
import sys
import warnings
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

from newslens.errors import ArticleError

__all__ = [
    "MAX_BYTES", "ARTICLE_SUFFIXES", "TABLE_SUFFIXES", "RawText", "read_text", "decode_bytes", "is_corpus_source",
    "looks_like_html", "lone_surrogate",
]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
"""File types read as articles from a folder or a glob (compared in lower case)."""

TABLE_SUFFIXES = (".csv", ".jsonl")
"""File types that hold many articles, one per row (compared in lower case)."""

MAX_BYTES = 50 * 1024 * 1024
"""Largest file newslens reads (50 MiB): far above any news article, small enough for memory."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class RawText:
    """A decoded file: the text exactly as decoded, where it came from and how it was decoded."""

    text: str
    source: str
    encoding: str


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> RawText:
    """Read an article file and decode it.

    UTF-8 is tried first; a byte-order mark selects UTF-8, UTF-16 or UTF-32; anything else is
    detected with charset-normalizer and the encoding used is recorded. ``"-"`` reads
    standard input. Line endings are kept as they are in the file.

    Args:
        path: The file to read, or ``"-"`` for standard input.
        max_bytes: Refuse files larger than this many bytes.

    Returns:
        The decoded :class:`RawText`.

    Raises:
        ArticleError: The file is missing, a directory, too large, empty, binary or cannot be
            decoded; the message names the file, the problem and the fix.

    Example:
        >>> read_text("data/articles/fakti-2024-11-24-moscow-tokyo.txt").encoding  # doctest: +SKIP
        'utf-8'
    """
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(max_bytes + 1), source="<stdin>", max_bytes=max_bytes)
    p = Path(path)
    name = str(path)
    try:
        info = p.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ArticleError(f"{name}: is a symbolic link that leads back to itself (a loop). "
                               "Fix: point the link at the article file, or give the file's own path.", path=name) from None
        if p.is_symlink():
            raise ArticleError(f"{name}: is a symbolic link to a file that does not exist. "
                               "Fix: point the link at the article file, or remove it.", path=name) from None
        raise ArticleError(f"{name}: no such file. Fix: check the path, or pass '-' to read standard input.",
                           path=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(
            f"{name}: is a directory, not a file. Fix: give the path of one article file inside it.", path=name
        )
    size = info.st_size
    if size > max_bytes:
        raise ArticleError(
            f"{name}: the file is {size / 1024 / 1024:.1f} MiB, over the {max_bytes / 1024 / 1024:.0f} MiB limit. "
            "Fix: split it into one file per article.",
            path=name,
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{name}: cannot be read ({exc.strerror}). Fix: check the file's permissions.", path=name) from None
    return decode_bytes(data, source=name, max_bytes=max_bytes)


def decode_bytes(data: bytes, *, source: str = "<bytes>", max_bytes: int = MAX_BYTES) -> RawText:
    """Decode the bytes of an article, with the checks of :func:`read_text`.

    Example:
        >>> decode_bytes("Привет, мир.".encode("cp1251")).encoding
        'cp1251'
    """
    if len(data) > max_bytes:
        raise ArticleError(
            f"{source}: the input is over the {max_bytes / 1024 / 1024:.0f} MiB limit. "
            "Fix: split it into one file per article.",
            path=source,
        )
    text, encoding = _decode(data, source)
    if "\x00" in text:
        raise ArticleError(
            f"{source}: holds NUL bytes, so it is binary, not text. Fix: export the article as plain text or HTML.",
            path=source,
        )
    if not text.strip():
        raise ArticleError(f"{source}: the file is empty. Fix: give a file that holds an article's text.", path=source)
    return RawText(text=text, source=source, encoding=encoding)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
        raise ArticleError(
            f"{source}: holds NUL bytes, so it is binary, not text. Fix: export the article as plain text or HTML.",
            path=source,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        warnings.warn(f"{source}: {bad} bytes are not valid UTF-8; they were replaced with U+FFFD.", stacklevel=4)
        return text, f"utf-8, {bad} invalid bytes replaced with U+FFFD"
    best = from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        raise ArticleError(
            f"{source}: the bytes are not text in any encoding newslens can detect. "
            "Fix: save the article as UTF-8 text.",
            path=source,
        )
    if best.encoding.startswith("mac_"):  # short Western texts fool the detector; Mac code pages are rare in news
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a damaged file), rather than another encoding: it holds valid
    multi-byte UTF-8 sequences (curly quotes, accented letters), and fewer invalid bytes than those.
    A Latin-1 or cp1252 file holds no valid sequence, or fewer than its stray bytes."""
    sequences = _UTF8_SEQUENCE.findall(data)
    high = len(data.translate(None, bytes(range(128))))  # the bytes above ASCII
    invalid = high - sum(len(seq) for seq in sequences)
    return bool(sequences) and invalid <= len(sequences)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: every other byte is NUL where the text is ASCII."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.3 * len(zeros) and others.count(0) < 0.05 * len(others):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and not _looks_binary(text):
                return text, encoding
    return None


def _looks_binary(text: str) -> bool:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return control > max(1, len(text) // 100)


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds a lone surrogate (``"\\ud800"``, which JSON can encode but no file can
    hold as UTF-8), or None. Such text is not Unicode and cannot be analysed or saved.

    Example:
        >>> lone_surrogate("ab\\ud800"), lone_surrogate("fine")
        (2, None)
    """
    found = _SURROGATE.search(text)
    return found.start() if found else None


def open_text(path: str | Path, *, whole_below: int = 64 * 1024 * 1024) -> TextIO:
    """A text stream of a file that may be too large to hold (a CSV/JSONL file of many articles).

    A file under ``whole_below`` bytes is read and decoded whole by :func:`read_text` (every check
    and warning of an article file). A larger one is decoded as it is read, in the encoding that
    its first MiB shows (UTF-8 then with any invalid byte replaced by U+FFFD).

    Raises:
        ArticleError: As :func:`read_text`, for the file or its first MiB.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = 0  # read_text names the problem
    if size < whole_below:
        return StringIO(read_text(p, max_bytes=max(size, whole_below)).text)
    with open(p, "rb") as handle:
        sample = handle.read(1024 * 1024)
    cut = sample.rfind(b"\n")
    encoding = decode_bytes(sample[: cut + 1] if cut > 0 else sample, source=str(path)).encoding
    if encoding.startswith("utf-8"):
        return open(p, encoding="utf-8-sig" if sample.startswith(b"\xef\xbb\xbf") else "utf-8", errors="replace",
                    newline="")
    return open(p, encoding=encoding, newline="")


def is_corpus_source(path: str | Path) -> bool:
    """Whether ``path`` names many articles: a folder, a glob, or a CSV/JSONL file (any letter case).

    The one rule the command line, :func:`newslens.corpus.load_corpus` and the report share.

    Example:
        >>> is_corpus_source("ARTS.CSV"), is_corpus_source("articles/*.txt"), is_corpus_source("story.txt")
        (True, True, False)
    """
    text = str(path)
    if text == "-":
        return False
    return Path(text).is_dir() or any(ch in text for ch in "*?[") or Path(text).suffix.lower() in TABLE_SUFFIXES


def looks_like_html(source: str, text: str) -> bool:
    """An ``.html``/``.htm`` file, or text that starts like an HTML document."""
    if source.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))
