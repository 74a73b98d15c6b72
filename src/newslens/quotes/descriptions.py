"""Whom a description stands for ("the minister", "the bank", "the consumer champion", "his
agent", a headline's "..., regulator says"): the name introduced with its head noun, the
organisation whose name holds it, the article's main person, the subject of the sentence just
before, or the person the lead identifies later. Each rule's firings on PolNeAR were read by hand
(docs/accuracy.md); a description no rule fits stays a description.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from newslens.names import RANK_ROLES, ROLE_HYPERNYMS, ROLE_NOUNS, first_name_gender
from newslens.quotes.context import Context, Mention, MentionIndex
from newslens.quotes.people import (
    LEAD_ROLES,
    NO_ROLE,
    PRONOUN_GENDER,
    SPOKES,
    WORD_GENDER,
    names_by_role,
    outside_quotations,
    person_genders,
    role_heads,
    roles_by_person,
)

__all__ = ["OTHERS", "PERSON_ENDS", "description_antecedent", "identified_later", "modifiers_of", "role_antecedent"]


def description_antecedent(ctx: Context, lo: int, hi: int) -> Mention | None:
    """The entity the description ``doc[lo:hi]`` (head noun last) stands for, or None: the first
    rule that fits, in this order: a name introduced with the head (:func:`role_antecedent`), the
    person the lead names later (:func:`identified_later`), the organisation the lead names later,
    the organisation a headline's description stands for, the subject of the sentence just before, the one person introduced
    below with that role.

    Example:
        ``description_antecedent(ctx, lo, hi)`` for "the central defender" after "Marcus Webb, the
        central defender," is the mention of Marcus Webb.
    """
    head = ctx.doc[hi - 1].lower_
    return (role_antecedent(ctx, lo, head, modifiers=modifiers_of(ctx, lo, hi - 1)) or identified_later(ctx, lo, hi - 1)
            or _organisation_identified_later(ctx, lo, head) or _named_below(ctx, lo, head)
            or _epithet_of_subject(ctx, lo, hi - 1) or _introduced_below(ctx, lo, head))


_ORG_HEADS = frozenset(
    "company firm bank group organization organisation team club party agency government ministry department "
    "church university school college council committee union alliance league board court network channel "
    "broadcaster newspaper magazine paper airline carrier retailer insurer lender maker manufacturer giant "
    "charity foundation institute hospital army military police embassy office authority regulator society "
    "association federation commission corporation institution watchdog body operator supplier provider force "
    "trust service publisher studio label chain platform developer".split())
"""Heads of a description that stands for an organisation ("the bank said"): with no name
introduced by that word, it goes to the last organisation whose name holds the word ("the bank" ->
"Barclays Bank", "the church" -> "Church of Scientology"), else to an organisation that was a
sentence's subject just before (:func:`role_antecedent`). Not to the last organisation named
whatever its name: on GUM's coreference that was wrong 15 times in 26 news descriptions."""
_NAME_WORDS = {"force": {"force", "police", "constabulary"}}
"""The words of an organisation's name that a description's head stands for, where they differ
("the force said" for a police force)."""


