"""Sentences of interpretation written from the tables: plurals, names and numbers from the table in
front of them, and a sentence that says so when a table is empty."""

from __future__ import annotations

import pandas as pd
import pytest

import newslens
from newslens import describe
from newslens.entities import entity_mentions, entity_summary
from newslens.frequencies import collocations, keyness, word_frequencies
from newslens.quotes import quotation_share, quote_summary, quotes
from newslens.sentences import sentence_summary, sentence_table

RUGBY = """Late try sends Carlow into the final

Carlow beat Ashby 21-17 on Saturday with a try in the last minute.

"We never stopped believing," said captain Tom Hale. Coach Ruth Imber said the squad had trained for exactly this.

Ashby will play for third place next week. Their coach, Sam Pike, said his players were exhausted."""


@pytest.fixture(scope="module")
def rugby():
    return newslens.article_from_text(RUGBY, article_id="rugby")


def test_plurals_and_lists():
    assert [describe.plural(n, "entity") for n in (0, 1, 2)] == ["0 entities", "1 entity", "2 entities"]
    assert describe.plural(1, "speaker") == "1 speaker" and describe.plural(3, "day") == "3 days"
    assert describe.join([]) == "" and describe.join(["A"]) == "A" and describe.join(["A", "B"]) == "A and B"
    assert describe.term("$5 bn") == r"*\$5 bn*" and describe.term("a_b*") == r"*a\_b\**"


def test_sentences_name_only_what_the_table_holds(rugby):
    said = describe.top_terms(word_frequencies(rugby), n=3)
    top = word_frequencies(rugby).head(3)
    assert all(f"*{t}* ({c})" in said for t, c in zip(top["term"], top["count"]))
    summary = entity_summary(entity_mentions(rugby, numeric=False))
    said = describe.named_entities(summary)
    assert said.startswith(f"The article names {len(summary)} entities")
    leaders = summary.sort_values("mentions", ascending=False, kind="stable")["entity"].head(3)
    assert all(f"*{name}*" in said for name in leaders) and "Tokyo" not in said
    speakers = describe.speakers(quote_summary(quotes(rugby)))
    assert "Tom Hale" in speakers and speakers.split()[1] in ("statements", "statement")
    body = sentence_table(rugby, quotes=quotes(rugby))
    body = body[body["part"] == "body"]
    longest = describe.long_sentences(body, n=2)
    quoted = int(body["has_quote"].sum())
    assert (f"across the body, {quoted} of {len(body)} sentences do." if quoted else
            f"across the body, none of {len(body)} sentences does.") in longest
    for number in body.sort_values("words", ascending=False)["sentence"].head(2):
        assert str(number) in longest
    mix = describe.quotation_mix(quotation_share(rugby, quotes=quotes(rugby)))
    assert mix.startswith("The body is ") and mix.count("%") == 3


def test_the_words_of_each_sentence_come_from_the_article(rugby):
    text = rugby.text.lower()
    said = " ".join([describe.top_terms(word_frequencies(rugby)),
                     describe.collocation_leaders(collocations(rugby, min_count=1)),
                     describe.distinctive_terms(keyness(rugby)),
                     describe.named_entities(entity_summary(entity_mentions(rugby)))])
    import re

    terms = re.findall(r"\*([^*]+)\*", said)
    assert terms
    for found in terms:
        for word in found.replace("\\", "").lower().split():
            assert word in text, (word, said)


def test_one_word_asked_for_is_not_the_only_word():
    freq = pd.DataFrame({"term": ["port", "strike"], "count": [4, 2]})
    assert describe.top_terms(freq, n=1) == "The most frequent word is *port* (4)."
    assert describe.top_terms(freq.head(1)) == "The only word counted is *port* (4)."


def test_empty_tables_say_so():
    assert describe.top_terms(pd.DataFrame(columns=["term", "count"])).startswith("The article has no words")
    assert "no entity" in describe.named_entities(pd.DataFrame(columns=["entity", "label", "mentions"]))
    assert "No statement" in describe.speakers(pd.DataFrame(columns=["speaker", "statements"]))
    assert "no articles to compare with" in describe.comparison_size(0)
    assert describe.comparison_size(1) == "Compared with 1 other article."
    assert "no entity mentions" in describe.entity_kinds(pd.DataFrame(columns=["label"]))
    assert "nothing to rank" in describe.length_rank(pd.DataFrame(columns=["article_id", "mean"]), "x")


def test_entity_kinds_and_ranks():
    mentions = pd.DataFrame({"label": ["GPE", "GPE", "PERSON", "ORG"]})
    assert describe.entity_kinds(mentions) == ("The most common kind of entity is country, city or state "
                                               "(2 of 4 mentions); 1 mention names a person.")
    assert describe.entity_kinds(pd.DataFrame({"label": ["PERSON"]})) == \
        "The most common kind of entity is person (1 of 1 mention)."
    assert describe.entity_kinds(pd.DataFrame({"label": ["ORG", "ORG"]})).endswith("; no mention names a person.")
    ranks = sentence_summary(pd.DataFrame({"article_id": ["a", "a", "b", "c"], "words": [10, 12, 30, 20],
                                           "part": "body"}), by="article_id")
    said = describe.length_rank(ranks, "b")
    assert said.startswith("Its sentences average 30.0 words, longer than the median article's 20.0")
    assert said.endswith(": the longest of 3.")
    assert describe.length_rank(ranks, "a").endswith(": the shortest of 3.")
    assert describe.length_rank(ranks, "c").endswith(": the 2nd shortest of 3.")


def test_the_longest_sentences_say_none_and_all_in_words():
    body = pd.DataFrame({"sentence": [1, 2, 3], "words": [30, 20, 10], "has_quote": [False, False, False],
                         "part": "body"})
    assert describe.long_sentences(body, n=2) == ("Of the 2 longest sentences (sentences 1 and 2), none holds a "
                                                 "quotation; across the body, none of 3 sentences does.")
    body["has_quote"] = [True, True, False]
    assert describe.long_sentences(body, n=2) == ("Of the 2 longest sentences (sentences 1 and 2), all hold a "
                                                 "quotation; across the body, 2 of 3 sentences do.")
    assert describe.long_sentences(body, n=1).startswith("Of the 1 longest sentence (sentence 1), it holds a quotation;")
    body["has_quote"] = [False, True, False]
    assert describe.long_sentences(body, n=1).startswith("Of the 1 longest sentence (sentence 1), it holds no quotation;")
