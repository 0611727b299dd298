"""`pemilu-facts extract PATH... --out DIR`."""

from __future__ import annotations

import argparse
import sys

from pipeline.ner import ENGINES

NER_ENGINES = ("auto", *ENGINES)  # as pipeline.nlp.NER_ENGINES, without importing spaCy for --help

DESCRIPTION = """Extract the five tables (articles, facts, quotes, officials, dates) from article files.

PATH may be files or folders (read recursively): *.txt (one article, id = file stem), *.html/*.htm
(a raw web page), *.json (one article object), *.jsonl (one object per line). An article object has
`id`, `text` or `html`, and optionally `url`, `title`, `published` (ISO date), `outlet`, `author`.
Each table is written as DIR/NAME.csv (UTF-8 with BOM, spreadsheet-safe) and DIR/NAME.parquet.
Articles that cannot be processed are listed in `articles` with their status and error; the exit
code is 1 when any article failed, 0 otherwise (2 when the run could not be done).

Runs stream and use every core: articles are processed in shards by --workers processes (each loads
the NLP model once), each shard is saved under DIR/.shards/ with a manifest, and the tables are
assembled from the shards at the end, in input order. A run that is interrupted (Ctrl-C, a kill, a
crash) goes on where it stopped when started again with the same arguments, and ends with the same
tables. A later run over a grown input processes only new or changed articles; --force redoes all.
With --engine dask the shards run on a Dask cluster (--scheduler ADDRESS, or a local cluster);
see docs/scaling.md."""


def add_common(p: argparse.ArgumentParser) -> None:
    """Options shared by `extract` and `run`."""
    p.add_argument("--ner", choices=NER_ENGINES, default="auto",
                   help="NER engine: the shipped spaCy model (default when present), stanza (needs the "
                        "[stanza] extra), or none (rules and gazetteer only)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; 0 = in this process, for debugging); "
                        "with --engine dask and no --scheduler, the size of the local cluster")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: a process pool on this machine (default); dask: a Dask cluster "
                        "(needs the [dask] extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786, or a scheduler file written by "
                        "`dask scheduler --scheduler-file` (with --engine dask; without it a LocalCluster is "
                        "started)")
    p.add_argument("--force", action="store_true",
                   help="reprocess every article, discarding the shards of earlier runs")
    p.add_argument("--shard-size", type=int, default=500, metavar="N",
                   help="articles per shard (default 500; smaller for small inputs so all workers get work)")
    p.add_argument("--no-dedup", action="store_true",
                   help="do not mark near-duplicate articles (the check runs in one process at the end and "
                        "keeps a few KB per article: skip it for very large corpora)")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder for the tables")
    add_common(p)


def execute(paths: list[str], args: argparse.Namespace) -> int:
    """Run the extraction and print the summary; shared with `run`."""
    from pipeline.runner import ShardConfigError, StoreLockedError, run_extract

    if args.shard_size < 1:
        print("--shard-size must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("--scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        summary = run_extract(
            paths, args.out, ner=args.ner, progress=not args.no_progress, workers=args.workers,
            engine=args.engine, scheduler=args.scheduler, force=args.force, shard_size=args.shard_size,
            dedup=not args.no_dedup,
        )
    except (ShardConfigError, StoreLockedError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from pipeline.people import build_people

    people = build_people(args.out)  # the people directory across articles, for query/report/export
    for line in summary.lines():
        print(line)
    print(f"people directory: {len(people)} people (people.csv, people_merges.csv)")
    return 1 if summary.failed else 0


def run(args: argparse.Namespace) -> int:
    return execute(args.paths, args)