def role_antecedent(ctx: Context, before: int, head: str, *, modifiers: tuple[str, ...] = ()) -> Mention | None:
    """The entity a description stands for: the name introduced with its head noun ("Deputy
    Minister ... Andrei Rudenko", "TV channel NHK", "Marcus Webb, the central defender," for "the
    74-year-old comedian", "the minister", "the central defender"; with the description's
    capitalised ``modifiers`` near one of its mentions: "Florida Sen. Marco Rubio" for "the Florida
    senator"), else, for an organisation's
    head noun ("the bank"), the last organisation whose name holds it ("Barclays Bank"), else, for
    a definite description or a spokesperson, an organisation that was a sentence's subject in the
    same or the previous sentence ("Live Nation said ... In a statement, the company said", "NHS
    England said ... “...,” a spokesperson said"; for a spokesperson, a building that speaks for
    its institution too: "Buckingham Palace has said ... a palace spokesperson said")."""
    with_role = names_by_role(ctx).get(head)
    if with_role is None and ctx.doc[before].lower_ == "the":  # "the officer" for "Detective Inspector Kev Smith"
        named = [names_by_role(ctx)[w] for w, general in ROLE_HYPERNYMS.items() if general == head and w in names_by_role(ctx)]
        if named:
            with_role = MentionIndex(sorted((m for index in named for m in index.items), key=lambda m: m.doc_start))
    if with_role is not None and modifiers:  # "the Florida senator": a senator introduced with "Florida"
        with_role = with_role.subset(("introduced with", head, modifiers), lambda m: _introduced_with(ctx, m, modifiers))
    found = with_role.last_ending_by(before) if with_role is not None else None
    if found is None and head in _EPITHETS and ctx.doc[before].lower_ == "the":
        return _protagonist(ctx, before, head)
    if found is not None or head not in _ORG_HEADS | SPOKES:
        return found
    outside = outside_quotations(ctx)
    orgs = outside.subset("organisation", lambda r: r.label == "ORG")
    if head in _ORG_HEADS:
        words = _NAME_WORDS.get(head, {head})  # "the force" -> "Avon and Somerset Police"
        holding = orgs.subset(("organisation named", head), lambda r: not words.isdisjoint(r.canonical.lower().split()))
        found = holding.last_ending_by(before)
        if found is not None:
            return found
    if ctx.doc[before].lower_ != "the" and head not in SPOKES:
        return None  # "a group of comedians" is not the group named before; "a spokesperson" speaks for it
    speakers = orgs if head not in SPOKES else outside.subset(  # "Buckingham Palace said ... a palace spokesperson"
        "organisation or building", lambda r: r.label in ("ORG", "FAC"))
    subjects = speakers.subset("organisation subject", lambda r: any(  # "the Royal College of Nursing warned": College
        ctx.doc[k].dep_ in ("nsubj", "nsubjpass") or _named_subject(ctx.doc[k]) for k in range(r.doc_start, r.doc_end))
                               and first_name_gender(r.canonical.split()[0]) is None)  # not a person mislabelled
    subject = subjects.last_ending_by(before)  # "Live Nation said ... . In a statement, the company said"
    if subject is not None and ctx.sentence_of[before] - ctx.sentence_of[subject.doc_start] <= 1:
        return subject
    if head in _ORG_HEADS:
        return _only_organisation_before(ctx, before, orgs) or _main_organisation(ctx, before, head, orgs)
    return None


def modifiers_of(ctx: Context, lo: int, head: int) -> tuple[str, ...]:
    """The words of places a description names before its head ("the Florida senator": Florida): a
    Florida senator is no Vermont one. Not a party or a nationality, which a reporter adds for
    variety ("Local councillor Amira Shah" ... "the Labour councillor")."""
    return tuple(t.text for t in ctx.doc[lo:head] if t.text[:1].isupper() and any(
        m.label in ("GPE", "LOC") for m in ctx.index.overlapping(t.i, t.i + 1)))


def _introduced_with(ctx: Context, mention: Mention, modifiers: tuple[str, ...]) -> bool:
    """Whether some mention of ``mention``'s entity has every word of ``modifiers`` in the six
    tokens before it or the eight after it, in its sentence ("Florida Sen. Marco Rubio", "Marco
    Rubio, the Florida senator,"), so that "the Florida senator" is not the last senator named."""
    for m in ctx.index.items:
        if m.canonical != mention.canonical:
            continue
        first, end = ctx.sent_bounds[ctx.sentence_of[m.doc_start]]
        near = {t.text for t in ctx.doc[max(first, m.doc_start - 6) : m.doc_start]}
        near |= {t.text for t in ctx.doc[m.doc_end : min(end, m.doc_end + 8)]}
        if all(w in near for w in modifiers):
            return True
    return False


