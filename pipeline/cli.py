"""The `pemilu-facts` command line: parse arguments, call the library, print.

Each subcommand lives in `pipeline/commands/NAME.py` with `configure(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

COMMANDS: dict[str, str] = {
    "run": "The main job: extract the bundled sample corpus (or crawled URLs) into outputs/.",
    "extract": "Extract the fact tables from article files and folders (txt, html, json, jsonl).",
    "evaluate": "Score extracted tables against hand-made gold (precision, recall, F1).",
    "crawl": "Fetch news articles from URLs, sitemaps or feeds into JSON lines, politely.",
    "ner": "Train and evaluate the Indonesian NER models.",
    "bench": "Benchmark throughput, memory and accuracy on a generated corpus.",
    "query": "Run SQL (DuckDB) over the output tables.",
    "export": "Export the output tables to SQLite (with full-text search) or Excel.",
    "report": "Write a static HTML report of the output tables.",
}

EPILOG = """Quick start:
  pemilu-facts run                                  # the sample corpus -> outputs/
  pemilu-facts extract my_articles/ --out results/  # your own files
  pemilu-facts evaluate results/ --gold gold/       # scores against gold JSON
Use `pemilu-facts COMMAND --help` for the options of each command."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pemilu-facts",
        description="Turn Indonesian election news into tables of facts: election bodies, regions with "
        "Kemendagri codes, member counts, officials quoted and dates, each with its evidence sentence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        try:
            module = importlib.import_module(f"pipeline.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("pipeline.commands"):
                continue  # not built yet
            raise
        p = sub.add_parser(name, help=help_text, description=getattr(module, "DESCRIPTION", help_text),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.configure(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    try:
        return int(args._module.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # "pemilu-facts evaluate ... | head": the reader left, nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit does not fail again
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
