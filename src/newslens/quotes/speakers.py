"""Who the speaker is: the subject of a cue (or the name after an inverted cue, or the agent of a
passive), resolved to an entity: a name through the entity mentions, a pronoun to the most
recent compatible entity outside quotations (:mod:`newslens.quotes.pronouns`), a description
("the deputy minister", "the channel") to the entity it stands for
(:mod:`newslens.quotes.descriptions`: "Deputy Minister ... Andrei Rudenko", "TV channel NHK").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from newslens.names import ROLE_NOUNS, WEEKDAYS
from newslens.quotes.context import Context, Mention, Statement, char, cue_at, cues_in, unquoted
from newslens.quotes.descriptions import description_antecedent, identified_later, modifiers_of, role_antecedent
from newslens.quotes.people import AGE, GROUP_NOUNS, LEAD_ROLES, PRONOUN_GENDER, ROLE_DETS, SPOKES, outside_quotations
from newslens.quotes.pronouns import Reader, antecedent, person_near

__all__ = ["Attribution", "Speaker", "attribution", "attributed", "pronoun_antecedent", "resolved_mention",
           "speaker_of_cue", "via_of"]

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it", "they", "them"}
_RELATIVE_PRONOUNS = {"who", "that", "which"}
_NP_WORDS = ROLE_DETS | {"'s", "’s"}  # the function words a noun phrase after a cue may hold
_TIME_WORDS = {w.lower() for w in WEEKDAYS} | {"today", "yesterday", "tonight", "tomorrow"}
"""Words the parser takes for the subject of an inverted cue ("“...,” the nominee tweeted Sunday")."""
_NOBODY = {"all", "much", "what", "this", "nothing", "everything", "something", "anything"}
"""Pronouns that name no speaker ("all she could do was shout", "much of the debate ..."); "all"
may, with a number or "of" after it ("all three said", "all of them said")."""


@dataclass
class Attribution:
    """A speaker and cue found for a statement: the speaker columns of its row, and the cue's token."""

    speaker: str | None
    speaker_label: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    via: str | None
    cue_token: int | None = None
    continues: int | None = None


def attribution(ctx: Context, speaker: Speaker, cue_text: str, cue_token: int, *, via: str | None) -> Attribution:
    """The attribution of a statement to ``speaker`` through the cue at ``cue_token``."""
    return Attribution(
        speaker=speaker.name,
        speaker_label=speaker.label,
        speaker_text=speaker.text,
        speaker_start=char(ctx, speaker.start, "start"),
        speaker_end=char(ctx, speaker.end - 1, "end") if speaker.end is not None else None,
        cue=cue_text,
        via=via,
        cue_token=cue_token,
    )


def attributed(row: Statement, found: Attribution) -> Statement:
    """The statement with the speaker and cue of ``found``."""
    return replace(row, speaker=found.speaker, speaker_label=found.speaker_label, speaker_text=found.speaker_text,
                   speaker_start=found.speaker_start, speaker_end=found.speaker_end, cue=found.cue, via=found.via,
                   cue_token=found.cue_token, continues=found.continues)


@dataclass
class Speaker:
    """The mention naming a speaker (a span of doc tokens) and the entity it resolves to."""

    start: int | None  # doc token span of the mention naming the speaker
    end: int | None
    name: str | None
    label: str | None
    text: str | None


def speaker_of_cue(ctx: Context, cue: int, cue_text: str) -> Speaker | None:
    """The speaker of the cue at doc token ``cue`` (worked out once per cue)."""
    key = ("speaker", cue, cue_text)
    if key not in ctx.memo:
        ctx.memo[key] = _speaker_of_cue(ctx, cue, cue_text)
    return ctx.memo[key]  # type: ignore[return-value]


