"""Word frequencies: counts, n-grams, collocations, keyness, concordance and lexical statistics.

Every function takes an :class:`~newslens.article.Article` and returns a tidy DataFrame. The
default scope is the article's own words, :data:`newslens.layouts.COUNTED_PARTS` (headline,
standfirst and body; the site line, the dateline and the photo caption are not), the same scope as
the entity counts. Only word tokens count (not punctuation).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal

import pandas as pd
from nltk.collocations import (
    BigramAssocMeasures,
    BigramCollocationFinder,
    TrigramAssocMeasures,
    TrigramCollocationFinder,
)
from nltk.stem import PorterStemmer, SnowballStemmer

from newslens.article import Article
from newslens.dispatch import articles_of, per_article
from newslens.errors import InvalidArgument
from newslens.layouts import COUNTED_PARTS, PARTS, check_parts
from newslens.nlp import spacy_doc
from newslens.stopwords import get_stopwords
from newslens.tokenize import tokenize_words

__all__ = [
    "DEFAULT_PARTS",
    "REFERENCE_SIZE",
    "scope_tokens",
    "word_frequencies",
    "collocations",
    "keyness",
    "concordance",
    "dispersion",
    "lexical_stats",
]

DEFAULT_PARTS = COUNTED_PARTS
"""The parts whose words are the article's own (:data:`newslens.layouts.COUNTED_PARTS`)."""

REFERENCE_SIZE = 1_000_000_000
"""The notional size, in words, of the general-English reference (wordfreq's frequencies are proportions)."""

_REFERENCE_FLOOR = 1e-9
"""Frequency assumed for a word wordfreq does not list (below its smallest listed frequency)."""

Normalize = Literal["stem", "lemma"] | None


def scope_tokens(
    article: Article,
    *,
    parts: Sequence[str] | None = DEFAULT_PARTS,
    words_only: bool = True,
) -> pd.DataFrame:
    """The article's tokens in the given parts (all parts when ``parts`` is None), words only by default."""
    tokens = article.tokens
    if parts is not None:
        parts = check_parts(parts)
        tokens = tokens[tokens["part"].isin(parts)]
    if words_only:
        tokens = tokens[tokens["is_word"]]
    return tokens


