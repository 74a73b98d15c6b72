"""Common first names and the gender they almost always mark (``data/first_names.csv``, compiled
for newslens; names used for both, such as Jean, Taylor or Jordan, are left out). Entity mentions
read it to find people the model missed ("Irene Khan"); speaker resolution reads it, and the US
Census first names after it (:func:`gender_of_first_name`), to agree "he" and "she" with a person.
The names of countries and capitals (``data/countries_capitals.txt``, from GeoNames) tell a place
the model took for a person ("Kyiv")."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

__all__ = ["AGE", "BRITISH_NATIONS", "FAMILY_NOUNS", "HONORIFICS", "MONTHS", "NAME_FILLERS", "NAME_PARTICLES", "PERSONAL_TITLES",
           "POSSESSIVE", "RANKS", "RANK_ROLES", "ROLE_HYPERNYMS", "ROLE_NOUNS", "ROLE_SYNONYMS", "WEEKDAYS", "census_first_name",
           "country_or_capital", "first_name_gender", "gender_of_first_name"]

AGE = re.compile(r"^\d{1,3}-years?-old$")
"""An age used as a noun ("the 34-year-old said"): a person named before ("the 74-year-old comedian"
is read by its head noun)."""

NAME_PARTICLES = frozenset("van von de der den ten ter da di du le la bin ibn al el dos das del".split())
"""Lower-case particles inside a person's name ("Erik ten Hag", "Ursula von der Leyen")."""
POSSESSIVE = re.compile(r"\s*['’]s?$")
"""A possessive ending ("Penn Station's", "the Joneses'"), which no name keeps."""

NAME_FILLERS = frozenset("the a an of and or in on at to for from by with".split())
"""Short words written lower case inside a capitalised name or title ("Office for Democratic
Institutions", "Law and Order"): a run of capitalised words may hold them and stay a name."""

FAMILY_NOUNS = frozenset(
    "friend brother sister father mother son daughter wife husband widow widower uncle aunt cousin nephew niece "
    "colleague teammate".split())
"""The role nouns that say how a person is related to another, not what the person does."""

ROLE_NOUNS = FAMILY_NOUNS | frozenset(
    "mathematician writer author novelist poet playwright journalist reporter editor columnist photographer filmmaker "
    "director producer actor actress singer songwriter rapper musician composer pianist guitarist drummer artist "
    "painter sculptor architect designer comedian presenter broadcaster scientist physicist chemist biologist "
    "astronomer economist historian philosopher linguist grammarian scholar professor lecturer teacher researcher "
    "engineer inventor entrepreneur businessman businesswoman banker investor lawyer attorney prosecutor senator "
    "congressman congresswoman governor mayor ambassador diplomat spokesman spokeswoman spokesperson activist "
    "campaigner politician chairman chairwoman founder co-founder manager boss captain striker forward winger midfielder "
    "defender goalkeeper "
    "quarterback pitcher athlete footballer cricketer golfer boxer coach detective surgeon priest bishop rabbi imam "
    "pastor interviewee laureate aide adviser advisor owner".split())
"""Nouns that name a person's role or relation; a name right after one is a person's ("the
grammarian Aelius Donatus", "his friend Auguste Chevalier")."""

ROLE_SYNONYMS = {word: group for group in map(frozenset, (
    "striker forward centre-forward".split(), "manager boss".split(), "goalkeeper keeper goalie".split(),
    "lawyer attorney solicitor".split(), "chairman chair chairwoman chairperson".split())) for word in group}
"""Role nouns that name the same role ("Rovers striker Danny Kane" ... "the forward said")."""

ROLE_HYPERNYMS = dict.fromkeys("detective inspector sergeant constable superintendent commissioner".split(), "officer")
"""Roles a more general noun stands for once the person is named ("Detective Chief Inspector Kev
Smith" ... "the officer said")."""

RANKS = frozenset("Col Gen Lt Maj Capt Sgt Cpl Brig Adm Cmdr Insp Det Supt Cllr Rev Sen Rep Gov".split())
"""Titles abbreviated before a person's full name ("Col Oleksandr Marchenko", "Det Insp ...", and
American news's "Sen. Al Franken", "Rep. Trey Gowdy", "Gov. Chris Christie")."""
RANK_ROLES = {"det": "detective", "sgt": "sergeant", "insp": "inspector", "supt": "superintendent",
              "cllr": "councillor", "sen": "senator", "gov": "governor", "rep": "congressman", "prof": "professor",
              "capt": "captain", "col": "colonel", "gen": "general", "maj": "major", "adm": "admiral",
              "cmdr": "commander", "brig": "brigadier"}
