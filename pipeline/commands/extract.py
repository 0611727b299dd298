"""`pemilu-facts extract PATH... --out DIR`."""

from __future__ import annotations

import argparse

from pipeline.nlp import NER_ENGINES

DESCRIPTION = """Extract the five tables (articles, facts, quotes, officials, dates) from article files.

PATH may be files or folders (read recursively): *.txt (one article, id = file stem), *.html/*.htm
(a raw web page), *.json (one article object), *.jsonl (one object per line). An article object has
`id`, `text` or `html`, and optionally `url`, `title`, `published` (ISO date), `outlet`, `author`.
Each table is written as DIR/NAME.csv (UTF-8 with BOM, spreadsheet-safe) and DIR/NAME.parquet.
Articles that cannot be processed are listed in `articles` with their status and error; the exit
code is 1 when any article failed, 0 otherwise."""


def add_common(p: argparse.ArgumentParser) -> None:
    """Options shared by `extract` and `run`."""
    p.add_argument("--ner", choices=NER_ENGINES, default="auto",
                   help="NER engine: the shipped spaCy model (default when present), stanza (needs the "
                        "[stanza] extra), or none (rules and gazetteer only)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder for the tables")
    add_common(p)


def execute(paths: list[str], args: argparse.Namespace) -> int:
    """Run the extraction and print the summary; shared with `run`."""
    from pipeline.runner import run_extract

    summary = run_extract(paths, args.out, ner=args.ner, progress=not args.no_progress)
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0


def run(args: argparse.Namespace) -> int:
    return execute(args.paths, args)
