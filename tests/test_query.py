"""`pemilu-facts query`: SQL over the output tables, the named examples, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline import people as people_mod
from pipeline.cli import main
from pipeline.query import EXAMPLES, QueryError, format_result, run_query
from pipeline.write import write_tables

FIXTURE = Path(__file__).parent / "fixtures" / "tables" / "sample.json"


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    out = tmp_path_factory.mktemp("tables")
    write_tables(out, data)
    return out


def example(tables: Path, name: str, **params: str) -> pd.DataFrame:
    ex = EXAMPLES[name]
    return run_query(tables, ex.sql, {**ex.params, **params})


def test_ppk_and_kpu_answers_both_questions_in_one_query(tables: Path) -> None:
    df = example(tables, "ppk-and-kpu").set_index(["province", "kpu"])
    # a01 and a02 report the same swearing-in of 30 PPK members in Kota Serang: counted once
    assert df.loc[("Banten", "KPU Kota Serang"), "ppk_members_sworn_in"] == 30
    assert df.loc[("Banten", "(province total)"), "ppk_members_sworn_in"] == 30 + 40 + 145
    assert df.loc[("Papua Pegunungan", "(province total)"), "ppk_members_sworn_in"] == 200
    cilegon = df.loc[("Banten", "KPU Kota Cilegon"), "who_spoke"]
    assert cilegon == "Ahmad Fauzi (ketua); Effendi Saputra (anggota)"  # Effendi/Effendy merged
    serang = df.loc[("Banten", "KPU Kota Serang"), "who_spoke"]
    assert serang.count("Habibi") == 1 and "(ketua)" in serang  # three name forms, one person
    assert pd.isna(df.loc[("Jawa Barat", "KPU Kabupaten Bandung Barat"), "ppk_members_sworn_in"])
    assert "Bawaslu" not in " ".join(df["who_spoke"].dropna())


def test_sworn_in_per_province_counts_each_event_once(tables: Path) -> None:
    df = example(tables, "sworn-in-per-province").set_index(["province", "body"])
    assert df.loc[("Banten", "PPK"), "members_sworn_in"] == 215
    assert df.loc[("Banten", "PPK"), "regions"] == 3
    assert df.loc[("Banten", "PPK"), "articles"] == 4
    assert df.loc[("Papua Pegunungan", "PPS"), "regions_without_count"] == 1


def test_quotes_by_person_follows_name_variants(tables: Path) -> None:
    df = example(tables, "quotes-by-person", person="Muhamad Habibi")
    assert len(df) == 4
    assert set(df.person) == {"Muhammad Habibi Zaenal Arifin"}
    assert set(df.written_as) == {"Muhammad Habibi Zaenal Arifin", "Habibi", "Muhamad Habibi Zaenal Arifin"}
    everyone = example(tables, "quotes-by-person")
    assert len(everyone) == 13  # every quote of the fixture has its speaker among the officials
    assert len(example(tables, "quotes-by-person", person="Nobody Atall")) == 0


def test_kpu_speakers_lists_only_kpu_people(tables: Path) -> None:
    df = example(tables, "kpu-speakers")
    assert set(df.kpu) >= {"KPU Kota Cilegon", "KPU Kota Serang", "KPU Kabupaten Jayawijaya"}
    assert "Nanang Saefudin" not in set(df.name)
    assert (df.name == "Ahmad Fauzi").sum() == 2  # Cilegon and Jayawijaya; the Bawaslu one is not KPU


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_example_runs(tables: Path, name: str) -> None:
    df = example(tables, name)
    assert len(df) > 0 and len(df.columns) >= 3


def test_name_key_function_and_people_views(tables: Path) -> None:
    df = run_query(tables, "SELECT speaker FROM quotes "
                           "WHERE name_key(speaker) = name_key('H. Effendi Saputra')")
    assert df.speaker.tolist() == ["Effendy Saputra"]
    assert (tables / "people.parquet").exists() and (tables / "people_merges.parquet").exists()


def test_people_built_in_memory_when_the_folder_cannot_be_written(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    write_tables(tmp_path, data)

    def refuse(out_dir: object) -> bool:
        raise PermissionError("read-only")

    monkeypatch.setattr(people_mod, "ensure_people", refuse)
    df = run_query(tmp_path, "SELECT count(*) AS n FROM people")
    assert df.n.iloc[0] == 11
    assert not (tmp_path / "people.parquet").exists()


def test_cli_formats(tables: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--out", str(tables), "--example", "ppk-and-kpu", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"province": "Banten", "kpu": "(province total)", "ppk_members_sworn_in": 215,
            "who_spoke": None} in rows
    sql = "SELECT evidence FROM facts WHERE article_id = 'a05'"
    assert main(["query", "--out", str(tables), sql, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][0].startswith("'=HYPERLINK")  # spreadsheet-safe like the tables' CSV
    assert main(["query", "--out", str(tables), sql, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["evidence"].startswith("=HYPERLINK")  # JSON untouched
    assert main(["query", "--out", str(tables), "SELECT body, count(*) AS n FROM facts GROUP BY body "
                 "ORDER BY body"]) == 0
    text = capsys.readouterr().out
    assert "| body | n |" in text and "| PPK  | 7 |" in text and "(2 rows)" in text


def test_table_format_cuts_long_cells() -> None:
    df = pd.DataFrame({"a": ["x" * 100, "short|pipe\nline"], "n": [1, None]})
    text = format_result(df, "table", max_width=20)
    assert "| " + "x" * 19 + "… |" in text and "short\\|pipe line" in text
    assert "x" * 100 in format_result(df, "table", max_width=0)


def test_cli_errors(tables: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--out", str(tables), "SELEC * FROM facts"]) == 1
    assert "SQL syntax error" in capsys.readouterr().err
    assert main(["query", "--out", str(tables), "SELECT * FROM fact"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "available tables: " in err and "facts" in err
    assert main(["query", "--out", str(tables), "SELECT nope FROM facts"]) == 1
    assert "--tables" in capsys.readouterr().err
    assert main(["query", "--out", str(tmp_path / "missing"), "SELECT 1"]) == 2
    assert "no tables folder" in capsys.readouterr().err
    assert main(["query", "--out", str(tmp_path), "SELECT 1"]) == 2
    assert "no output tables" in capsys.readouterr().err
    assert main(["query", "--out", str(tables)]) == 2
    assert "ppk-and-kpu" in capsys.readouterr().err
    assert main(["query", "--out", str(tables), "SELECT $x AS x"]) == 1
    assert "--param x=VALUE" in capsys.readouterr().err
    assert main(["query", "--out", str(tables), "SELECT 1", "--param", "y=2"]) == 1
    assert "not used" in capsys.readouterr().err
    with pytest.raises(QueryError, match="empty SQL"):
        run_query(tables, "  ")


def test_help_lists_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["query", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for name in EXAMPLES:
        assert name in text
    assert main(["query", "--show", "ppk-and-kpu"]) == 0
    assert "GROUP BY ROLLUP" in capsys.readouterr().out
