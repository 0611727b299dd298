"""Run the pipeline over many articles: parallel, streaming, sharded, resumable, incremental.

    read (stream) -> key each article -> skip the ones already in a shard -> shards of new articles
    -> workers (local processes or Dask) -> shard folders + manifest -> assemble the five tables

The client reads the input once, as a stream, and keeps per article only a 64-bit key (for the
final order and for resuming), so its memory grows by a few bytes per article; workers hold one
shard at a time. A shard counts as done once the manifest lists it, so a run killed at any moment
(even SIGKILL) loses at most the shards in flight; the next run does the rest and writes the same
tables, byte for byte. A later run over a grown input processes only the new or changed articles;
`force=True` reprocesses everything. See `pipeline.shards` and `pipeline.assemble`.
"""

from __future__ import annotations

import logging
import math
import os
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from pipeline.acquire.read import iter_input_files, read_articles
from pipeline.assemble import Assembler
from pipeline.engines import Engine, ShardResult, ShardTask, make_engine, max_rss_mb
from pipeline.schema import TABLES
from pipeline.shards import (
    FINGERPRINTS,
    SHARD_DIR,
    KeyIndex,
    ShardConfigError,
    ShardEntry,
    ShardStore,
    StoreLockedError,
    article_key,
    count_articles,
    id_hash,
    run_config,
    write_shard_files,
)

log = logging.getLogger(__name__)

__all__ = ["RunSummary", "run_extract", "default_workers", "ShardConfigError", "StoreLockedError"]

DEFAULT_SHARD_SIZE = 500
#: Smallest automatic shard: below this, per-shard overhead dominates.
MIN_AUTO_SHARD = 16


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass
class RunSummary:
    """What a run did, for the command line's closing lines."""

    out_dir: str
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    forced: bool = False
    articles: int = 0  # in the input
    processed: int = 0  # new or changed, processed by this run
    reused: int = 0  # already in a shard from an earlier run
    shards_written: int = 0
    shards_total: int = 0
    duplicates: int = 0
    stale_rows: int = 0
    seconds: float = 0.0
    process_seconds: float = 0.0
    assemble_seconds: float = 0.0
    max_worker_rss_mb: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(n for s, n in self.statuses.items() if s in ("error", "empty", "not_indonesian"))

    @property
    def rate(self) -> float:
        """Articles processed per second by this run (reading, processing and writing shards)."""
        return self.processed / self.process_seconds if self.process_seconds else 0.0

    def lines(self) -> list[str]:
        c = self.counts
        st = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()))
        where = f"{self.engine}, {self.workers} worker{'s' if self.workers != 1 else ''}"
        if self.scheduler:
            where += f" at {self.scheduler}"
        lines = [
            f"articles: {c.get('articles', 0)} ({st})",
            f"facts: {c.get('facts', 0)}  quotes: {c.get('quotes', 0)}  officials: {c.get('officials', 0)}"
            f"  dates: {c.get('dates', 0)}",
            f"failures: {self.failed}",
            f"processed {self.processed} new or changed articles, reused {self.reused} from earlier runs"
            + (" (--force: all reprocessed)" if self.forced else ""),
            f"{self.shards_written} shards written, {self.shards_total} in all; {where}; "
            f"{self.rate:.1f} articles/s; {self.seconds:.1f} s in all "
            f"(assembly {self.assemble_seconds:.1f} s)",
            f"peak memory per worker: {self.max_worker_rss_mb:.0f} MB",
        ]
        if self.duplicates:
            lines.append(f"near-duplicates: {self.duplicates} articles marked duplicate (rows kept once)")
        lines.extend(f"note: {n}" for n in self.notes)
        lines.append(f"tables written to {self.out_dir}/ (CSV and Parquet)")
        return lines


def input_files(inputs: list[str], out_dir: Path) -> Iterator[Path]:
    """The files `read_articles` would read, in its order, minus those inside the output's shard folder."""
    shard_dir = os.path.abspath(out_dir / SHARD_DIR) + os.sep
    for path in iter_input_files(inputs):
        if not os.path.abspath(path).startswith(shard_dir):
            yield path


