"""Writing tables (spreadsheet-safe CSV, Parquet, atomic) and scoring them against gold."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.evaluate import evaluate
from pipeline.names import name_key, strip_particles
from pipeline.write import neutralize, read_table, write_tables


def test_csv_is_spreadsheet_safe_and_parquet_keeps_values(tmp_path: Path) -> None:
    rows = [{"article_id": "a", "speaker": "=HYPERLINK(\"x\")", "quote": "+62 812", "start": 3, "end": 9}]
    write_tables(tmp_path, {"quotes": rows})
    raw = (tmp_path / "quotes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for spreadsheets
    csv = pd.read_csv(tmp_path / "quotes.csv", encoding="utf-8-sig")
    assert csv.loc[0, "speaker"].startswith("'=") and csv.loc[0, "quote"] == "'+62 812"
    pq = read_table(tmp_path, "quotes")
    assert pq.loc[0, "speaker"] == '=HYPERLINK("x")' and int(pq.loc[0, "start"]) == 3
    for name in ("articles", "facts", "quotes", "officials", "dates"):  # every table, even empty
        assert (tmp_path / f"{name}.csv").exists() and (tmp_path / f"{name}.parquet").exists()
    assert not list(tmp_path.glob("*.tmp"))
    assert neutralize("-5") == "'-5" and neutralize(5) == 5 and neutralize("KPU") == "KPU"


def test_names_fold_honorifics_and_spellings() -> None:
    assert strip_particles("H. Ahmad Fauzi, S.H., M.Si.") == "Ahmad Fauzi"
    assert strip_particles("Kompol Eko Prasetyo") == "Eko Prasetyo"
    assert name_key("Muhamad Naeshudin") == name_key("Muhammad Naeshudin")
    assert name_key("Agus Effendy") == name_key("Agus Effendi")
    assert name_key("Budi Santoso") != name_key("Budi Santosa Putra")


def test_evaluate_scores_and_field_accuracy(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({
        "id": "a",
        "facts": [{"event": "pelantikan", "body": "PPK", "region_code": "36.73", "members": 30},
                  {"event": "pelantikan", "body": "PPS", "region_code": "36.73", "members": None}],
        "officials": [{"name": "Muhammad Habibi", "role": "ketua", "org_type": "KPU", "region_code": "36.73"}],
        "dates": [{"date": "2024-05-16", "role": "event"}, {"text": "kemarin", "date": "2024-05-16", "role": "event"}],
    }))
    out = tmp_path / "out"
    write_tables(out, {
        "facts": [{"article_id": "a", "event": "pelantikan", "body": "PPK", "region_code": "36.73", "members": 30},
                  {"article_id": "a", "event": "bimtek", "body": "KPPS", "region_code": "36.73"}],
        "officials": [{"article_id": "a", "name": "H. Muhamad Habibi", "role": "anggota", "org_type": "KPU",
                       "region_code": "36.73"}],
        "dates": [{"article_id": "a", "text": "Kamis (16/5)", "date": "2024-05-16", "role": "event"},
                  {"article_id": "a", "text": "16 Mei", "date": "2024-05-16", "role": "event"}],
        "articles": [{"article_id": "a", "status": "ok"}],
    })
    s = evaluate(out, gold)
    assert (s["facts"].gold, s["facts"].pred, s["facts"].matched) == (2, 2, 1)
    assert s["facts"].precision == 0.5 and s["facts"].recall == 0.5
    assert s["facts"].fields["members"] == [1, 1]
    assert s["officials"].f1 == 1.0 and s["officials"].fields["role"] == [0, 1]
    assert s["dates"].pred == s["dates"].gold == 1 and s["dates"].f1 == 1.0  # one row per distinct day, both sides


def test_evaluate_command_explains_missing_tables_and_gold(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from pipeline.cli import main

    assert main(["evaluate", str(tmp_path / "nothing"), "--gold", str(tmp_path)]) == 2
    assert "no facts, officials, dates table" in capsys.readouterr().err
    write_tables(tmp_path / "out", {"facts": []})
    (tmp_path / "gold").mkdir()
    assert main(["evaluate", str(tmp_path / "out"), "--gold", str(tmp_path / "gold")]) == 2
    assert "no gold *.json files" in capsys.readouterr().err
