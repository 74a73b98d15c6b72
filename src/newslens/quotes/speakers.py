"""Who the speaker is: the subject of a cue (or the name after an inverted cue, or the agent of a
passive), resolved to an entity: a name through the entity mentions, a pronoun to the most
recent compatible entity outside quotations, a role noun ("the deputy minister", "the channel")
to the entity introduced with that role ("Deputy Minister ... Andrei Rudenko", "TV channel NHK").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any

from newslens.names import HONORIFICS, RANKS, ROLE_NOUNS, ROLE_SYNONYMS, WEEKDAYS, first_name_gender, gender_of_first_name
from newslens.quotes.context import Context, Mention, MentionIndex, Statement, char, cue_at, cues_in, unquoted

__all__ = ["Attribution", "Speaker", "attribution", "attributed", "resolved_mention", "speaker_of_cue", "via_of"]

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_WORD_GENDER = {
    **dict.fromkeys("mr sir lord spokesman chairman congressman businessman policeman councilman husband father son "
                    "brother king prince man boy uncle grandfather nephew actor".split(), "m"),
    **dict.fromkeys("ms mrs miss dame lady spokeswoman chairwoman congresswoman businesswoman policewoman councilwoman "
                    "wife mother daughter sister queen princess woman girl aunt grandmother niece actress".split(), "f"),
}
"""Honorifics and role nouns that mark a person's gender ("Ms Khan", "the company's spokeswoman, Jane Lee")."""
_THING_PRONOUNS = {"it", "they", "them"}
_RELATIVE_PRONOUNS = {"who", "that", "which"}
_ROLE_DETS = {"the", "a", "an", "this", "that", "its", "his", "her", "their"}
_NP_WORDS = _ROLE_DETS | {"'s", "’s"}  # the function words a noun phrase after a cue may hold
_AGE = re.compile(r"^\d{1,3}-years?-old$")
"""An age used as a noun ("the 34-year-old said"): a person named before ("the 74-year-old comedian"
is read by its head noun)."""
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
            m for m in pick if any(ctx.doc[k].dep_ == "appos" and ctx.doc[k].head.i == subject.i
                                     for k in range(m.doc_start, m.doc_end)) and not _group_named(subject, m)]
        if people and not head_hit and subject.lower_ in _SPOKES:  # "A spokesman for Davies's station, Hits Radio,"
            pick = [m for m in inside if m.label == "ORG" and _speaks_for(ctx, subject, m)][-1:] or pick
        row = (head_hit or pick)[-1 if pick is people else 0]
        speaks_for = row.label == "ORG" and _speaks_for(ctx, subject, row)
        if head_hit or speaks_for or (people and subject.pos_ != "NOUN"):
            return _resolved(ctx, row.doc_start, row.doc_end)
        # "Britain's ambassador said", "a spokesman for President Erdogan said": not Britain, not Erdogan
        return _described(ctx, left, _description_end(ctx, subject), subject.i)
    return _resolved(ctx, left, _title_end(ctx, subject))


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
    return mention.label == "PERSON" and (subject.tag_ == "NNS" or subject.lower_ in _GROUP_NOUNS)


_GROUP_NOUNS = frozenset("family household couple parents relatives".split())
"""Nouns of a group of people ("the family", "the couple", "relatives"): no one person's name stands beside
one, and "they" may stand for one."""
_NOT_FOR = frozenset("critic critics opponent opponents rival rivals detractor detractors foe foes".split())


def _speaks_for(ctx: Context, subject: Any, org: Mention) -> bool:
    """An organisation in the subject's noun phrase speaks for its head ("a Barclays spokesman",
    "a spokesman for the Treasury"), unless it hangs on a word that keeps it apart ("a source
    close to the Treasury", "people familiar with the company") or the head is against it
    ("critics of the BBC") or names a person's own role ("the Labour councillor", "the Arsenal
    captain": the person, whose name the role may lead to)."""
    if subject.lower_ in _NOT_FOR or (subject.lower_ in ROLE_NOUNS | _LEAD_ROLES and subject.lower_ not in _SPOKES):
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
    row = (_role_antecedent(ctx, lo, ctx.doc[head].lower_) or _identified_later(ctx, lo, head)
           if ctx.doc[head].pos_ == "NOUN" else None)
    if row is not None:
        return Speaker(lo, hi, row.canonical, row.label, text)
    return Speaker(lo, hi, _description_name(text), None, text)


