"""Run the pipeline over many articles and write the tables.

This first runner is sequential and keeps rows in memory; it is the reference that parallel,
sharded runners must reproduce.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from pipeline.acquire.read import read_articles
from pipeline.nlp import load_nlp
from pipeline.process import ArticleResult, process_batch
from pipeline.write import write_tables


@dataclass
class RunSummary:
    """What a run did, for the command line's closing lines."""

    out_dir: str
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(n for s, n in self.statuses.items() if s in ("error", "empty", "not_indonesian"))

    def lines(self) -> list[str]:
        c = self.counts
        st = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()))
        return [
            f"articles: {c.get('articles', 0)} ({st})",
            f"facts: {c.get('facts', 0)}  quotes: {c.get('quotes', 0)}  officials: {c.get('officials', 0)}"
            f"  dates: {c.get('dates', 0)}",
            f"failures: {self.failed}",
            f"tables written to {self.out_dir}/ (CSV and Parquet)",
        ]


def collect(results: Iterable[ArticleResult], out_dir: str | Path) -> RunSummary:
    """Write the tables of `results` and summarise them."""
    tables: dict[str, list] = {"articles": [], "facts": [], "quotes": [], "officials": [], "dates": []}
    seen: set[str] = set()
    for res in results:
        row = res.article
        if row["article_id"] in seen:
            row.update(status="error", error=f"duplicate article id {row['article_id']!r}")
            tables["articles"].append(row)
            continue
        seen.add(row["article_id"])
        for name, rows in res.tables().items():
            tables[name].extend(rows)
    counts = write_tables(out_dir, tables)
    statuses: dict[str, int] = {}
    for row in tables["articles"]:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    return RunSummary(out_dir=str(out_dir), counts=counts, statuses=statuses)


def run_extract(
    inputs: list[str], out_dir: str | Path, ner: str = "auto", batch_size: int = 32, progress: bool = True,
) -> RunSummary:
    """Read `inputs`, process every article and write the five tables into `out_dir`."""
    nlp = load_nlp(ner)

    def results() -> Iterable[ArticleResult]:
        batch = []
        bar = tqdm(desc="articles", unit="art", disable=not progress)
        for art in read_articles(inputs):
            batch.append(art)
            if len(batch) >= batch_size:
                yield from process_batch(batch, nlp)
                bar.update(len(batch))
                batch = []
        if batch:
            yield from process_batch(batch, nlp)
            bar.update(len(batch))
        bar.close()

    return collect(results(), out_dir)
