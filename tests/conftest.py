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


ARTICLES = {
    "port-strike.txt": 'Port strike spreads\n\nDock workers in Antwerp joined the strike on Wednesday. '
                       '"We stand with our colleagues," said union leader Marc Peeters.',
    "election.txt": "Mayor re-elected\n\nMonday, May 4, 2025\n\nMayor Anna Berg won a second term in Oslo. "
                    "She thanked voters on Sunday night.",
    "rain.txt": "Heavy rain floods roads in Porto. Officials said the river rose two metres.",
}
HTML = """<!doctype html><html><head><title>Talks resume in Brussels | Harbour Times</title>
<meta name="author" content="Ann Lee"><meta property="og:site_name" content="Harbour Times"></head>
<body><nav>Home | World</nav><article><h1>Talks resume in Brussels</h1>
<p>Union and employers met again in Brussels on Friday after a week of strikes at the ports.</p>
<p>"We are closer than yesterday," said mediator Eva Janssens. The talks will continue on Monday.</p>
</article><footer>(c) Harbour Times</footer></body></html>"""


@pytest.fixture()
def folder(tmp_path):
    """A small corpus written for the tests: three .txt articles, an HTML page, a binary file that
    cannot be read, and a file of another type."""
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "talks.html").write_text(HTML, encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    (root / "notes.md").write_text("not an article type", encoding="utf-8")
    return root


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


def drawn_barh(ax) -> list[tuple[str, float]]:
    """What a horizontal bar chart shows, top to bottom: (label, total length) per bar (stacked
    segments added up), read from the drawn rectangles and the tick labels."""
    labels = {round(tick.get_position()[1]): tick.get_text() for tick in ax.get_yticklabels()}
    totals: dict[int, float] = {}
    for container in ax.containers:
        for bar in container:
            y = round(bar.get_y() + bar.get_height() / 2)
            totals[y] = totals.get(y, 0.0) + bar.get_width()
    top_first = sorted(totals, reverse=not ax.yaxis_inverted())
    return [(labels[y], totals[y]) for y in top_first]


def drawn_bar_heights(ax) -> list[float]:
    """The heights of a vertical bar chart's bars, left to right."""
    bars = sorted((bar for container in ax.containers for bar in container), key=lambda b: b.get_x())
    return [bar.get_height() for bar in bars]


def modules_after(code: str) -> set[str]:
    """The top-level modules a fresh Python has imported after running ``code`` (which must succeed)."""
    import subprocess
    import sys

    probe = code + "\nimport sys as _s; print(' '.join(sorted({m.split('.')[0] for m in _s.modules})), file=_s.stderr)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(out.stderr.strip().splitlines()[-1].split())
