"""Layout parsers: the Fakti page, a Wikinews-style article, plain text, and forcing a layout."""

from __future__ import annotations

from datetime import datetime

import pytest

import newslens
from newslens import ArticleError, InvalidArgument


def test_fakti_metadata(fakti):
    m = fakti.metadata
    assert m.layout == "fakti"
    assert m.outlet == "Fakti"
    assert m.headline == "Moscow: We will respond sharply to Tokyo's hostile steps"
    assert m.standfirst == "Japan has no intention of lifting sanctions against Russia, on the contrary - tightens them"
    assert m.published == datetime(2024, 11, 24, 5, 37)
    assert m.views == 80
    assert m.caption == "Moscow: We will respond sharply to Tokyo's hostile steps"
    assert fakti.parts == ["outlet", "headline", "standfirst", "dateline", "caption"] + ["body"] * 7
    assert len(fakti.body) == 7
    assert fakti.body[0].startswith("Russia's reaction")
    assert fakti.body[-1].endswith("members of the G-7.")


def test_wikinews_style(wikinews):
    assert wikinews.metadata.layout == "headline"
    assert wikinews.metadata.headline == "Storm floods coastal towns in Portugal"
    assert wikinews.metadata.published == datetime(2015, 8, 21)
    assert wikinews.metadata.outlet is None and wikinews.metadata.views is None
    assert wikinews.parts == ["headline", "dateline", "body", "body", "body"]


def test_headline_without_date():
    article = newslens.article_from_text("Short headline\n\nBody sentence one. Body two.")
    assert article.parts == ["headline", "body"]
    assert article.metadata.published is None


def test_plain_text_is_all_body():
    article = newslens.article_from_text("This starts like a body. It goes on.\n\nAnd on.")
    assert article.metadata.layout == "plain"
    assert article.parts == ["body", "body"]
    assert article.metadata.headline is None and article.metadata.published is None


def test_single_newlines_are_paragraphs_when_no_blank_line():
    article = newslens.article_from_text("Title\nFirst body line.\nSecond body line.")
    assert article.paragraphs["text"].tolist() == ["Title", "First body line.", "Second body line."]


def test_forced_layout(fakti):
    plain = newslens.article_from_text(fakti.text, layout="plain")
    assert set(plain.parts) == {"body"}
    assert plain.metadata.outlet is None


def test_forced_layout_that_does_not_fit():
    with pytest.raises(ArticleError, match=r"layout='fakti' does not fit this text\. Fix:"):
        newslens.article_from_text("Just a sentence.", layout="fakti")


def test_unknown_layout():
    with pytest.raises(InvalidArgument, match=r"layout='tabloid' is not a known layout\. Fix: use one of"):
        newslens.article_from_text("Just a sentence.", layout="tabloid")
