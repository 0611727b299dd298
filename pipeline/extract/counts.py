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
from pipeline.extract.bodies import AD_HOC, BodyMention
from pipeline.numbers import number_regex, parse_int


@dataclass(slots=True)
class Count:
    """A number of members, of `body` when the text ties it to one (else None)."""

    value: int
    start: int
    end: int
    body: str | None = None
    mention_start: int | None = None  # where the body mention it is written with starts
    people: bool = True  # written with a word for people ("30 anggota PPK"), not just "enam PPK"


@dataclass(slots=True)
class UnitQuota:
    """A quota per unit ("masing-masing lima orang" per kecamatan)."""

    per_unit: int
    unit_type: str  # "" when the sentence does not say which unit
    start: int
    end: int


@dataclass(slots=True)
class UnitCount:
    """A number of units a body is formed in ("di 12 kecamatan", "dari 339 desa dan kelurahan")."""

    units: int
    unit_type: str
    start: int
    end: int


def _kind(kind: str) -> str:
    return "|".join(sorted((r[1] for r in vocab.rows("count_words.tsv") if r[0] == kind), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    num = number_regex()
    member, quant, unit, each, fill, lead, others = (
        _kind(k) for k in ("member", "quantifier", "unit", "each", "fill", "unit_lead", "not_member_after"))
    unit = unit.replace("/", r"\s*/\s*").replace(" ", r"\s+")
    fill = fill.replace(" ", r"\s+")
    lead = lead.replace(" ", r"\s+")
    # compile_fast: a lookahead of the possible first characters ("(?=[\dBbDd...])") leads the scanned ones
    return {
        # NUM [orang] [anggota] [baru] <body>
        "before": vocab.compile_fast(rf"(?<![\w.,])(?P<num>{num})\s+(?:(?P<member>(?i:{member}))\s+)?"
                                     rf"(?:(?i:baru)\s+)?$"),
        # <body> ... sebanyak NUM orang
        "after": re.compile(rf"(?:\s*\([A-Z]+\))?(?:\s+[\w/-]+){{0,5}}?\s+(?i:{quant})\s+(?P<num>{num})\s+"
                            rf"(?i:{member})\b"),  # used with .match right after the body: no scan
        # NUM orang ... sebagai anggota <body>
        "as": vocab.compile_fast(rf"(?<![\w.,])(?P<num>{num})\s+(?i:orang|peserta|pendaftar)\b(?:\s+[\w/-]+){{0,6}}?"
                                 rf"\s+(?i:sebagai|menjadi)\s+(?i:anggota)\s+$"),
        # NUM anggota (no body next to it)
        "bare": vocab.compile_fast(
            rf"(?<![\w.,])(?P<num>{num})\s+(?i:anggota|orang\s+anggota)\b(?!\s+(?i:DPR|DPRD)|\s+\S+-nya\b)"),
        # "Sebanyak 651 nama dinyatakan terpilih": the selected, in an announcement of results
        "selected": vocab.compile_fast(rf"(?<![\w.,])(?P<num>{num})\s+(?i:orang|nama)\s+(?i:calon\s+anggota\s+\S+\s+)?"
                                       rf"(?i:(?:yang\s+)?(?:dinyatakan|ditetapkan)\s+)?(?i:terpilih)\b"),
        "units": vocab.compile_fast(rf"(?<![\w-])(?i:{lead})-?\s*(?P<num>{num})\s+(?P<unit>(?i:{unit}))\b"),
        # "176 tempat pemungutan suara (TPS), masing-masing tujuh orang": no lead word before the number
        # ... or a place between them: "23 kecamatan di Aceh Besar masing-masing memiliki lima anggota"
        "units_each": vocab.compile_fast(rf"(?<![\w.,])(?P<num>{num})\s+(?P<unit>(?i:{unit}))\b"
                                         rf"(?:\s*\([A-Z]+\))?(?:\s+(?:di|se-?)\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,3}})?"
                                         rf",?\s+(?:(?i:dan|yang)\s+)?(?i:{each})\b"),
        # "setiap desa diisi tiga orang", "Setiap kelurahan di Kota Blitar diawasi satu orang PKD"
        "quota1": vocab.compile_fast(rf"(?i:{each})\s+(?:(?P<unit>(?i:{unit}))\s+)?"
                                     rf"(?:(?:di|se-?)\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,3}}\s+)?(?:(?i:{fill})\s+)?"
                                     rf"(?P<num>{num})\s+(?:(?i:orang)\s+)?(?i:{member})\b(?!\s+(?i:{others})\b)"),
        # "tiga orang di setiap desa", also with the body's acronym: "Satu PTPS bertugas di setiap TPS"
        "quota2": vocab.compile_fast(rf"(?<![\w.,])(?P<num>{num})\s+(?:(?i:{member})|[A-Z][A-Za-z]{{2,11}}\b)"
                                     rf"(?:\s+[\w/()-]+){{0,3}}?\s+(?:(?i:di|untuk|pada|dari)\s+)?(?i:{each})\s+"
                                     rf"(?:{num}\s+)?(?P<unit>(?i:{unit}))\b"),  # "... di masing-masing 136 desa"
    }


def unit_kind(unit: str) -> str:
    """The kind of a unit word: kecamatan, desa or tps ("desa dan kelurahan" -> desa)."""
    u = unit.lower().split()[0].split("/")[0] if unit else ""
    if u in ("kecamatan", "distrik", "kapanewon", "kemantren"):
        return "kecamatan"
    if u in ("desa", "kelurahan", "kalurahan", "nagari", "gampong", "kampung"):
        return "desa"
    if u in ("tps", "tpsln", "tempat"):
        return "tps"
    return u


#: People named before the body who are not its members: "pendaftar PPS sebanyak 415 orang".
_NOT_MEMBERS_BEFORE = re.compile(r"(?i:pendaftar|pelamar|calon|peserta(?:\s+seleksi)?)\s+(?:(?i:calon|anggota)\s+)?$")
_NOT_COUNT_BEFORE = re.compile(r"(?i:rp\.?|nomor|no\.|tahun|pukul|pasal|ayat|calon|kode)\s*$")


def _value(m: re.Match[str]) -> int | None:
    v = parse_int(m.group("num"))
    return v if v and v > 0 else None


def find_counts(text: str, bodies: list[BodyMention], lo: int, hi: int) -> list[Count]:
    """Member counts in text[lo:hi] (a sentence), tied to the bodies found there when written so."""
    rx = _rx()
    out: list[Count] = []
    # "ada desa yang ketiga anggota PPS-nya perempuan": a body with "-nya" is someone's, its count no fact's
    here = [b for b in bodies if lo <= b.start < hi and not text.startswith("-nya", b.end)]
    bare = list(rx["bare"].finditer(text, lo, hi))
    selected = list(rx["selected"].finditer(text, lo, hi)) if "terpilih" in text[lo:hi].lower() else []
    if not here and not bare and not selected:
        return out  # most sentences: no body and no "N anggota", so no quota scan either
    taken: set[int] = {q.start for q in find_quotas(text, lo, hi, numbers_only=True)}
    counted: set[int] = set()
    # "N anggota BODY" first, for every body: in "KPU NTB mencatat sebanyak 580 anggota PPK" the count is
    # the PPK's, not the KPU's that "BODY ... sebanyak N anggota" would read
    for b in here:
        m = rx["before"].search(text, max(lo, b.start - 60), b.start) or rx["as"].search(
            text, max(lo, b.start - 120), b.start)
        if m and m.start("num") not in taken and not _NOT_COUNT_BEFORE.search(text[max(lo, m.start() - 12):m.start()]):
            v = _value(m)
            if v:
                # "enam PPK" may count committees; "30 anggota PPK" counts members
                out.append(Count(v, m.start("num"), m.end("num"), b.body, b.start,
                                 people=m.groupdict().get("member", "orang") is not None))
                taken.add(m.start("num"))
                counted.add(b.start)
    for b in reversed(here):  # "KPU X melantik anggota PPK sebanyak 30 orang": the nearest body's
        if b.start in counted:
            continue
        if _NOT_MEMBERS_BEFORE.search(text[max(lo, b.start - 25):b.start]):
            continue  # "pendaftar Pantarlih mencapai 3.380 orang": registrants, not members
        m = rx["after"].match(text[b.end:hi])
        if m and b.end + m.start("num") not in taken:
            v = _value(m)
            if v:
                s = b.end + m.start("num")
                out.append(Count(v, s, b.end + m.end("num"), b.body, b.start))
                taken.add(s)
    out.sort(key=lambda c: c.mention_start or 0)  # in the order of the bodies, as before
    for m in bare:
        if m.start("num") in taken or _NOT_COUNT_BEFORE.search(text[max(lo, m.start() - 12):m.start()]):
            continue
        v = _value(m)
        if v:
            out.append(Count(v, m.start("num"), m.end("num"), None))
            taken.add(m.start("num"))
    ad_hoc = {b.body for b in here if b.body in AD_HOC}
    for m in selected:  # the sentence's one ad hoc body's, if it names one ("651 nama ... kursi PPS")
        v = _value(m)
        if v and m.start("num") not in taken:
            b = next((b for b in here if b.body in AD_HOC), None) if len(ad_hoc) == 1 else None
            out.append(Count(v, m.start("num"), m.end("num"), b.body if b else None, b.start if b else None))
    return out


#: The largest number of members per unit of any ad hoc body (KPPS: 7); more per unit is no quota.
MAX_QUOTA = 9

#: Unit kinds from small to large, for "N desa di M kecamatan, masing-masing X orang".
_LEVEL = {"tps": 1, "desa": 2, "kecamatan": 3, "kabupaten": 4}


def _where(text: str, a: UnitCount, b: UnitCount) -> bool:
    """Unit count `b` only says where those of `a` lie: "435 desa (yang tersebar) di 40 kecamatan"."""
    gap = re.fullmatch(r"\s*(?:dan\s+\w+\s+)?(?:yang\s+)?(?:tersebar\s+)?", text[a.end:b.start], re.IGNORECASE)
    return bool(gap) and bool(re.match(r"(?:tersebar\s+)?(?:di|dari)\s", text[b.start:b.end], re.IGNORECASE))


def find_quotas(text: str, lo: int, hi: int, numbers_only: bool = False) -> list[UnitQuota]:
    """Per-unit quotas in text[lo:hi]: "masing-masing lima orang", "tiga orang di setiap desa".
    With `numbers_only`, each quota's `start` is the offset of its number (to exclude it as a total)."""
    rx = _rx()
    quotas = []
    for m in list(rx["quota1"].finditer(text, lo, hi)) + list(rx["quota2"].finditer(text, lo, hi)):
        v = _value(m)
        if v and v <= MAX_QUOTA:  # "170 orang atau sepuluh besar per kecamatan" is no committee's quota
            unit = unit_kind(m.group("unit") or "")
            if not unit:  # "176 TPS, masing-masing tujuh orang": the unit is the one just before
                counts = [u for u in find_unit_counts(text, lo, m.end()) if u.start < m.start()]
                prior = [u for u in counts if m.start() - u.end < 60]  # "9 TPSLN yang tersebar di Osaka dan Kobe,"
                unit = prior[-1].unit_type if prior else ""
                # "435 desa yang tersebar di 40 kecamatan, masing-masing tiga orang": per desa, the smaller
                # unit, when the larger one only says where the smaller ones lie
                if prior and len(counts) >= 2 and _LEVEL.get(counts[-2].unit_type, 0) < _LEVEL.get(unit, 0) \
                        and _where(text, counts[-2], counts[-1]):
                    unit = counts[-2].unit_type
            start = m.start("num") if numbers_only else m.start()
            quotas.append(UnitQuota(v, unit, start, m.end()))
    return quotas


def find_unit_counts(text: str, lo: int, hi: int) -> list[UnitCount]:
    """Numbers of units in text[lo:hi]: "di 12 kecamatan", "dari 339 desa dan kelurahan"."""
    out: list[UnitCount] = []
    rx = _rx()
    for m in list(rx["units"].finditer(text, lo, hi)) + list(rx["units_each"].finditer(text, lo, hi)):
        v = _value(m)
        if v and not any(u.start <= m.start("num") < u.end for u in out):
            out.append(UnitCount(v, unit_kind(m.group("unit")), m.start(), m.end()))
    return out
