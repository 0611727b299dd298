"""The publication date of a web page.

In order: the page's own machine-readable metadata (`article:published_time` and similar meta tags,
JSON-LD `datePublished`, a `<time>` marked as the publication time); the Indonesian timestamp line printed
with the headline ("Rabu, 25 Januari 2023 | 09:12 WIB", a line with a time of day first, else the first
"Senin, 18 November 2024"); trafilatura's date; htmldate's guess.

Why by hand first: htmldate (also behind trafilatura's date) guesses from any dated element when a page has
no metadata, and on Indonesian portals the first dated element is often a "Berita Terkait" list or the
top bar's today's date, not the article's timestamp line. Metadata and the timestamp line with its time and
time zone are what the outlet says about the article itself.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "agt": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agu.": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "des": 12,
}
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
#: "Kamis, 16 Mei 2024 10:05 WIB", "Jumat 17 Mei 2024 | 08:15 WIB": the page's own timestamp line.
_DATELINE = re.compile(
    rf"\b{_WEEKDAY},?\s+(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?\s+(\d{{4}})"
    rf"(?P<time>\s*[|,-]?\s*(?:pukul\s+)?\d{{1,2}}[:.]\d{{2}})?",
    re.IGNORECASE,
)
#: "16/05/2024, 09:30 WIB"
_NUMERIC_DATELINE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}),?\s+\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b")
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)

_META_NAMES = (r"article:published_time|og:published_time|og:article:published_time|datePublished|"
               r"publish[-_]?date|pubdate|parsely-pub-date|dc\.date\.issued|dcterms\.created|content_PublishedDate")
_META = re.compile(
    rf"""<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*["'](?:{_META_NAMES})["'])[^>]*\bcontent\s*=\s*["']"""
    r"""\s*(\d{4}-\d{2}-\d{2})""", re.IGNORECASE)
_JSON_LD = re.compile(r'"datePublished"\s*:\s*"\s*(\d{4}-\d{2}-\d{2})')
_TIME = re.compile(r"""<time\b(?=[^>]*(?:\bpubdate\b|itemprop\s*=\s*["']datePublished["']|"""
                   r"""class\s*=\s*["'][^"']*(?:published|entry-date|post-date)))"""
                   r"""[^>]*\bdatetime\s*=\s*["']\s*(\d{4}-\d{2}-\d{2})""", re.IGNORECASE)


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def metadata_date(html: str) -> str:
    """The publication date the page declares in its metadata, or ''."""
    head = html[:300_000]
    for rx in (_META, _JSON_LD, _TIME):
        m = rx.search(head)
        if m and _iso(*(int(x) for x in m.group(1).split("-"))):
            return m.group(1)
    return ""


def dateline_date(html: str, timed_only: bool = False, text: str = "") -> str:
    """The publication date printed on the page ("Kamis, 16 Mei 2024 10:05 WIB"), or ''. A line with a
    time of day wins over one without (a top bar's "Kamis, 26 Januari 2023" is today's date); one without
    is taken only outside the article's `text` ("digelar Rabu, 27 November 2024" is the voting day)."""
    visible = _TAGS.sub(" ", html[:200_000])
    flat = " ".join(text.split())
    untimed = ""
    for m in _DATELINE.finditer(visible):
        month = MONTHS.get(m.group(2).lower().rstrip("."))
        day = _iso(int(m.group(3)), month, int(m.group(1))) if month else ""
        if day and m.group("time"):
            return day
        if day and not untimed and " ".join(m.group(0).split()) not in flat:
            untimed = day
    m = _NUMERIC_DATELINE.search(visible)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return "" if timed_only else untimed


def publication_date(html: str, url: str = "", found: str = "", text: str = "") -> tuple[str, str]:
    """(YYYY-MM-DD, source): the page's metadata, else its timestamp line, else trafilatura's date
    (`found`), else htmldate's; ('', '') when there is none. `text`: the article's main text, whose own
    dates are no timestamp line."""
    if "<" not in html:  # htmldate would take a bare URL for an address to download
        return (found[:10], "trafilatura") if found else ("", "")
    for source, day in (("metadata", metadata_date(html)), ("dateline", dateline_date(html, text=text))):
        if day:
            return day, source
    if found:
        return found[:10], "trafilatura"
    try:
        from htmldate import find_date

        day = find_date(html, url=url or None, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is optional; htmldate must not fail a page
        day = None
    return (day, "htmldate") if day else ("", "")
