"""The synthetic corpus generator and `pemilu-facts bench` (end to end on a tiny corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.records import Article
from pipeline.synth import ELECTION_DAY, generate, make_article, phrasings, regions, write_corpus


@pytest.fixture(autouse=True)
def _pinned_code_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEMILU_CODE_VERSION", "test-bench")


def test_generation_is_deterministic_and_extends() -> None:
    a = [x.text for x in generate(5, seed=3)]
    assert a == [x.text for x in generate(5, seed=3)]
    assert a[2:] == [x.text for x in generate(3, seed=3, start=2)]  # article i does not depend on n
    assert a != [x.text for x in generate(5, seed=4)]
    assert len(set(a)) == 5


def test_gold_agrees_with_the_text() -> None:
    codes = {r.code: r for r in regions()}
    for art in generate(200, seed=11):
        g = art.gold
        assert g["id"] == art.id and g["facts"] and g["officials"]
        for f in g["facts"]:
            if f["units"] is not None:
                assert f["members"] == f["units"] * f["per_unit"]
            assert f["region_code"] in codes or f["region_code"].rsplit(".", 1)[0] in codes
            assert f["event_date"] in {d["date"] for d in g["dates"]}
        for o in g["officials"]:
            assert o["name"].split()[-1] in art.text  # the name as written (degrees aside)
            assert o["region_code"] in codes
        for d in g["dates"]:
            if d["role"] == "election_day":
                assert d["date"] == ELECTION_DAY["Pilkada 2024"].isoformat()
        assert art.published >= g["facts"][0]["event_date"]
        assert "{" not in art.text and "}" not in art.text


def test_corpus_files_read_back(tmp_path: Path) -> None:
    from pipeline.acquire.read import read_articles

    arts, gold = write_corpus(tmp_path, 7, seed=2, per_file=3)
    assert sorted(p.name for p in arts.iterdir()) == ["synth_2_0000000.jsonl", "synth_2_0000003.jsonl",
                                                     "synth_2_0000006.jsonl"]
    read = list(read_articles([arts]))
    assert [a.id for a in read] == [f"syn2-{i:07d}" for i in range(7)]
    assert all(isinstance(a, Article) and a.status == "ok" and a.published for a in read)
    assert json.loads((gold / "syn2-0000004.json").read_text())["id"] == "syn2-0000004"


def test_phrasings_cover_the_templates() -> None:
    ph = phrasings()
    assert any(k.startswith("lead:pelantikan") for k in ph) and "distractor numbers" in ph
    art = make_article(0, seed=0)
    assert any(line.split("{")[0][:12] in art.text for line in ph["quote follow-up"] if line.split("{")[0])


def test_bench_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    out = tmp_path / "bench"
    assert main(["bench", "--articles", "12", "--workers", "1", "--out", str(out), "--ner", "none",
                 "--shard-size", "6"]) == 0
    text = capsys.readouterr().out
    assert "end to end, 1 worker:" in text and "bare NER" in text and "accuracy on the generated gold" in text
    data = json.loads((out / "bench.json").read_text())
    assert data["articles"] == 12 and [r["workers"] for r in data["runs"]] == [1]
    run = data["runs"][0]
    assert run["articles"] == 12 and run["rate"] > 0 and 0 < run["max_worker_rss_mb"] < 4000
    assert data["ner_rate"] > 0 and set(data["f1"]) == {"facts", "officials", "dates"}
    assert all(0.0 <= v <= 1.0 for v in data["f1"].values())
    assert len(list((out / "corpus" / "gold").glob("*.json"))) == 12
    assert main(["bench", "--phrasings"]) == 0
    assert "distractor numbers:" in capsys.readouterr().out


def test_bench_repeat_pairs_runs_with_the_bare_ner_yardstick(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    out = tmp_path / "bench"
    assert main(["bench", "--articles", "8", "--workers", "1", "--out", str(out), "--ner", "none",
                 "--repeat", "2"]) == 0
    data = json.loads((out / "bench.json").read_text())
    assert [r["workers"] for r in data["runs"]] == [1, 1]  # the 'all workers' run twice (all = 1 here)
    assert len(data["ner_rates"]) == 2 and len(data["ratios"]) == 2
    assert min(data["ratios"]) <= data["ratio"] <= max(data["ratios"])
    assert "paired rounds" in capsys.readouterr().out
