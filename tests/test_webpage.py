"""Web pages: the metadata and parts newslens mends after trafilatura, each case on a page written here."""

from __future__ import annotations

from datetime import datetime

import pytest

import newslens
from newslens.webpage import clean_author, clean_headline, extract_page

BODY = ("<p>A storm hit the coast on Sunday, flooding three towns and cutting power to thousands of homes.</p>"
        "<p>\"We have never seen water this high,\" said the mayor, Ana Costa, who visited the flooded streets.</p>")


def page(head: str = "", before: str = "", after: str = "", title: str = "Storm hits coast") -> str:
    return (f"<!doctype html><html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{before}{BODY}{after}</article></body></html>")


def test_the_page_s_own_time_is_kept():
    text, meta, _ = extract_page(page('<meta property="article:published_time" content="2024-11-24T05:37:00+00:00">'))
    assert meta["published"] == datetime(2024, 11, 24, 5, 37)
    _, meta, _ = extract_page(page('<script type="application/ld+json">{"datePublished": "2025-03-02T18:05:00Z"}</script>'))
    assert meta["published"] == datetime(2025, 3, 2, 18, 5)


@pytest.mark.parametrize("raw, name", [
    ("Phil Helsel is a reporter", "Phil Helsel"),
    ("Tom Gillespie News reporter", "Tom Gillespie"),
    ("Ana Costa, Senior Political Correspondent", "Ana Costa"),
    ("Jane Writerson", "Jane Writerson"),  # a name is not a job
])
def test_authors_without_their_job(raw, name):
    assert clean_author(raw) == name
    _, meta, _ = extract_page(page(f'<meta name="author" content="{raw}">'))
    assert meta["author"] == name


def test_site_and_section_suffixes_leave_the_headline():
    assert clean_headline("Storm hits coast | Editorial | Harbour Times") == "Storm hits coast"
    assert clean_headline("Vote count - live - Harbour Times", outlet="Harbour Times") == "Vote count - live"
    assert clean_headline("Biden - the comeback") == "Biden - the comeback"  # a dash in the headline stays
    _, meta, _ = extract_page(page('<meta property="og:site_name" content="Harbour Times">',
                                   title="Storm hits coast | Editorial"))
    assert meta["headline"] == "Storm hits coast"


def test_the_headline_repeated_in_the_body_is_dropped_and_labels_are_not_prose(tmp_path):
    html = page(before="<p>By Phil Helsel</p><p>Storm hits coast</p>", after="<p>SOURCE: News agencies</p>")
    path = tmp_path / "storm.html"
    path.write_text(html, encoding="utf-8")
    article = newslens.load_article(path)
    assert article.parts == ["headline", "dateline", "body", "body", "dateline"]
    assert article.text.count("Storm hits coast") == 1
    assert article.counts()["body_sentences"] == 2  # neither the byline nor the source line


@pytest.mark.parametrize("head, outlet", [
    # an AP page whose platform label trafilatura reads as the site name ("hosted" -> "Hosted")
    ('<meta name="application-name" content="hosted"><link rel="canonical" href="https://apnews.com/article/storm-1">',
     "apnews.com"),
    ('<meta name="application-name" content="hosted"><link rel="canonical" href="https://apnews.com/article/storm-1">'
     '<script type="application/ld+json">{"publisher": {"@type": "Organization", "name": "Associated Press"}}</script>',
     "Associated Press"),
    ('<meta property="og:site_name" content="Harbour Times"><link rel="canonical" href="https://www.harbourtimes.com/a/1">',
     "Harbour Times"),
    ('<meta name="twitter:site" content="@AP"><meta property="og:url" content="https://apnews.com/article/x">', "AP"),
])
def test_the_outlet_is_the_site_s_name_not_a_platform_label(head, outlet):
    _, meta, _ = extract_page(page(head))
    assert meta["outlet"] == outlet
