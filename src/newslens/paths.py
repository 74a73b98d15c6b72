"""Where things live: every path the project uses, in one place."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_ROOT", "DATA_DIR", "ARTICLES_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR", "CACHE_DIR", "FIRST_ARTICLE"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout that holds ``src/newslens`` (newslens is installed in editable mode)."""

DATA_DIR = PROJECT_ROOT / "data"
"""Raw data: immutable, committed."""

ARTICLES_DIR = DATA_DIR / "articles"
"""The articles, one file each, named by outlet, date and subject."""

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
"""The notebooks, numbered in reading order."""

REPORTS_DIR = PROJECT_ROOT / "reports"
"""Derived output (executed notebooks, figures, tables): git-ignored."""

CACHE_DIR = PROJECT_ROOT / "cache"
"""Per-article tables cached on disk (:mod:`newslens.cache`): git-ignored, safe to delete."""

FIRST_ARTICLE = ARTICLES_DIR / "fakti-2024-11-24-moscow-tokyo.txt"
"""Fakti, 24 Nov 2024: Russia's response to Japan's sanctions."""
