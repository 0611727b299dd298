"""Crawl news pages politely into the JSON lines that `pemilu-facts extract` reads.

Sources are URLs (article pages, RSS/Atom/JSON feeds, XML or text sitemaps, recognised by their
content) and files of URLs, one a line. The crawl writes into its output folder:

- `articles.jsonl`: one article a line (id, url, title, published, outlet, author, text, and
  `duplicate_of`, the id of the article it copies when it is a syndicated copy), appended to;
- `crawl_log.jsonl`: one line per URL outcome (url, status, reason, http_status, ...): `ok`,
  `duplicate`, `filtered`, `skipped` or `failed`, appended to;
- `cache/`: the raw bytes of every fetched page, gzip-compressed, with a small JSON of its headers,
  so that pages can be re-extracted without fetching them again.

A second run over the same sources fetches no page that is already cached or that failed for good
(HTTP 4xx, not a web page, too large, redirect loop); feeds, sitemaps and robots.txt are read again
(they are how new articles are found), and pages that failed for a passing reason (timeout, 5xx)
are tried again. See docs/crawling.md.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import logging
import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pipeline.acquire.fetch import Fetcher, FetchError, FetchResult
from pipeline.acquire.page import (
    PageArticle,
    PageError,
    decode_page,
    election_filter_reason,
    extract_article,
    feed_links,
    page_kind,
    sitemap_links,
)
from pipeline.acquire.urls import (
    AddressPolicy,
    article_id_for,
    host_key,
    normalize_url,
    url_key,
    url_rejection,
)
from pipeline.dedup import DEFAULT_THRESHOLD, DuplicateIndex

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
LOG_FILE = "crawl_log.jsonl"
CACHE_DIR = "cache"
FILTERS = ("election",)
#: How deep feeds and sitemaps may nest (a sitemap index of sitemaps of sitemaps).
MAX_DISCOVERY_DEPTH = 3


def default_user_agent() -> str:
    """The User-Agent: the project, its version, and what the crawler does."""
    try:
        v = version("pemilu-facts")
    except PackageNotFoundError:
        v = "dev"
    return f"pemilu-facts/{v} (research crawler for Indonesian election news; obeys robots.txt)"


@dataclass
class CrawlConfig:
    """Crawl options; the defaults are the polite ones."""

    delay: float = 1.0  # seconds between two requests to the same host (robots.txt may ask more)
    timeout: float = 20.0  # seconds to connect, and between two reads
    retries: int = 3  # more attempts after a 429, a 5xx, a timeout or a dropped connection
    backoff: float = 2.0  # the first retry waits this long, then 2x, 4x, ... (or Retry-After)
    max_retry_after: float = 300.0  # a longer Retry-After gives up on the URL for this run
    max_bytes: int = 5_000_000  # largest page read, after decompression
    max_redirects: int = 5
    max_pages: int | None = None  # pages fetched over the network in this run (None: no limit)
    user_agent: str = field(default_factory=default_user_agent)
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    filter: str | None = None  # "election": only Indonesian articles about elections
    retry_failed: bool = False  # also fetch again URLs that failed for good in an earlier run
    dedup_threshold: float = DEFAULT_THRESHOLD
    progress: bool = True

    def __post_init__(self) -> None:
        if self.filter not in (None, "", *FILTERS):
            raise ValueError(f"unknown filter {self.filter!r}; choose one of {', '.join(FILTERS)}")
        if self.delay < 0 or self.timeout <= 0 or self.retries < 0 or self.max_bytes <= 0:
            raise ValueError("delay, retries must be >= 0 and timeout, max_bytes > 0")
        for net in self.allow_networks:
            ipaddress.ip_network(net, strict=False)  # ValueError names the bad network


@dataclass
class CrawlSummary:
    """What a crawl did, for the closing lines of the command."""

    out_dir: str
    articles_path: str
    log_path: str
    counts: Counter = field(default_factory=Counter)
    reasons: dict[str, Counter] = field(default_factory=dict)  # status -> short reason -> count
    requests: int = 0

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"urls: {c['urls']} (fetched {c['fetched']}, re-read from cache {c['from_cache']}, "
            f"already crawled {c['already']}, not fetched {c['pending']})",
            f"articles written: {c['ok']} new, {c['duplicate']} duplicates -> {self.articles_path}",
        ]
        for status in ("filtered", "skipped", "failed"):
            if c[status]:
                why = ", ".join(f"{r} {n}" for r, n in self.reasons.get(status, Counter()).most_common())
                out.append(f"{status}: {c[status]} ({why})")
        if c["pending"]:
            out.append(f"{c['pending']} URLs left for the next run (--max-pages reached)")
        out.append(f"HTTP requests: {self.requests} (robots.txt, feeds and sitemaps included); "
                   f"log: {self.log_path}")
        return out


def _short_reason(reason: str) -> str:
    """A reason without its details, for grouping in the summary."""
    head = reason.split(":", 1)[0] if not reason.startswith("HTTP") else reason.split(" (", 1)[0]
    return head.split(" (", 1)[0].strip()


class PageCache:
    """Fetched pages on disk: DIR/ab/abcdef....html.gz (raw body) and DIR/ab/abcdef....json (headers)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def paths(self, url: str) -> tuple[Path, Path]:
        key = url_key(url)
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.html.gz"

    def has(self, url: str) -> bool:
        meta, body = self.paths(url)
        return meta.exists() and body.exists()

    def put(self, result: FetchResult) -> Path:
        """Store a fetched page under its requested URL; the JSON is written last, so `has` means complete."""
        meta_path, body_path = self.paths(result.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(body_path, gzip.compress(result.body, compresslevel=6, mtime=0))
        meta = {"url": result.url, "final_url": result.final_url, "status": result.status,
                "content_type": result.content_type, "fetched_at": result.fetched_at,
                "redirects": result.redirects}
        _atomic_write(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return body_path

    def get(self, url: str) -> FetchResult | None:
        """The cached page of `url`, or None (also for an unreadable entry)."""
        meta_path, body_path = self.paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = gzip.decompress(body_path.read_bytes())
        except (OSError, ValueError, EOFError):
            return None
        return FetchResult(
            url=meta["url"], final_url=meta.get("final_url") or url, status=meta.get("status", 200),
            headers={"content-type": meta.get("content_type", "")}, body=body,
            redirects=meta.get("redirects", []), fetched_at=meta.get("fetched_at", ""),
        )


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class _Item:
    url: str
    kind: str  # "source" (given by the user), "article" (a link found), "discovery" (a nested sitemap)
    found_in: str = ""
    depth: int = 0


class _Frontier:
    """URLs to visit: one FIFO queue per host; the next URL comes from the host that is ready first."""

    def __init__(self) -> None:
        self.queues: dict[str, deque[_Item]] = {}
        self.seen: set[str] = set()

    def push(self, item: _Item) -> bool:
        if item.url in self.seen:
            return False
        self.seen.add(item.url)
        self.queues.setdefault(host_key(item.url), deque()).append(item)
        return True

    def pop(self, ready_at: Any) -> _Item | None:
        best_host, best_time = None, 0.0
        for host, queue in self.queues.items():
            if queue:
                t = ready_at(queue[0].url)
                if best_host is None or t < best_time:
                    best_host, best_time = host, t
        return None if best_host is None else self.queues[best_host].popleft()

    def __len__(self) -> int:
        return sum(len(q) for q in self.queues.values())


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                yield obj


def _repair_tail(path: Path) -> None:
    """Cut a last line left unfinished by an interrupted run, so appending stays valid JSON lines."""
    if not path.exists() or path.stat().st_size == 0:
        return
    data = path.read_bytes()
    if data.endswith(b"\n"):
        return
    cut = data.rfind(b"\n") + 1
    with path.open("r+b") as fh:
        fh.truncate(cut)


class Crawler:
    """One crawl into `out_dir`; `run(sources)` does the work and returns the summary."""

    def __init__(self, out_dir: str | Path, config: CrawlConfig | None = None) -> None:
        self.cfg = config or CrawlConfig()
        self.out = Path(out_dir)
        self.articles_path = self.out / ARTICLES_FILE
        self.log_path = self.out / LOG_FILE
        self.cache = PageCache(self.out / CACHE_DIR)
        self.policy = AddressPolicy(self.cfg.allow_private, self.cfg.allow_networks)
        cfg = self.cfg
        self.fetcher = Fetcher(
            user_agent=cfg.user_agent, policy=self.policy, delay=cfg.delay, timeout=cfg.timeout,
            retries=cfg.retries, backoff=cfg.backoff, max_retry_after=cfg.max_retry_after,
            max_bytes=cfg.max_bytes, max_redirects=cfg.max_redirects,
        )
        self.index = DuplicateIndex(threshold=self.cfg.dedup_threshold)
        self.done: dict[str, str] = {}  # url (requested and final) -> article id, from articles.jsonl
        self.last: dict[str, tuple[str, str, bool]] = {}  # url -> (status, reason, transient), from the log
        self.summary = CrawlSummary(str(self.out), str(self.articles_path), str(self.log_path))
        self.frontier = _Frontier()
        self._articles_fh: Any = None
        self._log_fh: Any = None
        self._fetched_pages = 0

    # -- state of earlier runs --------------------------------------------------------------------

    def _load_state(self) -> None:
        for row in _read_jsonl(self.articles_path):
            art_id = str(row.get("id") or "")
            for key in ("url", "requested_url"):
                if row.get(key):
                    self.done[row[key]] = art_id
            if row.get("duplicate_of"):
                self.index.duplicates[art_id] = row["duplicate_of"]
            elif isinstance(row.get("text"), str):
                self.index.add(art_id, row["text"])
        for row in _read_jsonl(self.log_path):
            if row.get("url") and row.get("status"):
                self.last[row["url"]] = (row["status"], row.get("reason", ""), bool(row.get("transient")))

    # -- output -----------------------------------------------------------------------------------

    def _log(self, url: str, status: str, reason: str = "", *, fetched: bool = False, **extra: Any) -> None:
        """Count an outcome; write it to the log when it is new (a fetch, or a changed outcome)."""
        self.summary.counts[status] += 1
        if reason and status in ("failed", "skipped", "filtered"):
            self.summary.reasons.setdefault(status, Counter())[_short_reason(reason)] += 1
        transient = bool(extra.get("transient"))
        if not fetched and self.last.get(url) == (status, reason, transient):
            return
        self.last[url] = (status, reason, transient)
        row = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "url": url, "status": status,
               "reason": reason, **{k: v for k, v in extra.items() if v not in (None, "")}}
        self._log_fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._log_fh.flush()

    def _write_article(self, row: dict[str, Any]) -> None:
        self._articles_fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._articles_fh.flush()

    # -- the crawl --------------------------------------------------------------------------------

    def run(self, sources: Iterable[str | Path]) -> CrawlSummary:
        """Crawl `sources` (URLs and files of URLs) into the output folder."""
        self.out.mkdir(parents=True, exist_ok=True)
        _repair_tail(self.articles_path)
        _repair_tail(self.log_path)
        self._load_state()
        from tqdm import tqdm

        with self.articles_path.open("a", encoding="utf-8") as self._articles_fh, \
                self.log_path.open("a", encoding="utf-8") as self._log_fh:
            for source in sources:
                self._add_source(source)
            bar = tqdm(total=len(self.frontier), desc="crawl", unit="url", disable=not self.cfg.progress,
                       dynamic_ncols=True)
            try:
                while (item := self.frontier.pop(self.fetcher.ready_at)) is not None:
                    if self.cfg.max_pages is not None and self._fetched_pages >= self.cfg.max_pages \
                            and not self._can_finish_offline(item):
                        self.summary.counts["pending"] += 1 + len(self.frontier)
                        break
                    self._visit(item)
                    bar.total = len(self.frontier.seen)
                    c = self.summary.counts
                    bar.set_postfix(fetched=c["fetched"], failed=c["failed"],
                                    skipped=c["skipped"] + c["already"] + c["filtered"], refresh=False)
                    bar.update(1)
            finally:
                bar.close()
        self.summary.counts["urls"] = len(self.frontier.seen)
        self.summary.requests = self.fetcher.requests
        return self.summary

    def _add_source(self, source: str | Path) -> None:
        text = str(source).strip()
        path = Path(text)
        if not text.lower().startswith(("http://", "https://")) and path.is_file():
            self._add_source_file(path)
            return
        url = normalize_url(text)
        if url is None:
            self.frontier.seen.add(text)
            self._log(text, "failed", "not an http(s) URL nor a readable file")
            return
        self.frontier.push(_Item(url, "source"))

    def _add_source_file(self, path: Path) -> None:
        try:
            content = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            self._log(str(path), "failed", f"cannot read the file: {exc}")
            return
        kind = page_kind(content)
        if kind in ("sitemap", "feed") and not content.lstrip().startswith("http"):
            links, nested = (sitemap_links(content, path.resolve().as_uri()) if kind == "sitemap"
                             else (feed_links(content, path.resolve().as_uri()), []))
            for link in links:
                self.frontier.push(_Item(link, "article", found_in=str(path), depth=1))
            for link in nested:
                self.frontier.push(_Item(link, "discovery", found_in=str(path), depth=1))
            return
        for n, line in enumerate(content.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            url = normalize_url(line)
            if url is None:
                where = f"{path}:{n}"
                self.frontier.seen.add(where)
                self._log(where, "failed", f"not an http(s) URL: {line[:200]}")
                continue
            self.frontier.push(_Item(url, "source", found_in=f"{path}:{n}"))

    def _can_finish_offline(self, item: _Item) -> bool:
        return item.url in self.done or (item.kind != "discovery" and self.cache.has(item.url))

    def _visit(self, item: _Item) -> None:
        url = item.url
        if url in self.done:
            self.summary.counts["already"] += 1
            return
        if item.kind != "discovery" and self.cache.has(url):
            cached = self.cache.get(url)
            if cached is not None:
                self.summary.counts["from_cache"] += 1
                self._handle_page(item, cached, from_cache=True)
                return
        previous = self.last.get(url)
        if previous and previous[0] == "failed" and not previous[2] and not self.cfg.retry_failed \
                and item.kind != "discovery":
            self.summary.counts["skipped"] += 1
            self.summary.reasons.setdefault("skipped", Counter())["failed for good in an earlier run"] += 1
            return
        if item.kind != "source":
            reason = url_rejection(url, discovered=True)
            if reason:
                self._log(url, "skipped", reason, found_in=item.found_in)
                return
        else:
            reason = url_rejection(url)
            if reason:
                self._log(url, "failed", reason)
                return
        try:
            result = self.fetcher.fetch(url)
        except FetchError as exc:
            self._log(url, exc.status, exc.reason, fetched=exc.status == "failed" and not exc.refused,
                      http_status=exc.http_status, transient=exc.transient,
                      final_url=exc.final_url if exc.final_url != url else "", found_in=item.found_in)
            return
        self._fetched_pages += 1
        self.summary.counts["fetched"] += 1
        self._handle_page(item, result, from_cache=False)

    def _handle_page(self, item: _Item, result: FetchResult, from_cache: bool) -> None:
        url = item.url
        text, encoding, note = decode_page(result.body, result.content_type)
        kind = page_kind(text, result.content_type)
        logged = {"fetched": not from_cache, "http_status": result.status, "found_in": item.found_in}
        if kind in ("feed", "sitemap"):
            if item.depth >= MAX_DISCOVERY_DEPTH:
                self._log(url, "skipped", f"{kind} nested too deep (more than {MAX_DISCOVERY_DEPTH} levels)",
                          **logged)
                return
            if kind == "feed":
                links, nested = feed_links(text, result.final_url), []
            else:
                links, nested = sitemap_links(text, result.final_url)
            new = sum(self.frontier.push(_Item(link, "article", url, item.depth + 1)) for link in links)
            new += sum(self.frontier.push(_Item(link, "discovery", url, item.depth + 1)) for link in nested)
            self.summary.counts["discovered"] += new
            self._log(url, "source", f"{kind}: {len(links) + len(nested)} links, {new} new", **logged)
            return
        if kind != "html":
            self._log(url, "failed", f"not a web page ({result.content_type or 'no Content-Type'})", **logged)
            return
        if not from_cache:
            self.cache.put(result)
        final = result.final_url
        if final != url and final in self.done:
            self._log(url, "duplicate", f"redirects to {final}, already crawled as {self.done[final]}",
                      duplicate_of=self.done[final], **logged)
            return
        try:
            article = extract_article(text, final)
        except PageError as exc:
            self._log(url, "failed", str(exc), **logged)
            return
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop a crawl
            log.exception("extraction failed for %s", url)
            self._log(url, "failed", f"extraction failed: {type(exc).__name__}: {exc}", **logged)
            return
        if self.cfg.filter == "election":
            reason = election_filter_reason(article)
            if reason:
                self._log(url, "filtered", reason, **logged)
                return
        self._emit(item, result, article, encoding, note, logged)

    def _emit(self, item: _Item, result: FetchResult, article: PageArticle, encoding: str, note: str,
              logged: dict[str, Any]) -> None:
        url, final = item.url, result.final_url
        art_id = article_id_for(final)
        duplicate_of = self.index.add(art_id, article.text) or ""
        _, body_path = self.cache.paths(url)
        row: dict[str, Any] = {
            "id": art_id, "url": final, "title": article.title, "published": article.published,
            "outlet": article.outlet, "author": article.author, "text": article.text,
            "duplicate_of": duplicate_of, "language": article.language,
        }
        if final != url:
            row["requested_url"] = url
        row.update({
            "fetched_at": result.fetched_at, "http_status": result.status, "encoding": encoding,
            "date_source": article.date_source, "cache": body_path.relative_to(self.out).as_posix(),
            "found_in": item.found_in,
        })
        if note:
            row["encoding_note"] = note
        self._write_article(row)
        self.done[url] = self.done[final] = art_id
        if duplicate_of:
            self._log(url, "duplicate", f"near-duplicate of {duplicate_of}", article_id=art_id,
                      duplicate_of=duplicate_of, **logged)
        else:
            self._log(url, "ok", "", article_id=art_id, **logged)


def crawl(sources: Iterable[str | Path], out_dir: str | Path,
          config: CrawlConfig | None = None) -> CrawlSummary:
    """Crawl `sources` into `out_dir` (articles.jsonl, crawl_log.jsonl, cache/)."""
    return Crawler(out_dir, config).run(sources)


def crawl_to_jsonl(sources: Iterable[str | Path], out_dir: str | Path, **options: Any) -> CrawlSummary:
    """Crawl `sources` into `out_dir`, print the summary and return it (for `run --urls`).

    `options` are the fields of `CrawlConfig` (delay, timeout, allow_private, filter, ...). The summary's
    `articles_path` (out_dir/articles.jsonl) exists afterwards, empty when nothing was fetched.
    """
    summary = crawl(sources, out_dir, CrawlConfig(**options))
    for line in summary.lines():
        print(line, flush=True)
    Path(summary.articles_path).touch(exist_ok=True)
    return summary


__all__ = ["CrawlConfig", "CrawlSummary", "Crawler", "PageCache", "crawl", "crawl_to_jsonl"]
