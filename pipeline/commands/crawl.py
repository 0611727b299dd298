"""`pemilu-facts crawl SOURCE... --out DIR`."""

from __future__ import annotations

import argparse

DESCRIPTION = """Fetch news articles from the web into JSON lines that `pemilu-facts extract` reads.

SOURCE is a URL (an article page, an RSS/Atom feed or a sitemap, recognised by its content) or a
file of URLs, one a line (# starts a comment). DIR receives:
  articles.jsonl   one article a line: id, url, title, published, outlet, author, text, and
                   duplicate_of (the id of the article a syndicated copy repeats)
  crawl_log.jsonl  one line per URL outcome: url, status (ok, duplicate, filtered, skipped,
                   failed), reason, http_status
  cache/           every fetched page, gzip-compressed, for re-extraction without fetching

Polite by default: robots.txt is obeyed, one request per --delay seconds per host, a User-Agent
naming the project, timeouts, retries with backoff on 429/5xx (Retry-After honoured), a maximum
page size. Run it again to resume: cached pages and URLs that failed for good are not fetched
again. Private and loopback addresses are refused unless --allow-private is given.
Exit code: 0 when every URL was crawled, skipped or filtered; 1 when some failed (see the log).
Then: pemilu-facts extract DIR/articles.jsonl --out results/"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="URLs, feeds, sitemaps, or files of URLs")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused to resume)")
    add_crawl_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def add_crawl_options(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The politeness, filter and address options of a crawl (shared with `run --urls`)."""
    p.add_argument("--filter", choices=["election"], default=None,
                   help="keep only Indonesian articles about elections (KPU, Bawaslu, PPK, PPS, KPPS, "
                        "pemilu, pilkada, ...); the others are logged as filtered")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="seconds between two requests to the same host (default 1; robots.txt may ask more)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="connect and read timeout (default 20)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries after 429, 5xx, timeouts and dropped connections (default 3)")
    p.add_argument("--backoff", type=float, default=2.0, metavar="SECONDS",
                   help="wait before the first retry, doubled for each next one (default 2)")
    p.add_argument("--max-bytes", type=int, default=5_000_000, metavar="N",
                   help="largest page read, in bytes (default 5000000)")
    p.add_argument("--max-pages", type=int, default=None, metavar="N",
                   help="fetch at most N pages in this run (run again to continue)")
    p.add_argument("--user-agent", default=None, metavar="TEXT",
                   help="User-Agent header (default: pemilu-facts/VERSION with a description)")
    p.add_argument("--contact", default=None, metavar="URL_OR_EMAIL",
                   help="a contact added to the User-Agent, so site owners can reach you (recommended)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow private, loopback and link-local addresses (an intranet mirror, a local site)")
    p.add_argument("--allow-network", action="append", default=[], metavar="CIDR",
                   help="allow one private network only, e.g. 10.20.0.0/16 (repeatable)")
    p.add_argument("--retry-failed", action="store_true",
                   help="also fetch again URLs that failed for good in an earlier run (404, too large, ...)")


def config_from_args(args: argparse.Namespace):  # noqa: ANN201 - CrawlConfig, imported lazily
    """The CrawlConfig of parsed crawl options; ValueError for bad values."""
    from pipeline.acquire.crawl import CrawlConfig, default_user_agent

    agent = args.user_agent or default_user_agent()
    if args.contact:
        agent = (f"{agent[:-1]}; contact: {args.contact})" if agent.endswith(")")
                 else f"{agent} (contact: {args.contact})")
    return CrawlConfig(
        delay=args.delay, timeout=args.timeout, retries=args.retries, backoff=args.backoff,
        max_bytes=args.max_bytes,
        max_pages=args.max_pages, user_agent=agent, allow_private=args.allow_private,
        allow_networks=tuple(args.allow_network), filter=args.filter, retry_failed=args.retry_failed,
        progress=not args.no_progress,
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.acquire.crawl import crawl

    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    summary = crawl(args.sources, args.out, config)
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0
