"""Time per article of the rules-only pipeline (clean + tokenise/sentences + all extractors, no NER).

Usage: python benchmarks/rules_speed.py [PATH ...]   (default: corpus/articles and ../shared/dev/articles)
Prints the median and mean CPU milliseconds per article (time.process_time, so that other processes on a
busy machine do not inflate it) and the wall-clock median, over several passes in one process.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from pipeline.acquire.read import read_articles
from pipeline.clean import ArticleError, to_document
from pipeline.extract import extract_all
from pipeline.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> None:
    paths = paths or [str(ROOT / "corpus" / "articles"), str(ROOT.parent / "shared" / "dev" / "articles")]
    nlp = load_nlp("none")
    articles = [a for a in read_articles(p for p in paths if Path(p).exists()) if a.status == "ok"]
    docs = []
    for a in articles:  # warm-up pass (gazetteer, dateparser, regex compilation)
        try:
            docs.append(to_document(a))
        except ArticleError:
            continue
        extract_all(nlp_parse(nlp, docs[-1]))
    times, walls = [], []
    for _ in range(5):
        for a in articles:
            t0, w0 = time.process_time(), time.perf_counter()
            try:
                d = to_document(a)
            except ArticleError:
                continue
            extract_all(nlp_parse(nlp, d))
            times.append((time.process_time() - t0) * 1000)
            walls.append((time.perf_counter() - w0) * 1000)
    chars = statistics.mean(len(d.text) for d in docs)
    print(f"{len(docs)} articles (mean {chars:.0f} characters of cleaned text), {len(times)} timings")
    print(f"CPU per article: median {statistics.median(times):.1f} ms, mean {statistics.mean(times):.1f} ms, "
          f"p90 {sorted(times)[int(0.9 * len(times))]:.1f} ms; wall median {statistics.median(walls):.1f} ms")


def nlp_parse(nlp, doc):  # noqa: ANN001, ANN201 - tiny helper
    doc.doc = nlp(doc.text)
    return doc


if __name__ == "__main__":
    main(sys.argv[1:])
