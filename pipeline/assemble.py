"""Assemble the final tables from the shards, streaming, in input order.

Every article of the current input has a position (its place in the order `read_articles` yields
them). Rows are written in that order, whatever shard or run produced them, so a run that was
killed and resumed writes the same bytes as one that was not.

The shards are merged like the runs of an external sort: each shard's rows are sorted by position,
shards are opened in order of their first position and closed when used up, and the shard with
the smallest next position gives rows until another shard's next row comes first. Within one run,
shards hold consecutive articles, so usually one or two shards are open at once: memory stays flat
however large the output. Rows of articles no longer in the input (changed or removed) are skipped.

Near-duplicate articles (`pipeline.dedup.find_duplicates_fp` over the fingerprints the workers
stored, in input order) get status `duplicate` with `duplicate_of`, and their facts, quotes, officials
and dates are dropped.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.dedup import Fingerprint, find_duplicates_fp
from pipeline.schema import INT_COLUMNS, TABLES
from pipeline.shards import FINGERPRINTS, KEY, KeyIndex, ShardStore
from pipeline.write import _FORMULA_START, neutralize

log = logging.getLogger(__name__)

#: Rows per written chunk (a Parquet row group, a CSV append): fixed, so output bytes do not depend on shards.
CHUNK_ROWS = 20_000
_N_COLUMNS = ("n_facts", "n_quotes", "n_officials", "n_dates")


_STRING = pd.StringDtype()


def normalize(table: str, df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`df` with `columns` in order and the types `pipeline.write.to_frame` gives (nullable ints, strings)."""
    df = df.copy()
    for col in columns:
        if col not in df.columns:
            df[col] = None
    df = df[columns]
    ints = INT_COLUMNS.get(table, [])
    for col in df.columns:
        if col in ints:
            if df[col].dtype != "Int64":
                df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif df[col].dtype != _STRING or df[col].hasnans:
            df[col] = df[col].astype("string").fillna("")
    return df.reset_index(drop=True)


