"""Numbers as Indonesian news writes them: "2.011" (dot = thousands), "3,2" (comma = decimal),
"lima", "tiga puluh lima", "dua ratus", "seribu", "1,2 ribu", and the collective "keempat", "ke-63" (all four, all
63). Words come from `data/number_words.tsv`."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline import vocab


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, int], dict[str, str]]:
    units: dict[str, int] = {}
    mults: dict[str, str] = {}
    for word, value in vocab.rows("number_words.tsv"):
        if value.startswith("x"):
            mults[word] = value
        else:
            units[word] = int(value)
    return units, mults


@lru_cache(maxsize=1)
def number_regex() -> str:
    """A regex (no groups) for one number: digits or a run of number words."""
    units, mults = _words()
    word = "|".join(sorted(list(units) + list(mults), key=len, reverse=True))
    big = "|".join(w for w, v in mults.items() if int(v[1:].rstrip("+") or 0) >= 1000)
    return (rf"(?:\d+(?:,\d+)?\s+(?i:{big})|(?:[Kk]e-)?\d{{1,3}}(?:\.\d{{3}})+|(?:[Kk]e-)?\d+(?:,\d+)?"
            rf"|(?:(?i:{word}))(?:\s+(?:(?i:{word})))*)(?![\w])")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words; None when it is not one."""
    s = text.strip().lower()
    s = s[3:] if s.startswith("ke-") else s  # "Ke-63 anggota KPPSLN": all 63
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"\d+(?:,\d+)?", s):
        return float(s.replace(",", "."))
    units, mults = _words()
    scaled = re.fullmatch(r"(\d+(?:,\d+)?)\s+(\w+)", s)  # "1,2 ribu" = 1200
    if scaled and mults.get(scaled.group(2), "x").lstrip("x").isdigit():
        return round(float(scaled.group(1).replace(",", ".")) * int(mults[scaled.group(2)][1:]), 6)
    total = group = last = 0
    seen = False
    for tok in s.split():
        if tok in units:
            value = units[tok]
            if value >= 1000:
                total += value
            elif value >= 100:
                group += value
            else:
                group, last = group + last, value
        elif tok in mults:
            m = mults[tok]
            if m == "x10+":
                group, last = group + last + 10, 0
            elif int(m[1:]) < 1000:
                group, last = group + max(last, 1) * int(m[1:]), 0
            else:
                total, group, last = total + max(group + last, 1) * int(m[1:]), 0, 0
        else:
            return None
        seen = True
    return float(total + group + last) if seen else None


def parse_int(text: str) -> int | None:
    """`parse_number` as an int, when it is a whole number."""
    v = parse_number(text)
    return int(v) if v is not None and v == int(v) else None
