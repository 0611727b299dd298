"""`pemilu-facts evaluate OUT_DIR --gold GOLD_DIR`."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """Score the tables in OUT_DIR against gold JSON files (one per article, with `id`, `facts`,
`officials`, `dates`, as in shared/dev/gold). Facts match on body and region code, officials on the
normalised name (honorifics and spelling variants folded), dates on the calendar day (a day written
twice counts once, in the gold as in the output). Prints
precision, recall and F1 per table and the accuracy of the fields of matched rows."""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder with the extracted tables")
    p.add_argument("--gold", required=True, metavar="GOLD_DIR", help="folder of gold *.json files")
    p.add_argument("--details", action="store_true", help="list every missed, extra or wrong row")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.evaluate import evaluate, format_scores, scores_json

    out = Path(args.out_dir)
    missing = [t for t in ("facts", "officials", "dates")
               if not (out / f"{t}.parquet").exists() and not (out / f"{t}.csv").exists()]
    if missing:
        print(f"error: no {', '.join(missing)} table in {out} (write them first: pemilu-facts extract ARTICLES "
              f"--out {out})", file=sys.stderr)
        return 2
    try:
        scores = evaluate(out, args.gold)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(scores_json(scores), indent=2, ensure_ascii=False))
    else:
        print(format_scores(scores, details=args.details))
    return 0
