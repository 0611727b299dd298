"""One article through clean -> nlp -> extract; the unit of work every runner calls.

Nothing here knows about files or processes. Failures become the article's status and error
message, never an exception, so a batch always goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pipeline.acquire.read import MAX_ARTICLE_CHARS
from pipeline.clean import ArticleError, to_document
from pipeline.extract import extract_all
from pipeline.nlp import parse, parse_many
from pipeline.records import Article, Document, Extraction

log = logging.getLogger(__name__)


@dataclass
class ArticleResult:
    """The rows one article contributes to each table."""

    article: dict[str, Any]
    facts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""  # the cleaned text, for duplicate detection; not written

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "articles": [self.article], "facts": self.facts, "quotes": self.quotes,
            "officials": self.officials, "dates": self.dates,
        }


def article_row(article: Article, document: Document | None = None) -> dict[str, Any]:
    """The `articles` table row; metadata found while cleaning fills what the input left empty."""
    return {
        "article_id": article.id,
        "url": article.url or (document.url if document else ""),
        "outlet": article.outlet or (document.outlet if document else ""),
        "title": article.title or (document.title if document else ""),
        "published": document.published.isoformat() if document and document.published else article.published,
        "author": article.author or (document.author if document else ""),
        "status": article.status,
        "error": article.error,
        "source": article.source,
        "duplicate_of": "",
        "n_chars": len(document.text) if document else 0,
    }


def prepare(article: Article) -> Document | ArticleResult:
    """Clean one article; a failure comes back as its finished `ArticleResult`."""
    if article.status != "ok":
        return ArticleResult(article=article_row(article))
    raw = article.text if article.text is not None else article.html or ""
    if len(raw) > MAX_ARTICLE_CHARS:
        article.status, article.error = "error", f"article too long ({len(raw):,} characters)"
        return ArticleResult(article=article_row(article))
    try:
        return to_document(article)
    except ArticleError as exc:
        article.status, article.error = exc.status, str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        log.exception("cleaning failed for %s", article.id)
        article.status, article.error = "error", f"cleaning failed: {type(exc).__name__}: {exc}"
    return ArticleResult(article=article_row(article))


def finish(article: Article, document: Document) -> ArticleResult:
    """Extract the rows of a parsed document."""
    try:
        ext: Extraction = extract_all(document)
    except Exception as exc:  # noqa: BLE001
        log.exception("extraction failed for %s", article.id)
        article.status, article.error = "error", f"extraction failed: {type(exc).__name__}: {exc}"
        return ArticleResult(article=article_row(article, document))
    row = article_row(article, document)
    row.update(n_facts=len(ext.facts), n_quotes=len(ext.quotes), n_officials=len(ext.officials),
               n_dates=len(ext.dates))
    return ArticleResult(
        article=row,
        facts=[r.as_dict() for r in ext.facts],
        quotes=[r.as_dict() for r in ext.quotes],
        officials=[r.as_dict() for r in ext.officials],
        dates=[r.as_dict() for r in ext.dates],
        text=document.text,
    )


def process_article(article: Article, nlp: Any) -> ArticleResult:
    """Clean, parse and extract one article."""
    prepared = prepare(article)
    if isinstance(prepared, ArticleResult):
        return prepared
    return finish(article, parse(nlp, prepared))


def process_batch(articles: list[Article], nlp: Any, batch_size: int = 32) -> list[ArticleResult]:
    """Several articles at once, parsing with `nlp.pipe` (faster with a NER model)."""
    prepared = [prepare(a) for a in articles]
    parse_many(nlp, [p for p in prepared if not isinstance(p, ArticleResult)], batch_size=batch_size)
    return [p if isinstance(p, ArticleResult) else finish(article, p)
            for article, p in zip(articles, prepared, strict=True)]
