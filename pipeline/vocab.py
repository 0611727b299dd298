"""Vocabularies (bodies, titles, speech verbs, event words, number words, boilerplate markers).

They live as small data files in `pipeline/data/` and are read once; adding "PTPS" or "tutur" is a
one-line change there. Lines starting with '#' and blank lines are ignored; columns are tab-separated.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of data file `name` (comments and blank lines skipped)."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(col.strip() for col in line.split("\t")))
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """The first column of data file `name`, lowercased, as a set."""
    return frozenset(r[0].lower() for r in rows(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """Two-column data file `name` as a dict (first column lowercased)."""
    return {r[0].lower(): r[1] for r in rows(name) if len(r) >= 2}


def alternation(items: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