_BUSINESS_HEADS = frozenset(
    "company firm business retailer chain supermarket carrier airline lender bank insurer maker manufacturer giant "
    "broadcaster publisher operator supplier provider developer platform brand".split())
"""Heads of a description that an article about one business calls it by, for variety ("the
company", "the retailer"); not "the party", "the government" or "the council", which stand for
one of several bodies an article names. The head is one of :data:`_ORG_HEADS` too; "supermarket",
"business" and "brand" serve only :func:`_acts_on_a_business` ("fined the supermarket")."""


def _main_organisation(ctx: Context, before: int, head: str, orgs: MentionIndex) -> Mention | None:
    """The business an article is about, for "the company" when no organisation was a subject
    just before: the only organisation named before it (outside quotations), or the one named most
    often, twice at least and more often than any other; named in the headline or the first
    paragraph of the body ("Tesco has reported a sharp rise in profits ... The company said it
    expected ...")."""
    if head not in _BUSINESS_HEADS or ctx.doc[before].lower_ != "the":
        return None
    parts, paragraph = ctx.tokens["part"], ctx.tokens["paragraph"]
    body = paragraph[parts == "body"]
    if body.empty:
        return None
    counts: dict[str, int] = {}
    last: dict[str, Mention] = {}
    lead: set[str] = set()
    for m in orgs.items:
        if m.doc_end > before:
            break
        counts[m.canonical] = counts.get(m.canonical, 0) + 1
        last[m.canonical] = m
        if parts.iat[m.doc_start] == "headline" or (parts.iat[m.doc_start] == "body"
                                                    and int(paragraph.iat[m.doc_start]) == int(body.min())):
            lead.add(m.canonical)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and (ranked[0] < 2 or ranked[1] == ranked[0])):
        return None  # the only one named so far, or the one named most (twice at least)
    name = max(counts, key=counts.__getitem__)
    if name not in lead or _acts_on_a_business(ctx, orgs, name, before):
        return None
    return last[name]


def _acts_on_a_business(ctx: Context, orgs: MentionIndex, name: str, before: int) -> bool:
    """Whether a sentence naming the organisation goes on to a business it does not name ("The FCA
    fined the firm on Monday": "the company" may then be that one); not an apposition ("Tesco, the
    retailer,"). Read on the words, since a sentence with no cue is not parsed."""
    doc = ctx.doc
    for m in orgs.items:
        if m.doc_end > before:
            break
        if m.canonical != name or (m.doc_end < len(doc) and doc[m.doc_end].text == ","):
            continue
        _, s_end = ctx.sent_bounds[ctx.sentence_of[m.doc_start]]
        for k in range(m.doc_end + 1, min(s_end, before)):
            if (doc[k].lower_ in _BUSINESS_HEADS and doc[k].is_lower and ctx.quote_of[k] is None
                    and any(doc[j].lower_ in ("the", "a", "an") for j in range(max(m.doc_end, k - 3), k))
                    and not ctx.index.overlapping(k, k + 1)):
                return True
    return False


def _only_organisation_before(ctx: Context, before: int, orgs: MentionIndex) -> Mention | None:
    """The one organisation named in the sentence before a description that opens its own
    sentence ("The case began after a complaint from Spotify. The Swedish company welcomed the
    ruling"), when no other is named there or since; a wire's name in brackets does not count.
    On PolNeAR train it fires 5 times, 4 right (one wrong: "the company" after "the Oreo")."""
    sentence = ctx.sentence_of[before]
    if sentence - 1 not in ctx.sent_bounds or ctx.first_word[sentence] != before:
        return None
    p_first, _ = ctx.sent_bounds[sentence - 1]
    named = [m for m in orgs.within(p_first, before)  # not a wire's "(AP)" of the dateline
             if not (m.doc_start > 0 and ctx.doc[m.doc_start - 1].text == "(")]
    if len({m.canonical for m in named}) != 1:
        return None
    return named[-1]


