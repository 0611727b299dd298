"""Speed of an NER engine on one CPU thread: best of N passes over the idner-news-2k test sentences.

The machine is shared, so the best pass is the least disturbed one. Two numbers: on pre-tokenised docs
(what `ner evaluate` times) and on raw text (tokenizer included).
Usage: python benchmarks/ner_speed.py spacy|stanza [MODEL_DIR] [PASSES]
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from spacy.tokens import Doc  # noqa: E402

from pipeline.ner import build_nlp  # noqa: E402
from pipeline.ner.corpus import read_conll  # noqa: E402

DATA = os.environ.get("NER_DATA", "/work/shared/data/ner") + "/idner-news-2k/test.txt"


def main() -> None:
    engine = sys.argv[1]
    model = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    nlp = build_nlp(engine, model)
    sents = read_conll(DATA, "conll")
    texts = [" ".join(s.tokens) for s in sents]
    n_tok = sum(len(s.tokens) for s in sents)
    list(nlp.pipe(texts[:20]))
    best_doc = best_text = best_cpu = 0.0
    for _ in range(passes):
        docs = [Doc(nlp.vocab, words=s.tokens) for s in sents]
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(docs, batch_size=256):
            pass
        best_doc = max(best_doc, n_tok / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, n_tok / (time.process_time() - c0))
        t0 = time.perf_counter()
        n_text = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
        best_text = max(best_text, n_text / (time.perf_counter() - t0))
    print(
        f"{engine}: {best_doc:,.0f} tokens/s on pre-tokenised docs ({best_cpu:,.0f} per CPU second), "
        f"{best_text:,.0f} tokens/s on raw text "
        f"(best of {passes} passes over {n_tok} tokens, one thread)"
    )


if __name__ == "__main__":
    main()
