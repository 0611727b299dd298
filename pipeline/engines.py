"""Where shards are processed: in this process, in a local process pool, or on a Dask cluster.

The unit of work is `process_shard(task)`: a list of articles in, their rows out (written as a shard
folder by the worker when it shares the output folder, else returned to the client). Each worker
process loads the spaCy pipeline once (`get_nlp`, cached per process) and reuses it for every shard.
Dask is imported only by `DaskEngine`.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.dedup import fingerprint
from pipeline.records import Article
from pipeline.schema import TABLES
from pipeline.shards import FINGERPRINTS, code_fingerprint, iter_batches, write_shard_files
from pipeline.torchless import needs_torch, unblock

log = logging.getLogger(__name__)

#: Articles handed to `process_batch` at a time inside a shard (bounds the parsed docs held at once).
CHUNK = 64


@dataclass
class ShardTask:
    """One shard to process: articles with their keys, and where to write the result (or None)."""

    name: str
    items: list[tuple[int, Article]]
    ner: str = "auto"
    batch_size: int = 32
    dest: str | None = None


@dataclass
class ShardResult:
    """What a worker did with a shard; `tables` only when the client writes the shard."""

    name: str
    articles: int
    rows: dict[str, int]
    seconds: float
    max_rss_mb: float
    code: str
    has_ner: bool
    worker: str = ""
    tables: dict[str, tuple[list[dict], list[int]]] | None = None


# --------------------------------------------------------------------------- worker side

_NLP: dict[str, Any] = {}
_INIT_ERROR: dict[str, str] = {}


def get_nlp(ner: str) -> Any:
    """The spaCy pipeline for `ner`, loaded once per process."""
    if ner not in _NLP:
        from pipeline.nlp import load_nlp

        _NLP[ner] = load_nlp(ner)
    return _NLP[ner]


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True


def _watch_client(pid: int, interval: float = 1.0) -> None:
    """Exit this worker when the client process is gone (killed with SIGKILL, its pool never says so)."""
    while _alive(pid):
        time.sleep(interval)
    os._exit(70)


def init_worker(ner: str, log_level: int = logging.WARNING, client_pid: int | None = None) -> None:
    """Pool initializer: watch the client, load the model now (a failure is reported by the first task).

    Workers ignore Ctrl-C: the client handles it and stops them.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if needs_torch(ner):  # forked from a fork server that blocked torch for spaCy-only workers
        unblock()
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    if client_pid:
        import threading

        threading.Thread(target=_watch_client, args=(client_pid,), daemon=True, name="watch-client").start()
    try:
        get_nlp(ner)
    except Exception as exc:  # noqa: BLE001 - reported with the first task instead
        _INIT_ERROR[ner] = f"{type(exc).__name__}: {exc}"


def max_rss_mb() -> float:
    """Peak resident memory of this process, in MB (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def _process_chunk(articles: list[Article], nlp: Any, batch_size: int) -> list[Any]:
    from pipeline.process import ArticleResult, article_row, process_article, process_batch

    try:
        return process_batch(articles, nlp, batch_size=batch_size)
    except Exception:  # noqa: BLE001 - one article broke the batch: redo one by one
        log.exception("batch failed; processing its %d articles one by one", len(articles))
    out = []
    for art in articles:
        try:
            out.append(process_article(art, nlp))
        except Exception as exc:  # noqa: BLE001
            art.status, art.error = "error", f"processing failed: {type(exc).__name__}: {exc}"
            out.append(ArticleResult(article=article_row(art)))
    return out


def process_shard(task: ShardTask) -> ShardResult:
    """Process one shard's articles; write the shard folder into `task.dest` or return the rows."""
    if task.ner in _INIT_ERROR:
        raise RuntimeError(f"the NLP pipeline (--ner {task.ner}) failed to load: {_INIT_ERROR[task.ner]}")
    t0 = time.perf_counter()
    nlp = get_nlp(task.ner)
    tables: dict[str, tuple[list[dict], list[int]]] = {name: ([], []) for name in (*TABLES, FINGERPRINTS)}
    for chunk in iter_batches(task.items, CHUNK):
        results = _process_chunk([a for _, a in chunk], nlp, task.batch_size)
        for (key, _), res in zip(chunk, results, strict=True):
            for name, rows in res.tables().items():
                tables[name][0].extend(rows)
                tables[name][1].extend([key] * len(rows))
            fp = fingerprint(res.text) if res.article.get("status") == "ok" and res.text else None
            if fp is not None:
                tables[FINGERPRINTS][0].append({"article_id": res.article["article_id"], "digest": fp.digest,
                                                "signature": fp.signature_bytes()})
                tables[FINGERPRINTS][1].append(key)
    rows = {name: len(r) for name, (r, _) in tables.items() if name != FINGERPRINTS}
    written = task.dest is not None
    if written:
        write_shard_files(Path(task.dest), task.name, tables)  # type: ignore[arg-type]
    return ShardResult(
        name=task.name, articles=len(task.items), rows=rows, seconds=time.perf_counter() - t0,
        max_rss_mb=max_rss_mb(), code=code_fingerprint(), has_ner="ner" in nlp.pipe_names,
        worker=f"{platform.node()}:{os.getpid()}", tables=None if written else tables,
    )


# --------------------------------------------------------------------------- engines


class Engine:
    """Runs `process_shard` tasks; `writes_shards` says whether workers write the shard folders."""

    name = "inline"
    workers = 1
    writes_shards = True
    retryable: tuple[type[BaseException], ...] = ()

    def start(self) -> None: ...

    def submit(self, task: ShardTask) -> Any:
        fut: Future = Future()
        try:
            fut.set_result(process_shard(task))
        except Exception as exc:  # noqa: BLE001
            fut.set_exception(exc)
        return fut

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
        return set(done)

    def restart(self) -> None: ...

    def close(self, abort: bool = False) -> None:
        """Stop the workers; `abort` (after an error or Ctrl-C) does not wait for running shards."""

    @property
    def max_in_flight(self) -> int:
        return 1


