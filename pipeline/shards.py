"""Shard store: per-shard Parquet files plus a JSON manifest, so runs can resume and grow.

A shard is a group of articles processed together. Its rows are written as one Parquet file per
table under ``OUT/.shards/NAME/`` (written to a temporary folder and renamed into place), and the
shard counts as done only once the manifest (``OUT/.shards/manifest.json``, replaced atomically)
lists it. A run that is killed leaves at most some unlisted folders, which the next run removes.

Every article gets a 64-bit key: a hash of its id, its occurrence number (a repeated id is a
different article) and everything read from the input (text or html, metadata, source). The key is
stored with every row (column ``_key``), so a later run knows which articles are done, which
changed, and which rows belong to articles that are no longer in the input.

The manifest also records the configuration the shards were made with (NER engine and a
fingerprint of the processing code and model); a later run with another configuration refuses to
mix them unless asked to start again (``--force``).

This module knows nothing of Indonesian; it only moves `ArticleResult` rows to disk and back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.records import Article

log = logging.getLogger(__name__)

SHARD_DIR = ".shards"
MANIFEST = "manifest.json"
LOCK = "lock"
FORMAT = 1
KEY = "_key"
#: Per-shard side table with the near-duplicate fingerprint (`pipeline.dedup.Fingerprint`: digest and
#: MinHash signature, 1 KB) of every `ok` article, computed by the worker.
FINGERPRINTS = "fingerprints"


class ShardConfigError(RuntimeError):
    """The shards in an output folder were made with another configuration (engine, code, model)."""


class StoreLockedError(RuntimeError):
    """Another run is writing to the same output folder."""


# --------------------------------------------------------------------------- keys


def _digest_int(h: Any) -> int:
    return int.from_bytes(h.digest(), "little", signed=True)


def id_hash(article_id: str) -> int:
    """A 64-bit hash of an article id (to count repeated ids without keeping the strings)."""
    h = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=8)
    return _digest_int(h)


def article_key(article: Article, occurrence: int = 0) -> int:
    """The 64-bit key of an article as read: id, occurrence of that id, content and metadata."""
    h = hashlib.blake2b(digest_size=8, person=b"pemilu-art-v1")
    parts: tuple[Any, ...] = (
        article.id, str(occurrence), article.text, article.html, article.url, article.outlet, article.title,
        article.published, article.author, article.source, article.status, article.error,
    )
    for part in parts:
        if part is None:
            h.update(b"\xff\xff\xff\xff")
            continue
        data = str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(4, "little"))
        h.update(data)
    return _digest_int(h)


class KeyIndex:
    """A sorted array of 64-bit keys with their positions; 16 bytes per article."""

    def __init__(self, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.positions = order.astype(np.int64)

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: int) -> bool:
        i = int(np.searchsorted(self.keys, key))
        return i < len(self.keys) and int(self.keys[i]) == key

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Position of each key (its index in the original array), -1 where absent."""
        keys = np.asarray(keys, dtype=np.int64)
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        idx = np.searchsorted(self.keys, keys)
        idx_c = np.minimum(idx, len(self.keys) - 1)
        found = self.keys[idx_c] == keys
        return np.where(found, self.positions[idx_c], -1)


# --------------------------------------------------------------------------- fingerprints

#: Modules that do not change what a shard holds (runners, CLI, tools after extraction).
_NOT_PROCESSING = {
    "cli.py", "__main__.py", "runner.py", "shards.py", "assemble.py", "engines.py", "bench.py",
    "synth.py", "evaluate.py", "dedup.py", "query.py", "report.py", "export.py",
}
_NOT_PROCESSING_DIRS = {"commands", "__pycache__"}
#: Training and crawling code: the trained model itself is fingerprinted by `model_fingerprint`.
_NOT_PROCESSING_PATHS = {"ner/train.py", "ner/evaluate.py", "ner/corpus.py"}
#: In acquire/, only the reader matters (what crawlers fetch reaches the runner as input files).
_ACQUIRE_KEEP = {"acquire/__init__.py", "acquire/read.py"}
#: Set to pin the code version recorded with the shards (e.g. after an edit known not to change output).
CODE_VERSION_ENV = "PEMILU_CODE_VERSION"
#: fsync every shard file (PEMILU_FSYNC=1). Off by default: it cost a quarter of a worker's time, a killed
#: process loses nothing without it, and after a power loss `ShardStore.verify` finds damaged shards,
#: which are redone. The manifest is always fsynced.
FSYNC_SHARDS = os.environ.get("PEMILU_FSYNC", "") not in ("", "0")


