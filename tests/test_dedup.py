"""Near-duplicate detection (pipeline.dedup): syndicated copies found, look-alike press releases kept."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from pipeline.dedup import (
    DEFAULT_THRESHOLD,
    DuplicateIndex,
    Fingerprint,
    find_duplicates,
    find_duplicates_fp,
    fingerprint,
    jaccard,
    shingle_hashes,
)

ORIGINAL = """\
Serang (Kabar Banten Raya) - Komisi Pemilihan Umum (KPU) Kota Serang melantik sebanyak 75 anggota
Panitia Pemilihan Kecamatan (PPK) yang akan bertugas pada Pemilihan Wali Kota dan Wakil Wali Kota
Serang 2024 di aula kantor wali kota, Kamis.

Ketua KPU Kota Serang Dimas Prasetyo Nugroho mengatakan, para anggota PPK tersebut tersebar di enam
kecamatan, masing-masing lima orang, ditambah cadangan yang disiapkan apabila ada anggota yang
mengundurkan diri.

"Saya minta seluruh anggota PPK yang baru dilantik bekerja secara profesional, jujur dan menjaga
integritas. Jangan sampai ada yang bermain mata dengan peserta pemilihan," kata Dimas.

Ia menjelaskan, setelah pelantikan, seluruh anggota PPK langsung mengikuti bimbingan teknis mengenai
tata kerja badan ad hoc selama dua hari di sebuah hotel di Kota Serang.

Menurut Dimas, proses rekrutmen PPK berlangsung sejak akhir April 2024 dan diikuti oleh 412
pendaftar. Dari jumlah itu, sebanyak 150 peserta lolos tes tertulis sebelum mengikuti tahapan
wawancara.

Pelantikan tersebut juga dihadiri oleh Penjabat Wali Kota Serang, unsur Forkopimda, serta perwakilan
partai politik di Kota Serang."""

#: The same story as re-published by another outlet: new dateline, last paragraph cut, one sentence edited.
COPY = """\
SERANG, Portal Pantura - Komisi Pemilihan Umum (KPU) Kota Serang melantik sebanyak 75 anggota
Panitia Pemilihan Kecamatan (PPK) yang akan bertugas pada Pemilihan Wali Kota dan Wakil Wali Kota
Serang 2024 di aula kantor wali kota, Kamis (16/5/2024).

Ketua KPU Kota Serang Dimas Prasetyo Nugroho mengatakan, para anggota PPK tersebut tersebar di enam
kecamatan, masing-masing lima orang, ditambah cadangan yang disiapkan apabila ada anggota yang
mengundurkan diri.

"Saya minta seluruh anggota PPK yang baru dilantik bekerja secara profesional, jujur dan menjaga
integritas. Jangan sampai ada yang bermain mata dengan peserta pemilihan," kata Dimas.

Ia menjelaskan, setelah pelantikan, seluruh anggota PPK langsung mengikuti bimtek mengenai tata
kerja badan ad hoc selama dua hari di sebuah hotel di Kota Serang.

Menurut Dimas, proses rekrutmen PPK berlangsung sejak akhir April 2024 dan diikuti oleh 412
pendaftar. Dari jumlah itu, sebanyak 150 peserta lolos tes tertulis sebelum mengikuti tahapan
wawancara."""

#: Another KPU's press release on the same template: other region, names and numbers.
TEMPLATE = """\
Cilegon (Kabar Banten Raya) - Komisi Pemilihan Umum (KPU) Kota Cilegon melantik sebanyak 40 anggota
Panitia Pemilihan Kecamatan (PPK) yang akan bertugas pada Pemilihan Wali Kota dan Wakil Wali Kota
Cilegon 2024 di gedung serbaguna Cilegon, Jumat.

Ketua KPU Kota Cilegon Irfan Maulana mengatakan, para anggota PPK tersebut tersebar di delapan
kecamatan, masing-masing lima orang, dan seluruhnya telah lolos tahapan seleksi wawancara pekan
lalu.

"Anggota PPK harus bekerja secara profesional dan menjaga integritas. Jaga netralitas sampai seluruh
tahapan selesai," kata Irfan.

Ia menjelaskan, setelah pelantikan, para anggota PPK Cilegon akan mengikuti bimbingan teknis selama
tiga hari di kantor KPU Kota Cilegon.

