"""Events (pelantikan, rekrutmen, bimtek, ...) and the election an article is about.

The event words are in `data/events.tsv`; words that turn a sentence into an announcement
("akan melantik") or advice ("rekrutmen KPPS harus ...") are in `data/event_modality.tsv`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from pipeline import vocab
from pipeline.extract.dates import voting_days


@dataclass(slots=True)
class EventCue:
    event: str
    start: int
    end: int
    planned: bool = False
    advice: bool = False


class _Rx(NamedTuple):
    """The event and election patterns, compiled once from the vocabularies."""

    events: list[tuple[str, re.Pattern[str]]]  # (event, its words), in priority order
    planned: re.Pattern[str]  # in the three words before an event word
    planned_after: re.Pattern[str]  # matched after an event noun ("Rekrutmen PKD direncanakan dibuka")
    advice: re.Pattern[str]  # in the three words before it or the nine after it
    advice_before: re.Pattern[str]  # in the three words before it only ("agar")
    not_before: frozenset[str]  # the one word right before it ("tidak merekrut", "adalah merekrut")
    routine: re.Pattern[str]  # matched right after it ("karena masa kerjanya berakhir")
    past: re.Pattern[str]  # matched right after it ("dilantik pada Mei lalu"): a past event recalled
    replacement: re.Pattern[str]  # "pengganti antarwaktu", "PAW": a swearing-in that replaces members
    allegation: re.Pattern[str]  # "menuding", "diadukan": what follows is an accusation
    request: re.Pattern[str]  # "meminta", "mengimbau": what follows in the same clause is asked for
    clause_before: re.Pattern[str]  # "adalah", "harus" a few words before, in the same clause: a duty, not an event
    temporal: frozenset[str]  # "usai", "saat": a time clause, planned when the sentence says "akan"
    other_subject: re.Pattern[str]  # "pendaftaran pasangan calon": not the members' recruitment
    election: re.Pattern[str]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    mod = vocab.rows("event_modality.tsv")
    names = vocab.rows("elections.tsv")
    before_words = [w.replace(" ", r"\s+") for k, w in mod if k == "advice_before"]
    return _Rx(
        events=[(ev, vocab.word_rx(rx, re.IGNORECASE)) for ev, rx in vocab.rows("events.tsv")],
        planned=vocab.word_rx("|".join(w for k, w in mod if k == "planned"), re.IGNORECASE),
        planned_after=re.compile("|".join(w for k, w in mod if k == "planned_after"), re.IGNORECASE),
        advice=vocab.word_rx("|".join(w for k, w in mod if k == "advice"), re.IGNORECASE),
        advice_before=vocab.word_rx("|".join(before_words), re.IGNORECASE),
        not_before=frozenset(w.lower() for k, w in mod if k == "not_before"),
        routine=re.compile("|".join(w for k, w in mod if k == "routine"), re.IGNORECASE),
        past=re.compile("|".join(w for k, w in mod if k == "past"), re.IGNORECASE),
        replacement=re.compile("|".join(w for k, w in mod if k == "replacement"), re.IGNORECASE),
        allegation=vocab.word_rx("|".join(w for k, w in mod if k == "allegation"), re.IGNORECASE),
        request=vocab.word_rx("|".join(w for k, w in mod if k == "request"), re.IGNORECASE),
        # not "yang adalah"/"yang harus", and not across punctuation or a relative clause ("Mereka adalah anggota
        # PPK yang dilantik Senin", "PPK yang bertugas di 27 kecamatan dilantik")
        clause_before=re.compile(rf"(?<!\byang )\b(?:{'|'.join(w for k, w in mod if k == 'clause_before')})\b"
                                 r"(?![^,.;]*(?:[,.;]|\byang\b))", re.IGNORECASE),
        temporal=frozenset(w for k, w in mod if k == "temporal"),
        other_subject=re.compile("|".join(w for k, w in mod if k == "other_subject"), re.IGNORECASE),
        election=re.compile(
            rf"(?<![\w-])(?<!Komisi\s)(?<!KOMISI\s)(?<!komisi\s)(?<!Pengawas\s)(?<!PENGAWAS\s)(?<!Penyelenggara\s)"
            rf"(?<!Independen\s)"
            rf"(?P<name>(?i:{vocab.alternation([n for n, _ in names])}))(?:\s+(?i:serentak))?"
            rf"(?:\s+dan\s+Wakil\s+(?:Gubernur|Bupati|Wali\s*[Kk]ota|Walikota))?"
            # the year, after at most three capitalised words ("Pilkada Kota Serang 2024", "Pemilu Tahun 2024")
            rf"(?:\s+(?:\([A-Za-z]+\)\s+)?(?:[A-Z][\w.]*\s+){{0,3}}?(?:(?:Tahun|tahun)\s+)?(?P<year>20\d\d)(?!\d))?"),
    )


#: "akan" or "bakal" among the words before an event word, not in a relative clause ("yang akan bertugas")
_WILL_BEFORE = re.compile(r"(?<!\byang )\b(?:akan|bakal)\b(?![^,.;]*[,.;])", re.IGNORECASE)

#: A time ahead anywhere in a sentence ("setelah dilantik, para anggota PPS mengikuti bimtek pekan depan")
_FUTURE = re.compile(r"\b(?:(?:pekan|minggu|bulan|tahun)\s+depan|lusa)\b", re.IGNORECASE)

#: Event words that are nouns ("pelantikan", "rekrutmen", "seleksi"), which a later verb may say is planned.
_EVENT_NOUN = re.compile(r"(?i:pe\w+an|rekrutmen|seleksi|tes|wawancara|bimtek|bimbingan|orientasi|diklat|rapat|rakor"
                         r"|konsolidasi|apel)\b")


#: What ends a requested clause before an event word: a relative clause or punctuation.
_CLAUSE_BREAK = re.compile(r"\byang\b|[,.;:\"“”]")


def _requested(text: str, lo: int, word: re.Match[str]) -> bool:
    """The event word is what a request earlier in its clause asks for ("meminta camat membantu
    menyosialisasikan pendaftaran PPK"), unless it is a passive participle ("dilantik")."""
    if word.group(0).lower().startswith("di"):
        return False
    asks = list(_rx().request.finditer(text, lo, word.start()))
    return bool(asks) and not _CLAUSE_BREAK.search(text, asks[-1].end(), word.start())


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


#: A sentence that opens in a past election: what it tells is background ("Pada Pemilu 2024 lalu, tercatat 412 orang
#: mendaftar"). Not "Sebelumnya, ...": that often reports an earlier event of the same story, with its day.
_BACKGROUND_OPENING = re.compile(r"\s*Pada\s+(?:Pemilu|Pilkada|Pileg|Pilpres|pemilihan)\b[^,.]{0,40}\blalu\s*,")


def find_event_cues(text: str, lo: int, hi: int) -> list[EventCue]:
    """Event words in text[lo:hi], each marked when it is planned or only advised (or told as background)."""
    rx = _rx()
    out = []
    background = _BACKGROUND_OPENING.match(text, lo, hi) is not None
    accused = rx.allegation.search(text, lo, hi)  # where an accusation starts in the sentence, if anywhere
    adjectives: set[int] = set()  # "PPS terpilih": the selected members, an event only if nothing else is
    for ev, words in rx.events:
        for m in words.finditer(text, lo, hi):
            if any(c.start <= m.start() < c.end for c in out):
                continue
            before = " ".join(text[max(lo, m.start() - 30):m.start()].split()[-3:])  # three words before
            after = text[m.end():min(hi, m.end() + 90)]
            near_after = " ".join(after.split()[:9])
            noun = _EVENT_NOUN.match(m.group(0)) is not None
            alleged = ev != "pemberhentian" and accused is not None and accused.start() < m.start()
            word_before = before.rsplit(None, 1)[-1] if before else ""
            last = word_before.lower()
            # "usai pelantikan, para anggota PPK akan langsung mengikuti bimtek": the time clause of a plan;
            # "PPK akan langsung membantu KPU merekrut PPS": "akan" a few words before, not "yang akan"
            six_before = " ".join(text[max(lo, m.start() - 60):m.start()].split()[-6:])
            future = rx.planned.search(text, lo, hi) or _FUTURE.search(text, lo, hi)
            in_plan = (last in rx.temporal and future is not None) or bool(_WILL_BEFORE.search(six_before))
            if m.group(0).lower() == "terpilih" and word_before.isupper() and len(word_before) >= 3:
                adjectives.add(m.start())  # "Anggota PPS terpilih rencananya dilantik": dropped below
            out.append(EventCue(
                ev, m.start(), m.end(),
                planned=bool(in_plan or rx.planned.search(before)
                             or (noun and rx.planned_after.match(text, m.end(), hi))),
                advice=bool(background or alleged or last in rx.not_before or _requested(text, lo, m)
                            or rx.clause_before.search(six_before)
                            or rx.other_subject.match(text, m.end(), hi)
                            or rx.advice.search(before) or rx.advice.search(near_after)
                            or rx.advice_before.search(before) or rx.routine.match(after) or rx.past.match(after)),
            ))
    if adjectives and len(out) > len(adjectives):
        out = [c for c in out if c.start not in adjectives]
    # event words run together are one event ("akan menggelar tes tertulis calon anggota PPK"): a planned
    # one makes the next planned too
    by_start = sorted(out, key=lambda c: c.start)
    for a, b in itertools.pairwise(by_start):
        if a.planned and not b.planned and re.fullmatch(r"\s+(?:[a-z]+\s+)?", text[a.end:b.start]):
            b.planned = True
    order = [ev for ev, _ in rx.events]
    out.sort(key=lambda c: (order.index(c.event), c.start))
    return out


def is_replacement(text: str, lo: int, hi: int) -> bool:
    """The sentence text[lo:hi] is about replacing members (PAW), which SCHEMA counts as a dismissal."""
    return _rx().replacement.search(text, lo, hi) is not None


def main_event(cues: list[EventCue]) -> EventCue | None:
    """The event a sentence reports: the first reported cue by priority, else a planned one."""
    reported = [c for c in cues if not c.advice and not c.planned]
    if reported:
        return reported[0]
    planned = [c for c in cues if c.planned and not c.advice]
    return planned[0] if planned else None


def elections(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int | None, int]]:
    """Election mentions in text[lo:hi] as (type, year or None, offset)."""
    rx = _rx().election
    types = {n.lower(): t for n, t in vocab.rows("elections.tsv")}
    out = []
    for m in rx.finditer(text, lo, len(text) if hi is None else hi):
        name = re.sub(r"\s+", " ", m.group("name")).lower()
        out.append((types[name], int(m.group("year")) if m.group("year") else None, m.start()))
    return out


