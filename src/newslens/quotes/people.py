"""Who the article's people are, as a speaker's reader needs them: each person's gender (a title,
a gendered role noun, a first name, the pronouns used of them), the role nouns each name is
introduced with ("Rovers manager Gary Pike", "Marcus Webb, the central defender,"), and the word
lists these rules share. Read once per article and kept in the context's memo.
"""

from __future__ import annotations

from typing import Any

from newslens.names import AGE, PERSONAL_TITLES, RANK_ROLES, ROLE_NOUNS, ROLE_SYNONYMS, gender_of_first_name
from newslens.quotes.context import Context, Mention, MentionIndex

__all__ = [
    "AGE", "GROUP_NOUNS", "LEAD_ROLES", "NO_ROLE", "PRONOUN_GENDER", "ROLE_DETS", "SPOKES", "WORD_GENDER",
    "main_subject", "names_by_role", "outside_quotations", "person_genders", "role_heads", "roles_by_person",
]

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
WORD_GENDER = {
    **dict.fromkeys("mr sir lord spokesman chairman congressman businessman policeman councilman husband father son "
                    "brother king prince man boy uncle grandfather nephew actor widower".split(), "m"),
    **dict.fromkeys("ms mrs miss dame lady spokeswoman chairwoman congresswoman businesswoman policewoman councilwoman "
                    "wife mother daughter sister queen princess woman girl aunt grandmother niece actress widow".split(), "f"),
}
"""Honorifics and role nouns that mark a person's gender ("Ms Khan", "the company's spokeswoman, Jane Lee")."""
ROLE_DETS = {"the", "a", "an", "this", "that", "its", "his", "her", "their"}
GROUP_NOUNS = frozenset("family household couple parents relatives".split())
"""Nouns of a group of people ("the family", "the couple", "relatives"): no one person's name stands beside
one, and "they" may stand for one."""
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"})
LEAD_ROLES = ROLE_NOUNS - SPOKES | frozenset(
    "minister secretary president chancellor premier commander general judge leader chief boss manager head "
    "candidate nominee frontrunner front-runner lawmaker legislator councillor executive billionaire tycoon star "
    "pope king queen prince princess monarch emperor".split())
"""The roles a news lead names a person by before giving the name ("The chancellor has defended
...", "says commander"); not "official" or "source", whom the article seldom names."""
NO_ROLE = frozenset(w.lower() for w in PERSONAL_TITLES)
"""Titles that say nothing of a person's role ("Col Oleksandr Marchenko" may be "a commander")."""


def outside_quotations(ctx: Context) -> MentionIndex:
    """The mentions that stand outside every quotation (a speaker is named in the reporter's words)."""
    return ctx.index.subset("outside quotations", lambda r: ctx.quote_of[r.doc_start] is None)


def main_subject(ctx: Context, lo: int, hi: int) -> Any:
    """The subject of the main verb among doc tokens ``lo..hi``, outside quotations, or None."""
    return next((t for t in ctx.doc[lo:hi] if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                 and ctx.quote_of[t.i] is None), None)


def person_genders(ctx: Context) -> dict[str, str]:
    """Each person's gender where the article marks it: an honorific or a gendered role noun next
    to a mention ("Ms Khan", "spokeswoman Jane Lee", "Tom Hale, her husband"), else a common first
    name (``newslens/data/first_names.csv``, then the US Census names); a person marked both ways
    is left unknown. Read once per article."""
    if ("genders",) not in ctx.memo:
        votes: dict[str, set[str]] = {}
        for r in ctx.index.items:
            if r.label != "PERSON":
                continue
            words = {w.rstrip(".") for w in [*_title_words(ctx, r.doc_start), *_apposition_words(ctx, r.doc_end)]}
            words |= {ctx.doc[r.doc_start].lower_.rstrip(".")}  # "Ms Khan" as one mention
            if r.doc_start >= 2 and ctx.doc[r.doc_start - 1].text == ",":  # "the club spokeswoman, Dana Reyes"
                words |= {t.lower_ for t in ctx.doc[max(0, r.doc_start - 5) : r.doc_start - 1]}
            marked = {WORD_GENDER[w] for w in words if w in WORD_GENDER}
            if not marked and " " in r.canonical:
                first = gender_of_first_name(r.canonical.split()[0])
                marked = {first} if first else set()
            votes.setdefault(r.canonical, set()).update(marked)
        for name, marked in _pronoun_genders(ctx).items():
            if not votes.get(name):
                votes[name] = marked
        ctx.memo[("genders",)] = {name: next(iter(g)) for name, g in votes.items() if len(g) == 1}
    return ctx.memo[("genders",)]  # type: ignore[return-value]


