"""`pemilu-facts report [--out DIR] [--report-dir R]`."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """Write a static HTML report of the tables in DIR (default outputs/) to DIR/report/index.html
(or R/index.html with --report-dir R). It is one self-contained file: open it from disk in any
browser, no server and no network needed (charts are inline SVG).

It shows totals by province and body (members sworn in, each swearing-in counted once), a
timeline of events, a region table with Kemendagri codes, the people directory (name variants
merged, with the evidence of each merge), every fact with its evidence sentence and source link,
and the articles with their status. Long tables can be filtered and sorted.

Example:
  pemilu-facts run && pemilu-facts report && xdg-open outputs/report/index.html"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="outputs", metavar="DIR",
                   help="folder with the tables (default: outputs)")
    p.add_argument("--report-dir", metavar="R", help="folder for index.html (default: DIR/report)")
    p.add_argument("--max-facts", type=int, default=5000, metavar="N",
                   help="list at most N facts with their evidence (default: 5000)")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import ExportError
    from pipeline.report import build_report

    try:
        path = build_report(args.out, args.report_dir, max_facts=args.max_facts)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        print(f"error: {exc.name} is needed for the report (pip install {exc.name})", file=sys.stderr)
        return 2
    print(f"report written to {path}")
    print(f"open it in a browser: file://{path.resolve()}")
    return 0
