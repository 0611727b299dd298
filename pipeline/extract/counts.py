"""Member counts: "30 anggota PPK", "978 Panitia Pemungutan Suara (PPS)", "anggota PPS sebanyak
1.032 orang", and units times a quota ("enam kecamatan ... masing-masing lima orang").

A number counts members only when it is tied to a body or to "anggota"/"orang": voters per TPS,
attendees ("2.011 peserta"), registrants, budgets, percentages, decree numbers and gender or
new/returning breakdowns are never members, because none of them is written that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab
from pipeline.extract.bodies import BodyMention
from pipeline.numbers import number_regex, parse_int


@dataclass(slots=True)
class Count:
    """A number of members, of `body` when the text ties it to one (else None)."""

    value: int
    start: int
    end: int
    body: str | None = None


@dataclass(slots=True)
class UnitQuota:
    """Units times a quota: `units` areas (may be None) with `per_unit` members each."""

    units: int | None
    per_unit: int | None
    unit_type: str
    start: int
    end: int


def _kind(kind: str) -> str:
    return "|".join(sorted((r[1] for r in vocab.rows("count_words.tsv") if r[0] == kind), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    num = number_regex()
    member, quant, unit, each = (_kind(k) for k in ("member", "quantifier", "unit", "each"))
    unit = unit.replace("/", r"\s*/\s*")
    return {
        # NUM [orang] [anggota] [baru] <body>
        "before": re.compile(rf"(?<![\w.,])(?P<num>{num})\s+(?:(?i:{member})\s+)?(?:(?i:baru)\s+)?$"),
        # <body> ... sebanyak NUM orang
        "after": re.compile(rf"^(?:\s*\([A-Z]+\))?(?:\s+[\w/-]+){{0,5}}?\s+(?i:{quant})\s+(?P<num>{num})\s+"
                            rf"(?i:{member})\b"),
        # NUM anggota (no body next to it)
        "bare": re.compile(rf"(?<![\w.,])(?P<num>{num})\s+(?i:anggota|orang\s+anggota)\b(?!\s+(?i:DPR|DPRD))"),
        "units": re.compile(rf"(?<![\w.,])(?P<num>{num})\s+(?P<unit>(?i:{unit}))\b"),
        "quota1": re.compile(rf"(?i:{each})\s+(?:(?P<unit>(?i:{unit}))\s+)?(?:(?i:sebanyak|berjumlah|terdiri\s+"
                             rf"(?:dari|atas)|diisi|ada|yakni)\s+)?(?P<num>{num})\s+(?i:{member})\b"),
        "quota2": re.compile(rf"(?<![\w.,])(?P<num>{num})\s+(?i:{member})(?:\s+\w+){{0,2}}?\s+(?:(?i:di|untuk|pada|"
                             rf"dari)\s+)?(?i:{each})\s+(?P<unit>(?i:{unit}))\b"),
    }


_NOT_COUNT_BEFORE = re.compile(r"(?i:rp\.?|nomor|no\.|tahun|pukul|pasal|ayat|calon|kode)\s*$")


def _value(m: re.Match[str]) -> int | None:
    v = parse_int(m.group("num"))
    return v if v and v > 0 else None


def find_counts(text: str, bodies: list[BodyMention], lo: int, hi: int) -> list[Count]:
    """Member counts in text[lo:hi] (a sentence), tied to the bodies found there when written so."""
    rx = _rx()
    out: list[Count] = []
    taken: set[int] = set()
    for b in bodies:
        if not lo <= b.start < hi:
            continue
        m = rx["before"].search(text, max(lo, b.start - 60), b.start)
        if m and not _NOT_COUNT_BEFORE.search(text[max(lo, m.start() - 12):m.start()]):
            v = _value(m)
            if v:
                out.append(Count(v, m.start("num"), m.end("num"), b.body))
                taken.add(m.start("num"))
                continue
        m = rx["after"].match(text[b.end:hi])
        if m:
            v = _value(m)
            if v:
                s = b.end + m.start("num")
                out.append(Count(v, s, b.end + m.end("num"), b.body))
                taken.add(s)
    for m in rx["bare"].finditer(text, lo, hi):
        if m.start("num") in taken or _NOT_COUNT_BEFORE.search(text[max(lo, m.start() - 12):m.start()]):
            continue
        v = _value(m)
        if v:
            out.append(Count(v, m.start("num"), m.end("num"), None))
    return out


def find_quotas(text: str, lo: int, hi: int) -> list[UnitQuota]:
    """Units and per-unit quotas in text[lo:hi] (a paragraph): "enam kecamatan ... lima orang"."""
    rx = _rx()
    quotas = []
    for m in list(rx["quota1"].finditer(text, lo, hi)) + list(rx["quota2"].finditer(text, lo, hi)):
        v = _value(m)
        if v:
            unit = (m.group("unit") or "").lower()
            quotas.append(UnitQuota(None, v, unit, m.start(), m.end()))
    units = [m for m in rx["units"].finditer(text, lo, hi) if _value(m)]
    for q in quotas:
        before = [u for u in units if u.end() <= q.start or u.start() >= q.end]
        if q.unit_type:
            before = [u for u in before if u.group("unit").lower() == q.unit_type] or before
        prior = [u for u in before if u.end() <= q.start]
        pick = prior[-1] if prior else (before[0] if before else None)
        if pick is not None:
            q.units = _value(pick)
            q.unit_type = q.unit_type or pick.group("unit").lower()
            q.start = min(q.start, pick.start())
            q.end = max(q.end, pick.end())
    return quotas
