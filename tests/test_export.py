"""`pemilu-facts export`: SQLite with full-text search (Datasette, sqlite-utils) and Excel."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.export import XLSX_MAX_CELL, export_sqlite, export_xlsx
from pipeline.write import write_tables

FIXTURE = Path(__file__).parent / "fixtures" / "tables" / "sample.json"
TABLES = ["articles", "facts", "quotes", "officials", "dates", "people", "people_merges"]


def sample() -> dict[str, list[dict]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    write_tables(out, sample())
    return out


@pytest.fixture(scope="module")
def db(tables: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "pemilu.db"
    counts = export_sqlite(tables, path)
    assert list(counts) == TABLES
    return path


def test_sqlite_tables_types_and_keys(db: Path) -> None:
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= names and {"quotes_fts", "facts_fts"} <= names
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    assert counts == {"articles": 8, "facts": 8, "quotes": 13, "officials": 15, "dates": 5, "people": 11,
                      "people_merges": 15}
    cols = {r[1]: r[2] for r in con.execute("PRAGMA table_info(facts)")}
    assert cols["members"] == cols["start"] == cols["end"] == "INTEGER"
    assert cols["evidence"] == cols["region_code"] == "TEXT"
    assert con.execute("SELECT typeof(members), members FROM facts WHERE article_id = 'a04'").fetchone() == (
        "integer", 145)
    assert con.execute("SELECT members FROM facts WHERE article_id = 'a05'").fetchone() == (None,)
    assert con.execute("SELECT published FROM articles WHERE article_id = 'a08'").fetchone() == (None,)
    # the cell values are not neutralised in the database: it is not a spreadsheet
    ev = con.execute("SELECT evidence FROM facts WHERE article_id = 'a05'").fetchone()[0]
    assert ev.startswith("=HYPERLINK")
    pk = [r[1] for r in con.execute("PRAGMA table_info(articles)") if r[5]]
    assert pk == ["article_id"]
    fks = {(r[2], r[3]) for r in con.execute("PRAGMA foreign_key_list(people_merges)")}
    assert fks == {("articles", "article_id"), ("people", "person_id")}
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_full_text_search(db: Path) -> None:
    con = sqlite3.connect(db)

    def search(table: str, query: str) -> list[str]:
        col = "quote" if table == "quotes" else "evidence"
        return [r[0] for r in con.execute(
            f"SELECT t.article_id FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid "
            f"WHERE {table}_fts MATCH ? ORDER BY t.{col}", (query,))]

    assert sorted(search("quotes", "netral*")) == ["a01", "a06"]
    assert sorted(search("quotes", "speaker:habibi")) == ["a01", "a01", "a02", "a06"]
    assert search("quotes", "speaker:muhamad") == ["a06"]  # spelling as written
    assert sorted(search("facts", "dilantik")) == ["a02", "a04"]
    con.execute("VACUUM")  # explicit integer keys: rowids, and so the index, survive a VACUUM
    assert sorted(search("quotes", "netral*")) == ["a01", "a06"]
    con.execute("INSERT INTO quotes (article_id, speaker, quote) VALUES ('a09', 'X', 'netralitas baru')")
    assert "a09" in search("quotes", "netralitas")  # triggers keep the index in sync


def test_sqlite_utils_sees_the_search_index(db: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    database = sqlite_utils.Database(db)
    assert database["quotes"].detect_fts() == "quotes_fts"
    assert database["facts"].detect_fts() == "facts_fts"
    hits = list(database["quotes"].search("lantik"))
    assert [h["speaker"] for h in hits] == ["Ahmad Fauzi"]


def test_datasette_serves_search_and_links(db: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch() -> tuple[list[dict], str, list[dict]]:
        ds = datasette_app.Datasette([str(db)])
        hits = await ds.client.get(f"/{db.stem}/quotes.json?_search=netral*&_searchmode=raw&_shape=array")
        page = await ds.client.get(f"/{db.stem}/facts")
        merges = await ds.client.get(f"/{db.stem}/people_merges.json?_shape=array&_labels=on"
                                     "&article_id=a02")
        assert hits.status_code == page.status_code == merges.status_code == 200
        return hits.json(), page.text, merges.json()

    hits, page, merges = asyncio.run(fetch())
    assert {h["article_id"] for h in hits} == {"a01", "a06"}
    assert 'name="_search"' in page  # Datasette found the FTS index of facts
    assert merges[0]["person_id"]["label"] == "Muhammad Habibi Zaenal Arifin"
    assert merges[0]["article_id"]["label"] == "30 PPK Kota Serang resmi dilantik"


def test_sqlite_export_replaces_the_file_and_leaves_no_temp(tables: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    path.write_text("not a database")
    export_sqlite(tables, path)
    export_sqlite(tables, path)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM people").fetchone() == (11,)
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


def test_xlsx_sheets_and_neutralised_cells(tables: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "pemilu.xlsx"
    counts = export_xlsx(tables, path)
    assert counts["people"] == 11
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["README"] + TABLES
    facts = wb["facts"]
    header = [c.value for c in facts[1]]
    assert header[:3] == ["article_id", "event", "body"]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in facts.iter_rows(min_row=2, values_only=True)}
    assert rows["a05"]["evidence"].startswith("'=HYPERLINK")
    assert rows["a04"]["members"] == 145 and isinstance(rows["a04"]["members"], int)
    assert rows["a05"]["members"] is None
    quotes = [r[0] for r in wb["quotes"].iter_rows(min_row=2, min_col=6, max_col=6, values_only=True)]
    assert "'-Bimtek digelar besok." in quotes
    assert facts.freeze_panes == "A2"
    assert wb["README"]["A3"].value == "sheet"


def test_xlsx_survives_control_characters_and_huge_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = sample()
    data["quotes"][0]["quote"] = "bell\x07 and " + "x" * 40000
    data["quotes"][1]["quote"] = "@SUM(A1)"
    write_tables(tmp_path / "t", data)
    export_xlsx(tmp_path / "t", tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["quotes"]
    long_cell, at_cell = ws["F2"].value, ws["F3"].value
    assert long_cell.startswith("bell and ") and len(long_cell) <= XLSX_MAX_CELL
    assert long_cell.endswith("[truncated]")
    assert at_cell == "'@SUM(A1)"


def test_cli(tables: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, xlsx = tmp_path / "a.db", tmp_path / "a.xlsx"
    assert main(["export", "--out", str(tables), "--sqlite", str(db), "--xlsx", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "people 11" in out and db.exists() and xlsx.exists()
    assert main(["export", "--out", str(tables)]) == 2
    assert "--sqlite" in capsys.readouterr().err
    assert main(["export", "--out", str(tmp_path / "none"), "--sqlite", str(db)]) == 2
    assert "no tables folder" in capsys.readouterr().err