def _speaker_of_cue(ctx: Context, cue: int, cue_text: str) -> Speaker | None:
    doc = ctx.doc
    _, s_end = ctx.sent_bounds[ctx.sentence_of[cue]]
    if cue_text == "according to":
        return _np_after(ctx, cue + 2, s_end)
    verb = doc[cue]
    subject = _nearest_subject(ctx, verb)
    if subject is not None and subject.i < cue and not unquoted(ctx, subject.i + 1, cue) and _noun_phrase_ends(ctx, cue):
        subject = None  # "Ukraine war: ‘...’, says commander": the words after the cue say who, not the topic
    if subject is None:
        subject = _cleft_subject(ctx, verb) or _after_dateline(ctx, verb)
    noun = _after_quotation(ctx, verb) if subject is None else None
    if noun is not None:
        return _subject_span(ctx, noun, end=cue)  # "“...!” the nominee, Donald Trump, tweeted Sunday"
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and _can_speak(ctx, c)), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i < cue:
        subject = verb.head  # "Ann Lee, who said ...": the person the clause is about
    if subject is not None:
        return _subject_span(ctx, subject)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        for j in range(cue + 1, s_end):
            if doc[j].lower_ == "by" and ctx.quote_of[j] is None:
                found = _mention_after(ctx, j + 1, s_end, prefer="PERSON") or _np_after(ctx, j + 1, s_end)
                if found is not None:
                    return found
        return None
    if verb.dep_ == "xcomp" or (verb.tag_ == "VBG" and (verb.dep_ == "advcl" or (cue > 0 and doc[cue - 1].text == ","))):
        governing = _governing_subject(ctx, verb)  # "Petrilli tied the scores to ..., saying the law ...": Petrilli
        if governing is not None:
            return governing
    after = _np_after(ctx, cue + 1, min(s_end, cue + 7))
    if after is not None:
        return after
    return _governing_subject(ctx, verb) or _name_after_quotation(ctx, cue)  # "He explained ... by saying: ..."


def _noun_phrase_ends(ctx: Context, cue: int) -> bool:
    """After the cue comes only a short noun phrase, then the sentence's end ("..., says commander")."""
    _, s_end = ctx.sent_bounds[ctx.sentence_of[cue]]
    rest = [t for t in ctx.doc[cue + 1 : s_end] if not t.is_punct]
    return 0 < len(rest) <= 6 and unquoted(ctx, cue, s_end - 1) and any(t.pos_ in ("NOUN", "PROPN") for t in rest) and all(
        t.pos_ not in ("VERB", "AUX", "SCONJ") for t in rest)


def _name_after_quotation(ctx: Context, cue: int) -> Speaker | None:
    """The person (else organisation) named between the sentence's first quotation and a cue the
    parser gave no subject: "“...,” Texas delegate Bill Eastland, wearing a cowboy hat, said"
    (Eastland read as part of the quoted clause)."""
    s_first, _ = ctx.sent_bounds[ctx.sentence_of[cue]]
    first = next((j for j in range(s_first, cue) if ctx.quote_of[j] is not None), None)
    if first is None:
        return None  # no quotation before the cue in its sentence
    lo = ctx.quote_tokens[ctx.quote_of[first]][-1] + 1
    if not unquoted(ctx, lo, cue):
        return None  # another quotation stands between: which one the cue reports is unclear
    found = [m for m in ctx.index.within(lo, cue) if m.label in ("PERSON", "ORG")]
    people = [m for m in found if m.label == "PERSON"] or found
    return _resolved(ctx, people[0].doc_start, people[0].doc_end) if people else None


def _nearest_subject(ctx: Context, verb: Any) -> Any:
    """The cue's subject; of two the parser gave it, the one nearest before the cue ("In Berea,
    OH, Gov. John Kasich said": Kasich, not OH)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and _can_speak(ctx, c)]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _cleft_subject(ctx: Context, verb: Any) -> Any:
    """The subject inside "all she could do was shout", "what he did was tell ...": she, he."""
    if verb.dep_ != "xcomp" or verb.head.lemma_ != "be":
        return None
    for c in verb.head.children:
        if c.dep_ == "nsubj" and c.lower_ in _NOBODY:
            inner = [g for k in c.children if k.dep_ == "relcl" for g in k.children if g.dep_ == "nsubj"]
            return next((g for g in inner if _can_speak(ctx, g)), None)
    return None


def _after_quotation(ctx: Context, verb: Any) -> Any:
    """The noun the parser hung the cue on in "“...” the nominee, Jack Dale, tweeted" (read as a noun
    with a participle, "the nominee [who was] tweeted"), when that noun phrase follows a quotation."""
    head = verb.head
    while head.dep_ == "appos" and head.head.i < head.i:
        head = head.head
    if verb.dep_ != "acl" or not head.i < verb.i or head.pos_ not in ("NOUN", "PROPN") or not _can_speak(ctx, head):
        return None
    j = head.left_edge.i - 1
    while j >= 0 and ctx.doc[j].is_punct and ctx.quote_of[j] is None:
        j -= 1
    return head if j >= 0 and ctx.quote_of[j] is not None else None


def _can_speak(ctx: Context, token: Any) -> bool:
    """A subject token that can name a speaker: outside quotations, and a word that can head a noun
    phrase (not a particle the parser misread as a subject, "can’t ... cry"), not a day ("said
    Wednesday") and not a pronoun that names nobody ("all she could do was shout")."""
    word = token.lower_
    if ctx.quote_of[token.i] is not None or token.pos_ in ("PART", "PUNCT", "ADP", "CCONJ", "SCONJ"):
        return False
    if word in ("n't", "n’t", "not") or word in _TIME_WORDS:  # "n’t" is tagged a pronoun after a curly apostrophe
        return False
    if word in _NOBODY and not (word == "all" and any(c.dep_ in ("prep", "nummod") for c in token.children)):
        return False
    return not _in_dateline(ctx, token)


def _after_dateline(ctx: Context, verb: Any) -> Any:
    """The name after a dateline the parser took for the subject: "LONDON (Reuters) - Tom Hale said"
    (Tom Hale read as an apposition of LONDON)."""
    for c in verb.children:
        if c.dep_ == "nsubj" and _in_dateline(ctx, c):
            names = [a for a in c.children if a.dep_ == "appos" and a.i > c.i and _can_speak(ctx, a)]
            return names[-1] if names else None
    return None


def _in_dateline(ctx: Context, token: Any) -> bool:
    """The token is the place of a wire dateline that opens its sentence: "LONDON (Reuters) -",
    "NEW YORK —", "MOSCOW, Nov 24 (Reuters) -"."""
    if not token.text.isupper() or len(token.text) < 2:
        return False
    s_first, s_end = ctx.sent_bounds[ctx.sentence_of[token.i]]
    if any(not t.text.isupper() for t in ctx.doc[s_first : token.i]) or token.i - s_first > 3:
        return False
    j = token.i + 1
    while j < s_end and ctx.doc[j].text.isupper() and ctx.doc[j].text.isalpha():
        j += 1
    return j < s_end and ctx.doc[j].text in ("(", "—", "–", "-", "--", ",")


def _governing_subject(ctx: Context, verb: Any) -> Speaker | None:
    """The subject of a verb that governs the cue (up to three steps up the parse)."""
    head = verb
    for step in range(3):
        if head.head.i == head.i:
            break
        passive = step == 0 and verb.dep_ == "xcomp"  # "Mr. Trump was prompted to say": Mr. Trump
        head = head.head
        subject = next((c for c in head.children if (c.dep_ == "nsubj" or (passive and c.dep_ == "nsubjpass"))
                        and _can_speak(ctx, c) and c.i != verb.i), None)
        if subject is not None:
            return _subject_span(ctx, subject)
    root = verb.sent.root  # the parser took the participle for a subject: ", writing “Feels great ...”"
    subject = next((c for c in root.children if c.dep_ == "nsubj" and _can_speak(ctx, c) and c.i != verb.i), None)
    return _subject_span(ctx, subject) if subject is not None and root.i < verb.i else None


def _subject_span(ctx: Context, subject: Any, *, end: int | None = None) -> Speaker:
    lo, hi = subject.left_edge.i, min(subject.right_edge.i + 1, end if end is not None else len(ctx.doc))
    named = _missed_apposition(ctx, subject, hi)
    if named is not None:
        return _resolved(ctx, named.doc_start, named.doc_end)
    clauses = [(c.left_edge.i, c.right_edge.i) for c in subject.children if c.dep_ in ("relcl", "acl")]
    inside = [m for m in ctx.index.within(lo, hi)  # not "Twitter" of "the singer, who posted on Twitter,"
              if not any(a <= m.doc_start <= b for a, b in clauses)]
    left = min([c.left_edge.i for c in subject.lefts if c.dep_ in ("det", "compound", "amod", "poss", "nmod")]
               + [subject.i])
    if inside:
        people = [m for m in inside if m.label == "PERSON"]
        pick = people or inside
        head_hit = [m for m in pick if m.doc_start <= subject.i < m.doc_end] or [  # "the head of X, Takeshi Iwaya,"
            m for m in pick if any(ctx.doc[k].dep_ == "appos" and (ctx.doc[k].head.i == subject.i or (
                m.label == "PERSON" and _named_organisation(ctx, ctx.doc[k].head, inside)))
                                     for k in range(m.doc_start, m.doc_end)) and not _group_named(subject, m)]
        if people and not head_hit and subject.lower_ in SPOKES:  # "A spokesman for Davies's station, Hits Radio,"
            pick = [m for m in inside if m.label == "ORG" and _speaks_for(ctx, subject, m)][-1:] or pick
        row = (head_hit or pick)[-1 if pick is people else 0]
        speaks_for = row.label == "ORG" and _speaks_for(ctx, subject, row)
        if head_hit or speaks_for or (people and subject.pos_ != "NOUN"):
            return _resolved(ctx, row.doc_start, row.doc_end)
        # "Britain's ambassador said", "a spokesman for President Erdogan said": not Britain, not Erdogan
        return _described(ctx, left, _description_end(ctx, subject), subject.i)
    return _resolved(ctx, left, _title_end(ctx, subject))


def _named_organisation(ctx: Context, token: Any, inside: list[Mention]) -> bool:
    """Whether a person's name in apposition hangs on an organisation's or a place's name, where
    the parser put it for the description before ("The chairman of Rochdale, Mark Hollis,": a
    person is no apposition to a club, so he is the chairman)."""
    return any(m.label in ("ORG", "GPE", "FAC") and m.doc_start <= token.i < m.doc_end for m in inside)


def _missed_apposition(ctx: Context, subject: Any, hi: int) -> Mention | None:
    """A name set between commas right after a description that the parser did not join to it
    ("The NHS spending watchdog, NICE, has rejected ...": "NICE" read as an adverb): the name of a
    person or an organisation, not one beside a group ("the family, Ann Lee,")."""
    doc = ctx.doc
    if subject.pos_ != "NOUN" or hi != subject.i + 1 or hi + 2 >= len(doc) or doc[hi].text != ",":
        return None
    named = next((m for m in ctx.index.overlapping(hi + 1, hi + 2) if m.doc_start == hi + 1), None)
    if named is None or named.label not in ("PERSON", "ORG") or _group_named(subject, named):
        return None
    if named.doc_end >= len(doc) or doc[named.doc_end].text != "," or any(
            doc[k].dep_ == "appos" for k in range(named.doc_start, named.doc_end)):
        return None  # joined already, and read as such below
    return named


def _title_end(ctx: Context, subject: Any) -> int:
    """Where a speaker that names no entity ends: after its head, or after the "of" and the
    capitalised words of a title ("the Prince of Wales", "the Archbishop of Canterbury")."""
    doc, end = ctx.doc, subject.i + 1
    if subject.pos_ == "PROPN" and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == subject.i:
        k = end + 1
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        if k > end + 1:
            return k
    return end


def _group_named(subject: Any, mention: Mention) -> bool:
    """One person's name cannot stand beside a group ("the family of one patient, Margaret Ellis,",
    "relatives of the victim, Ann Lee,"): it names the person of the phrase, not the group."""
    return mention.label == "PERSON" and (subject.tag_ == "NNS" or subject.lower_ in GROUP_NOUNS)


_NOT_FOR = frozenset("critic critics opponent opponents rival rivals detractor detractors foe foes".split())


def _speaks_for(ctx: Context, subject: Any, org: Mention) -> bool:
    """An organisation in the subject's noun phrase speaks for its head ("a Barclays spokesman",
    "a spokesman for the Treasury"), unless it hangs on a word that keeps it apart ("a source
    close to the Treasury", "people familiar with the company") or the head is against it
    ("critics of the BBC") or names a person's own role ("the Labour councillor", "the Arsenal
    captain": the person, whose name the role may lead to)."""
    if subject.lower_ in _NOT_FOR or (subject.lower_ in ROLE_NOUNS | LEAD_ROLES and subject.lower_ not in SPOKES):
        return False
    tok = ctx.doc[org.doc_end - 1]
    while tok.i != subject.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.i != subject.i and tok.pos_ in ("ADJ", "VERB"):
            return False
    return True


def _description_end(ctx: Context, subject: Any) -> int:
    """Where a description ends: after its head noun, or after a short phrase that says whose it
    is ("a spokesman for President Erdogan", "the head of the agency")."""
    end = subject.right_edge.i + 1
    end = next((k for k in range(subject.i + 1, end) if ctx.doc[k].text == ","), end)  # "of one patient, Ann Lee,"
    tail = ctx.doc[subject.i + 1 : end]
    lead = 1 if len(tail) > 1 and tail[0].pos_ == "ADJ" and tail[1].pos_ == "ADP" else 0  # "close to", "familiar with"
    short = 0 < len(tail) <= 6 and tail[lead].lower_ in ("for", "of", "at", "to", "with")
    if short and all(t.pos_ not in ("VERB", "AUX", "PUNCT") for t in tail):
        return end
    return subject.i + 1


def _described(ctx: Context, lo: int, hi: int, head: int) -> Speaker:
    """The speaker named by a description whose head is no name: the name introduced with its head
    noun, else the description itself. Only an organisation speaks for the person it modifies ("a
    Barclays spokesman" -> Barclays); a person, a place, a nationality or a thing does not ("Trump's
    spokeswoman", "Britain's ambassador", "the prison's governor", "Russian officials")."""
    tokens = ctx.tokens
    text = ctx.article.text[int(tokens.at[lo, "start"]) : int(tokens.at[hi - 1, "end"])]
    row = (role_antecedent(ctx, lo, ctx.doc[head].lower_, modifiers=modifiers_of(ctx, lo, head))
           or identified_later(ctx, lo, head)
           if ctx.doc[head].pos_ == "NOUN" else None)
    if row is not None:
        return Speaker(lo, hi, row.canonical, row.label, text)
    return Speaker(lo, hi, _description_name(text), None, text)


def _description_name(text: str) -> str:
    """A description as a speaker's name: its article in lower case wherever the sentence put it,
    so that "The officials" and "the officials" are one speaker in the tables and charts (the
    article's own wording stays in ``speaker_text``)."""
    first, _, rest = text.partition(" ")
    if rest and first.lower() in ROLE_DETS and first[:1].isupper():
        return first.lower() + " " + rest
    return text


def _mention_after(ctx: Context, lo: int, hi: int, *, prefer: str | None = None) -> Speaker | None:
    cand = ctx.index.within(lo, hi)
    if not cand:
        return None
    if prefer and any(m.label == prefer for m in cand):
        cand = [m for m in cand if m.label == prefer]
    return _resolved(ctx, cand[0].doc_start, cand[0].doc_end)


def _np_after(ctx: Context, lo: int, hi: int) -> Speaker | None:
    """The noun phrase starting at ``lo`` (skipping punctuation): a name, a pronoun or "the deputy minister"."""
    doc = ctx.doc
    i = lo
    while i < hi and (doc[i].is_punct or doc[i].lower_ in ("out",) or doc[i].lower_ in _TIME_WORDS):
        i += 1
    if i >= hi or ctx.quote_of[i] is not None or doc[i].pos_ == "ADP":
        return None  # "wrote on Twitter": a preposition's object is no speaker
    at = ctx.index.starting_at(i, hi)
    modifier = bool(at) and at[0].label not in ("PERSON", "ORG") and at[0].doc_end < hi and (
        doc[at[0].doc_end].pos_ in ("NOUN", "PART") or doc[at[0].doc_end].lower_ in ("'s", "’s"))
    if at and not modifier:
        return _resolved(ctx, at[0].doc_start, at[0].doc_end)
    if doc[i].pos_ == "PRON":
        return _resolved(ctx, i, i + 1)
    j = i
    while j < hi and (doc[j].lower_ in _NP_WORDS or doc[j].pos_ in ("ADJ", "NOUN", "PROPN")) and not doc[j].is_punct:
        j += 1
    if j > i and doc[j - 1].pos_ in ("NOUN", "PROPN"):
        return _resolved(ctx, i, j)  # "the Vermont senator's backers": the description, not Vermont
    return None


def resolved_mention(ctx: Context, lo: int, hi: int) -> Speaker:
    """The speaker a mention ``doc[lo:hi]`` names (see :func:`_resolved`)."""
    return _resolved(ctx, lo, hi)


def _nationality_as_person(ctx: Context, lo: int, hi: int, overlap: list[Mention]) -> bool:
    """ "the Spaniard", "the Texan", "the Republican": one person named by a nationality or party,
    not a group ("the Americans"), a name that goes on ("the Islamic State") or a title ("according
    to The Federalist")."""
    doc = ctx.doc
    article = lo if doc[lo].lower_ == "the" else lo - 1
    if article < 0 or doc[article].lower_ != "the" or (doc[article].text != "the" and not doc[article].is_sent_start):
        return False
    if len(overlap) != 1 or overlap[0].label != "NORP" or overlap[0].doc_end - overlap[0].doc_start != 1:
        return False
    nxt = doc[hi] if hi < len(doc) else None
    return doc[hi - 1].tag_ in ("NNP", "NN") and hi - article == 2 and (nxt is None or nxt.pos_ not in ("PROPN", "NOUN"))


def _resolved(ctx: Context, lo: int, hi: int) -> Speaker:
    """Name the entity behind the speaker mention ``doc[lo:hi]``."""
    doc, tokens = ctx.doc, ctx.tokens
    text = ctx.article.text[int(tokens.at[lo, "start"]) : int(tokens.at[hi - 1, "end"])]
    words = [t.lower_ for t in doc[lo:hi]]
    if words[0] == "the" and len(words) == 2 and AGE.match(words[1]):
        row = _subject_before(ctx, lo) or person_near(  # "the 34-year-old said": either gender
            ctx, lo, "any", outside_quotations(ctx))
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    overlap = ctx.index.overlapping(lo, hi)
    if _nationality_as_person(ctx, lo, hi, overlap):
        gender = "f" if words[-1].endswith("woman") else "m" if words[-1].endswith("man") else "any"  # Frenchwoman
        row = person_near(ctx, lo, gender, outside_quotations(ctx))  # "the Spaniard told": not Spain's people
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    if overlap:
        last = overlap[-1]
        if last.doc_end < hi and last.label not in ("PERSON", "ORG") and doc[hi - 1].pos_ == "NOUN":
            return _described(ctx, lo, hi, hi - 1)  # "the Vermont senator's backers": not Vermont
        return Speaker(lo, hi, last.canonical, last.label, text)
    if len(words) == 1 and words[0] in _PERSON_PRONOUNS | _THING_PRONOUNS:
        row = pronoun_antecedent(ctx, lo, person=words[0] in _PERSON_PRONOUNS, gender=PRONOUN_GENDER.get(words[0]))
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
        return Speaker(lo, hi, _description_name(text), None, text)
    if words[0] == "the" and len(words) == 2 and words[1] in _DOCUMENTS:
        author = _author_of(ctx, lo, words[1])  # "In a statement, the family said ... “...,” the statement said"
        if author is not None:
            return Speaker(lo, hi, author.name, author.label, text)
    head = words[-1]
    role_noun = doc[hi - 1].pos_ == "NOUN" or (words[0] == "the" and head in ROLE_NOUNS)  # "the forward": ADV
    role_noun = role_noun or (len(words) == 1 and head in LEAD_ROLES  # a headline's "Senator says ...": PROPN
                              and tokens.at[lo, "part"] == "headline")
    if len(words) >= 1 and (words[0] in ROLE_DETS or len(words) == 1) and role_noun:
        row = description_antecedent(ctx, lo, hi)
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    body = doc[lo + 1 : hi - 1] if words[0] in ("a", "an", "the") else doc[lo : hi - 1]
    if head in SPOKES and len(body) and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in body):
        name = ctx.article.text[int(tokens.at[body[0].i, "start"]) : int(tokens.at[body[-1].i, "end"])]
        return Speaker(lo, hi, name, "ORG", text)  # "a Prison Service spokesperson": an organisation the model missed
    return Speaker(lo, hi, _description_name(text), None, text)


