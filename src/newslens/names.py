"""Common first names and the gender they almost always mark (``data/first_names.csv``, compiled
for newslens; names used for both, such as Jean, Taylor or Jordan, are left out). Entity mentions
read it to find people the model missed ("Irene Khan"), speaker resolution to agree "he" and
"she" with a person."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["first_name_gender"]


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    path = resources.files("newslens") / "data" / "first_names.csv"
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {row["name"].casefold(): row["gender"] for row in rows}


def first_name_gender(name: str) -> str | None:
    """``"m"`` or ``"f"`` for a common first name that almost always marks it, else None.

    Example:
        >>> first_name_gender("Irene"), first_name_gender("Boris"), first_name_gender("Jordan")
        ('f', 'm', None)
    """
    return _first_names().get(name.casefold())