def _description_name(text: str) -> str:
    """A description as a speaker's name: its article in lower case wherever the sentence put it,
    so that "The officials" and "the officials" are one speaker in the tables and charts (the
    article's own wording stays in ``speaker_text``)."""
    first, _, rest = text.partition(" ")
    if rest and first.lower() in _ROLE_DETS and first[:1].isupper():
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


def _outside_quotations(ctx: Context) -> MentionIndex:
    """The mentions that stand outside every quotation (a speaker is named in the reporter's words)."""
    return ctx.index.subset("outside quotations", lambda r: ctx.quote_of[r.doc_start] is None)


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


_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"})


def _resolved(ctx: Context, lo: int, hi: int) -> Speaker:
    """Name the entity behind the speaker mention ``doc[lo:hi]``."""
    doc, tokens = ctx.doc, ctx.tokens
    text = ctx.article.text[int(tokens.at[lo, "start"]) : int(tokens.at[hi - 1, "end"])]
    words = [t.lower_ for t in doc[lo:hi]]
    if words[0] == "the" and len(words) == 2 and _AGE.match(words[1]):
        row = _person_near(ctx, lo, "any", _outside_quotations(ctx))  # "the 34-year-old said": either gender
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    overlap = ctx.index.overlapping(lo, hi)
    if _nationality_as_person(ctx, lo, hi, overlap):
        gender = "f" if words[-1].endswith("woman") else "m" if words[-1].endswith("man") else "any"  # Frenchwoman
        row = _person_near(ctx, lo, gender, _outside_quotations(ctx))  # "the Spaniard told": not Spain's people
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    if overlap:
        last = overlap[-1]
        if last.doc_end < hi and last.label not in ("PERSON", "ORG") and doc[hi - 1].pos_ == "NOUN":
            return _described(ctx, lo, hi, hi - 1)  # "the Vermont senator's backers": not Vermont
        return Speaker(lo, hi, last.canonical, last.label, text)
    if len(words) == 1 and words[0] in _PERSON_PRONOUNS | _THING_PRONOUNS:
        row = _antecedent(ctx, lo, person=words[0] in _PERSON_PRONOUNS, gender=_PRONOUN_GENDER.get(words[0]))
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
        return Speaker(lo, hi, _description_name(text), None, text)
    head = words[-1]
    role_noun = doc[hi - 1].pos_ == "NOUN" or (words[0] == "the" and head in ROLE_NOUNS)  # "the forward": ADV
    if len(words) >= 1 and (words[0] in _ROLE_DETS or len(words) == 1) and role_noun:
        row = (_role_antecedent(ctx, lo, head) or _identified_later(ctx, lo, hi - 1) or _named_below(ctx, lo, head)
               or _epithet_of_subject(ctx, lo, hi - 1) or _introduced_below(ctx, lo, head))
        if row is not None:
            return Speaker(lo, hi, row.canonical, row.label, text)
    body = doc[lo + 1 : hi - 1] if words[0] in ("a", "an", "the") else doc[lo : hi - 1]
    if head in _SPOKES and len(body) and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in body):
        name = ctx.article.text[int(tokens.at[body[0].i, "start"]) : int(tokens.at[body[-1].i, "end"])]
        return Speaker(lo, hi, name, "ORG", text)  # "a Prison Service spokesperson": an organisation the model missed
    return Speaker(lo, hi, _description_name(text), None, text)


def _antecedent(ctx: Context, before: int, *, person: bool, gender: str | None = None) -> Mention | None:
    """The compatible entity a pronoun at doc token ``before`` stands for, outside quotations.

    For "he"/"she": when it leads its sentence and continues a leading "he"/"she" of the last two
    sentences with no person named in the subject's place between, the same person as that one;
    else a person of that gender or of no known gender (never a woman for "he"), not one named
    right after a preposition ("posted on Twitter", "a letter from Ann Lee") unless no other is;
    of the people named in the last two sentences that hold one, the one mentioned most so far
    (the article's subject over a passer-by), the most recent on a tie. For "it"/"they", an
    organisation, place or group: one that was the subject of a sentence in the last two, else
    of those named in the last two sentences, the one mentioned most so far.
    """
    outside = _outside_quotations(ctx)
    if person:
        return _chained_person(ctx, before, gender, outside)
    groups = outside.subset("group", lambda r: r.label in ("ORG", "GPE", "NORP"))
    last = groups.last_ending_by(before)
    described = _group_subject(ctx, before) if ctx.doc[before].lower_ == "they" else None
    if described is not None and (last is None or last.doc_end <= described.doc_start):
        return described  # "Mr Price's family described him as ... “...,” they said": the family
    if last is None:
        return None
    subjects = groups.subset("subject", lambda r: ctx.doc[r.doc_end - 1].dep_ in ("nsubj", "nsubjpass"))
    subject = subjects.last_ending_by(before)
    if subject is not None and ctx.sentence_of[last.doc_start] - ctx.sentence_of[subject.doc_start] <= 1:
        return subject  # "Tokyo plans to ..., as it believes": the subject named near
    return _most_mentioned_near(ctx, groups, groups, last, before)


