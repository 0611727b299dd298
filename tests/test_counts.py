"""Member counts and their traps; units and per-unit quotas."""

from __future__ import annotations

import pytest

from pipeline.extract.bodies import find_bodies
from pipeline.extract.counts import find_counts, find_quotas, find_unit_counts
from pipeline.extract.regions import find_regions
from pipeline.numbers import parse_int


@pytest.mark.parametrize("text,value", [
    ("2.011", 2011), ("1.032", 1032), ("lima", 5), ("tiga puluh", 30), ("tiga puluh lima", 35),
    ("dua belas", 12), ("sebelas", 11), ("seratus dua puluh", 120), ("dua ribu lima ratus", 2500),
    ("3,2", None), ("ribuan", None), ("keempat", 4), ("Ke-63", 63), ("ke-1.116", 1116),
    ("1,2 ribu", 1200), ("2 ribu", 2000),
])
def test_numbers(text: str, value: int | None) -> None:
    assert parse_int(text) == value


def counts(text: str) -> list[tuple[int, str | None]]:
    bodies = find_bodies(text, find_regions(text))
    return [(c.value, c.body) for c in find_counts(text, bodies, 0, len(text))]


def test_counts_tied_to_bodies() -> None:
    assert counts("KPU Kota Depok melantik 55 anggota Panitia Pemilihan Kecamatan (PPK).") == [(55, "PPK")]
    assert counts("Sebanyak 1.032 Panitia Pemungutan Suara (PPS) dilantik.") == [(1032, "PPS")]
    assert counts("Jumlah anggota PPS yang dilantik sebanyak 1.032 orang.") == [(1032, "PPS")]
    assert counts("KPU melantik tiga puluh anggota Panwascam.") == [(30, "PANWASCAM")]
    assert counts("Sebanyak 861 orang ditetapkan sebagai anggota PPS.") == [(861, "PPS")]


@pytest.mark.parametrize("text", [
    "Maksimal 600 pemilih per TPS.",
    "Acara dihadiri sekitar 2.011 peserta dari PPK dan PPS.",
    "Anggaran Rp 3,2 miliar disiapkan untuk 415 pendaftar calon anggota PPK.",
    "Sebanyak 22 calon anggota PPK lolos tes tertulis.",
    "Keputusan KPU Nomor 512 Tahun 2022 tentang PPK.",
    "Partisipasi mencapai 80 persen di 12 TPS.",
    "Masa kerja PPS delapan bulan.",
])
def test_traps_are_not_member_counts(text: str) -> None:
    assert counts(text) == []


def test_breakdown_numbers_are_not_counts() -> None:
    assert counts("KPU melantik 75 anggota PPK, terdiri dari 31 perempuan dan 44 laki-laki.") == [(75, "PPK")]


def test_quotas_and_units() -> None:
    t = "Mereka terdiri dari enam kecamatan dan masing-masing sebanyak lima orang."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(t, 0, len(t))] == [(5, "kecamatan")]
    assert [(u.units, u.unit_type) for u in find_unit_counts(t, 0, len(t))] == [(6, "kecamatan")]
    t = "Setiap desa dan kelurahan diisi tiga orang anggota PPS dari 287 desa dan kelurahan."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(t, 0, len(t))] == [(3, "desa")]
    assert [(u.units, u.unit_type) for u in find_unit_counts(t, 0, len(t))] == [(287, "desa")]
    assert counts(t) == []  # "tiga orang anggota PPS" is a quota, not the total
    t = "Para anggota KPPSLN bertugas di 176 tempat pemungutan suara luar negeri (TPSLN), masing-masing tujuh orang."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(t, 0, len(t))] == [(7, "tps")]
    t = "Satu orang PKD ditempatkan di setiap desa."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(t, 0, len(t))] == [(1, "desa")]


def test_count_written_before_a_body_is_that_body_s() -> None:
    from pipeline.extract.bodies import find_bodies
    from pipeline.extract.counts import find_counts

    text = "KPU Kota Serang mencatat sebanyak 30 anggota PPK telah dilantik."
    got = find_counts(text, find_bodies(text), 0, len(text))
    assert [(c.value, c.body) for c in got] == [(30, "PPK")]
    text = "KPU Kota Serang melantik anggota PPK sebanyak 30 orang."
    assert [(c.value, c.body) for c in find_counts(text, find_bodies(text), 0, len(text))] == [(30, "PPK")]


