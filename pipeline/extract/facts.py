"""Facts: one row per (election body, region) that the article reports an event about.

Cross-extractor logic lives here: a count belongs to the body it is written with (or, for a bare
"30 anggota", to the article's only body with an event), a quota to the body formed in that kind of
unit, an ad hoc body to the region of the KPU or Bawaslu that forms it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.extract.bodies import AD_HOC, ORGANISER, BodyMention
from pipeline.extract.counts import Count, UnitQuota, find_counts, find_quotas
from pipeline.extract.events import EventCue, elections, find_event_cues, main_event, with_year
from pipeline.extract.regions import RegionMention
from pipeline.gazetteer import Region, gazetteer
from pipeline.records import Document, Fact

#: The unit each body is formed in, for "enam kecamatan ... masing-masing lima orang".
UNIT_OF = {
    "PPK": {"kecamatan", "distrik", "kapanewon", "kemantren"},
    "PANWASCAM": {"kecamatan", "distrik", "kapanewon", "kemantren"},
    "SEKRETARIAT_PPK": {"kecamatan", "distrik", "kapanewon", "kemantren"},
    "PPS": {"desa", "kelurahan", "desa/kelurahan", "kelurahan/desa", "kalurahan", "nagari", "gampong"},
    "PKD": {"desa", "kelurahan", "desa/kelurahan", "kelurahan/desa", "kalurahan", "nagari", "gampong"},
    "SEKRETARIAT_PPS": {"desa", "kelurahan", "desa/kelurahan", "kelurahan/desa", "kalurahan"},
    "KPPS": {"tps"}, "PTPS": {"tps"}, "PANTARLIH": {"tps"}, "KPPSLN": {"tps"},
}
_MEMBERS_OF = re.compile(r"(?:anggota|komisioner|calon\s+anggota|ketua\s+dan\s+anggota)\s+$", re.IGNORECASE)


@dataclass
class _Candidate:
    body: str
    region: Region | None
    event: str
    planned: bool
    start: int
    end: int
    sentences: list[tuple[int, int]] = field(default_factory=list)


def _in_quote(text: str, pos: int, quotes: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in quotes)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[“\"][^“”\"]{2,}?[”\"]", text)]


def _home(bodies: list[BodyMention], organiser: str) -> Region | None:
    """The region of the organiser (KPU or Bawaslu) the article is mostly about."""
    regs = [b.region.region for b in bodies if b.body == organiser and b.region and b.region.region]
    if not regs:
        return None
    counts = Counter(r.code for r in regs)
    best = max(counts, key=lambda c: (counts[c], -next(i for i, r in enumerate(regs) if r.code == c)))
    return gazetteer().by_code[best]


def _up_to_kabkota(region: Region) -> Region:
    """The kabupaten/kota above a kecamatan or desa (the level of the KPU that forms the body)."""
    if region.depth <= 2:
        return region
    return gazetteer().by_code.get(region.code[:5], region)


def _body_region(b: BodyMention, sentence_bodies: list[BodyMention], homes: dict[str, Region | None],
                 regions_in_sentence: list[RegionMention]) -> Region | None:
    if b.national:
        return None
    if b.region and b.region.region:
        r = b.region.region
        return _up_to_kabkota(r) if b.body in AD_HOC else r
    organiser = ORGANISER.get(b.body)
    if organiser:
        for o in sentence_bodies:
            if o.body == organiser and o.region and o.region.region and not o.national:
                return o.region.region
        if homes.get(organiser):
            return homes[organiser]
        other = "BAWASLU" if organiser == "KPU" else "KPU"
        if homes.get(other):
            return homes[other]
    return None


def extract_facts(document: Document, regions: list[RegionMention], bodies: list[BodyMention],
                  resolve_date: Callable[[int, int], str] | None = None,
                  organisers: list[BodyMention] | None = None) -> list[Fact]:
    """The facts of one document. `organisers`: bodies named only in officials' titles, which
    locate the KPU or Bawaslu of the article but are never the subject of an event."""
    text = document.text
    quotes = _quote_spans(text)
    homes = {o: _home(bodies + (organisers or []), o) for o in ("KPU", "BAWASLU")}
    candidates: dict[tuple[str, str], _Candidate] = {}
    sentences = document.sentences()
    for lo, hi in sentences:
        s_bodies = [b for b in bodies if lo <= b.start < hi]
        if not s_bodies:
            continue
        cue: EventCue | None = main_event(find_event_cues(text, lo, hi))
        if cue is None or _in_quote(text, cue.start, quotes):
            continue
        s_regions = [r for r in regions if lo <= r.start < hi]
        for b in s_bodies:
            if _in_quote(text, b.start, quotes):
                continue
            if b.body not in AD_HOC and not _MEMBERS_OF.search(text[max(lo, b.start - 25):b.start]):
                continue  # the KPU or Bawaslu organising the event, not the subject of it
            region = _body_region(b, s_bodies, homes, s_regions)
            key = (b.body, region.code if region else "")
            cand = candidates.get(key)
            if cand is None:
                candidates[key] = _Candidate(b.body, region, cue.event, cue.planned, lo, hi, [(lo, hi)])
            else:
                if cand.planned and not cue.planned:
                    cand.event, cand.planned = cue.event, False
                cand.sentences.append((lo, hi))
    facts = []
    for cand in candidates.values():
        facts.append(_fact(document, cand, bodies, list(candidates.values()), resolve_date))
    return facts


def _fact(document: Document, cand: _Candidate, bodies: list[BodyMention], all_cands: list[_Candidate],
          resolve_date: Callable[[int, int], str] | None) -> Fact:
    text = document.text
    region = cand.region
    same_body = [c for c in all_cands if c.body == cand.body]
    members, count = _members(document, cand, bodies, single=len(same_body) == 1, only=len(all_cands) == 1)
    quota = _quota(document, cand, single=len(same_body) == 1)
    units = per_unit = None
    unit_type = ""
    if quota:
        product = quota.units * quota.per_unit if quota.units and quota.per_unit else None
        if members is None or product is None or product == members:
            units, per_unit, unit_type = quota.units, quota.per_unit, quota.unit_type
            if members is None and product:
                members = product
    election = _election(text, cand, document)
    event_date = ""
    if resolve_date:
        for lo, hi in cand.sentences:
            event_date = resolve_date(lo, hi)
            if event_date:
                break
    return Fact(
        article_id=document.article_id,
        event="other" if cand.planned else cand.event,
        body=cand.body,
        region=region.name if region else "",
        region_level=region.level if region else "",
        region_code=region.code if region else "",
        province=region.province if region else "",
        members=members, units=units, per_unit=per_unit, unit_type=unit_type,
        election=election, event_date=event_date,
        evidence=text[cand.start:cand.end], start=cand.start, end=cand.end,
    )


def _members(document: Document, cand: _Candidate, bodies: list[BodyMention], single: bool, only: bool,
             ) -> tuple[int | None, Count | None]:
    """The member count of a candidate fact: its own sentences first, then the article."""
    text = document.text
    own: list[Count] = []
    others: list[Count] = []
    bare: list[Count] = []
    for lo, hi in document.sentences():
        for c in find_counts(text, bodies, lo, hi):
            if c.body == cand.body:
                (own if (lo, hi) in cand.sentences else others).append(c)
            elif c.body is None and find_event_cues(text, lo, hi):
                bare.append(c)
    pool = own or (others if single else []) or (bare if only else [])
    if not pool:
        return None, None
    return pool[0].value, pool[0]


def _quota(document: Document, cand: _Candidate, single: bool) -> UnitQuota | None:
    if not single:
        return None
    units = UNIT_OF.get(cand.body, set())
    for lo, hi in document.paragraphs or [(0, len(document.text))]:
        for q in find_quotas(document.text, lo, hi):
            if q.unit_type.replace(" ", "") in units and q.per_unit:
                return q
    return None


def _election(text: str, cand: _Candidate, document: Document) -> str:
    pub_year = document.published.year if document.published else None
    for lo, hi in cand.sentences:
        found = elections(text, lo, hi)
        if found:
            kind = found[0][0]
            years = [y for t, y, _ in found if t == kind]
            if any(years):
                return with_year(kind, years, text, pub_year)
    from pipeline.extract.events import article_election

    return article_election(text, pub_year)