_GENDERED_PRONOUNS = {**dict.fromkeys(("he", "him", "his", "himself"), "m"),
                      **dict.fromkeys(("she", "her", "hers", "herself"), "f")}


def _pronoun_genders(ctx: Context) -> dict[str, set[str]]:
    """The gender of the pronouns a person is the only one named before, in sentences naming one
    person ("Adele has said her concerts will be her last": a woman), outside quotations; for a
    person no title, role noun or first name marks (see :func:`person_genders`), and not for a surname
    kept apart from the full names that end with it ("Clinton" of Hillary and Bill Clinton)."""
    votes: dict[str, set[str]] = {}
    for first, end in ctx.sent_bounds.values():
        people = [m for m in ctx.index.within(first, end) if m.label == "PERSON" and ctx.quote_of[m.doc_start] is None]
        if len({m.canonical for m in people}) != 1:
            continue
        marked = {_GENDERED_PRONOUNS[t.lower_] for t in ctx.doc[people[0].doc_end : end]
                  if t.lower_ in _GENDERED_PRONOUNS and ctx.quote_of[t.i] is None}
        if marked:
            votes.setdefault(people[0].canonical, set()).update(marked)
    full = {m.canonical for m in ctx.index.items if m.label == "PERSON" and " " in m.canonical}
    return {name: marked for name, marked in votes.items()  # "Clinton" of Hillary and Bill Clinton: either
            if not any(f.endswith(" " + name) for f in full)}


def roles_by_person(ctx: Context) -> dict[str, set[str]]:
    """Each person's role nouns as the article introduces them ("Rovers manager Gary Pike": manager),
    titles that say nothing of a role left out; read once per article."""
    if ("person roles",) not in ctx.memo:
        out: dict[str, set[str]] = {}
        for word, names in names_by_role(ctx).items():
            if word not in NO_ROLE:
                for m in names.items:
                    if m.label == "PERSON":
                        out.setdefault(m.canonical, set()).add(word)
        ctx.memo[("person roles",)] = out
    return ctx.memo[("person roles",)]  # type: ignore[return-value]


def names_by_role(ctx: Context) -> dict[str, MentionIndex]:
    """Each role noun -> the names introduced with it (the head of a title before the name or of an
    apposition after it) or with a synonym of it ("striker Danny Kane" for "the forward":
    :data:`newslens.names.ROLE_SYNONYMS`), read once per article."""
    if ("roles",) not in ctx.memo:
        named = ctx.index.subset("named", lambda r: r.label in ("PERSON", "ORG", "GPE", "NORP"))
        by_word: dict[str, list[Mention]] = {}
        for r in named.items:
            heads = role_heads(ctx, r.doc_start, r.doc_end)
            for word in heads.union(*(ROLE_SYNONYMS.get(h, ()) for h in heads)):
                by_word.setdefault(word, []).append(r)
        ctx.memo[("roles",)] = {word: MentionIndex(names) for word, names in by_word.items()}
    return ctx.memo[("roles",)]  # type: ignore[return-value]


_APPOSITION_STOPS = frozenset("of for at with who which that from in on to since and".split())


