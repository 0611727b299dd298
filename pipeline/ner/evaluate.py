"""Entity-level evaluation (seqeval-style exact span match) and speed of an NER engine."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

from pipeline.ner.corpus import LABELS, Sentence, read_conll


def score_spans(
    gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]]
) -> dict[str, dict[str, float]]:
    """Precision/recall/F1 per label and micro-averaged ('ALL') from exact (start, end, label) matches."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for _, _, lab in gs:
            n_gold[lab] += 1
        for _, _, lab in ps:
            n_pred[lab] += 1
        for _, _, lab in gs & ps:
            tp[lab] += 1
    out: dict[str, dict[str, float]] = {}
    labels = sorted(set(LABELS) | set(n_gold) | set(n_pred), key=lambda x: (x not in LABELS, x))
    for lab in [*labels, "ALL"]:
        if lab == "ALL":
            t, ng, np_ = sum(tp.values()), sum(n_gold.values()), sum(n_pred.values())
        else:
            t, ng, np_ = tp[lab], n_gold[lab], n_pred[lab]
        p = t / np_ if np_ else 0.0
        r = t / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {"precision": p, "recall": r, "f1": f, "support": ng}
    return out


def predict_spacy(nlp, sentences: list[Sentence]) -> list[list[tuple[int, int, str]]]:  # noqa: ANN001
    """Run a spaCy pipeline on the gold tokens; return token spans per sentence."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.tokens, spaces=[True] * len(s.tokens)) for s in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=256):
        out.append([(e.start, e.end, e.label_) for e in doc.ents])
    return out


def evaluate_ner(
    engine: str,
    data_path: str | Path,
    fmt: str = "auto",
    model_dir: str | Path | None = None,
    limit: int = 0,
    nlp: Language | None = None,
) -> dict:
    """Evaluate an engine ('spacy' or 'stanza') on a CoNLL/TSV file.

    Uses the file's tokens (no re-tokenisation), one CPU thread. Returns
    {'engine', 'data', 'sentences', 'tokens', 'seconds', 'tokens_per_second', 'scores': {label: {...}}}.
    """
    from pipeline.ner import build_nlp

    sentences = read_conll(data_path, fmt)
    if limit:
        sentences = sentences[:limit]
    if engine not in ("spacy", "stanza"):
        raise ValueError(f"cannot evaluate engine {engine!r}: use spacy or stanza")
    _one_thread()
    if nlp is None:
        nlp = build_nlp(engine, model_dir)
    # warm up (lazy loading, first-call allocations) outside the timing
    predict_spacy(nlp, sentences[:5])
    t0, c0 = time.perf_counter(), time.process_time()
    pred = predict_spacy(nlp, sentences)
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    n_tokens = sum(len(s.tokens) for s in sentences)
    gold = [s.spans() for s in sentences]
    return {
        "engine": engine,
        "data": str(data_path),
        "sentences": len(sentences),
        "tokens": n_tokens,
        "seconds": round(seconds, 3),
        "tokens_per_second": round(n_tokens / seconds, 1) if seconds else 0.0,
        "cpu_seconds": round(cpu_seconds, 3),
        "tokens_per_cpu_second": round(n_tokens / cpu_seconds, 1) if cpu_seconds else 0.0,
        "scores": score_spans(gold, pred),
    }


def _one_thread() -> None:
    """Pin numeric libraries to one thread so the speed is per core."""
    import os

    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass


def print_report(result: dict, out: TextIO | None = None) -> None:
    """Print a per-label precision/recall/F1 table and the speed."""
    import sys

    out = out or sys.stdout
    print(f"engine: {result['engine']}   data: {result['data']}", file=out)
    print(f"{'label':<6} {'prec':>7} {'rec':>7} {'f1':>7} {'support':>8}", file=out)
    for lab, s in result["scores"].items():
        print(f"{lab:<6} {s['precision']:7.4f} {s['recall']:7.4f} {s['f1']:7.4f} {s['support']:8d}", file=out)
    print(
        f"speed: {result['tokens_per_second']:.0f} tokens/s wall clock, {result['tokens_per_cpu_second']:.0f} "
        f"tokens per CPU second, one thread ({result['tokens']} tokens, {result['sentences']} sentences)",
        file=out,
    )
