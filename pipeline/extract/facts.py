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
from datetime import date, timedelta
from functools import lru_cache

from pipeline import vocab
from pipeline.extract.bodies import ABROAD, AD_HOC, ORGANISER, BodyMention
from pipeline.extract.counts import Count, find_counts, find_quotas, find_unit_counts
from pipeline.extract.events import (
    EventCue,
    article_election,
    election_after,
    elections,
    find_event_cues,
    is_replacement,
    with_year,
)
from pipeline.extract.regions import RegionMention, foreign_place_end
from pipeline.gazetteer import Region, gazetteer
from pipeline.records import Document, Fact

#: The kind of unit each body is formed in, for "enam kecamatan ... masing-masing lima orang".
UNIT_OF = {
    "PPK": "kecamatan", "PANWASCAM": "kecamatan", "SEKRETARIAT_PPK": "kecamatan",
    "PPS": "desa", "PKD": "desa", "SEKRETARIAT_PPS": "desa",
    "KPPS": "tps", "PTPS": "tps", "PANTARLIH": "tps", "KPPSLN": "tps",
    "KPU": "kabupaten", "BAWASLU": "kabupaten",  # a province's KPU or Bawaslu members of its kabupaten/kota
}


@lru_cache(maxsize=1)
def _own_time() -> re.Pattern[str]:
    """A time of its own that is no calendar day, after a verb of the event happening ("digelar pekan
    lalu"), or "Sebelumnya," opening the sentence: the own_time rows of date_words.tsv."""
    rows = vocab.rows("date_words.tsv")
    times = "|".join(r[1] for r in rows if r[0] == "own_time")
    verbs = "|".join(r[1] for r in rows if r[0] == "own_time_verb")
    return re.compile(rf"\b(?:{verbs})(?:\s+[\w-]+){{0,2}}?\s+(?:{times})\b|^\s*Sebelumnya\s*,", re.IGNORECASE)


@lru_cache(maxsize=1)
def _own_time_any() -> re.Pattern[str]:
    """A time of its own anywhere in a fact's first sentence: "pada pertengahan Mei lalu" (date_words.tsv)."""
    return re.compile("|".join(r[1] for r in vocab.rows("date_words.tsv") if r[0] == "own_time_any"), re.IGNORECASE)


_SAME_OCCASION = re.compile(r"\b(?:pada|dalam)\s+(?:kesempatan|acara)\s+(?:yang\s+sama|itu|tersebut)\b"
                            r"|\bdirangkai(?:kan)?\s+dengan\b|\bbersamaan\s+dengan\b", re.I)
#: Ad hoc bodies formed by another ad hoc body, whose region is then theirs ("PPS Desa X melantik KPPS").
FORMED_BY = {"KPPS": ("PPS", "PPK"), "PANTARLIH": ("PPS",), "PPS": ("PPK",), "PKD": ("PANWASCAM",),
             "PTPS": ("PKD", "PANWASCAM"), "KPPSLN": ("PPLN",)}
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
    inferred: bool = False  # the region is the article's KPU/Bawaslu, not written with the body
    mentions: set[int] = field(default_factory=set)  # start offsets of the body mentions behind it


def _in_quote(text: str, pos: int, quotes: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in quotes)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[“\"][^“”\"]{2,}?[”\"]", text)]


def _home(bodies: list[BodyMention], organiser: str) -> tuple[Region | None, bool]:
    """The region of the organiser (KPU or Bawaslu) the article is mostly about, and whether the article
    names it of several regions equally often ("KPU Kota Tasikmalaya dan KPU Kabupaten Tasikmalaya": no
    one KPU of the article, and tied)."""
    counts = Counter(b.region.region.code for b in bodies if b.body == organiser and b.region and b.region.region)
    top = counts.most_common(2)
    if not top:
        return None, False
    if len(top) == 2 and top[0][1] == top[1][1]:
        return None, True
    return gazetteer().by_code[top[0][0]], False


@lru_cache(maxsize=1)
def _not_subject() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    rows = vocab.rows("body_roles.tsv")
    return ([re.compile(rx, re.IGNORECASE) for k, rx in rows if k == "before"],
            [re.compile(rx) for k, rx in rows if k == "after"])


