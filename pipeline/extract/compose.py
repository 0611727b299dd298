"""Compose the extractors into the rows of one document."""

from __future__ import annotations

import re

from pipeline.extract.bodies import find_bodies
from pipeline.extract.dates import extract_dates
from pipeline.extract.facts import extract_facts
from pipeline.extract.quotes import extract_quotes, find_people
from pipeline.extract.regions import find_regions, resolve_regions
from pipeline.records import Document, Extraction

_EVENT_BEFORE = re.compile(
    r"\b(?:(?:memberhentikan|diberhentikan|memecat|dipecat|melantik|dilantik|mengganti|menggantikan)"
    r"(?:\s+(?:tetap|sementara|secara\s+tidak\s+hormat|dengan\s+hormat))?"
    # "melantik Rina Marliana sebagai anggota PPK Labuan"
    r"(?:(?-i:(?:\s+[A-Z][\w.'-]*){1,5})\s+sebagai)?"
    # "KPU Wonogiri memberhentikan Sukirno, anggota PPK Jatisrono": the title after the person's name
    r"(?:(?-i:(?:\s+[A-Z][\w.'-]*){1,5})\s*,)?"
    # DKPP rulings: "menjatuhkan sanksi pemberhentian tetap kepada Ketua KPU X, NAME"
    r"|pemberhentian(?:\s+(?:tetap|sementara))?\s+(?:kepada|terhadap))\s+$",
    re.IGNORECASE)


def entity_spans(document: Document, label: str) -> list[tuple[int, int]]:
    """(start, end) of the NER model's entities with `label`; empty when no model ran."""
    doc = document.doc
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == label]


def extract_all(document: Document) -> Extraction:
    """All rows of one document: facts, quotes, officials and dates."""
    text = document.text
    regions = resolve_regions(find_regions(text), text)
    bodies = find_bodies(text, regions, entity_spans(document, "LOC"))
    dates = extract_dates(document)
    event_dates = [d for d in dates if d.role == "event"]

    def resolve_date(lo: int, hi: int) -> str:
        """The event day written in text[lo:hi]; for the whole text, the article's one event day."""
        inside = [d for d in event_dates if lo <= d.start < hi]
        if inside:
            return inside[0].date
        if lo == 0 and hi == len(text) and len({d.date for d in event_dates}) == 1:
            return event_dates[0].date
        return ""

    def days(lo: int, hi: int) -> list[str]:
        """Every calendar day written in text[lo:hi], whatever its role."""
        return [d.date for d in dates if lo <= d.start < hi]

    people = find_people(document, regions, bodies)
    spans = {b.start: span for b in bodies for span in people.title_spans if span[0] <= b.start < span[1]}
    # "DKPP memberhentikan Ketua KPU X, NAME": the official is the subject; otherwise a body named in
    # an official's title ("Ketua KPU X, NAME, mengatakan") only locates the article's KPU.
    subjects = {start for start, (ts, _) in spans.items() if _EVENT_BEFORE.search(text[max(0, ts - 40):ts])}
    in_titles = [b for b in bodies if b.start in spans and b.start not in subjects]
    facts = extract_facts(document, regions, [b for b in bodies if b not in in_titles], resolve_date,
                          organisers=in_titles, single_persons=subjects, days=days)
    quotes, officials = extract_quotes(document, regions, bodies, people)
    return Extraction(facts=facts, quotes=quotes, officials=officials, dates=dates)
