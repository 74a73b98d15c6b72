"""Notebooks on warm kernels: notebook 02 (the one whose widget cell once hung) twenty times in a
row, a lost reply that costs seconds instead of the cell's timeout, and a clean namespace each time."""

from __future__ import annotations

import os
import time

import nbformat
import pytest
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

import newslens.runner as runner
from newslens.paths import FIRST_ARTICLE, NOTEBOOKS_DIR
from newslens.runner import WarmKernel


@pytest.fixture()
def kernel(tmp_path):
    warm = WarmKernel(NOTEBOOKS_DIR, dict(os.environ), tmp_path / "kernel.log")
    yield warm
    warm.close()


def errors(nb) -> list[str]:
    return [o.get("evalue") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.notebook
def test_notebook_02_twenty_times_in_a_row(kernel):
    book = NOTEBOOKS_DIR / "02-word-frequencies.ipynb"
    for _ in range(20):
        nb = parameterize_notebook(load_notebook_node(str(book)), {"ARTICLE": str(FIRST_ARTICLE)})
        kernel.execute(nb, timeout=120)
        assert errors(nb) == []
        assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def test_each_notebook_starts_with_a_clean_namespace(kernel):
    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%load_ext autoreload\nleftover = 1")])
    kernel.execute(first, timeout=60)
    second = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%load_ext autoreload\n'leftover' in dir()")])
    kernel.execute(second, timeout=60)
    outputs = second.cells[0].outputs
    assert [o["data"]["text/plain"] for o in outputs if o.get("output_type") == "execute_result"] == ["False"]
    assert not [o for o in outputs if o.get("output_type") == "stream"]  # no "already loaded" message


def test_a_lost_reply_costs_seconds_not_the_timeout(kernel, monkeypatch):
    monkeypatch.setattr(runner, "QUIET_AFTER", 2.0)
    kernel.execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), timeout=60)  # connects
    real = kernel.kc.shell_channel.get_msg
    lost = []

    async def lossy(*args, **kwargs):
        msg = await real(*args, **kwargs)
        if msg["msg_type"] == "execute_reply" and not lost and msg["content"].get("execution_count") != 1:
            lost.append(msg)  # this reply never reaches the client
            return await real(*args, **kwargs)
        return msg

    monkeypatch.setattr(kernel.kc.shell_channel, "get_msg", lossy)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('done')"), nbformat.v4.new_code_cell("2 + 2")])
    start = time.monotonic()
    kernel._run(nb, timeout=120)
    assert time.monotonic() - start < 60 and len(lost) == 1
    assert nb.cells[0].outputs[0]["text"] == "done\n"
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "4"


def test_a_long_table_is_saved_whole_and_named(kernel, tmp_path):
    from newslens.report import _export_outputs

    kernel._run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import newslens.runner as _r; _r.install_formatters()")]), timeout=60)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## How many rows?"),
        nbformat.v4.new_code_cell("import pandas as pd\nfrom newslens.dispatch import named\n"
                                  "named(pd.DataFrame({'n': range(100), 'x': [0.5] * 100}), 'hundred-rows')"),
        nbformat.v4.new_code_cell("pd.DataFrame({'n': range(70)})"),
    ])
    kernel.execute(nb, timeout=60)
    assert "<td>...</td>" in str(nb.cells[1].outputs[0]["data"]["text/html"])  # the page shows a few rows
    _export_outputs(nb, "09-test", tmp_path)
    saved = {p.name: p.read_text(encoding="utf-8").splitlines() for p in (tmp_path / "tables").glob("*.csv")}
    assert set(saved) == {"09-hundred-rows.csv", "09-how-many-rows.csv"}  # by the table's name, else the heading
    assert len(saved["09-hundred-rows.csv"]) == 101 and saved["09-hundred-rows.csv"][1] == "0,0.5"
    assert len(saved["09-how-many-rows.csv"]) == 71
