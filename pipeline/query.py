"""SQL over the output tables with DuckDB: each table of an output folder is a view.

`open_tables(out_dir)` gives a DuckDB connection with the views articles, facts, quotes, officials,
dates, people and people_merges (the people tables are built first when missing or stale), plus the
SQL function `name_key(text)` (the normalised person-name key of `pipeline.names`), so that
`WHERE name_key(speaker) = name_key('Muhamad Habibi')` matches every spelling.
`EXAMPLES` are the named queries of `pemilu-facts query --example NAME` and docs/querying.md.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.names import name_key
from pipeline.write import neutralize

log = logging.getLogger(__name__)

#: The views a query sees, in this order.
TABLE_NAMES = ("articles", "facts", "quotes", "officials", "dates", "people", "people_merges")
FORMATS = ("table", "csv", "json")


class QueryError(Exception):
    """A query that cannot run: missing tables folder, bad SQL, unknown example or parameter."""


@dataclass(frozen=True)
class Example:
    """A named, documented query."""

    name: str
    title: str
    sql: str
    params: Mapping[str, str] = field(default_factory=dict)


EXAMPLES: dict[str, Example] = {e.name: e for e in [
    Example(
        "ppk-and-kpu",
        "How many PPK members were sworn in per province (and per KPU), and who spoke for each KPU",
        """
-- One row per KPU (kabupaten/kota or province) with the PPK members it swore in and the people
-- who spoke for it, plus a total row per province. A swearing-in reported by several articles
-- counts once: per region and election the largest stated member count is kept.
WITH sworn AS (
  SELECT province, region, region_code, election, max(members) AS members
  FROM facts
  WHERE event = 'pelantikan' AND body = 'PPK'
  GROUP BY ALL
), per_region AS (
  SELECT province, region, region_code, sum(members) AS members
  FROM sworn
  GROUP BY ALL
), speakers AS (
  SELECT province, region, region_code,
         string_agg(name || ' (' || role || ')', '; ' ORDER BY n_quotes DESC, name) AS who_spoke
  FROM people
  WHERE org_type = 'KPU' AND region_code <> ''
  GROUP BY ALL
), per_kpu AS (
  SELECT coalesce(s.province, k.province) AS province, coalesce(s.region, k.region) AS region,
         s.members, k.who_spoke
  FROM per_region s
  FULL JOIN speakers k ON s.region_code = k.region_code
)
SELECT province,
       CASE WHEN grouping(region) = 1 THEN '(province total)' ELSE 'KPU ' || region END AS kpu,
       sum(members) AS ppk_members_sworn_in,
       CASE WHEN grouping(region) = 0 THEN any_value(who_spoke) END AS who_spoke
FROM per_kpu
GROUP BY ROLLUP (province, region)
HAVING grouping(province) = 0
ORDER BY province, grouping(region), region
""",
    ),
    Example(
        "sworn-in-per-province",
        "Members sworn in per province and body (each swearing-in counted once)",
        """
WITH events AS (  -- several articles about one swearing-in: count it once, largest stated count
  SELECT province, body, region_code, election,
         max(members) AS members, count(DISTINCT article_id) AS articles
  FROM facts
  WHERE event = 'pelantikan'
  GROUP BY ALL
)
SELECT province, body,
       count(*) AS regions,
       sum(members) AS members_sworn_in,
       count(*) FILTER (WHERE members IS NULL) AS regions_without_count,
       sum(articles) AS articles
FROM events
GROUP BY ALL
ORDER BY province, body
""",
    ),
    Example(
        "kpu-speakers",
        "Who spoke for each KPU (people directory: name variants merged across articles)",
        """
SELECT CASE WHEN region = '' THEN 'KPU (national or region unknown)' ELSE 'KPU ' || region END AS kpu,
       region_code, province, name, role, roles, n_articles, n_quotes, first_seen, last_seen, person_id
FROM people
WHERE org_type = 'KPU'
ORDER BY province, region_code, n_quotes DESC, name
""",
    ),
    Example(
        "quotes-by-person",
        "Every quote by one person, across articles and name variants (--param person=NAME)",
        """
-- person: any spelling or part of the name ("Habibi", "Muhamad Habibi"); empty for everyone.
SELECT p.name AS person, p.role, p.org_type, p.region, a.published, q.quote_type, q.quote,
       q.speaker AS written_as, a.outlet, a.url, p.person_id
FROM people p
JOIN people_merges m USING (person_id)
JOIN quotes q ON q.article_id = m.article_id AND name_key(q.speaker) = m.name_key
LEFT JOIN articles a ON a.article_id = q.article_id
WHERE name_key($person) = ''
   OR list_has_all(string_split(p.name_key, ' '), string_split(name_key($person), ' '))
   OR list_has_all(string_split(m.name_key, ' '), string_split(name_key($person), ' '))
ORDER BY p.name, a.published, q.article_id, q.start
""",
        {"person": ""},
    ),
    Example(
        "facts-with-evidence",
        "Every fact with its evidence sentence and source URL, in date order",
        """
SELECT coalesce(nullif(f.event_date, ''), a.published) AS date, f.event, f.body, f.region, f.region_code,
       f.province, f.members, f.election, f.evidence, a.outlet, a.url, f.article_id
