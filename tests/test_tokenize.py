"""Sentences and tokens: offsets, the first article's 11 body sentences, and the tricky cases."""

from __future__ import annotations

import pytest

import newslens
from newslens import InvalidArgument, MissingData, split_sentences, tokenize_words


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize_words(text)]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_every_offset_round_trips(fakti, wikinews):
    for article in (fakti, wikinews):
        for table, column in ((article.paragraphs, "text"), (article.sentences, "text"), (article.tokens, "token")):
            got = [article.text[s:e] for s, e in zip(table["start"], table["end"])]
            assert got == table[column].tolist()


def test_first_article_body_has_11_sentences(fakti):
    body = fakti.sentences[fakti.sentences["part"] == "body"]
    assert len(body) == 11
    assert body["paragraph"].value_counts().sort_index().tolist() == [2, 1, 1, 1, 2, 1, 3]
    assert body["text"].iloc[2].startswith('"Unfortunately') and body["text"].iloc[2].endswith("he pointed out.")


def test_tables_are_tidy(fakti):
    for table in (fakti.paragraphs, fakti.sentences, fakti.tokens):
        assert {"article_id", "part", "paragraph", "start", "end"} <= set(table.columns)
        assert (table["article_id"] == "fakti-2024-11-24-moscow-tokyo").all()
    assert {"sentence", "token", "lower", "is_word", "is_stop"} <= set(fakti.tokens.columns)
    assert fakti.tokens["position"].tolist() == list(range(len(fakti.tokens)))


def test_sentence_final_period_is_a_token(fakti):
    tokens = fakti.tokens["token"]
    assert (tokens == "Moscow").sum() == 4
    assert not tokens.str.fullmatch(r"\w+\.").any()


def test_quotation_marks_are_separate_tokens():
    assert words("„In such conditions.“") == ["„", "In", "such", "conditions", ".", "“"]
    assert words('He said "no" and «yes» and ‘maybe’.') == [
        "He", "said", '"', "no", '"', "and", "«", "yes", "»", "and", "‘", "maybe", "’", ".",
    ]
    assert words("“somewhat positive“ direction”, he") == ["“", "somewhat", "positive", "“", "direction", "”", ",", "he"]


def test_a_full_stop_before_a_citation_is_a_token():
    assert words("He studied at Harrow School. [27]") == ["He", "studied", "at", "Harrow", "School", ".", "[", "27", "]"]
    assert words("It rained. [citation needed]") == ["It", "rained", ".", "[", "citation", "needed", "]"]
    assert words("They met at 5 p.m. [3]") == ["They", "met", "at", "5", "p.m.", "[", "3", "]"]


def test_possessives_and_words_that_stay_whole():
    assert words("Tokyo's steps") == ["Tokyo", "'s", "steps"]
    assert words("Tokyo’s steps") == ["Tokyo", "’s", "steps"]
    assert words("the G-7 at 05:37 against anti-Russian steps") == [
        "the", "G-7", "at", "05:37", "against", "anti-Russian", "steps",
    ]
    assert words("He lives in the U.S.") == ["He", "lives", "in", "the", "U.S."]


def test_stopwords_and_words(fakti):
    row = fakti.tokens[fakti.tokens["token"] == "the"].iloc[0]
    assert bool(row["is_stop"]) and bool(row["is_word"])
    comma = fakti.tokens[fakti.tokens["token"] == ","].iloc[0]
    assert not comma["is_word"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Lee on Nov. 5 at 5 p.m. in Washington.", 1),
        ("Dr. Jones arrived. Sen. Warren spoke, e.g. about taxes, at No. 5 Main St. today.", 2),
        ("J. R. R. Tolkien wrote it. He was British.", 2),
        ("She has $100.00. It is in her bag.", 2),
        ("I live in the U.S. How about you?", 2),
        ("He finished 2nd. It was his 3rd race.", 2),
        ("Wait... what happened? Nobody knows!", 2),
        ("1. Buy milk 2. Call the bank 3. Write the story", 3),
        ('She said, "This is great." she smiled.', 1),
        ("Para one ends here\n\nPara two starts here.", 2),
    ],
)
def test_sentence_splitter_cases(text, expected):
    assert len(sentences(text)) == expected, sentences(text)


def test_split_sentences_spans_are_stripped_and_ordered():
    text = "  First one.   Second one!  \n\n Third?  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third?"]
    assert spans == sorted(spans)