_DOCUMENTS = frozenset("statement letter email message post tweet".split())
"""What a speaker writes that an article then quotes as if it spoke ("the statement said")."""


def _author_of(ctx: Context, lo: int, noun: str) -> Speaker | None:
    """Who wrote the statement (letter, email, ...) that the speaker mention at ``lo`` names, from
    the last mention of the same noun outside quotations in this sentence or the two before it: the
    speaker of the cue it is attached to ("In a statement, the family said ...", "Powell's office
    said in a statement"), the subject of the verb it is the object of ("Harwood Rovers issued a
    statement", "The Times said Cook provided a written statement": Cook, not the Times), or the
    agent of a passive ("an email was sent by ..."). A statement only reported on ("CBS News
    reports that the letter was sent to ...") has no author here."""
    sentence = ctx.sentence_of[lo]
    for s in (sentence, sentence - 1, sentence - 2):
        if s not in ctx.sent_bounds:
            continue
        first, end = ctx.sent_bounds[s]
        named = [k for k in range(first, min(end, lo)) if ctx.doc[k].lower_ == noun and ctx.quote_of[k] is None]
        if named:
            return _author_of_noun(ctx, ctx.doc[named[-1]])
    return None


def _author_of_noun(ctx: Context, token: Any) -> Speaker | None:
    verb = token.head
    if token.dep_ == "dobj":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif token.dep_ == "nsubjpass":
        by = next((c for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "from")), None)
        subject = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    elif token.dep_ == "pobj" and verb.dep_ == "prep":
        outer = cue_at(ctx, verb.head.i)  # "In a statement, the family said": the cue's speaker
        return speaker_of_cue(ctx, verb.head.i, outer[0]) if outer and outer[1] == "speech" else None
    else:
        return None
    return _subject_span(ctx, subject) if subject is not None and _can_speak(ctx, subject) else None