def _is_subject(text: str, b: BodyMention, lo: int, hi: int, regions: list[RegionMention]) -> bool:
    """False when the sentence makes the body the organiser, agent, guest or topic of the event."""
    before_rx, after_rx = _not_subject()
    before = text[max(lo, b.start - 200):b.start]
    pos = b.region.end if b.region else b.end
    by_start = {r.start: r for r in regions}
    while True:  # skip a chain of regions: "PPS Desa X, Kecamatan Y, Kabupaten Z, melantik"
        gap = re.match(r"[ ,]*", text[pos:pos + 4])
        start = pos + (gap.end() if gap else 0)
        nxt = by_start.get(start)
        if nxt is not None:
            pos = nxt.end
            continue
        abroad = foreign_place_end(text, start)  # "PPLN Kuala Lumpur, Malaysia, melantik"
        if abroad == start:
            break
        pos = abroad
    after = text[pos:hi]
    return not any(rx.search(before) for rx in before_rx) and not any(rx.search(after) for rx in after_rx)


def _nearest_cue(cues: list[EventCue], b: BodyMention, text: str) -> EventCue | None:
    """The event word closest to the body, with no speech verb between them."""
    best: tuple[int, int, EventCue] | None = None
    order = [c.event for c in cues]
    for c in cues:
        lo, hi = (c.end, b.start) if c.end <= b.start else (b.end, c.start)
        if _speech_between(text[lo:hi]):
            continue
        key = (max(0, hi - lo), order.index(c.event))
        if best is None or key < best[:2]:
            best = (key[0], key[1], c)
    return best[2] if best else None


def _speech_between(span: str) -> bool:
    from pipeline.extract.quotes import speech_verb_rx

    return bool(speech_verb_rx().search(span))


#: "51 anggota Panwascam di Kabupaten Musi Rawas", "PPK yang bertugas di Kota X"
_AT = re.compile(r"\s+(?:yang\s+(?:ada|berada|bertugas)\s+)?(?:di|se-?)\s*")


def _body_region(b: BodyMention, sentence_bodies: list[BodyMention], homes: dict[str, Region | None],
                 regions_in_sentence: list[RegionMention], text: str,
                 tied: frozenset[str] = frozenset()) -> Region | None:
    """The region of a body: written with it, else that of the body forming it in the same sentence
    (the nearest one before it: "Di Kabupaten Malang, KPU setempat melantik ... PPK"), else the
    article's KPU or Bawaslu. An ad hoc body that would get a province that way takes a kabupaten or
    kota of that province written right after it ("Bawaslu Sumsel menyerahkan SK kepada 51 anggota
    Panwascam di Kabupaten Musi Rawas"): its own KPU or Bawaslu is that kabupaten's, and a venue in a
    kecamatan ("di Kecamatan Kanigaran") is not taken; one that would get no region at all takes a
    kecamatan written right after it too, if it is a body of desa or TPS ("anggota KPPS di Kecamatan
    Cibinong, Kabupaten Bogor")."""
    region = _formed_region(b, sentence_bodies, homes, regions_in_sentence, text, tied)
    own = _unit_after(b, region, regions_in_sentence, text)
    if own is not None:
        return own  # "anggota PPS pengganti antarwaktu (PAW) untuk Desa Argosari": that desa's PPS
    if region is None and b.body in ABROAD:
        return homes.get("ABROAD")  # "... pakta integritas oleh seluruh anggota KPPSLN": the article's
    if b.body in AD_HOC and b.body not in ABROAD and not b.national and (region is None or region.level == "provinsi"):
        at = _AT.match(text, b.end)
        if at:
            here = next((r for r in regions_in_sentence if r.start == at.end() and r.region), None)
            if (here and here.region and here.region.level in ("kabupaten", "kota")
                    and (region is None or region.contains(here.region))
                    and not _coordinated(text, here, regions_in_sentence)):
                return here.region
            # "1.245 anggota KPPS di Kecamatan Cibinong" in an article with no KPU to take a region from
            if (here and here.region and here.region.level == "kecamatan" and region is None
                    and UNIT_OF.get(b.body) in ("desa", "tps") and not _coordinated(text, here, regions_in_sentence)):
                return here.region
    return region