"""The role an abbreviated title names ("Det Sgt Laura Hicks" ... "the detective added", "Sen.
Patricia Holloway" ... "the senator")."""
HONORIFICS = frozenset("Mr Mrs Ms Mx Dr Prof".split())
"""Titles before a person's name, or their surname alone ("Ms Ranger")."""
PERSONAL_TITLES = RANKS | HONORIFICS | frozenset("Miss Sir Dame Lord Lady".split())
"""Every title that stands before a person's name and says nothing of a role ("Col", "Ms", "Sir")."""

WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
MONTHS = frozenset("January February March April May June July August September October November December".split())
"""Capitalised words that are no one's name ("the firm Friday", "“...,” the nominee tweeted Sunday")."""

_CENSUS_RATIO = 10.0
"""A Census first name marks a gender when one sex bears it ten times as often as the other
("Jon" m, "Irene" f; "Jean", "Jordan", "Leslie", "Taylor" mark none)."""


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    path = resources.files("newslens") / "data" / "first_names.csv"
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {row["name"].casefold(): row["gender"] for row in rows}


def first_name_gender(name: str) -> str | None:
    """``"m"`` or ``"f"`` for a common first name that almost always marks it, else None.

    Example:
        >>> first_name_gender("Irene"), first_name_gender("Boris"), first_name_gender("Jordan")
        ('f', 'm', None)
    """
    return _first_names().get(name.casefold())


@lru_cache(maxsize=1)
def _census_shares() -> dict[str, dict[str, float]]:
    """First names of the 1990 US Census (public domain, shipped by the ``names`` package:
    ``dist.male.first``, ``dist.female.first``): each name's percent of each sex bearing it."""
    data = resources.files("names")
    share: dict[str, dict[str, float]] = {}
    for gender, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (data / file).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                share.setdefault(parts[0].casefold(), {})[gender] = float(parts[1])
    return share


def census_first_name(name: str) -> bool:
    """Whether ``name`` is a first name of the US Census lists, of either sex ("Jean", "Chuck").

    Example:
        >>> census_first_name("Jean"), census_first_name("Historic")
        (True, False)
    """
    return name.casefold() in _census_shares()


@lru_cache(maxsize=1)
def _census_genders() -> dict[str, str]:
    """The Census first names that mostly one sex bears, and that sex."""
    share = _census_shares()
    out = {}
    for name, by in share.items():
        m, f = by.get("m", 0.0), by.get("f", 0.0)
        if m > 0 and m >= _CENSUS_RATIO * f:
            out[name] = "m"
        elif f > 0 and f >= _CENSUS_RATIO * m:
            out[name] = "f"
    return out


def gender_of_first_name(name: str) -> str | None:
    """The gender a person's first name marks: the newslens list first, then the US Census names.

    Broader than :func:`first_name_gender`, for a name already known to be a person's ("Jon
    Dahl Tomasson" is a man); not for deciding whether a word is a first name at all ("May",
    "Will" and "Grace" are on the Census lists).

    Example:
        >>> gender_of_first_name("Jon"), gender_of_first_name("Irene"), gender_of_first_name("Jean")
        ('m', 'f', None)
    """
    return first_name_gender(name) or _census_genders().get(name.casefold())


@lru_cache(maxsize=1)
def _countries_and_capitals() -> frozenset[str]:
    path = resources.files("newslens") / "data" / "countries_capitals.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#")) | BRITISH_NATIONS


BRITISH_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland", "Britain", "Great Britain"})
"""The nations of the United Kingdom, which GeoNames lists as no country; they end the names of
public bodies ("Historic England", "Police Scotland")."""


def country_or_capital(name: str) -> bool:
    """Whether ``name`` is a country's or a capital's name as GeoNames writes it (``data/countries_capitals.txt``),
    or one of :data:`BRITISH_NATIONS`.

    Example:
        >>> country_or_capital("Kyiv"), country_or_capital("Ukraine"), country_or_capital("Kharkiv")
        (True, True, False)
    """
    return name in _countries_and_capitals()
