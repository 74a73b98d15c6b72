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

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from newslens.errors import InvalidArgument, message
from newslens.layouts import scope_label
from newslens.style import KIND_COLORS, LABEL_COLORS, PART_COLORS, STYLE, label_name
from newslens.tokenize import reader_words

__all__ = [
    "style",
    "save_figure",
    "plot_words_per_paragraph",
    "plot_top_terms",
    "plot_dispersion",
    "plot_keyness",
    "plot_wordcloud",
    "plot_length_histogram",
    "plot_sentence_lengths",
    "plot_length_box",
    "plot_entity_mentions",
    "plot_label_breakdown",
    "plot_entity_timeline",
    "plot_cooccurrence_network",
    "plot_quoted_speakers",
    "plot_quotes_along_article",
    "plot_quotation_share",
]

@contextmanager
def style() -> Iterator[None]:
    """Apply the newslens style for the duration of a ``with`` block.

    Interactive mode is the one setting kept from inside the block: Jupyter's inline backend
    turns it on when the first figure is made, and restoring it on exit would stop every later
    figure from displaying on its own.
    """
    interactive = matplotlib.is_interactive()
    try:
        with plt.rc_context(STYLE):
            try:
                yield
            finally:
                interactive = matplotlib.is_interactive()
    finally:
        matplotlib.interactive(interactive)


def _plain(labels) -> list[str]:
    """Labels taken from data, drawn as they are: a ``$`` escaped, so that "$5 bn vs $6 bn" is never
    read as maths (matplotlib shows an escaped dollar as a dollar)."""
    return [str(label).replace("$", r"\$") for label in labels]


def _whole_numbers(axis) -> None:
    """Ticks only at whole numbers, for an axis of counts (no half-sentence ticks)."""
    axis.set_major_locator(MaxNLocator(integer=True))


def _nothing(ax: Axes, what: str) -> None:
    """Say on an empty chart that there is nothing to draw, and why."""
    ax.text(0.5, 0.5, f"Nothing to show: {what}", transform=ax.transAxes, ha="center", va="center",
            color="#777777", fontsize=10)


def _title(title: str | None, default: str) -> str:
    """The chart's title: the caller's, or the default, with its dollar signs drawn as they are."""
    return _plain([title or default])[0]


def _in_scope(label: str, table: pd.DataFrame) -> str:
    """An axis label with the parts its table counts (``table.attrs["scope"]``), when the table says."""
    if "scope" not in table.attrs:
        return label
    return f"{label} (in {scope_label(table.attrs['scope'])})"


def _legend(ax: Axes, colors: dict[str, str], **kwargs) -> None:
    ax.legend(handles=[Patch(color=c, label=l) for l, c in colors.items()], frameon=False, fontsize=8, **kwargs)


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
    words = reader_words(tokens).groupby(["paragraph", "part"], sort=True).size().reset_index(name="words")
    with style():
        ax = _axes(ax, (8, 3.5))
        colors = [PART_COLORS.get(p, "#333333") for p in words["part"]]
        ax.bar(words["paragraph"].astype(str), words["words"], color=colors)
        _legend(ax, {p: PART_COLORS.get(p, "#333333") for p in dict.fromkeys(words["part"])}, ncols=3)
        ax.set(title=_title(title, "Words per paragraph"), xlabel="Paragraph (article order)", ylabel="Words")
        _whole_numbers(ax.yaxis)
    return ax


def _bar_labels(ax: Axes, bars, fmt: str = "{:g}") -> None:
    ax.bar_label(bars, labels=[fmt.format(b.get_width()) for b in bars], padding=2, fontsize=8)


