"""`pemilu-facts run`: the main job with defaults."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.commands.crawl import add_crawl_options, config_from_args
from pipeline.commands.extract import add_common, execute

DESCRIPTION = """The main job with sensible defaults: extract the bundled sample corpus (corpus/articles)
into outputs/, then print a summary (articles, facts, officials, dates, failures).
With --urls FILE, crawl those URLs first (politely) and extract what was fetched.
Like `extract`, it uses every core (--workers), resumes an interrupted run when started again,
processes only new or changed articles on later runs (--force redoes all), and can run on a Dask
cluster (--engine dask --scheduler ADDRESS)."""

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "articles"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help=f"inputs (default: {CORPUS})")
    p.add_argument("--out", default="outputs", metavar="DIR", help="output folder (default: outputs)")
    p.add_argument("--urls", metavar="FILE", help="a file of URLs (or feeds/sitemaps) to crawl first")
    add_common(p)
    add_crawl_options(p.add_argument_group("crawling (with --urls)"))


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [str(CORPUS)]
    if args.urls:
        from dataclasses import asdict

        from pipeline.acquire.crawl import crawl_to_jsonl

        try:
            config = config_from_args(args)
        except ValueError as exc:
            print(f"error: {exc}")
            return 2
        crawled = crawl_to_jsonl([args.urls], Path(args.out) / "crawl", **asdict(config))
        code = execute([crawled.articles_path], args)
        if crawled.failed:
            print(f"exit status 1: the crawl failed for {crawled.failed} URLs (reasons above, details in "
                  f"{crawled.log_path}); what was fetched is extracted", flush=True)
            return max(code, 1)
        return code
    if not args.paths and not CORPUS.is_dir():
        print(f"no sample corpus at {CORPUS}; give PATH arguments", flush=True)
        return 2
    return execute(paths, args)
