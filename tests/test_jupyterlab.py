"""Every notebook in a real JupyterLab, driven by headless Chromium (Debian's chromium, Playwright's
Python package): run all cells, wait for the kernel, no cell shows an error, figures render as images."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from newslens.paths import DATA_DIR, NOTEBOOKS_DIR

CHROMIUM = "/usr/bin/chromium"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a random port and token, over a copy of the notebooks."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: apt-get install -y chromium (see README)"
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    (root / "data").symlink_to(DATA_DIR)
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(root / "settings"), JUPYTER_RUNTIME_DIR=str(root / "runtime"))
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--allow-root",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'notebooks'}",
         "--LabApp.news_url=", "--LabApp.extension_manager=readonly"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("JupyterLab did not start: " + (root / "lab.log").read_text())
        yield base, token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab(lab, browser, path, tmp_path):
    base, token, root = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{base}/lab/workspaces/{path.stem}/tree/{path.name}?reset&token={token}")  # a fresh workspace
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
        panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"

        def run_all() -> None:
            page.locator(f"{panel} .jp-Cell").first.click()
            page.locator(f'{panel} [data-command="notebook:restart-run-all"]').click()  # Restart Kernel and Run All
            page.locator(".jp-Dialog .jp-mod-accept").click()
            page.wait_for_selector(".jp-Dialog", state="detached", timeout=30_000)

        def wait_until_run(timeout: int) -> None:
            page.wait_for_function(  # every cell has run, or one has failed (Run All stops there)
                """() => {
                    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                    if (!panel) return false;
                    if (panel.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
                        && /Traceback|Error/.test(panel.textContent)) return true;
                    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent);
                    return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
                }""",
                polling=500, timeout=timeout,
            )

        run_all()
        try:
            wait_until_run(150_000)
        except PlaywrightTimeout:  # a Run All lost while the kernel restarted: ask once more
            run_all()
            wait_until_run(240_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
        page.screenshot(path=str(tmp_path / f"{path.stem}.png"), full_page=True)
        tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback (most recent call last)")
        assert tracebacks.count() == 0, f"error in {path.name}: {tracebacks.first.inner_text()[-600:]}"
        prompts = page.locator(f"{panel} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
        assert all(p.strip().startswith("[") and p.strip()[1:-2].isdigit() for p in prompts), prompts
        images = page.locator(".jp-OutputArea-output.jp-RenderedImage img")
        # a chart drawn only when there is something to compare (`if others:`) is skipped here: the copy has no corpus
        charts = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and "plots.plot_" in c.source]
        unconditional = [c for c in charts if not any(line.startswith("if ") for line in c.source.splitlines())]
        assert images.count() >= len(unconditional) >= 1
        assert page.evaluate("() => [...document.querySelectorAll('.jp-RenderedImage img')].every(i => i.naturalWidth > 100)")
    finally:
        page.close()
