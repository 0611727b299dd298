"""The people directory: which official rows merge into one person, and which must not."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.names import name_key
from pipeline.people import (
    MERGE_COLUMNS,
    PEOPLE_COLUMNS,
    build_people,
    ensure_people,
    people_tables,
    person_id,
    role_family,
)
from pipeline.write import read_table, write_tables

FIXTURE = Path(__file__).parent / "fixtures" / "tables" / "sample.json"


def sample_tables() -> dict[str, list[dict]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


def officials(*rows: tuple) -> pd.DataFrame:
    """Officials from (article_id, name, role, org_type, region_code) tuples."""
    cols = ["article_id", "name", "role", "org_type", "region_code"]
    df = pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])
    df["region"] = ""
    df["title"] = ""
    df["n_quotes"] = 1
    return df


def articles(**published: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(published), "published": list(published.values())})


def person_of(people: pd.DataFrame, merges: pd.DataFrame, article_id: str, name: str) -> str:
    hit = merges[(merges.article_id == article_id) & (merges.name == name)]
    assert len(hit) == 1, (article_id, name, merges)
    return hit.person_id.iloc[0]


# --- merges that must happen ---------------------------------------------------------------------

def test_short_name_and_spelling_variants_merge_into_one_person() -> None:
    off = officials(
        ("a1", "Muhammad Habibi Zaenal Arifin", "anggota", "KPU", "36.73"),
        ("a2", "Habibi", "anggota", "KPU", "36.73"),
        ("a3", "Muhamad Habibi Zaenal Arifin", "ketua", "KPU", "36.73"),
    )
    people, merges = people_tables(off, articles(a1="2024-05-06", a2="2024-05-07", a3="2024-07-02"))
    assert len(people) == 1
    p = people.iloc[0]
    assert p["name"] == "Muhammad Habibi Zaenal Arifin"
    assert p["person_id"] == person_id(name_key("Muhammad Habibi Zaenal Arifin"), "KPU", "36.73")
    assert p["role"] == "ketua"  # the latest role
    assert p["roles"] == "anggota (2024-05-06 – 2024-05-07); ketua (2024-07-02)"
    assert (p["first_seen"], p["last_seen"]) == ("2024-05-06", "2024-07-02")
    assert (p["n_articles"], p["n_quotes"]) == (3, 3)
    assert p["province"] == "Banten"
    assert set(p["name_forms"].split("; ")) == {"Habibi", "Muhammad Habibi Zaenal Arifin",
                                               "Muhamad Habibi Zaenal Arifin"}
    rules = dict(zip(merges.article_id, merges.rule, strict=True))
    assert rules == {"a1": "canonical", "a2": "short_form", "a3": "same_key"}
    why = merges.set_index("article_id").loc["a2", "reason"]
    assert "'habibi' is part of 'muhamad habibi zaenal arifin'" in why
    assert [h["article_id"] for h in json.loads(p["history"])] == ["a1", "a2", "a3"]


def test_effendi_effendy_and_honorifics_merge() -> None:
    off = officials(("a1", "H. Effendy Saputra, S.H.", "anggota", "KPU", "36.72"),
                    ("a2", "Effendi Saputra", "anggota", "KPU", "36.72"))
    people, merges = people_tables(off)
    assert len(people) == 1
    assert sorted(merges.rule) == ["canonical", "same_key"]
    assert "spelt" in merges[merges.rule == "same_key"].reason.iloc[0]


def test_unknown_org_joins_the_only_match() -> None:
    off = officials(("a1", "Nur Aini Rahmawati", "ketua", "KPU", "36.01"),
                    ("a2", "Nur Aini Rahmawati", "ketua", "", "36.01"))
    people, merges = people_tables(off)
    assert len(people) == 1 and people.org_type.iloc[0] == "KPU"
    assert merges.set_index("article_id").loc["a2", "rule"] == "same_key_unknown_fields"


def test_sekda_who_becomes_penjabat_is_one_person() -> None:
    off = officials(("a1", "Nanang Saefudin", "sekretaris daerah", "PEMDA", "36.73"),
                    ("a2", "Nanang Saefudin", "penjabat wali kota", "PEMDA", "36.73"))
    people, merges = people_tables(off, articles(a1="2024-05-06", a2="2024-07-02"))
    assert len(people) == 1
    assert people.role.iloc[0] == "penjabat wali kota"
    assert "same_key_role_change" in set(merges.rule)


def test_common_given_name_merges_only_within_the_same_article() -> None:
    off = officials(("a1", "Muhammad Ridwan Hakim", "ketua", "KPU", "36.04"),
                    ("a1", "Muhammad", "ketua", "KPU", "36.04"))
    people, merges = people_tables(off)
    assert len(people) == 1
    assert merges.set_index("name").loc["Muhammad", "rule"] == "short_form_same_article"


# --- pairs that must NOT be merged ---------------------------------------------------------------

@pytest.mark.parametrize("other", [
    ("a2", "Ahmad Fauzi", "ketua", "KPU", "95.01"),      # same name, other region
    ("a2", "Ahmad Fauzi", "ketua", "BAWASLU", "36.72"),  # same name, other org
    ("a2", "Ahmad Fauzi", "sekretaris", "KPU", "36.72"),  # same name and body, secretariat not commissioner
    ("a2", "Fauzi", "anggota", "BAWASLU", "36.72"),      # short name, other org
    ("a2", "Fauzi", "anggota", "KPU", "36.04"),          # short name, other region
    ("a2", "Fauzi", "anggota", "KPU", ""),               # short name, region unknown
    ("a2", "Fauzi", "anggota", "", "36.72"),             # short name, org unknown
    ("a2", "Ahmad", "ketua", "KPU", "36.72"),            # bare common first name in another article
    ("a1", "Ahmad", "ketua", "BAWASLU", "36.72"),        # common first name, same article, other org
    ("a2", "Ahmad Fauziah", "ketua", "KPU", "36.72"),    # a different name that starts alike
])
def test_never_merged(other: tuple) -> None:
    off = officials(("a1", "Ahmad Fauzi", "ketua", "KPU", "36.72"), other)
    people, merges = people_tables(off)
    assert len(people) == 2, merges[["name", "rule", "reason"]]
    assert set(merges.rule) == {"canonical"}
    assert people.person_id.nunique() == 2


def test_short_name_matching_two_people_stays_apart_with_the_reason() -> None:
    off = officials(("a1", "Rahmat Hidayat Saputra", "ketua", "KPU", "32.17"),
                    ("a1", "Hidayat Nur", "anggota", "KPU", "32.17"),
                    ("a2", "Hidayat", "anggota", "KPU", "32.17"))
    people, merges = people_tables(off)
    assert len(people) == 3
    row = people.set_index("name").loc["Hidayat"]
    assert "matches several people" in row["kept_apart"]
    assert "hidayat nur" in row["kept_apart"] and "rahmat hidayat saputra" in row["kept_apart"]


def test_same_name_in_two_regions_and_unknown_region_is_ambiguous() -> None:
    off = officials(("a1", "Ahmad Fauzi", "ketua", "KPU", "36.72"),
                    ("a2", "Ahmad Fauzi", "anggota", "KPU", "95.01"),
                    ("a3", "Ahmad Fauzi", "", "", ""))
    people, merges = people_tables(off)
    assert len(people) == 3
    assert people.person_id.nunique() == 3
    lone = people[people.org_type == ""].iloc[0]
    assert "matches several people" in lone["kept_apart"]
    cilegon = people[people.region_code == "36.72"].iloc[0]
    assert "different org or region" in cilegon["kept_apart"]


def test_role_families() -> None:
    assert role_family("Ketua") == role_family("anggota") == role_family("Koordinator Divisi Hukum")
    assert role_family("penjabat wali kota") == role_family("wali kota") == "regional_head"
    assert role_family("sekretaris") != role_family("sekretaris daerah")
    assert role_family("") == ""


# --- ids, files, rebuilds --------------------------------------------------------------------------

def test_ids_are_stable_across_row_order_and_runs() -> None:
    off = pd.DataFrame(sample_tables()["officials"])
    a, _ = people_tables(off)
    b, _ = people_tables(off.sample(frac=1, random_state=7))
    key = ["person_id", "name", "n_mentions", "name_forms"]
    assert a.sort_values("person_id")[key].values.tolist() == b.sort_values("person_id")[key].values.tolist()
    assert a.person_id.is_unique


def test_build_people_from_the_fixture_tables(tmp_path: Path) -> None:
    write_tables(tmp_path, sample_tables())
    people = build_people(tmp_path)
    for ext in ("csv", "parquet"):
        assert (tmp_path / f"people.{ext}").exists() and (tmp_path / f"people_merges.{ext}").exists()
    back = read_table(tmp_path, "people")
    assert list(back.columns) == PEOPLE_COLUMNS
    assert list(read_table(tmp_path, "people_merges").columns) == MERGE_COLUMNS
    assert back.person_id.tolist() == people.person_id.tolist()
    merges = read_table(tmp_path, "people_merges")
    assert len(merges) == len(sample_tables()["officials"])  # every official row is accounted for
    habibi = person_of(back, merges, "a02", "Habibi")
    assert habibi == person_of(back, merges, "a01", "Muhammad Habibi Zaenal Arifin")
    assert habibi == person_of(back, merges, "a06", "Muhamad Habibi Zaenal Arifin")
    assert person_of(back, merges, "a06", "Muhammad") != habibi
    fauzi = {person_of(back, merges, a, "Ahmad Fauzi") for a in ("a03", "a04", "a07")}
    assert len(fauzi) == 3
    # a second run gives the same ids
    again = build_people(tmp_path)
    assert again.person_id.tolist() == people.person_id.tolist()


def test_ensure_people_builds_when_missing_or_stale(tmp_path: Path) -> None:
    write_tables(tmp_path, sample_tables())
    assert ensure_people(tmp_path) is True
    assert ensure_people(tmp_path) is False  # up to date
    later = (tmp_path / "people.parquet").stat().st_mtime + 10
    os.utime(tmp_path / "officials.parquet", (later, later))
    assert ensure_people(tmp_path) is True


def test_empty_officials_give_empty_tables(tmp_path: Path) -> None:
    write_tables(tmp_path, {})
    people = build_people(tmp_path)
    assert people.empty and list(read_table(tmp_path, "people").columns) == PEOPLE_COLUMNS


def test_missing_officials_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no officials table"):
        build_people(tmp_path)
