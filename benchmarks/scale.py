"""Throughput and memory at growing corpus sizes (issue 5): is peak memory per worker flat in N?

Runs `pemilu-facts bench` once per size, each in its own process (so the client's peak memory is
per size too), and writes a summary table (markdown and JSON) next to the runs.

    python benchmarks/scale.py --sizes 10000 50000 --workers 2 --out bench_scale
    python benchmarks/scale.py --sizes 1000 --workers 2 --ner none      # a quick look

Each size generates its corpus under OUT/N/corpus (reused when it is already there) and its
tables under OUT/N/run_*w. Large sizes take long on a small machine: roughly N / (articles per
second) for each run; --skip-single-above skips the 1-worker run for sizes above that.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def run_size(n: int, out: Path, workers: int, ner: str, skip_single: bool, seed: int) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "bench", "--articles", str(n), "--workers", str(workers),
           "--out", str(out), "--ner", ner, "--seed", str(seed), "--json"]
    if skip_single:
        cmd.append("--skip-single")
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return json.loads((out / "bench.json").read_text())


def table(results: list[dict]) -> str:
    rows = ["| articles | workers | end to end art/s | art/s processing | peak MB per worker "
            "| client peak MB | bare NER art/s | ratio | F1 facts | F1 officials | F1 dates | load before |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        for run in r["runs"]:
            ratio = run["rate"] / r["ner_rate"] if r["ner_rate"] else 0.0
            rows.append(
                f"| {r['articles']} | {run['workers']} | {run['rate']:.1f} | {run['process_rate']:.1f} | "
                f"{run['max_worker_rss_mb']:.0f} | {r['client_max_rss_mb']:.0f} | {r['ner_rate']:.1f} | "
                f"{ratio:.2f} | {r['f1'].get('facts', 0):.3f} | "
                f"{r['f1'].get('officials', 0):.3f} | {r['f1'].get('dates', 0):.3f} | "
                f"{' '.join(str(x) for x in r['load_before'])} |")
    return "\n".join(rows)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--ner", default="auto", choices=("auto", "spacy", "none"))
    p.add_argument("--out", default="bench_scale")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip-single-above", type=int, default=20_000)
    args = p.parse_args()
    out = Path(args.out)
    results = []
    for n in args.sizes:
        skip = n > args.skip_single_above
        results.append(run_size(n, out / str(n), args.workers, args.ner, skip, args.seed))
        md = table(results)
        (out / "scale.md").write_text(md + "\n", encoding="utf-8")
        (out / "scale.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(md, flush=True)
    peaks = [run["max_worker_rss_mb"] for r in results for run in r["runs"] if run["workers"] == args.workers]
    if len(peaks) > 1:
        print(f"peak memory per worker across sizes: {min(peaks):.0f}-{max(peaks):.0f} MB "
              f"(spread {max(peaks) - min(peaks):.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
