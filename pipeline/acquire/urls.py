"""URLs for the crawler: normalisation and filtering (courlan) and the network address policy.

Every URL is normalised once, before it is queued, so that the same page reached through a feed
(with `?utm_source=rss`) and a sitemap (with `#komentar`) is fetched once and gets one article id.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

import courlan
from courlan.filters import extension_filter

SCHEMES = ("http", "https")
Resolver = Callable[[str, int], list[str]]


def normalize_url(url: str) -> str | None:
    """The canonical form of `url` (lowercase host, no default port, no tracking parameters, no
    fragment); None when it is not an absolute http(s) URL."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    try:
        norm = courlan.normalize_url(courlan.scrub_url(url))
        parts = urlsplit(norm)
        _ = parts.port  # raises ValueError on a bad port
    except (ValueError, AttributeError):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def url_rejection(url: str, discovered: bool = False) -> str | None:
    """Why `url` is not worth fetching as an article, or None.

    Any URL: not http(s), or a file type that is no web page (.pdf, .jpg, .zip: courlan's extension
    filter). Links found in feeds and sitemaps also: navigation and overview pages (tags, categories,
    pagination) and pages that are not crawlable (login, search, cart), per courlan.
    """
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        return "not an http(s) URL"
    if not extension_filter(parts.path):
        return f"not a web page (file type {parts.path.rsplit('.', 1)[-1].lower()!r})"
    if discovered:
        if courlan.is_navigation_page(url):
            return "navigation or overview page (tag, category, index), not an article"
        if courlan.is_not_crawlable(url):
            return "page not meant for crawling (login, search, account)"
    return None


def url_key(url: str) -> str:
    """A stable hex digest of a normalised URL (cache file names, article ids)."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def article_id_for(url: str) -> str:
    """A stable, readable article id: the host (without www.) and a short digest of the URL."""
    host = (urlsplit(url).hostname or "web").removeprefix("www.")
    return f"{host}-{url_key(url)[:12]}"


def host_key(url: str) -> str:
    """The politeness unit: scheme-less host and port (one delay clock each)."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class AddressPolicy:
    """Which IP addresses the crawler may connect to: public ones only, unless told otherwise.

    `allow_private` lifts the restriction entirely (an intranet mirror, a local test site);
    `allowed_networks` opens only some networks (e.g. "10.20.0.0/16").
    """

    def __init__(self, allow_private: bool = False, allowed_networks: Iterable[str] = (),
                 resolver: Resolver | None = None) -> None:
        self.allow_private = allow_private
        self.allowed = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
        self.resolver = resolver or _system_resolver

    def refusal(self, ip: str) -> str | None:
        """Why connecting to `ip` is refused, or None when it is allowed."""
        kind = self._forbidden_kind(ip)
        return f"refused: {ip} is a {kind} address (use --allow-private to crawl it)" if kind else None

    def _forbidden_kind(self, ip: str) -> str | None:
        if self.allow_private:
            return None
        try:
            addr = ipaddress.ip_address(ip.split("%", 1)[0])
        except ValueError:
            return "malformed"
        addr = getattr(addr, "ipv4_mapped", None) or addr
        if any(addr in net for net in self.allowed):
            return None
        if addr.is_global and not addr.is_multicast:
            return None
        return ("loopback" if addr.is_loopback else "link-local" if addr.is_link_local
                else "multicast" if addr.is_multicast else "private" if addr.is_private else "non-public")

    def check_host(self, host: str, port: int) -> str | None:
        """Resolve `host` and refuse it when any of its addresses is refused; None when allowed.

        Raises OSError when the name does not resolve.
        """
        if self.allow_private:
            return None
        for ip in self.resolver(host, port):
            kind = self._forbidden_kind(ip)
            if kind:
                where = ip if ip == host else f"{host} ({ip})"
                return f"refused: {where} is a {kind} address (use --allow-private to crawl it)"
        return None
