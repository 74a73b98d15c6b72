"""Entity mentions: who and what the article names, with aliases merged into canonical entities.

Extraction runs spaCy's English NER over newslens's own NLTK tokens (so every mention lines up
with token and character offsets), on the article's prose only: the site line and the dateline
are metadata, and a caption's numbering is not a name. Then, within each article:

* titles and roles that spaCy tags as names ("the Minister of Foreign Affairs") are dropped;
* group names it misses ("G-7", "G20") are added from patterns;
* a name tagged once is found again where spaCy missed it (alias propagation);
* an amount the model tagged as a name ("£347m") is an amount (MONEY or CARDINAL);
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
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import nltk
import pandas as pd

from newslens.article import Article
from newslens.dispatch import named, per_article
from newslens.errors import ArticleError, InvalidArgument, MissingData
from newslens.layouts import COUNTED_PARTS
from newslens.names import (
    HONORIFICS,
    MONTHS,
    NAME_FILLERS,
    PERSONAL_TITLES,
    RANKS,
    ROLE_NOUNS,
    WEEKDAYS,
    country_or_capital,
    first_name_gender,
)
from newslens.nlp import spacy_docs

__all__ = [
    "NUMERIC_LABELS",
    "entity_mentions",
    "entity_summary",
    "entity_spread",
    "cooccurrence",
    "load_aliases",
    "default_aliases",
    "alias_key",
    "mentions_from_tree",
]

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
"""Labels for numbers and dates rather than names."""

LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE")
"""Tie-break when an entity's mentions are labelled differently as often: the earlier label wins."""

_COLUMNS = ["text", "label", "canonical", "part", "paragraph", "sentence", "start", "end",
            "token_start", "token_end", "source", "article_id"]
_TITLE_WORDS = frozenset(
    "minister ministers president presidents secretary chairman chairwoman chair spokesman spokeswoman "
    "spokesperson ambassador governor mayor senator deputy head chief director premier chancellor king queen "
    "prince princess general commander envoy official officials prosecutor judge justice".split()
)
_GROUP_PATTERN = re.compile(r"^G-?(?:7|8|20|77)$")
_PREFIX = re.compile(r"^(?:the|The|THE)\s+")
_AMOUNT = re.compile(r"^(?:[£$€¥₹]?\d[\d,.]*(?:m|bn|mn|tn|k)?|[£$€¥₹]|million|billion|trillion|thousand)$", re.IGNORECASE)
_CURRENCY = frozenset("£$€¥₹")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
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
        return pd.DataFrame(columns=_COLUMNS)
    if backend == "spacy":
        spans = _spacy_spans(article, tokens)
    elif backend == "nltk":
        spans = _nltk_spans(tokens)
    else:
        raise InvalidArgument(f"backend={backend!r}: not an entity backend. Fix: use backend='spacy' or backend='nltk'.")
    words = tokens["token"].tolist()
    spans = [_label_from_name(words, _amount_label(words, s)) for s in spans if not _is_title(words, s)]
    spans = _drop_lower_case(tokens, spans)
    spans = _countries_not_people(words, spans)
    spans = _common_words_not_people(tokens, spans)
    spans = _add_patterns(tokens, spans)
    spans = _add_first_name_people(words, spans)
    spans = _add_role_people(words, spans)
    spans = _extend_name_particles(words, spans)
    spans = _extend_coordinated_names(words, spans)
    spans = _introduced_organisations(words, spans)
    spans = _things_by_next_noun(words, spans, list(zip(tokens["paragraph"], tokens["sentence"])))
    spans = _clubs_before_roles(words, spans)
    spans, acronyms = _acronyms(words, spans)
    mentions = _to_table(article, tokens, spans)
    mentions = _propagate(article, tokens, mentions)
    return canonicalize(mentions, aliases=aliases, defined=acronyms)


