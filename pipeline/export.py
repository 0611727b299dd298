"""Exports of the output tables: SQLite (for Datasette / sqlite-utils) and Excel.

`export_sqlite` writes one table per output table (people included) with SQL types (INTEGER for
counts and offsets, TEXT for the rest, NULL for unknown dates), primary and foreign keys so that
Datasette links rows to their article and person, indexes on the join columns, and FTS5
full-text indexes on quotes (quote, speaker) and facts (evidence) in the sqlite-utils layout that
Datasette detects (`quotes_fts` with `content=[quotes]`).
`export_xlsx` writes one sheet per table plus a README sheet; text cells that a spreadsheet would
run as formulas (starting with = + - @) get a leading apostrophe, as in the CSV files.
Both files are written to a temporary name and renamed into place.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from pipeline.write import neutralize, read_table

log = logging.getLogger(__name__)

#: Tables exported, in this order (those missing from the folder are skipped).
EXPORT_TABLES = ("articles", "facts", "quotes", "officials", "dates", "people", "people_merges")
#: Date columns: empty means unknown, exported as NULL.
DATE_COLUMNS = {"published", "event_date", "date", "first_seen", "last_seen"}
#: Full-text indexes: table -> indexed columns.
FTS = {"quotes": ("quote", "speaker"), "facts": ("evidence",)}
#: Indexes on the columns people join and filter on.
INDEXES = {
    "facts": ("article_id", "province", "region_code", "body", "event"),
    "quotes": ("article_id", "speaker"),
    "officials": ("article_id", "name", "region_code"),
    "dates": ("article_id", "date"),
    "people": ("name_key", "region_code", "org_type"),
    "people_merges": ("person_id", "article_id"),
}
XLSX_MAX_CELL = 32767
XLSX_MAX_ROWS = 1_048_576


class ExportError(Exception):
    """The export cannot run (no tables folder, no tables)."""


@contextmanager
def atomic_path(path: str | Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary path next to `path`; renamed onto `path` when the block ends without error."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_tables(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The output tables of `out_dir` (the people tables built first when missing or stale)."""
    from pipeline.people import ensure_people, people_tables

    out = Path(out_dir)
    if not out.is_dir():
        raise ExportError(f"no tables folder at {str(out)!r}: run `pemilu-facts run` first, "
                          "or give --out DIR")
    tables: dict[str, pd.DataFrame] = {}
    try:
        ensure_people(out)
    except OSError as exc:  # a read-only folder: build them in memory
        log.warning("cannot write the people tables into %s (%s); building them in memory", out, exc)
    except Exception as exc:  # noqa: BLE001 - a broken officials table must not stop the export
        log.warning("the people tables could not be built: %s", exc)
    for name in EXPORT_TABLES:
        if (out / f"{name}.parquet").exists() or (out / f"{name}.csv").exists():
            tables[name] = read_table(out, name)
    if "officials" in tables and "people" not in tables:
        try:
            tables["people"], tables["people_merges"] = people_tables(tables["officials"],
                                                                      tables.get("articles"))
        except Exception as exc:  # noqa: BLE001
            log.warning("the people tables could not be built: %s", exc)
    if not tables:
        raise ExportError(f"no output tables in {str(out)!r} (articles.parquet, facts.parquet, ...)")
    return tables