def _named_subject(token: Any) -> bool:
    """Whether a name's token stands beside a subject that describes it ("the regulator Ofgem
    has announced", "Education Secretary, Bridget Phillipson, told": the parser's apposition)."""
    return token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")


_EPITHETS = LEAD_ROLES - frozenset(
    "prosecutor lawyer attorney detective coach aide adviser advisor colleague teammate friend brother sister father "
    "mother son daughter wife husband widow widower uncle aunt cousin nephew niece interviewee judge manager boss "
    "captain chief head editor reporter journalist".split())
"""Roles an article calls its main person by, for variety ("the singer", "the star", "the forward");
not roles of the people around them (a lawyer, a judge, a relative, a reporter)."""


def _protagonist(ctx: Context, before: int, role: str) -> Mention | None:
    """The person "the singer" stands for when no name was introduced with that role: the person
    named most often before it (outside quotations; the first named in the body on a tie), when
    named at least twice, once at least in the body, introduced with no other role noun and of no
    other gender than the role's ("the actress"); not for a description with a capitalised
    modifier ("the Vermont senator")."""
    modifiers = []
    for k in range(before + 1, min(before + 7, len(ctx.doc))):
        if ctx.doc[k].lower_ == role:
            break
        modifiers.append(ctx.doc[k])
    if any(t.text[:1].isupper() for t in modifiers):
        return None  # "the Vermont senator", "the Democratic nominee": an affiliation this cannot check
    roles = roles_by_person(ctx)
    genders = person_genders(ctx)
    gender = WORD_GENDER.get(role)
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    parts = ctx.tokens["part"]
    for m in outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON").items:
        if m.doc_end > before:
            break
        if parts.iat[m.doc_start] in ("headline", "body"):
            counts[m.canonical] = counts.get(m.canonical, 0) + 1
            if parts.iat[m.doc_start] == "body":  # not a headline's fragment tagged PERSON
                first.setdefault(m.canonical, m)
    counts = {n: c for n, c in counts.items() if n in first}
    if not counts:
        return None
    name = max(counts, key=lambda n: (counts[n], -first[n].doc_start))
    if counts[name] < 2:
        return None  # named once: no main person yet
    if (roles.get(name) and role not in roles[name]) or (gender and genders.get(name) not in (None, gender)):
        return None  # "the winger" after "Rovers striker Tom Hale": another role (synonyms count: "the forward")
    return first[name]


OTHERS = (LEAD_ROLES - _EPITHETS) | SPOKES | _ORG_HEADS | frozenset(
    "official source insider staffer witness analyst expert critic officer agent spokesperson person people man woman "
    "neighbour neighbor resident victim patient suspect moderator interviewer host anchor doctor".split())
"""Descriptions that stand for someone beside the person just named, not for that person ("the
lawyer", "the official", "the mother", "a source")."""
_EPITHET_NOUNS = frozenset("champion veteran star mogul tycoon billionaire millionaire hopeful legend icon".split())
PERSON_ENDS = ("ist", "ian", "or")
"""What makes a description's head a person's for :func:`_epithet_of_subject`: a role noun, an
epithet ("the consumer champion", "the veteran"), or a noun of a person's ending ("the
self-described democratic socialist", "the historian", "the senator")."""