#: After a body, before the one unit it is of: "PPS untuk Desa X", "PPS pengganti antarwaktu (PAW) di Desa X"
#: ("melantik 25 anggota PPK di Kecamatan Kanigaran" names the venue)
_UNIT_AFTER = re.compile(r"(?:\s*\([A-Z]+\))?(?:\s+peng?ganti\s+antar\s*waktu(?:\s*\(PAW\))?\s+(?:untuk|di)"
                         r"|\s+untuk)\s+")


def _unit_after(b: BodyMention, region: Region | None, regions: list[RegionMention], text: str) -> Region | None:
    """The desa (for a PPS or PKD) or kecamatan (for a PPK or Panwascam) written right after a body with no
    region of its own, inside the region it would otherwise get."""
    if b.region is not None or UNIT_OF.get(b.body) not in ("desa", "kecamatan"):
        return None
    at = _UNIT_AFTER.match(text, b.end)
    here = next((r for r in regions if at and r.start == at.end() and r.region), None)
    if here is None or here.region is None or here.region.level != UNIT_OF[b.body]:
        return None
    if region is not None and not region.contains(here.region):
        return None
    return None if _coordinated(text, here, regions) else here.region


def _coordinated(text: str, r: RegionMention, regions: list[RegionMention]) -> bool:
    """The region is one of several named together: "di Kota Madiun dan Kabupaten Madiun"."""
    m = re.match(r"\s*(?:,\s*|\s+)(?:dan|serta|maupun)?\s*", text[r.end:r.end + 12])
    if not m or m.group(0).strip() == "":
        return False
    nxt = next((x for x in regions if x.start == r.end + m.end()), None)
    # "Kecamatan Cibinong, Kabupaten Bogor" is one place written with its parent, not two places
    return nxt is not None and not (nxt.region and r.region and nxt.region.contains(r.region))


#: More places listed after a body's region: "anggota PPK Kecamatan Laguboti, Porsea, dan Uluan"
_LISTED = re.compile(r"(?:\s*,\s*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)+\s*,?\s+(?:dan|serta)\s+[A-Z]")


def _formed_region(b: BodyMention, sentence_bodies: list[BodyMention], homes: dict[str, Region | None],
                   regions_in_sentence: list[RegionMention], text: str,
                   tied: frozenset[str] = frozenset()) -> Region | None:
    """`_body_region` without the kabupaten written after an ad hoc body. `tied`: the organisers the
    article names of several regions equally often."""
    if b.national:
        return None
    if b.region and b.region.region and not (b.body in AD_HOC and _LISTED.match(text, b.region.end)):
        return b.region.region
    organiser = ORGANISER.get(b.body)
    if not organiser:  # the KPU or Bawaslu itself: the one the article is about
        return homes.get(b.body)
    for former in FORMED_BY.get(b.body, ()) + (organiser,):
        formers = [o for o in sentence_bodies if o.body == former and not o.national]
        before = [o for o in formers if o.end <= b.start]
        for o in sorted(before, key=lambda o: -o.start) + [o for o in formers if o.start > b.start]:
            if o.region and o.region.region:
                return o.region.region
            if re.match(r"\s+setempat\b", text[o.end:o.end + 12]):
                prior = [r for r in regions_in_sentence if r.end <= o.start and r.region]
                if prior:
                    return prior[-1].region
            break  # the nearest former has no region of its own: fall back to the article's
    heading = _heading_region(text, regions_in_sentence) or _fronted_region(text, regions_in_sentence)
    if heading is not None:
        return heading  # a roundup's "Tapin: PPK ikuti rapat konsolidasi", "Di Kota Tegal, 81 anggota PPS ..."
    if homes.get(organiser):
        return homes[organiser]
    if organiser in tied:
        return None  # the article's KPUs are of several regions: the Bawaslu's is no better guess
    other = "BAWASLU" if organiser == "KPU" else "KPU"
    return homes.get(other)


