"""The layers of docs/architecture.md hold: imports flow one way, with no cycle and no private names.

The layer table and the allowed same-layer edges are read from docs/architecture.md itself, so the
document and the check cannot drift apart.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import modules_after
from newslens.paths import PROJECT_ROOT

SRC = PROJECT_ROOT / "src" / "newslens"
DOC = PROJECT_ROOT / "docs" / "architecture.md"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("newslens", *parts))


MODULES = {module_name(p): p for p in SRC.rglob("*.py")}


def resolve(name: str) -> str | None:
    """The newslens module an imported name refers to (``newslens.quotes.cues``), or None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in ast.walk(node):
                lines.add(getattr(child, "lineno", -1))
    return lines


def imports(module: str) -> list[tuple[str, int, list[str]]]:
    """(imported newslens module, line, names imported from it) for every import of the module."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if node.lineno in skip if hasattr(node, "lineno") else False:
            continue
        if isinstance(node, ast.Import):
            found += [(resolve(a.name), node.lineno, []) for a in node.names if a.name.startswith("newslens")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("newslens"):
                continue
            for alias in node.names:  # `from newslens import cache` imports the module newslens.cache
                target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else resolve(base)
                found.append((target, node.lineno, [alias.name]))
    return [(target, line, names) for target, line, names in found if target and target != module]


def layers() -> dict[str, int]:
    """Module -> layer number, from the table of docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- layers:", 1)[1].split("\n", 1)[1].split("\n\n", 1)[0]
    out = {}
    for number, row in enumerate(line for line in table.splitlines()[2:] if line.startswith("|")):
        cell = row.split("|")[2]
        for name in re.findall(r"`([\w.]+)`", cell):
            out["newslens" if name == "newslens" else f"newslens.{name}"] = number
    return out


def same_layer_edges() -> set[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8").split("<!-- same-layer:", 1)[1].split("\n", 1)[1].split("\n\n", 1)[0]
    edges = set()
    for line in text.splitlines():
        if line.startswith("- `quotes` -> `entities`"):
            edges.add(("newslens.quotes", "newslens.entities"))
        elif line.startswith("- inside the `quotes` package"):
            steps = line.split("in this order:", 1)[1].split(" (", 1)[0].split("->")
            order = ["|".join(re.findall(r"`(\w+)`", step)) for step in steps]
            assert order[0] == "cues" and order[-1] == "quotes", order
            for i, lower in enumerate(order):
                for higher in order[i + 1:]:
                    for a in higher.split("|"):
                        for b in lower.split("|"):
                            name = "newslens.quotes" if a == "quotes" else f"newslens.quotes.{a}"
                            edges.add((name, f"newslens.quotes.{b}"))
    return edges


def layer_of(module: str, table: dict[str, int]) -> int:
    while module not in table:
        module = module.rpartition(".")[0]
    return table[module]


def test_every_module_has_a_layer():
    table = layers()
    assert len(set(table.values())) >= 8
    missing = [m for m in MODULES if not any(m == k or m.startswith(k + ".") for k in table)]
    assert missing == [], f"add these modules to the table in {DOC.name}"


def test_imports_follow_the_layers():
    table, allowed = layers(), same_layer_edges()
    wrong = []
    for module in MODULES:
        for target, line, _ in imports(module):
            mine, theirs = layer_of(module, table), layer_of(target, table)
            same_ok = any(target == b and (module == a or module.startswith(a + ".")) for a, b in allowed)
            if theirs > mine or (theirs == mine and not same_ok):
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_no_import_cycle():
    graph = {m: {t for t, _, _ in imports(m)} for m in MODULES}
    graph["newslens"] = set()  # the package's lazy exports load on attribute access, never on import
    seen, stack, cycles = set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()
        seen.add(node)

    for module in sorted(graph):
        visit(module)
    assert cycles == []


def test_no_private_names_imported():
    bad = [f"{m}:{line} imports {target}.{name}" for m in MODULES for target, line, names in imports(m)
           for name in names if name.startswith("_") and not name.startswith("__")]
    assert bad == []


def test_the_check_catches_a_bad_import(tmp_path, monkeypatch):
    """The layer check can fail: an analysis that imports the corpus is caught."""
    fake = dict(MODULES)
    bad = tmp_path / "bad.py"
    bad.write_text("from newslens.corpus import load_corpus\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "newslens.frequencies", bad)
    with pytest.raises(AssertionError, match="newslens.frequencies:1 imports newslens.corpus"):
        test_imports_follow_the_layers()
    assert fake.keys() == MODULES.keys()


@pytest.mark.parametrize("command", [["info"], ["sentences", "--stats"], ["tokens"], ["words"]])
def test_commands_that_need_no_model_never_import_spacy(command):
    code = ("from newslens.cli import main; from newslens.paths import FIRST_ARTICLE\n"
            f"assert main([{command[0]!r}, str(FIRST_ARTICLE), *{command[1:]!r}]) == 0")
    assert "spacy" not in modules_after(code)


def test_entity_html_never_imports_matplotlib():
    code = ("import newslens, pandas as pd; from newslens.render import render_entities_html, metadata_card\n"
            "a = newslens.article_from_text('Talks in Oslo.'); metadata_card(a)\n"
            "render_entities_html(a, pd.DataFrame(columns=['start', 'end', 'label', 'canonical']))")
    assert "matplotlib" not in modules_after(code)


def test_ruff_passes():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "docs"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