class _Scan:
    """The client's pass over the input: keys every article, yields shards of the ones to process."""

    def __init__(self, inputs: Callable[[], Iterator[Path]], done: KeyIndex, shard_size: int, ner: str,
                 batch_size: int, store: ShardStore, dest: str | None, bar: tqdm) -> None:
        self.inputs, self.done, self.shard_size = inputs, done, shard_size
        self.ner, self.batch_size, self.store, self.dest, self.bar = ner, batch_size, store, dest, bar
        self.keys = array("q")
        self.reused = 0
        self._seen: set[int] = set()
        self._repeats: Counter[int] = Counter()

    def _occurrence(self, article_id: str) -> int:
        h = id_hash(article_id)
        if h not in self._seen:
            self._seen.add(h)
            return 0
        self._repeats[h] += 1
        return self._repeats[h]

    def tasks(self) -> Iterator[ShardTask]:
        batch: list = []
        pending_skips = 0
        for art in read_articles(self.inputs()):
            occ = self._occurrence(art.id)
            if occ:
                art.status, art.error = "error", f"duplicate article id {art.id!r}"
                art.text = art.html = None
            key = article_key(art, occ)
            self.keys.append(key)
            if key in self.done:
                self.reused += 1
                pending_skips += 1
                if pending_skips >= 1000:
                    self._skip(pending_skips)
                    pending_skips = 0
                continue
            batch.append((key, art))
            if len(batch) >= self.shard_size:
                yield self._task(batch)
                batch = []
        if pending_skips:
            self._skip(pending_skips)
        if batch:
            yield self._task(batch)

    def _skip(self, n: int) -> None:
        if self.bar.total is not None:
            self.bar.total = max(self.bar.n, self.bar.total - n)
        self.bar.set_postfix_str(f"reused {self.reused}", refresh=True)

    def _task(self, batch: list) -> ShardTask:
        return ShardTask(self.store.new_name(), batch, self.ner, self.batch_size, self.dest)


OnResult = Callable[[ShardTask, ShardResult], None]


def _drive(engine: Engine, tasks: Iterator[ShardTask], on_result: OnResult) -> None:
    """Submit tasks with at most `engine.max_in_flight` pending; restart a broken pool once per shard."""
    pending: dict = {}
    attempts: Counter[str] = Counter()

    def collect(futures: set) -> None:
        for fut in futures:
            task = pending.pop(fut, None)
            if task is None:  # from a pool that broke and was replaced
                continue
            try:
                result = fut.result()
            except engine.retryable as exc:
                retry = [task, *pending.values()]
                pending.clear()
                for t in retry:
                    attempts[t.name] += 1
                    if attempts[t.name] > 2:
                        first, last = t.items[0][1].id, t.items[-1][1].id
                        raise RuntimeError(
                            f"a worker process died twice on the shard of articles {first!r} .. {last!r} "
                            f"(out of memory, or a crash in the NLP model?): {exc}. Committed shards are "
                            "kept; rerun to go on, or take those articles out."
                        ) from exc
                log.warning("a worker process died (%s); restarting the pool and retrying %d shards",
                            exc, len(retry))
                engine.restart()
                for t in retry:
                    pending[engine.submit(t)] = t
                return
            on_result(task, result)

    for task in tasks:
        while len(pending) >= engine.max_in_flight:
            collect(engine.wait_first(pending))
        pending[engine.submit(task)] = task
    while pending:
        collect(engine.wait_first(pending))


