"""Shared fixtures: the first article and small articles written for the tests."""

from __future__ import annotations

import pytest

import newslens
from newslens.paths import FIRST_ARTICLE

WIKINEWS_STYLE = """Storm floods coastal towns in Portugal

Friday, August 21, 2015

A storm flooded three coastal towns in northern Portugal on Thursday. Gov. Ana Costa said 40 people were evacuated.

"We have never seen water this high," said Mr. Silva, a fisherman. He left at 5 a.m. with his family.

Rescue teams from Spain arrived late in the evening."""


@pytest.fixture(scope="session")
def fakti():
    return newslens.load_article(FIRST_ARTICLE)


@pytest.fixture(scope="session")
def wikinews():
    return newslens.article_from_text(WIKINEWS_STYLE, article_id="wikinews-style")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Every test session gets its own empty disk cache (notebook kernels inherit it through the
    environment), so no test reads a table another run left behind."""
    from newslens import cache

    cache.configure(directory=tmp_path_factory.mktemp("newslens-cache"))


@pytest.fixture(autouse=True)
def _no_downloads(monkeypatch):
    """Nothing in newslens may download data at run time: any call to nltk.download fails the test."""
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError(f"nltk.download{args} was called: newslens must work offline")

    monkeypatch.setattr(nltk, "download", refuse)