class TableSink:
    """Streams one table to DIR/NAME.csv and DIR/NAME.parquet, the format of `pipeline.write.write_table`.

    Both files are written under temporary names and renamed into place by `close`, so a reader never
    sees half a table. Rows are buffered and written in chunks of exactly `chunk_rows`.
    """

    def __init__(self, out_dir: str | Path, table: str, columns: list[str],
                 chunk_rows: int = CHUNK_ROWS) -> None:
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.table, self.columns, self.chunk_rows = table, columns, chunk_rows
        self.rows = 0
        self._buffer: list[pd.DataFrame] = []
        self._buffered = 0
        self._tmp_csv = self._tmp(f"{table}.csv")
        self._tmp_pq = self._tmp(f"{table}.parquet")
        self._csv = open(self._tmp_csv, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._pq: Any = None
        self._header = True

    def _tmp(self, name: str) -> str:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.out)
        os.close(fd)
        return tmp

    def add(self, df: pd.DataFrame) -> None:
        """Queue rows (already in this table's columns and types)."""
        if not len(df):
            return
        self._buffer.append(df)
        self._buffered += len(df)
        while self._buffered >= self.chunk_rows:
            whole = pd.concat(self._buffer, ignore_index=True)
            self._write(whole.iloc[: self.chunk_rows])
            rest = whole.iloc[self.chunk_rows:]
            self._buffer, self._buffered = ([rest] if len(rest) else []), len(rest)

    def _write(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        df = df.reset_index(drop=True)
        safe = df.copy()
        for col in safe.columns:
            if safe[col].dtype == "string":  # as pipeline.write.neutralize, vectorised
                risky = safe[col].str.startswith(_FORMULA_START).fillna(False).astype(bool)
                if risky.any():
                    safe[col] = safe[col].where(~risky, "'" + safe[col])
            elif safe[col].dtype == object:
                safe[col] = safe[col].map(neutralize)
        safe.to_csv(self._csv, index=False, header=self._header)
        self._header = False
        arrow = pa.Table.from_pandas(df, preserve_index=False)
        if self._pq is None:
            self._pq = pq.ParquetWriter(self._tmp_pq, arrow.schema)
        self._pq.write_table(arrow.cast(self._pq.schema))
        self.rows += len(df)

    def close(self) -> int:
        """Write what is buffered and move both files into place; returns the row count."""
        if self._buffer:
            self._write(pd.concat(self._buffer, ignore_index=True))
            self._buffer = []
        if self._pq is None:  # no rows: header only, and an empty Parquet file with the schema
            self._write(normalize(self.table, pd.DataFrame(), self.columns))
        self._csv.close()
        self._pq.close()
        os.replace(self._tmp_csv, self.out / f"{self.table}.csv")
        os.replace(self._tmp_pq, self.out / f"{self.table}.parquet")
        return self.rows

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._csv.close()
        if self._pq is not None:
            with contextlib.suppress(Exception):
                self._pq.close()
        for tmp in (self._tmp_csv, self._tmp_pq):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@dataclass
class _Shard:
    index: int
    name: str
    first: int  # smallest live position among its articles


@dataclass
class _Run:
    shard: _Shard
    positions: np.ndarray
    frame: pd.DataFrame
    cursor: int = 0

    def head(self) -> int:
        return int(self.positions[self.cursor])


@dataclass
class Assembly:
    """What assembling wrote."""

    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    stale_rows: int = 0
    notes: list[str] = field(default_factory=list)
    max_open_shards: int = 0


class Assembler:
    """Merges the committed shards of `store` into the final tables, for the articles in `live`."""

    def __init__(self, store: ShardStore, live: KeyIndex, chunk_rows: int = CHUNK_ROWS) -> None:
        self.store, self.live, self.chunk_rows = store, live, chunk_rows
        self.owner = np.full(len(live), -1, dtype=np.int32)
        self.shards: list[_Shard] = []
        self.max_open = 0
        self.stale = 0
        for i, entry in enumerate(store.shards):
            import pyarrow.parquet as pq

            path = store.shard_path(entry.name, "articles")
            keys = pq.read_table(path, columns=[KEY]).column(KEY).to_numpy()
            pos = live.lookup(keys)
            pos = pos[pos >= 0]
            pos = pos[self.owner[pos] == -1]  # an article counts once, from the first shard that has it
            self.stale += len(keys) - len(pos)
            if len(pos):
                self.owner[pos] = i
                self.shards.append(_Shard(i, entry.name, int(pos.min())))
        self.shards.sort(key=lambda s: s.first)

    def missing(self) -> int:
        """Live articles that no shard holds (should be 0 after a complete run)."""
        return int((self.owner == -1).sum())

    def columns(self, table: str) -> list[str]:
        """The table's columns: the schema's, then any extra ones found in the shards, sorted."""
        import pyarrow.parquet as pq

        base = list(TABLES[table]) if table in TABLES else ["article_id", "digest", "signature"]
        extra: set[str] = set()
        for s in self.shards:
            extra.update(pq.read_schema(self.store.shard_path(s.name, table)).names)
        extra -= set(base) | {KEY, "__index_level_0__"}
        return base + sorted(extra)

    def _open(self, shard: _Shard, table: str) -> _Run:
        import pyarrow.parquet as pq

        df = pq.read_table(self.store.shard_path(shard.name, table)).to_pandas()
        keys = df[KEY].to_numpy(dtype=np.int64) if len(df) else np.empty(0, dtype=np.int64)
        pos = self.live.lookup(keys)
        ok = pos >= 0
        ok[ok] = self.owner[pos[ok]] == shard.index
        df, pos = df[ok], pos[ok]
        if len(pos) and np.any(np.diff(pos) < 0):
            order = np.argsort(pos, kind="stable")
            df, pos = df.iloc[order], pos[order]
        return _Run(shard, pos, df.reset_index(drop=True))

    def iter_table(self, table: str) -> Iterator[pd.DataFrame]:
        """The live rows of `table` from all shards, in input order, as consecutive frames."""
        heap: list[tuple[int, int, _Run]] = []
        i, shards = 0, self.shards
        inf = np.iinfo(np.int64).max
        while heap or i < len(shards):
            while i < len(shards) and (not heap or shards[i].first <= heap[0][0]):
                run = self._open(shards[i], table)
                if len(run.positions):
                    heapq.heappush(heap, (run.head(), run.shard.index, run))
                i += 1
                self.max_open = max(self.max_open, len(heap))
            if not heap:
                continue
            _, _, run = heapq.heappop(heap)
            bound = min(heap[0][0] if heap else inf, shards[i].first if i < len(shards) else inf)
            end = int(np.searchsorted(run.positions, bound, side="left"))
            end = max(end, run.cursor + 1)
            yield run.frame.iloc[run.cursor:end]
            run.cursor = end
            if run.cursor < len(run.positions):
                heapq.heappush(heap, (run.head(), run.shard.index, run))

    def assemble(self, out_dir: str | Path, dedup: bool = True) -> Assembly:
        """Write the five tables into `out_dir`; near-duplicates are marked when `dedup` and available."""
        result = Assembly(stale_rows=self.stale)
        duplicates: dict[str, str] = {}
        if dedup:
            duplicates = find_duplicates_fp(self._fingerprints())
        result.duplicates = len(duplicates)
        for table in TABLES:
            columns = self.columns(table)
            sink = TableSink(out_dir, table, columns, self.chunk_rows)
            try:
                for part in self.iter_table(table):
                    part = _apply_duplicates(table, part, duplicates)
                    if table == "articles":
                        for status, n in part["status"].value_counts().items():
                            result.statuses[str(status)] = result.statuses.get(str(status), 0) + int(n)
                    sink.add(normalize(table, part, columns))
                result.counts[table] = sink.close()
            except BaseException:
                sink.abort()
                raise
        result.max_open_shards = self.max_open
        return result

    def _fingerprints(self) -> Iterator[tuple[str, Fingerprint]]:
        for part in self.iter_table(FINGERPRINTS):
            for aid, digest, sig in zip(part["article_id"].astype(str), part["digest"].astype(str),
                                        part["signature"], strict=True):
                yield aid, Fingerprint.from_bytes(digest, sig)


def _apply_duplicates(table: str, part: pd.DataFrame, duplicates: dict[str, str]) -> pd.DataFrame:
    if not duplicates or not len(part):
        return part
    ids = part["article_id"].astype(str)
    if table != "articles":
        return part[~ids.isin(duplicates.keys())]
    hit = ids.isin(duplicates.keys()) & (part["status"].astype(str) == "ok")
    if not hit.any():
        return part
    part = part.copy()
    part["status"] = part["status"].astype(object)
    part["duplicate_of"] = part["duplicate_of"].astype(object)
    part.loc[hit, "status"] = "duplicate"
    part.loc[hit, "duplicate_of"] = ids[hit].map(duplicates)
    for col in _N_COLUMNS:
        if col in part.columns:
            part[col] = part[col].astype("Int64")
            part.loc[hit, col] = 0
    return part
