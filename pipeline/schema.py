"""Output tables and their columns (the contract in SCHEMA.md, plus added columns)."""

from __future__ import annotations

from pipeline.records import DateMention, Fact, Official, Quote

ARTICLE_COLUMNS = [
    "article_id", "url", "outlet", "title", "published", "author", "status", "error",
    "source", "duplicate_of", "n_chars", "n_facts", "n_quotes", "n_officials", "n_dates",
]

TABLES: dict[str, list[str]] = {
    "articles": ARTICLE_COLUMNS,
    "facts": Fact.columns(),
    "quotes": Quote.columns(),
    "officials": Official.columns(),
    "dates": DateMention.columns(),
}

#: Integer columns (nullable) per table, so CSV and Parquet agree on types.
INT_COLUMNS: dict[str, list[str]] = {
    "articles": ["n_chars", "n_facts", "n_quotes", "n_officials", "n_dates"],
    "facts": ["members", "units", "per_unit", "start", "end"],
    "quotes": ["start", "end"],
    "officials": ["n_quotes", "start", "end"],
    "dates": ["start", "end"],
}

EVENTS = ("pelantikan", "rekrutmen", "bimtek", "konsolidasi", "pakta_integritas", "pemberhentian", "other")
BODIES = (
    "KPU", "PPK", "PPS", "KPPS", "PANTARLIH", "PPLN", "KPPSLN", "BAWASLU", "PANWASCAM",
    "PKD", "PTPS", "DKPP", "SEKRETARIAT_PPK", "SEKRETARIAT_PPS",
)
REGION_LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan", "desa")
ORG_TYPES = ("KPU", "BAWASLU", "PPK", "PPS", "PEMDA", "DPRD", "POLRI", "TNI", "OTHER")
DATE_ROLES = ("event", "election_day", "deadline", "publication", "other")