#: A sentence that opens with a place: "Di Kota Tegal, sebanyak 81 anggota PPS ... dilantik"
_FRONTED = re.compile(r"(?:^|[.!?”\"]\s+|\n\s*)(?:(?:Sementara\s+itu|Adapun|Sedangkan)\s*,?\s*)?(?:Di|Untuk)\s+$")


def _fronted_region(text: str, regions_in_sentence: list[RegionMention]) -> Region | None:
    """The kabupaten or kota a sentence opens with ("Di Kota Tegal, ..."), as the items of a roundup are told."""
    first = regions_in_sentence[0] if regions_in_sentence else None
    if (first is None or first.region is None or first.region.level not in ("kabupaten", "kota")
            or not re.match(r"\s*,", text[first.end:first.end + 3])):
        return None
    return first.region if _FRONTED.search(text[max(0, first.start - 40):first.start]) else None


def _heading_region(text: str, regions_in_sentence: list[RegionMention]) -> Region | None:
    """The kabupaten or kota that opens a line followed by a colon ("Tapin: PPK ikuti rapat ..."),
    as the items of a roundup are headed."""
    first = regions_in_sentence[0] if regions_in_sentence else None
    if (first is None or first.region is None or first.region.level not in ("kabupaten", "kota")
            or not text.startswith(":", first.end)):
        return None
    line_start = text.rfind("\n", 0, first.start) + 1
    return first.region if not text[line_start:first.start].strip() else None


def extract_facts(document: Document, regions: list[RegionMention], bodies: list[BodyMention],
                  resolve_date: Callable[[int, int], str] | None = None,
                  organisers: list[BodyMention] | None = None,
                  single_persons: set[int] | None = None,
                  days: Callable[[int, int], list[str]] | None = None) -> list[Fact]:
    """The facts of one document. `organisers`: bodies named only in officials' titles, which
    locate the KPU or Bawaslu of the article but are never the subject of an event. `single_persons`:
    start offsets of body mentions inside the title of one named person who is the subject
    ("memberhentikan Ketua KPU X, NAME"): such a fact concerns one member."""
    text = document.text
    quotes = _quote_spans(text)
    everyone = bodies + (organisers or [])
    found_homes = {o: _home(everyone, o) for o in ("KPU", "BAWASLU")}
    homes = {o: region for o, (region, _) in found_homes.items()}
    tied = frozenset(o for o, (_, is_tied) in found_homes.items() if is_tied)
    # committees abroad: the one city or country the article's PPLN/KPPSLN are written with
    abroad = {b.region.region for b in everyone if b.body in ABROAD and b.region
              and b.region.region and b.region.region.abroad}
    homes["ABROAD"] = abroad.pop() if len(abroad) == 1 else None
    candidates: dict[tuple[str, str], _Candidate] = {}
    sentences = document.sentences()
    cues_in: dict[tuple[int, int], list[EventCue]] = {}  # the event words of each sentence with a body
    for lo, hi in sentences:
        s_bodies = [b for b in bodies if lo <= b.start < hi]
        if not s_bodies:
            continue
        cues_in[(lo, hi)] = find_event_cues(text, lo, hi)
        found = [c for c in cues_in[(lo, hi)] if not _in_quote(text, c.start, quotes)]
        cues = [c for c in found if not c.advice and not c.planned]
        if not cues:
            continue
        s_regions = [r for r in regions if lo <= r.start < hi]
        for b in s_bodies:
            if _in_quote(text, b.start, quotes) or not _is_subject(text, b, lo, hi, s_regions):
                continue
            if (b.body not in AD_HOC and not _MEMBERS_OF.search(text[max(lo, b.start - 25):b.start])
                    and b.start not in (single_persons or set())):
                continue  # the KPU or Bawaslu organising the event, not the subject of it
            cue = _nearest_cue(cues, b, text)
            nearest = _nearest_cue(found, b, text)
            if cue is None or (nearest is not None and (nearest.planned or nearest.advice)):
                continue  # "setelah bimtek, Panwascam akan merekrut PKD": the PKD's event is a plan
            region = _body_region(b, s_bodies, homes, s_regions, text, tied)
            key = (b.body, (region.code or region.name) if region else "")
            cand = candidates.get(key)
            inferred = region is not None and region in homes.values() and not (b.region and b.region.region)
            if cand is None:
                event = "pemberhentian" if cue.event == "pelantikan" and is_replacement(text, lo, hi) else cue.event
                cand = candidates[key] = _Candidate(b.body, region, event, False, lo, hi, [], inferred)
            cand.inferred = cand.inferred and inferred  # a later "KPPS se-Kota Samarinda" writes it out
            cand.sentences.append((lo, hi))
            cand.mentions.add(b.start)
    for key, cand in list(candidates.items()):
        if cand.region is None and any(c.region is not None for c in candidates.values() if c.body == cand.body):
            del candidates[key]  # "Total 1.260 anggota PPS dilantik di dua daerah": the sum of the others
            continue
        inside = [c for c in candidates.values() if c is not cand and c.body == cand.body
                  and c.region and cand.region and cand.region.contains(c.region) and c.region != cand.region]
        if inside and cand.inferred:
            del candidates[key]  # "PPK Sorkam Barat" is the PPK the article means, not all PPK of the kabupaten
    counts = [((lo, hi), c, bool(cues_in[(lo, hi)] if (lo, hi) in cues_in else find_event_cues(text, lo, hi)))
              for lo, hi in sentences for c in find_counts(text, bodies, lo, hi)]  # once per document
    facts = []
    for cand in candidates.values():
        fact = _fact(document, cand, bodies, list(candidates.values()), counts, resolve_date, regions)
        if single_persons and cand.mentions <= single_persons:
            fact.members = 1  # one named official is the subject; a count elsewhere is about others
        if _scheduled(fact, cand, document, resolve_date, days):
            continue  # "pelantikan KPPS serentak dilaksanakan pada 25 Januari 2024" in an article of December
        if _long_before(fact, cand, document):
            continue  # "771 Pantarlih dilantik pada 24 Juni lalu" in a complaint of late July: background
        facts.append(fact)
    _one_each(facts, counts)
    return facts