def _subject_before(ctx: Context, lo: int) -> Mention | None:
    """The person who is the subject of the sentence just before ``lo``'s sentence, for an age
    that opens its own ("His team-mate, the central defender Lewis Brennan, was booked. The
    31-year-old said ...": Brennan, not the striker named more often): a PERSON mention whose
    token is the main verb's subject, active or passive, or stands in apposition to it, at any
    depth; one person only, named outside quotations."""
    sentence = ctx.sentence_of[lo]
    if ctx.first_word.get(sentence) != lo or sentence - 1 not in ctx.sent_bounds:
        return None
    first, end = ctx.sent_bounds[sentence - 1]
    doc = ctx.doc

    def subject(k: int) -> bool:
        tok = doc[k]
        while tok.dep_ == "appos" or (tok.dep_ == "compound" and tok.head.dep_ == "appos"):
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"

    people = [m for m in outside_quotations(ctx).within(first, end)
              if m.label == "PERSON" and any(subject(k) for k in range(m.doc_start, m.doc_end))]
    return people[-1] if len({m.canonical for m in people}) == 1 else None


def pronoun_antecedent(ctx: Context, before: int, *, person: bool, gender: str | None = None) -> Mention | None:
    """The entity the pronoun at doc token ``before`` stands for (:func:`newslens.quotes.pronouns.antecedent`),
    a described subject read as a speaker is: the rule speaker resolution uses, and the one
    ``benchmarks/pronoun_accuracy.py`` measures.

    Example:
        In "Ann Lee arrived. “...,” she said.", ``pronoun_antecedent(ctx, k, person=True, gender="f")``
        for the token ``k`` of "she" is the mention of Ann Lee.
    """
    return antecedent(ctx, before, person=person, gender=gender, read=_READER)


