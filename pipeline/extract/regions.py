"""Region mentions: "Kota Serang", "Kabupaten Serang", "Kab. Bogor", "DKI Jakarta", "Kecamatan
Cipocok Jaya", short forms ("Kukar", "Jaksel") and bare names after a trigger ("KPU Probolinggo",
"Bupati Serang"), linked to Kemendagri codes through the gazetteer.

Names that repeat (kota and kabupaten Probolinggo; kecamatan names across provinces) are resolved
by the rest of the article in `resolve_regions`; what stays ambiguous keeps no code.

Places abroad, where a PPLN or KPPSLN sits ("PPLN Kuala Lumpur"), have no code: `abroad_at` reads them
from `data/foreign_places.txt` and from the place entities of the NER model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import vocab
from pipeline.gazetteer import Region, gazetteer

_NAME_TOKEN = r"[A-Z][A-Za-z'’\-]*"
_NAME_SEQ = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|dan)){{0,5}}"
#: ... with an acronym inside, after a prefix: "Kabupaten Ogan Komering Ulu (OKU) Timur"
_PREFIXED_SEQ = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|dan|\([A-Z]{{2,6}}\)(?=\s+[A-Z]))){{0,5}}"
_ACRONYM_TOKEN = re.compile(r"\([A-Z]{2,6}\)")


@dataclass(slots=True)
class RegionMention:
    """A place name in the text, with the region it was resolved to (None when ambiguous)."""

    start: int
    end: int
    text: str
    level: str  # the level asked for by the prefix or trigger, or "" when bare
    region: Region | None = None
    candidates: list[Region] = field(default_factory=list)
    explicit: bool = False  # written with its level ("Kota Serang"), not bare ("Serang")
    hint: str = ""  # level hinted by a trigger word ("Bupati" -> kabupaten)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    prefixes = {p: lvl for p, lvl in vocab.rows("region_prefixes.tsv")}
    triggers = {t: lvl for t, lvl in vocab.rows("region_triggers.tsv")}
    pref = vocab.alternation(list(prefixes))
    pref_rx = vocab.compile_fast(rf"\b(?P<prefix>{pref})(?=\s+(?P<name>{_PREFIXED_SEQ}))")
    alias_rx = vocab.word_rx(vocab.dispatch_alternation(vocab.phrases(list(gazetteer().aliases))), left=r"[\w]")
    # a lookahead, so that a name run never swallows the next trigger ("KPU X dan PPK Y")
    trig = vocab.alternation(list(triggers)).replace("se\\-", "[Ss]e\\-")
    # "PPK PAW Katingan Kuala": the members who replace others, of that kecamatan
    trig_rx = vocab.compile_fast(rf"(?<![\w-])(?P<trigger>{trig})\)?(?:\s+PAW)?(?=\s*(?P<name>{_NAME_SEQ}))")
    return pref_rx, alias_rx, trig_rx, prefixes, triggers


def _longest(tokens: list[str], levels: tuple[str, ...]) -> tuple[int, list[Region]]:
    """The longest leading run of `tokens` that names a region at `levels`: (n tokens, regions)."""
    g = gazetteer()
    for n in range(len(tokens), 0, -1):
        if tokens[n - 1] == "dan":
            continue
        found = g.lookup(" ".join(tokens[:n]), levels)
        if found:
            return n, found
    return 0, []


def _span_of(text: str, start: int, tokens: list[str], n: int) -> int:
    """End offset of the first `n` tokens starting at `start`."""
    pos = start
    for tok in tokens[:n]:
        pos = text.index(tok, pos) + len(tok)
    return pos


_LEVELS = {"provinsi": ("provinsi",), "kabupaten": ("kabupaten",), "kota": ("kota",),
           "kecamatan": ("kecamatan",), "desa": ("desa",)}


def find_regions(text: str) -> list[RegionMention]:
    """Every region mention in `text`, non-overlapping, in order (unresolved ones included)."""
    pref_rx, alias_rx, trig_rx, prefixes, triggers = _patterns()
    g = gazetteer()
    found: list[RegionMention] = []

    for m in pref_rx.finditer(text):
        level = prefixes.get(m.group("prefix")) or prefixes.get(m.group("prefix").rstrip("."), "")
        tokens = m.group("name").split()
        if level == "desa":
            n = min(len(tokens), 3)
            while n > 1 and tokens[n - 1] == "dan":
                n -= 1
            end = _span_of(text, m.start("name"), tokens, n)
            found.append(RegionMention(m.start(), end, text[m.start():end], level, explicit=True))
            continue
        words = [t for t in tokens if not _ACRONYM_TOKEN.fullmatch(t)]  # the name without "(OKU)"
        n, regions = _longest(words, _LEVELS[level])
        if not n:
            continue
        end = _span_of(text, m.start("name"), words, n)
        found.append(RegionMention(m.start(), end, text[m.start():end], level, candidates=regions,
                                   region=regions[0] if len(regions) == 1 else None, explicit=True))

    for m in alias_rx.finditer(text):
        r = g.aliases[m.group(0)]
        found.append(RegionMention(m.start(), m.end(), m.group(0), r.level, region=r, candidates=[r]))

    for m in trig_rx.finditer(text):
        tokens = m.group("name").split()
        if tokens and tokens[0] in prefixes:
            continue  # "KPU Kota Serang": the prefixed form is found above
        hint = triggers.get(m.group("trigger"), "-")
        n, regions, level = 0, [], ""
        if hint != "kecamatan-only":
            n, regions = _longest(tokens, ("provinsi", "kabupaten", "kota"))
        if hint.startswith("kecamatan"):
            # "PPK Medan Tuntungan": the kecamatan's longer name wins over the kota's ("Medan"); so does a name
            # as long ("PPK Sarolangun" is the kecamatan's, whose kabupaten has the same name)
            n_kec, kecs = _longest(tokens, ("kecamatan",))
            if n_kec and n_kec >= n:
                n, regions, level = n_kec, kecs, "kecamatan"
        if not n:
            continue
        end = _span_of(text, m.start("name"), tokens, n)
        found.append(RegionMention(m.start("name"), end, text[m.start("name"):end], level, candidates=regions,
                                   region=regions[0] if len(regions) == 1 and not level else None,
                                   hint="" if hint in ("-", "kecamatan", "kecamatan-only") else hint,
                                   explicit=hint == "kecamatan-only"))  # "Camat X" says X is a kecamatan

    for m in _province_rx().finditer(text):
        regions = g.lookup(m.group(0), ("provinsi",))
        if regions:
            found.append(RegionMention(m.start(), m.end(), m.group(0), "provinsi", region=regions[0],
                                       candidates=regions))
    return _non_overlapping(found)


@lru_cache(maxsize=1)
def _province_rx() -> re.Pattern[str]:
    names = [r.name for r in gazetteer().by_code.values() if r.level == "provinsi"]
    return vocab.word_rx(vocab.dispatch_alternation(vocab.phrases(names)))


def _non_overlapping(found: list[RegionMention]) -> list[RegionMention]:
    """Keep the longest (then explicit) mention where mentions overlap."""
    found.sort(key=lambda r: (r.start, -(r.end - r.start), not r.explicit))
    out: list[RegionMention] = []
    for r in found:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def resolve_regions(mentions: list[RegionMention], text: str) -> list[RegionMention]:
    """Resolve ambiguous mentions with the rest of the article (in place; returns `mentions`)."""
    explicit = {m.region.code for m in mentions if m.region and m.explicit}
    resolved = {m.region.code for m in mentions if m.region}
    lower = text.lower()
    n_kel = len(re.findall(r"\bkelurahan\b", lower))
    n_desa = len(re.findall(r"\bdesa\b", lower))
    for m in mentions:
        if m.region or not m.candidates:
            continue
        c = m.candidates
        pick = [r for r in c if r.code in explicit] or [r for r in c if r.code in resolved]
        if len(pick) != 1 and m.hint:
            pick = [r for r in c if r.level == m.hint]
        if len(pick) != 1 and m.level == "kecamatan":
            inside = [r for r in c if any(r.code.startswith(code + ".") for code in resolved)]
            pick = inside if inside or len(c) != 1 or not m.explicit else c
        if len(pick) != 1 and m.level == "" and {r.level for r in c} >= {"kota", "kabupaten"}:
            # "KPU Probolinggo" in an article that names "Kecamatan Kraksaan" (the kabupaten's)
            within = [r for r in c if any(code.startswith(r.code + ".") for code in explicit)]
            if len(within) == 1 and not any(r.code in explicit for r in c):  # not when both are named
                pick = within
            elif n_kel and not n_desa:
                pick = [r for r in c if r.level == "kota"]
            elif n_desa and not n_kel:
                pick = [r for r in c if r.level == "kabupaten"]
        if len(pick) == 1:
            m.region = pick[0]
    g = gazetteer()
    for m in mentions:  # desa: only under a kecamatan named in the article, else a kabupaten/kota named with it
        if m.level == "desa" and not m.region:
            name = re.sub(r"^\S+\s+", "", m.text).lower()
            kecs = {x.region.code for x in mentions if x.region and x.region.level == "kecamatan"}
            hits = [v for k in kecs for v in g.villages(k) if v.name.lower() == name]
            if not hits:  # "Desa Air Belo, Kecamatan Muntok, Kabupaten Bangka Barat" (the gazetteer has "Mentok")
                kabs = {x.region.code for x in mentions
                        if x.region and x.explicit and x.region.level in ("kabupaten", "kota")}
                hits = [v for k in kabs for kec in g.kecamatan_codes(k) for v in g.villages(kec)
                        if v.name.lower() == name]
            if len(hits) == 1:
                m.region = hits[0]
    return mentions


@lru_cache(maxsize=1)
def _foreign_rx() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{vocab.alternation([r[0] for r in vocab.rows('foreign_places.txt')])})(?![\w-])")


def foreign_place_end(text: str, pos: int) -> int:
    """The end of a city or country abroad of `data/foreign_places.txt` written at `pos`, else `pos`."""
    m = _foreign_rx().match(text, pos)
    return m.end() if m else pos


_PLACE_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


def abroad_at(text: str, pos: int, places: Sequence[tuple[int, int]] = ()) -> RegionMention | None:
    """The city or country abroad written at `pos`, after a PPLN or KPPSLN ("PPLN Kuala Lumpur",
    "PPLN di Tokyo"): a name of `data/foreign_places.txt`, else the rest of a place entity of the NER
    model (`places`: (start, end) of LOC entities) that covers `pos`, when it is a capitalised name and
    no Indonesian region. None when there is neither; "PPLN di X" only with a listed X (else it may be
    the venue)."""
    lead = re.match(r"[ ,]*(?:di\s+)?", text[pos:pos + 12])
    start = pos + (lead.end() if lead else 0)
    end = foreign_place_end(text, start)
    if end == start:
        start = pos + len(re.match(r" {0,3}", text[pos:pos + 3]).group())  # "PPLN Lisboa": the entity's start
        ent_end = next((e for s, e in places if s <= start < e), None)
        if ent_end is None:
            return None
        name = _PLACE_NAME.fullmatch(text[start:ent_end].rstrip(" .,"))
        g = gazetteer()
        if name is None or g.lookup(name.group(0)) or name.group(0) in g.aliases:
            return None
        end = start + name.end()
    name_text = text[start:end].strip()
    start = end - len(name_text)
    place = Region("", name_text, "")
    return RegionMention(start, end, name_text, "", region=place, candidates=[place], explicit=True)
