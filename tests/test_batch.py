"""Many articles fast: the disk cache (hit, miss, invalidation) and the batch analysis across processes."""

from __future__ import annotations

import pandas as pd
import pytest

import newslens
import newslens.entities as entities_module  # patched below, to count computations
import newslens.quotes as quotes_module
from newslens import cache
from newslens.batch import Item, analyse, analyse_article, analyse_items
from newslens.corpus import load_corpus
from newslens.entities import entity_mentions
from newslens.quotes import quotes

TEXT = 'Talks resume\n\nUnion leaders met in Antwerp on Friday. "We are close," said mediator Eva Janssens.'


@pytest.fixture()
def fresh_cache(tmp_path):
    cache.configure(directory=tmp_path / "cache", enabled=True)
    cache.stats.clear()
    yield tmp_path / "cache"
    cache.stats.clear()


def test_cache_miss_then_hit_gives_the_same_tables(fresh_cache):
    first = newslens.article_from_text(TEXT, article_id="first")
    computed = analyse_article(first)
    assert cache.stats["misses"] == 4 and cache.stats["writes"] == 4 and cache.stats["hits"] == 0
    assert len(list(fresh_cache.glob("*.parquet"))) == 4  # sentences, tokens, entities, quotes

    again = newslens.article_from_text(TEXT, article_id="again")  # a new session: nothing in memory
    read = analyse_article(again)
    assert cache.stats["hits"] == 4 and cache.stats["misses"] == 4
    for name in ("sentences", "tokens", "entities", "quotes"):
        expected = computed[name].assign(article_id="again")
        pd.testing.assert_frame_equal(read[name], expected)
    assert read["quotes"]["speaker"].tolist() == ["Eva Janssens"]


def test_cache_misses_when_the_text_or_the_arguments_change(fresh_cache):
    entity_mentions(newslens.article_from_text(TEXT))
    misses = cache.stats["misses"]
    entity_mentions(newslens.article_from_text(TEXT.replace("Antwerp", "Ghent")))
    assert cache.stats["misses"] > misses  # another text: computed, not read
    misses = cache.stats["misses"]
    got = entity_mentions(newslens.article_from_text(TEXT), aliases={"Eva Janssens": "Janssens"})
    assert cache.stats["misses"] == misses + 1  # same tokens (hit), but other aliases: computed
    assert "Janssens" in got["canonical"].tolist()


def test_cache_off_computes_and_writes_nothing(fresh_cache):
    cache.configure(enabled=False)
    try:
        analyse_article(newslens.article_from_text(TEXT))
    finally:
        cache.configure(enabled=True)
    assert cache.stats["writes"] == 0 and not fresh_cache.exists()


def test_a_damaged_cache_file_is_recomputed(fresh_cache):
    quotes(newslens.article_from_text(TEXT))
    for path in fresh_cache.glob("*.parquet"):
        path.write_bytes(b"not parquet")
    table = quotes(newslens.article_from_text(TEXT))
    assert table["speaker"].tolist() == ["Eva Janssens"]
    assert cache.stats["hits"] == 0


def test_analyse_on_two_dask_workers_equals_one_process(folder, fresh_cache, monkeypatch):
    cache.configure(enabled=False)
    try:
        one = load_corpus(folder).analyse(workers=1, progress=False)
        corpus = load_corpus(folder)
        two = corpus.analyse(workers=2, progress=False)  # a local Dask cluster
    finally:
        cache.configure(enabled=True)
    for name in ("sentences", "tokens", "entities", "quotes", "frequencies", "errors"):
        pd.testing.assert_frame_equal(one[name], two[name])
    assert set(two["entities"]["article_id"]) == {"election", "port-strike", "rain", "talks"}
    assert two["errors"]["file"].str.endswith("broken.txt").tolist() == [True]
    # the workers' tables are kept in the corpus: asking again computes nothing
    calls = []
    for module, name in ((quotes_module, "_all_statements"), (entities_module, "_entity_mentions")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    assert "Marc Peeters" in set(quotes(corpus)["speaker"])
    assert "Anna Berg" in set(entity_mentions(corpus)["canonical"])
    again = corpus.analyse(workers=2, progress=False)
    pd.testing.assert_frame_equal(again["quotes"], two["quotes"])
    assert calls == []
    fresh = newslens.article_from_text(TEXT, article_id="fresh")  # the counter does count
    quotes(fresh)
    assert sorted(calls) == ["_all_statements", "_entity_mentions"]


def test_one_article_that_fails_does_not_sink_the_batch(monkeypatch):
    articles = [newslens.article_from_text(f"{TEXT} The {name} talks go on.", article_id=name)  # texts not cached
                for name in ("good", "bad", "also-good")]
    real = entities_module._entity_mentions

    def flaky(article, *args, **kwargs):
        if article.id == "bad":
            raise RuntimeError("regular expression took too long")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(entities_module, "_entity_mentions", flaky)
    tables = analyse(articles, progress=False)
    assert tables["errors"].to_dict("records") == [
        {"file": "bad", "problem": "RuntimeError: regular expression took too long"}]
    assert sorted(set(tables["quotes"]["article_id"])) == ["also-good", "good"]


def test_a_chunk_reports_unreadable_files_and_keeps_going(folder):
    files = sorted(p for p in folder.iterdir() if p.suffix != ".md") + [folder / "missing.txt"]
    items = [Item(id=p.stem, where=str(p), path=str(p)) for p in files]
    items.append(Item(id="row-9", where="rows.jsonl:9", problem="not JSON (Expecting value)"))
    tables, kept = analyse_items(items, keep_articles=True)
    problems = dict(zip(tables["errors"]["file"], tables["errors"]["problem"]))
    assert len(problems) == 3 and "binary" in problems[str(folder / "broken.txt")]
    assert "no such file" in problems[str(folder / "missing.txt")] and problems["rows.jsonl:9"].startswith("not JSON")
    assert sorted(a.id for a in kept) == ["election", "port-strike", "rain", "talks"]
    assert set(tables["tokens"]["article_id"]) == {"election", "port-strike", "rain", "talks"}


def test_workers_must_be_positive(folder):
    with pytest.raises(newslens.InvalidArgument, match="workers=0"):
        load_corpus(folder).analyse(workers=0)