def article_election(text: str, published_year: int | None = None) -> str:
    """The election the article is about: the most mentioned type with its most mentioned year."""
    found = elections(text)
    if not found:
        # "peserta pemilihan", "tahapan pemilihan": the law's word for the regional elections (UU 10/2016)
        bare = re.search(r"(?<![\w-])pemilihan(?!\s+(?:umum|ketua|anggota|kepala\s+desa|rektor|[A-Z]))", text)
        return with_year("Pilkada", [], text, published_year) if bare else ""
    with_years = Counter(t for t, y, _ in found if y)
    by_type = Counter(t for t, _, _ in found)
    top = max(by_type, key=lambda t: (with_years[t], by_type[t], -min(o for tt, _, o in found if tt == t)))
    return with_year(top, [y for t, y, _ in found if t == top] or [y for _, y, _ in found], text, published_year)


@lru_cache(maxsize=1)
def _election_years() -> dict[str, list[int]]:
    """Years with a national voting day, per election type ("Pemilu": 2014, 2019, 2024; "Pilkada": ...)."""
    years: dict[str, set[int]] = {}
    for day, kind in voting_days().items():
        years.setdefault(kind.capitalize(), set()).add(day.year)
    return {k: sorted(v) for k, v in years.items()}


def _next_election(kind: str, year: int) -> int | None:
    """The first voting year of `kind` at or after `year`; None when none is known (or the type has none)."""
    known = _election_years().get(kind)
    if not known:
        return year
    return next((y for y in known if y >= year), None)


def election_after(day: date) -> str:
    """The election an ad hoc body formed or changed on `day` works for: the first voting day at most two
    years ahead, or at most 45 days past (recounts and duties end after the vote): "Pilkada 2024" for PPS
    sworn in in May 2024, "Pemilu 2024" for KPPS in early March 2024; "" if none."""
    ahead = sorted(d for d in voting_days() if -45 <= (d - day).days <= 731)
    return f"{voting_days()[ahead[0]].capitalize()} {ahead[0].year}" if ahead else ""


def with_year(kind: str, years: list[int | None], text: str, published_year: int | None = None) -> str:
    """'Pilkada 2024' from a type and the years seen with it; else from the text's most frequent year or
    the publication year, moved to the election that year prepares (PPS sworn in in 2023 work for Pemilu
    2024), or no year when no voting day of that type is known from then on."""
    ys = Counter(y for y in years if y)
    if ys:
        return f"{kind} {ys.most_common(1)[0][0]}"
    ys = Counter(int(y) for y in re.findall(r"(?<!\d)(20[0-4]\d)(?!\d)", text))
    year = ys.most_common(1)[0][0] if ys else published_year
    if year is None:
        return kind
    target = _next_election(kind, year)
    return f"{kind} {target}" if target else kind