def code_fingerprint() -> str:
    """A hash of the processing code and data files of the installed `pipeline` package.

    $PEMILU_CODE_VERSION, when set, is used instead.
    """
    return os.environ.get(CODE_VERSION_ENV) or _code_hash()


@lru_cache(maxsize=1)
def _code_hash() -> str:
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix in (".pyc", ".pyo"):
            continue
        rel = path.relative_to(root)
        if any(part in _NOT_PROCESSING_DIRS for part in rel.parts[:-1]):
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue
        if (len(rel.parts) == 1 and rel.name in _NOT_PROCESSING) or rel.as_posix() in _NOT_PROCESSING_PATHS:
            continue
        if rel.parts[0] == "acquire" and rel.as_posix() not in _ACQUIRE_KEEP:
            continue
        h.update(rel.as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def model_fingerprint(ner: str) -> str:
    """Which NER model `ner` resolves to here, with a hash of its files' names, sizes and metadata."""
    if ner == "none":
        return "none"
    engine = os.environ.get("PEMILU_NER", "spacy") if ner == "auto" else ner
    if engine == "none":
        return "none"
    from pipeline.ner import default_model_dir

    path = default_model_dir(engine)
    present = (path / "config.cfg").exists() if engine == "spacy" else path.is_dir()
    if not present:
        return "none (model missing)" if ner == "auto" else f"{engine}: missing"
    h = hashlib.blake2b(digest_size=8)
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f"{f.relative_to(path)}:{f.stat().st_size}".encode())
        if f.name in ("meta.json", "config.cfg"):
            h.update(f.read_bytes())
    return f"{engine}:{h.hexdigest()}"


def run_config(ner: str) -> dict[str, str]:
    """What the shards of a run depend on besides the input."""
    return {"ner": ner, "model": model_fingerprint(ner), "code": code_fingerprint(), "format": str(FORMAT)}


# --------------------------------------------------------------------------- shard files


def sanitize(value: Any) -> Any:
    """A string without lone surrogates (which Parquet cannot store); other values unchanged."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _frame(table: str, rows: list[dict[str, Any]], keys: list[int]) -> Any:
    import pandas as pd

    from pipeline.schema import TABLES
    from pipeline.write import to_frame

    if table == FINGERPRINTS:
        df = pd.DataFrame({"article_id": pd.Series([r["article_id"] for r in rows], dtype="string"),
                           "digest": pd.Series([r["digest"] for r in rows], dtype="string"),
                           "signature": pd.Series([r["signature"] for r in rows], dtype=object)})
    else:
        assert table in TABLES
        df = to_frame(table, rows)
    df[KEY] = np.asarray(keys, dtype=np.int64)
    return df


def write_shard_files(shard_dir: Path, name: str, tables: dict[str, tuple[list[dict], list[int]]]) -> None:
    """Write one shard's tables (rows and the article key of each row) as ``shard_dir/name/*.parquet``.

    Written into a temporary folder that is renamed into place, so a shard folder is whole or absent.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=shard_dir))
    try:
        for table, (rows, keys) in tables.items():
            try:
                df = _frame(table, rows, keys)
                arrow = pa.Table.from_pandas(df, preserve_index=False)
            except (UnicodeEncodeError, pa.ArrowException):
                rows = [{k: sanitize(v) for k, v in r.items()} for r in rows]
                arrow = pa.Table.from_pandas(_frame(table, rows, keys), preserve_index=False)
            path = tmp / f"{table}.parquet"
            pq.write_table(arrow, path, compression="zstd")
            if FSYNC_SHARDS:
                _fsync_file(path)
        final = shard_dir / name
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        if FSYNC_SHARDS:
            _fsync_dir(shard_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        _fsync_file(path)


# --------------------------------------------------------------------------- manifest and store


@dataclass
class ShardEntry:
    """A committed shard, as listed in the manifest."""

    name: str
    articles: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    created: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "articles": self.articles, "rows": self.rows,
                "seconds": round(self.seconds, 3), "max_rss_mb": round(self.max_rss_mb, 1),
                "created": round(self.created, 3)}


