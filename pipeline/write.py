"""Write stage: tables as CSV (spreadsheet-safe) and Parquet, written atomically.

CSV is UTF-8 with a byte-order mark so that Excel and LibreOffice open Indonesian text correctly,
and text cells that start with = + - @ (or a tab / carriage return) get a leading apostrophe so a
spreadsheet never runs them as formulas. Parquet keeps the values untouched.
Every file is written to a temporary name in the same folder and renamed into place, so a reader
never sees half a table and a killed run never leaves one behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.schema import INT_COLUMNS, TABLES

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """A cell value safe to open in a spreadsheet (CSV formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the table's columns in order and nullable integer types."""
    columns = TABLES[table]
    df = pd.DataFrame(list(rows))
    for col in columns:
        if col not in df.columns:
            df[col] = None
    extra = [c for c in df.columns if c not in columns]
    df = df[columns + extra]
    for col in INT_COLUMNS.get(table, []):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in df.columns:
        if col not in INT_COLUMNS.get(table, []):
            df[col] = df[col].astype("string").fillna("")
    return df


def _atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_table(out_dir: str | Path, table: str, df: pd.DataFrame) -> None:
    """Write DIR/table.csv and DIR/table.parquet atomically."""
    out = Path(out_dir)
    safe = df.copy()
    for col in safe.columns:
        if safe[col].dtype == "string" or safe[col].dtype == object:
            safe[col] = safe[col].map(neutralize)
    _atomic(out / f"{table}.csv", lambda p: safe.to_csv(p, index=False, encoding="utf-8-sig"))
    _atomic(out / f"{table}.parquet", lambda p: df.to_parquet(p, index=False))


def write_tables(out_dir: str | Path, tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, int]:
    """Write every table; returns the row count of each."""
    counts = {}
    for name in TABLES:
        df = to_frame(name, tables.get(name, []))
        write_table(out_dir, name, df)
        counts[name] = len(df)
    return counts


def read_table(out_dir: str | Path, table: str) -> pd.DataFrame:
    """Read a written table back (Parquet when present, else CSV)."""
    out = Path(out_dir)
    pq = out / f"{table}.parquet"
    if pq.exists():
        return pd.read_parquet(pq)
    return pd.read_csv(out / f"{table}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