@per_article
def word_frequencies(
    article: Article,
    *,
    parts: Sequence[str] | None = DEFAULT_PARTS,
    lowercase: bool = True,
    stopwords: bool | Iterable[str] = True,
    add_stopwords: Iterable[str] = (),
    remove_stopwords: Iterable[str] = (),
    normalize: Normalize = None,
    stemmer: Literal["snowball", "porter"] = "snowball",
    ngram: int = 1,
    by: Literal["part", "pos"] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Count the article's words (or n-grams, stems, lemmas).

    Args:
        article: The article.
        parts: Parts to count (default headline, standfirst and body); ``None`` for all.
        lowercase: Fold case, so "Sanctions" and "sanctions" are one term.
        stopwords: ``True`` drops the stopwords in force (:func:`newslens.stopwords.get_stopwords`),
            ``False`` keeps every word, or give your own list.
        add_stopwords: Extra stopwords for this call.
        remove_stopwords: Stopwords to keep for this call.
        normalize: ``None`` (surface forms), ``"stem"`` (NLTK's Snowball or Porter stemmer) or
            ``"lemma"`` (spaCy's English lemmatizer). The ``forms`` column lists the surface forms.
        stemmer: ``"snowball"`` (default) or ``"porter"``, with ``normalize="stem"``.
        ngram: 1 for words, 2 or 3 for n-grams within a sentence; with stopwords dropped, an
            n-gram may not start or end with one.
        by: Count separately per ``"part"`` or per part of speech (``"pos"``, spaCy's tagger).
        top: Keep the ``top`` most frequent terms (all when None).

    Returns:
        One row per term (per term and group with ``by``): ``term``, ``count``, ``per_1000``
        (per thousand words in scope), ``rank`` (1 = most frequent; ties share a rank),
        ``parts`` (the parts it occurs in) and ``forms`` (the surface forms behind it).

    Example:
        >>> freq = word_frequencies(article)  # doctest: +SKIP
        >>> freq.set_index("term").loc["tokyo", "count"]  # doctest: +SKIP
        5
    """
    if ngram not in (1, 2, 3):
        raise InvalidArgument(f"ngram={ngram!r}: only 1, 2 or 3 are supported. Fix: pass ngram=1, 2 or 3.")
    if by not in (None, "part", "pos"):
        raise InvalidArgument(f"by={by!r}: not a grouping. Fix: use by='part', by='pos' or leave it out.")
    tokens = scope_tokens(article, parts=parts).copy()
    total_words = len(tokens)
    stops = _stopword_set(stopwords, add_stopwords, remove_stopwords)
    tokens["term"] = _terms(article, tokens, lowercase=lowercase, normalize=normalize, stemmer=stemmer)
    tokens["form"] = tokens["lower"] if lowercase else tokens["token"]
    if by == "pos":
        tokens["pos"] = _pos_tags(article, tokens)
    grams = _ngrams(tokens, ngram, stops, group=by)
    if grams.empty:
        return _scoped(_empty_frequencies(by), parts)
    table = _count(grams, by)
    table["per_1000"] = (table["count"] / total_words * 1000).round(3) if total_words else 0.0
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if by:
        order = {p: i for i, p in enumerate(PARTS)}
        table = table.sort_values(
            [by, "count", "term"],
            ascending=[True, False, True],
            key=lambda col: col.map(order) if col.name == "part" else col,
            kind="stable",
        )
        table["rank"] = table.groupby(by)["count"].rank(method="min", ascending=False).astype(int)
        table = table.groupby(by, sort=False).head(top) if top else table
    else:
        table["rank"] = table["count"].rank(method="min", ascending=False).astype(int)
        table = table.head(top) if top else table
    table["article_id"] = article.id
    return _scoped(table[_frequency_columns(by)].reset_index(drop=True), parts)


def _scoped(table: pd.DataFrame, parts: Sequence[str] | None) -> pd.DataFrame:
    """The table with the parts it counts in ``table.attrs["scope"]``, which charts state."""
    table.attrs["scope"] = None if parts is None else tuple(parts)
    return table


def _count(grams: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """One row per term (and group), in order of first appearance: count, parts, forms."""
    groups = grams[by].tolist() if by else [None] * len(grams)
    found: dict[tuple[str, Any], tuple[list[int], dict[str, None], set[str]]] = {}
    for term, group, part, form in zip(grams["term"].tolist(), groups, grams["part"].tolist(), grams["form"].tolist()):
        entry = found.get((term, group))
        if entry is None:
            entry = found[(term, group)] = ([0], {}, set())
        entry[0][0] += 1
        entry[1][part] = None
        entry[2].add(form)
    rows = [
        {"term": term, **({by: group} if by else {}), "count": n[0], "parts": ", ".join(parts),
         "forms": ", ".join(sorted(forms))}
        for (term, group), (n, parts, forms) in found.items()
    ]
    return pd.DataFrame(rows, columns=["term", *([by] if by else []), "count", "parts", "forms"])


def _frequency_columns(by: str | None) -> list[str]:
    return ["term", *([by] if by else []), "count", "per_1000", "rank", "parts", "forms", "article_id"]


def _empty_frequencies(by: str | None) -> pd.DataFrame:
    cols = _frequency_columns(by)
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("count", "rank") else "object") for c in cols})


def _stopword_set(stopwords: bool | Iterable[str], add: Iterable[str], remove: Iterable[str]) -> frozenset[str]:
    if stopwords is True:
        return get_stopwords(add=add, remove=remove)
    if stopwords is False:
        return frozenset(w.lower() for w in add)
    return frozenset({w.lower() for w in stopwords} | {w.lower() for w in add}) - {w.lower() for w in remove}


def _terms(article: Article, tokens: pd.DataFrame, *, lowercase: bool, normalize: Normalize, stemmer: str) -> pd.Series:
    base = tokens["lower"] if lowercase else tokens["token"]
    if normalize is None:
        return base
    if normalize == "stem":
        stem = _stemmer(stemmer)
        return base.map(stem)
    if normalize == "lemma":
        return _lemmas(article, tokens, lowercase=lowercase)
    raise InvalidArgument(f"normalize={normalize!r}: not a normalisation. Fix: use None, 'stem' or 'lemma'.")


@lru_cache(maxsize=2)
def _stemmer(name: str):
    if name == "snowball":
        return SnowballStemmer("english").stem
    if name == "porter":
        return PorterStemmer().stem
    raise InvalidArgument(f"stemmer={name!r}: not a stemmer. Fix: use 'snowball' or 'porter'.")


def _lemmas(article: Article, tokens: pd.DataFrame, *, lowercase: bool) -> pd.Series:
    doc = _tagged_doc(article)
    lemma = {row: tok.lemma_ for row, tok in zip(article.tokens.index, doc)}
    out = tokens.index.map(lambda i: lemma[i])
    return pd.Series([w.lower() if lowercase else w for w in out], index=tokens.index)


def _pos_tags(article: Article, tokens: pd.DataFrame) -> pd.Series:
    doc = _tagged_doc(article)
    pos = {row: tok.pos_ for row, tok in zip(article.tokens.index, doc)}
    return pd.Series([pos[i] for i in tokens.index], index=tokens.index)


def _tagged_doc(article: Article) -> Any:
    """spaCy's tagger and lemmatizer over the whole article's tokens, kept on the article."""
    return article.memo(("tagged_doc",), lambda: spacy_doc(
        article.tokens, article.text, components=("tok2vec", "tagger", "attribute_ruler", "lemmatizer")))


def _ngrams(tokens: pd.DataFrame, n: int, stops: frozenset[str], *, group: str | None) -> pd.DataFrame:
    """One row per n-gram occurrence within a sentence, with its part (and group)."""
    if n == 1:
        keep = ~tokens["lower"].isin(stops)
        cols = ["term", "part", "form"] + ([group] if group and group != "part" else [])
        return tokens.loc[keep, cols].reset_index(drop=True)
    rows = []
    for _, sent in tokens.groupby("sentence", sort=True):
        terms, lowers, forms = sent["term"].tolist(), sent["lower"].tolist(), sent["form"].tolist()
        part = sent["part"].iloc[0]
        for i in range(len(terms) - n + 1):
            if lowers[i] in stops or lowers[i + n - 1] in stops:
                continue
            rows.append((" ".join(terms[i : i + n]), part, " ".join(forms[i : i + n])))
    return pd.DataFrame(rows, columns=["term", "part", "form"])


@per_article
def collocations(
    article: Article,
    *,
    parts: Sequence[str] | None = DEFAULT_PARTS,
    n: int = 2,
    min_count: int = 2,
    stopwords: bool = True,
    top: int | None = None,
) -> pd.DataFrame:
    """Collocations with NLTK's finders, scored by PMI, log-likelihood ratio and t-score side by side.

    Args:
        article: The article.
        parts: Parts to read (default headline, standfirst and body).
        n: 2 (bigrams) or 3 (trigrams); n-grams never cross a sentence boundary.
        min_count: The frequency floor: n-grams seen fewer times are dropped.
        stopwords: Drop n-grams that contain a stopword.
        top: Keep the ``top`` best by log-likelihood ratio.

    Returns:
        One row per n-gram: ``term``, ``count``, ``pmi``, ``llr``, ``t_score``, sorted by ``llr``.

    Example:
        >>> collocations(article, min_count=2).head(3)  # doctest: +SKIP
    """
    if n not in (2, 3):
        raise InvalidArgument(f"n={n!r}: collocations are bigrams or trigrams. Fix: pass n=2 or n=3.")
    tokens = scope_tokens(article, parts=parts)
    sentences = [s["lower"].tolist() for _, s in tokens.groupby("sentence", sort=True)]
    finder_cls, measures = (
        (BigramCollocationFinder, BigramAssocMeasures) if n == 2 else (TrigramCollocationFinder, TrigramAssocMeasures)
    )
    finder = finder_cls.from_documents(sentences)
    finder.apply_freq_filter(min_count)
    if stopwords:
        stops = get_stopwords()
        finder.apply_word_filter(lambda w: w in stops)
    scores = {
        name: dict(finder.score_ngrams(fn))
        for name, fn in (("pmi", measures.pmi), ("llr", measures.likelihood_ratio), ("t_score", measures.student_t))
    }
    rows = [
        {"term": " ".join(gram), "count": finder.ngram_fd[gram], **{k: scores[k][gram] for k in scores}}
        for gram in scores["llr"]
    ]
    table = pd.DataFrame(rows, columns=["term", "count", "pmi", "llr", "t_score"])
    table = table.sort_values(["llr", "term"], ascending=[False, True]).reset_index(drop=True)
    table["article_id"] = article.id
    return table.head(top) if top else table


@per_article
def keyness(
    article: Article,
    *,
    reference: Article | Iterable[Article] | None = None,
    parts: Sequence[str] | None = DEFAULT_PARTS,
    stopwords: bool = True,
    min_count: int = 1,
    top: int | None = None,
) -> pd.DataFrame:
    """Which words are distinctive of the article: log-likelihood G2 and log ratio against a reference.

    The reference is general English from the ``wordfreq`` package (nothing downloaded; taken
    as a corpus of :data:`REFERENCE_SIZE` words), or other articles when ``reference`` is given.
    G2 is signed: positive when the article uses a word more than the reference, negative
    when less. Log ratio is log2 of the ratio of relative frequencies (Hardie 2014), with a
    0.5 count for a word the reference lacks.

    Args:
        article: The article.
        reference: Another article, a list of articles, or None for general English.
        parts: Parts to read in every article (default headline, standfirst and body).
        stopwords: Drop the stopwords in force.
        min_count: Ignore words seen fewer times in the article.
        top: Keep the ``top`` rows by G2.

    Returns:
        One row per word: ``term``, ``count``, ``per_1000``, ``ref_per_1000``, ``g2``,
        ``log_ratio``, ``p_value`` (G2 against chi-squared with 1 degree of freedom) and
        ``in_reference``, sorted by ``g2`` (most distinctive first).

    Example:
        >>> keyness(article).head()  # doctest: +SKIP
    """
    freq = word_frequencies(article, parts=parts, stopwords=stopwords)
    freq = freq[freq["count"] >= min_count]
    own_total = len(scope_tokens(article, parts=parts))
    if reference is None:
        ref_prop = _wordfreq_proportions(freq["term"].tolist())
        ref_total = REFERENCE_SIZE
        ref_counts = {t: p * REFERENCE_SIZE for t, p in ref_prop.items()}
        in_ref = {t: p > 0 for t, p in ref_prop.items()}
        ref_counts = {t: (c if c > 0 else _REFERENCE_FLOOR * REFERENCE_SIZE) for t, c in ref_counts.items()}
    else:
        refs = articles_of(reference)
        counter: Counter[str] = Counter()
        ref_total = 0
        for ref in refs:
            toks = scope_tokens(ref, parts=parts)
            counter.update(toks["lower"])
            ref_total += len(toks)
        if not ref_total:
            raise InvalidArgument("reference: the reference articles hold no words. Fix: give articles with text.")
        ref_counts = {t: float(counter.get(t, 0)) for t in freq["term"]}
        in_ref = {t: counter.get(t, 0) > 0 for t in freq["term"]}
    rows = []
    for term, a in zip(freq["term"], freq["count"]):
        b = ref_counts[term]
        rows.append(
            {
                "term": term,
                "count": int(a),
                "per_1000": a / own_total * 1000,
                "ref_per_1000": b / ref_total * 1000,
                "g2": _signed_g2(a, b, own_total, ref_total),
                "log_ratio": math.log2((a / own_total) / ((b if b > 0 else 0.5) / ref_total)),
                "in_reference": in_ref[term],
            }
        )
    columns = ["term", "count", "per_1000", "ref_per_1000", "g2", "log_ratio", "in_reference"]
    table = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(
        {c: pd.Series(dtype="float64") for c in columns}).astype({"term": "object", "count": "int64", "in_reference": "bool"})
    table["p_value"] = table["g2"].abs().map(lambda g: math.erfc(math.sqrt(g / 2)))
    table = table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)
    table["article_id"] = article.id
    return table.head(top) if top else table


def _signed_g2(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G2 of a word seen ``a`` times in ``c`` words against ``b`` times in ``d`` (Rayson & Garside 2000)."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2 * ((a * math.log(a / e1) if a > 0 else 0.0) + (b * math.log(b / e2) if b > 0 else 0.0))
    return g2 if a / c >= b / d else -g2


def _wordfreq_proportions(terms: list[str]) -> dict[str, float]:
    from wordfreq import word_frequency  # lazy: its word lists load on import, and only keyness reads them

    return {t: word_frequency(t, "en") for t in terms}


@per_article
def concordance(
    article: Article,
    query: str | Sequence[str],
    *,
    parts: Sequence[str] | None = DEFAULT_PARTS,
    window: int = 6,
) -> pd.DataFrame:
    """Keyword in context (KWIC): every occurrence of a word or phrase, with the words around it.

    Matching is on whole tokens, ignoring case; a phrase matches consecutive tokens.

    Args:
        article: The article.
        query: A word (``"sanctions"``), a phrase (``"Russian Federation"``) or a list of tokens.
        parts: Parts to search (default headline, standfirst and body).
        window: Tokens of context on each side (punctuation included).

    Returns:
        One row per hit: ``left``, ``keyword``, ``right`` (as they stand in the text),
        ``part``, ``paragraph``, ``sentence``, ``start``, ``end`` (the keyword's characters).

    Example:
        >>> concordance(article, "sanctions")[["left", "keyword", "right"]].head(2)  # doctest: +SKIP
    """
    words = query.split() if isinstance(query, str) else list(query)
    if isinstance(query, str) and len(words) == 1:
        words = [query[s:e] for s, e in tokenize_words(query)] or words
    words = [w.lower() for w in words if w.strip()]
    if not words:
        raise InvalidArgument(f"query={query!r}: nothing to look for. Fix: give a word or a phrase.")
    tokens = scope_tokens(article, parts=parts, words_only=False).reset_index(drop=True)
    lowers = tokens["lower"].tolist()
    text = article.text
    rows = []
    n = len(words)
    for i in range(len(lowers) - n + 1):
        if lowers[i : i + n] != words:
            continue
        start, end = int(tokens.at[i, "start"]), int(tokens.at[i + n - 1, "end"])
        left_start = int(tokens.at[max(0, i - window), "start"])
        right_end = int(tokens.at[min(len(tokens) - 1, i + n - 1 + window), "end"])
        rows.append(
            {
                "left": _flat(text[left_start:start]),
                "keyword": text[start:end],
                "right": _flat(text[end:right_end]),
                "part": tokens.at[i, "part"],
                "paragraph": int(tokens.at[i, "paragraph"]),
                "sentence": int(tokens.at[i, "sentence"]),
                "start": start,
                "end": end,
            }
        )
    table = pd.DataFrame(rows, columns=["left", "keyword", "right", "part", "paragraph", "sentence", "start", "end"])
    table["article_id"] = article.id
    return table


def _flat(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text.strip()


@per_article
def dispersion(
    article: Article, terms: Sequence[str], *, parts: Sequence[str] | None = DEFAULT_PARTS
) -> pd.DataFrame:
    """Where chosen words occur: one row per occurrence with its word position in the scope.

    Returns:
        ``term``, ``word_position`` (0-based among the words in scope), ``part``,
        ``paragraph``, ``sentence``, ``start``, ``end``.
    """
    tokens = scope_tokens(article, parts=parts).reset_index(drop=True)
    tokens["word_position"] = range(len(tokens))
    wanted = {t.lower(): t for t in terms}
    hits = tokens[tokens["lower"].isin(wanted)].copy()
    hits["term"] = hits["lower"].map(wanted)
    cols = ["term", "word_position", "part", "paragraph", "sentence", "start", "end"]
    out = hits[cols].reset_index(drop=True)
    out["article_id"] = article.id
    out.attrs["total_words"] = len(tokens)
    out.attrs["paragraph_starts"] = tokens.groupby("paragraph")["word_position"].min().tolist()
    out.attrs["terms"] = list(terms)
    return out


@per_article
def lexical_stats(article: Article, *, parts: Sequence[str] | None = DEFAULT_PARTS) -> pd.DataFrame:
    """Tokens, words, types, type-token ratio and hapaxes, in one row.

    Returns:
        ``tokens`` (all tokens, punctuation included), ``words``, ``types`` (distinct
        lower-case words), ``ttr`` (types / words), ``hapaxes`` (words seen once),
        ``hapax_ratio`` (hapaxes / types), ``parts`` (the parts counted: a ratio of the body is
        not a ratio of the whole article).
    """
    all_tokens = scope_tokens(article, parts=parts, words_only=False)
    words = all_tokens[all_tokens["is_word"]]
    counts = words["lower"].value_counts()
    n_words, n_types = len(words), len(counts)
    hapaxes = int((counts == 1).sum())
    return pd.DataFrame(
        [
            {
                "article_id": article.id,
                "tokens": len(all_tokens),
                "words": n_words,
                "types": n_types,
                "ttr": n_types / n_words if n_words else 0.0,
                "hapaxes": hapaxes,
                "hapax_ratio": hapaxes / n_types if n_types else 0.0,
                "parts": ", ".join(parts) if parts else "all",
            }
        ]
    )
