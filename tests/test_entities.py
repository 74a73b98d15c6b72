"""Entity mentions: the first article's entities, canonical names, aliases, safe HTML, NLTK trees, charts."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import newslens  # noqa: E402
from conftest import drawn_barh, modules_after  # noqa: E402
from newslens import ArticleError, plots  # noqa: E402
from newslens.entities import (  # noqa: E402
    canonicalize,
    cooccurrence,
    entity_mentions,
    entity_summary,
    load_aliases,
    mentions_from_tree,
)
from newslens.errors import InvalidArgument, MissingData  # noqa: E402
from newslens.frequencies import word_frequencies  # noqa: E402
from newslens.layouts import COUNTED_PARTS  # noqa: E402
from newslens.paths import DATA_DIR  # noqa: E402
from newslens.render import render_entities_html  # noqa: E402
from newslens.style import label_name  # noqa: E402

EXPECTED_BODY = {
    ("Andrei Rudenko", "PERSON"): 2, ("Vladimir Putin", "PERSON"): 1, ("Takeshi Iwaya", "PERSON"): 1,
    ("Tokyo", "GPE"): 4, ("Moscow", "GPE"): 2, ("Japan", "GPE"): 2,
    ("Russia", "GPE"): 1 + 4,  # with "the Russian Federation" (4), merged by the shipped table of variants
    ("North Korea", "GPE"): 1, ("Pyongyang", "GPE"): 1,
    ("Europe", "LOC"): 1, ("Asia", "LOC"): 1,
    ("TASS", "ORG"): 1, ("Valdai Club", "ORG"): 1, ("Japanese Foreign Ministry", "ORG"): 1, ("NHK", "ORG"): 1,
    ("G-7", "ORG"): 1,
    ("Japanese", "NORP"): 2, ("Russian", "NORP"): 1, ("anti-Russian", "NORP"): 1,
    ("November 7", "DATE"): 1,
}


@pytest.fixture(scope="module")
def mentions(fakti):
    return entity_mentions(fakti)


def test_first_article_body_entities_exactly(mentions):
    body = entity_summary(mentions[mentions["part"] == "body"])
    got = {(r.entity, r.label): r.mentions for r in body.itertuples()}
    assert got == EXPECTED_BODY


def test_offsets_and_tokens_line_up(fakti, mentions):
    for row in mentions.itertuples():
        assert fakti.text[row.start : row.end] == row.text
        toks = fakti.tokens.iloc[row.token_start : row.token_end]
        assert toks["start"].iloc[0] == row.start and toks["end"].iloc[-1] == row.end


def test_metadata_is_not_prose(fakti, mentions):
    assert not set(mentions["part"]) & {"outlet", "dateline", "caption"}  # the counted parts only, by default
    assert "Fakti" not in set(mentions["text"])
    with_caption = entity_mentions(fakti, parts=(*COUNTED_PARTS, "caption"))
    caption = with_caption[with_caption["part"] == "caption"]
    assert caption["text"].tolist() == ["Moscow", "Tokyo"]  # the "- 1" numbering is not an entity


def test_entities_and_words_count_the_same_parts(fakti, mentions):
    """One scope for every count: a name is mentioned as often as its word occurs (issue 13: Tokyo
    was 6 as an entity, counting the photo caption, and 5 as a word, not counting it)."""
    words = word_frequencies(fakti).set_index("term")["count"]
    summary = entity_summary(mentions).set_index("entity")["mentions"]
    for name in ("Tokyo", "Moscow"):
        assert summary[name] == words[name.lower()]
    assert mentions.attrs["scope"] == word_frequencies(fakti).attrs["scope"] == COUNTED_PARTS


def test_canonical_rules():
    raw = pd.DataFrame(
        {
            "text": ["Andrei Rudenko", "Rudenko", "the Valdai Club", "Valdai Club's", "VALDAI CLUB",
                     "Andrei"],
            "label": ["PERSON", "PERSON", "ORG", "GPE", "GPE", "PERSON"],
        }
    ).assign(part="body", paragraph=0, sentence=0, start=0, end=1, token_start=0, token_end=1, source="test",
             article_id="t")
    out = canonicalize(raw)
    assert out["canonical"].tolist() == ["Andrei Rudenko", "Andrei Rudenko"] + ["Valdai Club"] * 3 + ["Andrei Rudenko"]
    assert set(out.loc[out["canonical"] == "Valdai Club", "label"]) == {"GPE"}  # one label: the majority
    aliased = canonicalize(raw, aliases={"Valdai Club": "Valdai Discussion Club"})
    assert set(aliased["canonical"]) == {"Andrei Rudenko", "Valdai Discussion Club"}


def test_ambiguous_surname_is_left_alone():
    raw = pd.DataFrame({"text": ["John Smith", "Mary Smith", "Smith"], "label": ["PERSON"] * 3}).assign(
        part="body", paragraph=0, sentence=0, start=0, end=1, token_start=0, token_end=1, source="t", article_id="t"
    )
    assert canonicalize(raw)["canonical"].tolist() == ["John Smith", "Mary Smith", "Smith"]


def test_alias_file(fakti, tmp_path):
    example = DATA_DIR / "aliases" / "countries-and-blocs.csv"
    summary = entity_summary(entity_mentions(fakti, aliases=example)).set_index("entity")
    assert summary.loc["Russia", "mentions"] == 4 + 1 + 4  # Russia, Moscow, Russian Federation (headline, standfirst, body)
    assert "Russian Federation" not in summary.index
    bad = tmp_path / "bad.csv"
    bad.write_text("name,target\nA,B\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="needs a header row 'alias,canonical'"):
        load_aliases(bad)
    with pytest.raises(ArticleError, match="alias table not found"):
        load_aliases(tmp_path / "missing.csv")


def test_malicious_article_renders_safely():
    evil = newslens.article_from_text(
        'Hackers strike\n\nJohn <script>alert("x")</script> Smith met <img src=x onerror=alert(1)> Mary Jones in Paris. '
        "Smith said Jones & Co. left."
    )
    html = render_entities_html(evil, entity_mentions(evil))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(" in html
    assert "<mark" in html


def test_nltk_tree_conversion():
    from nltk.tree import Tree

    tree = Tree("S", [
        ("On", "IN"), Tree("GPE", [("Tokyo", "NNP")]), (",", ","),
        Tree("PERSON", [("Takeshi", "NNP"), ("Iwaya", "NNP")]), ("met", "VBD"),
        Tree("ORGANIZATION", [("NHK", "NNP")]), ("in", "IN"), Tree("GSP", [("Asia", "NNP")]),
        Tree("LOCATION", [("Europe", "NNP")]), Tree("FACILITY", [("Valdai", "NNP"), ("Club", "NNP")]),
    ])
    assert mentions_from_tree(tree) == [
        (1, 2, "GPE"), (3, 5, "PERSON"), (6, 7, "ORG"), (8, 9, "GPE"), (9, 10, "LOC"), (10, 12, "FAC"),
    ]


def test_nltk_backend_names_the_downloads(fakti, monkeypatch, tmp_path):
    import nltk.data

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(MissingData, match=r"nltk\.download\('maxent_ne_chunker_tab'\)"):
        entity_mentions(fakti, backend="nltk")
    with pytest.raises(InvalidArgument, match="backend='stanza'"):
        entity_mentions(fakti, backend="stanza")


def test_importing_newslens_does_not_import_spacy():
    code = ("import newslens, newslens.paths, newslens.frequencies, newslens.entities\n"
            "newslens.load_article(newslens.paths.FIRST_ARTICLE).tokens")
    assert "spacy" not in modules_after(code)


def test_cooccurrence(mentions):
    pairs = cooccurrence(mentions)
    row = pairs[(pairs["source"] == "Moscow") & (pairs["target"] == "Tokyo")]
    assert row["sentences"].item() == 3  # headline, Iwaya's and NHK's sentences (the caption is not counted)
    assert not ((pairs["source"] == "November 7") | (pairs["target"] == "November 7")).any()


@pytest.mark.parametrize(
    "draw",
    [
        lambda m: plots.plot_entity_mentions(entity_summary(m)),
        lambda m: plots.plot_label_breakdown(m),
        lambda m: plots.plot_entity_timeline(m),
        lambda m: plots.plot_cooccurrence_network(cooccurrence(m), entity_summary(m)),
    ],
    ids=["mentions", "labels", "timeline", "network"],
)
def test_entity_charts(mentions, draw):
    import matplotlib.pyplot as plt

    ax = draw(mentions)
    assert ax.get_title() and ax.get_xlabel()
    plt.close(ax.figure)


def test_entity_charts_draw_the_table(mentions):
    import matplotlib.pyplot as plt

    summary = entity_summary(mentions)
    ax = plots.plot_entity_mentions(summary, n=6)
    assert drawn_barh(ax) == list(zip(summary["entity"].head(6), summary["mentions"].head(6).astype(float)))
    ax = plots.plot_label_breakdown(mentions)
    assert dict(drawn_barh(ax)) == {label_name(k): float(v) for k, v in mentions["label"].value_counts().items()}
    assert "Country, city or state" in dict(drawn_barh(ax))  # labels in words, not GPE
    assert all(float(t).is_integer() for t in ax.get_xticks())  # counts: whole-number ticks
    ax = plots.plot_entity_timeline(mentions, n=5)
    kept = [t.get_text() for t in ax.get_yticklabels()]
    assert len(kept) == 5 and sum(len(c.get_offsets()) for c in ax.collections) == mentions["canonical"].isin(kept).sum()
    pairs = cooccurrence(mentions)
    ax = plots.plot_cooccurrence_network(pairs, summary)
    names = {t.get_text() for t in ax.texts}
    assert names == set(pairs["source"]) | set(pairs["target"])
    plt.close("all")


def test_cli_entities_summary_json(capsys):
    import json

    from newslens.cli import main
    from newslens.paths import FIRST_ARTICLE

    assert main(["entities", str(FIRST_ARTICLE), "--summary", "--part", "body", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"entity", "label", "mentions"} <= set(rows[0])
    assert {(r["entity"], r["label"]): r["mentions"] for r in rows} == EXPECTED_BODY


def test_amounts_are_never_names():
    text = ("Bank sells unit for £347m\n\nThe deal is worth £5.5bn to Barclays. Rivals paid £120m and £2bn last year. "
            "Chelsea bought him for £40m.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="amounts"))
    amounts = mentions[mentions["text"].str.contains(r"\d")]
    assert set(amounts["text"]) >= {"£347m", "£5.5bn", "£120m"}  # the model tags these ORG and GPE on its own
    assert set(amounts["label"]) <= {"MONEY", "CARDINAL", "DATE"}
    assert set(amounts.loc[amounts["text"].str.startswith("£"), "label"]) == {"MONEY"}


def test_an_honorific_does_not_keep_a_person_apart():
    text = ("Envoy criticises talks\n\nIrene Khan, a lawyer, spoke in Geneva on Monday. Ms Khan said the talks had failed. "
            "\"We are ready,\" said Ms Musselman. Cynthia Musselman runs the office. Dr. Alan Reed agreed.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="titles"))
    people = mentions[mentions["label"] == "PERSON"].set_index("text")["canonical"].to_dict()
    assert people["Ms Khan"] == "Irene Khan" and people["Ms Musselman"] == "Cynthia Musselman"


def test_common_variants_merge_by_default_and_the_users_table_wins():
    text = ("Trade talks stall\n\nBritain and the EU met in Brussels. The UK said the European Union wanted more. "
            "BBC News reported that the BBC had asked the United States and the US Treasury.")
    article = newslens.article_from_text(text, article_id="variants")
    mentions = entity_mentions(article)
    canonical = {t.removeprefix("the "): c for t, c in zip(mentions["text"], mentions["canonical"])}
    assert canonical["Britain"] == canonical["UK"] == "United Kingdom"
    assert canonical["EU"] == canonical["European Union"] == "European Union"
    assert canonical["BBC News"] == canonical["BBC"] == "BBC"
    own = {t.removeprefix("the "): c for t, c in entity_mentions(article, aliases={"Britain": "Britain"})[["text", "canonical"]]
           .itertuples(index=False)}
    assert own["Britain"] == "Britain" and own["UK"] == "United Kingdom"
    from newslens.entities import default_aliases

    assert default_aliases()["u.s."] == "United States" and "moscow" not in default_aliases()


def test_a_common_first_name_finds_a_person_the_model_missed():
    from newslens.mention_rules import _add_first_name_people

    words = "Later Ingrid Vasquez met Victoria Station staff , the Jane The Virgin cast and Ingrid Vasquez".split()
    model = [(14, 16, "PERSON", "spacy")]  # the model found the second mention only
    added = [s for s in _add_first_name_people(words, model) if s[3] == "first name"]
    assert added == [(1, 3, "PERSON", "first name")]  # not a station, not "Jane The", not the covered one


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Fort Lee\n\nFort Lee is a city in Bergen County. Fort Lee is a small town but is piled high with apartment "
         "buildings.", "Fort Lee", "GPE"),
        ("Square\n\nThe city has a big square. Naqsh-e Jahan Square is the heart of the city, and Jahan Square is busy "
         "at night.", "Jahan Square", "FAC"),
        ("Desert\n\nPhoenix lies in the Sonoran Desert, where the Salt and Verde Rivers meet.", "Verde Rivers", "LOC"),
    ],
    ids=["fort", "square", "rivers"],
)
def test_a_name_that_says_it_is_a_place_is_no_person(text, name, label):
    mentions = entity_mentions(newslens.article_from_text(text, article_id="place"), numeric=False)
    assert "PERSON" not in mentions["label"].tolist()
    assert set(mentions.loc[mentions["text"] == name, "label"]) == {label}


def test_a_surname_that_is_also_a_place_word_stays_a_person():
    from newslens.mention_rules import _label_from_name

    words = "Michael Park and Marc Lamont Hill met at Cliffside Park .".split()
    assert _label_from_name(words, (0, 2, "PERSON", "spacy")) == (0, 2, "PERSON", "spacy")
    assert _label_from_name(words, (3, 6, "PERSON", "spacy")) == (3, 6, "PERSON", "spacy")
    assert _label_from_name(words, (8, 10, "PERSON", "spacy")) == (8, 10, "FAC", "spacy")
    # a plural landform word is a place ("Niagara Falls", "Verde Rivers"), a surname after a first name is not
    assert [_label_from_name(w.split(), (0, 2, "PERSON", "spacy"))[2] for w in
            ("Niagara Falls", "Englewood Cliffs", "Verde Rivers", "Joan Rivers")] == ["LOC", "LOC", "LOC", "PERSON"]


def test_a_name_cut_at_a_particle_is_whole_again():
    text = "Boss\n\nUnited boss Erik ten Hag praised his side. The painter Vincent van Gogh died in 1890."
    mentions = entity_mentions(newslens.article_from_text(text, article_id="particles"), numeric=False)
    people = mentions.loc[mentions["label"] == "PERSON", "text"].tolist()
    assert "Erik ten Hag" in people and "Erik" not in people and "Vincent van Gogh" in people


def test_a_persons_first_name_alone_is_found_again():
    text = ("Studio\n\nHeaven Sent Studio was founded by Isabel Ruiz and Tom Baker in 2004.\n\n"
            "The studio is basically me and Isabel, and we draw every day.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="first-names"), numeric=False)
    alone = mentions[mentions["text"] == "Isabel"]
    assert alone[["label", "canonical"]].values.tolist() == [["PERSON", "Isabel Ruiz"]]


def test_a_first_name_the_model_tagged_as_a_place_is_not_spread_as_a_person():
    from newslens.entities import _propagate, _to_table

    article = newslens.article_from_text("Trip\n\nVictoria Lee flew to Victoria . Victoria is cold .", article_id="v")
    tokens = article.tokens[article.tokens["part"] == "body"].reset_index(drop=True)
    words = tokens["token"].tolist()
    spans = [(0, 2, "PERSON", "spacy"), (4, 5, "GPE", "spacy")]
    assert words[0:2] == ["Victoria", "Lee"] and words[4] == "Victoria"
    mentions = _propagate(article, tokens, _to_table(article, tokens, spans))
    assert mentions.loc[mentions["text"] == "Victoria", "label"].tolist() == ["GPE", "GPE"]


def test_a_mention_with_no_capital_letter_is_no_name_in_edited_prose():
    from newslens.mention_rules import _drop_lower_case

    edited = newslens.article_from_text("Isfahan\n\nThe old town has mosques. Its metro opened in 2015.", article_id="e")
    tokens = edited.tokens[edited.tokens["part"] == "body"].reset_index(drop=True)
    words = tokens["token"].tolist()
    spans = [(0, 3, "ORG", "spacy"), (4, 5, "FAC", "spacy"), (7, 8, "FAC", "spacy"), (10, 11, "DATE", "spacy")]
    assert [words[s] for s, *_ in spans] == ["The", "mosques", "metro", "2015"]
    assert _drop_lower_case(tokens, spans) == [spans[3]]  # a date kept; "The old town" is no name either
    lower = newslens.article_from_text("isfahan\n\nthe old town has mosques. its metro opened in 2015.", article_id="l")
    tokens = lower.tokens[lower.tokens["part"] == "body"].reset_index(drop=True)
    assert _drop_lower_case(tokens, spans) == spans  # a text written in lower case keeps every mention


def test_a_role_is_dropped_by_its_head_not_by_its_first_word():
    from newslens.mention_rules import _is_title

    def role(text: str) -> bool:
        words = text.split()
        return _is_title(words, (0, len(words), "ORG", "spacy"))

    assert role("the Minister of Foreign Affairs") and role("the Foreign Minister") and role("Secretary General")
    assert not any(role(name) for name in ("General Motors", "the Premier League", "the Justice Department",
                                           "King 's College", "the Brennan Center for Justice"))


def test_a_club_or_a_company_the_model_tagged_as_a_person_is_an_organisation():
    from newslens.mention_rules import _label_from_name

    labels = [_label_from_name(name.split(), (0, len(name.split()), "PERSON", "spacy"))[2]
              for name in ("Manchester United", "Acme Holdings", "Swiss People 's Party", "Joan Rivers")]
    assert labels == ["ORG", "ORG", "ORG", "PERSON"]


def test_a_surname_with_particles_is_found_and_merged_with_the_full_name():
    text = ("Man Utd sack Ten Hag\n\nManchester United have sacked Erik ten Hag after a poor start.\n\n"
            "Ten Hag, who won the FA Cup in May, is yet to comment.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="particle-surname"))
    hag = mentions[mentions["text"].str.contains("Hag")]
    assert hag["text"].tolist() == ["Ten Hag", "Erik ten Hag", "Ten Hag"]
    assert set(hag["canonical"]) == {"Erik ten Hag"} and set(hag["label"]) == {"PERSON"}
    assert "ten" not in mentions["text"].str.lower().tolist()  # the particle is no number


def test_a_platform_is_an_organisation_however_the_model_reads_it():
    from newslens.mention_rules import _add_patterns

    article = newslens.article_from_text("Row\n\nThe star took to Twitter and Instagram on Monday .", article_id="p")
    tokens = article.tokens[article.tokens["part"] == "body"].reset_index(drop=True)
    words = tokens["token"].tolist()
    assert words[4] == "Twitter" and words[6] == "Instagram"
    spans = _add_patterns(tokens, [(4, 5, "PERSON", "spacy")])  # the model read Twitter as a person, missed Instagram
    assert spans == [(4, 5, "ORG", "spacy"), (6, 7, "ORG", "pattern")]


def test_a_role_noun_introduces_a_person_the_model_missed():
    from newslens.mention_rules import _add_role_people

    words = ("He studied under the grammarian Quintus Varo , met his friend Auguste Chevalier Tuesday and the "
             "painter Bram Station and the writer Ann and the poet Lena Moss Hall Street").split()
    spans = [(13, 14, "DATE", "spacy")]  # "Tuesday"
    added = [words[s:e] for s, e, label, source in _add_role_people(words, spans) if source == "role"]
    # a date the model tagged may follow; not a station, not one word alone, not a run of four capitalised words
    assert added == [["Quintus", "Varo"], ["Auguste", "Chevalier"]]


def test_a_person_addressed_by_title_is_a_person():
    text = ("Remarks\n\nThank you, Madam Speaker. Mr. President, the members of this House thank you. "
            "Mr. Chief Justice, we are grateful. Mr Smith spoke about the President's plan.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="address"), numeric=False)
    people = mentions.loc[mentions["label"] == "PERSON", "text"].tolist()
    assert {"Madam Speaker", "Mr. President"} <= set(people)
    assert "President" not in people  # "the President's plan": a title with no form of address stays unnamed


@pytest.mark.parametrize(
    ("text", "person"),
    [("Col Oleksandr Marchenko, who leads a brigade near Pokrovsk, told the BBC his gunners were short of shells.",
      "Oleksandr Marchenko"),
     ("Maj Ifeoma Chukwu, who commands the unit, said the bridge was safe.", "Ifeoma Chukwu"),
     ("Ms Ranger said the wards were full. Dr Okafor agreed.", "Okafor")],
    ids=["rank-missed", "rank-missed-2", "title-read-as-place"],
)
def test_a_title_before_a_name_makes_it_a_person(text, person):
    mentions = entity_mentions(newslens.article_from_text("Story\n\n" + text, article_id="titles"), numeric=False)
    assert person in mentions.loc[mentions["label"] == "PERSON", "canonical"].tolist()


def test_ranks_are_stripped_before_names_merge():
    text = "Story\n\nDet Insp Jane Rowe led the search. Jane Rowe said it would go on. Lt Col Bohdan Kravets agreed."
    mentions = entity_mentions(newslens.article_from_text(text, article_id="ranks"), numeric=False)
    people = mentions.loc[mentions["label"] == "PERSON", "canonical"].tolist()
    assert people == ["Jane Rowe", "Jane Rowe", "Bohdan Kravets"]


def test_one_capitalised_word_after_a_rank_is_no_person():
    mentions = entity_mentions(newslens.article_from_text("Story\n\nShoppers in Gen Z use TikTok.", article_id="genz"),
                               numeric=False)
    assert "Z" not in mentions["text"].tolist()


def test_a_name_before_a_role_its_members_fill_is_a_club_not_a_person():
    from newslens.mention_rules import _things_by_next_noun

    words = "Kestrel beat Harrow 2-1 . Harrow boss Tom Hale was angry . Jo Cole spoke , then Cole captain Ann Bell".split()
    spans = [(0, 1, "PERSON", "spacy"), (2, 3, "PERSON", "spacy"), (5, 6, "PERSON", "spacy"), (7, 9, "PERSON", "spacy"),
             (12, 14, "PERSON", "spacy"), (17, 18, "PERSON", "spacy"), (19, 21, "PERSON", "spacy")]
    assert [words[s:e] for s, e, _, _ in spans] == [["Kestrel"], ["Harrow"], ["Harrow"], ["Tom", "Hale"], ["Jo", "Cole"],
                                                    ["Cole"], ["Ann", "Bell"]]
    sentence = [0] * 5 + [1] * 7 + [2] * 4 + [3] * 5
    labels = [label for _, _, label, _ in _things_by_next_noun(words, spans, sentence)]
    # Harrow is a club on every one-word mention; Kestrel is never seen before a role; Cole is Jo Cole's surname
    assert labels == ["PERSON", "ORG", "ORG", "PERSON", "PERSON", "PERSON", "PERSON"]


def test_a_club_named_before_its_boss_is_an_organisation_on_every_mention():
    text = ("Match\n\nBrentford equalised through Bryan Mbeumo before the break.\n\n"
            "Brentford boss Thomas Frank said his side deserved a point.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="club"), numeric=False)
    assert mentions[["text", "label"]].values.tolist() == [
        ["Brentford", "ORG"], ["Bryan Mbeumo", "PERSON"], ["Brentford", "ORG"], ["Thomas Frank", "PERSON"]]


@pytest.mark.parametrize(
    ("text", "labels"),
    [("Worshippers gathered for the Arbaeen pilgrimage. Arbaeen marks the end of mourning.", ["EVENT", "EVENT"]),
     ("She studied at Rice before moving. Rice University gave her a post.", ["ORG", "ORG"]),
     ("Lena went to Eton, then left Eton College at 16.", ["PERSON", "ORG", "ORG"]),
     ("Johannes Kepler was an astronomer. The Kepler telescope found planets.", ["PERSON", "PERSON"])],
    ids=["event", "university", "school", "surname-stays"],
)
def test_a_noun_after_a_name_says_what_it_is(text, labels):
    mentions = entity_mentions(newslens.article_from_text("Story\n\n" + text, article_id="things"), numeric=False)
    assert mentions["label"].tolist() == labels


def test_an_acronym_the_article_defines_is_an_alias_of_its_name():
    text = ("News\n\nAccording to the Korean Central News Agency (KCNA), troops were told to prepare. "
            "KCNA said the order was final. Christoph Blocher (AFP) spoke.\n\nThe Office for Democratic "
            "Institutions and Human Rights (ODIHR) sent observers. ODIHR said the vote was free.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="acronym"), numeric=False)
    agency = mentions[mentions["text"] == "KCNA"]
    assert len(agency) == 2 and set(agency["canonical"]) == {"Korean Central News Agency"}
    office = mentions[mentions["text"] == "ODIHR"]  # a leading "The" is no initial
    assert len(office) == 2 and set(office["canonical"]) == {"Office for Democratic Institutions and Human Rights"}
    assert mentions.loc[mentions["canonical"] == "Christoph Blocher", "text"].tolist() == ["Christoph Blocher"]  # a credit


def test_a_persons_name_alone_that_the_model_called_a_thing_is_the_person():
    text = ("Match\n\nCole Palmer scored twice. Enzo Maresca's side have now won seven games in a row.\n\n"
            '"Cole is a special player, but the team is the star," Maresca said.')
    mentions = entity_mentions(newslens.article_from_text(text, article_id="thing-person"), numeric=False)
    rows = mentions[mentions["text"].isin(["Cole", "Maresca"])]
    assert rows[["text", "canonical", "label"]].values.tolist() == [
        ["Cole", "Cole Palmer", "PERSON"], ["Maresca", "Enzo Maresca", "PERSON"]]


def test_a_name_given_in_full_as_a_person_stays_a_person_whatever_its_surname_alone_was_tagged():
    text = ("Senator wants Trump barred\n\nA senator in Manila wants Donald Trump barred from the islands. Trump "
            "has a tower in the capital. Trump said the plan was silly, and Trump aides laughed.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="full-name"), numeric=False)
    trump = mentions[mentions["canonical"] == "Donald Trump"]
    assert len(trump) >= 4 and set(trump["label"]) == {"PERSON"}


def test_an_organisation_cut_at_its_and_is_whole():
    text = "Nurse struck off\n\nThe Nursing and Midwifery Council said the nurse had been suspended."
    mentions = entity_mentions(newslens.article_from_text(text, article_id="and-name"), numeric=False)
    assert "Nursing and Midwifery Council" in mentions["canonical"].tolist()


@pytest.mark.parametrize(
    ("text", "whole", "apart"),
    [("Avon and Somerset Police said a woman had been arrested.", ["Avon and Somerset Police"], []),
     ("Devon and Cornwall Police said the road would reopen.", ["Devon and Cornwall Police"], []),
     ("Texas and Apple said they would appeal.", [], ["Texas", "Apple"])],
    ids=["untagged-place", "place-tagged-person", "company-stays-apart"],
)
def test_a_public_body_named_for_two_places_is_one_name(text, whole, apart):
    mentions = entity_mentions(newslens.article_from_text("Arrest\n\n" + text, article_id="two-places"), numeric=False)
    names = mentions["canonical"].tolist()
    assert all(name in names for name in whole + apart), names
    assert len(names) == len(whole) + len(apart), names


@pytest.mark.parametrize(
    ("text", "expected"),
    [('Arsenal have signed Martin Zubimendi.\n\n"I\'m very happy to be here," Zubimendi told the club\'s website.',
      ("Zubimendi", "Martin Zubimendi", "PERSON")),
     ('Manager Mikel Arteta said the midfielder was "an outstanding player".', ("Mikel Arteta", "Mikel Arteta", "PERSON")),
     ("The charity Age UK said the cuts were cruel.", ("Age UK", "Age UK", "ORG")),
     ("Campaign group Greenpeace UK said the plan was weak.", ("Greenpeace UK", "Greenpeace UK", "ORG"))],
    ids=["lower-case-end", "capitalised-role", "charity-uk", "campaign-group"],
)
def test_a_name_is_read_whole_and_no_further(text, expected):
    mentions = entity_mentions(newslens.article_from_text("Story\n\n" + text, article_id="whole"), numeric=False)
    assert expected in [tuple(r) for r in mentions[["text", "canonical", "label"]].values.tolist()]


def test_a_name_after_an_organisation_word_that_is_a_persons_stays_a_person():
    mentions = entity_mentions(newslens.article_from_text(
        "Party\n\nThe party Leader Keir Starmer spoke. The firm Tesla said nothing.", article_id="intro"), numeric=False)
    assert mentions[["text", "label"]].values.tolist() == [["Keir Starmer", "PERSON"], ["Tesla", "ORG"]]


def test_a_club_the_model_missed_is_found_before_the_role_it_gives_a_member():
    text = ("Signing\n\nArsenal have completed the signing of Martin Zubimendi.\n\nFormer Arsenal captain Tony Adams "
            "said the signing showed ambition. Interim manager Ann Lee agreed.")
    mentions = entity_mentions(newslens.article_from_text(text, article_id="club-role"), numeric=False)
    assert mentions.loc[mentions["text"] == "Arsenal", "label"].tolist() == ["ORG", "ORG"]
    assert "Interim" not in mentions["text"].tolist()


@pytest.mark.parametrize(
    ("text", "short"),
    [("The European Commission fined the firm. The Commission said the firm had broken the law.",
      "European Commission"),
     ("The European Council met in Brussels. Bristol City Council said the Council would appeal.", "Council")],
    ids=["one-commission", "two-councils"],
)
def test_a_body_named_by_its_last_word_is_the_only_one_of_that_kind(text, short):
    mentions = entity_mentions(newslens.article_from_text("Fine\n\n" + text, article_id="short-body"), numeric=False)
    one_word = mentions[mentions["text"].isin(["Commission", "Council"])]
    assert one_word["canonical"].tolist() == [short]


def test_a_utility_named_by_what_it_sells_is_an_organisation():
    text = "Ban\n\nAnglian Water has introduced a hosepipe ban for 1.2 million customers."
    mentions = entity_mentions(newslens.article_from_text(text, article_id="utility"), numeric=False)
    assert mentions[["canonical", "label"]].values.tolist() == [["Anglian Water", "ORG"]]


def test_a_lodge_or_manor_the_model_tags_as_a_person_is_a_place_unless_a_first_name_leads():
    text = ("Home\n\nResidents living at Ash Lodge in Wigan were moved. Ash Lodge had been placed under new management. "
            "Staff at Beech Manor in Derby were praised.\n\nThe novelist David Lodge visited last year.")
    table = entity_mentions(newslens.article_from_text(text, article_id="lodge"))
    labels = table.groupby("text")["label"].agg(set).to_dict()
    assert labels["Ash Lodge"] == {"FAC"} and labels["Beech Manor"] == {"FAC"}
    assert labels["David Lodge"] == {"PERSON"}


def test_a_capital_the_model_tags_as_a_person_is_a_place_unless_a_person_bears_the_name():
    text = ("Talks\n\nKyiv said it was ready to talk. Officials in Kyiv met on Monday, and Kyiv sent two envoys.\n\n"
            "Michael Jordan, the former player, visited Paris. Jordan said he loved the city.")
    table = entity_mentions(newslens.article_from_text(text, article_id="capital"))
    labels = table.groupby("text")["label"].agg(set).to_dict()
    assert labels["Kyiv"] == {"GPE"}
    assert labels["Jordan"] == {"PERSON"}  # the person of the article, not the country


def test_a_capital_that_is_a_common_first_name_stays_as_the_model_tagged_it():
    text = "Match\n\nDouglas scored twice for the visitors, and Douglas was named man of the match."
    table = entity_mentions(newslens.article_from_text(text, article_id="first-name-capital"))
    assert set(table.loc[table["text"] == "Douglas", "label"]) == {"PERSON"}  # not the Isle of Man's capital


@pytest.mark.parametrize("text, word", [
    ("Wildfire forces villagers to flee\n\nHundreds of people left as a wildfire spread overnight.", "Wildfire"),
    ("Keeper's error costs United\n\nA late mistake by goalkeeper Sam Holt sent United out of the cup.", "Keeper"),
])
def test_a_common_word_that_opens_a_sentence_is_no_person(text, word):
    table = entity_mentions(newslens.article_from_text(text, article_id="opener"))
    assert word not in set(table.loc[table["label"] == "PERSON", "text"])


def test_a_name_that_opens_a_headline_and_is_named_again_stays_a_person():
    text = ("Okonkwo wins the sprint\n\nAda Okonkwo won the 100m final on Sunday. Okonkwo said she was delighted. "
            "The Okonkwo family watched.")
    table = entity_mentions(newslens.article_from_text(text, article_id="named-headline"))
    assert set(table.loc[table["text"] == "Okonkwo", "label"]) == {"PERSON"}


def test_a_one_word_name_the_model_calls_a_person_joins_the_only_organisation_ending_with_it():
    text = ("Keeper's error costs Rovers in cup exit\n\nBlackburn Rovers were knocked out of the FA Cup on Saturday "
            "after a late mistake by goalkeeper Tom Varga.\n\nRovers manager Sarah Lindqvist said she would not "
            "blame one player.")  # the model: "Rovers" PERSON in the headline; "Rovers manager": ORG
    table = entity_mentions(newslens.article_from_text(text, article_id="short-org"))
    rovers = table[table["text"] == "Rovers"]
    assert len(rovers) == 2 and set(rovers["label"]) == {"ORG"} and set(rovers["canonical"]) == {"Blackburn Rovers"}


def test_a_name_with_particles_takes_the_surname_the_model_read_as_a_place():
    text = "Summit\n\nCommission President Ursula von der Leyen wrote on X that Europe stood with Greece."
    table = entity_mentions(newslens.article_from_text(text, article_id="particles-place"))
    assert ["Ursula von der Leyen", "PERSON"] in table[["text", "label"]].values.tolist()
    assert "Leyen" not in set(table["text"])


def test_a_title_after_a_title_is_no_persons_name():
    text = ("Waits\n\nProf Sir Stephen Powis, who stepped down in 2024, warned that demand would keep rising. "
            "Dame Jane Ellery, a surgeon, agreed.")
    table = entity_mentions(newslens.article_from_text(text, article_id="two-titles"))
    people = set(table.loc[table["label"] == "PERSON", "canonical"])
    assert "Sir" not in people and "Stephen Powis" in people


@pytest.mark.parametrize(
    ("texts", "labels", "expected"),
    [  # the model's labels say organisation: the word joins the club
     (["Rovers", "Blackburn Rovers", "Rovers"], ["PERSON", "ORG", "ORG"],
      [("Blackburn Rovers", "ORG")] * 3),
     # they say person: a person the model called an organisation stays apart and a person
     (["Ilse Varnholt", "Varnholt", "Varnholt"], ["ORG", "PERSON", "PERSON"],
      [("Ilse Varnholt", "ORG"), ("Varnholt", "PERSON"), ("Varnholt", "PERSON")]),
     # a tie: no evidence either way
     (["Kestrel Labs", "Labs"], ["ORG", "PERSON"], [("Kestrel Labs", "ORG"), ("Labs", "PERSON")]),
     # a given name or a title leads the organisation's name, or a title the word: a person
     (["Carly Fenwick", "Fenwick", "Fenwick"], ["ORG", "ORG", "PERSON"],
      [("Carly Fenwick", "ORG"), ("Fenwick", "PERSON"), ("Fenwick", "PERSON")]),
     (["Orbital Kestrel", "Ms Kestrel", "Kestrel"], ["ORG", "PERSON", "ORG"],
      [("Orbital Kestrel", "ORG"), ("Kestrel", "PERSON"), ("Kestrel", "PERSON")])],
    ids=["club", "person-misread", "tie", "given-name", "title"],
)
def test_a_one_word_name_joins_an_organisation_only_when_the_labels_say_organisation(texts, labels, expected):
    raw = pd.DataFrame({"text": texts, "label": labels}).assign(
        part="body", paragraph=0, sentence=0, start=0, end=1, token_start=0, token_end=1, source="t", article_id="t")
    out = canonicalize(raw)
    assert list(zip(out["canonical"], out["label"])) == expected


def test_a_title_written_out_is_no_part_of_the_persons_name():
    text = ("Vote on homes\n\nCouncillor Peter Fane, who voted against the plan, criticised the committee. "
            "Mr Fane said the vote was rushed. King Charles visited the site.")
    table = entity_mentions(newslens.article_from_text(text, article_id="spelled-title"))
    people = table.loc[table["label"] == "PERSON"]
    assert set(people["canonical"]) >= {"Peter Fane"} and "Councillor Peter Fane" not in set(people["canonical"])
    assert "Councillor" not in " ".join(people["text"])


def test_a_name_written_after_a_title_is_a_person_whatever_its_other_mentions_were_tagged():
    text = ("Budget row\n\nGov. Rick Scott signed the budget on Friday. The Scott administration said the cuts "
            "were needed, and Scott allies in Tallahassee agreed. Scott aides would not comment.")
    table = entity_mentions(newslens.article_from_text(text, article_id="titled"))
    scott = table[table["canonical"] == "Rick Scott"]
    assert len(scott) >= 2 and set(scott["label"]) == {"PERSON"}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Floods\n\nIn Pontypridd, shop owner Gareth Evans said the water had come in like a wave.", "Gareth Evans",
     "PERSON"),
    ("Floods\n\nIn Pontypridd, shop Gareth Evans said the water had come in.", "Gareth Evans", "ORG"),  # no role noun
])
def test_a_name_after_a_persons_role_is_a_person(text, name, label):
    table = entity_mentions(newslens.article_from_text(text, article_id="after-role"))
    assert table.loc[table["canonical"] == name, "label"].tolist() == [label]


def test_a_word_and_a_nation_is_a_body_not_a_person():
    text = ("Forest find\n\nHistoric England described the discovery as being of national importance. Police "
            "Scotland said it was not involved. Chuck England, a farmer, found the first tree.")
    table = entity_mentions(newslens.article_from_text(text, article_id="nation-body"))
    labels = dict(zip(table["canonical"], table["label"]))
    assert labels.get("Historic England") == "ORG" and labels.get("Chuck England") == "PERSON"