def _one_each(facts: list[Fact], counts: list[tuple[tuple[int, int], Count, bool]]) -> None:
    """Replacements in as many kecamatan (desa) as the article's count of replaced members: "melantik dua
    anggota PPK pengganti antarwaktu ... menggantikan anggota PPK Malalayang ... serta anggota PPK Tikala"
    is one member in each."""
    for body in {f.body for f in facts}:
        group = [f for f in facts if f.body == body and f.event == "pemberhentian"
                 and f.region_level == UNIT_OF.get(body) and f.members is None]
        if len(group) >= 2 and any(c.body == body and c.value == len(group) for _, c, _ in counts):
            for f in group:
                f.members = 1


def _scheduled(fact: Fact, cand: _Candidate, document: Document,
               resolve_date: Callable[[int, int], str] | None, days: Callable[[int, int], list[str]] | None) -> bool:
    """The fact's own first sentence dates it more than a day after the article was published: a
    schedule, not an event that happened (a day's slack for time zones and late publication). `days`:
    the calendar days written in a span, whatever their role."""
    if not document.published:
        return False
    first = (days(cand.start, cand.end) if days else []) or (
        [resolve_date(cand.start, cand.end)] if resolve_date else [])
    limit = document.published + timedelta(days=1)
    return bool(first) and first[0] != "" and all(date.fromisoformat(d) > limit for d in first)


#: A fact dated this many days or more before its article is background the article recalls, not what it reports
#: (in the 258 gold facts with a date of the project's trial, dev and corpus articles, the most is 8 days).
BACKGROUND_DAYS = 15
#: ... and one this old is background whatever its sentence says ("dilantik pada 15 Mei 2024" in an article of 2025)
OLD_DAYS = 60


@lru_cache(maxsize=1)
def _past_date() -> re.Pattern[str]:
    """A date written as past: "24 Juni lalu", "(24/6) silam"."""
    months = vocab.alternation([r[0] for r in vocab.rows("months.tsv")])
    return re.compile(rf"(?:\b\d{{1,2}}\s+(?i:{months})(?:\s+\d{{4}})?|\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\))"
                      rf"\s+(?:yang\s+)?(?:lalu|silam)\b")


