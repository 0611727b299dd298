"""Clean stage: raw HTML or text -> article text without page furniture, with paragraph offsets.

trafilatura extracts the main text and metadata from HTML. It keeps what outlets put inside the
article body ("Baca juga:" teasers, bylines, editor and copyright lines, advertisement markers,
share widgets), so this module removes those line by line, using the markers in
`pipeline/data/boilerplate.tsv`. Removal is by whole line (or line tail for inline teasers): the
cleaned text is what every offset in the output tables points into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html import unescape
from urllib.parse import urlsplit

from pipeline import vocab
from pipeline.acquire.pubdate import publication_date
from pipeline.records import Article, Document


class ArticleError(Exception):
    """An article that cannot be processed; `status` is one of SCHEMA's article statuses."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class CleanText:
    text: str
    paragraphs: list[tuple[int, int]]
    author: str = ""
    title: str = ""
    removed: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _markers() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in vocab.rows("boilerplate.tsv")]


_INLINE_RELATED = re.compile(r"\s*\b(baca|simak)\s+(juga|pula)\b\s*:.*$", re.IGNORECASE)
_TAIL_MARK = re.compile(r"(?<=[.!?\"”’])\s*\((?:\*|[A-Za-z]{1,6}(?:/[A-Za-z]{1,6})*)\)\s*$")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w.'’-]*\s*){1,6}$")
_WS = re.compile(r"[ \t\u00a0\u200b\u2009\u202f]+")
_WORD = re.compile(r"[A-Za-z]+")


def _is_name(s: str) -> bool:
    s = s.strip().strip(",;|")
    return bool(s) and len(s) <= 60 and bool(_NAME_LINE.match(s))


def _is_prose(line: str) -> bool:
    """A line that reads like article prose rather than a label, menu item or headline."""
    return len(line.split()) >= 8 or bool(re.search(r"[.!?\"”]$", line))


def _is_headline(line: str) -> bool:
    """A title-like line: no closing punctuation and not too long."""
    return not re.search(r"[.!?\"”:]$", line) and len(line.split()) <= 25


#: A right double quote (or a low one) that opens a quotation, as some outlets type them: ”Yang tidak lolos ...”
_OPENING_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(]))[”„](?=\w)")


def _quotes(line: str) -> str:
    """Opening quotation marks written as ” or „ made “, so that every extractor sees “...”."""
    return _OPENING_QUOTE.sub("“", line)


