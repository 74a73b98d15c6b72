"""Word frequencies, stopwords, n-grams, collocations, keyness, concordance and the frequency charts."""

from __future__ import annotations

import math

import matplotlib
import pytest

matplotlib.use("Agg")

import newslens  # noqa: E402
from conftest import drawn_bar_heights, drawn_barh  # noqa: E402
from newslens import InvalidArgument, plots  # noqa: E402
from newslens.frequencies import (  # noqa: E402
    collocations,
    concordance,
    dispersion,
    keyness,
    lexical_stats,
    word_frequencies,
)
from newslens.stopwords import add_stopwords, get_stopwords, remove_stopwords, reset_stopwords  # noqa: E402
from newslens.tokenize import reader_words  # noqa: E402

HAND = newslens.article_from_text(
    "Cats and dogs\n\nThe cat sat. The cat ran! A dog barked at the cat. Dogs bark.", article_id="hand"
)


@pytest.fixture(autouse=True)
def _clean_session_stopwords():
    reset_stopwords()
    yield
    reset_stopwords()


def counts(table):
    return dict(zip(table["term"], table["count"]))


def test_first_article_counts(fakti):
    c = counts(word_frequencies(fakti))
    assert (c["tokyo"], c["moscow"], c["japan"], c["sanctions"], c["federation"]) == (5, 3, 3, 4, 4)
    assert "the" not in c and "fakti" not in c and "80" not in c  # stopwords, site line and dateline are out


def test_hand_made_counts():
    table = word_frequencies(HAND)
    assert counts(table) == {"cat": 3, "cats": 1, "dogs": 2, "dog": 1, "sat": 1, "ran": 1, "barked": 1, "bark": 1}
    assert table.iloc[0]["term"] == "cat" and table.iloc[0]["rank"] == 1
    assert table.set_index("term").loc["dogs", "rank"] == 2
    assert table.set_index("term").loc["cat", "per_1000"] == pytest.approx(3 / 17 * 1000, abs=1e-3)
    assert table.set_index("term").loc["cats", "parts"] == "headline"
    assert counts(word_frequencies(HAND, stopwords=False))["the"] == 3


def test_stopword_overrides_per_call_and_session():
    assert "cat" not in counts(word_frequencies(HAND, add_stopwords=["cat"]))
    assert counts(word_frequencies(HAND, remove_stopwords=["the"]))["the"] == 3
    add_stopwords(["dog"])
    assert "dog" in get_stopwords() and "dog" not in counts(word_frequencies(HAND))
    remove_stopwords(["the", "dog"])
    assert counts(word_frequencies(HAND))["the"] == 3 and counts(word_frequencies(HAND))["dog"] == 1
    reset_stopwords()
    assert "the" in get_stopwords()


def test_stems_and_lemmas_show_their_forms():
    stems = word_frequencies(HAND, normalize="stem").set_index("term")
    assert stems.loc["cat", "count"] == 4 and stems.loc["cat", "forms"] == "cat, cats"
    assert word_frequencies(HAND, normalize="stem", stemmer="porter").set_index("term").loc["bark", "count"] == 2
    lemmas = word_frequencies(HAND, normalize="lemma").set_index("term")
    assert lemmas.loc["run", "forms"] == "ran" and lemmas.loc["sit", "forms"] == "sat"
    assert lemmas.loc["bark", "count"] == 2 and lemmas.loc["bark", "forms"] == "bark, barked"


def test_ngrams_stay_within_sentences():
    bigrams = counts(word_frequencies(HAND, ngram=2, stopwords=False))
    assert bigrams["the cat"] == 3
    assert "sat the" not in bigrams and "ran a" not in bigrams  # "sat. The", "ran! A": across sentence ends
    assert counts(word_frequencies(HAND, ngram=2)) == {"cat sat": 1, "cat ran": 1, "dog barked": 1, "dogs bark": 1}
    assert "the cat sat" in counts(word_frequencies(HAND, ngram=3, stopwords=False))
    with pytest.raises(InvalidArgument, match="ngram=4"):
        word_frequencies(HAND, ngram=4)


def test_collocation_scores_equal_nltk(fakti):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    table = collocations(fakti, min_count=2).set_index("term")
    words = fakti.tokens[fakti.tokens["part"].isin(["headline", "standfirst", "body"]) & fakti.tokens["is_word"]]
    finder = BigramCollocationFinder.from_documents([s["lower"].tolist() for _, s in words.groupby("sentence")])
    finder.apply_freq_filter(2)
    stops = get_stopwords()
    finder.apply_word_filter(lambda w: w in stops)
    m = BigramAssocMeasures
    for gram, score in finder.score_ngrams(m.likelihood_ratio):
        row = table.loc[" ".join(gram)]
        assert row["llr"] == pytest.approx(score)
        assert row["pmi"] == pytest.approx(finder.score_ngram(m.pmi, *gram))
        assert row["t_score"] == pytest.approx(finder.score_ngram(m.student_t, *gram))
    assert table.index[0] == "russian federation" and table.iloc[0]["count"] == 4