def _epithet_of_subject(ctx: Context, lo: int, head: int) -> Mention | None:
    """The person a description nobody was introduced with stands for when it follows a sentence
    about them (the reporter's variation: "Martin Lewis, the founder of MoneySavingExpert, advised
    ... “...,” the consumer champion wrote."): the last person named before it, when that person is
    the subject of the main verb of the sentence just before (not of a passive: "Trump was asked
    ... the moderator said"; not of a clause inside it: "Trump said Manafort would play a larger
    role ... the business mogul announced"), with no other person named between; for a cue's subject "the ... noun"
    whose singular noun names a person (a role, an epithet, a person's ending: :data:`PERSON_ENDS`)
    and is no role of the people around a person (:data:`OTHERS`), of the other gender, or a role
    noun other than the one the person was introduced with ("City boss Martina Silva ... the
    goalkeeper said"; an epithet may differ: "Martin Lewis, the founder of ..., the consumer
    champion")."""
    doc = ctx.doc
    noun = doc[head]
    role = noun.lower_
    if (doc[lo].lower_ != "the" or noun.tag_ != "NN" or noun.dep_ != "nsubj" or role in OTHERS
            or not (role in ROLE_NOUNS or role in LEAD_ROLES or role in _EPITHET_NOUNS or role.endswith(PERSON_ENDS))):
        return None  # "the report said", "the sign read": no person
    people = outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON")
    subjects = people.subset("main agent", lambda r: any(  # not one acted on ("Trump was asked ... the moderator")
        (doc[k].dep_ == "nsubj" and doc[k].head.dep_ == "ROOT")
        or (_named_subject(doc[k]) and doc[k].head.head.dep_ == "ROOT") for k in range(r.doc_start, r.doc_end)))
    last = subjects.last_ending_by(lo)
    if last is None:
        return None
    phrase = doc[last.doc_end - 1]
    phrase_end = (phrase.head if _named_subject(phrase) else phrase).right_edge.i
    if any(m.doc_start > phrase_end for m in people.within(last.doc_end, lo)):
        return None  # another person named since ("the founder of MoneySavingExpert" is Lewis's own phrase)
    if ctx.sentence_of[lo] - ctx.sentence_of[last.doc_start] != 1:
        return None  # the sentence just before (a paragraph may end between); not one's own sentence
    gender = WORD_GENDER.get(noun.lower_)
    if gender and person_genders(ctx).get(last.canonical) not in (None, gender):
        return None
    roles = roles_by_person(ctx).get(last.canonical, set()) & ROLE_NOUNS
    if role in ROLE_NOUNS and roles and role not in roles:
        return None  # "City boss Martina Silva ... the goalkeeper said": another person's role
    return last


def _named_below(ctx: Context, lo: int, head: str) -> Mention | None:
    """The organisation a headline's "..., palace says", "..., regulator says" stands for: the
    first organisation or building named in the body whose name holds that word ("Buckingham
    Palace", "Police Scotland") or that the body introduces with it ("the regulator Ofgem")."""
    parts = ctx.tokens["part"]
    if parts.iat[lo] != "headline":
        return None
    with_role = names_by_role(ctx).get(head)
    introduced = {m.doc_start for m in with_role.items} if with_role is not None else set()
    return next((m for m in outside_quotations(ctx).items if m.label in ("ORG", "FAC")
                 and parts.iat[m.doc_start] == "body"
                 and (head in m.canonical.lower().split() or m.doc_start in introduced)), None)


def _introduced_below(ctx: Context, lo: int, head: str) -> Mention | None:
    """The person a possessive description stands for when the article introduces one person, and
    only one, with that role, after it ("..., his agent has said." then "His agent, Claire Fenton,
    described him as ..."); not for a spokesperson, whom an article may quote several of, nor
    for a description of the other gender. Not for "the" (a first draft that took "the candidate",
    "the campaign" too was wrong on PolNeAR more often than right)."""
    if ctx.doc[lo].lower_ not in ("his", "her", "their") or head in SPOKES:
        return None
    with_role = names_by_role(ctx).get(head)
    people = [m for m in with_role.items if m.label == "PERSON"] if with_role is not None else []
    if len({m.canonical for m in people}) != 1 or people[0].doc_start <= lo:
        return None
    gender = WORD_GENDER.get(head)
    return None if gender and person_genders(ctx).get(people[0].canonical) not in (None, gender) else people[0]