def _long_before(fact: Fact, cand: _Candidate, document: Document) -> bool:
    """The fact's event day is long before the article's publication, and its sentence writes a date as past
    ("dilantik pada 24 Juni lalu") or it is months old: a past event the article recalls as background."""
    if not document.published or not fact.event_date:
        return False
    age = (document.published - date.fromisoformat(fact.event_date)).days
    return age >= OLD_DAYS or (age >= BACKGROUND_DAYS
                               and any(_past_date().search(document.text, lo, hi) for lo, hi in cand.sentences))


def _fact(document: Document, cand: _Candidate, bodies: list[BodyMention], all_cands: list[_Candidate],
          counts: list[tuple[tuple[int, int], Count, bool]], resolve_date: Callable[[int, int], str] | None,
          regions: list[RegionMention] | None = None) -> Fact:
    text = document.text
    region = cand.region
    same_body = [c for c in all_cands if c.body == cand.body]
    near = [] if len(same_body) == 1 else _near(document, cand, same_body, regions or [])
    # the PPS of one desa: "se-Kabupaten Sikka ada 582 anggota PPS" elsewhere is not its count
    one_unit = region is not None and region.level == UNIT_OF.get(cand.body)
    members = _members(cand, counts, single=len(same_body) == 1, only=len(all_cands) == 1, near=near,
                       one_unit=one_unit)
    units, per_unit, unit_type = _units(document, cand, bodies, single=len(same_body) == 1, near=near,
                                        regions=regions or [])
    if one_unit:
        units = None  # the PPK of one kecamatan: "210 anggota PPK di 42 kecamatan" is the kabupaten's
    if members and units and (members != units * per_unit if per_unit else members < units):
        units = None  # "693 PTPS ... di dua TPS khusus", "empat anggota KPPS ... 3.478 TPS": another count's
    if members is None and units and per_unit:
        members = units * per_unit
    elif units is None and members and per_unit and members % per_unit == 0 and members > per_unit:
        units = members // per_unit  # "231 orang ..., satu orang untuk setiap desa": 231 desa
    elif per_unit is None and members and units and members == units * _quota(cand.body):
        per_unit = _quota(cand.body)  # "20 anggota PPK dari empat kecamatan": five each, as the law sets
    unit_type = unit_type if (units or per_unit) else ""
    event_date = ""
    if resolve_date:
        for lo, hi in cand.sentences:
            event_date = resolve_date(lo, hi)
            if event_date:
                break
        if not event_date:  # "Pada hari yang sama, KPU Kota Denpasar melantik ...": the day told just before
            event_date = _same_day(document, cand, resolve_date)
        same_occasion = any(_SAME_OCCASION.search(text[lo:hi]) for lo, hi in cand.sentences)
        own_time = (any(_own_time().search(text[lo:hi]) for lo, hi in cand.sentences)
                    or _own_time_any().search(text, cand.start, cand.end) is not None)
        if not event_date and (same_occasion or (len({c.event for c in all_cands}) == 1 and not own_time)):
            # one event (or "pada kesempatan yang sama"): its day; not for "... digelar pekan lalu"
            event_date = resolve_date(0, len(text))
    election = _election(text, cand, document, event_date)
    return Fact(
        article_id=document.article_id,
        event=cand.event,
        body=cand.body,
        region=region.name if region else "",
        region_level=region.level if region else "",
        region_code=region.code if region else "",
        province=region.province if region else "",
        members=members, units=units, per_unit=per_unit, unit_type=unit_type,
        election=election, event_date=event_date,
        evidence=text[cand.start:cand.end], start=cand.start, end=cand.end,
    )


_SAME_DAY = re.compile(r"\b(?:pada|di)\s+hari\s+(?:yang\s+sama|itu\s+juga)\b", re.I)


def _same_day(document: Document, cand: _Candidate, resolve_date: Callable[[int, int], str]) -> str:
    """The event day of the sentences just before a fact sentence that says "pada hari yang sama"."""
    sentences = document.sentences()
    for lo, hi in cand.sentences:
        if (lo, hi) not in sentences or not _SAME_DAY.search(document.text, lo, hi):
            continue
        i = sentences.index((lo, hi))
        for j in range(i - 1, max(-1, i - 3), -1):
            day = resolve_date(*sentences[j])
            if day:
                return day
    return ""