def test_results_do_not_depend_on_nltk_data(monkeypatch, fakti):
    """The default pipeline never looks for downloaded NLTK data, so what sits in ~/nltk_data cannot matter."""
    import nltk.data

    def forbidden(*args, **kwargs):
        raise AssertionError("the default pipeline must not read NLTK data")

    monkeypatch.setattr(nltk.data, "find", forbidden)
    monkeypatch.setattr(nltk.data, "load", forbidden)
    again = newslens.article_from_text(fakti.text, article_id=fakti.id)
    assert again.tokens.equals(fakti.tokens)
    assert again.sentences.equals(fakti.sentences)


def test_nltk_model_is_explicit_and_names_the_download(monkeypatch, tmp_path):
    import nltk.data

    from newslens.segment import punkt_tokenizer

    punkt_tokenizer.cache_clear()
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(MissingData, match=r"nltk\.download\('punkt_tab'\)"):
        split_sentences("One. Two.", model="nltk")
    punkt_tokenizer.cache_clear()
    with pytest.raises(InvalidArgument, match="model='spacy': not a sentence model"):
        split_sentences("One. Two.", model="spacy")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lower-case word after an abbreviation continues; a camel-cased name or a pronoun after a plain end starts
        ("She earned a Ph.D. in physics in 1990.", ["She earned a Ph.D. in physics in 1990."]),
        ("We publish on the web. eBay sells the prints.", ["We publish on the web.", "eBay sells the prints."]),
        ("The files are public. we think that is fair.", ["The files are public.", "we think that is fair."]),
        # a short tail with no final stop joins a pull quote as its attribution ...
        ('"We will be back. This is not over." - Dana Reyes',
         ['"We will be back. This is not over." - Dana Reyes']),
        ("Nobody told us anything. We waited for hours. Dana Reyes",
         ["Nobody told us anything.", "We waited for hours. Dana Reyes"]),
        # ... but a sentence broken off, a bracketed note or a title is no attribution
        ("I asked them twice. I hire --", ["I asked them twice.", "I hire --"]),
        ("The talk ran long. [Note: the recording stops here]", ["The talk ran long.", "[Note: the recording stops here]"]),
        ("Read this first. The Story of My Life", ["Read this first.", "The Story of My Life"]),
        # a citation joins the sentence it follows
        ("He died in 1832. [12]", ["He died in 1832. [12]"]),
        ("She moved to Oslo in 1901. [3] [7] Her first book sold well.",
         ["She moved to Oslo in 1901. [3] [7]", "Her first book sold well."]),
        ("The town grew fast. [citation needed] It is large now.",
         ["The town grew fast. [citation needed]", "It is large now."]),
        # a note on life dates stays whole; a unit or a letter before a sentence still ends it
        ("Her father, a chef (d. 1975), and her husband (m. 1949; div. 1964) were French.",
         ["Her father, a chef (d. 1975), and her husband (m. 1949; div. 1964) were French."]),
        ("She ran the 100 m. 1990 was her year.", ["She ran the 100 m.", "1990 was her year."]),
        # one bullet is a separator, two or more a list
        ("MAY 4, 2024 • PRESS RELEASES", ["MAY 4, 2024 • PRESS RELEASES"]),
        ("Bring • a map • a torch", ["Bring", "• a map", "• a torch"]),
        # a person's initials stay with the name; dotted capitals that end sentences do not
        ("I see O.J. Simpson. What would that be?", ["I see O.J. Simpson.", "What would that be?"]),
        ("Reagan won in 80, [George H. W.] Bush in 88.", ["Reagan won in 80, [George H. W.] Bush in 88."]),
        ("He moved to the U.S. The firm followed.", ["He moved to the U.S.", "The firm followed."]),
        ("The answer is E. The rest are wrong.", ["The answer is E.", "The rest are wrong."]),
    ],
    ids=["abbreviation", "camel-case", "informal-pronoun", "dash-attribution", "name-attribution", "interrupted",
         "note", "title", "citation", "citations-mid-paragraph", "citation-needed", "life-dates", "unit-before-a-year",
         "one-bullet", "bullet-list", "initials", "initials-in-brackets", "country-initials", "lone-capital"],
)
def test_sentence_rules_rechecked_on_every_genre(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected
