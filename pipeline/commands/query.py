"""`pemilu-facts query "SQL" [--out DIR] [--format table|csv|json]`."""

from __future__ import annotations

import argparse
import sys

from pipeline.query import (
    EXAMPLES,
    FORMATS,
    QueryError,
    describe_tables,
    examples_help,
    format_result,
    run_query,
)

DESCRIPTION = f"""Run SQL (DuckDB dialect) over the output tables of DIR (default outputs/).

Every table is a view: articles, facts, quotes, officials, dates, and the people directory
(people: one row per person, name variants merged across articles; people_merges: which official
row went to which person and why; both built first when missing). The SQL function name_key(text)
folds honorifics and spellings, e.g. WHERE name_key(speaker) = name_key('Muhamad Habibi').

{examples_help()}

Examples:
  pemilu-facts query --example ppk-and-kpu
  pemilu-facts query --example quotes-by-person --param person=Habibi
  pemilu-facts query "SELECT body, count(*) FROM facts GROUP BY body" --format csv > bodies.csv
  pemilu-facts query --tables                  # the tables and their columns
  pemilu-facts query --show ppk-and-kpu        # print an example's SQL to adapt it
More in docs/querying.md."""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("sql", nargs="?", metavar="SQL", help="the query (or use --example NAME)")
    p.add_argument("--out", default="outputs", metavar="DIR",
                   help="folder with the tables (default: outputs)")
    p.add_argument("--example", choices=list(EXAMPLES), metavar="NAME", help="run a named example query")
    p.add_argument("--show", choices=list(EXAMPLES), metavar="NAME", help="print the SQL of a named example")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a value for $NAME in the query (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--max-width", type=int, default=60, metavar="N",
                   help="cut table cells after N characters (0: never; table format only)")
    p.add_argument("--tables", action="store_true", help="list the tables and their columns")


def run(args: argparse.Namespace) -> int:
    if args.show:
        print(EXAMPLES[args.show].sql.strip())
        return 0
    params: dict[str, str] = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            print(f"error: --param wants NAME=VALUE, got {item!r}", file=sys.stderr)
            return 2
        params[name.strip().lstrip("$")] = value
    try:
        if args.tables:
            print(describe_tables(args.out), end="")
            return 0
        if args.example and args.sql:
            print("error: give SQL or --example, not both", file=sys.stderr)
            return 2
        if args.example:
            ex = EXAMPLES[args.example]
            sql, params = ex.sql, {**ex.params, **params}
        elif args.sql:
            sql = args.sql
        else:
            print("error: give SQL or --example NAME\n" + examples_help(), file=sys.stderr)
            return 2
        df = run_query(args.out, sql, params)
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if "no tables folder" in str(exc) or "no output tables" in str(exc) else 1
    if df.columns.empty:
        print("OK")
        return 0
    sys.stdout.write(format_result(df, args.format, args.max_width))
    return 0
