"""Whom a pronoun stands for: "he"/"she" by gender, the chain of leading pronouns, the subject
near it and the person mentioned most; "it"/"they" an organisation, place or group, or a group
described as the subject just before ("the family"). Measured on GUM's coreference
(``benchmarks/pronoun_accuracy.py``).

Reading a described subject ("A spokeswoman for the trust said ...") is the speaker module's
work, and reading a description may resolve a pronoun in turn, so the speaker module passes its
readers in (:class:`Reader`) instead of this module importing it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any, NamedTuple

from newslens.names import ROLE_NOUNS
from newslens.quotes.context import Context, Mention, MentionIndex, cue_at
from newslens.quotes.descriptions import OTHERS, PERSON_ENDS
from newslens.quotes.people import (
    AGE,
    GROUP_NOUNS,
    LEAD_ROLES,
    SPOKES,
    WORD_GENDER,
    main_subject,
    outside_quotations,
    person_genders,
)

__all__ = ["Reader", "antecedent", "person_near"]


class Reader(NamedTuple):
    """How the speaker module reads a noun phrase as a speaker, as a mention (label None for a
    description that names no entity): ``subject(ctx, token)`` the noun phrase a subject token
    heads (None when it gives no span), ``span(ctx, lo, hi)`` the tokens ``doc[lo:hi]``."""

    subject: Callable[[Context, Any], Mention | None]
    span: Callable[[Context, int, int], Mention]


def antecedent(ctx: Context, before: int, *, person: bool, read: Reader, gender: str | None = None) -> Mention | None:
    """The compatible entity a pronoun at doc token ``before`` stands for, outside quotations.

    For "he"/"she": when it leads its sentence and continues a leading "he"/"she" of the last two
    sentences with no person named in the subject's place between, the same person as that one;
    else a person of that gender or of no known gender (never a woman for "he"), not one named
    right after a preposition ("posted on Twitter", "a letter from Ann Lee") unless no other is;
    of the people named in the last two sentences that hold one, the one mentioned most so far
    (the article's subject over a passer-by), the most recent on a tie. For "it"/"they", an
    organisation, place or group: one that was the subject of a sentence in the last two, else
    of those named in the last two sentences, the one mentioned most so far. ``read`` reads a
    described subject as the speaker module does (:class:`Reader`).
    """
    outside = outside_quotations(ctx)
    if person:
        return _chained_person(ctx, before, gender, outside, read)
    groups = outside.subset("group", lambda r: r.label in ("ORG", "GPE", "NORP"))
    last = groups.last_ending_by(before)
    described = _group_subject(ctx, before, read) if ctx.doc[before].lower_ == "they" else None
    if described is not None and (last is None or last.doc_end <= described.doc_start):
        return described  # "Mr Price's family described him as ... “...,” they said": the family
    if last is None:
        return None
    subjects = groups.subset("subject", lambda r: ctx.doc[r.doc_end - 1].dep_ in ("nsubj", "nsubjpass"))
    subject = subjects.last_ending_by(before)
    if subject is not None and ctx.sentence_of[last.doc_start] - ctx.sentence_of[subject.doc_start] <= 1:
        return subject  # "Tokyo plans to ..., as it believes": the subject named near
    return _most_mentioned_near(ctx, groups, groups, last, before)


def _group_subject(ctx: Context, before: int, read: Reader) -> Mention | None:
    """A group described, not named, that is the subject of the sentence before the pronoun (or
    of its own sentence before it): "the family", "Mr Price's relatives", "residents" (a plural of
    people: a role, or a noun of a person's ending); read as a speaker is (``read.subject``)."""
    if ctx.quote_of[before] is not None:
        return None
    sentence = ctx.sentence_of[before]
    subject = main_subject(ctx, ctx.sent_bounds[sentence][0], before)
    narrated = _narrated_before(ctx, sentence)
    if subject is None and narrated is not None:
        subject = main_subject(ctx, *ctx.sent_bounds[narrated])
    if subject is None or ctx.index.overlapping(subject.i, subject.i + 1):
        return None
    noun = subject.lemma_.lower()
    people = noun in ROLE_NOUNS | LEAD_ROLES | OTHERS or noun.endswith(PERSON_ENDS + ("er", "ant", "ent"))
    if not (subject.lower_ in GROUP_NOUNS or (subject.tag_ == "NNS" and people)):
        return None  # "Shares fell.": not people
    found = read.subject(ctx, subject)
    return found if found is not None and found.label in (None, "ORG", "NORP", "GPE") else None


def _narrated_before(ctx: Context, sentence: int) -> int | None:
    """The nearest sentence before ``sentence`` that holds the reporter's words, past those wholly
    inside a quotation ("In a statement, the daughter of one resident said ... “Mum trusted him.
    He sat with her ...,” she said.": the daughter's sentence is the one before "she")."""
    k = sentence - 1
    while k in ctx.sent_bounds:
        first, end = ctx.sent_bounds[k]
        if any(ctx.quote_of[j] is None and not ctx.doc[j].is_punct for j in range(first, end)):
            return k
        k -= 1
    return None


def _chained_person(ctx: Context, before: int, gender: str | None, outside: MentionIndex,
                    read: Reader) -> Mention | None:
    """The person a "he"/"she" at ``before`` stands for: the same as the leading pronoun it
    continues ("He served as Russell's interpreter ... He became a citizen": not Russell), else
    the nearest compatible person (:func:`person_near`). The chain is walked back without
    recursion and every link is remembered, so a long run of pronouns costs one pass."""
    chain = [before]
    while True:
        earlier = _continued_pronoun(ctx, chain[-1], gender)
        if earlier is None:
            break
        chain.append(earlier)
        if ("antecedent", gender, earlier) in ctx.memo:
            break
    found: Mention | None = None
    for k in reversed(chain):
        key = ("antecedent", gender, k)
        if key not in ctx.memo:
            ctx.memo[key] = found if found is not None else (_described_subject(ctx, k, gender, read)
                                                             or _subject_near(ctx, k, gender, outside)
                                                             or person_near(ctx, k, gender, outside))
        found = ctx.memo[key]  # type: ignore[assignment]
    return found


def _described_subject(ctx: Context, before: int, gender: str | None, read: Reader) -> Mention | None:
    """The person a "he"/"she" at ``before`` continues when the last subject before it is a
    description of one person ("The forward, who joined in the summer, posted an apology. “...,” he
    wrote."; "The 27-year-old ..."): the subject of the pronoun's clause before it, else of the
    sentence before, read as that description is (``read.span``: a name introduced with its
    role, else the article's main person, :func:`_protagonist`), even when it names no one; a
    spokesperson of that gender as their own speaker is read ("A spokeswoman for the trust said
    ... “...,” she said": the trust, as the spokeswoman's own row has it)."""
    if ctx.quote_of[before] is not None:
        return None
    sentence = ctx.sentence_of[before]
    first, _ = ctx.sent_bounds[sentence]
    subject = main_subject(ctx, first, before)
    narrated = _narrated_before(ctx, sentence)
    if subject is None and narrated is not None:
        subject = main_subject(ctx, *ctx.sent_bounds[narrated])
    if subject is None or subject.tag_ in ("NNS", "NNPS", "NNP", "PRP"):
        return None  # the tagger may call a role noun an adverb ("The forward ... posted")
    role = subject.lower_
    if gender and WORD_GENDER.get(role, gender) != gender:
        return None
    if role in SPOKES and ctx.quote_of[subject.i] is None:  # "A spokeswoman for the trust said ... “...,” she said"
        spoken_for = read.subject(ctx, subject)
        if spoken_for is not None:
            return spoken_for
    if not (role in LEAD_ROLES or AGE.match(role)) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.lefts):
        return None
    lo = min([c.left_edge.i for c in subject.lefts] + [subject.i])
    if any(m.label == "PERSON" for m in ctx.index.overlapping(lo, subject.right_edge.i + 1)):
        return None  # "The mother of Ann Lee": named, and read as names are
    found = read.span(ctx, lo, subject.i + 1)  # no one named fits: the description itself
    if gender and found.label == "PERSON" and person_genders(ctx).get(found.canonical) not in (None, gender):
        return None
    return found


def _subject_near(ctx: Context, before: int, gender: str | None, outside: MentionIndex) -> Mention | None:
    """The nearest compatible person who is the subject of a clause in the pronoun's sentence
    before it, or in the sentence before when the pronoun's own sentence names nobody before it
    ("Prime Minister Rishi Sunak was asked about the row. “...,” he said.": Sunak, not a person
    named more often earlier). Not for a pronoun inside a quotation."""
    if ctx.quote_of[before] is not None:
        return None  # "Stan said, “... until he’s irrelevant”": the speaker would say "I"
    people = _people(ctx, gender, outside)
    subjects = people.subset("subject", lambda r: ctx.doc[r.doc_end - 1].dep_ in ("nsubj", "nsubjpass"))
    last = subjects.last_ending_by(before)
    if last is None or ctx.sentence_of[before] - ctx.sentence_of[last.doc_start] > 1:
        return None
    first, _ = ctx.sent_bounds[ctx.sentence_of[before]]
    opening = before > first and ctx.doc[before - 1].text == "," and ctx.doc[before].dep_ in ("nsubj", "nsubjpass")
    if last.doc_start < first and people.within(first, before) and not opening:
        return None  # "the legend of Galois ... before he died": a person of its own sentence comes first
    # "Byron entered a school. Placed under the care of Dr. Bailey, he ...": Byron
    return _reporter_of(ctx, before, last, subjects) or last


def _reporter_of(ctx: Context, before: int, last: Mention, subjects: MentionIndex) -> Mention | None:
    """For a pronoun that is itself the subject of a speech cue ("He added: ..."), the speaker of
    the cue whose reported clause ``last`` is the subject of ("Arteta said Zubimendi was “a
    player we have followed”. He added: ...": Arteta, who goes on speaking, not Zubimendi, who is
    spoken of), when that speaker is a compatible person too (one of ``subjects``); in a sentence
    before the pronoun's, not the one the pronoun is reported in."""
    pronoun = ctx.doc[before]
    cue = cue_at(ctx, pronoun.head.i) if pronoun.dep_ == "nsubj" else None
    if cue is None or cue[1] != "speech":
        return None
    verb = ctx.doc[last.doc_end - 1].head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    outer = verb.head if verb.dep_ == "ccomp" else None
    said = cue_at(ctx, outer.i) if outer is not None else None
    if said is None or said[1] != "speech" or ctx.sentence_of[outer.i] == ctx.sentence_of[before]:
        return None  # "Carson noted that Moody had tweeted ... after he tweeted": inside what Carson reports
    return next((m for m in subjects.within(*ctx.sent_bounds[ctx.sentence_of[outer.i]])
                 if m.doc_end <= outer.i and ctx.doc[m.doc_end - 1].head.i == outer.i), None)


def _people(ctx: Context, gender: str | None, outside: MentionIndex) -> MentionIndex:
    """The persons outside quotations compatible with ``gender`` ("m", "f", None for a person of no
    known gender, or "any"): of that gender or of no known one."""
    genders = person_genders(ctx)
    return outside.subset(("person", gender), lambda r: r.label == "PERSON" and (
        gender == "any" or genders.get(r.canonical) in (None, gender)))


def person_near(ctx: Context, before: int, gender: str | None, outside: MentionIndex) -> Mention | None:
    """The nearest compatible person before token ``before`` (see :func:`antecedent`); ``gender``
    "m", "f", None (a person of no known gender) or "any"."""
    people = _people(ctx, gender, outside)
    free = people.subset("not after a preposition", lambda r: r.doc_start == 0
                         or ctx.doc[r.doc_start - 1].lower_ not in _OBJECT_PREPOSITIONS)
    last = free.last_ending_by(before) or people.last_ending_by(before)
    return None if last is None else _most_mentioned_near(ctx, people, free, last, before)


_SUBJECT_PRONOUNS = {"m": ("he",), "f": ("she",)}
_CHAIN_SENTENCES = 2


def _leading_pronoun(ctx: Context, sentence: int, gender: str | None) -> int | None:
    """The sentence's first "he" (or "she") outside quotations when no person is named before it
    in the sentence ("In 1801, he was sent to ..."): the sentence's subject, most often."""
    forms = _SUBJECT_PRONOUNS.get(gender or "", ())
    first, end = ctx.sent_bounds[sentence]
    named = {k for m in ctx.index.within(first, end) if m.label == "PERSON" for k in range(m.doc_start, m.doc_end)}
    seen_person = False
    for k in range(first, end):
        if k in named:
            seen_person = True
        elif ctx.doc[k].lower_ in forms and ctx.quote_of[k] is None:
            # after a person, only right after the comma that closes an opening phrase
            # ("Following the advice of his mentor Vilhelm Thomsen, he returned ...")
            return k if not seen_person or (k > first and ctx.doc[k - 1].text == ",") else None
    return None


def _continued_pronoun(ctx: Context, at: int, gender: str | None) -> int | None:
    """An earlier leading "he"/"she" that the leading pronoun at ``at`` continues: the one of the
    last sentences that starts with it, when every sentence since names no person before its own
    pronoun (a new person in the subject's place breaks the chain, named or described: "a
    spokeswoman", "the minister", of the pronoun's gender or none)."""
    sentence = ctx.sentence_of[at]
    if _leading_pronoun(ctx, sentence, gender) != at:
        return None
    for back in range(1, _CHAIN_SENTENCES + 1):
        if sentence - back not in ctx.sent_bounds:
            return None
        earlier = _leading_pronoun(ctx, sentence - back, gender)
        if earlier is not None:
            return earlier
        first, end = ctx.sent_bounds[sentence - back]
        if any(m.label == "PERSON" and any(ctx.doc[k].dep_ in ("nsubj", "nsubjpass")
                                           for k in range(m.doc_start, m.doc_end))
               for m in ctx.index.within(first, end)):
            return None  # a person is the subject of that sentence
        subject = main_subject(ctx, first, end)
        if (subject is not None and subject.tag_ == "NN" and subject.lower_ in SPOKES | LEAD_ROLES
                and WORD_GENDER.get(subject.lower_, gender) == gender
                and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in subject.lefts)):
            return None  # so is one described ("A spokeswoman for the trust said ..."; not "His mother")
    return None