class ShardStore:
    """The shard folder of one output folder: manifest, lock, committed shards."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self.dir = self.out_dir / SHARD_DIR
        self.config: dict[str, str] = {}
        self.shards: list[ShardEntry] = []
        self.runs: list[dict[str, Any]] = []
        self._lock_fd: int | None = None
        self.run_id = uuid.uuid4().hex[:8]
        self._seq = 0

    # -- locking
    def lock(self) -> None:
        """Take the store's lock (one writer per output folder); raises StoreLockedError if held."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock
            self._lock_fd = fd
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreLockedError(f"another run is writing to {self.out_dir} "
                                   f"(lock {self.dir / LOCK})") from exc
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- manifest
    @property
    def manifest_path(self) -> Path:
        return self.dir / MANIFEST

    def load(self) -> None:
        """Read the manifest (an absent one means no shards yet)."""
        if not self.manifest_path.exists():
            return
        data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ShardConfigError(f"{self.manifest_path} has format {data.get('format')!r}, "
                                   f"expected {FORMAT}; use --force to start again")
        self.config = dict(data.get("config") or {})
        self.shards = [ShardEntry(**s) for s in data.get("shards", [])]
        self.runs = list(data.get("runs", []))

    def save(self) -> None:
        """Replace the manifest atomically (temporary file, fsync, rename)."""
        data = {"format": FORMAT, "config": self.config, "shards": [s.as_dict() for s in self.shards],
                "runs": self.runs[-100:]}
        fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=self.dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=0)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.manifest_path)
            _fsync_dir(self.dir)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def check_config(self, config: dict[str, str]) -> None:
        """Refuse to add to shards made with another configuration."""
        if not self.shards:
            self.config = dict(config)
            return
        diff = {k: (self.config.get(k), v) for k, v in config.items() if self.config.get(k) != v}
        if diff:
            what = "; ".join(f"{k}: {old!r} in the shards, {new!r} now" for k, (old, new) in diff.items())
            raise ShardConfigError(
                f"the {len(self.shards)} shards in {self.dir} were made with another configuration ({what}). "
                "Rerun with the same --ner and pemilu-facts version, or with --force to reprocess everything."
            )

    def reset(self) -> None:
        """Forget every shard (for --force): remove the shard folders and the manifest."""
        for child in self.dir.iterdir():
            if child.name == LOCK:
                continue
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        self.shards, self.config = [], {}

    def remove_orphans(self) -> int:
        """Delete shard folders and temporary files that the manifest does not list (from killed runs)."""
        listed = {s.name for s in self.shards}
        removed = 0
        for child in self.dir.iterdir():
            if child.name in (LOCK, MANIFEST) or child.name in listed:
                continue
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
            removed += 1
        return removed

    def new_name(self) -> str:
        self._seq += 1
        return f"s{time.strftime('%Y%m%d')}-{self.run_id}-{self._seq:06d}"

    def commit(self, entry: ShardEntry) -> None:
        """List a written shard in the manifest: from now on it counts as done."""
        if not (self.dir / entry.name / "articles.parquet").exists():
            raise FileNotFoundError(f"shard {entry.name} has no articles file")
        entry.created = entry.created or time.time()
        self.shards.append(entry)
        self.save()

    def done_keys(self) -> KeyIndex:
        """The keys of every article in the committed shards."""
        import pyarrow.parquet as pq

        parts = [pq.read_table(self.dir / s.name / "articles.parquet", columns=[KEY]).column(KEY).to_numpy()
                 for s in self.shards]
        return KeyIndex(np.concatenate(parts) if parts else np.empty(0, dtype=np.int64))

    def verify(self, tables: Iterable[str]) -> list[str]:
        """Forget listed shards whose files are missing or unreadable (their articles get redone)."""
        import pyarrow.parquet as pq

        bad = []
        for entry in self.shards:
            try:
                for table in tables:
                    pq.read_metadata(self.shard_path(entry.name, table))
            except Exception:  # noqa: BLE001 - missing, truncated, not Parquet: all mean "redo"
                bad.append(entry.name)
        if bad:
            log.warning("%d shards are damaged or missing and will be redone: %s", len(bad),
                        ", ".join(bad[:5]))
            self.shards = [s for s in self.shards if s.name not in set(bad)]
            self.save()
        return bad

    def shard_path(self, name: str, table: str) -> Path:
        return self.dir / name / f"{table}.parquet"


# --------------------------------------------------------------------------- input counting


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles `read_articles(paths)` will yield, cheaply (jsonl lines, other files one each)."""
    from pipeline.acquire.read import MAX_FILE_BYTES, iter_input_files

    n = 0
    for path in iter_input_files(paths):
        if path.suffix.lower() != ".jsonl":
            n += 1
            continue
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                n += 1
                continue
            with path.open("rb") as f:
                n += sum(1 for line in f if line.strip())
        except OSError:
            n += 1
    return n


def iter_batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to `size` items."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
