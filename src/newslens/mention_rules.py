"""Which of the model's spans are names, of what kind, and the names it missed: the rules that
read the words of one article (``tokens``) and the model's spans over them, and return the spans
the entity table is made of. Each rule's measurement is in ``docs/accuracy.md``.

A span is ``(token_start, token_end, label, source)`` over the rows of ``tokens`` (end exclusive);
:func:`named_spans` runs the rules in their order, and :mod:`newslens.entities` makes the table.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from newslens.names import (
    BRITISH_NATIONS,
    FAMILY_NOUNS,
    HONORIFICS,
    MONTHS,
    NAME_FILLERS,
    NAME_PARTICLES,
    PERSONAL_TITLES,
    POSSESSIVE,
    RANKS,
    ROLE_NOUNS,
    WEEKDAYS,
    census_first_name,
    country_or_capital,
    first_name_gender,
)

__all__ = ["ADDRESSED", "NUMERIC_LABELS", "after_title", "named_spans"]

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
"""Labels for numbers and dates rather than names."""

_TITLE_WORDS = frozenset(
    "minister ministers president presidents secretary chairman chairwoman chair spokesman spokeswoman "
    "spokesperson ambassador governor mayor senator deputy head chief director premier chancellor king queen "
    "prince princess general commander envoy official officials prosecutor judge justice".split()
)
_GROUP_PATTERN = re.compile(r"^G-?(?:7|8|20|77)$")
_AMOUNT = re.compile(r"^(?:[£$€¥₹]?\d[\d,.]*(?:m|bn|mn|tn|k)?|[£$€¥₹]|million|billion|trillion|thousand)$", re.IGNORECASE)
_CURRENCY = frozenset("£$€¥₹")


def named_spans(tokens: pd.DataFrame, spans: list[tuple[int, int, str, str]]
                ) -> tuple[list[tuple[int, int, str, str]], dict[str, str]]:
    """The spans of names in ``tokens`` (one article's prose, rows in text order), from the model's
    ``spans``: roles dropped, labels mended, missed names added, in the order the rules were
    measured in. Also returns the acronyms the article defines (acronym -> the name it stands for).

    Example:
        >>> spans, acronyms = named_spans(tokens, model_spans)  # doctest: +SKIP
    """
    words = tokens["token"].tolist()
    spans = [_label_from_name(words, _amount_label(words, _drop_leading_title(words, s)))
             for s in spans if not _is_title(words, s)]
    spans = _drop_lower_case(tokens, spans)
    spans = _countries_not_people(words, spans)
    spans = _common_words_not_people(tokens, spans)
    spans = _add_patterns(tokens, spans)
    spans = _add_first_name_people(words, spans)
    spans = _people_after_roles(words, spans)
    spans = _add_role_people(words, spans)
    spans = _extend_name_particles(words, spans)
    spans = _extend_coordinated_names(words, spans)
    spans = _introduced_organisations(words, spans)
    spans = _things_by_next_noun(words, spans, list(zip(tokens["paragraph"], tokens["sentence"])))
    spans = _clubs_before_roles(words, spans)
    return _acronyms(words, spans)


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



_SPELLED_TITLES = (_TITLE_WORDS | ROLE_NOUNS | frozenset(
    "councillor professor inspector detective sergeant constable reverend archbishop colonel lieutenant "
    "commissioner superintendent coroner magistrate sheriff".split())) - FAMILY_NOUNS - frozenset(
    "king queen prince princess".split())
"""Titles written out in full that the model sometimes takes into a person's name ("Councillor
Peter Fane, who voted against, ..."). Not a king's, queen's or prince's title, which is part of
the name the reader knows ("King Charles"), nor a relation ("Son Heung Min")."""


def _drop_leading_title(words: list[str], span: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """A person's name starts after a title written out in full: the model's "Councillor Peter
    Fane" is "Peter Fane", as "Councillor Peter Fane" is when the model leaves the title out, so
    that both are one person and the title is the role it introduces ("Detective Inspector Sarah
    Cole" is "Sarah Cole"). Two capitalised words at least stay."""
    start, end, label, source = span
    if label != "PERSON":
        return span
    while (end - start >= 3 and words[start].istitle() and words[start].lower() in _SPELLED_TITLES
           and all(w[:1].isupper() for w in words[start + 1:end])):
        start += 1
    return start, end, label, source


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


def after_title(words: list[str], i: int) -> bool:
    """Whether the word at ``i`` comes right after a person's title ("Gov. Chris Christie", "Ms Georgia")."""
    return i > 0 and words[i - 1].rstrip(".") in PERSONAL_TITLES


def _label_from_name(tokens: list[str], span: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """A place or an organisation the model tagged PERSON whose name says what it is: "Fort Lee",
    "Lee Historic Park", "Englewood Cliffs", "Manchester United"; and a person the model tagged a
    place whose title says it is one ("Dr Okafor"; an organisation keeps its label: "Dr Martens"), an
    organisation the model tagged PERSON that is a word and a British nation, no first name
    ("Historic England", "Police Scotland"), or
    a place or an organisation right after a title ("Gov. Chris Christie" ORG, "Sen. Al Franken" GPE)."""
    start, end, label, source = span
    words = [w for w in tokens[start:end] if w.lower() != "the"]
    if label in ("GPE", "LOC", "FAC", "NORP") and len(words) >= 2 and words[0].rstrip(".") in RANKS | HONORIFICS:
        return start, end, "PERSON", source
    if label in ("GPE", "LOC", "FAC", "NORP", "ORG") and after_title(tokens, start) and words and words[0][:1].isupper():
        return start, end, "PERSON", source  # "Gov. Chris Christie" ORG, "Sen. Al Franken" GPE, "Mr. Trump" ORG
    if label != "PERSON" or len(words) < 2:
        return span
    # "Historic England", "Police Scotland": a body, not a person. Not every country or capital: a capital
    # is a surname too ("Dahlys Hamilton", "Grandpa Bern" were made organisations by a first draft)
    if len(words) == 2 and POSSESSIVE.sub("", words[1]) in BRITISH_NATIONS and not census_first_name(words[0]) \
            and words[0].rstrip(".") not in PERSONAL_TITLES:
        return start, end, "ORG", source
    last = POSSESSIVE.sub("", words[-1])  # "Penn Station's"
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
        titled = after_title(words, start)
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



def _people_after_roles(words: list[str], spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A person the model tagged an organisation or a place right after a lower-case role noun:
    "shop owner Gareth Evans" ORG is a person when the name is two or three capitalised words that
    start with a common first name and end in no word of a place or an organisation ("Gareth
    Evans"; not "retailer John Lewis", where "retailer" is no person's role)."""
    out = []
    for start, end, label, source in spans:
        name = words[start:end]
        if (label in ("ORG", "GPE", "LOC", "NORP", "FAC") and start > 0 and words[start - 1].islower()
                and words[start - 1] in ROLE_NOUNS and 2 <= len(name) <= 3 and all(w.istitle() for w in name)
                and first_name_gender(name[0]) is not None
                and not any(name[-1] in table for table in (_PLACE_LAST, _ORG_LAST, _PLACE_LAST_UNLESS_NAMED))):
            label = "PERSON"
        out.append((start, end, label, source))
    return out


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
                and words[j - 1] not in _NOT_SURNAMES | ADDRESSED and not re.fullmatch(r"[A-Z]\.?", words[j - 1])):
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
        while j < len(words) and j - end < 2 and words[j] in NAME_PARTICLES:
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
ADDRESSED = frozenset("President Speaker Chairman Chairwoman Chair Secretary Secretary-General Mayor Governor "
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
        if tok in _ADDRESS and j < len(words) and words[j] in ADDRESSED and not covered & set(range(i, j + 1)):
            extra.append((i, j + 1, "PERSON", "address"))
    return sorted(spans + extra)
