"""What a fetched page is and what it holds: decoding, feed/sitemap links, article text and metadata.

Link discovery uses trafilatura's feed and sitemap parsers; main text and metadata come from
`pipeline.clean.html_to_text` (trafilatura) and `clean_text`, the same functions `extract` uses, so
"Baca juga" teasers, bylines and share widgets are removed the same way. The publication date comes
from `pipeline.acquire.pubdate` (metadata, the Indonesian timestamp line, then trafilatura and htmldate).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from pipeline.acquire.pubdate import publication_date
from pipeline.acquire.urls import normalize_url
from pipeline.clean import clean_text, html_to_text, is_indonesian

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_PROLOG = r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
_SITEMAP_START = re.compile(_PROLOG + r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b", re.DOTALL)
_FEED_START = re.compile(_PROLOG + r"<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)
_URL_LINE = re.compile(r"^https?://\S+$")

#: Election words for `--filter election`. Strong: one is enough (acronyms in capitals only, so
#: "pps" in a URL-like word does not count). Weak: common words that need a second election word.
ELECTION_STRONG = re.compile(
    r"\b(?:KPU|KPUD|PPK|PPS|KPPS|PPLN|KPPSLN|PPD|DKPP|PKD|PTPS)\b|"
    r"\b(?i:bawaslu|panwaslu|panwascam|panwaslih|pantarlih|pemilu|pilkada|pilgub|pilbup|pilwalkot|pilwali|"
    r"pileg|pilpres|penyelenggara\s+pemilu)\b"
)
ELECTION_WEAK = re.compile(
    r"\b(?:TPS|DPT|DPS|KIP)\b|\b(?i:pemilihan|pemungutan\s+suara|hak\s+pilih|badan\s+ad\s*hoc|calon\s+"
    r"(?:bupati|wali\s+kota|gubernur|legislatif|presiden))\b"
)


class PageError(Exception):
    """A page from which no article can be taken."""


@dataclass
class PageArticle:
    """An article taken from one web page."""

    title: str
    text: str
    author: str
    published: str  # YYYY-MM-DD or ""
    outlet: str
    language: str  # "id" or "other"
    date_source: str = ""


def declared_charset(body: bytes, content_type: str) -> str:
    """The charset named by the Content-Type header, else by a <meta> tag; '' when none is valid."""
    for found in (_HEADER_CHARSET.search(content_type or ""), _META_CHARSET.search(body[:4096])):
        if found:
            name = found.group(1)
            name = name.decode("ascii", "replace") if isinstance(name, bytes) else name
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return ""


def decode_page(body: bytes, content_type: str = "") -> tuple[str, str, str]:
    """(text, encoding used, note). Valid UTF-8 is UTF-8 whatever the page declares; otherwise the
    declared charset, then Windows-1252 (the usual legacy encoding of Indonesian sites). The note says
    when the declaration was wrong."""
    declared = declared_charset(body, content_type)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        wrong = declared and declared != "utf-8" and not body.isascii()
        return text, "utf-8", f"declared {declared}, but the page is UTF-8" if wrong else ""
    for enc in dict.fromkeys([declared, "cp1252"]):
        if not enc or enc == "utf-8":
            continue
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        note = f"declared {declared or 'no charset'}, but the page is not UTF-8; decoded as {enc}"
        return text, enc, ("" if enc == declared else note)
    from trafilatura.utils import decode_file

    return decode_file(body), "guessed", "undecodable page; characters may be lost"


def page_kind(text: str, content_type: str = "") -> str:
    """'sitemap', 'feed', 'html', or 'other' for a decoded page."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if _SITEMAP_START.match(head):
        return "sitemap"
    if _FEED_START.match(head):
        return "feed"
    media = content_type.split(";", 1)[0].strip().lower()
    lowered = head.lower()
    if "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered or "<p" in lowered:
        return "html"
    if media in ("application/json", "application/feed+json") and head.startswith("{") and '"items"' in text:
        return "feed"
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if lines and all(_URL_LINE.match(ln) for ln in lines[:20]):
        return "sitemap"  # a plain-text sitemap: one URL a line
    return "html" if media in ("text/html", "application/xhtml+xml") else "other"


def feed_links(text: str, url: str) -> list[str]:
    """Article links of an RSS, Atom or JSON feed (trafilatura.feeds), absolute and normalised."""
    from trafilatura.feeds import FeedParameters, find_links

    host = urlsplit(url).hostname or ""
    params = FeedParameters(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}", host, url)
    return _absolute(find_links(text.strip(), params), url, drop_homepages=True)


def sitemap_links(text: str, url: str) -> tuple[list[str], list[str]]:
    """(page links, nested sitemap links) of an XML or plain-text sitemap (trafilatura.sitemaps)."""
    from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject

    class _Sitemap(SitemapObject):
        """trafilatura's sitemap parser, without its domain checks (done by the crawler's policy)."""

        __slots__ = ()

        def handle_link(self, link: str) -> None:
            link = urljoin(self.current_url, link.strip())
            if link == self.current_url:
                return
            (self.sitemap_urls if DETECT_SITEMAP_LINK.search(link) else self.urls).append(link)

    parts = urlsplit(url)
    sitemap = _Sitemap(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", [])
    sitemap.current_url = url
    sitemap.content = text
    sitemap.process()
    return _absolute(sitemap.urls, url), _absolute(sitemap.sitemap_urls, url)


def _absolute(links: list[str], base: str, drop_homepages: bool = False) -> list[str]:
    out: dict[str, None] = {}
    for link in links:
        norm = normalize_url(urljoin(base, link.strip()))
        if norm is None or norm == base:
            continue
        if drop_homepages and urlsplit(norm).path in ("", "/") and not urlsplit(norm).query:
            continue
        out.setdefault(norm)
    return list(out)


def extract_article(html: str, url: str) -> PageArticle:
    """Title, cleaned text and metadata of an article page; raises PageError when there is no text."""
    meta = html_to_text(html, url)
    raw = meta.get("text", "")
    if not raw.strip():
        raise PageError("no article text found on the page (not an article page?)")
    cleaned = clean_text(raw, meta.get("title", ""))
    if len(cleaned.text) < 20:
        raise PageError("no article text is left after removing page furniture")
    published, source = publication_date(html, url, meta.get("date", ""), raw)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    sitename = meta.get("sitename", "")
    if not sitename or sitename.split(":")[0] == urlsplit(url).hostname:
        sitename = host
    return PageArticle(
        title=meta.get("title", "") or cleaned.title,
        text=cleaned.text,
        author=meta.get("author", "") or cleaned.author,
        published=published,
        outlet=sitename,
        language="id" if is_indonesian(cleaned.text) else "other",
        date_source=source,
    )


def election_filter_reason(article: PageArticle) -> str | None:
    """Why an article fails `--filter election`, or None when it is an Indonesian election article.

    Indonesian per `pipeline.clean.is_indonesian`; about elections when it names an election body
    (KPU, Bawaslu, PPK, PPS, KPPS, ...) or an election (pemilu, pilkada, ...), or uses two weaker
    election words (pemilihan, TPS, pemungutan suara, ...).
    """
    if article.language != "id":
        return "not Indonesian (too few Indonesian function words)"
    both = f"{article.title}\n{article.text}"
    if ELECTION_STRONG.search(both) or len(ELECTION_WEAK.findall(both)) >= 2:
        return None
    return "not about elections (no KPU, Bawaslu, PPK, PPS, KPPS, pemilu, pilkada, pemilihan, ...)"