def _quota(body: str) -> int:
    """Members per unit that the law sets for the body (data/quotas.tsv); 0 when none."""
    return int(vocab.mapping("quotas.tsv").get(body.lower(), 0))


def _near(document: Document, cand: _Candidate, same_body: list[_Candidate],
          regions: list[RegionMention]) -> list[tuple[int, int]]:
    """Where an article has several facts of one body (Kota and Kabupaten Bogor), the sentences right
    before and after this fact's own ones, in the same paragraph, that belong to no other fact of that
    body and name no region outside this fact's: there its count and units may stand ("KPU Kota
    Probolinggo hanya membutuhkan 87 anggota PPS untuk 29 kelurahan. Pelantikan PPS ... digelar ...")."""
    if cand.region is None:
        return []
    sentences = document.sentences()
    index = {sent: i for i, sent in enumerate(sentences)}
    theirs = {sent for c in same_body if c is not cand for sent in c.sentences}
    paragraphs = document.paragraphs or [(0, len(document.text))]
    out: list[tuple[int, int]] = []
    for sent in cand.sentences:
        i = index.get(sent)
        if i is None:
            continue
        para = next(((a, b) for a, b in paragraphs if a <= sent[0] < b), None)
        for j in (i - 1, i + 1, i + 2):  # "... melantik 81 anggota PPS. Pelantikan digelar di aula. Mereka
            # bertugas di 27 kelurahan, masing-masing tiga orang."
            if not 0 <= j < len(sentences) or sentences[j] in theirs or sentences[j] in out:
                continue
            if j == i + 2 and (sentences[i + 1] in theirs or sentences[i + 1] not in out):
                continue  # two sentences on only past one of this fact's own
            lo, hi = sentences[j]
            if para is None or not para[0] <= lo < para[1]:
                continue
            named = [r.region for r in regions if lo <= r.start < hi and r.region]
            if all(cand.region.contains(r) for r in named):
                out.append((lo, hi))
    return out


def _members(cand: _Candidate, counts: list[tuple[tuple[int, int], Count, bool]], single: bool, only: bool,
             near: list[tuple[int, int]] | None = None, one_unit: bool = False) -> int | None:
    """The member count of a candidate fact: the count written with one of its own body mentions,
    else (when the article has one fact of that body) one elsewhere, or (when it has several) one
    written with the body in a sentence `near` this fact's, else a bare "30 anggota" (when the article
    has one fact). `counts`: (sentence, count, the sentence has an event word)."""
    own: list[Count] = []
    others: list[Count] = []
    close: list[Count] = []
    bare: list[Count] = []
    for sentence, c, has_event in counts:
        if c.body == cand.body:
            if c.mention_start in cand.mentions:
                own.append(c)
            elif c.mention_start is None or sentence not in cand.sentences:
                others.append(c)
                if c.mention_start is not None and sentence in (near or []):
                    close.append(c)
        elif c.body is None and has_event:
            bare.append(c)
    near_ones = [] if one_unit else (others if single else close)
    pool = own or near_ones or (bare if only else [])
    if pool and not pool[0].people:  # "enam PPK ... 30 anggota PPK": the bare count may count committees
        more = [c for c in own + near_ones if c.people and c.value > pool[0].value]
        pool = more or pool
    return pool[0].value if pool else None