def plot_top_terms(
    freq: pd.DataFrame,
    *,
    n: int = 20,
    ax: Axes | None = None,
    title: str | None = None,
    value: str = "count",
) -> Axes:
    """The most frequent terms as horizontal bars, largest on top, each bar labelled with its count.

    A table made with ``word_frequencies(..., by="part")`` or ``by="pos"`` is drawn as stacked
    bars, one colour per group.

    Args:
        freq: A table from :func:`newslens.frequencies.word_frequencies`.
        n: How many terms to show.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.
        value: The column to draw: ``"count"`` or ``"per_1000"``.

    Returns:
        The ``Axes`` drawn on.

    Example:
        >>> ax = plot_top_terms(word_frequencies(article), n=15)  # doctest: +SKIP
    """
    group = next((c for c in ("part", "pos") if c in freq.columns), None)
    with style():
        if group is None:
            top = freq.nlargest(n, value, keep="first").iloc[::-1]
            ax = _axes(ax, (7, max(2.5, 0.28 * len(top) + 1)))
            bars = ax.barh(_plain(top["term"]), top[value], color="#1f77b4")
            _bar_labels(ax, bars, "{:g}" if value == "count" else "{:.1f}")
        else:
            wide = freq.pivot_table(index="term", columns=group, values=value, aggfunc="sum", fill_value=0)
            wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index[:n]].iloc[::-1]
            ax = _axes(ax, (7, max(2.5, 0.28 * len(wide) + 1)))
            left = pd.Series(0.0, index=wide.index)
            for col in wide.columns:
                color = PART_COLORS.get(col) if group == "part" else None
                ax.barh(_plain(wide.index), wide[col], left=left, label=col, color=color)
                left += wide[col]
            if ax.containers:
                ax.bar_label(ax.containers[-1], labels=[f"{v:g}" for v in left], padding=2, fontsize=8)
                ax.legend(frameon=False, fontsize=8, title=group)
        if freq.empty:
            _nothing(ax, "the article has no words to count here")
        label = "Occurrences" if value == "count" else "Occurrences per 1,000 words"
        ax.set(title=_title(title, f"Top {n} terms"), xlabel=_in_scope(label, freq), ylabel="Term")
        if value == "count":
            _whole_numbers(ax.xaxis)
    return ax