def run_extract(
    inputs: list[str],
    out_dir: str | Path,
    ner: str = "auto",
    batch_size: int = 32,
    progress: bool = True,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    shard_size: int = DEFAULT_SHARD_SIZE,
    dedup: bool = True,
    ship_model: bool | None = None,
) -> RunSummary:
    """Read `inputs`, process the articles not done yet and write the five tables into `out_dir`.

    workers: processes (default: all cores; 0 = in this process). engine: 'local' or 'dask' (with
    `scheduler`, an address such as tcp://host:8786; without, a LocalCluster of `workers`).
    force: reprocess everything. shard_size: articles per shard (smaller for small inputs).
    Raises ShardConfigError when earlier shards were made with another configuration.
    """
    t_start = time.perf_counter()
    out = Path(out_dir)
    nworkers = default_workers() if workers is None else max(0, workers)
    store = ShardStore(out)
    store.lock()
    try:
        config = run_config(ner)
        if engine == "local" and config["model"].endswith(": missing"):
            raise RuntimeError(f"--ner {ner}: the model is not installed (see `pemilu-facts ner --help`)")
        if force:
            store.reset()
        else:
            store.load()
        store.check_config(config)
        damaged = store.verify([*TABLES, FINGERPRINTS])
        store.remove_orphans()
        done = store.done_keys()
        files = lambda: input_files(inputs, out)  # noqa: E731
        total = count_articles(files())
        lanes = max(1, nworkers)
        size = max(1, min(shard_size, max(min(MIN_AUTO_SHARD, shard_size), math.ceil(total / (4 * lanes)))))
        eng = make_engine(engine, nworkers, ner, scheduler, ship_model)
        summary = RunSummary(out_dir=str(out), engine=eng.name if engine == "local" else "dask",
                             workers=nworkers, scheduler=scheduler, forced=force)
        if damaged:
            summary.notes.append(f"{len(damaged)} damaged or missing shards were redone")
        bar = tqdm(total=total, desc="articles", unit="art", disable=not progress, smoothing=0.05,
                   dynamic_ncols=True)
        scan = _Scan(files, done, size, ner, batch_size, store,
                     str(store.dir) if eng.writes_shards else None, bar)
        expect_ner = not config["model"].startswith("none")
        t_proc = time.perf_counter()

        def on_result(task: ShardTask, res: ShardResult) -> None:
            if engine == "dask" and res.code != config["code"]:  # local workers run this very install
                raise ShardConfigError(
                    f"worker {res.worker} runs other pipeline code ({res.code}) than this client "
                    f"({config['code']}); install the same pemilu-facts version everywhere")
            if res.has_ner != expect_ner:
                raise ShardConfigError(
                    f"worker {res.worker} {'has' if res.has_ner else 'lacks'} an NER model, "
                    f"unlike this client (--ner {ner}: {config['model']})")
            if res.tables is not None:
                write_shard_files(store.dir, task.name, res.tables)
            store.commit(ShardEntry(task.name, res.articles, res.rows, res.seconds, res.max_rss_mb))
            summary.shards_written += 1
            summary.processed += res.articles
            summary.max_worker_rss_mb = max(summary.max_worker_rss_mb, res.max_rss_mb)
            bar.update(res.articles)

        eng.start()
        try:
            _drive(eng, scan.tasks(), on_result)
        except BaseException:
            eng.close(abort=True)
            raise
        finally:
            bar.close()
        eng.close()
        summary.notes.extend(getattr(eng, "notes", []))
        summary.workers = eng.workers if engine == "dask" else nworkers
        summary.process_seconds = time.perf_counter() - t_proc
        if nworkers == 0:
            summary.max_worker_rss_mb = max_rss_mb()
        summary.articles, summary.reused = len(scan.keys), scan.reused

        t_asm = time.perf_counter()
        live = KeyIndex(np.frombuffer(scan.keys, dtype=np.int64) if len(scan.keys) else np.empty(0, np.int64))
        assembler = Assembler(store, live)
        if assembler.missing():
            raise RuntimeError(f"{assembler.missing()} articles are in no shard; rerun to process them")
        asm = assembler.assemble(out, dedup=dedup)
        log.info("assembled %d shards; at most %d open at once", len(store.shards), asm.max_open_shards)
        summary.assemble_seconds = time.perf_counter() - t_asm
        summary.counts, summary.statuses = asm.counts, asm.statuses
        summary.duplicates, summary.stale_rows = asm.duplicates, asm.stale_rows
        summary.notes.extend(asm.notes)
        summary.shards_total = len(store.shards)
        summary.seconds = time.perf_counter() - t_start
        store.runs.append({
            "finished": round(time.time(), 3), "articles": summary.articles, "processed": summary.processed,
            "reused": summary.reused, "shards_written": summary.shards_written, "engine": summary.engine,
            "workers": summary.workers, "forced": force, "seconds": round(summary.seconds, 3),
            "counts": summary.counts,
        })
        store.save()
        return summary
    finally:
        store.unlock()