Menurut Irfan, proses rekrutmen PPK di Cilegon diikuti oleh 260 pendaftar, dengan 96 peserta lolos
tes tertulis."""

UNRELATED = """\
Bandung (Kabar Priangan) - Bawaslu Kabupaten Bandung Barat membuka pendaftaran calon anggota
Panwaslu Kelurahan dan Desa (PKD) untuk Pilkada 2024. Setiap desa membutuhkan satu orang pengawas.
Ketua Bawaslu Bandung Barat Rudi Hartono mengatakan pendaftaran dibuka selama tujuh hari di
sekretariat Panwascam masing-masing."""


def test_copy_is_similar_and_template_is_not():
    assert jaccard(ORIGINAL, COPY) > 0.7
    assert jaccard(ORIGINAL, TEMPLATE) < 0.15
    assert jaccard(ORIGINAL, UNRELATED) < 0.02


def test_syndicated_copy_points_to_the_first_seen():
    dups = find_duplicates([("antara-1", ORIGINAL), ("cilegon", TEMPLATE), ("mitra-7", COPY),
                            ("bandung", UNRELATED)])
    assert dups == {"mitra-7": "antara-1"}


def test_first_seen_is_kept_whatever_its_length():
    assert find_duplicates([("mitra-7", COPY), ("antara-1", ORIGINAL)]) == {"antara-1": "mitra-7"}


def test_streaming_index():
    idx = DuplicateIndex()
    assert idx.add("a", ORIGINAL) is None
    assert idx.add("b", TEMPLATE) is None
    assert idx.add("c", COPY) == "a"
    assert idx.add("d", COPY.upper().replace(",", " ,")) == "a"  # case and punctuation do not matter
    assert len(idx) == 2 and "c" in idx and "z" not in idx
    assert idx.add("c", COPY) == "a" and idx.add("a", ORIGINAL) is None  # adding again: same answer
    match = idx.query(COPY)
    assert match is not None and match[0] == "a" and match[1] >= DEFAULT_THRESHOLD
    assert idx.query(UNRELATED) is None
    assert len(idx) == 2  # query does not add


def test_threshold_decides():
    assert find_duplicates([("a", ORIGINAL), ("c", COPY)], threshold=0.98) == {}
    assert find_duplicates([("a", ORIGINAL), ("c", ORIGINAL)], threshold=0.98) == {"c": "a"}
    with pytest.raises(ValueError):
        DuplicateIndex(threshold=0)


def test_short_and_empty_texts():
    short = "KPU melantik PPK hari ini."
    items = [("a", short), ("b", "KPU  melantik PPK, hari ini!"), ("c", "KPU melantik PPS.")]
    assert find_duplicates(items) == {"b": "a"}
    assert find_duplicates([("a", ""), ("b", ""), ("c", "   ")]) == {}


def test_estimate_follows_exact_jaccard():
    idx = DuplicateIndex()
    a, b = idx.fingerprint(ORIGINAL), idx.fingerprint(COPY)
    assert a is not None and b is not None and a.signature is not None and b.signature is not None
    estimate = float((a.signature == b.signature).mean())
    assert abs(estimate - jaccard(ORIGINAL, COPY)) < 0.15


def test_fingerprints_round_trip_and_give_the_same_answers():
    fps = [(i, fingerprint(t)) for i, t in [("a", ORIGINAL), ("b", TEMPLATE), ("c", COPY), ("d", ORIGINAL)]]
    # as stored in a shard: digest string + signature bytes
    stored = [(i, None if fp is None else Fingerprint.from_bytes(fp.digest, fp.signature_bytes())) for i, fp in fps]
    assert find_duplicates_fp(stored) == {"c": "a", "d": "a"}
    assert find_duplicates_fp(stored) == find_duplicates([("a", ORIGINAL), ("b", TEMPLATE), ("c", COPY),
                                                          ("d", ORIGINAL)])
    short = fingerprint("KPU melantik PPK.")
    assert short is not None and short.signature is None and short.signature_bytes() == b""
    assert fingerprint("  ,. ") is None
    with pytest.raises(ValueError, match="num_perm"):
        DuplicateIndex(num_perm=64).add_fingerprint("x", fps[0][1])


def test_shingle_hashes_ignore_case_and_punctuation():
    plain = shingle_hashes("satu dua tiga empat lima enam")
    assert np.array_equal(shingle_hashes("Satu dua, tiga EMPAT lima enam."), plain)
    assert len(shingle_hashes("satu dua tiga empat lima enam")) == 2
    assert len(shingle_hashes("satu satu satu satu satu satu satu")) == 1  # distinct shingles only


def test_index_scales_without_pairwise_comparison():
    rng = random.Random(7)
    vocab = [f"kata{i}" for i in range(3000)]
    texts = [(f"n{i}", " ".join(rng.choice(vocab) for _ in range(300))) for i in range(400)]
    texts.append(("copy", texts[123][1] + " Baca juga berita lainnya."))
    t0 = time.perf_counter()
    dups = find_duplicates(texts)
    assert dups == {"copy": "n123"}
    assert time.perf_counter() - t0 < 10


def test_look_alike_articles_at_similarity_0_4_are_not_dropped():
    """Pairs sharing ~40% of their shingles (same template, other details) stay separate articles.

    With 128 MinHash values and a threshold of 0.5 about 2% of such pairs were marked as copies
    (the estimate's standard deviation is 0.04); the defaults keep the threshold far above them.
    """
    rng = random.Random(11)
    vocab = [f"kata{i}" for i in range(5000)]
    items, sims = [], []
    for n in range(300):
        a = [rng.choice(vocab) for _ in range(240)]
        b = [rng.choice(vocab) if i % 12 == 0 else w for i, w in enumerate(a)]  # one word in 12 changed
        items += [(f"a{n}", " ".join(a)), (f"b{n}", " ".join(b))]
        sims.append(jaccard(" ".join(a), " ".join(b)))
    assert 0.35 < min(sims) and max(sims) < 0.45
    assert find_duplicates(items) == {}
    assert len(find_duplicates(items, threshold=0.3)) > 250  # the index does find them as candidates
