"""Entity mentions: who and what the article names, with aliases merged into canonical entities.

Extraction runs spaCy's English NER over newslens's own NLTK tokens (so every mention lines up
with token and character offsets), on the article's prose only: the site line and the dateline
are metadata, and a caption's numbering is not a name. Then, within each article:

* titles and roles that spaCy tags as names ("the Minister of Foreign Affairs") are dropped;
* group names it misses ("G-7", "G20") are added from patterns;
* a name tagged once is found again where spaCy missed it (alias propagation);
* an amount the model tagged as a name ("£347m") is an amount (MONEY or CARDINAL), and a word
  that opens a sentence is no person ("Wildfire forces ...");
* a title before a name makes a person ("Col Oleksandr Marchenko"), and a noun after a name says
  what it is ("Brentford boss ...", "the Arbaeen pilgrimage");
* every mention gets a ``canonical`` name: a leading "the", an honorific or rank (Mr, Ms, Dr, Sir,
  Col, Det Insp, ...) and a possessive dropped, case variants merged, a surname or first name alone
  merged into the full name ("Rudenko" -> "Andrei Rudenko", "Ms Khan" -> "Irene Khan"), a body
  named by its last word into the only one of that kind ("the Commission" -> "European Commission"), then the
  shipped table of common variants ("Britain" -> "United Kingdom", :func:`default_aliases`), the
  acronyms the article defines ("Korean Central News Agency (KCNA)": KCNA -> Korean Central News
  Agency) and a user alias table on top of them ("Moscow" -> "Russia");
* all mentions of one entity get one label (the majority; ties go to the more specific label).

The rules over the model's spans live in :mod:`newslens.mention_rules` (:func:`named_spans`), the
canonical names and labels in :mod:`newslens.canonical`; this module extracts, propagates and
makes the table.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import nltk
import pandas as pd

from newslens.article import Article
from newslens.canonical import MENTION_COLUMNS, canonicalize, default_aliases, load_aliases
from newslens.dispatch import named, per_article
from newslens.errors import InvalidArgument, MissingData
from newslens.layouts import COUNTED_PARTS
from newslens.mention_rules import ADDRESSED, NUMERIC_LABELS, after_title, named_spans
from newslens.names import NAME_PARTICLES, first_name_gender
from newslens.nlp import spacy_docs

__all__ = [
    "NUMERIC_LABELS",
    "canonicalize",
    "entity_mentions",
    "entity_summary",
    "entity_spread",
    "cooccurrence",
    "load_aliases",
    "default_aliases",
    "alias_key",
    "mentions_from_tree",
]

_NLTK_LABELS = {"ORGANIZATION": "ORG", "LOCATION": "LOC", "FACILITY": "FAC", "GSP": "GPE", "PERSON": "PERSON", "GPE": "GPE"}


@per_article
def entity_mentions(
    article: Article,
    *,
    backend: Literal["spacy", "nltk"] = "spacy",
    aliases: str | Path | Mapping[str, str] | None = None,
    parts: Sequence[str] = COUNTED_PARTS,
    numeric: bool = True,
) -> pd.DataFrame:
    """One row per entity mention, with its canonical entity.

    Args:
        article: The article.
        backend: ``"spacy"`` (default: the English model over newslens tokens) or ``"nltk"``
            (``nltk.pos_tag`` + ``nltk.ne_chunk``, which need NLTK's data installed).
        aliases: An alias table: a CSV file with columns ``alias,canonical`` or a dict; see
            :func:`load_aliases`.
        parts: The parts to read (default :data:`newslens.layouts.COUNTED_PARTS`: headline,
            standfirst and body, the scope of the word counts; add ``"caption"`` for photo captions).
        numeric: Keep dates, times, numbers and amounts (``NUMERIC_LABELS``).

    Returns:
        ``text``, ``label`` (PERSON, ORG, GPE, LOC, NORP, DATE, ...), ``canonical``, ``part``,
        ``paragraph``, ``sentence``, ``start``, ``end`` (characters of the article text),
        ``token_start``, ``token_end`` (token positions, end exclusive), ``source`` (``spacy``,
        ``nltk``, ``pattern`` or ``propagated``), ``article_id``.

    Raises:
        ArticleError: ``backend`` is unknown, the spaCy model is missing, or (``backend="nltk"``)
            NLTK's data is not installed; the message names the ``nltk.download(...)`` calls.

    Example:
        >>> m = entity_mentions(article)  # doctest: +SKIP
        >>> m.query("label == 'PERSON'")["canonical"].value_counts()  # doctest: +SKIP
    """
    if isinstance(aliases, Mapping):
        aliases = dict(aliases)
    key = ("entity_mentions", backend, alias_key(aliases), tuple(parts))
    # NLTK's results depend on whatever NLTK data is installed, so only spaCy's are kept on disk
    mentions = article.memo(key, lambda: _entity_mentions(article, backend, aliases, parts), disk=backend == "spacy")
    if not numeric:
        mentions = mentions[~mentions["label"].isin(NUMERIC_LABELS)].reset_index(drop=True)
    mentions.attrs["scope"] = tuple(parts)  # the parts read, which charts state
    return mentions


def alias_key(aliases: str | Path | Mapping[str, str] | None) -> Any:
    """The alias table as part of a memo or cache key: a dict by its sorted items, a file by its
    name and a digest of its content (so that editing the file makes newslens recompute)."""
    if aliases is None:
        return None
    if isinstance(aliases, Mapping):
        return tuple(sorted(aliases.items()))
    path = Path(aliases)
    if not path.is_file():
        return str(aliases)  # load_aliases raises the error
    return str(aliases), hashlib.sha256(path.read_bytes()).hexdigest()


def _entity_mentions(article: Article, backend: str, aliases: Any, parts: Sequence[str]) -> pd.DataFrame:
    tokens = article.tokens[article.tokens["part"].isin(parts)]
    tokens = tokens[~_caption_numbering(tokens)].reset_index(drop=True)
    if tokens.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    if backend == "spacy":
        spans = _spacy_spans(article, tokens)
    elif backend == "nltk":
        spans = _nltk_spans(tokens)
    else:
        raise InvalidArgument(f"backend={backend!r}: not an entity backend. Fix: use backend='spacy' or backend='nltk'.")
    spans, acronyms = named_spans(tokens, spans)
    mentions = _to_table(article, tokens, spans)
    mentions = _propagate(article, tokens, mentions)
    return canonicalize(mentions, aliases=aliases, defined=acronyms, titled=_titled(tokens, mentions))


def _titled(tokens: pd.DataFrame, mentions: pd.DataFrame) -> list[bool]:
    """Each mention written right after a person's title ("Gov. Chris Christie", "Mr. Trump")."""
    words = tokens["token"].tolist()
    row_of = {p: i for i, p in enumerate(tokens["position"].tolist())}
    return [after_title(words, row_of.get(start, 0)) for start in mentions["token_start"]]


def _caption_numbering(tokens: pd.DataFrame) -> pd.Series:
    """Mark a caption's trailing "- 1" (photo numbering), which is not part of the caption's words."""
    mark = pd.Series(False, index=tokens.index)
    for _, cap in tokens[tokens["part"] == "caption"].groupby("paragraph"):
        toks = cap["token"].tolist()
        if len(toks) >= 2 and toks[-1].isdigit() and toks[-2] in "-–—":
            mark[cap.index[-2:]] = True
    return mark


# ----------------------------------------------------------------------------------------- spaCy


def _spacy_spans(article: Article, tokens: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """(token_start, token_end, label, source) per spaCy entity, never crossing a paragraph."""
    paragraphs = [para for _, para in tokens.groupby("paragraph", sort=True)]
    docs = spacy_docs(paragraphs, article.text, components=("ner",))
    spans = []
    for para, doc in zip(paragraphs, docs):
        offset = para.index[0]
        spans.extend((offset + e.start, offset + e.end, e.label_, "spacy") for e in doc.ents)
    return spans


# ------------------------------------------------------------------------------------------ NLTK


_NLTK_DATA = {
    "taggers/averaged_perceptron_tagger_eng/": "averaged_perceptron_tagger_eng",
    "chunkers/maxent_ne_chunker_tab/english_ace_multiclass/": "maxent_ne_chunker_tab",
    "corpora/words": "words",
}


def _nltk_spans(tokens: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    missing = []
    for resource, package in _NLTK_DATA.items():
        try:
            nltk.data.find(resource)
        except LookupError:
            missing.append(package)
    if missing:
        calls = "; ".join(f"nltk.download('{p}')" for p in missing)
        raise MissingData(
            f"backend='nltk' needs NLTK data that is not installed ({', '.join(missing)}). "
            f"Fix: python -c \"import nltk; {calls}\", or use the default backend='spacy'."
        )
    spans = []
    for _, sent in tokens.groupby("sentence", sort=True):
        words = sent["token"].tolist()
        tree = nltk.ne_chunk(nltk.pos_tag(words))
        spans.extend((sent.index[0] + s, sent.index[0] + e, label, "nltk") for s, e, label in mentions_from_tree(tree))
    return spans


def mentions_from_tree(tree: Any) -> list[tuple[int, int, str]]:
    """Convert an ``nltk.ne_chunk`` tree into ``(token_start, token_end, label)`` spans.

    Token positions count the tree's leaves in order; NLTK's labels become spaCy's
    (ORGANIZATION -> ORG, LOCATION -> LOC, FACILITY -> FAC, GSP -> GPE).

    Example:
        >>> from nltk.tree import Tree
        >>> t = Tree("S", [Tree("PERSON", [("Andrei", "NNP"), ("Rudenko", "NNP")]), ("spoke", "VBD")])
        >>> mentions_from_tree(t)
        [(0, 2, 'PERSON')]
    """
    spans = []
    position = 0
    for node in tree:
        if hasattr(node, "label") and callable(node.label):
            width = len(node.leaves())
            spans.append((position, position + width, _NLTK_LABELS.get(node.label(), node.label())))
            position += width
        else:
            position += 1
    return spans


# ------------------------------------------------------------------------------ cleaning, patterns


def _to_table(article: Article, tokens: pd.DataFrame, spans: list[tuple[int, int, str, str]]) -> pd.DataFrame:
    part, paragraph, sentence = tokens["part"].tolist(), tokens["paragraph"].tolist(), tokens["sentence"].tolist()
    start, end, position = tokens["start"].tolist(), tokens["end"].tolist(), tokens["position"].tolist()
    rows = [
        {
            "text": article.text[start[s] : end[e - 1]],
            "label": label,
            "part": part[s],
            "paragraph": int(paragraph[s]),
            "sentence": int(sentence[s]),
            "start": int(start[s]),
            "end": int(end[e - 1]),
            "token_start": int(position[s]),
            "token_end": int(position[e - 1]) + 1,
            "source": source,
        }
        for s, e, label, source in spans
    ]
    table = pd.DataFrame(rows, columns=[c for c in MENTION_COLUMNS if c not in ("canonical", "article_id")])
    table["article_id"] = article.id
    return table


def _propagate(article: Article, tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Find again, where the model missed them, names it tagged elsewhere in the article.

    Only capitalised names are propagated, matched as whole tokens with the same
    capitalisation; a person's surname alone is propagated too ("Steve Whitmore" ... "Whitmore").
    """
    names = mentions[~mentions["label"].isin(NUMERIC_LABELS)]
    if names.empty:
        return mentions
    words, position, paragraph = tokens["token"].tolist(), tokens["position"].tolist(), tokens["paragraph"].tolist()
    row_of = {p: i for i, p in enumerate(position)}
    forms: dict[tuple[str, ...], str] = {}
    first_names: list[str] = []
    for start, end, label in zip(names["token_start"], names["token_end"], names["label"]):
        toks = tuple(_strip_the([words[row_of[p]] for p in range(start, end) if p in row_of]))
        if toks and toks[0][:1].isupper():
            forms.setdefault(toks, label)
            surname = toks[-1]
            if (label == "PERSON" and len(toks) >= 2 and surname[:1].isupper() and len(surname) > 2
                    and surname not in ADDRESSED):  # "Mr. President" is no Mr. President-surname
                forms.setdefault((surname,), "PERSON")
                for particled in _particle_surnames(toks):  # "ten Hag", and "Ten Hag" opening a sentence
                    forms.setdefault(particled, "PERSON")
            if label == "PERSON" and len(toks) >= 2 and first_name_gender(toks[0]) is not None:
                first_names.append(toks[0])
    for first in first_names:  # "Isabel Ruiz" ... "me and Isabel", unless "Isabel" alone was tagged otherwise
        forms.setdefault((first,), "PERSON")
    spelled = mentions["label"].isin(NUMERIC_LABELS) & mentions["text"].str.isalpha()  # "Ten" of "Ten Hag"
    covered = {i for a, b in zip(mentions.loc[~spelled, "token_start"], mentions.loc[~spelled, "token_end"])
               for i in range(a, b)}
    at: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        at[word].append(i)
    extra = []
    for form, label in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        n = len(form)
        for i in at.get(form[0], ()):
            if tuple(words[i : i + n]) != form:
                continue
            positions = set(position[i : i + n])
            if positions & covered or paragraph[i] != paragraph[i + n - 1]:
                continue
            covered |= positions
            extra.append((i, i + n, label, "propagated"))
    if not extra:
        return mentions
    added = _to_table(article, tokens, sorted(extra))
    named = {p for a, b in zip(added["token_start"], added["token_end"]) for p in range(a, b)}
    overlapped = pd.Series([bool(named.intersection(range(a, b))) for a, b in
                            zip(mentions["token_start"], mentions["token_end"])], index=mentions.index, dtype=bool)
    mentions = mentions[~(spelled & overlapped)]
    return pd.concat([mentions, added], ignore_index=True).sort_values("start", kind="stable").reset_index(drop=True)


def _particle_surnames(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The surname of a name with particles, as written and capitalised: "Erik ten Hag" gives
    ("ten", "Hag") and ("Ten", "Hag"); a name without particles gives none."""
    k = len(toks) - 1
    while k > 1 and toks[k - 1] in NAME_PARTICLES:
        k -= 1
    if k == len(toks) - 1:
        return []
    surname = toks[k:]
    return [surname, (surname[0].capitalize(), *surname[1:])]


def _strip_the(words: list[str]) -> list[str]:
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1] in ("'s", "’s", "'", "’"):
        words = words[:-1]
    return words


# --------------------------------------------------------------------------------- canonical names


# ------------------------------------------------------------------------------------- summaries


def entity_spread(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical entity across a corpus: in how many articles it is named, and how often.

    Args:
        mentions: Entity mentions of several articles (``entity_mentions(corpus)``).

    Returns:
        ``entity``, ``label``, ``articles`` (articles that name it), ``mentions``, ``share``
        (of the articles in ``mentions``); named in the most articles first.

    Example:
        >>> entity_spread(entity_mentions(corpus, numeric=False)).head()  # doctest: +SKIP
    """
    cols = ["entity", "label", "articles", "mentions", "share"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    table = mentions.groupby("canonical", sort=False).agg(
        label=("label", lambda s: s.mode().iloc[0]), articles=("article_id", "nunique"), mentions=("canonical", "size")
    )
    table["share"] = (table["articles"] / mentions["article_id"].nunique()).round(3)
    table = table.rename_axis("entity").reset_index()
    table = table.sort_values(["articles", "mentions", "entity"], ascending=[False, False, True])
    return named(table.reset_index(drop=True)[cols], "entity-spread")


def entity_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical entity.

    Returns:
        ``entity``, ``label``, ``mentions``, ``first_sentence`` (where it is first named),
        ``parts`` (where it appears), ``forms`` (the surface forms, most frequent first),
        ``article_id``; most mentioned first.

    Example:
        >>> entity_summary(entity_mentions(article)).head()  # doctest: +SKIP
    """
    cols = ["entity", "label", "mentions", "first_sentence", "parts", "forms", "article_id"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    keys = ["article_id", "canonical"]
    rows = []
    for (article_id, name), group in mentions.groupby(keys, sort=False):
        forms = Counter(group["text"])
        rows.append(
            {
                "entity": name,
                "label": group["label"].iloc[0],
                "mentions": len(group),
                "first_sentence": int(group["sentence"].min()),
                "parts": ", ".join(dict.fromkeys(group["part"])),
                "forms": ", ".join(f for f, _ in forms.most_common()),
                "article_id": article_id,
            }
        )
    table = pd.DataFrame(rows, columns=cols)
    table = table.sort_values(["article_id", "mentions", "first_sentence"], ascending=[True, False, True])
    table = table.reset_index(drop=True)
    if "scope" in mentions.attrs:
        table.attrs["scope"] = mentions.attrs["scope"]
    return named(table, "entity-summary")


def cooccurrence(mentions: pd.DataFrame, *, numeric: bool = False) -> pd.DataFrame:
    """Pairs of entities named in the same sentence, with how many sentences they share.

    Returns:
        ``source``, ``target`` (canonical names, in alphabetical order), ``sentences``.
    """
    names = mentions if numeric else mentions[~mentions["label"].isin(NUMERIC_LABELS)]
    pairs: Counter[tuple[str, str]] = Counter()
    for _, group in names.groupby(["article_id", "sentence"]):
        entities = sorted(set(group["canonical"]))
        for i, a in enumerate(entities):
            for b in entities[i + 1 :]:
                pairs[(a, b)] += 1
    rows = [{"source": a, "target": b, "sentences": n} for (a, b), n in pairs.items()]
    return named(pd.DataFrame(rows, columns=["source", "target", "sentences"]).sort_values(
        ["sentences", "source", "target"], ascending=[False, True, True]
    ).reset_index(drop=True), "cooccurrence")
