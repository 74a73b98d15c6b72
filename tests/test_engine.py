"""The corpus engine on Dask: a local cluster of two worker processes, a scheduler and workers
started as separate processes, a worker killed mid-run, resuming, streaming inputs and errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest

import newslens
from newslens import cache
from newslens.batch import analyse
from newslens.corpus import analyse as analyse_source
from newslens.corpus import iter_items, load_corpus, read_tables
from newslens.engine import DATASET_TABLES
from newslens.paths import FIRST_ARTICLE

KEYS = {"sentences": ["article_id", "sentence"], "tokens": ["article_id", "start"], "entities": ["article_id", "start"],
        "quotes": ["article_id", "start"], "frequencies": ["article_id", "term"]}


def _sorted(table: pd.DataFrame, name: str) -> pd.DataFrame:
    keys = [k for k in KEYS[name] if k in table.columns]
    table = table.sort_values(keys, kind="stable").reset_index(drop=True).astype(object)
    return table.where(table.notna(), None)  # a missing value is None in memory and NaN read back from Parquet


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory):
    """Thirty articles long enough (the first article ten times over, about 3,000 words each) that
    a run lasts several seconds on two workers, a binary file and a nested folder."""
    root = tmp_path_factory.mktemp("long") / "corpus"
    (root / "2024").mkdir(parents=True)
    text = FIRST_ARTICLE.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]
    for i in range(30):
        folder = root / "2024" if i % 3 == 0 else root
        (folder / f"story-{i:02d}.txt").write_text(text + ("\n\n" + body) * 9, encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x00\x01 not text")
    return root


def test_dataset_on_a_local_cluster_equals_the_analysis_in_one_process(folder, tmp_path):
    out = tmp_path / "tables"
    done = analyse_source(folder, out=out, workers=2, chunk_size=2, progress=False)
    assert done["articles"] == 4 and done["errors"] == 1 and done["chunks"] == 3 and done["skipped"] == 0
    got = read_tables(out)
    cache.configure(enabled=False)
    try:
        expected = analyse(load_corpus(folder), progress=False)
    finally:
        cache.configure(enabled=True)
    for name in KEYS:
        pd.testing.assert_frame_equal(_sorted(got[name], name), _sorted(expected[name], name), check_dtype=False)
        assert len(dd.read_parquet(out / name).compute()) == len(expected[name])  # Dask reads it too
    assert got["errors"]["file"].tolist() == [str(folder / "broken.txt")]
    assert "binary" in got["errors"]["problem"].iloc[0]
    # a rerun skips every chunk; a changed file reruns its chunk only
    again = analyse_source(folder, out=out, workers=2, chunk_size=2, progress=False)
    assert again["skipped"] == 3 and again["articles"] == 0
    (folder / "rain.txt").write_text("Snow closed the roads in Porto on Monday.", encoding="utf-8")
    third = analyse_source(folder, out=out, workers=2, chunk_size=2, progress=False)
    assert third["skipped"] == 2 and third["articles"] == 2  # chunks: broken+election, port-strike+rain, talks
    words = read_tables(out)["tokens"].query("article_id == 'rain'")["token"].tolist()
    assert "Snow" in words and "river" not in words


def test_out_holding_other_files_is_refused(folder, tmp_path):
    (tmp_path / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(newslens.InvalidArgument, match="did not write"):
        analyse_source(folder, out=tmp_path, workers=1, progress=False)
    assert (tmp_path / "thesis.tex").read_text(encoding="utf-8") == "years of work"


def test_read_tables_names_a_folder_that_is_not_a_dataset(tmp_path):
    with pytest.raises(newslens.ArticleError, match="not a dataset written by `newslens analyse`"):
        read_tables(tmp_path)


def test_items_stream_from_folders_and_tables(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/story.txt", "a/story.html", "b.txt"):
        (tmp_path / name).write_text("<p>Text.</p>" if name.endswith("html") else "Text.", encoding="utf-8")
    assert [i.id for i in iter_items(tmp_path)] == ["b", "a/story.html", "a/story.txt"]
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "x", "text": "One.", "outlet": "AP"}\nnot json\n[1]\n{"id": "y", "text": "Two."}\n',
                    encoding="utf-8")
    items = list(iter_items(rows))
    assert [(i.id, i.problem is None) for i in items] == [("x", True), ("rows:2", False), ("rows:3", False), ("y", True)]
    assert items[0].extra == {"outlet": "AP"} and items[1].where == f"{rows}:2"
    table = tmp_path / "rows.csv"
    pd.DataFrame({"id": ["p", "q"], "body": ["One.", "Two."]}).to_csv(table, index=False)
    assert [i.text for i in iter_items(table, text_column="body")] == ["One.", "Two."]
    with pytest.raises(newslens.ArticleError, match="no column 'text'"):
        list(iter_items(table))


def test_a_large_table_is_read_as_a_stream(tmp_path, monkeypatch):
    import newslens.io as io_module

    rows = tmp_path / "big.jsonl"
    rows.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Line {i} of the corpus."}) + "\n"
                            for i in range(2000)), encoding="utf-8")
    opened = []
    real = io_module.open_text
    monkeypatch.setattr("newslens.corpus.open_text", lambda p: opened.append(p) or real(p, whole_below=1024))
    items = iter_items(rows)
    first = next(items)
    assert first.id == "r0" and opened == [rows]
    assert sum(1 for _ in items) == 1999


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(*args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).parent / "dask"), *args], stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_scheduler_and_workers_as_processes_survive_a_killed_worker(long_corpus, tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
                       log=tmp_path / "scheduler.log")
    workers = [_start("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                      log=tmp_path / f"worker-{i}.log") for i in range(2)]
    out = tmp_path / "tables"
    run = None
    try:
        run = subprocess.Popen([sys.executable, "-m", "newslens.cli", "analyse", str(long_corpus), "--out", str(out),
                                "--scheduler", address, "--chunk-size", "1", "--no-progress"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not list(out.glob("_done/*.json")):
            assert run.poll() is None, run.stderr.read()
            assert time.monotonic() < deadline, "no chunk finished in 120 s"
            time.sleep(0.1)
        assert run.poll() is None, "the run finished before a worker could be killed"
        os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its nanny, mid-run
        finished_before = len(list(out.glob("_done/*.json")))
        stdout, stderr = run.communicate(timeout=300)
    finally:
        if run is not None and run.poll() is None:
            run.kill()
        for process in [*workers, scheduler]:
            _stop(process)
    assert run.returncode == 0, stderr
    assert finished_before < 31, "the run had finished before the worker was killed"
    assert "analysed 30 articles (1 error) in 31 chunks" in stdout
    tables = read_tables(out)
    ids = tables["sentences"].groupby("article_id")["sentence"].nunique()
    assert len(ids) == 30 and ids.nunique() == 1  # every article once, none lost, none twice
    assert not tables["tokens"].duplicated(["article_id", "start"]).any()
    assert tables["errors"]["file"].str.endswith("broken.txt").tolist() == [True]
    assert "2024/story-00" in set(ids.index)


def test_an_interrupted_run_keeps_its_chunks_and_resumes(long_corpus, tmp_path):
    out = tmp_path / "tables"
    command = [sys.executable, "-m", "newslens.cli", "analyse", str(long_corpus), "--out", str(out), "--workers", "2",
               "--chunk-size", "1", "--no-progress"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a terminal's Ctrl-C
    deadline = time.monotonic() + 120
    while len(list(out.glob("_done/*.json"))) < 2:
        assert run.poll() is None, run.stderr.read()
        assert time.monotonic() < deadline, "no chunk finished in 120 s"
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1].endswith("run the same command again to resume.")
    done = len(list(out.glob("_done/*.json")))
    assert 2 <= done < 31, "the run was not interrupted"
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{done} found done" in again.stdout
    ids = read_tables(out)["sentences"].groupby("article_id")["sentence"].nunique()
    assert len(ids) == 30 and ids.nunique() == 1


def test_cli_names_a_scheduler_that_does_not_answer(folder, tmp_path):
    out = subprocess.run([sys.executable, "-m", "newslens.cli", "analyse", str(folder), "--out", str(tmp_path / "t"),
                          "--scheduler", f"tcp://127.0.0.1:{_free_port()}"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "no Dask scheduler answered" in lines[0] and "Fix:" in lines[0]


def test_all_dataset_tables_are_named():
    assert set(DATASET_TABLES) == {*KEYS, "errors"}