class InlineEngine(Engine):
    """Everything in the calling process, one shard after another (--workers 0; for debugging)."""


def start_method() -> str:
    """forkserver where the platform has it (workers start clean, with spaCy imported once), else spawn."""
    import multiprocessing as mp

    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


class LocalEngine(Engine):
    """A pool of worker processes on this machine; each loads the model once."""

    name = "local"
    retryable = (BrokenProcessPool,)

    def __init__(self, workers: int, ner: str) -> None:
        self.workers, self.ner = max(1, workers), ner
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        import multiprocessing as mp

        ctx = mp.get_context(start_method())
        if ctx.get_start_method() == "forkserver":
            # torch blocked first (thinc would import it with spaCy); stanza workers lift the block
            ctx.set_forkserver_preload(["pipeline.torchless_preload", "pipeline.engines", "pipeline.process"])
        level = logging.getLogger().getEffectiveLevel()
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=init_worker,
                                        initargs=(self.ner, level, os.getpid()))

    def submit(self, task: ShardTask) -> Any:
        assert self.pool is not None
        return self.pool.submit(process_shard, task)

    def restart(self) -> None:
        self.close()
        self.start()

    def close(self, abort: bool = False) -> None:
        if self.pool is None:
            return
        if abort:  # the running shards are lost anyway (not committed): stop their processes now
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None

    @property
    def max_in_flight(self) -> int:
        return 2 * self.workers


def _dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise RuntimeError(
            "--engine dask needs Dask distributed: pip install 'pemilu-facts[dask]' "
            "(or pip install 'dask[distributed]')"
        ) from exc
    return distributed


@dataclass
class DaskEngine(Engine):
    """Shards as tasks on a Dask cluster: `scheduler` address, or a LocalCluster of `workers` processes.

    Workers return the rows and the client writes the shards, so workers need no shared filesystem.
    With `ship_model`, the NER model folder is zipped and installed on every worker by a WorkerPlugin.
    """

    workers: int = 2
    ner: str = "auto"
    scheduler: str | None = None
    ship_model: bool = False
    name: str = "dask"
    writes_shards: bool = False
    client: Any = None
    cluster: Any = None
    notes: list[str] = field(default_factory=list)
    _counted: float = 0.0

    def start(self) -> None:
        distributed = _dask()
        if self.scheduler and Path(self.scheduler).is_file():  # dask scheduler --scheduler-file FILE
            self.client = distributed.Client(scheduler_file=self.scheduler)
        elif self.scheduler:
            self.client = distributed.Client(self.scheduler)
        else:
            self.cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                                    processes=True, dashboard_address=None)
            self.client = distributed.Client(self.cluster)
        n = len(self.client.scheduler_info().get("workers", {}))
        self.workers = n or self.workers
        if self.ship_model:
            plugin = model_plugin(self.ner)
            if plugin is not None:
                self.client.register_plugin(plugin)
                self.notes.append(f"NER model shipped to the workers ({plugin.size / 1e6:.1f} MB)")

    def submit(self, task: ShardTask) -> Any:
        return self.client.submit(process_shard, task, key=f"pemilu-{task.name}", pure=False, retries=1)

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        distributed = _dask()
        done, _ = distributed.wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done)

    def close(self, abort: bool = False) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    @property
    def max_in_flight(self) -> int:
        """Two shards per worker; the count is refreshed every 10 s (clusters grow and shrink)."""
        now = time.monotonic()
        if self.client is not None and now - self._counted > 10:
            self._counted = now
            self.workers = len(self.client.scheduler_info().get("workers", {})) or self.workers
        return 2 * max(2, self.workers)


def model_plugin(ner: str) -> Any:
    """A Dask WorkerPlugin that installs the local NER model folder on each worker (None if no model)."""
    import io
    import zipfile

    distributed = _dask()
    from pipeline.ner import default_model_dir

    engine = os.environ.get("PEMILU_NER", "spacy") if ner == "auto" else ner
    if engine == "none":
        return None
    src = default_model_dir(engine)
    if not src.is_dir():
        return None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(p for p in src.rglob("*") if p.is_file()):
            zf.write(f, f"{src.name}/{f.relative_to(src)}")

    class ShipModel(distributed.WorkerPlugin):  # type: ignore[misc]
        name = "pemilu-facts-model"

        def __init__(self, data: bytes) -> None:
            self.data, self.size = data, len(data)

        def setup(self, worker: Any) -> None:
            import io
            import os
            import zipfile
            from pathlib import Path

            import pipeline.engines as engines

            target = Path(worker.local_directory) / "pemilu_models"
            with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                zf.extractall(target)
            os.environ["PEMILU_MODELS_DIR"] = str(target)
            engines._NLP.clear()  # a model loaded before the plugin came would be the wrong one

    return ShipModel(buf.getvalue())


def make_engine(engine: str, workers: int, ner: str, scheduler: str | None = None,
                ship_model: bool | None = None) -> Engine:
    """The engine named `engine` ('local' or 'dask'); workers=0 with 'local' runs in this process."""
    if engine == "local":
        if scheduler:
            raise ValueError("--scheduler needs --engine dask")
        return InlineEngine() if workers <= 0 else LocalEngine(workers, ner)
    if engine == "dask":
        ship = bool(scheduler) if ship_model is None else ship_model
        return DaskEngine(workers=max(1, workers), ner=ner, scheduler=scheduler, ship_model=ship)
    raise ValueError(f"unknown engine {engine!r}; choose local or dask")

