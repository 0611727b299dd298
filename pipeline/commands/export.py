"""`pemilu-facts export [--out DIR] --sqlite FILE | --xlsx FILE`."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """Export the output tables of DIR (default outputs/), the people directory included.

--sqlite FILE  one SQLite table per output table, with SQL types, primary and foreign keys and
               FTS5 full-text search on quotes (quote, speaker) and facts (evidence). Open it with
               Datasette (`datasette FILE`: search box on quotes and facts, rows linked to their
               article and person) or sqlite-utils, e.g.
               sqlite-utils search FILE quotes "netralitas"
--xlsx FILE    one sheet per table (plus a README sheet) for spreadsheet users; text that a
               spreadsheet would run as a formula (= + - @ at the start) gets a leading apostrophe.

Examples:
  pemilu-facts export --sqlite pemilu.db && datasette pemilu.db
  pemilu-facts export --out results/ --xlsx pemilu.xlsx"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="outputs", metavar="DIR",
                   help="folder with the tables (default: outputs)")
    p.add_argument("--sqlite", metavar="FILE", help="write a SQLite database (replaced if it exists)")
    p.add_argument("--xlsx", metavar="FILE", help="write an Excel workbook (replaced if it exists)")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import ExportError, export_sqlite, export_xlsx

    if not args.sqlite and not args.xlsx:
        print("error: give --sqlite FILE and/or --xlsx FILE", file=sys.stderr)
        return 2
    try:
        for flag, path, export in (("sqlite", args.sqlite, export_sqlite), ("xlsx", args.xlsx, export_xlsx)):
            if not path:
                continue
            counts = export(args.out, path)
            rows = ", ".join(f"{t} {n}" for t, n in counts.items())
            print(f"{flag}: wrote {path} ({rows})")
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        print(f"error: {exc.name} is needed for this export (pip install {exc.name})", file=sys.stderr)
        return 2
    return 0
