"""Polite HTTP fetching for the crawler, on urllib3 (the HTTP library under trafilatura).

trafilatura's own `fetch_response` follows redirects and retries inside urllib3 and answers None on
any failure; a crawl for research needs more: the reason of every failure, robots.txt, one delay
clock per host, Retry-After, and an address check on every redirect hop. So this module drives
urllib3 itself, one request at a time:

- robots.txt (urllib.robotparser) is read once per host and obeyed, with its Crawl-delay;
- requests to one host are at least `delay` seconds apart;
- 429 and 5xx answers, timeouts and dropped connections are retried with exponential backoff,
  waiting at least what Retry-After asks (up to `max_retry_after`);
- redirects are followed by hand (at most `max_redirects`), loops are detected, and each hop is
  checked: scheme, robots.txt, and the resolved IP address (`AddressPolicy`); the address is checked
  again on the connected socket, so a DNS answer that changes between the check and the connection
  cannot reach a private address;
- only web pages are read (HTML, XML feeds and sitemaps, plain text), at most `max_bytes` after
  decompression and within a total time limit.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from pipeline.acquire.urls import AddressPolicy, host_key, normalize_url

log = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504, 520, 521, 522, 523, 524)
#: Content types worth reading: pages, feeds, sitemaps (XML or plain text) and JSON feeds.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml",
                  "application/atom+xml", "application/rdf+xml", "text/plain", "application/json",
                  "application/feed+json")
ROBOTS_MAX_BYTES = 512_000
_CONN_REPR = re.compile(r"^(?:<[^>]*>|\w+\(host=[^)]*\)):\s*")


class AddressRefused(Exception):
    """A connection to a forbidden address (raised from inside urllib3's connection)."""


class FetchError(Exception):
    """A URL that could not be fetched; `status` is 'failed' or 'skipped', `transient` says whether
    a later run should try again, `refused` that the address policy refused it (nothing was sent)."""

    def __init__(self, reason: str, *, status: str = "failed", http_status: int | None = None,
                 transient: bool = False, final_url: str = "", retry_after: float | None = None,
                 refused: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused
        self.retry_after = retry_after
        self.status = status
        self.http_status = http_status
        self.transient = transient
        self.final_url = final_url


@dataclass
class FetchResult:
    """A fetched page: the body after transfer decoding, with the final URL and the headers."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)
    attempts: int = 1
    fetched_at: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def _vetted_pool_manager(policy: AddressPolicy, **kwargs: Any) -> urllib3.PoolManager:
    """A urllib3 PoolManager whose connections check the peer address right after connecting."""

    class VettedHTTPConnection(urllib3.connection.HTTPConnection):
        def _new_conn(self) -> Any:
            sock = super()._new_conn()
            try:
                peer = sock.getpeername()[0]
            except OSError:
                peer = ""
            reason = policy.refusal(peer)
            if reason:
                sock.close()
                raise AddressRefused(reason)
            return sock

    class VettedHTTPSConnection(VettedHTTPConnection, urllib3.connection.HTTPSConnection):
        pass

    class VettedHTTPPool(urllib3.HTTPConnectionPool):
        ConnectionCls = VettedHTTPConnection

    class VettedHTTPSPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = VettedHTTPSConnection

    try:
        import certifi

        kwargs.setdefault("ca_certs", certifi.where())
    except ImportError:  # pragma: no cover - urllib3 falls back on the system store
        pass
    manager = urllib3.PoolManager(num_pools=32, maxsize=1, **kwargs)
    manager.pool_classes_by_scheme = {"http": VettedHTTPPool, "https": VettedHTTPSPool}
    return manager


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now_ts = datetime.now(timezone.utc).timestamp() if now is None else now
    return max(0.0, when.timestamp() - now_ts)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_readable_type(content_type: str) -> bool:
    """True for types the crawler reads (pages, feeds, sitemaps); True when no type is given."""
    media = _media_type(content_type)
    return not media or media in READABLE_TYPES or media.endswith("+xml")


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None
    blocked_reason: str = ""  # set when the whole host is off limits (robots.txt unreachable, 401/403)


class Fetcher:
    """Fetches URLs one at a time, politely (see the module docstring)."""

    def __init__(
        self,
        *,
        user_agent: str,
        policy: AddressPolicy,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 2.0,
        max_retry_after: float = 300.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        obey_robots: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_agent = user_agent
        self.robots_agent = user_agent.split("/", 1)[0].split()[0]
        self.policy = policy
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.obey_robots = obey_robots
        self.sleep = sleep
        self.clock = clock
        self.pool = _vetted_pool_manager(policy)
        self.headers = {
            **urllib3.util.make_headers(accept_encoding=True),
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1",
            "Accept-Language": "id,en;q=0.5",
        }
        self._next: dict[str, float] = {}  # host -> earliest time of its next request
        self._host_delay: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self.requests = 0  # HTTP requests sent, robots.txt included

    # -- politeness -------------------------------------------------------------------------------

    def ready_at(self, url: str) -> float:
        """The clock time from which a request to the host of `url` may be sent."""
        return self._next.get(host_key(url), 0.0)

    def _wait_turn(self, url: str) -> None:
        host = host_key(url)
        wait = self._next.get(host, 0.0) - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._next[host] = self.clock() + self._host_delay.get(host, self.delay)

    def _push_back(self, url: str, seconds: float) -> None:
        host = host_key(url)
        self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)

    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids `url` (or the host is off limits), or None."""
        if not self.obey_robots:
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._load_robots(origin)
        if robots.blocked_reason:
            return robots.blocked_reason
        if robots.parser is not None and not robots.parser.can_fetch(self.robots_agent, url):
            return "disallowed by robots.txt"
        return None

    def _load_robots(self, origin: str) -> _Robots:
        """Read ORIGIN/robots.txt. Missing (404 and other 4xx): everything allowed. 401/403: nothing
        allowed (as urllib.robotparser does). Unreachable or 5xx: nothing allowed this run (RFC 9309)."""
        url = origin + "/robots.txt"
        try:
            result = self._fetch_following(url, check_robots=False, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.http_status in (401, 403):
                return _Robots(None, f"robots.txt answers HTTP {exc.http_status}: no crawling allowed")
            if exc.http_status is not None and 400 <= exc.http_status < 500:
                return _Robots(None)
            return _Robots(None, f"robots.txt unreachable ({exc.reason}); not crawling this host now")
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        host = host_key(origin)
        wanted = [self.delay]
        crawl_delay = parser.crawl_delay(self.robots_agent)
        if crawl_delay:
            wanted.append(float(crawl_delay))
        rate = parser.request_rate(self.robots_agent)
        if rate and rate.requests:
            wanted.append(rate.seconds / rate.requests)
        self._host_delay[host] = max(wanted)
        if self._host_delay[host] > 30:
            log.warning("%s asks for %.0f s between requests (robots.txt); honouring it", origin,
                        self._host_delay[host])
        return _Robots(parser)

    # -- fetching ---------------------------------------------------------------------------------

    def fetch(self, url: str) -> FetchResult:
        """Fetch `url` following redirects; raises FetchError with the reason when it fails."""
        return self._fetch_following(url, check_robots=True, max_bytes=self.max_bytes)

    def _fetch_following(self, url: str, *, check_robots: bool, max_bytes: int) -> FetchResult:
        chain = [url]
        current = url
        while True:
            self._check_hop(current, check_robots, chain)
            result = self._request(current, max_bytes, any_type=not check_robots)
            if result.status not in REDIRECTS:
                result.url, result.redirects = url, chain[1:]
                return result
            location = result.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"HTTP {result.status} redirect without a Location header",
                                 http_status=result.status, final_url=current)
            target = normalize_url(urljoin(current, location))
            if target is None:
                raise FetchError(f"redirect to an unsupported URL: {location[:200]}",
                                 http_status=result.status, final_url=current)
            if target in chain:
                raise FetchError("redirect loop: " + " -> ".join(chain + [target]), http_status=result.status,
                                 final_url=current)
            chain.append(target)
            if len(chain) - 1 > self.max_redirects:
                raise FetchError(f"too many redirects (more than {self.max_redirects})",
                                 http_status=result.status, final_url=current)
            current = target

    def _check_hop(self, url: str, check_robots: bool, chain: list[str]) -> None:
        parts = urlsplit(url)
        hop = "" if len(chain) == 1 else f" (after redirect from {chain[-2]})"
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            refusal = self.policy.check_host(parts.hostname or "", port)
        except OSError as exc:
            raise FetchError(f"host name does not resolve: {parts.hostname} ({exc})", transient=True,
                             final_url=url) from exc
        if refusal:  # transient: a later run, maybe with --allow-private, looks again
            raise FetchError(refusal + hop, final_url=url, transient=True, refused=True)
        if check_robots:
            reason = self.robots_refusal(url)
            if reason:
                raise FetchError(reason + hop, status="skipped", final_url=url)

    def _request(self, url: str, max_bytes: int, any_type: bool = False) -> FetchResult:
        """One URL, no redirects followed, retried on 429/5xx, timeouts and dropped connections."""
        last: FetchError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                assert last is not None
                wait = self.backoff * 2 ** (attempt - 1)
                retry_after = last.retry_after
                if retry_after is not None:
                    if retry_after > self.max_retry_after:
                        raise FetchError(f"{last.reason}; Retry-After asks {retry_after:.0f} s, more than "
                                         f"the {self.max_retry_after:.0f} s limit",
                                         http_status=last.http_status, transient=True, final_url=url)
                    wait = max(wait, retry_after)
                self._push_back(url, wait)
            self._wait_turn(url)
            self.requests += 1
            try:
                return self._request_once(url, max_bytes, attempt + 1, any_type)
            except FetchError as exc:
                if not exc.transient or exc.refused:
                    raise
                last = exc
                log.info("attempt %d for %s failed: %s", attempt + 1, url, exc.reason)
        assert last is not None
        if self.retries:
            last.reason = f"{last.reason} (after {self.retries + 1} attempts)"
        raise last

    def _request_once(self, url: str, max_bytes: int, attempt: int, any_type: bool) -> FetchResult:
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        try:
            resp = self.pool.request("GET", url, headers=self.headers, redirect=False, retries=False,
                                     timeout=timeout, preload_content=False)
        except AddressRefused as exc:
            raise FetchError(str(exc), final_url=url, transient=True, refused=True) from exc
        except urllib3.exceptions.NewConnectionError as exc:  # before timeouts: it subclasses them
            raise FetchError(f"connection failed: {_short(exc)}", transient=True, final_url=url) from exc
        except Urllib3Timeout as exc:
            raise FetchError(f"timeout: no answer within {self.timeout:g} s", transient=True,
                             final_url=url) from exc
        except urllib3.exceptions.SSLError as exc:
            raise FetchError(f"TLS error: {exc}", final_url=url) from exc
        except (Urllib3Error, OSError) as exc:
            raise FetchError(f"connection failed: {_short(exc)}", transient=True, final_url=url) from exc
        headers = {k.lower(): v for k, v in resp.headers.items()}
        status = resp.status
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            if status in REDIRECTS:
                return FetchResult(url, url, status, headers, b"", attempts=attempt, fetched_at=fetched_at)
            if status in RETRY_STATUSES:
                raise FetchError(f"HTTP {status} {resp.reason or ''}".strip(), http_status=status,
                                 transient=True, final_url=url,
                                 retry_after=retry_after_seconds(headers.get("retry-after")))
            if status >= 400:
                raise FetchError(f"HTTP {status} {resp.reason or ''}".strip(), http_status=status,
                                 transient=status == 408, final_url=url)
            ctype = headers.get("content-type", "")
            if not any_type and not is_readable_type(ctype):
                raise FetchError(f"not a web page (Content-Type {_media_type(ctype)})", http_status=status,
                                 final_url=url)
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"page too large ({int(length):,} bytes; the limit is {max_bytes:,})",
                                 http_status=status, final_url=url)
            body = self._read_body(resp, url, max_bytes)
            return FetchResult(url, url, status, headers, body, attempts=attempt, fetched_at=fetched_at)
        finally:
            resp.release_conn()

    def _read_body(self, resp: Any, url: str, max_bytes: int) -> bytes:
        data = bytearray()
        deadline = self.clock() + max(3 * self.timeout, 10.0)
        try:
            for chunk in resp.stream(65536, decode_content=True):
                data += chunk
                if len(data) > max_bytes:
                    resp.close()
                    raise FetchError(f"page too large (more than {max_bytes:,} bytes)",
                                     http_status=resp.status, final_url=url)
                if self.clock() > deadline:
                    resp.close()
                    raise FetchError("download too slow (stopped after "
                                     f"{max(3 * self.timeout, 10.0):g} s)", transient=True, final_url=url)
        except Urllib3Timeout as exc:
            resp.close()
            raise FetchError(f"timeout while reading the page ({self.timeout:g} s)", transient=True,
                             final_url=url) from exc
        except urllib3.exceptions.DecodeError as exc:
            resp.close()
            raise FetchError(f"cannot decompress the page: {_short(exc)}", http_status=resp.status,
                             final_url=url) from exc
        except (Urllib3Error, OSError) as exc:
            resp.close()
            raise FetchError(f"connection broken while reading: {_short(exc)}", transient=True,
                             final_url=url) from exc
        return bytes(data)


def _short(exc: BaseException) -> str:
    """A one-line message for a urllib3 exception, without the connection object's repr."""
    text = str(getattr(exc, "reason", None) or exc)
    return _CONN_REPR.sub("", text)[:200]