def role_heads(ctx: Context, start: int, end: int) -> set[str]:
    """The role nouns a name is introduced with: the word before it ("comedian Jack Dale"), the
    head of a title ("Deputy Minister of Foreign Affairs Andrei Rudenko": minister; and the role an
    abbreviated title names: "Det Sgt Laura Hicks" is a detective and a sergeant), and the head of
    an apposition ("Marcus Webb, the central defender,": defender; "Ann Lee, spokeswoman for the
    bank": spokeswoman)."""
    heads = set()
    title = _title_words(ctx, start)
    if title:
        heads.add(title[-1])
        if "of" in title or "for" in title:
            cut = min(title.index(w) for w in ("of", "for") if w in title)
            if cut:
                heads.add(title[cut - 1])
    own: list[str] = []  # the titles a name was tagged with ("Det Sgt Laura Hicks" as one mention)
    while start + len(own) < end - 1 and ctx.doc[start + len(own)].lower_.rstrip(".") in RANK_ROLES:
        own.append(ctx.doc[start + len(own)].lower_)
    heads.update(RANK_ROLES[w.rstrip(".")] for w in title + own if w.rstrip(".") in RANK_ROLES)  # "Det Sgt": detective
    before = _description_before(ctx, start)
    if before:
        heads.add(before)
    apposition = _apposition_words(ctx, end)
    for k, word in enumerate(apposition):
        if word in _APPOSITION_STOPS:
            apposition = apposition[:k]
            break
    if apposition and apposition[-1].isalpha():
        heads.add(apposition[-1])
    return heads - ROLE_DETS - {"of", "for", "and"}


_OWNERS = frozenset({"the", "his", "her", "its", "their", "our", "'s", "’s"})
_PREPOSITIONS = frozenset("in on at for from with by of after before during among into to as about".split())


def _description_before(ctx: Context, start: int) -> str | None:
    """The head noun of a description set before a name with a comma ("His spokeswoman, Hope
    Hicks,", "the site's founder, Jack Herrick"): a lower-case word after "the", a possessive or
    "'s" (an adjective between), the phrase not governed by a preposition ("In the pan-democracy
    camp, Lau Siu-lai" is no description of her)."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[start]]
    if start - 3 < s_first or ctx.doc[start - 1].text != ",":
        return None
    head = ctx.doc[start - 2]
    if not (head.is_alpha and head.is_lower and not head.is_stop):
        return None
    j = start - 3
    while j > s_first and j >= start - 5 and ctx.doc[j].lower_ not in _OWNERS and ctx.doc[j].is_alpha:
        j -= 1  # adjectives or a name between: "the club's new spokeswoman"
    if ctx.doc[j].lower_ not in _OWNERS:
        return None
    k = j - 1
    while k >= s_first and (ctx.doc[k].lower_ in _OWNERS or ctx.doc[k].is_title):  # "the site" of "the site's"
        k -= 1
    return None if k >= s_first and ctx.doc[k].lower_ in _PREPOSITIONS else head.lower_


def _title_words(ctx: Context, start: int) -> list[str]:
    """The title right before a name, lower-case, in text order: capitalised words, nouns and the
    words that join them ("Deputy Minister of Foreign Affairs", "the comedian"). In a sentence the
    parser did not read, a lower-case word right before the name counts alone ("comedian")."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[start]]
    words: list[str] = []
    j = start - 1
    while j >= s_first and j >= start - 12:
        tok = ctx.doc[j]
        if tok.is_title or tok.is_upper or tok.lower_ in ("of", "the", "and", "for") or tok.pos_ in ("NOUN", "PROPN"):
            words.append(tok.lower_)
            j -= 1
            continue
        if j == start - 1 and not tok.pos_ and tok.is_alpha and tok.is_lower and not tok.is_stop:
            words.append(tok.lower_)
        break
    return words[::-1]


def _apposition_words(ctx: Context, end: int) -> list[str]:
    """The apposition right after a name, lower-case, in text order, up to the next punctuation;
    an age before it is skipped ("Jack Dale, 74, the comedian")."""
    _, s_end = ctx.sent_bounds[ctx.sentence_of[end - 1]]
    if end >= s_end or ctx.doc[end].text != ",":
        return []
    lo = end + 1
    if lo + 1 < s_end and ctx.doc[lo].like_num and ctx.doc[lo + 1].text == ",":
        lo += 2
    words = []
    for tok in ctx.doc[lo : min(s_end, lo + 7)]:
        if tok.is_punct:
            break
        words.append(tok.lower_)
    return words
