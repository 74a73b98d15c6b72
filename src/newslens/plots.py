"""Every newslens chart: ``plot_x(df, *, ax=None, ...) -> Axes``.

Each function takes a tidy table made by newslens, draws on ``ax`` (or a new figure), titles
the chart and labels both axes, and returns the ``Axes``. Styling is applied locally with
``plt.rc_context``; nothing here changes global rcParams or calls ``plt.show()``. Save a chart
with :func:`save_figure`; the table behind it exports with ``df.to_csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["STYLE", "PART_COLORS", "style", "save_figure", "plot_words_per_paragraph"]

STYLE = {
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.hashsalt": "newslens",
}
"""The newslens look, applied inside every plot function with ``plt.rc_context``."""

PART_COLORS = {
    "outlet": "#bbbbbb",
    "headline": "#d62728",
    "standfirst": "#ff7f0e",
    "dateline": "#999999",
    "caption": "#9467bd",
    "body": "#1f77b4",
}
"""One colour per article part, the same in every chart."""


@contextmanager
def style() -> Iterator[None]:
    """Apply the newslens style for the duration of a ``with`` block."""
    with plt.rc_context(STYLE):
        yield


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def save_figure(ax: Axes, path: str | Path, *, formats: tuple[str, ...] = ("png",), dpi: int = 150) -> list[Path]:
    """Save the figure that holds ``ax``, once per format; return the paths written.

    Example:
        >>> ax = plot_words_per_paragraph(article.tokens)  # doctest: +SKIP
        >>> save_figure(ax, "reports/words", formats=("png", "svg"))  # doctest: +SKIP
    """
    base = Path(path)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with style():
        for fmt in formats:
            target = base.with_suffix(f".{fmt}")
            ax.figure.savefig(target, dpi=dpi, metadata={"Software": None} if fmt == "png" else None)
            written.append(target)
    return written


def plot_words_per_paragraph(tokens: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Words (tokens that are not punctuation) in each paragraph, coloured by part.

    Args:
        tokens: A token table (``article.tokens``).
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Returns:
        The ``Axes`` drawn on.

    Example:
        >>> ax = plot_words_per_paragraph(article.tokens)  # doctest: +SKIP
    """
    words = tokens[tokens["is_word"]].groupby(["paragraph", "part"], sort=True).size().reset_index(name="words")
    with style():
        ax = _axes(ax, (8, 3.5))
        colors = [PART_COLORS.get(p, "#333333") for p in words["part"]]
        ax.bar(words["paragraph"].astype(str), words["words"], color=colors)
        for part in dict.fromkeys(words["part"]):
            ax.bar([], [], color=PART_COLORS.get(part, "#333333"), label=part)
        ax.legend(frameon=False, fontsize=8, ncols=3)
        ax.set(title=title or "Words per paragraph", xlabel="Paragraph (article order)", ylabel="Words")
    return ax
