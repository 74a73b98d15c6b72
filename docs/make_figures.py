"""Regenerate the README's figures from the first article: python docs/make_figures.py"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import newslens  # noqa: E402
from newslens import plots  # noqa: E402
from newslens.entities import cooccurrence, entity_mentions, entity_summary  # noqa: E402
from newslens.frequencies import word_frequencies  # noqa: E402
from newslens.paths import FIRST_ARTICLE, PROJECT_ROOT  # noqa: E402
from newslens.quotes import quote_summary, quotes  # noqa: E402
from newslens.sentences import sentence_table  # noqa: E402

OUT = PROJECT_ROOT / "docs" / "img"


def main() -> None:
    article = newslens.load_article(FIRST_ARTICLE)
    mentions = entity_mentions(article, numeric=False)
    sentences = sentence_table(article, quotes=quotes(article))
    figures = {
        "top-words": plots.plot_top_terms(word_frequencies(article, by="part"), n=12, title="Top words, by part"),
        "entities": plots.plot_entity_mentions(entity_summary(mentions), n=15, title="Who and what the article names"),
        "entity-network": plots.plot_cooccurrence_network(cooccurrence(mentions), entity_summary(mentions),
                                                          title="Entities named in the same sentence"),
        "sentence-lengths": plots.plot_sentence_lengths(sentences[sentences["part"] == "body"], color_by="has_quote",
                                                        title="Body sentences: quotation against narration"),
        "quoted-speakers": plots.plot_quoted_speakers(quote_summary(quotes(article)), title="Who is quoted"),
    }
    for name, ax in figures.items():
        plots.save_figure(ax, OUT / name, formats=("png",), dpi=110)
        plt.close(ax.figure)
        print(f"wrote {OUT / name}.png")


if __name__ == "__main__":
    main()