def _read_subject(ctx: Context, token: Any) -> Mention | None:
    found = _subject_span(ctx, token)
    if found.start is None or found.end is None:
        return None
    return Mention(found.start, found.end, found.label, found.name)  # type: ignore[arg-type]


def _read_span(ctx: Context, lo: int, hi: int) -> Mention:
    found = _resolved(ctx, lo, hi)
    return Mention(lo, hi, found.label, found.name)  # type: ignore[arg-type]


_READER = Reader(subject=_read_subject, span=_read_span)
"""How pronoun resolution reads a described subject: as a speaker is."""


def via_of(ctx: Context, cue: int, speaker: Speaker) -> str | None:
    """An outer speech cue earlier in the sentence with another speaker: "..., as reported by NHK".

    The nearest earlier speech cue with a speaker whose name is not this speaker's: per sentence,
    the speech cues' positions and names, and for each the nearest earlier one with another name."""
    positions, names, other_before = _speech_speakers(ctx, ctx.sentence_of[cue])
    k = bisect_left(positions, cue) - 1
    if k >= 0 and names[k] == speaker.name:
        k = other_before[k]
    if k < 0 or _coordinated(ctx, cue, positions[k]):
        return None
    return names[k]


def _coordinated(ctx: Context, cue: int, outer: int) -> bool:
    """The cue is a clause joined to the outer cue's ("... slated the plan, and Labour criticised
    ..."), not one it reports."""
    tok = ctx.doc[cue]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == outer:
            return True
    return False


def _speech_speakers(ctx: Context, sentence: int) -> tuple[list[int], list[str | None], list[int]]:
    key = ("speech speakers", sentence)
    if key not in ctx.memo:
        positions, names = [], []
        for j in cues_in(ctx, sentence):
            outer = cue_at(ctx, j)
            if outer and outer[1] == "speech":
                other = speaker_of_cue(ctx, j, outer[0])
                if other is not None:
                    positions.append(j)
                    names.append(other.name)
        other_before = []
        for k, name in enumerate(names):
            other_before.append(-1 if k == 0 else (k - 1 if names[k - 1] != name else other_before[k - 1]))
        ctx.memo[key] = (positions, names, other_before)
    return ctx.memo[key]  # type: ignore[return-value]
