"""Sentence lengths, summaries, readability (equal to textstat's), the guards, diversity and the charts."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import newslens  # noqa: E402
from conftest import drawn_bar_heights  # noqa: E402
from newslens import plots  # noqa: E402
from newslens.quotes import quotes  # noqa: E402
from newslens.sentences import (  # noqa: E402
    MIN_WORDS,
    extreme_sentences,
    lexical_diversity,
    readability,
    sentence_summary,
    sentence_table,
)

# Worked out by hand: words as a reader counts them ("Russia's" one word, "anti-Russian" one, "G-7" one).
BODY_WORDS = [13, 21, 57, 21, 42, 17, 21, 39, 23, 9, 14]


def test_first_article_body_word_counts(fakti):
    table = sentence_table(fakti)
    body = table[table["part"] == "body"]
    assert body["words"].tolist() == BODY_WORDS
    assert body["characters"].tolist() == [len(t) for t in body["text"]]
    assert (body["tokens"] >= body["words"]).all()
    assert table["position"].iloc[0] == 0 and table["position"].iloc[-1] == 1


def test_quoted_sentences_are_flagged(fakti):
    body = sentence_table(fakti, quotes=quotes(fakti)).query("part == 'body'")
    quoted = body["has_quote"].tolist()
    assert quoted[2] and quoted[3]  # "Unfortunately ..." and „In such conditions ..."
    assert not quoted[0] and not quoted[-1]


def test_sentence_table_runs_no_quote_extractor():
    """Without a quotes table, has_quote comes from paired quotation marks alone: no spaCy, no
    attribution, and a scare quote counts (no cue needed)."""
    article = newslens.article_from_text('Rain fell. The "storm of the decade" came. Nobody spoke.')
    assert sentence_table(article)["has_quote"].tolist() == [False, True, False]
    assert not article.has_tables("quotes", "entity_mentions")  # nothing ran behind the caller's back
    attributed = sentence_table(article, quotes=quotes(article))
    assert attributed["has_quote"].tolist() == [False, False, False]  # no cue: not an attributed quotation


def test_sentence_table_of_a_corpus_gives_each_article_its_own_quotes(fakti, wikinews):
    both = sentence_table([fakti, wikinews], quotes=quotes([fakti, wikinews]))
    alone = sentence_table(wikinews, quotes=quotes(wikinews))
    pd.testing.assert_frame_equal(both[both["article_id"] == wikinews.id].reset_index(drop=True), alone)
    assert sentence_table([]).empty  # an empty corpus: an empty table, as every analysis gives


def test_summary_per_part_and_overall(fakti):
    table = sentence_table(fakti)
    summary = sentence_summary(table).set_index("part")
    body = summary.loc["body"]
    assert body["count"] == 11
    assert body["mean"] == pytest.approx(sum(BODY_WORDS) / 11)
    assert body["median"] == 21 and body["min"] == 9 and body["max"] == 57
    assert body["q1"] == pytest.approx(15.5) and body["q3"] == pytest.approx(31.0)
    overall = sentence_summary(table[table["part"] == "body"], by=None).iloc[0]
    assert overall["count"] == 11
    per_paragraph = sentence_summary(table, by="paragraph")
    assert per_paragraph.set_index("paragraph").loc[11, "count"] == 3


def test_extremes(fakti):
    ext = extreme_sentences(sentence_table(fakti).query("part == 'body'"), n=1)
    assert ext.iloc[0]["which"] == "longest" and ext.iloc[0]["words"] == 57
    assert ext.iloc[1]["which"] == "shortest" and ext.iloc[1]["text"].startswith("Additional sanctions")


def test_readability_equals_textstat(fakti):
    import textstat

    body = "\n\n".join(fakti.body)
    table = readability(fakti).set_index("measure")
    for measure in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "coleman_liau_index",
                    "automated_readability_index"):
        assert table.loc[measure, "value"] == pytest.approx(getattr(textstat, measure)(body))
        assert table.loc[measure, "warning"] == ""
    assert math.isnan(table.loc["smog_index", "value"]) and "30" in table.loc["smog_index", "warning"]
    assert table.loc["reading_time_min", "value"] == pytest.approx(round(sum(BODY_WORDS) / 238, 2))


def test_readability_guards_short_and_non_english_text():
    short = newslens.article_from_text("The cat sat on the mat. It was happy.")
    t = readability(short).set_index("measure")
    assert math.isnan(t.loc["flesch_reading_ease", "value"])
    assert t.loc["flesch_reading_ease", "warning"].startswith(f"too short: 9 words, the formula needs at least {MIN_WORDS}")
    russian = newslens.article_from_text(("Москва ответит жестко на враждебные шаги Токио. " * 30).strip())
    r = readability(russian).set_index("measure")
    assert math.isnan(r.loc["gunning_fog", "value"]) and r.loc["gunning_fog", "warning"].startswith("not English")


def test_lexical_diversity_matches_lexicalrichness(fakti):
    from lexicalrichness import LexicalRichness

    words = fakti.tokens.query("is_word and part in ['headline', 'standfirst', 'body']")["lower"].tolist()
    lex = LexicalRichness(words, preprocessor=None, tokenizer=None)
    table = lexical_diversity(fakti).set_index("measure")["value"]
    assert table["ttr"] == pytest.approx(len(set(words)) / len(words))
    assert table["mattr"] == pytest.approx(lex.mattr(window_size=50))
    assert table["mtld"] == pytest.approx(lex.mtld(threshold=0.72))
    tiny = lexical_diversity(newslens.article_from_text("One two three.")).set_index("measure")
    assert math.isnan(tiny.loc["mattr", "value"]) and "too short" in tiny.loc["mattr", "warning"]


def test_several_articles_side_by_side(fakti, wikinews):
    both = sentence_table([fakti, wikinews])
    assert set(both["article_id"]) == {fakti.id, wikinews.id}
    summary = sentence_summary(both[both["part"] == "body"], by="part")
    assert summary["article_id"].tolist() == [fakti.id, wikinews.id]


@pytest.mark.parametrize(
    "draw",
    [
        lambda t: plots.plot_length_histogram(t),
        lambda t: plots.plot_sentence_lengths(t[t["article_id"] == t["article_id"].iloc[0]], color_by="has_quote"),
        lambda t: plots.plot_sentence_lengths(t[t["article_id"] == t["article_id"].iloc[0]], color_by="paragraph"),
        lambda t: plots.plot_length_box(t, by="part"),
        lambda t: plots.plot_length_box(t, by="article_id"),
    ],
    ids=["histogram", "order-quotes", "order-paragraphs", "box-part", "box-articles"],
)
def test_sentence_charts(fakti, wikinews, draw):
    import matplotlib.pyplot as plt

    ax = draw(sentence_table([fakti, wikinews]))
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)


def test_sentence_charts_draw_the_table(fakti, wikinews):
    import matplotlib.pyplot as plt

    table = sentence_table(fakti, quotes=quotes(fakti))
    ax = plots.plot_sentence_lengths(table, color_by="has_quote")
    assert drawn_bar_heights(ax) == table["words"].tolist()
    red = [b.get_facecolor()[:3] == matplotlib.colors.to_rgb("#d62728") for c in ax.containers for b in c]
    assert red == table["has_quote"].tolist()
    body = table[table["part"] == "body"]  # the bars stand at the sentence numbers of the table, not at 0, 1, 2, ...
    ax = plots.plot_sentence_lengths(body, color_by="has_quote")
    centres = [round(b.get_x() + b.get_width() / 2) for c in ax.containers for b in c]
    assert centres == body["sentence"].tolist() and centres[0] > 1
    ax = plots.plot_length_histogram(table)
    assert sum(drawn_bar_heights(ax)) == len(table)
    both = sentence_table([fakti, wikinews])
    ax = plots.plot_length_box(both, by="article_id")
    assert [t.get_text() for t in ax.get_yticklabels()] == [fakti.id, wikinews.id]
    plt.close("all")


def test_cli_stats_and_readability(capsys):
    import json

    from newslens.cli import main
    from newslens.paths import FIRST_ARTICLE

    assert main(["sentences", str(FIRST_ARTICLE), "--stats", "--format", "json", "--part", "body"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{**rows[0], "part": "body", "count": 11, "median": 21.0, "max": 57.0}]
    assert main(["readability", str(FIRST_ARTICLE), "--format", "json"]) == 0
    measures = {r["measure"] for r in json.loads(capsys.readouterr().out)}
    assert {"flesch_reading_ease", "smog_index", "reading_time_min", "mattr", "mtld"} <= measures


def test_one_type_token_ratio_per_scope_and_the_scope_is_named(fakti):
    from newslens.frequencies import lexical_stats

    for parts in (["body"], ["headline", "standfirst", "body"]):
        stats = lexical_stats(fakti, parts=parts).iloc[0]
        diversity = lexical_diversity(fakti, parts=parts).set_index("measure")
        assert diversity.loc["ttr", "value"] == pytest.approx(stats["ttr"])
        assert stats["parts"] == diversity.loc["ttr", "parts"] == ", ".join(parts)
    body = lexical_diversity(fakti, parts=["body"]).set_index("measure").loc["ttr", "value"]
    whole = lexical_diversity(fakti).set_index("measure").loc["ttr", "value"]
    assert body != whole  # the two scopes differ, which is why each row names its own
    assert set(readability(fakti)["parts"]) == {"body"}