def _organisation_identified_later(ctx: Context, lo: int, head: str) -> Mention | None:
    """The organisation a lead's description stands for when the article names it only after ("A
    lender has been fined ..., the financial watchdog has said." then "The Financial Conduct
    Authority said ..."): for "the ..." with an organisation's head (:data:`_ORG_HEADS`) in the
    first paragraph of the body, said before any organisation is named, the first organisation
    named after its sentence, as the subject of its own, within the next two paragraphs."""
    doc, parts, paragraph = ctx.doc, ctx.tokens["part"], ctx.tokens["paragraph"]
    body = paragraph[parts == "body"]
    if (head not in _ORG_HEADS or doc[lo].lower_ != "the" or body.empty or parts.iat[lo] != "body"
            or int(paragraph.iat[lo]) != int(body.min())):
        return None
    orgs = outside_quotations(ctx).subset("organisation", lambda r: r.label == "ORG")
    if orgs.last_ending_by(lo) is not None:
        return None  # named before: read backwards (role_antecedent)
    _, s_end = ctx.sent_bounds[ctx.sentence_of[lo]]
    k = bisect_left(orgs.starts, s_end)
    if k >= len(orgs.items):
        return None
    org = orgs.items[k]
    if parts.iat[org.doc_start] != "body" or int(paragraph.iat[org.doc_start]) - int(body.min()) > 2:
        return None
    if not any(doc[j].dep_ in ("nsubj", "nsubjpass") or _named_subject(doc[j]) for j in range(org.doc_start, org.doc_end)):
        return None  # "... fined by the Financial Conduct Authority": named, but not as the one who speaks
    return org


def identified_later(ctx: Context, lo: int, head: int) -> Mention | None:
    """The person a description before any name stands for, named in the next paragraph (the
    news lead's "delayed identification": "The education secretary has said she will not resign."
    then "Bridget Phillipson told ..."). Only for one person's role ("the minister", "a senior
    commander", "says commander" in a headline; not "officials", "a spokesman" or "the company")
    said before any person is named: the first person named after it, when that is the subject of
    its sentence within the next two paragraphs, introduced with no other role noun and of no
    gender other than the description's."""
    doc = ctx.doc
    noun = doc[head]
    role = noun.lower_
    headline_word = noun.tag_ == "NNP" and ctx.tokens.at[head, "part"] == "headline"  # "Senator says ..."
    if not (noun.tag_ == "NN" or headline_word) or role not in LEAD_ROLES:
        return None
    paragraph, parts = ctx.tokens["paragraph"], ctx.tokens["part"]
    body = paragraph[parts == "body"]
    if body.empty or (parts.iat[head] == "body" and int(paragraph.iat[head]) != int(body.min())):
        return None  # only the headline and the lead identify later
    people = outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON")
    if people.last_ending_by(lo) is not None:
        return None  # a person was named before: the description is read backwards, or not at all
    k = bisect_left(people.starts, head + 1)
    if k >= len(people.items):
        return None
    person = people.items[k]
    if int(paragraph.iat[person.doc_start]) - int(body.min()) > 2:
        return None
    if not any(doc[j].dep_ in ("nsubj", "nsubjpass") or _named_subject(doc[j]) for j in range(person.doc_start, person.doc_end)):
        return None  # "... Ann Lee, whose son ...": named, but not as the one who acts
    # the role an abbreviated title names is no other role: "Col Oleksandr Marchenko" may be "a senior commander"
    roles = role_heads(ctx, person.doc_start, person.doc_end) - NO_ROLE - frozenset(RANK_ROLES.values())
    roles &= LEAD_ROLES | ROLE_NOUNS  # a role, not any apposition ("Sen. Patricia Holloway, a Democrat,")
    if roles and role not in roles:
        return None  # "A judge said ... Attorney General Ken Paxton said": another person
    said = WORD_GENDER.get(role) or next(
        (PRONOUN_GENDER[t.lower_] for t in doc[head + 1 : ctx.sent_bounds[ctx.sentence_of[head]][1]]
         if t.lower_ in ("he", "she") and ctx.quote_of[t.i] is None), None)
    known = person_genders(ctx).get(person.canonical)
    return None if said and known and said != known else person