def _units(document: Document, cand: _Candidate, bodies: list[BodyMention], single: bool,
           near: list[tuple[int, int]] | None = None,
           regions: list[RegionMention] | None = None) -> tuple[int | None, int | None, str]:
    """Units and per-unit quota of the body's kind of unit, from sentences about this body (where the
    article has several facts of this body: only from the fact's own sentences and those `near` them,
    else a quota the article states for the body in general)."""
    kind = UNIT_OF.get(cand.body)
    if not kind:
        return None, None, ""
    text = document.text
    if not single:
        spans = sorted(set(cand.sentences) | set(near or []))
        quotas = [q for lo, hi in spans for q in find_quotas(text, lo, hi) if q.unit_type == kind]
        counts = [u for lo, hi in spans for u in find_unit_counts(text, lo, hi) if u.unit_type == kind]
        if len(counts) > 1:  # "KPU Gianyar melantik 210 anggota PPS untuk 70 desa, sedangkan KPU Karangasem
            # melantik 234 anggota PPS dari 78 desa": each the count after its own mention of the body
            mentions = sorted(b.start for b in bodies if b.body == cand.body)
            counts = [u for u in counts if _last_before(mentions, u.start) in cand.mentions]
        units = counts[0].units if len(counts) == 1 else None  # two unit counts: which is whose is unsure
        per_unit = quotas[0].per_unit if len({q.per_unit for q in quotas}) == 1 else None
        if per_unit is None and not quotas:
            per_unit = _general_quota(document, cand.body, bodies, kind, regions or [])
        return units, per_unit, kind if (units or per_unit) else ""
    paragraphs = []
    for lo, hi in document.paragraphs or [(0, len(text))]:
        here = {b.body for b in bodies if lo <= b.start < hi}
        about = any((lo <= s < hi) for s, _ in cand.sentences) or cand.body in here
        quotas = [q for q in find_quotas(text, lo, hi) if q.unit_type == kind]
        counts = [u for u in find_unit_counts(text, lo, hi) if u.unit_type == kind]
        paragraphs.append((about, here, quotas, counts))
    per_unit = units = None
    # quotas from paragraphs about this body first; then one standing alone ("lima orang per kecamatan")
    # in a paragraph that names no other ad hoc body
    for strict in (True, False):
        for about, here, quotas, _ in paragraphs:
            if per_unit is None and quotas and (about if strict else not here - {"KPU", "BAWASLU"}):
                per_unit = quotas[0].per_unit
    for _, _, quotas, counts in paragraphs:
        for u in counts if units is None else []:  # the sentence names the body, or the paragraph has a quota
            s_lo, s_hi = document.sentence_at(u.start)
            if quotas or any(b.body == cand.body and s_lo <= b.start < s_hi for b in bodies):
                units = u.units
                break
    return units, per_unit, kind if (units or per_unit) else ""


def _last_before(positions: list[int], pos: int) -> int | None:
    """The last of the sorted `positions` before `pos`, if any."""
    before = [p for p in positions if p < pos]
    return before[-1] if before else None


def _general_quota(document: Document, body: str, bodies: list[BodyMention], kind: str,
                   regions: list[RegionMention]) -> int | None:
    """A quota stated for the body in general, in a sentence that names the body and no region ("Setiap
    desa dan kelurahan diisi tiga anggota PPS" after the PPS of a kota and of a kabupaten), when every
    such quota of the article says the same."""
    text = document.text
    values = set()
    for lo, hi in document.sentences():
        if not any(b.body == body and lo <= b.start < hi for b in bodies):
            continue
        if any(r.region and lo <= r.start < hi for r in regions):
            continue
        values |= {q.per_unit for q in find_quotas(text, lo, hi) if q.unit_type == kind}
    return values.pop() if len(values) == 1 else None


def _election(text: str, cand: _Candidate, document: Document, event_date: str = "") -> str:
    """The election named in the fact's sentences (with the year written there, else the article's
    years for that type of election); else, for an ad hoc body, the one it works for by the voting
    schedule (PPS sworn in in May 2024: Pilkada 2024; a "Pemilu Februari lalu" a member recalls is not
    it); else the article's election."""
    pub_year = document.published.year if document.published else None
    kind = ""
    for i, (lo, hi) in enumerate(cand.sentences):
        found = elections(text, lo, hi)
        if found:
            years = [y for t, y, _ in found if t == found[0][0]]
            if any(years):
                return with_year(found[0][0], years, text, pub_year)
            if i == 0:
                kind = found[0][0]
    if kind:  # the event sentence says "untuk Pemilihan Gubernur ..." with no year: not the "Pemilu 2024"
        # a quote recalls; a later sentence's "pemilu sebelumnya" does not count
        return with_year(kind, [y for t, y, _ in elections(text) if t == kind], text, pub_year)
    day = date.fromisoformat(event_date) if event_date else document.published
    scheduled = election_after(day) if day and cand.body in AD_HOC else ""
    return scheduled or article_election(text, pub_year)