def _sql_type(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
        return "INTEGER"
    if pd.api.types.is_float_dtype(s):
        return "REAL"
    return "TEXT"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _values(df: pd.DataFrame, types: list[str]) -> Iterator[tuple]:
    cols = list(df.columns)
    for rec in df.itertuples(index=False, name=None):
        row = []
        for col, typ, v in zip(cols, types, rec, strict=True):
            if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                row.append(None)
            elif typ == "INTEGER":
                row.append(int(v))
            elif typ == "REAL":
                row.append(float(v))
            else:
                text = str(v)
                row.append(None if (col in DATE_COLUMNS and not text) else text)
        yield tuple(row)


def export_sqlite(out_dir: str | Path, path: str | Path) -> dict[str, int]:
    """Write the tables of `out_dir` into the SQLite file `path`; returns the row count per table."""
    tables = load_tables(out_dir)
    counts: dict[str, int] = {}
    art_pk = "articles" in tables and tables["articles"]["article_id"].is_unique \
        and bool((tables["articles"]["article_id"] != "").all())
    with atomic_path(path, ".sqlite.tmp") as tmp:
        con = sqlite3.connect(tmp)
        try:
            for name, df in tables.items():
                types = [_sql_type(df[c]) for c in df.columns]
                defs = [f"{_q(c)} {t}" for c, t in zip(df.columns, types, strict=True)]
                if name == "articles" and art_pk:
                    defs[list(df.columns).index("article_id")] += " PRIMARY KEY"
                elif name == "people":
                    defs[list(df.columns).index("person_id")] += " PRIMARY KEY"
                elif "id" not in df.columns:
                    # an explicit row id: stable under VACUUM, which the FTS content tables rely on
                    defs.insert(0, '"id" INTEGER PRIMARY KEY')
                    df = df.copy()
                    df.insert(0, "id", pd.array(range(1, len(df) + 1), dtype="Int64"))
                    types.insert(0, "INTEGER")
                if art_pk and name != "articles" and "article_id" in df.columns:
                    defs.append('FOREIGN KEY ("article_id") REFERENCES "articles"("article_id")')
                if name == "people_merges" and "people" in tables:
                    defs.append('FOREIGN KEY ("person_id") REFERENCES "people"("person_id")')
                con.execute(f"CREATE TABLE {_q(name)} (\n  " + ",\n  ".join(defs) + "\n)")
                marks = ", ".join("?" * len(df.columns))
                con.executemany(f"INSERT INTO {_q(name)} VALUES ({marks})", _values(df, types))
                for col in INDEXES.get(name, ()):
                    if col in df.columns:
                        con.execute(f"CREATE INDEX {_q(f'idx_{name}_{col}')} ON {_q(name)} ({_q(col)})")
                counts[name] = len(df)
            for name, cols in FTS.items():
                if name in tables and all(c in tables[name].columns for c in cols):
                    _add_fts(con, name, cols)
            con.commit()
        finally:
            con.close()
    return counts


def _add_fts(con: sqlite3.Connection, table: str, cols: tuple[str, ...]) -> None:
    """An FTS5 index `TABLE_fts` over `cols`, kept in sync by triggers (the sqlite-utils layout)."""
    fts = f"{table}_fts"
    col_list = ", ".join(f"[{c}]" for c in cols)
    con.execute(f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({col_list}, content=[{table}], "
                "tokenize='unicode61 remove_diacritics 2')")
    con.execute(f"INSERT INTO [{fts}] (rowid, {col_list}) SELECT rowid, {col_list} FROM [{table}]")
    new = ", ".join(f"new.[{c}]" for c in cols)
    old = ", ".join(f"old.[{c}]" for c in cols)
    con.executescript(f"""
        CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN
          INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.rowid, {new});
        END;
        CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN
          INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) VALUES('delete', old.rowid, {old});
        END;
        CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN
          INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) VALUES('delete', old.rowid, {old});
          INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.rowid, {new});
        END;
    """)


def _xlsx_cell(value: object, clean: Callable[[str], str]) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()  # type: ignore[attr-defined]
    text = clean(str(value))
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 20] + " …[truncated]"
    return neutralize(text)


def export_xlsx(out_dir: str | Path, path: str | Path) -> dict[str, int]:
    """Write the tables of `out_dir` as sheets of the Excel file `path`; returns rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    tables = load_tables(out_dir)

    def clean(text: str) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", text)

    wb = Workbook(write_only=True)
    readme = wb.create_sheet("README")
    counts: dict[str, int] = {}
    notes: list[list[object]] = []
    for name, df in tables.items():
        ws = wb.create_sheet(name[:31])
        ws.freeze_panes = "A2"
        limit = XLSX_MAX_ROWS - 1
        if len(df) > limit:
            log.warning("%s has %d rows; Excel holds %d, the rest is left out", name, len(df), limit)
            notes.append([name, f"only the first {limit} of {len(df)} rows (Excel's limit)"])
            df = df.iloc[:limit]
        for i, col in enumerate(df.columns, start=1):
            sample = df[col].astype("string").fillna("").str.len()
            width = max(len(str(col)), int(sample.quantile(0.9)) if len(sample) else 0)
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
        if len(df.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{max(len(df) + 1, 2)}"
        ws.append([str(c) for c in df.columns])
        for rec in df.itertuples(index=False, name=None):
            ws.append([_xlsx_cell(v, clean) for v in rec])
        counts[name] = len(df)
    readme.append(["pemilu-facts tables", f"from {Path(out_dir).resolve()}"])
    readme.append([])
    readme.append(["sheet", "rows"])
    for name, n in counts.items():
        readme.append([name, n])
    readme.append([])
    readme.append(["Columns are described in SCHEMA.md; people and people_merges in docs/querying.md."])
    readme.append(["Text starting with = + - @ has a leading apostrophe: it never runs as a formula."])
    for note in notes:
        readme.append(note)
    with atomic_path(path, ".xlsx.tmp") as tmp:
        wb.save(tmp)
    return counts