def _group_subject(ctx: Context, before: int) -> Mention | None:
    """A group described, not named, that is the subject of the sentence before the pronoun (or
    of its own sentence before it): "the family", "Mr Price's relatives", "residents" (a plural of
    people: a role, or a noun of a person's ending); read as a speaker is (:func:`_subject_span`)."""
    if ctx.quote_of[before] is not None:
        return None
    sentence = ctx.sentence_of[before]
    subject = _main_subject(ctx, ctx.sent_bounds[sentence][0], before)
    if subject is None and sentence - 1 in ctx.sent_bounds:
        subject = _main_subject(ctx, *ctx.sent_bounds[sentence - 1])
    if subject is None or ctx.index.overlapping(subject.i, subject.i + 1):
        return None
    noun = subject.lemma_.lower()
    people = noun in ROLE_NOUNS | _LEAD_ROLES | _OTHERS or noun.endswith(_PERSON_ENDS + ("er", "ant", "ent"))
    if not (subject.lower_ in _GROUP_NOUNS or (subject.tag_ == "NNS" and people)):
        return None  # "Shares fell.": not people
    found = _subject_span(ctx, subject)
    if found.start is None or found.end is None or found.label not in (None, "ORG", "NORP", "GPE"):
        return None
    return Mention(found.start, found.end, found.label, found.name)  # type: ignore[arg-type]


