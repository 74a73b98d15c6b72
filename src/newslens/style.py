"""The newslens look: colours and chart settings shared by the charts and the HTML renderers.

Plain data, no matplotlib: the HTML renderers (:mod:`newslens.render`) use the same colours as
the charts (:mod:`newslens.plots`) without importing a plotting library.
"""

from __future__ import annotations

__all__ = ["STYLE", "PART_COLORS", "LABEL_COLORS", "LABEL_NAMES", "KIND_COLORS", "label_name"]

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


LABEL_COLORS = {
    "PERSON": "#d62728",
    "ORG": "#1f77b4",
    "GPE": "#2ca02c",
    "LOC": "#17becf",
    "NORP": "#ff7f0e",
    "FAC": "#8c564b",
    "EVENT": "#9467bd",
    "DATE": "#7f7f7f",
    "TIME": "#7f7f7f",
}
"""One colour per entity label, the same in every chart and in the highlighted text."""


KIND_COLORS = {"direct": "#d62728", "partial": "#ff7f0e", "reported": "#1f77b4", "unattributed": "#999999",
               "quotation": "#d62728", "narration": "#c7c7c7"}
"""One colour per kind of statement (and for narration), the same in every chart."""


LABEL_NAMES = {
    "PERSON": "Person",
    "NORP": "Nationality or group",
    "FAC": "Building or facility",
    "ORG": "Organisation",
    "GPE": "Country, city or state",
    "LOC": "Other place",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "WORK_OF_ART": "Work of art",
    "LAW": "Law",
    "LANGUAGE": "Language",
    "DATE": "Date",
    "TIME": "Time",
    "PERCENT": "Percentage",
    "MONEY": "Money",
    "QUANTITY": "Quantity",
    "ORDINAL": "Ordinal",
    "CARDINAL": "Number",
}
"""Entity labels in words, for charts a reader reads without a glossary (tables keep spaCy's codes)."""


def label_name(label: str) -> str:
    """The entity label in words: ``"GPE"`` -> ``"Country, city or state"`` (unknown labels as they are)."""
    return LABEL_NAMES.get(label, label)
