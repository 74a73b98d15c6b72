"""Word tokenization with NLTK, and the tidy paragraph, sentence and token tables.

Words come from NLTK's Treebank-style tokenizer (``NLTKWordTokenizer``, what
``nltk.word_tokenize`` uses) run on each sentence, with three adjustments so that the tokens
suit news text and keep their offsets:

* every token is located in the original text, so ``text[start:end]`` is the token exactly
  (NLTK rewrites ``"`` as ``` `` ``` or ``''``; newslens keeps the character that was there);
* a curly apostrophe works like a straight one ("Tokyo’s" gives "Tokyo" + "’s");
* a sentence-final period is its own token even when a closing quotation mark follows it
  ("interests.“" gives "interests" + "." + "“"), unless the word is an abbreviation that is
  not also a word ("U.S.", "Inc." stay whole; "sat." at a sentence end is "sat" + ".").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from nltk.tokenize import NLTKWordTokenizer

from newslens.segment import ABBREVIATIONS, split_sentences

__all__ = ["tokenize_words", "paragraph_table", "sentence_table_raw", "token_table", "reader_words"]

_CLITIC = r"^(?:['’][a-zA-Z]{0,2}|n['’]t)$"

_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_NLTK_QUOTES = {"``", "''"}
_CLOSERS = set("\"'”“’‘»«)]}")
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_ALSO_WORDS = frozenset(
    "al art c ca ch col del ed est fig ft gen ill ind mass max mi min miss mo no op p para pp rep sat sec sq sun v wash wed"
    .split()
)
# Abbreviations that keep their period at the end of a sentence: those that are not also words.
_KEEP_PERIOD = ABBREVIATIONS - _ALSO_WORDS


@lru_cache(maxsize=1)
def _word_tokenizer():
    return NLTKWordTokenizer()


def tokenize_words(text: str) -> list[tuple[int, int]]:
    """Tokenize one sentence into words and punctuation, as character spans.

    Args:
        text: A sentence (or any short text; it is treated as one sentence).

    Returns:
        ``(start, end)`` spans into ``text``, one per token, in order.

    Example:
        >>> s = '„We will,“ said Tokyo\\'s envoy.'
        >>> [s[a:b] for a, b in tokenize_words(s)]
        ['„', 'We', 'will', ',', '“', 'said', 'Tokyo', "'s", 'envoy', '.']
    """
    shadow = _APOSTROPHE.sub("'", text)
    spans = _align(shadow, _word_tokenizer().tokenize(shadow))
    return _split_final_period(text, spans)


def _align(text: str, tokens: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for tok in tokens:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith(tok, pos):
            end = pos + len(tok)
        elif tok in _NLTK_QUOTES and pos < len(text) and text[pos] in "\"'`":
            end = pos + (2 if text.startswith(("''", "``"), pos) else 1)
        else:
            found = text.find(tok, pos)
            if found < 0:  # NLTK rewrote it beyond recognition: skip, never misplace
                continue
            pos, end = found, found + len(tok)
        spans.append((pos, end))
        pos = end
    return spans


def _split_final_period(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence's last full stop as a token of its own, past closing marks and a citation
    ("at Harrow School. [27]": "School", ".")."""
    i = len(spans) - 1
    while i >= 0:
        token = text[spans[i][0] : spans[i][1]]
        opening = None if token != "]" else next(
            (k for k in range(i - 1, max(i - 5, -1), -1) if text[spans[k][0] : spans[k][1]] == "["), None)
        if opening is not None:
            i = opening - 1
        elif token in _CLOSERS:
            i -= 1
        else:
            break
    if i < 0:
        return spans
    start, end = spans[i]
    word = text[start:end]
    if word == "." and i > 0 and spans[i - 1][1] == start:  # NLTK split "U.S." or "a.m." at the end
        prev = text[spans[i - 1][0] : start]
        if "." in prev or prev.lower() in _KEEP_PERIOD:
            spans[i - 1 : i + 1] = [(spans[i - 1][0], end)]
        return spans
    if len(word) > 1 and word.endswith(".") and not word.endswith("..") and word[:-1].lower() not in _KEEP_PERIOD:
        if "." not in word[:-1]:  # "U.S." and "a.m." stay whole
            spans[i : i + 1] = [(start, end - 1), (end - 1, end)]
    return spans


def paragraph_table(article_id: str, text: str, spans: Sequence[tuple[int, int]], parts: Sequence[str]) -> pd.DataFrame:
    """One row per paragraph: ``article_id``, ``part``, ``paragraph``, ``start``, ``end``, ``text``."""
    return pd.DataFrame(
        {
            "article_id": article_id,
            "part": list(parts),
            "paragraph": range(len(spans)),
            "start": [s for s, _ in spans],
            "end": [e for _, e in spans],
            "text": [text[s:e] for s, e in spans],
        }
    )


def sentence_table_raw(paragraphs: pd.DataFrame, text: str, *, model: str = "newslens") -> pd.DataFrame:
    """One row per sentence: ``article_id``, ``part``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``."""
    rows = []
    for row in paragraphs.itertuples(index=False):
        for s, e in split_sentences(text[row.start : row.end], model=model):
            rows.append((row.article_id, row.part, row.paragraph, row.start + s, row.start + e))
    table = pd.DataFrame(rows, columns=["article_id", "part", "paragraph", "start", "end"])
    table.insert(3, "sentence", range(len(table)))
    table["text"] = [text[s:e] for s, e in zip(table["start"], table["end"])]
    return table


def token_table(sentences: pd.DataFrame, text: str, stopwords: frozenset[str]) -> pd.DataFrame:
    """One row per token, with ``token``, ``lower``, ``is_word`` (not punctuation) and ``is_stop``."""
    cols: dict[str, list] = {k: [] for k in ("article_id", "part", "paragraph", "sentence", "start", "end")}
    for row in sentences.itertuples(index=False):
        spans = tokenize_words(text[row.start : row.end])
        n = len(spans)
        cols["article_id"] += [row.article_id] * n
        cols["part"] += [row.part] * n
        cols["paragraph"] += [row.paragraph] * n
        cols["sentence"] += [row.sentence] * n
        cols["start"] += [row.start + s for s, _ in spans]
        cols["end"] += [row.start + e for _, e in spans]
    tokens = [text[s:e] for s, e in zip(cols["start"], cols["end"])]
    lower = [t.lower() for t in tokens]
    table = pd.DataFrame(cols)
    table.insert(4, "position", range(len(table)))
    table["token"] = tokens
    table["lower"] = lower
    table["is_word"] = [bool(_WORDLIKE.search(t)) for t in tokens]
    table["is_stop"] = [w in stopwords for w in lower]
    return table


def reader_words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens a reader counts as words: not punctuation, and not a clitic split off a word
    ("'s", "n't"): "Russia's" is one word, "anti-Russian" one. Every word count newslens shows
    (``newslens info``, sentence lengths, readability, the overview) counts these.

    Example:
        >>> from newslens import article_from_text
        >>> len(reader_words(article_from_text("Russia's envoy didn't reply.").tokens))
        4
    """
    return tokens[tokens["is_word"] & ~tokens["token"].str.match(_CLITIC)]