FROM facts f
LEFT JOIN articles a USING (article_id)
ORDER BY date NULLS LAST, f.province, f.region, f.body
""",
    ),
]}


def examples_help() -> str:
    """The named examples as text for --help."""
    lines = ["Named examples (run one with --example NAME; see docs/querying.md):"]
    for e in EXAMPLES.values():
        lines.append(f"  {e.name:<22} {e.title}")
    return "\n".join(lines)


def _udf_types() -> object:
    try:
        from duckdb.sqltypes import VARCHAR
    except ImportError:  # duckdb < 1.4
        from duckdb.typing import VARCHAR  # type: ignore[no-redef]
    return VARCHAR


def open_tables(out_dir: str | Path, build_people: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per output table found in `out_dir`."""
    out = Path(out_dir)
    if not out.is_dir():
        raise QueryError(f"no tables folder at {str(out)!r}: run `pemilu-facts run` (or extract) first, "
                         "or point --out at the folder that holds the tables")
    con = duckdb.connect()
    varchar = _udf_types()
    con.create_function("name_key", name_key, [varchar], varchar)  # type: ignore[list-item]
    found = sorted(_register_people(con, out)) if build_people else []
    for table in TABLE_NAMES:
        pq, csv = out / f"{table}.parquet", out / f"{table}.csv"
        if table in found:
            continue
        if pq.exists():
            path = str(pq.resolve()).replace("'", "''")
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
        elif csv.exists():
            from pipeline.write import read_table

            con.register(table, read_table(out, table))
        else:
            continue
        found.append(table)
    if not found:
        raise QueryError(f"no output tables in {str(out)!r} (looked for "
                         + ", ".join(f"{t}.parquet" for t in TABLE_NAMES[:5]) + ")")
    return con


def _register_people(con: duckdb.DuckDBPyConnection, out: Path) -> set[str]:
    """Build the people tables when missing or stale; in memory when the folder is read-only."""
    from pipeline.people import ensure_people, people_tables
    from pipeline.write import read_table

    try:
        ensure_people(out)
    except OSError as exc:
        if not (out / "officials.parquet").exists():
            return set()
        log.warning("cannot write the people tables into %s (%s); building them in memory", out, exc)
        people, merges = people_tables(read_table(out, "officials"),
                                       read_table(out, "articles") if (out / "articles.parquet").exists()
                                       else None)
        con.register("people", people)
        con.register("people_merges", merges)
        return {"people", "people_merges"}
    except Exception as exc:  # noqa: BLE001 - a broken officials table must not stop other queries
        log.warning("the people tables could not be built: %s", exc)
    return set()


def tables_in(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The views and tables of a connection with their columns."""
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def run_query(out_dir: str | Path, sql: str, params: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Run `sql` over the tables of `out_dir`; returns the result (empty frame for statements)."""
    con = open_tables(out_dir)
    try:
        return execute(con, sql, params)
    finally:
        con.close()


def execute(con: duckdb.DuckDBPyConnection, sql: str,
            params: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Run `sql` on `con` with named `$params`, turning DuckDB errors into clear QueryErrors."""
    if not sql or not sql.strip():
        raise QueryError("empty SQL")
    wanted = set(_PARAM.findall(sql))
    given = dict(params or {})
    unknown = set(given) - wanted
    if unknown:
        raise QueryError(f"parameter(s) {', '.join(sorted(unknown))} not used by the query "
                         f"(it uses: {', '.join(sorted(wanted)) or 'none'})")
    missing = wanted - set(given)
    if missing:
        raise QueryError(f"the query needs --param {' --param '.join(f'{m}=VALUE' for m in sorted(missing))}")
    try:
        cur = con.execute(sql, given) if given else con.execute(sql)
        if cur.description is None:
            return pd.DataFrame()
        return _tidy(cur.df())
    except duckdb.ParserException as exc:
        raise QueryError(f"SQL syntax error: {_first_line(exc)}") from None
    except duckdb.CatalogException as exc:
        names = ", ".join(tables_in(con))
        raise QueryError(f"{_first_line(exc)}\navailable tables: {names}") from None
    except duckdb.BinderException as exc:
        raise QueryError(f"{_first_line(exc)}\nsee the columns with: pemilu-facts query --tables") from None
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Whole-number float columns (DuckDB sums come back as floats) as nullable integers."""
    for col in df.columns:
        if pd.api.types.is_float_dtype(df[col]):
            vals = df[col].dropna()
            if len(vals) and (vals == vals.round()).all() and vals.abs().max() < 2**53:
                df[col] = df[col].astype("Int64")
    return df


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    # DuckDB adds "LINE 1: ..." context lines; keep them, they point at the error
    return "\n".join(lines[:3]) if lines else type(exc).__name__


def _cell(value: object, width: int) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    return text if width <= 0 or len(text) <= width else text[: max(width - 1, 1)] + "…"


def format_result(df: pd.DataFrame, fmt: str = "table", max_width: int = 60) -> str:
    """The result as an aligned text table (Markdown-style), CSV or JSON."""
    if fmt == "csv":
        buf = io.StringIO()
        safe = df.copy()
        for col in safe.columns:
            if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
                safe[col] = safe[col].map(neutralize)  # spreadsheet-safe, like the tables' CSV
        safe.to_csv(buf, index=False)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps(json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso")),
                          ensure_ascii=False, indent=1)
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    cols = [str(c) for c in df.columns]
    rows = [[_cell(v, max_width) for v in rec] for rec in df.itertuples(index=False, name=None)]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) if num else c.ljust(w)
                                 for c, w, num in zip(cells, widths, numeric, strict=True)) + " |"

    out = [line(cols), "|" + "|".join(("-" * (w + 1) + ":") if num else "-" * (w + 2)
                                      for w, num in zip(widths, numeric, strict=True)) + "|"]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def describe_tables(out_dir: str | Path) -> str:
    """The views of an output folder with their columns and row counts."""
    con = open_tables(out_dir)
    try:
        lines = []
        for table, cols in tables_in(con).items():
            n = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            lines.append(f"{table} ({n[0] if n else 0} rows): {', '.join(cols)}")
        return "\n".join(lines) + "\n"
    finally:
        con.close()
