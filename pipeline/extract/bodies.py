"""Election bodies named in the text: full names and acronyms (`data/bodies.tsv`).

"Panitia Pemilihan Kecamatan (PPK)" is one mention. A region written right after the body
("KPU Kota Serang", "PPK Kota Bogor", "Bawaslu Jabar") is attached to it; "KPU RI" is national.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab
from pipeline.extract.regions import RegionMention, abroad_at

#: Bodies whose members are the subject of ad hoc events (the KPU and Bawaslu organise them).
AD_HOC = frozenset({"PPK", "PPS", "KPPS", "PANTARLIH", "PPLN", "KPPSLN", "PANWASCAM", "PKD", "PTPS",
                    "SEKRETARIAT_PPK", "SEKRETARIAT_PPS"})
#: The organiser of each ad hoc body.
ORGANISER = {"PPK": "KPU", "PPS": "KPU", "KPPS": "KPU", "PANTARLIH": "KPU", "PPLN": "KPU", "KPPSLN": "KPU",
             "SEKRETARIAT_PPK": "KPU", "SEKRETARIAT_PPS": "KPU",
             "PANWASCAM": "BAWASLU", "PKD": "BAWASLU", "PTPS": "BAWASLU"}
#: Bodies that sit abroad: their region is a city or country without a Kemendagri code.
ABROAD = frozenset({"PPLN", "KPPSLN"})
#: What may stand between a body and its region: "KPU Kota X", "Bawaslu kabupaten/kota se-Sulteng".
_GAP = re.compile(r"[ ,]*(?:PAW\s+)?(?:(?:kabupaten\s*/\s*kota|kab\s*/\s*kota|provinsi|kabupaten|kota)\s+)?"
                  r"(?:se-?\s?)?", re.IGNORECASE)
#: A body over all units of a region: "PPK di 10 kabupaten/kota se-NTB", "PPS di 1.166 desa se-Kabupaten X".
_ACROSS = re.compile(r"[ ,]*di\s+[\d.]+\s+(?:kabupaten\s*/\s*kota|kab\s*/\s*kota|kabupaten|kota|kecamatan|distrik|"
                     r"desa\s*/\s*kelurahan|desa\s+dan\s+kelurahan|desa|kelurahan)\s+se-?\s?", re.IGNORECASE)
#: The last word of a body name that is a level of region ("Panwaslu Kecamatan", "Pengawas Kelurahan/Desa").
_LEVEL_LAST = re.compile(r"Kecamatan|Desa|Kelurahan|Kelurahan/Desa|Distrik|TPS|Gampong|Kampung|Nagari|Kalurahan"
                         r"|Kapanewon", re.IGNORECASE)
_NATIONAL = re.compile(r"^\s*(?:\([A-Z]+\)\s*)?(RI|Republik Indonesia|Pusat)\b")


@dataclass(slots=True)
class BodyMention:
    """One mention of an election body."""

    body: str
    start: int
    end: int
    text: str
    region: RegionMention | None = None  # the region written right after the body
    national: bool = False


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    parts = []
    for code, phrase, case in sorted(vocab.rows("bodies.tsv"), key=lambda r: -len(r[1])):
        rx = re.escape(phrase).replace(r"\ ", r"\s+")
        head, _, last = phrase.rpartition(" ")
        if head.count(" ") >= 1 and _LEVEL_LAST.fullmatch(last):
            # "Panitia Pengawas Pemilihan Umum (Panwaslu) Kecamatan": the acronym before the level word
            rx = re.escape(head).replace(r"\ ", r"\s+") + r"(?:\s*\(\s*[A-Za-z]+\s*\))?\s+" + re.escape(last)
        lookup[phrase.lower() if case == "ci" else phrase] = code
        parts.append(rx if case == "cs" else f"(?i:{rx})")
    return vocab.word_rx("|".join(parts), left=r"[\w/-]"), lookup


def _code(text: str, lookup: dict[str, str]) -> str | None:
    norm = re.sub(r"\s+", " ", re.sub(r"\s*\([^)]*\)", "", text))
    return lookup.get(norm) or lookup.get(norm.lower())


def find_bodies(text: str, regions: list[RegionMention] | None = None,
                places: Sequence[tuple[int, int]] = ()) -> list[BodyMention]:
    """Every body mention in `text`, with the region that directly follows it.

    `places`: (start, end) of the place (LOC) entities of the NER model, if one ran; they give the city
    abroad of a PPLN or KPPSLN that `data/foreign_places.txt` does not list.
    """
    rx, lookup = _pattern()
    out: list[BodyMention] = []
    for m in rx.finditer(text):
        code = _code(m.group(0), lookup)
        if not code:
            continue
        start, end = m.start(), m.end()
        acr = re.match(r"\s*\(\s*([A-Za-z]+)\s*\)", text[end:])
        if acr and (_code(acr.group(1), lookup) or "-") in code:  # "Sekretariat Panitia ... (PPS)"
            end += acr.end()
        if out and out[-1].body == code and out[-1].end <= start and text[out[-1].end:start].strip() in ("(", ""):
            out[-1].end = max(out[-1].end, end)  # "Komisi Pemilihan Umum (KPU)" found twice
            continue
        out.append(BodyMention(code, start, end, text[start:end], national=bool(_NATIONAL.match(text[end:]))))
    out = _drop_overlaps(out)
    _attach(out, regions or [], text, places)
    return out


def _drop_overlaps(found: list[BodyMention]) -> list[BodyMention]:
    """Drop an acronym mention inside the parentheses that follow its full name."""
    out: list[BodyMention] = []
    for b in found:
        if out and b.start < out[-1].end:
            continue
        out.append(b)
    return out


def _attach(bodies: list[BodyMention], regions: list[RegionMention], text: str,
            places: Sequence[tuple[int, int]] = ()) -> None:
    """Attach the region that follows a body with at most a space or comma between them (for a
    PPLN or KPPSLN: the place abroad, "PPLN Kuala Lumpur", "PPLN di Tokyo")."""
    by_start = {r.start: r for r in regions}
    for b in bodies:
        plain = re.match(r"\)?[ ,]*", text[b.end:b.end + 4])  # "(Panwaslih) Kabupaten Aceh Singkil"
        b.region = by_start.get(b.end + (plain.end() if plain else 0))
        if b.region is None:  # "Panwaslu Kecamatan Sungai Tarab": the name's last word opens the region
            b.region = next((r for r in regions if b.start < r.start < b.end < r.end), None)
        gap = _GAP.match(text, b.end)
        if b.region is None and gap:
            b.region = by_start.get(gap.end())
        across = _ACROSS.match(text, b.end) if b.region is None else None
        if across:
            b.region = by_start.get(across.end())
        if b.region is None and b.body in ABROAD:
            b.region = abroad_at(text, b.end, places)