def _drop_lower_case(tokens: pd.DataFrame, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A name is written with a capital letter: a mention with none ("mosques", "the island sea",
    "made-for-television") is the model's guess at a common word, unless the text is written all
    in lower case (most of its sentences start lower-case), where the model's mentions stay; and
    a mention kept ends in a capitalised word (:func:`_trim_lower_end`)."""
    firsts = [w for w in tokens.groupby(["paragraph", "sentence"], sort=False)["token"].first() if w[:1].isalpha()]
    if not firsts or sum(w[0].isupper() for w in firsts) * 2 <= len(firsts):
        return spans
    words = tokens["token"].tolist()
    kept = [s for s in spans if s[2] in NUMERIC_LABELS or any(c.isupper() for w in words[s[0] : s[1]] for c in w)]
    trimmed = [_trim_lower_end(words, s) for s in kept]
    return [s for s in trimmed if s is not None]


def _trim_lower_end(words: list[str], span: tuple[int, int, str, str]) -> tuple[int, int, str, str] | None:
    """A name ends in a capitalised word: the model's "Zubimendi told" (WORK_OF_ART) is "Zubimendi",
    and its "The firm" (ORG) is no name at all."""
    start, end, label, source = span
    if label in NUMERIC_LABELS:
        return span
    while end - start > 1 and words[end - 1].isalpha() and words[end - 1].islower():
        end -= 1
    if end < span[1] and all(w.lower() in NAME_FILLERS for w in words[start:end]):
        return None
    return start, end, label, source


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


def _is_title(tokens: list[str], span: tuple[int, int, str, str]) -> bool:
    """A role tagged as an organisation: "the Minister of Foreign Affairs", "the Foreign Minister"
    (its head, the last word before "of" or "for", is a title). Not a name that starts with a
    title word ("General Motors", "the Premier League", "the Justice Department", "the Brennan
    Center for Justice"; a "Ministry" is a name)."""
    start, end, label, _ = span
    if label != "ORG":
        return False
    words = [t for t in tokens[start:end] if t.lower() != "the"]
    cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
    return cut > 0 and words[cut - 1].lower() in _TITLE_WORDS


_PLACE_FIRST = {"Fort": "GPE", "Port": "GPE", "Mount": "LOC", "Mt": "LOC", "Mt.": "LOC", "Lake": "LOC",
                "Cape": "LOC", "Isla": "LOC", "Lago": "LOC", "Monte": "LOC"}
"""First words that make a name a place ("Fort Lee", "Mount Hood", "Lake Tahoe")."""
_PLACE_LAST = {
    **dict.fromkeys("Street Road Avenue Ave Boulevard Blvd Lane Square Plaza Terrace Station Airport Bridge Tunnel "
                    "Stadium Arena Theatre Theater Museum Library Tower Hotel Prison Cathedral Hospital University "
                    "College School Centre Center Memorial".split(), "FAC"),
    **dict.fromkeys("River Island Islands Falls Mountain Mountains Cliffs Beach Harbour Harbor Valley Canyon Heights "
                    "Desert Forest Coast".split(), "LOC"),
    "County": "GPE",
}
"""Last words that make a name a place or a building ("Penn Station", "Englewood Cliffs")."""
_PLACE_LAST_UNLESS_NAMED = {"Park": "FAC", "Lodge": "FAC", "Manor": "FAC"}
"""Last words that are also surnames ("Michael Park", "David Lodge"): a place only when the name
does not start with a first name ("Fort Lee Historic Park", "Elm Lodge", "Oak Manor"). "Hill", "Hall",
"Lake" are left to the model ("Marc Lamont Hill": "Marc" is not on the first-name list)."""
_ORG_LAST = dict.fromkeys(
    "United FC AFC Rovers Athletic Wanderers Albion Hotspur Inc Ltd Corp Plc PLC LLC Group Party Council Committee "
    "Association Airlines Airways Motors Agency Ministry Department Commission Foundation Institute Society Club "
    "Company Corporation Holdings Radio TV Television News Media Network Water Energy Gas Rail Railways Trains "
    "Bank Telecom Pharmaceuticals Insurance".split(), "ORG")
"""Last words that make a name an organisation ("Manchester United", "Acme Holdings", "Hits Radio",
"Anglian Water", "Octopus Energy")."""


def _label_from_name(tokens: list[str], span: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """A place or an organisation the model tagged PERSON whose name says what it is: "Fort Lee",
    "Lee Historic Park", "Englewood Cliffs", "Manchester United"; and a person the model tagged a
    place whose title says it is one ("Dr Okafor"; an organisation keeps its label: "Dr Martens")."""
    start, end, label, source = span
    words = [w for w in tokens[start:end] if w.lower() != "the"]
    if label in ("GPE", "LOC", "FAC", "NORP") and len(words) >= 2 and words[0].rstrip(".") in RANKS | HONORIFICS:
        return start, end, "PERSON", source
    if label != "PERSON" or len(words) < 2:
        return span
    last = _POSSESSIVE.sub("", words[-1])  # "Penn Station's"
    place = _PLACE_FIRST.get(words[0]) or _PLACE_LAST.get(last) or _ORG_LAST.get(last)
    if place is None and first_name_gender(words[0]) is None:  # "Verde Rivers", not "Joan Rivers"
        place = _PLACE_LAST.get(last.removesuffix("s")) or _PLACE_LAST_UNLESS_NAMED.get(last)
    return span if place is None else (start, end, place, source)


def _countries_not_people(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A country or capital the model tagged PERSON ("Kyiv had accepted the plan", "allow Kyiv to
    rearm": the small model learnt "Kiev") is a place (GPE), unless a person of the article bears
    the name ("Michael Jordan" ... "Jordan"), it is a common first name ("Victoria", "Douglas") or a
    title stands before it ("Ms Georgia")."""
    people = {w for start, end, label, _ in spans if label == "PERSON" and end - start > 1 for w in words[start:end]}

    def place(span: tuple[int, int, str, str]) -> bool:
        start, end, label, _ = span
        name = " ".join(words[start:end])
        titled = start > 0 and words[start - 1].rstrip(".") in PERSONAL_TITLES
        alone = end - start > 1 or (name not in people and first_name_gender(name) is None)  # not "Victoria said"
        return label == "PERSON" and country_or_capital(name) and not titled and alone

    return [(s[0], s[1], "GPE", s[3]) if place(s) else s for s in spans]


def _common_words_not_people(tokens: pd.DataFrame, spans: list[tuple[int, int, str, str]]
                             ) -> list[tuple[int, int, str, str]]:
    """A word the model took for a person's name because it opens a sentence is no name: a one-word
    PERSON mention that opens its sentence (or the headline) and is no common first name, when the
    article writes the word in lower case elsewhere ("Wildfire forces thousands from homes" ...
    "as a wildfire spread"), or, opening the headline, never writes it again ("Keeper's error
    costs Rovers" with no other "Keeper"); not when the word is a name elsewhere in the article,
    inside a sentence."""
    words = tokens["token"].tolist()
    firsts = set(tokens.groupby(["paragraph", "sentence"], sort=False).head(1).index)
    headline = next((i for i in firsts if tokens["part"].iat[i] == "headline"), None)
    lower = {w for w in words if w.islower()}
    named_inside = {words[i] for s, e, label, _ in spans if label not in NUMERIC_LABELS
                    for i in range(s, e) if i not in firsts}
    counts = Counter(words)

    def common(s: int, e: int, label: str) -> bool:
        word = words[s]
        if label != "PERSON" or e - s != 1 or s not in firsts or not word.isalpha() or word in named_inside:
            return False
        if first_name_gender(word) is not None:
            return False
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        return base.lower() in lower or (s == headline and counts[word] == 1)

    return [sp for sp in spans if not common(*sp[:3])]


def _amount_label(tokens: list[str], span: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """An amount or a number is never a name: "£347m" or "5.5bn" tagged PERSON or GPE (the model
    reads a currency sign fused to digits as a word) becomes MONEY (with a currency sign) or CARDINAL."""
    start, end, label, source = span
    words = tokens[start:end]
    if label in NUMERIC_LABELS or not words or not all(_AMOUNT.match(w) for w in words):
        return span
    return start, end, "MONEY" if any(w[:1] in _CURRENCY for w in words) else "CARDINAL", source


_NOT_SURNAMES = frozenset(
    "Street Road Avenue Lane Square Station University College School Hospital Park Bridge Airport Centre Center "
    "Hall House Church Cathedral River Lake Island Bay Award Awards Prize Foundation Institute Trust Fund Day Cup "
    "Stadium Arena Theatre Theater Museum Library Building Tower County City Falls Mountain Hotel Prison Court "
    "Act Bill Line Group Company Inc Ltd Corp Memorial Medal Show Festival Club Bowl Bible Gospel Series "
    "Trophy Games Open".split())


def _add_first_name_people(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A person the model missed: a common first name ("Irene") followed by one or two capitalised
    words that no mention covers ("Irene Khan"), unless the last is a place or an institution
    ("Victoria Station", "Charles River")."""
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    extra = []
    i = 0
    while i < len(words) - 1:
        if i in covered or not words[i].istitle() or first_name_gender(words[i]) is None:
            i += 1
            continue
        j = i + 1
        while (j < len(words) and j - i <= 2 and j not in covered and words[j].istitle() and words[j].isalpha()
               and words[j].lower() not in NAME_FILLERS):
            j += 1
        if j > i + 1 and words[j - 1] not in _NOT_SURNAMES and (j >= len(words) or not words[j][:1].isupper()):
            extra.append((i, j, "PERSON", "first name"))
        i = j
    return sorted(spans + extra)


_TITLES = "|".join(sorted(RANKS | HONORIFICS | {"Miss", "Sir", "Dame"}))
_HONORIFIC = re.compile(rf"^(?:(?:{_TITLES})\.?\s+)+(?=[A-Z])")
"""The titles a canonical name drops ("Ms Khan" is Khan, "Det Insp Jane Rowe" Jane Rowe)."""


def _add_role_people(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A person the model missed, introduced by a role noun: "the grammarian Aelius Donatus" (two
    or three capitalised words, or an initial and a name, that no mention covers, after a
    lower-case role noun, with no place or institution word last and no capitalised word after
    them but one that starts another mention: "writer Aner Shalev Wednesday, September 19";
    not "the painter Bram Station"). A title written before a name introduces one the same way
    ("Col Oleksandr Marchenko"; after "Mr", "Ms", "Dr" a surname alone is enough)."""
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    extra = []
    for i, word in enumerate(words[:-1]):
        title = word.rstrip(".")
        if word.lower() in ROLE_NOUNS and (word.islower() or word.istitle()) or title in RANKS:  # "Manager Mikel Arteta"
            least = 2
        elif title in HONORIFICS:
            least = 1
        else:
            continue
        if words[i + 1].rstrip(".") in PERSONAL_TITLES:
            continue  # "Lt Col ...", "Prof Sir ...": the last title introduces the name
        j = i + 1
        while (j < len(words) and j - i <= 3 and j not in covered and words[j][:1].isupper()
               and (words[j].istitle() and words[j].replace("-", "").isalpha() or re.fullmatch(r"[A-Z]\.?", words[j]))):
            j += 1
        if (j - i - 1 >= least and (j >= len(words) or not words[j][:1].isupper() or j in covered)
                and words[j - 1] not in _NOT_SURNAMES | _ADDRESSED and not re.fullmatch(r"[A-Z]\.?", words[j - 1])):
            extra.append((i + 1, j, "PERSON", "role"))
    return sorted(spans + extra)


_NOUN_AFTER_NAME = {
    **dict.fromkeys("boss manager striker midfielder defender goalkeeper winger captain coach chairman owner "
                    "squad".split(), "ORG"),
    **dict.fromkeys("spacecraft probe lander rover satellite telescope rocket capsule spaceship vaccine drug app "
                    "chatbot".split(), "PRODUCT"),
    **dict.fromkeys("pilgrimage rite ritual ceremony festival".split(), "EVENT"),
    **dict.fromkeys("school college university academy hospital".split(), "ORG"),
    **dict.fromkeys("airport station stadium".split(), "FAC"),
}
"""Nouns written after a name that say what the name is: a club or company by the roles it gives
its members ("Brentford boss Thomas Frank"), a thing ("the Philae lander"), an event ("the Arbaeen
pilgrimage"), an institution or a building ("Harrow School" ... "he was sent to Harrow")."""


_NOT_CLUBS = frozenset("Former Ex Then New Interim Acting Assistant Caretaker Club Team The Senior Youth Joint".split())


def _clubs_before_roles(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A club the model missed, named before a role it gives its members and the member's name:
    "Former Arsenal captain Tony Adams" (one capitalised word no mention covers, before "captain",
    "manager", "striker", ... and a capitalised word; not "Former", "Interim", a first name or a
    role noun)."""
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    roles = {k for k, label in _NOUN_AFTER_NAME.items() if label == "ORG"}
    extra = []
    for i in range(len(words) - 2):
        word = words[i]
        if (i not in covered and word.istitle() and word.isalpha() and word not in _NOT_CLUBS
                and words[i + 1] in roles and words[i + 2].istitle() and word.lower() not in ROLE_NOUNS
                and not first_name_gender(word)):
            extra.append((i, i + 1, "ORG", "club"))
    return sorted(spans + extra)


def _things_by_next_noun(words: list[str], spans: list[tuple[int, int, str, str]],
                         sentence: list[Any]) -> list[tuple[int, int, str, str]]:
    """A one-word name the model tagged PERSON that stands, anywhere in the article, before a noun
    saying what it is (:data:`_NOUN_AFTER_NAME`: "Brentford boss Thomas Frank", "the Arbaeen
    pilgrimage") takes that label on every one-word mention, unless the word is a person's surname
    elsewhere in the article: the last word of a longer PERSON mention, or written after a
    capitalised word of its sentence that is not a function word ("Cole Palmer" ... "Cole captain";
    "Johannes Kepler", which the model may tag as "Kepler" alone, ... "the Kepler telescope").
    ``sentence`` says which sentence each word is in."""
    one = {words[s] for s, e, label, _ in spans if label == "PERSON" and e - s == 1}
    surnames = {words[e - 1] for s, e, label, _ in spans if label == "PERSON" and e - s >= 2} | {
        b for a, b, sa, sb in zip(words, words[1:], sentence, sentence[1:])
        if sa == sb and a[:1].isupper() and a.isalpha() and a.lower() not in NAME_FILLERS}
    relabel: dict[str, str] = {}
    for word, nxt in zip(words, words[1:]):
        if word in one and word not in surnames and nxt.lower() in _NOUN_AFTER_NAME:
            relabel.setdefault(word, _NOUN_AFTER_NAME[nxt.lower()])
    if not relabel:
        return spans
    return [(s, e, relabel[words[s]], source) if label == "PERSON" and e - s == 1 and words[s] in relabel
            else (s, e, label, source) for s, e, label, source in spans]


_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")


def _acronyms(words: list[str], spans: list[tuple[int, int, str, str]]
              ) -> tuple[list[tuple[int, int, str, str]], dict[str, str]]:
    """Acronyms the article defines: a name followed by its initials in brackets ("Korean Central
    News Agency (KCNA)", "Office for Democratic Institutions and Human Rights (ODIHR)") makes
    the acronym a mention with the name's label where the model missed it, and an alias of the
    name. The acronym starts with the name's first capital and uses only its capitals, so a credit
    after a name ("Christoph Blocher (AFP)") is no acronym; people's names are left alone."""
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    extra, defined = [], {}
    for s, e, label, _ in spans:
        if label == "PERSON" or label in NUMERIC_LABELS or e + 2 >= len(words) or words[e] != "(" or words[e + 2] != ")":
            continue
        acronym = words[e + 1]
        capitals = [c for w in words[s:e] if w.lower() != "the" for c in w if c.isupper()]
        if not _ACRONYM.match(acronym) or not capitals or acronym[0] != capitals[0] or not set(
                acronym.replace("&", "")) <= set(capitals):
            continue
        defined[acronym] = " ".join(words[s:e])
        if e + 1 not in covered:
            extra.append((e + 1, e + 2, label, "acronym"))
    return sorted(spans + extra), defined


_NAME_PARTICLES = frozenset("van von de der den ten ter da di du le la bin ibn al el dos das del".split())


def _extend_name_particles(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A person's name the model cut at a lower-case particle: "Erik" of "Erik ten Hag" (one or two
    particles, then a capitalised word that no mention covers, that starts a PERSON mention, or that
    the model read as a one-word name of another kind: "Leyen" GPE of "Ursula von der Leyen")."""
    by_start = {sp[0]: sp for sp in spans}
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    dropped: set[tuple[int, int, str, str]] = set()
    out = []
    for span in spans:
        if span in dropped:
            continue
        start, end, label, source = span
        j = end
        while j < len(words) and j - end < 2 and words[j] in _NAME_PARTICLES:
            j += 1
        if label == "PERSON" and end < j < len(words) and words[j][:1].isupper() and words[j].isalpha():
            nxt = by_start.get(j)
            if nxt is not None and (nxt[2] == "PERSON" or (nxt[1] == j + 1 and nxt[2] not in NUMERIC_LABELS)):
                dropped.add(nxt)  # "Ursula von der Leyen": the model's "Leyen" GPE is her surname
                span = (start, nxt[1], label, source)
            elif j not in covered:
                span = (start, j + 1, label, source)
            if span[1] > end:  # the model's reading of a particle goes ("ten" tagged CARDINAL)
                dropped.update(by_start[k] for k in range(end, j) if k in by_start)
        out.append(span)
    return out


_ORG_INTRODUCERS = frozenset("charity group union firm company organisation organization body association network "
                             "party broadcaster newspaper club regulator watchdog".split())
_NOT_NAMES = WEEKDAYS | MONTHS


def _introduced_organisations(words: list[str], spans: list[tuple[int, int, str, str]]
                              ) -> list[tuple[int, int, str, str]]:
    """An organisation named right after the noun that says what it is ("the charity Age UK",
    "campaign group Greenpeace UK", "the union Unite"): one to four capitalised words after "the
    charity", "group", "union", "firm", "the regulator", ... are its name, an ORG mention in place of the model's
    reading of part of it ("UK" GPE, "Greenpeace UK" PERSON) or where the model read nothing."""
    out = list(spans)
    for i, word in enumerate(words[:-1]):
        if word.lower() not in _ORG_INTRODUCERS or (i and words[i - 1].lower() not in ("the", "campaign", "pressure",
                                                                                        "lobby", "advocacy")):
            continue
        j = i + 1
        while j < len(words) and j - i <= 4 and words[j][:1].isupper() and words[j] not in _NOT_NAMES and (
                words[j].replace("-", "").isalpha()) and words[j].lower() not in NAME_FILLERS:
            j += 1
        if j == i + 1 or j - i > 4 or (j < len(words) and words[j][:1].isupper()):
            continue
        inside = [sp for sp in out if sp[0] < j and sp[1] > i + 1]
        if words[i + 1].lower() in ROLE_NOUNS | {"leader"} or any(
                sp[2] == "PERSON" and first_name_gender(words[sp[0]]) for sp in inside):
            continue  # "the party Leader Keir Starmer": a person
        if all(i + 1 <= sp[0] and sp[1] <= j and sp[2] in ("GPE", "PERSON", "NORP", "ORG", "LOC") for sp in inside):
            out = [sp for sp in out if sp not in inside] + [(i + 1, j, "ORG", "introduced")]
    return sorted(out)


def _extend_coordinated_names(words: list[str], spans: list[tuple[int, int, str, str]]
                              ) -> list[tuple[int, int, str, str]]:
    """An organisation's name the model cut at its "and": "Midwifery Council" of "the Nursing and
    Midwifery Council" (after "the", one capitalised word that no mention covers, then "and");
    "Somerset Police" of "Avon and Somerset Police" (one capitalised word before "and", untagged or
    a one-word mention, which the model reads as a place or a person: "Devon" PERSON of "Devon and
    Cornwall Police"; when the organisation's name ends as a public body's does:
    :data:`_COORDINATED_BODIES`)."""
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    places = {s: k for k, (s, e, label, _) in enumerate(spans) if e - s == 1 and label in ("GPE", "LOC", "PERSON")}
    out: list[tuple[int, int, str, str]] = []
    dropped = set()
    for start, end, label, source in spans:
        before = start - 2
        if label == "ORG" and start >= 2 and words[start - 1] == "and" and words[before][:1].isupper() \
                and words[before].isalpha():
            bare = before not in covered and start >= 3 and words[start - 3] in ("the", "The")
            place = (before in places or before not in covered) and words[end - 1] in _COORDINATED_BODIES
            if bare or place:
                start = before
                dropped.add(places.get(before))
        out.append((start, end, label, source))
    kept = [span for k, span in enumerate(out) if k not in dropped]
    return kept


_COORDINATED_BODIES = frozenset("Police Constabulary Council Service Services Trust Authority Board".split())
"""Last words of a public body named for two places ("Avon and Somerset Police", "Devon and
Cornwall Police"); not of a company ("Texas and Apple" stay two)."""


_PLATFORMS = frozenset(
    "Twitter Facebook Instagram TikTok YouTube Snapchat WhatsApp LinkedIn Reddit Weibo WeChat Bluesky Mastodon "
    "Google Netflix Spotify".split())
"""Platforms and their companies, organisations however the model reads them ("took to Twitter" is
no person, "posted on Instagram" no place)."""


_ADDRESS = frozenset("Mr Mr. Madam Madame".split())
_ADDRESSED = frozenset("President Speaker Chairman Chairwoman Chair Secretary Secretary-General Mayor Governor "
                       "Ambassador Minister Justice Senator".split())
_ADDRESSED_FIRST = frozenset("Chief Vice Prime Deputy".split())


def _add_patterns(tokens: pd.DataFrame, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Groups of nations ("G-7", "G20") and platforms ("Twitter") the model missed or mislabelled,
    and a person addressed by title ("Madam Speaker", "Mr. President", "Mr. Chief Justice")."""
    words = tokens["token"].tolist()
    spans = [(s, e, "ORG", source) if e - s == 1 and words[s] in _PLATFORMS else (s, e, label, source)
             for s, e, label, source in spans]
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    extra = [
        (i, i + 1, "ORG", "pattern")
        for i, tok in enumerate(words)
        if i not in covered and (_GROUP_PATTERN.match(tok) or tok in _PLATFORMS)
    ]
    for i, tok in enumerate(words[:-1]):
        j = i + 2 if words[i + 1] in _ADDRESSED_FIRST else i + 1
        if tok in _ADDRESS and j < len(words) and words[j] in _ADDRESSED and not covered & set(range(i, j + 1)):
            extra.append((i, j + 1, "PERSON", "address"))
    return sorted(spans + extra)


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
    table = pd.DataFrame(rows, columns=[c for c in _COLUMNS if c not in ("canonical", "article_id")])
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
                    and surname not in _ADDRESSED):  # "Mr. President" is no Mr. President-surname
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
    while k > 1 and toks[k - 1] in _NAME_PARTICLES:
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


def load_aliases(source: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    """Read an alias table: a CSV with a header ``alias,canonical``, or a dict.

    Matching ignores case and a leading "the". Several aliases may share one canonical name;
    a canonical name may itself appear as an alias of nothing.

    Raises:
        ArticleError: The file is missing or lacks the two columns.

    Example:
        >>> load_aliases({"Russian Federation": "Russia"})
        {'russian federation': 'Russia'}
    """
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return {_key(a): c for a, c in source.items()}
    path = Path(source)
    if not path.is_file():
        raise ArticleError(f"{path}: alias table not found. Fix: give a CSV file with columns alias,canonical.", path=str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"alias", "canonical"} <= set(reader.fieldnames):
            raise ArticleError(
                f"{path}: the alias table needs a header row 'alias,canonical' (found {reader.fieldnames}). "
                "Fix: add that header.",
                path=str(path),
            )
        return {_key(r["alias"]): r["canonical"].strip() for r in reader if r["alias"] and r["canonical"]}


@lru_cache(maxsize=1)
def default_aliases() -> dict[str, str]:
    """The shipped table of common variants of one name (``newslens/data/aliases_default.csv``):
    UK, U.K., Britain and Great Britain are the United Kingdom; US, U.S., USA and America the
    United States; EU, UN, BBC News, Russian Federation, PRC, DPRK, ... It applies to every
    article, under the user's table: to keep a variant apart, map it to itself in yours
    (``Britain,Britain``). Capitals standing for their countries are the reader's call, not here.

    Example:
        >>> default_aliases()["britain"], default_aliases()["bbc news"]
        ('United Kingdom', 'BBC')
    """
    with resources.as_file(resources.files("newslens") / "data" / "aliases_default.csv") as path:
        return load_aliases(path)


def _key(name: str) -> str:
    return _clean(name).casefold()


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = _HONORIFIC.sub("", _PREFIX.sub("", name))  # "Ms Khan" is Khan, so she merges with "Irene Khan"
    return _POSSESSIVE.sub("", name) if name.endswith(("'s", "’s", "s'", "s’")) else name


def canonicalize(mentions: pd.DataFrame, *, aliases: str | Path | Mapping[str, str] | None = None,
                 defined: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Give every mention a ``canonical`` name and every entity one label (see the module docstring).

    ``defined`` holds the aliases the article defines itself (an acronym -> the name it stands for),
    applied over the shipped defaults and under the user's ``aliases``."""
    table = mentions.copy()
    if table.empty:
        table["canonical"] = pd.Series(dtype="object")
        return table[_COLUMNS]
    cleaned = [_clean(t) for t in table["text"]]
    folded = [c.casefold() for c in cleaned]
    forms: dict[str, list[str]] = defaultdict(list)
    for key, form in zip(folded, cleaned):
        forms[key].append(form)
    display = {}
    for key, group in forms.items():
        counts = Counter(group)
        display[key] = max(counts, key=lambda form: (counts[form], form[:1].isupper(), -group.index(form)))
    labels = table["label"].tolist()
    keys = _merge_short_bodies(_merge_person_names(folded, labels), labels)
    keys, shortened = _merge_short_organisations(keys, labels)
    table["label"] = ["ORG" if i in shortened  # "Rovers" PERSON of "Blackburn Rovers": the club
                      else "PERSON" if label in _THING_LABELS and key != k else label  # a person's name, whatever the model said
                      for i, (label, key, k) in enumerate(zip(labels, folded, keys))]
    own = {_key(a): display.get(_key(n), _clean(n)) for a, n in (defined or {}).items()}
    alias_map = {**default_aliases(), **own, **load_aliases(aliases)}
    table["canonical"] = [alias_map.get(k, display.get(k, k)) for k in keys]
    table["label"] = _one_label_per_entity(table["canonical"].tolist(), table["label"].tolist(), folded)
    return table[_COLUMNS]


_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
"""Labels the model gives a person's name alone by mistake ("Maresca" WORK_OF_ART, "Cole" PRODUCT
after "Enzo Maresca" and "Cole Palmer"): such a word that is one person's first name or surname
is that person."""


def _merge_person_names(keys: list[str], labels: list[str]) -> list[str]:
    """Map a one-word PERSON mention (or one the model labelled a thing) to the only full name that
    starts or ends with it, a one-word organisation, place or nationality to the only full name
    that ends with it, and a surname with particles ("Ten Hag") to the only full name that ends
    with it ("Erik ten Hag")."""
    full = sorted({k for k, label in zip(keys, labels) if label == "PERSON" and " " in k})
    out = list(keys)
    for i, (key, label) in enumerate(zip(keys, labels)):
        if label not in ("PERSON", "ORG", "GPE", "NORP") and label not in _THING_LABELS:
            continue
        if " " not in key:
            matches = [f for f in full if f.split()[-1] == key or f.split()[0] == key]
        elif key.split()[0] in _NAME_PARTICLES:
            matches = [f for f in full if f != key and f.endswith(" " + key)]
        else:
            continue
        if len(matches) == 1 and (label == "PERSON" or label in _THING_LABELS or key in {f.split()[-1] for f in matches}):
            out[i] = matches[0]
    return out


def _merge_short_organisations(keys: list[str], labels: list[str]) -> tuple[list[str], set[int]]:
    """Map a one-word name the model read as a person or a thing to the only organisation of the
    article whose name ends with it ("Rovers" PERSON ... "Blackburn Rovers" ORG, "Stardust" PERSON
    ... "the spacecraft Stardust"), when no person's full name ends with it too ("John Smith" keeps
    "Smith" apart from "WH Smith"). Not for a one-word organisation: the model's longer spans are
    too often wrong ("Air Chathams" for the islands, "American YouTube"). Returns the keys and the
    positions so mapped, which are the organisation's."""
    orgs = [k for k, label in zip(keys, labels) if label == "ORG" and _plain_name(k)]
    people = {k.split()[-1] for k, label in zip(keys, labels) if label == "PERSON" and " " in k}
    out, mapped = list(keys), set()
    for i, (key, label) in enumerate(zip(keys, labels)):
        if " " in key or key in people or not (label == "PERSON" or label in _THING_LABELS):
            continue
        matches = {f for f in orgs if f.split()[-1] == key}
        if len(matches) == 1:
            out[i] = matches.pop()
            mapped.add(i)
    return out, mapped


def _plain_name(key: str) -> bool:
    """Whether an organisation's key is a name of words that ends in a word after a word of the
    name ("blackburn rovers", "mozilla firefox"; not the model's "rathbun the scientology" or a
    span across a quotation mark)."""
    words = key.split()
    return len(words) >= 2 and all(w.replace("-", "").replace("&", "").isalnum() for w in words) and (
        words[-2] not in NAME_FILLERS)


_BODY_WORDS = frozenset("commission council committee ministry agency authority board trust court".split())


def _merge_short_bodies(keys: list[str], labels: list[str]) -> list[str]:
    """Map a public body named by its last word alone ("the Commission", "the Council") to the only
    organisation of the article whose name ends with it ("European Commission", "Bristol City
    Council"); with two such names ("European Council", "Bristol City Council") it stays apart.
    Not for "the Senate" or "the House", which name a country's own chamber whatever else is named."""
    full = {k for k, label in zip(keys, labels) if label == "ORG" and " " in k}
    out = list(keys)
    for i, (key, label) in enumerate(zip(keys, labels)):
        if label == "ORG" and key in _BODY_WORDS:
            matches = [f for f in full if f.split()[-1] == key]
            if len(matches) == 1:
                out[i] = matches[0]
    return out


def _one_label_per_entity(canonical: list[str], labels: list[str], texts: list[str]) -> list[str]:
    """The label most of an entity's mentions have (the higher in ``LABEL_PRIORITY`` on a tie), but
    PERSON for an entity named in full as a person ("Donald Trump" tagged PERSON, with a first name
    of ``data/first_names.csv``) whatever its surname alone was tagged ("Trump" ORG, as in "Trump
    Tower")."""
    rank = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, label in zip(canonical, labels):
        counts[name][label] += 1
    best = {name: min(c, key=lambda lab: (-c[lab], rank.get(lab, len(rank)))) for name, c in counts.items()}
    for name, label, text in zip(canonical, labels, texts):
        if label == "PERSON" and " " in text and first_name_gender(text.split()[0]):
            best[name] = "PERSON"
    return [best[name] for name in canonical]


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
