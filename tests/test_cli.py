"""The command line end to end: extract with good and bad input, the summary, the exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

GOOD = """SERANG - Komisi Pemilihan Umum (KPU) Kota Serang melantik 30 anggota Panitia Pemilihan Kecamatan \
(PPK) untuk Pilkada 2024, Kamis (16/5/2024).

Ketua KPU Kota Serang Ahmad Fauzi mengatakan, anggota PPK berasal dari enam kecamatan, masing-masing lima orang.

"Jaga integritas dan netralitas," katanya.

Baca juga: KPU Kota Tangerang lantik 65 anggota PPK
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)


def test_extract_end_to_end_with_bad_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "english.txt").write_text("The election commission swore in the new committee members on Thursday "
                                     "and the mayor said that the vote would be fair for all of the voters.")
    (src / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (src / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": GOOD, "published": "2024-05-17"}) + "\n{oops\n"
                                    + json.dumps({"id": "j3", "title": "no text"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("extract", str(src), "--out", str(out), "--ner", "none", "--no-progress", "--workers", "1")
    assert proc.returncode == 1, proc.stderr  # something failed, and the exit code says so
    assert "articles: 7" in proc.stdout and "failures: 5" in proc.stdout, proc.stdout
    arts = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    # the jsonl copy of the same story is a duplicate: listed, pointing to the article kept
    assert arts.loc["j1", "status"] == "ok"
    assert arts.loc["good", "status"] == "duplicate" and arts.loc["good", "duplicate_of"] == "j1"
    assert arts.loc["empty", "status"] == "empty"
    assert arts.loc["english", "status"] == "not_indonesian"
    assert arts.loc["binary", "status"] == "error" and "binary" in arts.loc["binary", "error"]
    assert arts.loc["feed-2", "status"] == "error" and arts.loc["j3", "status"] == "error"
    facts = pd.read_parquet(out / "facts.parquet")
    assert "good" not in set(facts.article_id)  # a duplicate's facts are kept once, under j1
    good = facts[facts.article_id == "j1"]
    assert list(good.body) == ["PPK"] and list(good.region_code) == ["36.73"]
    assert int(good.members.iloc[0]) == 30 and int(good.units.iloc[0]) == 6 and int(good.per_unit.iloc[0]) == 5
    assert "Tangerang" not in " ".join(facts.evidence)  # nothing from the "Baca juga" link
    officials = pd.read_parquet(out / "officials.parquet")
    assert set(officials[officials.article_id == "j1"].name) == {"Ahmad Fauzi"}
    dates = pd.read_parquet(out / "dates.parquet")
    assert set(dates[dates.article_id == "j1"].date) == {"2024-05-16"}


def test_help_explains_every_command() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    for cmd in ("run", "extract", "evaluate"):
        assert cmd in proc.stdout
    proc = run_cli("extract", "--help")
    assert "--out" in proc.stdout and "jsonl" in proc.stdout
