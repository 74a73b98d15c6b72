"""Quotes and speakers: the first article, every mark style, unbalanced marks, paragraphs, interruptions,
pronouns and role nouns, "according to", the charts and the command line."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import newslens  # noqa: E402
from conftest import drawn_barh  # noqa: E402
from newslens import plots  # noqa: E402
from newslens.marks import find_quotations  # noqa: E402
from newslens.quotes import quotation_share, quote_summary, quotes  # noqa: E402
from newslens.sentences import sentence_table  # noqa: E402


@pytest.fixture(scope="module")
def fakti_quotes(fakti):
    return quotes(fakti)


def rows(table):
    return [(r.kind, r.speaker, r.quote[:30]) for r in table.itertuples()]


def test_first_article_direct_and_partial(fakti_quotes):
    quoted = fakti_quotes[fakti_quotes["kind"] != "reported"]
    assert rows(quoted) == [
        ("direct", "Andrei Rudenko", "Unfortunately, the reaction of"),
        ("direct", "Andrei Rudenko", "In such conditions, we will be"),
        ("partial", "Takeshi Iwaya", "somewhat positive"),
        ("direct", "Andrei Rudenko", "But this requires a real rejec"),
        ("partial", "Tokyo", "violates international law"),
    ]
    by_quote = quoted.set_index(quoted["quote"].str[:13])
    assert by_quote.loc["Unfortunately", "speaker_text"] == "he"
    assert by_quote.loc["Unfortunately", "cue"] == "pointed out"
    assert quoted.iloc[3]["speaker_text"] == "the deputy minister" and quoted.iloc[3]["cue"] == "added"
    assert quoted.iloc[4]["speaker_text"] == "it" and quoted.iloc[4]["via"] == "NHK"
    assert quoted.iloc[1]["statement"] == quoted.iloc[0]["statement"]  # the paragraph with no cue continues


def test_first_article_reported_speech(fakti_quotes):
    reported = fakti_quotes[fakti_quotes["kind"] == "reported"]
    assert [(r.speaker, r.cue) for r in reported.itertuples()] == [
        ("Andrei Rudenko", "stated"),
        ("Takeshi Iwaya", "noted"),
        ("Andrei Rudenko", "noted"),
        ("NHK", "reported"),
        ("NHK", "noted"),
    ]
    assert reported.iloc[0]["quote"].startswith("Russia's reaction")  # "This was stated ... by": the sentence before
    assert reported.iloc[1]["quote"].startswith("Tokyo considered")
    assert reported.iloc[3]["quote"].startswith("Tokyo plans to tighten sanctions")
    assert reported.iloc[4]["speaker_text"] == "the channel"
    assert reported.iloc[4]["quote"] == "Additional sanctions could include freezing assets"


def test_offsets_marks_and_speaker_spans(fakti, fakti_quotes):
    for row in fakti_quotes.itertuples():
        span = fakti.text[row.start : row.end]
        if row.kind != "reported":
            assert span[0] in "\"“„" and span[-1] in "\"”“"
        if pd.notna(row.speaker_start):
            assert fakti.text[row.speaker_start : row.speaker_end] == row.speaker_text
    direct = fakti_quotes[fakti_quotes["kind"] == "direct"].iloc[0]
    assert fakti.text[direct.start] == '"' and fakti.text[direct.end - 1] == "”"  # opened with " closed with ”


@pytest.mark.parametrize(
    "text",
    [
        'The minister said: "We will respond."',
        "The minister said: “We will respond.”",
        "The minister said: „We will respond.“",
        "The minister said: „We will respond.”",
        "The minister said: «We will respond.»",
        "The minister said: ''We will respond.''",
        "The minister said: 'We will respond.'",
    ],
    ids=["straight", "curly", "bulgarian", "german-mixed", "guillemets", "typewriter", "single"],
)
def test_every_quotation_mark_style(text):
    table = quotes(newslens.article_from_text(text), kinds=("direct",))
    assert table["quote"].tolist() == ["We will respond."]
    assert table["speaker"].tolist() == ["the minister"]


def test_unbalanced_marks_never_raise_and_keep_what_can_be_found():
    text = ('Maria Kovacs said: "We will win." The rival replied: "Never.\n\n'
            'Another paragraph with a stray ” mark and „an unclosed one.')
    table = quotes(newslens.article_from_text(text))
    assert ("direct", "Maria Kovacs", "We will win.") in rows(table)
    assert any(q.startswith("Never") for q in table["quote"])
    assert find_quotations('no marks at all') == []


def test_multi_paragraph_quote_is_one_row():
    text = ('Talks collapse\n\n"We never stopped working on the deal.\n\n'
            '"But it takes two sides," Kovacs added.')
    table = quotes(newslens.article_from_text(text), kinds=("direct",))
    assert len(table) == 1
    row = table.iloc[0]
    assert row["quote"] == "We never stopped working on the deal. But it takes two sides,"
    assert row["speaker"] == "Kovacs" and row["cue"] == "added"


def test_interrupted_quote_is_one_row():
    text = 'Border dispute\n\n"We will," he said, "respond." Officials in Tokyo said nothing.'
    table = quotes(newslens.article_from_text(text), kinds=("direct",))
    assert len(table) == 1
    row = table.iloc[0]
    assert row["quote"] == "We will, respond."
    assert text[row["start"] : row["end"]] == '"We will," he said, "respond."'


def test_pronoun_and_role_noun_resolution():
    text = (
        "Ministers meet\n\nForeign Minister Maria Kovacs met the press on Monday. "
        '"The talks failed," she said. The central bank warned of inflation. '
        '"Prices will rise," the bank said. "We are ready," added the foreign minister.'
    )
    table = quotes(newslens.article_from_text(text), kinds=("direct",))
    got = [(r.speaker_text, r.speaker) for r in table.itertuples()]
    assert got[0] == ("she", "Maria Kovacs")
    assert got[2] == ("the foreign minister", "Maria Kovacs")
    assert got[1][0] == "the bank"


def test_according_to():
    text = "Border closed\n\nAccording to the Interior Ministry, the border will stay closed until Friday."
    table = quotes(newslens.article_from_text(text))
    assert rows(table) == [("reported", "Interior Ministry", "the border will stay closed un")]
    assert table.iloc[0]["cue"] == "according to"


def test_scare_quotes_are_not_statements_unless_asked():
    text = 'Parade\n\nThe so-called "peace plan" was shown on the "Today" programme.'
    article = newslens.article_from_text(text)
    assert quotes(article).empty
    assert set(quotes(article, include_unattributed=True)["kind"]) == {"unattributed"}


def test_summary_share_and_charts(fakti, fakti_quotes):
    import matplotlib.pyplot as plt

    summary = quote_summary(fakti_quotes).set_index("speaker")
    assert summary.loc["Andrei Rudenko", "statements"] == 5
    assert summary.loc["Andrei Rudenko", "direct"] == 3 and summary.loc["Andrei Rudenko", "reported"] == 2
    assert summary.loc["Takeshi Iwaya", "quoted_words"] == 2
    share = quotation_share(fakti, quotes=fakti_quotes).set_index("kind")
    assert share["share"].sum() == pytest.approx(1.0)
    assert share.loc["quotation", "characters"] > 400
    ax = plots.plot_quoted_speakers(quote_summary(fakti_quotes))
    drawn = drawn_barh(ax)
    assert dict(drawn) == quote_summary(fakti_quotes).set_index("speaker")["statements"].astype(float).to_dict()
    assert [n for _, n in drawn] == sorted((n for _, n in drawn), reverse=True)  # most quoted on top
    ax = plots.plot_quotation_share(share.reset_index())
    assert drawn_barh(ax) == [(fakti.id, pytest.approx(1.0))]
    assert [round(b.get_width(), 6) for c in ax.containers for b in c] == [
        round(share.loc[k, "share"], 6) for k in ("quotation", "reported", "narration")]
    ax = plots.plot_quotes_along_article(fakti_quotes)
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(fakti_quotes)
    for ax in (
        plots.plot_quoted_speakers(quote_summary(fakti_quotes)),
        plots.plot_quoted_speakers(quote_summary(fakti_quotes), value="quoted_words"),
        plots.plot_quotes_along_article(fakti_quotes),
        plots.plot_quotation_share(share.reset_index()),
    ):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        plt.close(ax.figure)


def test_cli_quotes(capsys):
    import json

    from newslens.cli import main
    from newslens.paths import FIRST_ARTICLE

    assert main(["quotes", str(FIRST_ARTICLE), "--kind", "partial", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["quote"], r["speaker"]) for r in records] == [
        ("somewhat positive", "Takeshi Iwaya"), ("violates international law", "Tokyo"),
    ]
    assert {"quote", "kind", "speaker", "speaker_label", "speaker_start", "speaker_end", "cue", "start", "end",
            "part", "paragraph", "sentence"} <= set(records[0])


def test_marks_around_no_words_are_no_statement():
    text = 'Talks\n\n"" she said. “!” he said. "We agree," said Ann Lee. Then “ ” was typed.'
    table = quotes(newslens.article_from_text(text), include_unattributed=True)
    assert table["quote"].tolist() == ["We agree,"] and table["speaker"].tolist() == ["Ann Lee"]


def test_dense_quotation_marks_keep_every_quotation():
    """Thousands of quotations in one paragraph (the case that was quadratic): every one is found."""
    text = "Headline\n\n" + "\"alpha\" 'beta' " * 2000
    table = quotes(newslens.article_from_text(text), include_unattributed=True)
    assert len(table) == 4000 and set(table["quote"]) == {"alpha", "beta"}  # the singles sit inside no double
    assert len(find_quotations(text)) == 4000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "she" skips the man named last and the platform, and goes to the woman
        ('Singer wins award\n\nThe singer Adele thanked her fans on Sunday. Twitter users shared a clip, and James Corden '
         'hosted the night. "I did not expect this," she said.', "Adele"),
        # an honorific marks her; the councillor named last is a man by his first name
        ('Plan approved\n\nMs Okafor proposed the plan. Councillor Tom Brandt opposed it. "It is the safest plan," she said.',
         "Okafor"),
        # "he" skips a woman marked by her role noun
        ('Club signs striker\n\nMarco Silva signed the forward on Friday. The club spokeswoman, Dana Reyes, confirmed the fee. '
         '"He is the player we wanted," he said.', "Marco Silva"),
        # a person named after a preposition is an object ("on Twitter", tagged PERSON by the model), not "she"
        ('Singer thanks fans\n\nThe singer Lana Moss posted on Twitter on Monday. "I am so grateful," she wrote.',
         "Lana Moss"),
        # of two people in the last sentences, "he" is the one the article keeps naming, not the passer-by
        ('Bridge opens\n\nDavid Miller opened the bridge on Friday. Miller cut the ribbon and thanked the builders. '
         'The crowd cheered Peter Shaw, an engineer. "This bridge joins two towns," he said.', "David Miller"),
    ],
    ids=["singer", "honorific", "role-noun", "platform-after-preposition", "most-named-nearby"],
)
def test_pronouns_agree_in_gender_with_their_speaker(text, expected):
    table = quotes(newslens.article_from_text(text, article_id="gender"))
    pronoun = table[table["speaker_text"].isin(["he", "she"])]
    assert pronoun["speaker"].tolist() == [expected]


def test_first_names_mark_gender_offline():
    from newslens.names import first_name_gender

    assert first_name_gender("Irene") == "f" and first_name_gender("boris") == "m"
    assert first_name_gender("Jordan") is None and first_name_gender("Zzyzx") is None


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        ("Bank cuts jobs\n\nBarclays will close 40 branches next year. The closures were needed to cut costs, "
         "said a Barclays spokesman.", "Barclays", "The closures were needed to cut costs"),
        ("Bank cuts jobs\n\nThe branches will close in May, a spokeswoman for Barclays said on Monday.", "Barclays",
         "The branches will close in May"),
        ("Bank cuts jobs\n\nThe cuts will hit 400 staff, said Jane Lee, who chairs the union.", "Jane Lee",
         "The cuts will hit 400 staff"),
    ],
    ids=["inverted", "adjunct-after-cue", "inverted-with-apposition"],
)
def test_reported_speech_with_the_cue_after_the_clause(text, speaker, said):
    table = quotes(newslens.article_from_text(text, article_id="after"))
    reported = table[table["kind"] == "reported"]
    assert reported[["speaker", "quote"]].values.tolist() == [[speaker, said]]


def test_a_clause_with_no_speech_cue_is_not_reported_speech():
    text = "Rain falls\n\nIt rained all day, the river rose on Monday, and the sun came out."
    assert quotes(newslens.article_from_text(text, article_id="none")).empty


@pytest.mark.parametrize("text, quoted", [
    # a single mark opens, a double mark closes: the narration before it is not quoted
    ("The minister called the plan 'a disgrace\" and left the room. She met the press later.", "'a disgrace\""),
    ("The minister called the plan \"a disgrace' and left the room. She met the press later.", "\"a disgrace'"),
    ("Critics said the budget was ‘a farce” and walked out. They came back an hour later.", "‘a farce”"),
])
def test_a_mismatched_pair_of_marks_is_read_the_shorter_way(text, quoted):
    found = find_quotations(text)
    assert [text[q.start:q.end] for q in found] == [quoted]
    assert found[0].mismatched and found[0].opened and found[0].closed
    flags = sentence_table(newslens.article_from_text(text))["has_quote"].tolist()
    assert flags == [True, False]  # the second sentence is narration


def test_matched_marks_and_apostrophes_are_not_mismatched():
    text = "He said \"the players' union is 'right' on this\" and left; the union's chief agreed."
    found = find_quotations(text)
    assert [text[q.start:q.end] for q in found] == ["\"the players' union is 'right' on this\""]
    assert not found[0].mismatched


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a title before the name, in a sentence with no cue (so the parser never read it)
        ('Festival opens\n\nThe comedian Jack Dale, 74, opened the festival on Friday. The crowd cheered.\n\n'
         '"I never expected this," the 74-year-old comedian said.', "Jack Dale"),
        ('Club loses\n\nMarcus Webb, the central defender, missed the match. The team lost.\n\n'
         '"We were poor all night," the central defender said.', "Marcus Webb"),
        # an apposition with no article
        ('Hospital busy\n\nAnn Lee, spokeswoman for the hospital, met the press. Wards were full.\n\n'
         '"Staff are working around the clock," said the spokeswoman.', "Ann Lee"),
        # an organisation's head noun goes to the organisation whose name holds it
        ('Bank fined\n\nRegulators fined Barclays Bank on Monday. The fine was the largest this year.\n\n'
         '"We will appeal," the bank said.', "Barclays Bank"),
        # ... and never to the last organisation named whatever its name
        ('Firm fined\n\nThe FCA fined the firm on Monday. Shares fell.\n\n"We will appeal," the company said.',
         "the company"),
        # a verb before a name is no role: "the police" are not the man they arrested
        ('Man held\n\nPolice arrested Jack Dale on Friday. He was released later.\n\n'
         '"We found nothing," the police said.', "the police"),
        # a description set before the name with a comma, but not a place the name is in
        ('Rally\n\nDonald Trump spoke in Ohio on Monday. His spokeswoman, Hope Hicks, stood nearby.\n\n'
         '"We will respond," the spokeswoman said.', "Hope Hicks"),
        ('Vote\n\nIn the pan-democracy camp, Lau Siu-lai won a seat.\n\n"We will fight on," the camp said.',
         "the camp"),
    ],
    ids=["title-unparsed", "apposition", "apposition-no-article", "org-head", "org-head-other-name", "verb-no-role",
         "description-before", "prepositional-phrase-before"],
)
def test_role_descriptions_resolve_to_the_name_they_introduced(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="roles"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a place that modifies the subject is not the speaker: the description is
        ('Talks stall\n\n"We will not accept this," Britain\'s ambassador to the UN said on Monday.',
         "Britain's ambassador to the UN"),
        # ... nor does a person the subject belongs to: the spokesman is not the president
        ('Talks stall\n\nRecep Tayyip Erdogan met the press.\n\n"We will respond," a spokesman for President '
         'Erdogan said on Monday.', "a spokesman for President Erdogan"),
        ('Rally\n\nDonald Trump spoke in Ohio on Monday.\n\n"We will respond," Trump\'s spokeswoman said.',
         "Trump's spokeswoman"),
        # ... but a person set beside the subject is the subject
        ('Talks\n\nOn Monday, the head of the Foreign Ministry, Ann Lee, said: "The talks were useful."', "Ann Lee"),
        ('Talks stall\n\n"We are ready," Russian officials said.', "Russian officials"),
        # ... and an apposition earlier names the person the description stands for
        ("Talks stall\n\nKaren Pierce, Britain's ambassador, arrived in New York.\n\n"
         '"We will not accept this," Britain\'s ambassador said on Monday.', "Karen Pierce"),
        # a place that is the subject speaks; an organisation speaks through its spokesman
        ('Talks stall\n\n"We are ready," Japan said.', "Japan"),
        ('Bank cuts jobs\n\n"The closures are needed," a Barclays spokesman said.', "Barclays"),
    ],
    ids=["place-modifier", "person-modifier-for", "person-modifier-possessive", "apposition-to-subject",
         "nationality-modifier", "place-modifier-apposition", "place-subject", "org-spokesman"],
)
def test_a_place_speaks_only_as_the_subject_of_the_cue(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="places"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ('Critics slated the plan as "a disgrace to the city".', "Critics", "slated"),
        ('The minister criticised the budget as "reckless".', "the minister", "criticised"),
        ('Officials attributed the delay to "technical problems".', "Officials", "attributed"),
        ('The mayor dismissed the report as "fake news" on Monday.', "the mayor", "dismissed"),
    ],
    ids=["slated", "criticised", "attributed", "dismissed"],
)
def test_verbs_that_judge_cue_the_words_they_quote(sentence, speaker, cue):
    table = quotes(newslens.article_from_text("Plan row\n\n" + sentence + " Police condemned the attack.",
                                              article_id="judge"))
    assert table[["kind", "speaker", "cue"]].values.tolist() == [["partial", speaker, cue]]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Plan row\n\nThe plan was opposed by Ann Lee, who said it was "a disgrace to the city".', "Ann Lee"),
        ('Strike vote\n\nThe union backed Tom Hale, who said: "We will strike on Monday."', "Tom Hale"),
        ('Board meets\n\nThe board, which said it was "shocked", met on Friday.', "the board"),
        # a participle clause speaks for the subject of the verb it hangs from, not for its own object
        ('Schools\n\nMichael Petrilli tied the scores to graduation rates, saying the law helped "millions of kids".',
         "Michael Petrilli"),
        ('Talks end\n\nThe minister left the room, saying: "We are done here."', "the minister"),
        # the parser reads the participle as the subject of the quoted verb
        ('Concert\n\nBand member Flea shared the news last week, writing “Feels great to support someone I believe '
         'in.”', "Flea"),
    ],
    ids=["who-partial", "who-direct", "which", "saying-object", "saying-colon", "writing-misparsed"],
)
def test_a_relative_pronoun_or_a_participle_speaks_for_its_governor(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="who"))
    assert set(table["speaker"]) == {speaker}  # the quotation, and the clause that holds it when it is reported
    assert len(table[table["kind"] != "reported"]) == 1


def test_a_quotation_with_a_cue_of_its_own_is_not_joined_to_the_one_before():
    text = ('Race\n\n"Oh, let him make that decision," said Vice President Joe Biden, urging those calling for a '
            'withdrawal to "give him time."\n\n"We will," he said, "respond."')
    table = quotes(newslens.article_from_text(text, article_id="join"), kinds=("direct", "partial"))
    assert table[["quote", "cue"]].values.tolist() == [
        ["Oh, let him make that decision,", "said"], ["give him time.", "urging"], ["We will, respond.", "said"]]
    assert table["speaker"].tolist() == ["Joe Biden"] * 3


def test_a_short_attribution_set_apart_by_the_splitter_still_attributes_the_quotation():
    text = ("Sanders\n\nReporters asked the senator about the job.\n\n"
            "“Have I started writing my inauguration speech?” Sanders replied.\n\n"
            "“It was a long day.” The crowd left early after the rally ended on Friday night in the rain.")
    table = quotes(newslens.article_from_text(text, article_id="apart"), kinds=("direct",))
    assert table[["quote", "speaker", "cue"]].values.tolist()[0] == [
        "Have I started writing my inauguration speech?", "Sanders", "replied"]
    assert "The crowd" not in table["speaker"].tolist()  # a long sentence after a quotation is no attribution


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a place before a noun, after an inverted cue, is no speaker
        ('Race\n\n"It was close," said the Vermont senator\'s campaign manager.', "the Vermont senator's campaign manager"),
        ('Race\n\n"It was close," said the British ambassador.', "the British ambassador"),
        ('Race\n\n"It was close," said Britain.', "United Kingdom"),
    ],
    ids=["place-in-description", "nationality-in-description", "place-itself"],
)
def test_the_noun_phrase_after_a_cue_names_its_head_not_a_place_in_it(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="after"))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue that complements another verb speaks for that verb's subject, not for a pronoun inside it
        ("Poll\n\nJohn Kasich spoke in Ohio. Caucus-goers were slightly more likely to say they preferred Clinton "
         "to handle the economy.", [("Caucus-goers", "say")]),
        # each cue of a nested report keeps its own subject
        ("Debate\n\nTed Cruz spoke on Monday. He said CNN had tweeted that Carson was taking a break from the "
         "campaign.", [("Ted Cruz", "said"), ("CNN", "tweeted")]),
    ],
    ids=["xcomp", "nested"],
)
def test_each_reported_cue_speaks_for_its_own_subject(text, expected):
    table = quotes(newslens.article_from_text(text, article_id="nested"), kinds=("reported",))
    assert sorted(zip(table["speaker"], table["cue"])) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a leading "he" continues the leading "he" before it, not the person named in between
        ("Linguist honoured\n\nChao Yuen Ren taught at Harvard for years. In 1945, he served as president of the "
         "society, and Bertrand Russell praised him. He became a citizen in 1954.\n\n"
         '"I am proud of this country," he said.', "Chao Yuen Ren"),
        # ... however long the run (walked back without recursion)
        ("Walker\n\nTom Hale set off at dawn. " + "He walked on. " * 1500 + '"I am done," he said.', "Tom Hale"),
        # ... and after an opening phrase that names someone else
        ("Scholar returns\n\nOtto Lund studied in Paris for two years. He wrote to his family every week.\n\n"
         "Following the advice of his mentor Vilhelm Thomsen, he returned to Oslo in 1888. "
         '"It was the right choice," he said.', "Otto Lund"),
        # "it" goes to the organisation the last sentences keep naming, not a subject named long before
        ("Banks\n\nAcme Group said on Monday that profits rose. Bolt Bank lost customers in Spain. Bolt Bank closed "
         'branches in Portugal. Bolt Bank cut jobs in France.\n\n"We are worried about the year," it said.',
         "Bolt Bank"),
    ],
    ids=["leading-pronoun-chain", "long-run", "after-opening-phrase", "it-most-named"],
)
def test_who_a_pronoun_stands_for(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="pronoun"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


def test_a_description_is_one_speaker_wherever_the_sentence_put_it():
    text = ('Talks\n\nThe officials met on Monday.\n\n"We made progress," the officials said. '
            'The officials said the talks would continue next week in Geneva.')
    table = quotes(newslens.article_from_text(text, article_id="desc"))
    assert set(table["speaker"]) == {"the officials"}
    assert set(table["speaker_text"]) == {"the officials", "The officials"}  # the article's own wording
    assert quote_summary(table)["speaker"].tolist() == ["the officials"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ('The senator said that "the fear is as high as it has ever been."', "partial"),
        ('She said, "We worked hard for this and we will win."', "direct"),
        ('He told reporters, "because he is right for the oil."', "partial"),
        ('The mayor said "1,200 homes were lost in the fire."', "direct"),
        ('The mayor promised "the longest peacetime expansion in our history."', "partial"),
        ('She called it "an extraordinary campaign."', "partial"),
        ('The book is titled "The Long Road Home: A Memoir."', "unattributed"),
        ('The minister said: "... and then we left."', "direct"),
    ],
    ids=["that-clause", "comma-capital", "comma-lower", "cue-digit", "cue-lower", "called", "title", "colon"],
)
def test_a_quotation_is_direct_only_when_it_stands_as_a_sentence(sentence, kind):
    table = quotes(newslens.article_from_text("Vote\n\n" + sentence, article_id="kind"), kinds=("direct", "partial"),
                   include_unattributed=True)
    assert table["kind"].tolist() == [kind]  # a "that" clause is also a reported row, of its own kind


def test_a_quotation_after_a_partial_of_the_same_speaker_continues_the_direct_one():
    text = ('Golf\n\n"Revenues are up a little bit," said Tom Hale, who noted that prices had "cratered" in the '
            'recession. "Things are moving in the right direction."\n\nThe club closed on Monday.')
    table = quotes(newslens.article_from_text(text, article_id="cont"), kinds=("direct", "partial"))
    assert table["kind"].tolist() == ["direct", "partial", "direct"]
    assert table["speaker"].tolist() == ["Tom Hale"] * 3
    statements = table["statement"].tolist()
    assert statements[0] == statements[2] != statements[1]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Plant\n\nJane Hill works at the plant. When she saw the news, all she could do was shout \"Yes!\" at the TV.",
         "Jane Hill"),
        ('Debate\n\nMuch of the debate was so calm that Tom Hale was prompted to say, "I cannot believe how civil it '
         'is."', "Tom Hale"),
        ('Tweet\n\n"He should resign now!" the Republican nominee, Jack Dale, tweeted Sunday after the attack.',
         "Jack Dale"),
        ('Vote\n\nAnn Lee spoke to reporters. "We will win," she said Friday.', "Ann Lee"),
    ],
    ids=["all-she-could-do", "prompted-to-say", "tweeted-sunday", "said-friday"],
)
def test_a_day_or_a_pronoun_that_names_nobody_is_never_the_speaker(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="nobody"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


def test_a_long_attribution_the_splitter_set_apart_attributes_the_quotation_that_opens_the_paragraph():
    text = ("Rally\n\nThe crowd waited for an hour.\n\n“Who do they think they are?” Tom Hale asked reporters at a "
            "rally in the town of Ames on Friday night after the vote.")
    table = quotes(newslens.article_from_text(text, article_id="apart"), kinds=("direct",))
    assert table[["quote", "speaker", "cue"]].values.tolist() == [["Who do they think they are?", "Tom Hale", "asked"]]
    # a cue that reports a clause of its own is a statement of its own, not the quotation's attribution
    text = "Rally\n\n“We will win.” Ann Lee said the polls in the state were wrong about the race this year and last year."
    assert quotes(newslens.article_from_text(text, article_id="own"), kinds=("direct",)).empty


@pytest.mark.parametrize(
    "text",
    [
        "Talks\n\nLONDON (Reuters) - Tom Hale said the prime minister was “divisive and wrong” about him.",
        "Talks\n\nNEW YORK, Nov 24 (Reuters) - Tom Hale said the plan was “divisive and wrong” for the city.",
        "Talks\n\nPARIS — Tom Hale said the plan was “divisive and wrong” for the city.",
    ],
    ids=["reuters", "two-word-city-and-date", "dash"],
)
def test_the_place_of_a_wire_dateline_is_never_the_speaker(text):
    table = quotes(newslens.article_from_text(text, article_id="dateline"), kinds=("partial",))
    assert table["speaker"].tolist() == ["Tom Hale"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Win\n\nTuesday at Baldwin Wallace University in Berea, OH, after winning Ohio in the Republican primary, "
         "Gov. Jack Dale (R-OH), said, “I’m getting ready to rent a covered wagon.”", ["Jack Dale"]),
        ("Vote\n\n“It is a cause,” said Tad Devine. “We want everyone to have a chance to vote.” Devine didn’t "
         "concede defeat, either.", ["Tad Devine", "Tad Devine"]),
    ],
    ids=["two-subjects", "curly-negation"],
)
def test_of_two_subjects_the_one_nearest_the_cue_speaks(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="nearest"), kinds=("direct",))
    assert table["speaker"].tolist() == speaker


def test_an_age_as_a_noun_is_the_person_named_before():
    text = ('Comedy\n\nJack Dale has retired after a long career on stage. "I will miss the stage," the 74-year-old '
            'said.\n\nWriting on Instagram, the 34-year-old said: "I am heartbroken."')
    table = quotes(newslens.article_from_text(text, article_id="age"), kinds=("direct",))
    assert table[["speaker", "speaker_text"]].values.tolist() == [
        ["Jack Dale", "the 74-year-old"], ["Jack Dale", "the 34-year-old"]]


def test_a_first_name_off_the_newslens_list_still_marks_gender():
    from newslens.names import gender_of_first_name

    assert [gender_of_first_name(n) for n in ("Jon", "Steve", "Irene", "Jean", "Jordan")] == ["m", "m", "f", None, None]
    text = ('Rovers\n\nJon Tomasson, 47, joined the club in 2022 from Malmo.\n\nAnn Price, the chairwoman, was in '
            'the stand. Jon Tomasson left the ground early. She said: "We must do better."')
    table = quotes(newslens.article_from_text(text, article_id="census"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Ann Price"]


def test_a_reported_clause_that_quotes_some_words_is_still_reported():
    text = "Campaign\n\nTom Hale said his campaign was about the “ugly truths” of the country today."
    table = quotes(newslens.article_from_text(text, article_id="mixed"))
    assert table[["kind", "speaker", "quote"]].values.tolist() == [
        ["reported", "Tom Hale", "his campaign was about the “ugly truths” of the country today"],
        ["partial", "Tom Hale", "ugly truths"]]
    # a clause that starts with the quotation is the quotation's
    text = "Campaign\n\nTom Hale said “we will win this state” on Monday."
    assert quotes(newslens.article_from_text(text, article_id="direct"))["kind"].tolist() == ["partial"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Reid: 'Never, ever underestimate the man.'\n\nThe senator spoke on Monday.", "Reid"),
        ("Sarah Silverman heckles the crowd: 'You're being ridiculous.'\n\nThe comedian spoke.", "Sarah Silverman"),
        ("UPDATE: ‘We are safe’\n\nThe town is calm.", None),
        ("The town is calm.\n\nThe mayor had one word for it: ‘Safe.’", None),
    ],
    ids=["name", "name-and-verb", "label-not-a-name", "body-colon"],
)
def test_a_headline_name_before_a_colon_says_the_quotation(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="headline"), kinds=("direct",))
    assert table["speaker"].tolist() == ([speaker] if speaker else [])


def test_a_name_between_a_quotation_and_a_cue_with_no_subject_speaks():
    text = ("Hall\n\n“We’ve had more successful conventions than this one,” Texas delegate Bill Eastland, wearing a "
            "cowboy hat and campaign pins, said matter-of-factly as confetti fluttered down.")
    table = quotes(newslens.article_from_text(text, article_id="between"), kinds=("direct",))
    assert table[["speaker", "cue"]].values.tolist() == [["Bill Eastland", "said"]]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Derby\n\nCity manager Pep Guardiola was less happy. "We made mistakes," the Spaniard told Sky Sports.',
         "Pep Guardiola"),
        ('Talks\n\nThe Americans said the deal was "dead".', "Americans"),
        ('Talks\n\nVladimir Putin spoke. He said the Islamic State group was "finished".', "Vladimir Putin"),
    ],
    ids=["the-spaniard", "a-people", "a-name-that-goes-on"],
)
def test_a_nationality_naming_one_person_is_the_person_named_before(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="nationality"), kinds=("direct", "partial"))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Tour\n\nLive Nation said refunds would be issued. In a statement, the company said: "
         "\"We wish Adele a speedy recovery.\"", "Live Nation"),
        ("Tour\n\nLive Nation sold the tickets. A group of fans said: \"We want our money back.\"", "a group"),
        # too far back for "the organisation just named as subject", but the only one the article names, in its
        # first paragraph (session 12: "the company" for the business the article is about; this said "the company")
        ("Tour\n\nLive Nation sold the tickets.\n\nThe show was cancelled in May after a long delay that upset "
         "everyone.\n\nThe company said: \"We are sorry.\"", "Live Nation"),
    ],
    ids=["subject-just-before", "indefinite", "too-far-back"],
)
def test_an_organisation_description_goes_to_the_organisation_just_named_as_subject(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="org"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        'The government has slated the plan as "a disgrace", and Labour criticised ministers for "sitting on their '
        'hands".',
        'The minister slated the plan as "a disgrace", but union leader Ann Lee said it was fair.',
    ],
    ids=["and-a-second-cue", "but-a-second-cue"],
)
def test_a_cue_in_a_clause_of_its_own_after_the_quotation_is_not_its_cue(sentence):
    table = quotes(newslens.article_from_text("Plan row\n\n" + sentence, article_id="clauses"))
    first = table.iloc[0]
    assert (first["quote"], first["cue"]) == ("a disgrace", "slated")
    assert first["speaker"] in ("the government", "the minister")
    assert table["via"].isna().all()  # a coordinated cue reports nobody else's words


def test_a_partial_quotation_after_more_than_the_attribution_is_not_joined_to_the_direct_one():
    text = ('Mayor\n\nWhat word sums her up?\n\n"Fearless," he said, meaning that she\'s "bold enough and doesn\'t mind '
            'what critics say" and says what she thinks "no matter what."')
    table = quotes(newslens.article_from_text(text, article_id="meaning"), kinds=("direct", "partial"))
    assert table[["kind", "quote"]].values.tolist()[:2] == [
        ["direct", "Fearless,"], ["partial", "bold enough and doesn't mind what critics say"]]


def test_he_is_the_subject_just_before_not_the_person_named_most():
    text = ("Row\n\nRadio host Mark Davies mocked the singer. Davies later said he regretted the remark, and Davies's "
            "producer said Davies would apologise.\n\nPrime Minister Rishi Sunak was asked about the row at a press "
            "conference. \"It is important that we treat each other with respect,\" he said.")
    table = quotes(newslens.article_from_text(text, article_id="subject"), kinds=("direct",))
    assert table[["speaker", "speaker_text"]].values.tolist() == [["Rishi Sunak", "he"]]


def test_the_marks_of_a_markup_tag_left_in_the_text_quote_nothing():
    from newslens.marks import find_quotations

    text = ('Clinton called for action:\n\n<tweet pic="" author="HillaryClinton" id="67">Enough is enough: it is '
            'time to act</tweet>.\n\nShe said "we will win" and left. Is 5 < 6 "true" > 2?')
    assert [text[q.start : q.end] for q in find_quotations(text)] == ['"we will win"', '"true"']


def test_a_platform_after_a_preposition_is_never_the_speaker():
    from newslens.quotes.context import build_context
    from newslens.quotes.speakers import _np_after

    text = "Tweet\n\n\"We won,\" the coach wrote on Twitter. \"We lost,\" wrote the captain."
    ctx = build_context(newslens.article_from_text(text, article_id="platform"), None)
    wrote = [t.i for t in ctx.doc if t.text == "wrote"]
    # the noun phrase after an inverted cue: not the object of "on", but "the captain" after the second cue
    assert _np_after(ctx, wrote[0] + 1, len(ctx.doc)) is None
    assert _np_after(ctx, wrote[1] + 1, len(ctx.doc)).text == "the captain"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Debate\n\nLee asked about taxes: "Will you raise them?"\n\n"We will cut them," Hale went on. "All of them."',
         "Hale", "went on"),
        ('Debate\n\nLee attacked the plan.\n\n"She wants to look tough tonight," Hale shot back.', "Hale", "shot back"),
    ],
    ids=["went-on", "shot-back"],
)
def test_phrasal_cues_next_to_a_quotation(text, speaker, cue):
    table = quotes(newslens.article_from_text(text, article_id="phrasal"), kinds=("direct",))
    assert table[["speaker", "cue"]].values.tolist()[-1] == [speaker, cue]


def test_a_phrasal_cue_away_from_a_quotation_is_no_cue():
    text = "Race\n\nHale went on to win the race. Lee hit back at her critics after the vote."
    assert quotes(newslens.article_from_text(text, article_id="phrasal-away")).empty


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [('"Denver," Hale answered.', "answered"), ('"Go back to your seat," Hale barked.', "barked"),
     ('"You have called people names," Hale charged.', "charged"), ('"Quiet," Hale demanded.', "demanded")],
    ids=["answered", "barked", "charged", "demanded"],
)
def test_more_verbs_of_saying_cue_a_quotation(sentence, cue):
    table = quotes(newslens.article_from_text("Debate\n\n" + sentence, article_id="verbs"), kinds=("direct",))
    assert table[["speaker", "cue"]].values.tolist() == [["Hale", cue]]


def test_a_verb_of_manner_away_from_a_quotation_is_no_cue():
    text = "Court\n\nHale was charged with fraud on Monday, and the dog barked that night."
    assert quotes(newslens.article_from_text(text, article_id="manner")).empty


def test_a_name_inside_the_subjects_relative_clause_is_not_the_speaker():
    text = ("Chef\n\nChef Marco Rossi has closed his restaurant.\n\n"
            "The 41-year-old chef, who posted a video on Instagram on Monday, said: \"We will reopen.\"")
    table = quotes(newslens.article_from_text(text, article_id="relcl"), kinds=("direct",))
    assert table[["speaker", "speaker_text"]].values.tolist() == [["Marco Rossi", "The 41-year-old chef"]]


def test_a_spokesperson_speaks_for_an_organisation_the_model_did_not_tag():
    text = 'Jail\n\nA Prison Service spokesperson said: "We will not tolerate corruption." A spokesman said: "No."'
    table = quotes(newslens.article_from_text(text, article_id="spokes"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Prison Service", "a spokesman"]
    assert table["speaker_label"].iloc[0] == "ORG" and pd.isna(table["speaker_label"].iloc[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [('Rob Lee said: "We have all been there."\n\nAsked whether the ban was fair, Lena Hale replied: "It is the rule."',
      [["Rob Lee", "We have all been there."], ["Lena Hale", "It is the rule."]]),
     ("Warned that the club could be fined, Lena Hale said she would appeal.", [["Lena Hale", "she would appeal"]]),
     ('Asked whether she feared a longer ban, Lena Hale demurred.\n\n"We will see," she said.',
      [["Lena Hale", "We will see,"]])],
    ids=["asked", "warned", "asked-then-demurred"],
)
def test_the_one_asked_or_warned_is_not_the_speaker_of_what_was_asked(text, expected):
    table = quotes(newslens.article_from_text("Ban\n\n" + text, article_id="addressee"))
    assert table[["speaker", "quote"]].values.tolist() == expected


def test_one_who_asks_or_tells_still_speaks():
    text = "Ban\n\nLena Hale warned that the ban was unfair. Rob Lee has told reporters that the club would appeal."
    table = quotes(newslens.article_from_text(text, article_id="asker"))
    assert table[["speaker", "quote"]].values.tolist() == [
        ["Lena Hale", "the ban was unfair"], ["Rob Lee", "the club would appeal"]]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [("Ukraine war: 'We are running out of shells', says commander", ["'We are running out of shells'"]),
     ("Starmer: 'We will fix the NHS'", ["'We will fix the NHS'"]),
     ("'The teachers' union will strike,' she said.", ["'The teachers' union will strike,'"]),
     ("The players' union met the Joneses' lawyers.", [])],
    ids=["s-comma", "s-end", "possessive-inside", "possessives-only"],
)
def test_a_single_mark_after_a_final_s_closes_an_open_quotation(text, quoted):
    assert [text[q.start:q.end] for q in find_quotations(text)] == quoted


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [("Ukraine war: 'We are running out of shells', says Zelensky", "Zelensky"),
     ("Gaza: 'We have nothing left', say aid workers", "aid workers")],
)
def test_a_headline_topic_before_the_quotation_is_not_its_speaker(headline, speaker):
    article = newslens.article_from_text(headline + "\n\nThe troops are short of shells.", article_id="topic")
    assert quotes(article, kinds=("direct",))["speaker"].tolist() == [speaker]


def test_the_noun_after_a_closing_cue_is_the_speaker_when_the_parser_took_the_topic_for_subject():
    text = ("Ukraine war: 'We are running out of shells', says commander\n\n"
            "A senior Ukrainian commander has warned that his troops are short of ammunition.")
    table = quotes(newslens.article_from_text(text, article_id="topic-2"), kinds=("direct",))
    assert table[["speaker", "cue"]].values.tolist() == [["commander", "says"]]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [("A source close to the Treasury told the BBC that further cuts had been ruled out.",
      "a source close to the Treasury"),
     ("People familiar with Barclays said the bank would cut 500 jobs.", "People familiar with Barclays"),
     ("Critics of the BBC said the licence fee was out of date.", "Critics of the BBC"),
     ("A spokesman for the Treasury said the memo was out of date.", "Treasury")],
    ids=["close-to", "familiar-with", "critics-of", "spokesman-for"],
)
def test_an_organisation_speaks_for_its_spokesman_not_for_a_source_close_to_it(sentence, speaker):
    table = quotes(newslens.article_from_text("Tax\n\n" + sentence, article_id="close"))
    assert table["speaker"].tolist() == [speaker]


def test_a_headline_quotation_the_article_quotes_again_has_that_speaker():
    text = ("Chancellor defends tax rise as 'fair and necessary'\n\n"
            "Rachel Reeves has defended the rise, calling it \"fair and necessary\" for the public finances.")
    table = quotes(newslens.article_from_text(text, article_id="echo"), kinds=("partial",))
    assert table[["part", "speaker", "quote"]].values.tolist() == [
        ["headline", "Rachel Reeves", "fair and necessary"], ["body", "Rachel Reeves", "fair and necessary"]]
    assert pd.isna(table["cue"].iloc[0]) and table["statement"].nunique() == 1  # one statement, printed twice


def test_the_halves_of_a_joined_quotation_are_not_listed_again_as_unattributed():
    text = 'Storm\n\n"We were lucky," she said. "The water stopped at the door." The roof held, "just about".'
    table = quotes(newslens.article_from_text(text, article_id="halves"), include_unattributed=True)
    assert table[["kind", "quote"]].values.tolist() == [
        ["direct", "We were lucky, The water stopped at the door."], ["unattributed", "just about"]]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('In a statement, NHS England said it was opening new hubs.\n\n"We know there is more to do," a spokesperson said.',
      "NHS England"),
     ('NHS England said it would open hubs. Then the Royal College of Nursing warned of shortages. "Wards are full," a '
      'spokeswoman said.', "Royal College of Nursing"),
     ('Tom Lee said he was innocent. "We will appeal," a spokesperson said.', "a spokesperson")],
    ids=["after-statement", "organisation-of-nursing", "after-a-person"],
)
def test_a_spokesperson_speaks_for_the_organisation_that_spoke_just_before(text, speaker):
    table = quotes(newslens.article_from_text("Hospitals\n\n" + text, article_id="spokes-2"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    "sentence",
    ['In his first videos, which he calls "Consumer Advocate TV," he warns about sugar.',
     'One ad, "Balanced Rebellion," stars an actor who says the race is open.'],
    ids=["calls", "apposition"],
)
def test_quoted_words_that_name_something_are_no_direct_statement(sentence):
    table = quotes(newslens.article_from_text("Ads\n\n" + sentence, article_id="names"), kinds=("direct",))
    assert table.empty


def test_a_quoted_answer_of_one_capitalised_word_is_still_direct():
    table = quotes(newslens.article_from_text('Quiz\n\n"Denver," Hale answered. "Thank You," she said.',
                                              article_id="answers"), kinds=("direct",))
    assert table["quote"].tolist() == ["Denver,", "Thank You,"]


def test_a_quotation_in_capitals_on_a_line_of_its_own_continues_no_one():
    text = ('Visit\n\n"We will stay the course," Obama told reporters.\n\n"EVENTUALLY VOTERS DECIDE"\n\n'
            '"Things are going to be fine," he added.')
    table = quotes(newslens.article_from_text(text, article_id="caps"), kinds=("direct",))
    assert table["quote"].tolist() == ["We will stay the course,", "Things are going to be fine,"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [("A spokesman for Davies's station, Hits Radio, said: \"Mark's comments do not reflect our values.\"", "Hits Radio"),
     ('A spokesman for President Erdogan said: "We reject the claims."', "a spokesman for President Erdogan")],
    ids=["organisation-in-apposition", "person-only"],
)
def test_a_spokesman_speaks_for_the_organisation_named_in_his_phrase_even_beside_a_person(sentence, speaker):
    text = "Row\n\nRadio presenter Mark Davies had mocked the singer's outfit.\n\n" + sentence
    table = quotes(newslens.article_from_text(text, article_id="spokes-3"), kinds=("direct",))
    assert table["speaker"].tolist() == [speaker]


def test_a_persons_gender_is_read_from_the_pronouns_of_a_sentence_naming_only_them():
    text = ("Residency\n\nAdele has said her concerts in the city will be her last for a long time.\n\n"
            "Music journalist Mark Beaumont said Adele was unusual in being able to step away.\n\n"
            '"Most artists cannot afford to disappear," he said.')
    table = quotes(newslens.article_from_text(text, article_id="pronoun-gender"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Mark Beaumont"]


def test_a_surname_two_people_share_takes_no_gender_from_pronouns():
    text = ("Rally\n\nBill Clinton and Hillary Clinton spoke in Ohio. Clinton praised his own record.\n\n"
            "After meeting Al Sharpton, Clinton proposed rules that would end what she said were unfair fines.")
    table = quotes(newslens.article_from_text(text, article_id="shared-surname"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Clinton"]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [("The mayor did not say how long the closure would last.", "did not say"),
     ("The mayor declined to say whether the bridge would reopen.", "declined to say"),
     ("The mayor would not say when the repairs would start.", "would not say")],
    ids=["did-not", "declined-to", "would-not"],
)
def test_a_cue_said_not_to_have_been_spoken_shows_it(sentence, cue):
    table = quotes(newslens.article_from_text("Bridge\n\n" + sentence, article_id="unsaid"), kinds=("reported",))
    assert table["cue"].tolist() == [cue]


def test_reported_words_end_before_an_according_to_of_their_own():
    text = "Dam\n\nEngineers had warned two years ago that the dam was in poor repair, according to a local paper."
    table = quotes(newslens.article_from_text(text, article_id="according-tail"), kinds=("reported",))
    assert sorted(zip(table["speaker"], table["quote"])) == [
        ("Engineers", "the dam was in poor repair"),
        ("a local paper", "Engineers had warned two years ago that the dam was in poor repair")]


def test_one_persons_name_beside_a_group_names_the_person_of_its_phrase():
    text = ("Court\n\nIn a statement, the family of one patient, Margaret Ellis, said they had been haunted "
            "by her final weeks.")
    table = quotes(newslens.article_from_text(text, article_id="group-name"), kinds=("reported",))
    assert table["speaker"].tolist() == ["the family of one patient"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Minister refuses to quit\n\n9 June 2025\n\nThe education secretary has said she will not resign after a "
      "damning report.\n\nBridget Phillipson told the radio programme that the government had inherited a mess.",
      "Bridget Phillipson"),
     ("Front line: 'We are short of shells', says commander\n\nA senior commander has warned that his troops are "
      "running low on ammunition.\n\nCol Oleksandr Marchenko, who leads a brigade, told the BBC the guns were "
      "silent at night.", "Oleksandr Marchenko"),
     ("Court ruling\n\nThe state won its appeal on Tuesday.\n\nIn May, a district judge said the law was unfair."
      "\n\nCircuit Judge David Mack, writing for the majority, said the law was fair.", "a district judge")],
    ids=["lead", "headline", "not-after-the-lead"],
)
def test_a_lead_may_name_its_speaker_by_role_and_give_the_name_next(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="delayed"))
    assert table["speaker"].iloc[0] == speaker


def test_a_pronoun_continues_a_described_subject_not_an_older_name():
    text = ("Ban\n\nRovers striker Tom Hale has been banned for six games.\n\nRovers manager Gary Pike said the "
            "club accepted the punishment.\n\nThe forward, who joined from Northampton, posted an apology online."
            '\n\n"I let my emotions get the better of me," he wrote.\n\nThe singer Ann Vale, his partner, was '
            "at the game. The singer, who lives in Leeds, defended him online. \"He is a good man,\" she wrote.")
    table = quotes(newslens.article_from_text(text, article_id="described-subject"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Tom Hale", "Ann Vale"]  # "the forward": the striker, not the manager


@pytest.mark.parametrize(
    "text",
    ["Profile\n\nTom Hale joined Rovers from a village club in 2015. Placed under the care of Dr Bob Bailey, he "
     'recovered from a knee injury. "I owe him everything," he said.',
     "Profile\n\nTom Hale grew up in Leeds. He trained with the youth team every night. His mother drove him to "
     'see Dr Bob Bailey in London. "I was lucky," he said.'],
    ids=["opening-phrase", "object-in-between"],
)
def test_he_continues_the_subject_past_a_man_named_as_an_object(text):
    table = quotes(newslens.article_from_text(text, article_id="past-object"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Tom Hale"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Break\n\nMaya Stone has announced a break from touring. Stone told fans she was tired.\n\nIn an interview "
      "last year, the star said she found touring terrifying.", "Maya Stone"),
     ("Court\n\nRachel Moore, 41, admitted stealing painkillers. Moore was jailed for three years.\n\nThe "
      "prosecutor said Moore had taken the drugs over eight months.", "the prosecutor"),
     ("Ban\n\nRovers striker Tom Hale has been banned for six games. Hale apologised.\n\nThe winger said he had "
      "let the club down.", "the winger")],
    ids=["epithet", "role-of-another-person", "role-introduced-otherwise"],
)
def test_the_article_calls_its_main_person_by_a_role_for_variety(text, speaker):
    table = quotes(newslens.article_from_text(text, article_id="epithet"), kinds=("reported",))
    assert table["speaker"].iloc[-1] == speaker


def test_a_reporters_hedge_is_no_statement_and_a_relative_clause_reports_from_its_verb():
    text = ("Jobs\n\nThe firm said it was too early to say how many jobs would go. It is hard to say whether the "
            "plan will work. He was quick to say that the plan would work.\n\nShares rose after the announcement, "
            "which analysts said showed investors welcomed the cuts.")
    table = quotes(newslens.article_from_text(text, article_id="hedge"), kinds=("reported",))
    assert table[["speaker", "cue", "quote"]].values.tolist() == [
        ["the firm", "said", "it was too early to say how many jobs would go"],
        ["He", "say", "the plan would work"],
        ["analysts", "said", "showed investors welcomed the cuts"]]


def test_a_spokesperson_speaks_for_the_building_that_just_spoke():
    text = ("Update\n\nThe King's treatment is going well, Buckingham Palace has said.\n\nIn a rare update, a palace "
            'spokesperson said doctors were "very pleased" with his progress.')
    table = quotes(newslens.article_from_text(text, article_id="palace"), kinds=("reported",))
    assert table["speaker"].iloc[-1] == "Buckingham Palace"


def test_a_speakers_title_keeps_its_of_phrase():
    text = "Update\n\nSpeaking in London, the Prince of Wales said his father was doing brilliantly."
    table = quotes(newslens.article_from_text(text, article_id="title-of"), kinds=("reported",))
    assert table["speaker"].tolist() == ["the Prince of Wales"]


def test_a_headlines_speaker_by_a_common_noun_is_the_organisation_named_below():
    text = ("Roads closed after flooding, police say\n\nSeveral roads have been closed after heavy rain, Police "
            "Scotland has said.")
    table = quotes(newslens.article_from_text(text, article_id="headline-noun"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Police Scotland", "Police Scotland"]


def test_a_headlines_speaker_is_the_organisation_the_body_introduces_with_that_noun():
    text = ("Water bills to rise by a fifth, regulator says\n\nWater bills in England will rise by 21% over five "
            "years, the regulator Ofwat has announced.\n\nThe average bill will go up by £86, the watchdog said.")
    table = quotes(newslens.article_from_text(text, article_id="regulator"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Ofwat", "Ofwat", "Ofwat"]


def test_the_force_is_the_police_force_that_spoke():
    text = ("Arrest\n\nGreater Manchester Police said a man had been arrested in Salford. Officers were called to "
            "a house on Monday night. Two women were treated for minor injuries.\n\nThe force said the man remained "
            "in custody.")
    table = quotes(newslens.article_from_text(text, article_id="force"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Greater Manchester Police", "Greater Manchester Police"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Joanna Lumley, who led the campaign for the veterans, thanked supporters outside Parliament.\n\n"
      "“We did it together,” the actress said.", "Joanna Lumley"),
     ("Ann Cole spoke to reporters outside court.\n\n“Justice has been done,” the self-described pacifist "
      "said.", "Ann Cole"),
     ("Tom Hale criticised the plan at the meeting.\n\n“It will not survive a legal challenge,” the lawyer said.",
      "the lawyer"),
     ("Tom Hale was asked about the vote.\n\n“Do you regret it?” the presenter said.", "the presenter")],
    ids=["epithet", "epithet-by-ending", "someone-else-role", "asked-by-another"],
)
def test_a_description_after_a_sentence_about_a_person_is_that_person(text, speaker):
    table = quotes(newslens.article_from_text("Story\n\n" + text, article_id="epithet-subject"))
    assert table["speaker"].iloc[-1] == speaker


def test_a_party_before_a_persons_role_does_not_speak_for_them():
    text = ("Junction\n\nLocal councillor Amira Shah said the junction was dangerous.\n\n“How many more people have "
            "to die?” the Labour councillor said.")
    table = quotes(newslens.article_from_text(text, article_id="councillor"))
    assert table["speaker"].tolist() == ["Amira Shah", "Amira Shah"]


def test_they_after_a_family_is_the_family():
    text = ("Crash\n\nThames Valley Police said the driver had died at the scene.\n\nIn a statement, Mr Price's "
            "family described him as “a devoted father”.\n\n“He was taken from us far too soon,” they said.")
    table = quotes(newslens.article_from_text(text, article_id="family-they"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Mr Price's family"]


def test_a_name_between_commas_after_a_description_is_the_speaker_when_the_parser_misses_it():
    text = ("Drug\n\nThe NHS spending watchdog, NICE, has previously rejected a similar drug, saying its benefits "
            "were too small to justify the cost.")
    table = quotes(newslens.article_from_text(text, article_id="missed-appos"), kinds=("reported",))
    assert table["speaker"].tolist() == ["NICE"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Rovers striker Danny Kane was sent off on Saturday.\n\n“I let the fans down,” the forward said.", "Danny Kane"),
     ("City boss Martina Silva was delighted.\n\n“We kept our heads,” the manager said.", "Martina Silva"),
     ("Rovers striker Danny Kane was sent off. City boss Martina Silva was delighted.\n\n“We kept our heads,” "
      "the goalkeeper said.", "the goalkeeper")],
    ids=["striker-forward", "boss-manager", "no-keeper-introduced"],
)
def test_a_role_stands_for_the_person_introduced_with_a_synonym_of_it(text, speaker):
    table = quotes(newslens.article_from_text("Derby\n\n" + text, article_id="synonym"))
    assert table["speaker"].iloc[-1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("The actor Paul Whitby has died aged 74, his agent has said.\n\nHis agent, Claire Fenton, described him as "
      "“a true original”.", "Claire Fenton"),
     ("The actor Paul Whitby has died aged 74, his agent has said.\n\nHis agent, Claire Fenton, described him as "
      "“a true original”. Her fellow agent, Tom Reid, said he would be missed.", "his agent"),
     ("The actor Paul Whitby has died aged 74, his spokeswoman has said.\n\nHis spokesman, Tom Reid, described him "
      "as “a true original”.", "his spokeswoman")],
    ids=["one-agent", "two-agents", "spokesperson"],
)
def test_a_description_stands_for_the_one_person_introduced_with_its_role_below(text, speaker):
    table = quotes(newslens.article_from_text("Obituary\n\n" + text, article_id="cataphora"), kinds=("reported",))
    assert table["speaker"].iloc[0] == speaker


def test_a_verb_that_cues_only_near_a_quotation_reaches_it_past_a_long_subject():
    text = ("Ruling\n\n“The rules have stifled competition for years,” Spotify's chief executive, Daniel Ek, wrote "
            "on X.\n\nThe singer, who turned 40 last week, wrote a new song.")
    table = quotes(newslens.article_from_text(text, article_id="long-subject"), include_unattributed=True)
    assert table[["kind", "speaker", "cue"]].values.tolist() == [["direct", "Daniel Ek", "wrote"]]


def test_reported_words_the_parser_split_in_two_clauses_stay_whole():
    text = "Fine\n\nAnalysts said the fine, though large, was unlikely to dent the company's finances."
    table = quotes(newslens.article_from_text(text, article_id="two-clauses"), kinds=("reported",))
    assert table["quote"].tolist() == ["the fine, though large, was unlikely to dent the company's finances"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("The case began after a complaint from Spotify. The Swedish company welcomed the ruling, calling it “an "
      "important message”.", "Spotify"),
     ("The case began after complaints from Spotify and Microsoft. The company welcomed the ruling, calling it “an "
      "important message”.", "the company")],
    ids=["one-organisation", "two-organisations"],
)
def test_a_company_opening_its_sentence_is_the_one_named_just_before(text, speaker):
    table = quotes(newslens.article_from_text("Ruling\n\n" + text, article_id="only-org"))
    assert table["speaker"].tolist() == [speaker]


def test_she_after_a_spokeswoman_is_who_the_spokeswoman_speaks_for():
    text = ("Waits\n\nJoan Pearce, 89, waited 40 hours for a bed. Her son said she spent two nights on a trolley."
            "\n\nA spokeswoman for Royal Cornwall Hospitals NHS Trust said the hospital had been on its highest alert "
            "level. “We are seeing record numbers of very unwell patients,” she said.")
    table = quotes(newslens.article_from_text(text, article_id="spokeswoman-she"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Royal Cornwall Hospitals NHS Trust"]


@pytest.mark.parametrize("relative", ["sister", "widow"])
def test_she_after_a_quotation_of_several_sentences_is_the_described_subject_before_it(relative):
    text = ("Verdict\n\nThe bookkeeper Tom Reyes, 61, was jailed on Friday. His lawyer, Ann Pike, said he would appeal."
            f"\n\nIn a statement, the {relative} of one victim said the family was relieved. “Dad never saw this day. "
            "He would have cried with relief,” she said.")
    table = quotes(newslens.article_from_text(text, article_id="long-quote-she"), kinds=("direct",))
    assert table["speaker"].tolist() == [f"the {relative}"]  # not Ann Pike, the last woman named


def test_reported_words_run_from_the_clause_the_cue_reports_not_a_that_inside_it():
    text = "Trial\n\nThe lead researcher, Dr Ina Volk, said the results suggested that “the drug works for most people”."
    table = quotes(newslens.article_from_text(text, article_id="nested-that"), kinds=("reported",))
    said = table[table["speaker"] == "Ina Volk"]
    assert said["quote"].tolist() == ["the results suggested that “the drug works for most people”"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Harlow Foods has reported a rise in profits. “Every penny counts,” its chief executive, Ian Bell, said. "
      "\n\nThe company said it expected sales to grow.", "Harlow Foods"),
     ("Shell and BP have reported a rise in profits. “Every penny counts,” one boss said."
      "\n\nThe company said it expected sales to grow.", "the company")],
    ids=["one-business", "two-businesses"],
)
def test_the_company_is_the_business_the_article_is_about(text, speaker):
    table = quotes(newslens.article_from_text("Results\n\n" + text, article_id="main-business"), kinds=("reported",))
    assert table[table["cue"] == "said"]["speaker"].tolist()[-1:] == [speaker]


def test_an_age_that_opens_a_sentence_is_the_subject_of_the_sentence_before():
    text = ("Cup\n\nJoel Amankwah scored the winner. Amankwah, who joined in the summer, said the goal was a gift.\n\n"
            "His team-mate, the central defender Lewis Brennan, was booked in the first half. The 31-year-old said "
            "afterwards: “We showed we can compete with anyone.”")
    table = quotes(newslens.article_from_text(text, article_id="age-subject"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Lewis Brennan"]  # not the striker named more often


def test_a_name_set_after_a_role_of_an_organisation_is_the_role_holder():
    text = ("Cup\n\nRochdale won 2-1 on Saturday. The chairman of Rochdale, Mark Hollis, described the win as "
            "“the best result in our history”.")
    table = quotes(newslens.article_from_text(text, article_id="role-of-org"), kinds=("partial",))
    assert table["speaker"].tolist() == ["Mark Hollis"]


def test_a_leads_organisation_description_is_the_organisation_the_next_paragraph_names():
    text = ("Lender fined over loans\n\nA high street lender has been fined £12.5m for selling loans to people who "
            "could not afford them, the financial watchdog has said.\n\nThe Financial Conduct Authority (FCA) said "
            "Harwood Bank had failed 40,000 borrowers.")
    table = quotes(newslens.article_from_text(text, article_id="org-later"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Financial Conduct Authority", "Financial Conduct Authority"]


def test_a_leads_organisation_description_stays_a_description_when_the_next_names_are_acted_on():
    text = ("Lender fined over loans\n\nA high street lender has been fined £12.5m, the financial watchdog has said."
            "\n\nCustomers of Harwood Bank were told to check their statements.")
    table = quotes(newslens.article_from_text(text, article_id="org-not-later"), kinds=("reported",))
    assert table["speaker"].tolist() == ["the financial watchdog"]


def test_a_title_the_model_took_into_a_name_is_the_persons_role():
    text = ("Vote on homes\n\nCouncillor Peter Fane, who voted against the plan, criticised the committee. "
            "Ms Dunn, the chair, said the vote was fair.\n\nThe councillor said residents had been ignored.")
    table = quotes(newslens.article_from_text(text, article_id="title-role"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Dunn", "Peter Fane"]  # not the last person named


@pytest.mark.parametrize(("text", "expected"), [
    ("Court\n\nIn a statement read outside court, the family of Priya Nair said they would never recover. "
     "“She was the kindest person we knew,” the statement said.", "the family of Priya Nair"),
    ("Club mourns\n\nHarwood Rovers issued a statement on Sunday after the death of their former captain. "
     "“We are devastated,” the statement said.", "Harwood Rovers"),
    ("Homes\n\nAnn Lee wrote a letter to the council. “I have lived here for 40 years,” the letter said.", "Ann Lee"),
    ("Emails\n\nThe Herald said Mr Cole provided a written statement to the paper. “I regret the error,” the "
     "statement said.", "Cole"),  # who provided it, not who reported that
    ("Threat\n\nThe Herald reports that the letter was sent to the mayor's home. “Resign or else,” the letter "
     "said.", "the letter"),  # a letter only reported on: no author
])
def test_a_statement_that_speaks_is_its_authors(text, expected):
    table = quotes(newslens.article_from_text(text, article_id="statement"), kinds=("direct",))
    assert table["speaker"].tolist() == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Transfer\n\nArsenal manager Mikel Arteta said Zubimendi was “a player we have followed for a long time”. "
     "He added: “He has the intelligence we want.”", ["Mikel Arteta"]),  # who goes on speaking
    ("Briefing\n\nWhite House spokesman Josh Earnest said Obama had kept in touch with his supporters. “I would "
     "think that would have some influence,” he said.", ["Josh Earnest"]),
])
def test_he_who_speaks_after_a_report_is_the_reporter_not_the_person_reported_on(text, expected):
    table = quotes(newslens.article_from_text(text, article_id="reporter"), kinds=("direct",))
    assert table["speaker"].tolist() == expected


def test_he_who_speaks_of_someone_else_is_not_the_reporter():
    text = ("Transfer\n\nArteta said Zubimendi was a fine player. He joined from Real Sociedad in the summer, and "
            "he said on Friday that he was “very happy”.")
    table = quotes(newslens.article_from_text(text, article_id="reported-on"), kinds=("partial",))
    assert table["speaker"].tolist() == ["Zubimendi"]  # the guard: he goes on about himself


@pytest.mark.parametrize(("text", "expected"), [
    ("Robbery\n\nDet Sgt Laura Hicks said: “This was a cowardly attack.”\n\nThe suspect is described as white. "
     "“Even the smallest detail could help us,” the detective added.", ["Laura Hicks", "Laura Hicks"]),
    ("Race\n\nSen. Patricia Holloway said Monday she will not run again. Gov. Mike DeWine praised her record.\n\n"
     "“It has been an honor,” the senator said.", ["Patricia Holloway"]),
])
def test_an_abbreviated_title_names_the_role_a_description_stands_for(text, expected):
    table = quotes(newslens.article_from_text(text, article_id="rank-role"), kinds=("direct",))
    assert table["speaker"].tolist() == expected


def test_a_described_role_with_a_place_is_the_one_introduced_with_it():
    text = ("Debate\n\nFlorida Sen. Marco Rubio spoke first. Later, Sen. Bernie Sanders took the stage.\n\n"
            "The Florida senator said the plan would fail.")
    table = quotes(newslens.article_from_text(text, article_id="place-role"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Marco Rubio"]  # not the last senator named


def test_reported_words_end_before_the_attribution_that_closes_the_sentence():
    text = ("Moscow warns Tokyo\n\nRussia has warned Japan that new sanctions will not go unanswered, the Russian "
            "foreign ministry said on Sunday.")
    table = quotes(newslens.article_from_text(text, article_id="trailing"), kinds=("reported",))
    warned = table[table["cue"] == "warned"]
    assert warned["quote"].tolist() == ["new sanctions will not go unanswered"]


def test_a_headlines_capitalised_role_is_the_person_the_lead_names():
    text = ("Senator says she will not seek re-election\n\nSen. Patricia Holloway, a Democrat who has represented "
            "Ohio for 18 years, said Monday she will not run for a fourth term.")
    table = quotes(newslens.article_from_text(text, article_id="headline-role"), kinds=("reported",))
    assert table["speaker"].tolist() == ["Patricia Holloway", "Patricia Holloway"]


def test_reported_words_run_on_past_a_participle_that_is_no_attribution():
    text = "Mail\n\nMr. Regalado said he had been sent angry email, some of it mentioning Mr. Trump by name."
    table = quotes(newslens.article_from_text(text, article_id="participle"), kinds=("reported",))
    said = table[table["cue"] == "said"]
    assert said["quote"].tolist() == ["he had been sent angry email, some of it mentioning Mr. Trump by name"]


def test_the_officer_is_the_detective_named_before():
    text = ("Jailed\n\nDetective Chief Inspector Kev Smith, of Merseyside Police, said the sentence sent a clear "
            "message. “Nobody is above the law, however famous,” the officer said.")
    table = quotes(newslens.article_from_text(text, article_id="officer"), kinds=("direct",))
    assert table["speaker"].tolist() == ["Kev Smith"]