_OBJECT_PREPOSITIONS = {"on", "via", "at", "in", "from", "about", "against", "into", "over", "under", "of"}
"""A person named right after one of these is an object ("a post on Twitter", "a letter from Ann
Lee"), which "he"/"she" rarely stands for. Chosen on GUM's coreference (see
``benchmarks/pronoun_accuracy.py``): adding "to", "with", "for" or "by" cost speeches a pronoun."""


def _most_mentioned_near(ctx: Context, people: MentionIndex, free: MentionIndex, last: Mention, before: int) -> Mention:
    """Of the people (``free``) named in ``last``'s sentence and the one before, ending by token
    ``before``: the one with the most mentions (``people``) so far; ``last`` when it is the only one."""
    sentence = ctx.sentence_of[last.doc_start]
    near = []
    k = bisect_left(free.starts, before) - 1
    while k >= 0 and sentence - ctx.sentence_of[free.items[k].doc_start] <= 1:
        if free.items[k].doc_end <= before:
            near.append(free.items[k])
        k -= 1
    if len({m.canonical for m in near}) < 2:
        return last
    ends = _ends_by_person(ctx, people)
    return max(near, key=lambda m: (bisect_right(ends[m.canonical], before), m.doc_end))


def _ends_by_person(ctx: Context, people: MentionIndex) -> dict[str, list[int]]:
    """Each person's mention ends, in order (how often one is named by a token is a binary search), once per index."""
    key = ("ends", id(people))
    if key not in ctx.memo:
        ends: dict[str, list[int]] = {}
        for m in sorted(people.items, key=lambda m: m.doc_end):
            ends.setdefault(m.canonical, []).append(m.doc_end)
        ctx.memo[key] = ends
    return ctx.memo[key]  # type: ignore[return-value]