def clean_text(raw: str, title: str = "") -> CleanText:
    """Remove page furniture from plain article text; returns the text with paragraph spans."""
    lines = [_quotes(_WS.sub(" ", ln).strip()) for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    removed: list[str] = []
    author = ""
    skip_next_title = False
    pending_author = False
    for n, line in enumerate(lines):
        if not line:
            skip_next_title = False  # a "Baca juga:" block ends at the first blank line
            continue
        if pending_author:
            pending_author = False
            if _is_name(line):
                author = author or line.strip(" ,")
                removed.append(line)
                continue
        if skip_next_title:
            if _is_headline(line):
                removed.append(line)
                continue
            skip_next_title = False
        kind = _match_marker(line)
        if kind == "tail":  # "Komentar (2)": the comments and whatever follows them
            removed.extend(ln for ln in lines[n:] if ln)
            break
        if kind:
            removed.append(line)
            if kind == "related" and re.search(r":\s*$", line):
                skip_next_title = True
            if kind == "byline":
                name = _byline_name(line)
                if name is None:
                    removed.pop()
                    kept.append(line)  # "Oleh karena itu, ..." is prose, not a byline
                    continue
                if name:
                    author = author or name
                else:
                    pending_author = True
            continue
        line = _INLINE_RELATED.sub("", line)
        line = _TAIL_MARK.sub("", line).strip()
        if line:
            kept.append(line)
    kept = _drop_furniture(kept, removed)
    headline = title.strip()
    if not headline and kept and _is_headline(kept[0]) and len(kept[0].split()) >= 4:
        headline = kept[0]
    # A headline repeated in the body (a second time) is dropped; the first stays as text.
    seen: set[str] = set()
    body: list[str] = []
    for line in kept:
        key = line.lower()
        if key in seen and _is_headline(line):
            removed.append(line)
            continue
        seen.add(key)
        body.append(line)
    text, spans = _join(body)
    return CleanText(text=text, paragraphs=spans, author=author, title=headline, removed=removed)


def _match_marker(line: str) -> str:
    for kind, rx in _markers():
        if rx.match(line):
            return kind
    return ""


def _byline_name(line: str) -> str | None:
    """The author named on a byline line; '' when the name is on the next line; None if not a byline."""
    m = next((m for kind, rx in _markers() if kind == "byline" and (m := rx.match(line))), None)
    if not m:
        return None
    rest = (m.groupdict().get("name") or "").strip()  # the byline patterns of data/boilerplate.tsv
    if not rest:
        return ""
    rest = re.split(r"\s*[|/;]\s*|\s+(?=(?:editor|penyunting|redaktur)\b)", rest, flags=re.I)[0]
    if _is_name(rest):
        return rest.strip(" ,")
    return None if m.group(1).lower() == "oleh" else rest[:80]


def _drop_furniture(lines: list[str], removed: list[str]) -> list[str]:
    """Short label lines (menus, section names, outlet names) before the first and after the last prose,
    and the lists of other headlines that pages put after the article (lines with no closing
    punctuation after the last sentence)."""
    prose = [i for i, ln in enumerate(lines) if _is_prose(ln)]
    if not prose:
        return lines
    first, last = prose[0], prose[-1]
    sentences = [i for i, ln in enumerate(lines) if re.search(r"[.!?\"”]$", ln)]
    last_sentence = sentences[-1] if sentences else len(lines)
    out = []
    for i, ln in enumerate(lines):
        if (i < first or i > last) and len(ln.split()) <= 3:
            removed.append(ln)
            continue
        if i > last_sentence and _is_headline(ln):
            removed.append(ln)
            continue
        out.append(ln)
    return out


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return "\n\n".join(paragraphs), spans


_ENGLISH = frozenset("the and of to in is was for that with on are by this from as be at have it".split())


def is_indonesian(text: str) -> bool:
    """True when Indonesian function words are frequent (and more frequent than English ones).

    A cheap, dependency-free check: short texts need one Indonesian function word and no more
    English ones; longer texts need at least 6% of their words to be Indonesian function words."""
    tokens = [w.lower() for w in _WORD.findall(text[:20000])]
    if not tokens:
        return False
    hits = sum(t in vocab.words("id_function_words.txt") for t in tokens)
    english = sum(t in _ENGLISH for t in tokens)
    if english > hits:
        return False
    if len(tokens) < 40:
        return hits >= 1
    return hits / len(tokens) >= 0.06


def html_to_text(html: str, url: str = "") -> dict[str, str]:
    """Main text and metadata of a web page, by trafilatura (text, title, author, date, sitename)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False,
    )
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    out = {k: str(data.get(k) or "") for k in ("text", "title", "author", "date", "sitename", "url")}
    out["sitename"] = _outlet(out["sitename"], out["title"], html, url or out["url"])
    return out


_PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SUFFIX = re.compile(r"\s[-|–—:]\s+([^-|–—:]{2,40})$")


def _outlet(sitename: str, title: str, html: str, url: str) -> str:
    """The outlet's name. trafilatura falls back to the headline or the URL's host when a page names no
    site (og:site_name); then the part after the last " - " or " | " of the <title> tag ("... -
    RadarJateng") is better, else the host of the URL, else nothing."""
    host = ((urlsplit(url).hostname or "") if url else "").removeprefix("www.")
    if sitename and sitename.strip() not in (title.strip(), host):
        return sitename
    m = _PAGE_TITLE.search(html[:20000])
    page_title = re.sub(r"\s+", " ", unescape(m.group(1))).strip() if m else ""
    suffix = _TITLE_SUFFIX.search(page_title)
    if suffix and suffix.group(1).strip() != title.strip():
        return suffix.group(1).strip()
    return host


def to_document(article: Article) -> Document:
    """Clean one article into a `Document` (no parse yet); raises ArticleError for bad input."""
    title, author, outlet = article.title, article.author, article.outlet
    published, url = article.published, article.url
    raw = article.text
    if raw is None and article.html is not None:
        meta = html_to_text(article.html, url)
        raw = meta.get("text", "")
        title = title or meta.get("title", "")
        author = author or meta.get("author", "")
        outlet = outlet or meta.get("sitename", "")
        url = url or meta.get("url", "")
        published = published or publication_date(article.html, url, meta.get("date", ""), raw)[0]
    if not raw or not raw.strip():
        raise ArticleError("empty", "the article has no text")
    cleaned = clean_text(raw, title)
    if len(cleaned.text) < 20:
        raise ArticleError("empty", "no article text is left after removing page furniture")
    if not is_indonesian(cleaned.text):
        raise ArticleError("not_indonesian", "the text is not Indonesian (too few Indonesian function words)")
    pub: date | None = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    return Document(
        article_id=article.id,
        text=cleaned.text,
        title=title or cleaned.title,
        url=url,
        outlet=outlet,
        author=author or cleaned.author,
        published=pub,
        paragraphs=cleaned.paragraphs,
    )
