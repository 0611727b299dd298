"""The small typed records that flow between the stages (see ARCHITECTURE.md).

`Article` comes out of acquire, `Document` out of clean + nlp, and the row records out of extract.
Every row record carries its evidence: the sentence it rests on and character offsets into the
cleaned text (`Document.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any

#: Article statuses, as in SCHEMA.md.
STATUSES = ("ok", "not_indonesian", "duplicate", "empty", "error")


@dataclass(slots=True)
class Article:
    """One input article as read (plain text, or raw HTML to be cleaned)."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str = ""
    outlet: str = ""
    title: str = ""
    published: str = ""  # YYYY-MM-DD from the input, or "" when unknown
    author: str = ""
    source: str = ""  # where it was read from: a path, "path:line" for jsonl
    status: str = "ok"
    error: str = ""


@dataclass(slots=True)
class Document:
    """A cleaned article: text with paragraph offsets, metadata and the parsed spaCy doc."""

    article_id: str
    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    author: str = ""
    published: date | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    doc: Any = None  # spacy.tokens.Doc, with sentences and (when a model is loaded) entities

    _sentences: tuple[int, list[tuple[int, int]]] | None = field(default=None, repr=False, compare=False)

    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of the sentences of the text (computed once, see `nlp.sentence_spans`)."""
        if self._sentences is None or self._sentences[0] != len(self.text):
            from pipeline.sentences import sentence_spans

            self._sentences = (len(self.text), sentence_spans(self.text))
        return self._sentences[1]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `offset`."""
        for start, end in self.sentences():
            if start <= offset < end:
                return start, end
        return 0, len(self.text)


@cache
def _columns(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Row:
    """Mixin for output rows: a plain dict for the writer."""

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict (shallow: every field is a scalar)."""
        return {name: getattr(self, name) for name in _columns(type(self))}

    @classmethod
    def columns(cls) -> list[str]:
        """The field names, in order (the table's columns)."""
        return list(_columns(cls))


@dataclass(slots=True)
class Fact(Row):
    """An event about an election body in a region, with the member count when stated."""

    article_id: str
    event: str
    body: str
    region: str = ""
    region_level: str = ""
    region_code: str = ""
    province: str = ""
    members: int | None = None
    units: int | None = None
    per_unit: int | None = None
    unit_type: str = ""
    election: str = ""
    event_date: str = ""
    evidence: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Quote(Row):
    """A direct or indirect quotation with its attributed speaker."""

    article_id: str
    speaker: str
    role: str = ""
    org_type: str = ""
    region_code: str = ""
    quote: str = ""
    quote_type: str = "direct"
    cue: str = ""
    start: int = 0
    end: int = 0
    evidence: str = ""


@dataclass(slots=True)
class Official(Row):
    """A named official who is quoted or whose statement is reported."""

    article_id: str
    name: str
    role: str = ""
    org_type: str = ""
    region_code: str = ""
    region: str = ""
    title: str = ""  # the title as written, e.g. "Ketua KPU Kota Bogor"
    n_quotes: int = 0
    evidence: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class DateMention(Row):
    """A date expression resolved to a calendar day."""

    article_id: str
    text: str
    date: str
    role: str = "other"
    start: int = 0
    end: int = 0
    evidence: str = ""


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