def plot_dispersion(disp: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Where chosen words occur across the article: one row per word, a tick per occurrence.

    Dotted vertical lines mark where paragraphs start.

    Args:
        disp: A table from :func:`newslens.frequencies.dispersion`.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_dispersion(dispersion(article, ["sanctions", "Tokyo", "Moscow"]))  # doctest: +SKIP
    """
    terms = disp.attrs.get("terms") or list(dict.fromkeys(disp["term"]))
    with style():
        ax = _axes(ax, (8, 0.5 * len(terms) + 1.5))
        for k, start in enumerate(disp.attrs.get("paragraph_starts", [])):
            ax.axvline(start, color="#bbbbbb", linestyle=":", linewidth=1, zorder=0, label="paragraph start" if k == 0 else None)
        for row, term in enumerate(terms):
            hits = disp.loc[disp["term"] == term, "word_position"]
            ax.plot(hits, [row] * len(hits), "|", markersize=16, markeredgewidth=2, color="#1f77b4")
        ax.set_yticks(range(len(terms)), _plain(terms))
        if disp.attrs.get("paragraph_starts"):
            ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        ax.set_ylim(-0.7, len(terms) - 0.3)
        ax.invert_yaxis()
        if disp.attrs.get("total_words"):
            ax.set_xlim(0, disp.attrs["total_words"])
        ax.set(title=_title(title, "Where the words occur"), xlabel="Word position in the article", ylabel="Word")
    return ax


def plot_keyness(key: pd.DataFrame, *, n: int = 12, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Keyness as diverging bars: words the article over-uses (right) and under-uses (left), by signed G2.

    Args:
        key: A table from :func:`newslens.frequencies.keyness`.
        n: How many words on each side.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_keyness(keyness(article))  # doctest: +SKIP
    """
    over = key[key["g2"] > 0].nlargest(n, "g2")
    under = key[key["g2"] < 0].nsmallest(n, "g2")
    shown = pd.concat([under.iloc[::-1], over.iloc[::-1]]) if len(under) else over.iloc[::-1]
    shown = shown.sort_values("g2")
    with style():
        ax = _axes(ax, (7, max(2.5, 0.28 * len(shown) + 1)))
        colors = ["#d62728" if g < 0 else "#1f77b4" for g in shown["g2"]]
        bars = ax.barh(_plain(shown["term"]), shown["g2"], color=colors)
        ax.bar_label(bars, labels=[f"{g:.0f}" for g in shown["g2"]], padding=2, fontsize=8)
        ax.axvline(0, color="black", linewidth=0.8)
        if shown.empty:
            _nothing(ax, "the article has no words to compare")
        ax.set(
            title=_title(title, "Distinctive words"),
            xlabel="Signed log-likelihood G2 (right: more than the reference, left: less)",
            ylabel="Word",
        )
    return ax


def plot_wordcloud(
    freq: pd.DataFrame, *, max_words: int = 60, ax: Axes | None = None, title: str | None = None, seed: int = 7
) -> Axes:
    """A word cloud of a frequency table, sized by count, laid out the same way every time (fixed seed).

    Example:
        >>> ax = plot_wordcloud(word_frequencies(article))  # doctest: +SKIP
    """
    from wordcloud import WordCloud  # lazy: one optional chart, 0.2 s to import

    weights = dict(zip(freq["term"], freq["count"]))
    with style():
        ax = _axes(ax, (8, 4))
        if weights:
            cloud = WordCloud(width=800, height=400, background_color="white", max_words=max_words, random_state=seed,
                              colormap="viridis").generate_from_frequencies(weights)
            ax.imshow(cloud, interpolation="bilinear")
        else:
            _nothing(ax, "the article has no words to count here")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set(title=_title(title, "Word cloud"), xlabel="Size: how often the word occurs", ylabel="")
        for spine in ax.spines.values():
            spine.set_visible(False)
    return ax


_ARTICLE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def _article_color(i: int) -> str:
    return _ARTICLE_COLORS[i % len(_ARTICLE_COLORS)]


def plot_length_histogram(
    sentences: pd.DataFrame, *, value: str = "words", bins: int | None = None, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Histogram of sentence lengths, with the mean (dashed) and median (dotted) marked.

    Several articles (several ``article_id`` values) are drawn as outlines, one colour each.

    Args:
        sentences: A table from :func:`newslens.sentences.sentence_table`.
        value: ``"words"`` (default), ``"tokens"`` or ``"characters"``.
        bins: Number of bins (default: one per 5 words, at least 5).
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_length_histogram(sentence_table(article))  # doctest: +SKIP
    """
    groups = list(sentences.groupby("article_id", sort=False))
    top = int(sentences[value].max()) if len(sentences) else 1
    bins = bins or max(5, top // 5 + 1)
    edges = [i * (top + 1) / bins for i in range(bins + 1)]
    with style():
        ax = _axes(ax, (7, 3.5))
        for i, (article_id, table) in enumerate(groups):
            color = _article_color(i)
            many = len(groups) > 1
            ax.hist(table[value], bins=edges, color=color, alpha=1 if many else 0.85,
                    histtype="step" if many else "bar", linewidth=2 if many else 0.5, edgecolor=color if many else "white",
                    label=_plain([article_id])[0] if many else None)
            mean, median = table[value].mean(), table[value].median()
            ax.axvline(mean, color="black" if not many else color, linestyle="--", linewidth=1.2,
                       label=f"mean {mean:.1f}" if not many else None)
            ax.axvline(median, color="black" if not many else color, linestyle=":", linewidth=1.5,
                       label=f"median {median:g}" if not many else None)
        if len(groups) > 1:  # one colour per article: say what the two line styles are
            ax.plot([], [], color="#555555", linestyle="--", label="mean (dashed)")
            ax.plot([], [], color="#555555", linestyle=":", label="median (dotted)")
        ax.legend(frameon=False, fontsize=8)
        ax.set(title=_title(title, "Sentence lengths"), xlabel=f"Sentence length ({value})", ylabel="Sentences")
        _whole_numbers(ax.yaxis)
    return ax


def plot_sentence_lengths(
    sentences: pd.DataFrame, *, color_by: str = "paragraph", value: str = "words", ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Sentence length in article order: one bar per sentence.

    Args:
        sentences: A table from :func:`newslens.sentences.sentence_table` (one article).
        color_by: ``"paragraph"`` (alternating shades per paragraph), ``"part"`` or
            ``"has_quote"`` (quotation against narration).
        value: ``"words"`` (default), ``"tokens"`` or ``"characters"``.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_sentence_lengths(sentence_table(article), color_by="has_quote")  # doctest: +SKIP
    """
    table = sentences.reset_index(drop=True)
    if color_by == "paragraph":
        shade = {p: ("#1f77b4" if i % 2 == 0 else "#9ecae1") for i, p in enumerate(dict.fromkeys(table["paragraph"]))}
        colors = table["paragraph"].map(shade)
        legend = {}
    elif color_by == "part":
        colors = table["part"].map(lambda p: PART_COLORS.get(p, "#333333"))
        legend = {p: PART_COLORS.get(p, "#333333") for p in dict.fromkeys(table["part"])}
    elif color_by == "has_quote":
        colors = table["has_quote"].map({True: "#d62728", False: "#1f77b4"})
        legend = {"quotation": "#d62728", "narration": "#1f77b4"}
    else:
        raise InvalidArgument(message(f"color_by={color_by!r}", "not a colouring", "use 'paragraph', 'part' or 'has_quote'"))
    with style():
        ax = _axes(ax, (8, 3.5))
        ax.bar(table["sentence"].astype(int), table[value], color=list(colors))  # numbered as in the tables
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if legend:
            _legend(ax, legend)
        ax.set(title=_title(title, "Sentence length through the article"), xlabel="Sentence number (as in the tables)",
               ylabel=f"Length ({value})")
    return ax


def plot_length_box(
    sentences: pd.DataFrame, *, by: str = "part", value: str = "words", ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Box plot of sentence length per part (or per ``article_id`` to compare articles).

    A group of a single sentence has no spread to draw: it is left out, and the x label says so.
    """
    everything = [(name, g[value].tolist()) for name, g in sentences.groupby(by, sort=False)]
    groups = [(name, values) for name, values in everything if len(values) > 1]
    single = [str(name) for name, values in everything if len(values) == 1]
    xlabel = f"Sentence length ({value})" + (f"; one sentence only, not drawn: {', '.join(single)}" if single else "")
    with style():
        ax = _axes(ax, (7, 3.5))
        if groups:
            ax.boxplot([g for _, g in groups], tick_labels=_plain([n for n, _ in groups]), orientation="horizontal",
                       showmeans=True)
            ax.invert_yaxis()
        else:
            _nothing(ax, "no group has more than one sentence")
        ax.set(title=_title(title, f"Sentence length by {by}"), xlabel=_plain([xlabel])[0],
               ylabel=by.replace("_", " ").capitalize())
    return ax


def plot_entity_mentions(
    summary: pd.DataFrame, *, n: int = 20, value: str = "mentions", ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Mentions per canonical entity as horizontal bars coloured by label, most mentioned on top.

    Args:
        summary: A table from :func:`newslens.entities.entity_summary` (or
            :func:`~newslens.entities.entity_spread`, with ``value="articles"``).
        n: How many entities to show.
        value: The column to draw: ``"mentions"`` or, for a corpus, ``"articles"``.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_entity_mentions(entity_summary(entity_mentions(article)))  # doctest: +SKIP
    """
    top = summary.head(n).iloc[::-1]
    with style():
        ax = _axes(ax, (7, max(2.5, 0.3 * len(top) + 1)))
        colors = [LABEL_COLORS.get(lab, "#999999") for lab in top["label"]]
        bars = ax.barh(_plain(top["entity"]), top[value], color=colors)
        _bar_labels(ax, bars)
        _legend(ax, {label_name(lab): LABEL_COLORS.get(lab, "#999999") for lab in dict.fromkeys(summary.head(n)["label"])},
                loc="lower right")
        ax.set(title=_title(title, "Who and what the article names"), xlabel=_in_scope(value.capitalize(), summary),
               ylabel="Entity")
        _whole_numbers(ax.xaxis)
    return ax


def plot_label_breakdown(mentions: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """How many mentions, and how many distinct entities, of each label."""
    table = mentions.groupby("label").agg(mentions=("canonical", "size"), entities=("canonical", "nunique"))
    table = table.sort_values("mentions")
    with style():
        ax = _axes(ax, (6, max(2.5, 0.35 * len(table) + 1)))
        colors = [LABEL_COLORS.get(lab, "#999999") for lab in table.index]
        bars = ax.barh([label_name(lab) for lab in table.index], table["mentions"], color=colors)
        ax.bar_label(bars, labels=[f"{m} ({e} entities)" for m, e in zip(table["mentions"], table["entities"])],
                     padding=2, fontsize=8)
        ax.set(title=_title(title, "Mentions by label"), xlabel=_in_scope("Mentions", mentions), ylabel="Kind of entity")
        _whole_numbers(ax.xaxis)
    return ax


def plot_entity_timeline(
    mentions: pd.DataFrame, *, n: int = 15, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Which entities appear in which sentence: one row per entity (first named on top), a dot per mention."""
    order = (mentions.groupby("canonical")["sentence"].agg(["min", "size"]).sort_values(["size", "min"], ascending=[False, True]))
    keep = order.head(n).sort_values("min").index.tolist()
    shown = mentions[mentions["canonical"].isin(keep)]
    row = {name: i for i, name in enumerate(keep)}
    with style():
        ax = _axes(ax, (8, max(2.5, 0.32 * len(keep) + 1)))
        for label, group in shown.groupby("label"):
            ax.scatter(group["sentence"], group["canonical"].map(row), s=60, color=LABEL_COLORS.get(label, "#999999"),
                       label=label_name(label), zorder=3)
        ax.set_yticks(range(len(keep)), _plain(keep))
        ax.invert_yaxis()
        ax.grid(axis="x", color="#eeeeee", zorder=0)
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        ax.set(title=_title(title, "Entities through the article"), xlabel="Sentence number (as in the tables)", ylabel="Entity")
    return ax


def plot_cooccurrence_network(
    pairs: pd.DataFrame, summary: pd.DataFrame | None = None, *, ax: Axes | None = None, title: str | None = None,
    seed: int = 42,
) -> Axes:
    """Entities that share a sentence, as a network: edge width is the number of shared sentences.

    The layout is computed with a fixed seed, so the same table always gives the same picture.

    Args:
        pairs: A table from :func:`newslens.entities.cooccurrence`.
        summary: Optionally, :func:`newslens.entities.entity_summary`, to colour nodes by label
            and size them by mentions.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.
        seed: The layout's random seed.
    """
    import networkx as nx  # lazy: one optional chart, 0.2 s to import

    graph = nx.Graph()
    for row in pairs.itertuples():
        graph.add_edge(row.source, row.target, weight=row.sentences)
    info = summary.set_index("entity") if summary is not None else None
    with style():
        ax = _axes(ax, (8, 6))
        if graph.number_of_nodes():
            pos = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2 / max(1, graph.number_of_nodes()) ** 0.5)
            widths = [1 + 1.5 * graph[u][v]["weight"] for u, v in graph.edges]
            nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#bbbbbb")
            colors = [LABEL_COLORS.get(info.at[n, "label"], "#999999") if info is not None and n in info.index else "#1f77b4"
                      for n in graph.nodes]
            sizes = [120 + 80 * (info.at[n, "mentions"] if info is not None and n in info.index else 1) for n in graph.nodes]
            nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=colors, node_size=sizes)
            ys = [y for _, y in pos.values()]
            lift = 0.045 * ((max(ys) - min(ys)) or 1)  # labels just above their nodes, not on them
            nx.draw_networkx_labels(graph, {n: (x, y + lift) for n, (x, y) in pos.items()}, ax=ax, font_size=8,
                                    labels=dict(zip(graph.nodes, _plain(graph.nodes))), verticalalignment="bottom")
            ax.margins(x=0.18, y=0.12)  # room for the labels at the edges
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set(title=_title(title, "Entities named in the same sentence"),
               xlabel="Edge width: sentences shared", ylabel="")
    return ax




def plot_quoted_speakers(
    summary: pd.DataFrame, *, value: str = "statements", n: int = 15, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Who is quoted and how much: one bar per speaker, most quoted on top.

    Args:
        summary: A table from :func:`newslens.quotes.quote_summary`.
        value: ``"statements"`` (bars split by kind: direct, partial, reported) or
            ``"quoted_words"`` (words inside direct and partial quotations).
        n: How many speakers to show.
        ax: Where to draw; a new figure when omitted.
        title: The chart's title.

    Example:
        >>> ax = plot_quoted_speakers(quote_summary(quotes(article)))  # doctest: +SKIP
    """
    top = summary.sort_values([value, "speaker"], ascending=[False, True]).head(n).iloc[::-1]
    with style():
        ax = _axes(ax, (7, max(2.5, 0.35 * len(top) + 1)))
        if value == "statements":
            left = pd.Series(0, index=top.index)
            for kind in ("direct", "partial", "reported"):
                ax.barh(_plain(top["speaker"]), top[kind], left=left, color=KIND_COLORS[kind], label=kind)
                left = left + top[kind]
            ax.bar_label(ax.containers[-1], labels=[str(int(v)) for v in left], padding=2, fontsize=8)
            ax.legend(frameon=False, fontsize=8, loc="lower right")
            xlabel = "Statements (direct, partial and reported)"
        else:
            bars = ax.barh(_plain(top["speaker"]), top[value], color="#d62728")
            _bar_labels(ax, bars)
            xlabel = "Words inside quotation marks"
        ax.set(title=_title(title, "Who is quoted"), xlabel=xlabel, ylabel="Speaker")
        _whole_numbers(ax.xaxis)
    return ax


def plot_quotes_along_article(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Quotations along the article: one row per speaker, a mark per statement at its sentence, shaped by kind."""
    speakers = list(dict.fromkeys(table.sort_values("start")["speaker"]))
    row = {s: i for i, s in enumerate(speakers)}
    markers = {"direct": "s", "partial": "D", "reported": "o", "unattributed": "x"}
    with style():
        ax = _axes(ax, (8, max(2.5, 0.45 * len(speakers) + 1.2)))
        lane = {"direct": -0.2, "partial": 0.0, "reported": 0.2, "unattributed": 0.0}  # kinds side by side, never on top
        for kind, group in table.groupby("kind"):
            ax.scatter(group["sentence"], group["speaker"].map(row) + lane.get(kind, 0.0), s=70,
                       marker=markers.get(kind, "o"), color=KIND_COLORS.get(kind, "#333333"), label=kind, zorder=3)
        ax.set_yticks(range(len(speakers)), _plain(speakers))
        ax.invert_yaxis()
        ax.grid(axis="x", color="#eeeeee", zorder=0)
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        ax.set(title=_title(title, "Who speaks where"), xlabel="Sentence number (as in the tables)", ylabel="Speaker")
    return ax


def plot_quotation_share(share: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """The share of the text that is quotation, reported speech and narration: one stacked bar per article."""
    wide = share.pivot_table(index="article_id", columns="kind", values="share", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=["quotation", "reported", "narration"], fill_value=0)
    with style():
        ax = _axes(ax, (7, max(1.8, 0.5 * len(wide) + 1.2)))
        left = pd.Series(0.0, index=wide.index)
        for kind in wide.columns:
            bars = ax.barh(_plain(wide.index), wide[kind], left=left, color=KIND_COLORS[kind], label=kind)
            ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.04 else "" for v in wide[kind]], label_type="center",
                         fontsize=8)
            left = left + wide[kind]
        ax.set_xlim(0, 1)
        ax.legend(frameon=False, fontsize=8, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.25))
        ax.set(title=_title(title, "Quotation against narration"), xlabel="Share of the body's characters", ylabel="Article")
    return ax
