"""Read articles from files and folders: .txt, .html/.htm, .json, .jsonl (SCHEMA.md, Input).

Bad input never stops a batch: it becomes an `Article` with status `error` or `empty` and a message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from pipeline.records import Article

SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}
#: Larger files are refused: no news article is this long, and it protects memory.
MAX_FILE_BYTES = 20_000_000
MAX_ARTICLE_CHARS = 2_000_000


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read, in a stable order: named files as given, folders recursively sorted."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def normalize_published(value: object) -> str:
    """An ISO 8601 date or date-time as YYYY-MM-DD; '' when missing or unparseable."""
    if not value or not isinstance(value, str):
        return ""
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return datetime.strptime(s[:10], "%Y-%m-%d").date().isoformat()
    except ValueError:
        return ""


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data raises ValueError."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:8192])
    if printable < 0.95 * min(len(text), 8192):
        raise ValueError("binary or undecodable file, not UTF-8 text")
    return text


def _failed(article_id: str, source: str, status: str, error: str) -> Article:
    return Article(id=article_id, source=source, status=status, error=error)


def article_from_object(obj: object, default_id: str, source: str) -> Article:
    """An `Article` from one JSON article object (id, text or html, url, title, published, ...)."""
    if not isinstance(obj, dict):
        return _failed(default_id, source, "error", f"expected a JSON object, got {type(obj).__name__}")
    art_id = str(obj.get("id") or default_id)
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return _failed(art_id, source, "error", "article object has no 'text' or 'html' string")
    art = Article(
        id=art_id,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=str(obj.get("url") or ""),
        outlet=str(obj.get("outlet") or ""),
        title=str(obj.get("title") or ""),
        published=normalize_published(obj.get("published")),
        author=str(obj.get("author") or ""),
        source=source,
    )
    if isinstance(html, str) and isinstance(text, str):
        art.html = html  # both given: the text wins, the html is kept for metadata
    return art


def read_file(path: Path) -> Iterator[Article]:
    """The articles in one file; a file that cannot be read yields one failed article."""
    stem, suffix, source = path.stem, path.suffix.lower(), str(path)
    if suffix not in SUFFIXES:
        yield _failed(stem, source, "error", f"unsupported file type '{suffix}' (use .txt, .html, .json, .jsonl)")
        return
    if suffix == ".jsonl":  # streamed line by line: a crawl of any size, one article in memory at a time
        yield from _read_jsonl(path, stem, source)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield _failed(stem, source, "error", f"file too large ({size:,} bytes > {MAX_FILE_BYTES:,})")
            return
        text = _decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield _failed(stem, source, "error", str(exc))
        return
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield _failed(stem, source, "error", f"invalid JSON: {exc}")
            return
        yield article_from_object(obj, stem, source)
    elif suffix in (".html", ".htm"):
        yield Article(id=stem, html=text, source=source)
    else:
        yield Article(id=stem, text=text, source=source)


def _read_jsonl(path: Path, stem: str, source: str) -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _failed(stem, source, "error", str(exc))
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            default_id = f"{stem}-{lineno}"
            loc = f"{source}:{lineno}"
            if len(raw) > MAX_FILE_BYTES:
                yield _failed(default_id, loc, "error", f"line {lineno} too large ({len(raw):,} bytes)")
                continue
            try:
                obj = json.loads(_decode(raw))
            except ValueError as exc:  # JSONDecodeError is a ValueError; so is a binary line
                msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                yield _failed(default_id, loc, "error", f"invalid JSON on line {lineno}: {msg}")
                continue
            yield article_from_object(obj, default_id, loc)


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Every article under `paths`; missing paths yield a failed article each."""
    for path in iter_input_files(paths):
        if not path.exists():
            yield _failed(path.stem, str(path), "error", f"no such file or folder: {path}")
            continue
        yield from read_file(path)
