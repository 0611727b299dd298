"""The sharded runner: kill and resume, incremental runs, --force, Dask, bad input, assembly."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline.assemble import TableSink, normalize
from pipeline.runner import ShardConfigError, StoreLockedError, run_extract
from pipeline.schema import TABLES
from pipeline.shards import MANIFEST, SHARD_DIR, KeyIndex, ShardStore
from pipeline.synth import write_corpus
from pipeline.write import to_frame, write_table

FILES = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _pinned_code_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other people edit the extractors while these tests run: pin the code version the shards record."""
    monkeypatch.setenv("PEMILU_CODE_VERSION", "test-runner")
    monkeypatch.setenv("PEMILU_MODELS_DIR", str(REPO / "models"))


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A frozen copy of the package: runs compared across processes must all run the same code."""
    root = tmp_path_factory.mktemp("snapshot")
    shutil.copytree(REPO / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _cli(snapshot: Path, *args: str, **popen: object) -> subprocess.Popen:
    """`python -m pipeline ARGS` running the snapshot's code (and so do its worker processes)."""
    cmd = [sys.executable, "-m", "pipeline", *args]
    return subprocess.Popen(cmd, cwd=snapshot, stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # type: ignore
                            text=True, **popen)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode in (0, 1), f"exit {proc.returncode}: {err[-3000:]}"
    return out


def _bytes(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in FILES}


def _manifest(out: Path) -> dict:
    path = out / SHARD_DIR / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {"shards": []}


def _shard_keys(out: Path) -> np.ndarray:
    store = ShardStore(out)
    store.load()
    return store.done_keys().keys


N = 100  # articles in the shared corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    arts, _ = write_corpus(root, N, seed=7, per_file=50, small=True, gold=False)
    return arts


@pytest.fixture(scope="module")
def reference(corpus: Path, snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The tables of one uninterrupted run over the corpus, in this process's worker-less mode."""
    out = tmp_path_factory.mktemp("reference")
    _finish(_cli(snapshot, "extract", str(corpus), "--out", str(out), "--workers", "0", "--ner", "none",
                 "--no-progress"))
    return _bytes(out)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_kill_and_resume_gives_the_same_tables(corpus: Path, snapshot: Path, reference: dict[str, bytes],
                                               tmp_path: Path) -> None:
    """SIGKILL a run after its first shards, rerun: the tables equal an uninterrupted run's, byte for byte."""
    out = tmp_path / "killed"
    args = ["extract", str(corpus), "--out", str(out), "--workers", "2", "--shard-size", "4", "--ner", "none",
            "--no-progress"]
    proc = _cli(snapshot, *args, start_new_session=True)
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None and len(_manifest(out)["shards"]) < 3:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)  # the client only: its workers are orphaned, mid-shard
        proc.wait(10)
        deadline = time.time() + 20
        while _group_alive(proc.pid) and time.time() < deadline:
            time.sleep(0.2)
        assert not _group_alive(proc.pid), "orphaned workers did not exit"
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    done_before = sum(s["articles"] for s in _manifest(out)["shards"])
    assert 12 <= done_before < N
    assert not (out / "articles.csv").exists()

    text = _finish(_cli(snapshot, *args))
    run = _manifest(out)["runs"][-1]
    assert run["reused"] >= done_before and run["processed"] == N - run["reused"], text
    assert _bytes(out) == reference
    keys = _shard_keys(out)
    assert len(keys) == N and len(np.unique(keys)) == N  # every article in exactly one shard
    arts = pd.read_parquet(out / "articles.parquet")
    assert arts["article_id"].is_unique and len(arts) == N