def test_keyness_ranks_the_distinctive_word_first():
    article = newslens.article_from_text(
        "The zorblax rose. The people saw the zorblax and the city. The zorblax left the city."
    )
    key = keyness(article)
    assert key.iloc[0]["term"] == "zorblax"
    assert key.iloc[0]["g2"] > 0 and not key.iloc[0]["in_reference"]
    reference = newslens.article_from_text("The city saw people. The people left the city for the city.")
    against = keyness(article, reference=reference)
    assert against.iloc[0]["term"] == "zorblax"
    row = against.iloc[0]
    assert row["log_ratio"] == pytest.approx(math.log2((3 / 16) / (0.5 / 12)))
    assert row["g2"] == pytest.approx(2 * 3 * math.log(3 / (16 * 3 / 28)))  # the reference has 0
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(row["g2"] / 2)))


def test_keyness_g2_matches_the_formula(fakti):
    row = keyness(fakti).set_index("term").loc["tokyo"]
    a, c, d = 5, 302, 1_000_000_000
    b = row["ref_per_1000"] * d / 1000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert row["g2"] == pytest.approx(2 * (a * math.log(a / e1) + b * math.log(b / e2)))


def test_concordance_offsets_and_phrases(fakti):
    kwic = concordance(fakti, "sanctions")
    assert len(kwic) == 4
    for row in kwic.itertuples():
        assert fakti.text[row.start : row.end].lower() == "sanctions"
    assert kwic.iloc[0]["part"] == "standfirst"
    assert kwic.iloc[1]["right"].startswith("against Moscow")
    phrase = concordance(fakti, "Russian Federation")
    assert len(phrase) == 4 and (phrase["keyword"] == "Russian Federation").all()


def test_dispersion_and_lexical_stats(fakti):
    disp = dispersion(fakti, ["sanctions", "Tokyo", "Moscow"])
    assert disp.groupby("term").size().to_dict() == {"Moscow": 3, "Tokyo": 5, "sanctions": 4}
    stats = lexical_stats(HAND).iloc[0]
    assert (stats["words"], stats["types"]) == (17, 12)
    assert stats["ttr"] == pytest.approx(12 / 17)
    assert stats["hapaxes"] == 9  # cats, and, sat, ran, a, dog, barked, at, bark


@pytest.mark.parametrize(
    "draw",
    [
        lambda a: plots.plot_top_terms(word_frequencies(a), n=10),
        lambda a: plots.plot_top_terms(word_frequencies(a, by="part"), n=10),
        lambda a: plots.plot_top_terms(word_frequencies(a, by="pos"), n=10),
        lambda a: plots.plot_dispersion(dispersion(a, ["sanctions", "Tokyo"])),
        lambda a: plots.plot_keyness(keyness(a)),
        lambda a: plots.plot_wordcloud(word_frequencies(a)),
        lambda a: plots.plot_words_per_paragraph(a.tokens),
    ],
    ids=["top", "top-by-part", "top-by-pos", "dispersion", "keyness", "wordcloud", "words-per-paragraph"],
)
def test_every_chart_returns_a_titled_labelled_axes(fakti, draw, tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    ax = draw(fakti)
    assert isinstance(ax, Axes)
    assert ax.get_title() and ax.get_xlabel()
    if "cloud" not in ax.get_title().lower():
        assert ax.get_ylabel()
    written = plots.save_figure(ax, tmp_path / "chart", formats=("png", "svg"))
    assert all(p.stat().st_size > 0 for p in written)
    plt.close(ax.figure)


def test_top_terms_puts_the_largest_on_top(fakti):
    freq = word_frequencies(fakti)
    ax = plots.plot_top_terms(freq, n=5)
    assert drawn_barh(ax) == list(zip(freq["term"].head(5), freq["count"].head(5).astype(float)))
    assert drawn_barh(ax)[0][0] == "russian"


def test_charts_draw_the_table(fakti):
    import matplotlib.pyplot as plt

    by_part = word_frequencies(fakti, by="part")
    totals = by_part.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable").head(8)
    ax = plots.plot_top_terms(by_part, n=8)
    assert dict(drawn_barh(ax)) == totals.astype(float).to_dict()
    key = keyness(fakti)
    ax = plots.plot_keyness(key, n=5)
    shown = dict(drawn_barh(ax))
    assert len(shown) == min(5, (key["g2"] > 0).sum()) + min(5, (key["g2"] < 0).sum())
    assert all(shown[t] == pytest.approx(g) for t, g in zip(key["term"], key["g2"]) if t in shown)
    ax = plots.plot_words_per_paragraph(fakti.tokens)
    assert drawn_bar_heights(ax) == fakti.paragraphs["paragraph"].map(
        reader_words(fakti.tokens).groupby("paragraph").size()).dropna().tolist()
    disp = dispersion(fakti, ["sanctions", "Tokyo"])
    ax = plots.plot_dispersion(disp)
    assert [len(line.get_xdata()) for line in ax.lines if line.get_marker() == "|"] == [4, 5]
    plt.close("all")


def test_cli_words_json(capsys):
    import json

    from newslens.cli import main
    from newslens.paths import FIRST_ARTICLE

    assert main(["words", str(FIRST_ARTICLE), "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["term"] for r in rows] == ["russian", "tokyo", "federation"]
    assert set(rows[0]) >= {"term", "count", "per_1000", "rank"}
    assert main(["concordance", str(FIRST_ARTICLE), "russian", "federation", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 5
    assert main(["keywords", str(FIRST_ARTICLE), "--top", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["term"] == "tokyo"