def _chained_person(ctx: Context, before: int, gender: str | None, outside: MentionIndex) -> Mention | None:
    """The person a "he"/"she" at ``before`` stands for: the same as the leading pronoun it
    continues ("He served as Russell's interpreter ... He became a citizen": not Russell), else
    the nearest compatible person (:func:`_person_near`). The chain is walked back without
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
            ctx.memo[key] = found if found is not None else (_described_subject(ctx, k, gender)
                                                             or _subject_near(ctx, k, gender, outside)
                                                             or _person_near(ctx, k, gender, outside))
        found = ctx.memo[key]  # type: ignore[assignment]
    return found


def _described_subject(ctx: Context, before: int, gender: str | None) -> Mention | None:
    """The person a "he"/"she" at ``before`` continues when the last subject before it is a
    description of one person ("The forward, who joined in the summer, posted an apology. “...,” he
    wrote."; "The 27-year-old ..."): the subject of the pronoun's clause before it, else of the
    sentence before, read as that description is (:func:`_resolved`: a name introduced with its
    role, else the article's main person, :func:`_protagonist`), even when it names no one; a
    spokesperson of that gender as their own speaker is read ("A spokeswoman for the trust said
    ... “...,” she said": the trust, as the spokeswoman's own row has it)."""
    if ctx.quote_of[before] is not None:
        return None
    sentence = ctx.sentence_of[before]
    first, _ = ctx.sent_bounds[sentence]
    subject = _main_subject(ctx, first, before)
    if subject is None and sentence - 1 in ctx.sent_bounds:
        subject = _main_subject(ctx, *ctx.sent_bounds[sentence - 1])
    if subject is None or subject.tag_ in ("NNS", "NNPS", "NNP", "PRP"):
        return None  # the tagger may call a role noun an adverb ("The forward ... posted")
    role = subject.lower_
    if gender and _WORD_GENDER.get(role, gender) != gender:
        return None
    if role in _SPOKES and ctx.quote_of[subject.i] is None:  # "A spokeswoman for the trust said ... “...,” she said"
        found = _subject_span(ctx, subject)
        if found.start is not None and found.end is not None:
            return Mention(found.start, found.end, found.label, found.name)  # type: ignore[arg-type]
    if not (role in _LEAD_ROLES or _AGE.match(role)) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.lefts):
        return None
    lo = min([c.left_edge.i for c in subject.lefts] + [subject.i])
    if any(m.label == "PERSON" for m in ctx.index.overlapping(lo, subject.right_edge.i + 1)):
        return None  # "The mother of Ann Lee": named, and read as names are
    found = _resolved(ctx, lo, subject.i + 1)  # no one named fits: the description itself
    if gender and found.label == "PERSON" and _genders(ctx).get(found.name) not in (None, gender):
        return None
    return Mention(lo, subject.i + 1, found.label, found.name)  # type: ignore[arg-type]


def _roles_by_person(ctx: Context) -> dict[str, set[str]]:
    """Each person's role nouns as the article introduces them ("Rovers manager Gary Pike": manager),
    titles that say nothing of a role left out; read once per article."""
    if ("person roles",) not in ctx.memo:
        out: dict[str, set[str]] = {}
        for word, names in _names_by_role(ctx).items():
            if word not in _NO_ROLE:
                for m in names.items:
                    if m.label == "PERSON":
                        out.setdefault(m.canonical, set()).add(word)
        ctx.memo[("person roles",)] = out
    return ctx.memo[("person roles",)]  # type: ignore[return-value]


def _main_subject(ctx: Context, lo: int, hi: int) -> Any:
    """The subject of the main verb among doc tokens ``lo..hi``, outside quotations, or None."""
    return next((t for t in ctx.doc[lo:hi] if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                 and ctx.quote_of[t.i] is None), None)


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
    return last  # "Byron entered a school. Placed under the care of Dr. Bailey, he ...": Byron


def _people(ctx: Context, gender: str | None, outside: MentionIndex) -> MentionIndex:
    """The persons outside quotations compatible with ``gender`` ("m", "f", None for a person of no
    known gender, or "any"): of that gender or of no known one."""
    genders = _genders(ctx)
    return outside.subset(("person", gender), lambda r: r.label == "PERSON" and (
        gender == "any" or genders.get(r.canonical) in (None, gender)))


def _person_near(ctx: Context, before: int, gender: str | None, outside: MentionIndex) -> Mention | None:
    """The nearest compatible person before token ``before`` (see :func:`_antecedent`); ``gender``
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
        subject = _main_subject(ctx, first, end)
        if (subject is not None and subject.tag_ == "NN" and subject.lower_ in _SPOKES | _LEAD_ROLES
                and _WORD_GENDER.get(subject.lower_, gender) == gender
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


def _genders(ctx: Context) -> dict[str, str]:
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
            marked = {_WORD_GENDER[w] for w in words if w in _WORD_GENDER}
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
    person no title, role noun or first name marks (see :func:`_genders`), and not for a surname
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
sentence's subject just before (:func:`_role_antecedent`). Not to the last organisation named
whatever its name: on GUM's coreference that was wrong 15 times in 26 news descriptions."""
_NAME_WORDS = {"force": {"force", "police", "constabulary"}}
"""The words of an organisation's name that a description's head stands for, where they differ
("the force said" for a police force)."""
_APPOSITION_STOPS = frozenset("of for at with who which that from in on to since and".split())


def _role_antecedent(ctx: Context, before: int, head: str) -> Mention | None:
    """The entity a description stands for: the name introduced with its head noun ("Deputy
    Minister ... Andrei Rudenko", "TV channel NHK", "Marcus Webb, the central defender," for "the
    74-year-old comedian", "the minister", "the central defender"), else, for an organisation's
    head noun ("the bank"), the last organisation whose name holds it ("Barclays Bank"), else, for
    a definite description or a spokesperson, an organisation that was a sentence's subject in the
    same or the previous sentence ("Live Nation said ... In a statement, the company said", "NHS
    England said ... “...,” a spokesperson said"; for a spokesperson, a building that speaks for
    its institution too: "Buckingham Palace has said ... a palace spokesperson said")."""
    with_role = _names_by_role(ctx).get(head)
    found = with_role.last_ending_by(before) if with_role is not None else None
    if found is None and head in _EPITHETS and ctx.doc[before].lower_ == "the":
        return _protagonist(ctx, before, head)
    if found is not None or head not in _ORG_HEADS | _SPOKES:
        return found
    outside = _outside_quotations(ctx)
    orgs = outside.subset("organisation", lambda r: r.label == "ORG")
    if head in _ORG_HEADS:
        words = _NAME_WORDS.get(head, {head})  # "the force" -> "Avon and Somerset Police"
        holding = orgs.subset(("organisation named", head), lambda r: not words.isdisjoint(r.canonical.lower().split()))
        found = holding.last_ending_by(before)
        if found is not None:
            return found
    if ctx.doc[before].lower_ != "the" and head not in _SPOKES:
        return None  # "a group of comedians" is not the group named before; "a spokesperson" speaks for it
    speakers = orgs if head not in _SPOKES else outside.subset(  # "Buckingham Palace said ... a palace spokesperson"
        "organisation or building", lambda r: r.label in ("ORG", "FAC"))
    subjects = speakers.subset("organisation subject", lambda r: any(  # "the Royal College of Nursing warned": College
        ctx.doc[k].dep_ in ("nsubj", "nsubjpass") or _named_subject(ctx.doc[k]) for k in range(r.doc_start, r.doc_end))
                               and first_name_gender(r.canonical.split()[0]) is None)  # not a person mislabelled
    subject = subjects.last_ending_by(before)  # "Live Nation said ... . In a statement, the company said"
    if subject is not None and ctx.sentence_of[before] - ctx.sentence_of[subject.doc_start] <= 1:
        return subject
    if head in _ORG_HEADS:
        return _only_organisation_before(ctx, before, orgs)
    return None


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


_LEAD_ROLES = ROLE_NOUNS - _SPOKES | frozenset(
    "minister secretary president chancellor premier commander general judge leader chief boss manager head "
    "candidate nominee frontrunner front-runner lawmaker legislator councillor executive billionaire tycoon star "
    "pope king queen prince princess monarch emperor".split())
"""The roles a news lead names a person by before giving the name ("The chancellor has defended
...", "says commander"); not "official" or "source", whom the article seldom names."""
_EPITHETS = _LEAD_ROLES - frozenset(
    "prosecutor lawyer attorney detective coach aide adviser advisor colleague teammate friend brother sister father "
    "mother son daughter wife husband uncle aunt cousin nephew niece interviewee judge manager boss captain chief head "
    "editor reporter journalist".split())
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
    roles = _roles_by_person(ctx)
    genders = _genders(ctx)
    gender = _WORD_GENDER.get(role)
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    parts = ctx.tokens["part"]
    for m in _outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON").items:
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


_OTHERS = (_LEAD_ROLES - _EPITHETS) | _SPOKES | _ORG_HEADS | frozenset(
    "official source insider staffer witness analyst expert critic officer agent spokesperson person people man woman "
    "neighbour neighbor resident victim patient suspect moderator interviewer host anchor doctor".split())
"""Descriptions that stand for someone beside the person just named, not for that person ("the
lawyer", "the official", "the mother", "a source")."""
_EPITHET_NOUNS = frozenset("champion veteran star mogul tycoon billionaire millionaire hopeful legend icon".split())
_PERSON_ENDS = ("ist", "ian", "or")
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
    whose singular noun names a person (a role, an epithet, a person's ending: :data:`_PERSON_ENDS`)
    and is no role of the people around a person (:data:`_OTHERS`), of the other gender, or a role
    noun other than the one the person was introduced with ("City boss Martina Silva ... the
    goalkeeper said"; an epithet may differ: "Martin Lewis, the founder of ..., the consumer
    champion")."""
    doc = ctx.doc
    noun = doc[head]
    role = noun.lower_
    if (doc[lo].lower_ != "the" or noun.tag_ != "NN" or noun.dep_ != "nsubj" or role in _OTHERS
            or not (role in ROLE_NOUNS or role in _LEAD_ROLES or role in _EPITHET_NOUNS or role.endswith(_PERSON_ENDS))):
        return None  # "the report said", "the sign read": no person
    people = _outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON")
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
    gender = _WORD_GENDER.get(noun.lower_)
    if gender and _genders(ctx).get(last.canonical) not in (None, gender):
        return None
    roles = _roles_by_person(ctx).get(last.canonical, set()) & ROLE_NOUNS
    if role in ROLE_NOUNS and roles and role not in roles:
        return None  # "City boss Martina Silva ... the goalkeeper said": another person's role
    return last


_NO_ROLE = frozenset(w.lower() for w in RANKS | HONORIFICS | {"Miss", "Sir", "Dame", "Lord", "Lady"})
"""Titles that say nothing of a person's role ("Col Oleksandr Marchenko" may be "a commander")."""


def _named_below(ctx: Context, lo: int, head: str) -> Mention | None:
    """The organisation a headline's "..., palace says", "..., regulator says" stands for: the
    first organisation or building named in the body whose name holds that word ("Buckingham
    Palace", "Police Scotland") or that the body introduces with it ("the regulator Ofgem")."""
    parts = ctx.tokens["part"]
    if parts.iat[lo] != "headline":
        return None
    with_role = _names_by_role(ctx).get(head)
    introduced = {m.doc_start for m in with_role.items} if with_role is not None else set()
    return next((m for m in _outside_quotations(ctx).items if m.label in ("ORG", "FAC")
                 and parts.iat[m.doc_start] == "body"
                 and (head in m.canonical.lower().split() or m.doc_start in introduced)), None)


def _introduced_below(ctx: Context, lo: int, head: str) -> Mention | None:
    """The person a possessive description stands for when the article introduces one person, and
    only one, with that role, after it ("..., his agent has said." then "His agent, Claire Fenton,
    described him as ..."); not for a spokesperson, whom an article may quote several of, nor
    for a description of the other gender. Not for "the" (a first draft that took "the candidate",
    "the campaign" too was wrong on PolNeAR more often than right)."""
    if ctx.doc[lo].lower_ not in ("his", "her", "their") or head in _SPOKES:
        return None
    with_role = _names_by_role(ctx).get(head)
    people = [m for m in with_role.items if m.label == "PERSON"] if with_role is not None else []
    if len({m.canonical for m in people}) != 1 or people[0].doc_start <= lo:
        return None
    gender = _WORD_GENDER.get(head)
    return None if gender and _genders(ctx).get(people[0].canonical) not in (None, gender) else people[0]


def _identified_later(ctx: Context, lo: int, head: int) -> Mention | None:
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
    if noun.tag_ != "NN" or role not in _LEAD_ROLES:
        return None
    paragraph, parts = ctx.tokens["paragraph"], ctx.tokens["part"]
    body = paragraph[parts == "body"]
    if body.empty or (parts.iat[head] == "body" and int(paragraph.iat[head]) != int(body.min())):
        return None  # only the headline and the lead identify later
    people = _outside_quotations(ctx).subset("person", lambda r: r.label == "PERSON")
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
    roles = _role_heads(ctx, person.doc_start, person.doc_end) - _NO_ROLE
    if roles and role not in roles:
        return None  # "A judge said ... Attorney General Ken Paxton said": another person
    said = _WORD_GENDER.get(role) or next(
        (_PRONOUN_GENDER[t.lower_] for t in doc[head + 1 : ctx.sent_bounds[ctx.sentence_of[head]][1]]
         if t.lower_ in ("he", "she") and ctx.quote_of[t.i] is None), None)
    known = _genders(ctx).get(person.canonical)
    return None if said and known and said != known else person


def _names_by_role(ctx: Context) -> dict[str, MentionIndex]:
    """Each role noun -> the names introduced with it (the head of a title before the name or of an
    apposition after it) or with a synonym of it ("striker Danny Kane" for "the forward":
    :data:`newslens.names.ROLE_SYNONYMS`), read once per article."""
    if ("roles",) not in ctx.memo:
        named = ctx.index.subset("named", lambda r: r.label in ("PERSON", "ORG", "GPE", "NORP"))
        by_word: dict[str, list[Mention]] = {}
        for r in named.items:
            heads = _role_heads(ctx, r.doc_start, r.doc_end)
            for word in heads.union(*(ROLE_SYNONYMS.get(h, ()) for h in heads)):
                by_word.setdefault(word, []).append(r)
        ctx.memo[("roles",)] = {word: MentionIndex(names) for word, names in by_word.items()}
    return ctx.memo[("roles",)]  # type: ignore[return-value]


def _role_heads(ctx: Context, start: int, end: int) -> set[str]:
    """The role nouns a name is introduced with: the word before it ("comedian Jack Dale"), the
    head of a title ("Deputy Minister of Foreign Affairs Andrei Rudenko": minister), and the head of
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
    return heads - _ROLE_DETS - {"of", "for", "and"}


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