def _rewrite_one(path: Path, index: int, change: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    obj = json.loads(lines[index])
    obj["text"] = obj["text"].replace("\n\n", f"\n\n{change}\n\n", 1)
    lines[index] = json.dumps(obj, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return obj["id"]


def test_incremental_run_processes_only_new_and_changed_articles(tmp_path: Path) -> None:
    src = tmp_path / "src"
    arts, _ = write_corpus(src, 20, seed=3, per_file=10, small=True, gold=False)
    out = tmp_path / "out"
    first = run_extract([str(arts)], out, ner="none", progress=False, workers=0, shard_size=4)
    assert (first.processed, first.reused, first.shards_written) == (20, 0, 5)

    write_corpus(src, 6, seed=3, start=20, per_file=10, small=True, gold=False)  # a new file
    changed = _rewrite_one(sorted(arts.glob("*.jsonl"))[0], 5, "Kegiatan itu berlangsung dengan tertib.")
    second = run_extract([str(arts)], out, ner="none", progress=False, workers=0, shard_size=4)
    assert (second.processed, second.reused, second.articles) == (7, 19, 26)
    assert second.stale_rows == 1  # the old version of the changed article, left out of the tables
    runs = _manifest(out)["runs"]
    assert [r["processed"] for r in runs] == [20, 7]

    fresh = tmp_path / "fresh"
    run_extract([str(arts)], fresh, ner="none", progress=False, workers=0, shard_size=100)
    assert _bytes(out) == _bytes(fresh)
    row = pd.read_parquet(out / "articles.parquet").set_index("article_id").loc[changed]
    assert row["n_chars"] > 0

    again = run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    assert (again.processed, again.reused, again.shards_written) == (0, 26, 0)
    assert _bytes(out) == _bytes(fresh)

    forced = run_extract([str(arts)], out, ner="none", progress=False, workers=0, force=True)
    assert (forced.processed, forced.reused) == (26, 0)
    assert len(_manifest(out)["shards"]) == forced.shards_written
    assert _bytes(out) == _bytes(fresh)


def test_removed_articles_leave_the_tables(tmp_path: Path) -> None:
    arts, _ = write_corpus(tmp_path / "src", 20, seed=4, per_file=10, small=True, gold=False)
    out = tmp_path / "out"
    run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    files = sorted(arts.glob("*.jsonl"))
    files[1].unlink()
    summary = run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    assert summary.processed == 0 and summary.counts["articles"] == 10
    ids = set(pd.read_parquet(out / "articles.parquet")["article_id"])
    assert ids == {json.loads(line)["id"] for line in files[0].read_text().splitlines()}
    for table in ("facts", "quotes", "officials", "dates"):
        assert set(pd.read_parquet(out / f"{table}.parquet")["article_id"]) <= ids


def test_bad_input_rows_appear_in_the_articles_table(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    good = ("KPU Kota Serang melantik 30 anggota Panitia Pemilihan Kecamatan (PPK) untuk Pilkada 2024. "
            "Ketua KPU Kota Serang Ade Jahran mengatakan mereka berasal dari enam kecamatan, masing-masing "
            "lima orang, dan diminta menjaga integritas serta netralitas selama bertugas di daerah itu.")
    other = ("Bawaslu Kabupaten Lebak melantik 84 anggota Panitia Pengawas Pemilihan Kecamatan (Panwascam) "
             "dari 28 kecamatan. Ketua Bawaslu Kabupaten Lebak meminta para pengawas bekerja profesional, "
             "menjaga netralitas, dan segera membentuk sekretariat di setiap kecamatan.")
    (src / "a_good.txt").write_text(good, encoding="utf-8")
    (src / "b_empty.txt").write_text("   \n", encoding="utf-8")
    (src / "c_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (src / "d_list.json").write_text("[1, 2]", encoding="utf-8")
    (src / "e_feed.jsonl").write_text(
        json.dumps({"id": "e1", "text": other}) + "\n{not json\n" + json.dumps({"id": "e3"}) + "\n"
        + json.dumps({"id": "a_good", "text": good + " Lagi."}) + "\n"
        + json.dumps({"id": "e5", "text": "The quick brown fox jumps over the lazy dog. " * 5}) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(src), str(tmp_path / "missing.txt")]
    summary = run_extract(inputs, out, ner="none", progress=False, workers=0)
    arts = pd.read_parquet(out / "articles.parquet")
    names = [Path(s).name for s in arts["source"]]
    status = dict(zip(names, arts["status"], strict=True))
    assert status == {
        "a_good.txt": "ok", "b_empty.txt": "empty", "c_binary.txt": "error", "d_list.json": "error",
        "e_feed.jsonl:1": "ok", "e_feed.jsonl:2": "error", "e_feed.jsonl:3": "error",
        "e_feed.jsonl:4": "error", "e_feed.jsonl:5": "not_indonesian", "missing.txt": "error",
    }
    dup = arts[arts["source"].str.endswith(":4")].iloc[0]
    assert dup["article_id"] == "a_good" and "duplicate article id" in dup["error"]
    assert summary.failed == 8 and summary.counts["articles"] == 10
    again = run_extract(inputs, out, ner="none", progress=False, workers=0)
    assert again.processed == 0 and again.statuses == summary.statuses


def test_cli_exit_codes_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    arts, _ = write_corpus(tmp_path / "src", 6, seed=5, per_file=10, small=True, gold=False)
    out = tmp_path / "out"
    assert main(["extract", str(arts), "--out", str(out), "--ner", "none", "--workers", "0",
                 "--no-progress"]) == 0
    text = capsys.readouterr().out
    assert "articles: 6 (ok 6)" in text and "processed 6 new or changed articles" in text
    assert main(["extract", str(arts), "--out", str(out), "--ner", "auto", "--workers", "0",
                 "--no-progress"]) == 2  # shards made with --ner none
    assert "another configuration" in capsys.readouterr().err
    assert main(["extract", str(arts), "--out", str(out), "--scheduler", "tcp://x:1", "--no-progress"]) == 2


def test_config_change_and_concurrent_runs_are_refused(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    arts, _ = write_corpus(tmp_path / "src", 4, seed=6, small=True, gold=False)
    out = tmp_path / "out"
    run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    with pytest.raises(ShardConfigError, match="--force"):
        run_extract([str(arts)], out, ner="auto", progress=False, workers=0)
    monkeypatch.setenv("PEMILU_CODE_VERSION", "another-version")
    with pytest.raises(ShardConfigError, match="code"):
        run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    assert run_extract([str(arts)], out, ner="none", progress=False, workers=0, force=True).processed == 4
    store = ShardStore(out)
    store.lock()
    try:
        with pytest.raises(StoreLockedError):
            run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    finally:
        store.unlock()
    orphan = out / SHARD_DIR / "s-orphan"
    orphan.mkdir()
    (orphan / "articles.parquet").write_bytes(b"half")
    run_extract([str(arts)], out, ner="none", progress=False, workers=0)
    assert not orphan.exists()


def test_dask_local_cluster_gives_the_same_tables(corpus: Path, snapshot: Path, reference: dict[str, bytes],
                                                   tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'pemilu-facts[dask]'")
    out = tmp_path / "dask"
    text = _finish(_cli(snapshot, "extract", str(corpus), "--out", str(out), "--engine", "dask", "--workers",
                        "2", "--shard-size", "10", "--ner", "none", "--no-progress"))
    assert "dask, 2 workers" in text and "10 shards written" in text, text
    assert _bytes(out) == reference
    keys = _shard_keys(out)  # the same manifest and shards as the local engine: resume works alike
    assert len(keys) == N and len(np.unique(keys)) == N


def test_near_duplicates_are_marked_and_their_rows_dropped(tmp_path: Path) -> None:
    pytest.importorskip("pipeline.dedup")
    from pipeline.synth import make_article

    base = make_article(2, seed=0)
    copy = base.text.replace(" (ANTARA) - ", ", Portal Berita - ", 1)
    src = tmp_path / "src"
    src.mkdir()
    with (src / "feed.jsonl").open("w", encoding="utf-8") as f:
        for art_id, text in (("a-orig", base.text), ("b-copy", copy), ("c-other", make_article(3).text)):
            f.write(json.dumps({"id": art_id, "text": text, "published": base.published}) + "\n")
    out = tmp_path / "out"
    summary = run_extract([str(src)], out, ner="none", progress=False, workers=0)
    arts = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert arts.loc["b-copy", "status"] == "duplicate" and arts.loc["b-copy", "duplicate_of"] == "a-orig"
    assert arts.loc["a-orig", "status"] == "ok" and arts.loc["c-other", "duplicate_of"] == ""
    assert summary.duplicates == 1 and summary.statuses == {"ok": 2, "duplicate": 1}
    for table in ("facts", "quotes", "officials", "dates"):
        ids = set(pd.read_parquet(out / f"{table}.parquet")["article_id"])
        assert "b-copy" not in ids
    assert "a-orig" in set(pd.read_parquet(out / "facts.parquet")["article_id"])


def test_streamed_table_equals_write_table(tmp_path: Path) -> None:
    rows = [{"article_id": f"a{i}", "event": "=cmd" if i == 3 else "pelantikan", "body": "PPK",
             "members": i if i % 2 else None, "evidence": f"kalimat, \"{i}\"\nbaris"} for i in range(11)]
    write_table(tmp_path / "ref", "facts", to_frame("facts", rows))
    columns = TABLES["facts"]
    sink = TableSink(tmp_path / "out", "facts", columns, chunk_rows=4)
    for part in (rows[:3], rows[3:4], rows[4:11]):
        sink.add(normalize("facts", pd.DataFrame(part), columns))
    assert sink.close() == 11
    assert (tmp_path / "out/facts.csv").read_bytes() == (tmp_path / "ref/facts.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out/facts.parquet"),
                                  pd.read_parquet(tmp_path / "ref/facts.parquet"))
    empty = TableSink(tmp_path / "empty", "dates", TABLES["dates"])
    assert empty.close() == 0
    write_table(tmp_path / "ref", "dates", to_frame("dates", []))
    assert (tmp_path / "empty/dates.csv").read_bytes() == (tmp_path / "ref/dates.csv").read_bytes()


def test_key_index_lookup() -> None:
    idx = KeyIndex(np.array([30, -5, 12, 7], dtype=np.int64))
    assert list(idx.lookup(np.array([7, 30, 99, -5]))) == [3, 0, -1, 1]
    assert 12 in idx and 13 not in idx
    assert list(KeyIndex(np.empty(0, np.int64)).lookup(np.array([1]))) == [-1]


def test_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    write_corpus(tmp_path, 5, seed=8, per_file=10, small=True, gold=False)
    out = tmp_path / "results"
    first = run_extract([str(tmp_path)], out, ner="none", progress=False, workers=0)
    second = run_extract([str(tmp_path)], out, ner="none", progress=False, workers=0)
    assert first.counts["articles"] == second.counts["articles"] == 5
    assert (second.processed, second.reused) == (0, 5)


def test_dask_engine_without_dask_says_how_to_install(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    arts, _ = write_corpus(tmp_path / "src", 2, seed=9, small=True, gold=False)
    with pytest.raises(RuntimeError, match=r"pip install 'pemilu-facts\[dask\]'"):
        run_extract([str(arts)], tmp_path / "out", ner="none", progress=False, workers=1, engine="dask")


def test_damaged_shards_are_redone(tmp_path: Path) -> None:
    arts, _ = write_corpus(tmp_path / "src", 12, seed=10, per_file=12, small=True, gold=False)
    out = tmp_path / "out"
    run_extract([str(arts)], out, ner="none", progress=False, workers=0, shard_size=4)
    reference = _bytes(out)
    shards = _manifest(out)["shards"]
    (out / SHARD_DIR / shards[0]["name"] / "facts.parquet").write_bytes(b"truncated")
    shutil.rmtree(out / SHARD_DIR / shards[2]["name"])
    again = run_extract([str(arts)], out, ner="none", progress=False, workers=0, shard_size=4)
    assert (again.processed, again.reused) == (8, 4)
    assert any("damaged" in n for n in again.notes)
    assert _bytes(out) == reference


def _worker_models() -> tuple[str, list[str]]:
    root = Path(os.environ["PEMILU_MODELS_DIR"])
    return str(root), sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_model_is_shipped_to_dask_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra")
    from pipeline.engines import model_plugin

    model = tmp_path / "models" / "id_ner_spacy"
    (model / "ner").mkdir(parents=True)
    (model / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (model / "ner" / "model").write_bytes(b"\x00weights")
    monkeypatch.setenv("PEMILU_MODELS_DIR", str(tmp_path / "models"))
    plugin = model_plugin("spacy")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        client.register_plugin(plugin)
        where, shipped = client.submit(_worker_models).result()
    assert where != str(tmp_path / "models") and Path(where).name == "pemilu_models"  # the worker's own copy
    assert shipped == ["id_ner_spacy/config.cfg", "id_ner_spacy/ner/model"]


def test_pool_workers_start_without_torch_unless_they_run_stanza() -> None:
    """thinc would import torch (1.5-2 s per start) when the stanza extra is installed: spaCy workers block it."""
    from pipeline import torchless
    from pipeline.engines import LocalEngine, start_method

    if start_method() != "forkserver":
        pytest.skip("the block is set up by the fork server")
    engine = LocalEngine(1, "none")
    engine.start()
    try:
        assert engine.pool is not None
        assert engine.pool.submit(torchless.blocked).result(timeout=120) is True
    finally:
        engine.close()
    assert not torchless.blocked()  # the client itself is untouched
    assert torchless.needs_torch("stanza") and not torchless.needs_torch("spacy")
