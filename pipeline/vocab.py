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


def phrases(items: list[str] | tuple[str, ...] | frozenset[str]) -> list[str]:
    """Literal phrases as regexes, longest first, spaces matching any whitespace."""
    parts = sorted(set(items), key=len, reverse=True)
    return [re.escape(p).replace(r"\ ", r"\s+") for p in parts]


def alternation(items: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    return "|".join(phrases(items))


def _first_chars(pattern: str, flags: int) -> set[str] | None:
    """The characters a match of `pattern` can start with, or None when that is not a small literal set.

    Read off the parsed pattern (`re._parser`, the stdlib's own parser): literals, character sets of
    literals and ranges, the digit category, alternations, groups, repeats of at least one, zero-width
    anchors (\\b, ^) and negative lookbehinds (skipped), a lookahead (its own first characters). Anything
    else (a category like \\w, a positive lookbehind, an optional first item) gives None.
    """
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
        from re._constants import (  # type: ignore
            ASSERT,
            ASSERT_NOT,
            AT,
            BRANCH,
            CATEGORY,
            CATEGORY_DIGIT,
            IN,
            LITERAL,
            MAX_REPEAT,
            MIN_REPEAT,
            RANGE,
            SUBPATTERN,
        )

        parsed = parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an optimisation only: any surprise means no lookahead
        return None

    def first(items: list) -> set[str] | None:  # noqa: ANN001
        if not items:
            return None
        op, av = items[0]
        if op is AT or (op is ASSERT_NOT and av[0] < 0):  # \b, ^, (?<!...): zero width, look further
            return first(items[1:])
        if op is ASSERT and av[0] > 0:  # (?=...): the match starts with what the lookahead allows
            return first(list(av[1]))
        if op is LITERAL:
            return {chr(av)}
        if op is IN:
            out: set[str] = set()
            for sop, sav in av:
                if sop is LITERAL:
                    out.add(chr(sav))
                elif sop is RANGE and sav[1] - sav[0] < 64:
                    out.update(chr(c) for c in range(sav[0], sav[1] + 1))
                elif sop is CATEGORY and sav is CATEGORY_DIGIT:
                    out.add(DIGIT)
                else:
                    return None
            return out
        if op is BRANCH:
            out = set()
            for branch in av[1]:
                got = first(list(branch))
                if got is None:
                    return None
                out |= got
            return out
        if op is SUBPATTERN:
            got = first(list(av[-1]))
            if got is not None and av[1] & re.IGNORECASE:  # "(?i:...)"
                got = _both_cases(got)
            return got
        if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            return first(list(av[2]))
        return None

    chars = first(list(parsed))
    if chars is None:
        return None
    return _both_cases(chars) if (flags | parsed.state.flags) & re.IGNORECASE else chars


def _both_cases(chars: set[str]) -> set[str]:
    return {c for ch in chars for c in (ch, ch.lower(), ch.upper()) if len(c) == 1 or c == DIGIT}


#: stands for the category \d in a set of first characters
DIGIT = r"\d"


def first_char_lookahead(pattern: str, flags: int = 0) -> str:
    """`(?=[...])` of the characters a match of `pattern` can start with, or '' when unknown."""
    chars = _first_chars(pattern, flags)
    if not chars:
        return ""
    return "(?=[" + "".join(c if c == DIGIT else re.escape(c) for c in sorted(chars)) + "])"


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern)`, led by a lookahead of its possible first characters when they are known.

    The same matches; most positions of a scan then fail on one character test (see `word_rx`).
    """
    return re.compile(first_char_lookahead(pattern, flags) + pattern, flags)


def dispatch_alternation(alternatives: list[str], flags: int = 0) -> str:
    """`a1|a2|...` regrouped by first character: `(?=[kK])(?:ketua..|kepala..)|(?=[sS])(?:sekretaris..)|...`.

    At a position only the group of its character is tried instead of every alternative, with the same
    result: alternatives of other groups cannot match there, and the order within a group is kept. When
    the first characters of some alternative are unknown, or two groups share a character, the plain
    alternation comes back.
    """
    groups: dict[frozenset[str], list[str]] = {}
    for alt in alternatives:
        chars = _first_chars(alt, flags)
        if not chars:
            return "|".join(alternatives)
        groups.setdefault(frozenset(chars), []).append(alt)
    keys = list(groups)
    if any(a & b for i, a in enumerate(keys) for b in keys[i + 1:]):
        return "|".join(alternatives)
    return "|".join(first_char_lookahead("|".join(alts), flags) + "(?:" + "|".join(alts) + ")"
                    for alts in groups.values())


def word_rx(alternation_rx: str, flags: int = 0, left: str = r"[\w-]") -> re.Pattern[str]:
    """`(?<!LEFT)(?:ALT)(?![\\w-])`: a phrase from an alternation, not inside a longer word.

    Compiled with `compile_fast`: `re` then rejects most positions with one character test instead of
    trying every alternative there, which makes a scan of an article two to three times faster for the
    big vocabularies (titles, events).
    """
    return compile_fast(rf"(?<!{left})(?:{alternation_rx})(?![\w-])", flags)