def test_units_with_a_place_before_each() -> None:
    text = "Sebanyak 23 kecamatan di Aceh Besar masing-masing memiliki lima anggota PPK."
    assert [(u.units, u.unit_type) for u in find_unit_counts(text, 0, len(text))] == [(23, "kecamatan")]
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(5, "kecamatan")]


def test_units_an_ad_hoc_body_oversees() -> None:
    text = "Mereka akan mengawasi 812 TPS di delapan kecamatan, satu orang di setiap TPS."
    assert [(u.units, u.unit_type) for u in find_unit_counts(text, 0, len(text))][0] == (812, "tps")
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(1, "tps")]


@pytest.mark.parametrize("text,unit", [
    ("Mereka bertugas di 435 desa dan kelurahan yang tersebar di 40 kecamatan, masing-masing tiga orang.", "desa"),
    ("Panwascam itu berasal dari 155 kecamatan di delapan kabupaten dan kota, masing-masing tiga orang.", "kecamatan"),
    ("KPPS bertugas di 4.031 TPS di 63 kelurahan, masing-masing tujuh orang.", "tps"),
    ("KPU melantik PPS dari 20 desa, sedangkan PPK dari 5 kecamatan, masing-masing lima orang.", "kecamatan"),
])
def test_quota_of_the_smaller_unit_when_the_larger_says_where(text: str, unit: str) -> None:
    assert [q.unit_type for q in find_quotas(text, 0, len(text))] == [unit]


def test_collective_numbers_count_units_and_members() -> None:
    text = "Keempat kecamatan di Kota Denpasar masing-masing mendapat lima anggota PPK."
    assert [(u.units, u.unit_type) for u in find_unit_counts(text, 0, len(text))] == [(4, "kecamatan")]
    assert counts("Ke-63 anggota KPPSLN itu bertugas di sembilan TPSLN.") == [(63, "KPPSLN")]
    # a quota whose unit stands farther back: "9 TPSLN yang tersebar di Osaka dan Kobe, masing-masing ..."
    text = ("Mereka bertugas di sembilan Tempat Pemungutan Suara Luar Negeri (TPSLN) yang tersebar di Osaka dan Kobe, "
            "masing-masing tujuh orang.")
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(7, "tps")]


def test_seats_count_and_large_numbers_per_unit_are_no_quota() -> None:
    text = "Mereka akan mengisi lima kursi PPK di setiap kecamatan di 17 kecamatan se-Kotim."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(5, "kecamatan")]
    text = "Sebanyak 170 orang atau sepuluh besar per kecamatan dipanggil wawancara."
    assert find_quotas(text, 0, len(text)) == []
    assert counts("Bawaslu Kota Jambi melantik 1,2 ribu Pengawas Tempat Pemungutan Suara (PTPS).") == [(1200, "PTPS")]


def test_selected_names_and_quotas_written_with_the_body() -> None:
    text = "KPU Banyuwangi mengumumkan hasil seleksi. Sebanyak 651 nama dinyatakan terpilih untuk mengisi kursi PPS."
    lo = text.index("Sebanyak")
    assert counts(text[lo:]) == [(651, "PPS")]
    assert counts("Sebanyak 1.116 orang dinyatakan terpilih.") == [(1116, None)]
    text = "Satu Pantarlih bertugas di setiap TPS. Setiap TPS dijaga dua orang Linmas."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(1, "tps")]


def test_someone_s_body_and_a_quota_over_numbered_units() -> None:
    assert counts("Ada desa yang ketiga anggota PPS-nya perempuan semua.") == []
    text = "Mereka akan mengisi tiga kursi PPS di masing-masing 136 desa dan kelurahan."
    assert [(q.per_unit, q.unit_type) for q in find_quotas(text, 0, len(text))] == [(3, "desa")]
    assert [u.units for u in find_unit_counts(text, 0, len(text))] == [136]


def test_quotas_with_a_place_or_another_verb_before_the_number() -> None:
    for text in ("Setiap kelurahan di Kota Blitar diawasi satu orang PKD.",
                 "Setiap TPS ditangani satu orang Pantarlih."):
        assert [q.per_unit for q in find_quotas(text, 0, len(text))] == [1]
        assert counts(text) == []  # the quota's number is no member count
