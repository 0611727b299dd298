"""Benchmark: throughput, memory and accuracy at scale, on a generated corpus with known gold.

One `run_bench` call:
1. writes N synthetic articles (`pipeline.synth`) as jsonl, with their gold (reused when present);
2. runs the whole pipeline (`run_extract`, reading, cleaning, parsing, extracting, sharding and
   assembling) with 1 worker and with all workers, timing each end to end (worker start included);
3. runs the same texts through the bare NER pipeline alone (`pipeline.ner.build_nlp('spacy')`,
   `nlp.pipe`, one process), the yardstick for the parallel run;
4. scores the tables of the all-workers run against the gold (`pipeline.evaluate`).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.engines import max_rss_mb

log = logging.getLogger(__name__)


@dataclass
class RunTiming:
    """One end-to-end run."""

    workers: int
    seconds: float
    articles: int
    rate: float  # articles per second, end to end
    process_rate: float  # articles per second while processing (no assembly)
    assemble_seconds: float
    max_worker_rss_mb: float
    shards: int


@dataclass
class BenchResult:
    """Everything one benchmark measured."""

    articles: int
    seed: int
    ner: str
    machine: str
    cores: int
    load_before: list[float]
    generate_seconds: float = 0.0
    runs: list[RunTiming] = field(default_factory=list)
    ner_model: str = ""
    ner_rate: float = 0.0  # articles per second through the bare NER pipeline, one process
    ner_seconds: float = 0.0
    ratio: float = 0.0  # end-to-end rate with all workers / bare NER rate (the median over the pairs)
    ratios: list[float] = field(default_factory=list)  # one per (all-workers run, bare NER run) pair
    ner_rates: list[float] = field(default_factory=list)
    client_max_rss_mb: float = 0.0
    f1: dict[str, float] = field(default_factory=dict)
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    field_accuracy: dict[str, dict[str, float]] = field(default_factory=dict)
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        load = " ".join(f"{x:.2f}" for x in self.load_before)
        out = [
            f"bench: {self.articles} generated articles (seed {self.seed}), --ner {self.ner}; "
            f"{self.machine}, {self.cores} cores, load average before {load}",
            f"corpus generated in {self.generate_seconds:.1f} s",
        ]
        for r in self.runs:
            plural = "s" if r.workers != 1 else ""
            out.append(f"end to end, {r.workers} worker{plural}: {r.rate:.1f} articles/s "
                       f"({r.seconds:.1f} s; {r.process_rate:.1f} art/s while processing, assembly "
                       f"{r.assemble_seconds:.1f} s, {r.shards} shards); peak memory per worker "
                       f"{r.max_worker_rss_mb:.0f} MB")
        out.append(f"bare NER ({self.ner_model}), nlp.pipe in one process: {self.ner_rate:.1f} articles/s "
                   f"({self.ner_seconds:.1f} s)")
        if len(self.ner_rates) > 1:
            out.append("bare NER, each round: " + ", ".join(f"{r:.1f}" for r in self.ner_rates) + " articles/s")
        if len(self.ratios) > 1:
            out.append("ratio end to end (all workers) / bare NER, paired rounds: "
                       + ", ".join(f"{r:.2f}" for r in self.ratios) + f"; median {self.ratio:.2f}x")
        elif self.ratio:
            out.append(f"ratio end to end (all workers) / bare NER: {self.ratio:.2f}x")
        out.append(f"client (this process) peak memory: {self.client_max_rss_mb:.0f} MB")
        if self.f1:
            out.append("accuracy on the generated gold: " + ", ".join(
                f"{t} F1 {self.f1[t]:.3f} (P {self.precision[t]:.3f} R {self.recall[t]:.3f})"
                for t in self.f1))
            for t, fields in self.field_accuracy.items():
                if fields:
                    out.append(f"  {t} fields: " + ", ".join(f"{k} {v:.2f}" for k, v in fields.items()))
        if self.duplicates:
            out.append(f"near-duplicates marked among the generated articles: {self.duplicates}")
        out.extend(f"note: {n}" for n in self.notes)
        return out


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def prepare_corpus(out_dir: Path, n: int, seed: int) -> tuple[Path, Path, float]:
    """The corpus folder and gold folder for (n, seed), generated unless already there."""
    from pipeline.synth import write_corpus

    root = out_dir / "corpus"
    marker = root / "corpus.json"
    want = {"articles": n, "seed": seed, "format": 1}
    if marker.exists() and json.loads(marker.read_text()) == want:
        return root / "articles", root / "gold", 0.0
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    arts, gold = write_corpus(root, n, seed=seed)
    marker.write_text(json.dumps(want))
    return arts, gold, time.perf_counter() - t0


def iter_texts(corpus: Path) -> Iterator[str]:
    """The article texts of a generated corpus, streamed."""
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)["text"]


def bare_ner_rate(corpus: Path, batch_size: int = 64) -> tuple[str, float, float, list[str]]:
    """(model, articles/s, seconds, notes) for the texts through the bare NER pipeline, one process."""
    notes: list[str] = []
    try:
        from pipeline.ner import build_nlp

        nlp = build_nlp("spacy")
        model = "spaCy NER model " + str(getattr(nlp, "path", "") or "models/id_ner_spacy")
    except (RuntimeError, OSError, ImportError) as exc:
        import spacy

        nlp = spacy.blank("id")
        model = "NO NER MODEL: blank Indonesian tokenizer"
        notes.append(f"the spaCy NER model is not available ({exc}); the bare baseline is the tokenizer "
                     "only, so the ratio says little until models/id_ner_spacy exists")
    n = 0
    t0 = time.perf_counter()
    for _ in nlp.pipe(iter_texts(corpus), batch_size=batch_size):
        n += 1
    seconds = time.perf_counter() - t0
    return model, n / seconds if seconds else 0.0, seconds, notes


def run_bench(n: int, out_dir: str | Path, workers: int | None = None, seed: int = 0, ner: str = "auto",
              shard_size: int = 500, progress: bool = False, skip_single: bool = False,
              keep_outputs: bool = True, repeat: int = 1) -> BenchResult:
    """Generate `n` articles into OUT/corpus, run the pipeline with 1 and with `workers`, time and score.

    With `repeat` > 1 the all-workers run and the bare NER run alternate `repeat` times, and the ratio is
    the median of the paired ratios: steadier on a machine whose speed drifts from one minute to the next.
    """
    import statistics

    from pipeline.evaluate import evaluate
    from pipeline.runner import default_workers, run_extract

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    all_workers = default_workers() if workers is None else max(1, workers)
    load = list(os.getloadavg()) if hasattr(os, "getloadavg") else []
    result = BenchResult(articles=n, seed=seed, ner=ner, machine=f"{platform.machine()} {platform.system()}",
                         cores=_cores(), load_before=[round(x, 2) for x in load])
    corpus, gold, result.generate_seconds = prepare_corpus(out, n, seed)
    counts = sorted({all_workers} if skip_single else {1, all_workers})
    plan = [w for w in counts if w != all_workers] + [all_workers] * max(1, repeat)
    last_dir = out
    pairs: list[tuple[float, float]] = []
    for w in plan:
        run_dir = out / f"run_{w}w"
        t0 = time.perf_counter()
        summary = run_extract([str(corpus)], run_dir, ner=ner, progress=progress, workers=w, force=True,
                              shard_size=shard_size)
        seconds = time.perf_counter() - t0
        result.runs.append(RunTiming(
            workers=w, seconds=round(seconds, 3), articles=summary.articles, rate=round(n / seconds, 2),
            process_rate=round(summary.rate, 2), assemble_seconds=round(summary.assemble_seconds, 3),
            max_worker_rss_mb=round(summary.max_worker_rss_mb, 1), shards=summary.shards_written))
        result.duplicates = summary.duplicates
        result.notes.extend(x for x in summary.notes if x not in result.notes)
        last_dir = run_dir
        if w == all_workers:  # its yardstick right after it, on the machine in the same state
            result.ner_model, ner_rate, ner_seconds, notes = bare_ner_rate(corpus)
            result.notes.extend(x for x in notes if x not in result.notes)
            result.ner_rates.append(round(ner_rate, 2))
            result.ner_seconds = round(ner_seconds, 3)
            pairs.append((n / seconds, ner_rate))
    result.client_max_rss_mb = round(max_rss_mb(), 1)
    result.ner_rate = round(statistics.median(result.ner_rates), 2)
    if all(r for _, r in pairs):
        result.ratios = [round(e / r, 3) for e, r in pairs]
        result.ratio = round(statistics.median(result.ratios), 3)
    scores = evaluate(last_dir, gold)
    for table, s in scores.items():
        result.f1[table], result.precision[table], result.recall[table] = (
            round(s.f1, 4), round(s.precision, 4), round(s.recall, 4))
        result.field_accuracy[table] = {f: round(ok / k, 4) for f, (ok, k) in s.fields.items() if k}
    if not keep_outputs:
        for w in counts:
            shutil.rmtree(out / f"run_{w}w", ignore_errors=True)
    (out / "bench.json").write_text(json.dumps(result.as_dict(), indent=1, ensure_ascii=False),
                                    encoding="utf-8")
    return result
