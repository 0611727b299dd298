"""Tests for the dates extractor (pipeline/extract/dates.py).

The sentences are made up in the style of Indonesian election news. The last tests read the dev
articles from /work/shared/dev at test time (skipped when the folder is absent).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.extract.dates import election_year, extract_dates, resolve_in_span
from pipeline.nlp import load_nlp, parse
from pipeline.records import Article, DateMention, Document

THU = date(2024, 5, 16)  # a Thursday, the publication date of most relative-date tests
DEV = Path("/work/shared/dev")


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("none")


@pytest.fixture
def dates(nlp):
    """Run the extractor on a text; check the offsets of every row; return (text, date, role) rows."""

    def run(text: str, published: date | None = None, **kwargs) -> list[tuple[str, str, str]]:
        mentions = extract_dates(_doc(nlp, text, published), **kwargs)
        _check_offsets(text, mentions)
        return [(m.text, m.date, m.role) for m in mentions]

    return run


def _doc(nlp, text: str, published: date | None = None) -> Document:
    return parse(nlp, Document(article_id="t1", text=text, published=published))


def _check_offsets(text: str, mentions: list[DateMention]) -> None:
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.evidence and m.evidence in text and m.text in m.evidence
        assert m.article_id == "t1"


# --------------------------------------------------------------------------- absolute dates


def test_weekday_day_month_year(dates):
    text = "Rapat koordinasi PPK berlangsung di Gedung Serbaguna pada Sabtu 8 Juni 2024."
    assert dates(text) == [("Sabtu 8 Juni 2024", "2024-06-08", "event")]


def test_weekday_comma_date_registration_is_event(dates):
    text = "KPU Kabupaten Lebak membuka pendaftaran calon anggota PPS pada Senin, 6 Mei 2024."
    assert dates(text) == [("Senin, 6 Mei 2024", "2024-05-06", "event")]


def test_bracketed_numeric_date_with_year(dates):
    text = "Bimtek bagi anggota PPK dilaksanakan di Hotel Santika (29/9/2024) selama sehari."
    assert dates(text) == [("29/9/2024", "2024-09-29", "event")]


def test_weekday_bracketed_numeric_date(dates):
    text = "Pelantikan anggota PPS Kota Cimahi digelar di aula kantor wali kota, Minggu (26/5/2024)."
    assert dates(text) == [("Minggu (26/5/2024)", "2024-05-26", "event")]


def test_bare_numeric_and_iso_dates_without_cue_are_other(dates):
    text = "Surat edaran itu tertanggal 29/09/2024. Salinan kedua bertanggal 2024-05-16."
    assert dates(text) == [("29/09/2024", "2024-09-29", "other"), ("2024-05-16", "2024-05-16", "other")]


def test_month_without_day_is_not_a_day(dates):
    assert dates("Tahapan pencalonan dimulai pada Mei 2024 dan berakhir Agustus 2024.") == []


def test_english_month_through_dateparser(dates):
    assert dates("Dokumen itu ditandatangani 26 May 2024 di Jakarta.") == [
        ("26 May 2024", "2024-05-26", "other")
    ]


# --------------------------------------------------------------------------- ranges


def test_range_with_dash_gives_both_days(dates):
    text = "Bimtek PPK digelar 9-11 Maret 2024 di Kota Cirebon."
    assert dates(text) == [
        ("9-11 Maret 2024", "2024-03-09", "event"),
        ("9-11 Maret 2024", "2024-03-11", "event"),
    ]


def test_registration_range_end_is_deadline(dates):
    text = "Pendaftaran calon anggota PPS berlangsung 9 hingga 11 Maret 2024."
    assert dates(text) == [
        ("9 hingga 11 Maret 2024", "2024-03-09", "event"),
        ("9 hingga 11 Maret 2024", "2024-03-11", "deadline"),
    ]


def test_range_without_year_takes_it_from_publication(dates):
    text = "Pendaftaran calon PPS dibuka 3-4 Juni di kantor KPU."
    assert dates(text, date(2024, 5, 30)) == [
        ("3-4 Juni", "2024-06-03", "event"),
        ("3-4 Juni", "2024-06-04", "deadline"),
    ]


def test_range_across_months_takes_the_year_of_its_end(dates):
    text = "Pencocokan dan penelitian data pemilih berlangsung mulai 30 Mei hingga 2 Juni 2024."
    assert dates(text) == [("30 Mei", "2024-05-30", "event"), ("2 Juni 2024", "2024-06-02", "deadline")]


def test_garbled_range_is_skipped(dates):
    assert dates("Tes tertulis digelar 12-3 Juni 2024.") == []


# --------------------------------------------------------------------------- missing years


STATEMENT = "Ketua KPU Kota Depok, Rina Marlina, Kamis (16/5), mengatakan, pelantikan berjalan lancar."


def test_no_year_resolved_against_publication(dates):
    assert dates(STATEMENT, date(2024, 5, 17)) == [("Kamis (16/5)", "2024-05-16", "event")]


def test_no_year_without_publication_uses_election_year_when_weekday_agrees(dates):
    text = STATEMENT + " Mereka bertugas untuk Pilkada Serentak 2024."
    assert dates(text) == [("Kamis (16/5)", "2024-05-16", "event")]


def test_no_year_without_publication_or_election_year_is_unresolved(dates):
    assert dates(STATEMENT) == []


def test_no_year_weekday_disagreeing_with_election_year_is_unresolved(dates):
    text = STATEMENT.replace("Kamis", "Selasa") + " Mereka bertugas untuk Pilkada 2024."
    assert dates(text) == []


def test_no_year_no_weekday_without_publication_is_unresolved(dates):
    assert dates("Pelantikan PPK Pilkada 2024 digelar 16 Mei di Kota Depok.") == []


def test_no_year_from_decree_year(dates):
    text = "Sesuai Keputusan KPU Nomor 476 Tahun 2022, PPK dilantik di Kota Tegal, Senin (10/1)."
    assert dates(text) == [("Senin (10/1)", "2022-01-10", "event")]


def test_election_year_argument_overrides(dates):
    text = "Pleno rekapitulasi ditutup Rabu (8/3)."
    assert dates(text) == []
    assert dates(text, election_year=2023) == [("Rabu (8/3)", "2023-03-08", "event")]


def test_no_year_nearest_to_publication(dates):
    assert dates("Seleksi wawancara digelar 14 Mei.", THU) == [("14 Mei", "2024-05-14", "event")]
    # Just after the new year, late December is last year.
    assert dates("Bimtek digelar 28 Desember.", date(2024, 1, 3)) == [("28 Desember", "2023-12-28", "event")]


def test_no_year_schedule_ahead_stays_in_publication_year(dates):
    text = "Pelantikan PPS dijadwalkan 16 Mei di Pendopo Kabupaten."
    assert dates(text, date(2024, 5, 1)) == [("16 Mei", "2024-05-16", "other")]


def test_no_year_with_publication_weekday_disagrees(dates):
    assert dates(STATEMENT.replace("Kamis", "Sabtu"), date(2024, 5, 17)) == []


# --------------------------------------------------------------------------- wrong and garbled dates


def test_weekday_date_pair_that_does_not_agree(dates):
    assert dates("Pelantikan digelar di Kantor KPU, Sabtu (14/3/2023).") == []
    assert dates("Pelantikan digelar Jumat 26 Mei 2024.") == []


def test_garbled_numbers(dates):
    assert dates("Rapat pleno digelar di kantor KPU (12/110/203).", THU) == []
    assert dates("Rapat pleno digelar Rabu (31/2).", THU) == []


# --------------------------------------------------------------------------- not dates


def test_numbers_that_are_not_dates(dates):
    text = (
        "Hal itu diatur dalam Keputusan KPU Nomor 512 Tahun 2022 dan Pasal 5 ayat 2. "
        "Pelantikan dimulai pukul 10.00 WIB. Skor akhir 3/4 untuk tim tuan rumah. "
        "Partisipasi mencapai 45,5 persen dengan anggaran Rp 3,2 miliar. Hubungi 0812-3456-7890 atau (1/2)."
    )
    assert dates(text, THU) == []


def test_timestamp_line_is_publication_and_reference(dates):
    text = (
        "Kamis, 16 Mei 2024 - 10:05 WIB\n\n"
        "KPU Kota Cimahi melantik 15 anggota PPK, kemarin. Bimtek akan digelar Senin depan."
    )
    assert dates(text) == [
        ("Kamis, 16 Mei 2024", "2024-05-16", "publication"),
        ("kemarin", "2024-05-15", "event"),
        ("Senin depan", "2024-05-20", "other"),
    ]


# --------------------------------------------------------------------------- relative dates


def test_numeric_timestamp_line(dates):
    text = "16/05/2024, 07:15 WIB\n\nKPU Kota Cimahi menggelar bimtek PPK, Rabu."
    assert dates(text) == [("16/05/2024", "2024-05-16", "publication"), ("Rabu", "2024-05-15", "event")]


def test_relative_words(dates):
    assert dates("Bimtek PPS digelar hari ini di Aula KPU.", THU) == [("hari ini", "2024-05-16", "event")]
    assert dates("Pelantikan PPS akan digelar besok.", THU) == [("besok", "2024-05-17", "other")]
    assert dates("Pleno dijadwalkan lusa.", THU) == [("lusa", "2024-05-18", "other")]


def test_relative_words_without_publication_are_unresolved(dates):
    assert dates("KPU melantik PPK, kemarin. Bimtek digelar hari ini, Kamis malam.") == []


def test_kemarin_as_time_adverb(dates):
    assert dates("KPU Bekasi melantik 60 anggota PPK, kemarin.", THU) == [("kemarin", "2024-05-15", "event")]
    assert dates("Kemarin, KPU Bekasi menggelar rapat pleno.", THU) == [("Kemarin", "2024-05-15", "event")]
    assert dates("KPU kemarin melantik 45 anggota PPK.", THU) == [("kemarin", "2024-05-15", "event")]
    assert dates("KPU Kubu Raya kemarin juga melantik dua anggota PPS.", THU) == [("kemarin", "2024-05-15", "event")]
    assert dates("Pelantikan digelar Senin kemarin.", THU) == [("Senin kemarin", "2024-05-13", "event")]
    assert dates("KPU Senin kemarin melantik PPK.", THU) == [("Senin kemarin", "2024-05-13", "event")]


def test_kemarin_as_adjective_is_not_a_day(dates):
    assert dates("Di Pileg kemarin satu TPS melayani 300 pemilih.", THU) == []
    assert dates("Honor PPS sama dengan yang kemarin.", THU) == []
    assert dates("Seperti pada Pemilu kemarin, PPS dibantu sekretariat.", THU) == []


def test_bare_weekdays(dates):
    text = "Komisioner KPU, di Cianjur, Senin, mengatakan pelantikan berjalan lancar."
    assert dates(text, THU) == [("Senin", "2024-05-13", "event")]
    assert dates("Ia mengatakan itu di Serang, Rabu malam.", THU) == [("Rabu malam", "2024-05-15", "event")]
    # A statement day that is the publication day is the publication date (corpus convention).
    text = "Hal itu disampaikan Ade di Serang, Kamis malam."
    assert dates(text, THU) == [("Kamis malam", "2024-05-16", "publication")]
    assert dates("Bimtek digelar Rabu lalu.", THU) == [("Rabu lalu", "2024-05-15", "event")]
    assert dates("Pelantikan PPS akan digelar Senin.", THU) == [("Senin", "2024-05-20", "other")]
    assert dates("Jumat pagi, KPU menggelar apel siaga.", THU) == [("Jumat pagi", "2024-05-10", "event")]


def test_weeks_are_not_days(dates):
    assert dates("Sekretariat harus siap satu minggu ke depan.", THU) == []
    assert dates("Dalam dua Minggu terakhir KPU menerima 300 berkas.", THU) == []
    assert dates("Minggu lalu, KPU menggelar bimtek.", THU) == []
    assert dates("Pleno digelar pekan lalu dan bimtek minggu lalu.", THU) == []
    assert dates("Pelantikan digelar akhir pekan lalu.", THU) == []
    assert dates("Piket digelar setiap Senin.", THU) == []


def test_minggu_as_weekday_in_date_context(dates):
    assert dates("Pelantikan digelar pada Minggu di Alun-alun.", THU) == [("Minggu", "2024-05-12", "event")]
    assert dates("Apel siaga digelar Minggu pagi.", THU) == [("Minggu pagi", "2024-05-12", "event")]


def test_relative_word_inside_quote_counts_from_the_statement_day(dates):
    text = '"Hari ini semua PPK resmi bertugas," kata Ketua KPU usai pelantikan, Rabu (15/5/2024).'
    assert dates(text, date(2024, 5, 17)) == [
        ("Hari ini", "2024-05-15", "event"),
        ("Rabu (15/5/2024)", "2024-05-15", "event"),
    ]


def test_relative_with_date_must_agree(dates):
    text = "KPU melantik PPK kemarin (15/5)."
    assert dates(text, THU) == [("kemarin (15/5)", "2024-05-15", "event")]
    assert dates(text, date(2024, 5, 20)) == []


# --------------------------------------------------------------------------- roles


def test_election_day(dates):
    assert dates("Pemungutan suara digelar serentak pada 14 Februari 2024.") == [
        ("14 Februari 2024", "2024-02-14", "election_day")
    ]
    assert dates("Pilkada serentak pada 27 November 2024 diikuti 545 daerah.") == [
        ("27 November 2024", "2024-11-27", "election_day")
    ]
    assert dates("Pemilu 2019 yang digelar pada 17 April 2019 menelan banyak korban.") == [
        ("17 April 2019", "2019-04-17", "election_day")
    ]


def test_body_names_are_not_vote_cues(dates):
    text = "Panitia Pemungutan Suara (PPS) Desa Sukamaju menggelar rapat pleno pada 5 Juni 2024."
    assert dates(text) == [("5 Juni 2024", "2024-06-05", "event")]


def test_deadlines(dates):
    assert dates("Berkas paling lambat diserahkan 10 Juni 2024.") == [
        ("10 Juni 2024", "2024-06-10", "deadline")
    ]
    assert dates("Pendaftaran calon PPK ditutup pada 12 Juni 2024.") == [
        ("12 Juni 2024", "2024-06-12", "deadline")
    ]
    assert dates("Pendaftaran dibuka hingga 15 Mei 2024.") == [("15 Mei 2024", "2024-05-15", "deadline")]


def test_statement_day(dates):
    text = "Semua petugas harus netral, kata Rudi, Jumat (7/7/2023)."
    assert dates(text) == [("Jumat (7/7/2023)", "2023-07-07", "event")]
    # A statement day that is the publication day is the publication date (corpus convention).
    assert dates(text, date(2023, 7, 7)) == [("Jumat (7/7/2023)", "2023-07-07", "publication")]


def test_plan_is_other(dates):
    text = "Anggota PPS yang lolos akan dilantik pada Jumat (24/5) di Pendopo."
    assert dates(text, date(2024, 5, 20)) == [("Jumat (24/5)", "2024-05-24", "other")]


def test_h_minus_days(dates):
    text = "Logistik dikirim H-5 pemungutan suara Pilkada 2024 ke pulau terluar."
    assert dates(text) == [("H-5", "2024-11-22", "event")]
    assert dates("Distribusi kotak suara dimulai H-7 jelang pencoblosan Pilkada 2024.") == [
        ("H-7", "2024-11-20", "event")
    ]
    assert dates("Gladi bersih digelar H-3 pelantikan Pilkada 2024.") == []
    assert dates("Petugas KPPS harus siap pada hari H pencoblosan Pilkada 2024.") == [
        ("hari H", "2024-11-27", "election_day")
    ]
    assert dates("Logistik dikirim H-5 pemungutan suara Pilkada 2026.") == []


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("KPU bersiap menghadapi Pilkada 2024.", 2024),
        ("Persiapan Pemilu 2024 sudah dimulai.", 2024),
        ("PPK untuk Pilkada Serentak 2024 dilantik.", 2024),
        ("Konsolidasi Pilgub Jakarta 2024 digelar.", 2024),
        ("Pemilu tahun 2024 diawali Pilpres.", 2024),
        ("Pemilihan Kepala Daerah (Pilkada) 2020 dan Pilkada 2024 serta Pilkada 2024.", 2024),
        ("Tidak ada tahun pemilihan di sini, hanya 2024.", None),
    ],
)
def test_election_year(text, year):
    assert election_year(text) == year


def test_resolve_in_span(nlp):
    text = (
        "Bimtek PPK digelar di Kota Bogor, Kamis (16/5/2024), jelang pemungutan suara 27 November 2024.\n\n"
        "Sebanyak 30 anggota PPK mengikuti bimtek itu."
    )
    doc = _doc(nlp, text)
    first = text.index("\n")
    assert resolve_in_span(doc, 0, first) == "2024-05-16"
    assert resolve_in_span(doc, 0, first, mentions=extract_dates(doc)) == "2024-05-16"
    assert resolve_in_span(doc, first, len(text)) == ""
    assert resolve_in_span(doc, 0, first, roles=("election_day",)) == "2024-11-27"


def test_empty_text(nlp):
    assert extract_dates(Document(article_id="t1", text="")) == []


# --------------------------------------------------------------------------- dev articles


def _dev_documents(nlp) -> list[tuple[Document, list[dict]]]:
    from pipeline.clean import to_document

    out = []
    for path in sorted((DEV / "articles").glob("*.txt")):
        gold = json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        doc = to_document(Article(id=path.stem, text=path.read_text(encoding="utf-8")))
        out.append((parse(nlp, doc), gold.get("dates") or []))
    return out


@pytest.mark.skipif(not (DEV / "articles").is_dir(), reason="shared dev set not present")
def test_dev_articles_match_gold_dates(nlp):
    docs = _dev_documents(nlp)
    assert len(docs) == 5
    for doc, gold in docs:
        mentions = extract_dates(doc)
        _check_offsets(doc.text, [DateMention(**{**m.as_dict(), "article_id": "t1"}) for m in mentions])
        got = {(m.date, m.role) for m in mentions if m.role != "publication"}
        assert got == {(g["date"], g["role"]) for g in gold}, doc.article_id


def test_tally_as_of_a_day_is_no_deadline(dates) -> None:
    text = "Hingga Jumat (3/5), tercatat 320 orang telah mendaftar sebagai calon anggota PPS."
    assert dates(text, date(2024, 5, 4)) == [("Jumat (3/5)", "2024-05-03", "other")]
    text = "Pendaftaran calon anggota PPS dibuka hingga Jumat (3/5)."
    assert dates(text, date(2024, 5, 4)) == [("Jumat (3/5)", "2024-05-03", "deadline")]


def test_kemarin_closing_a_sentence(dates) -> None:
    pub = date(2024, 5, 17)
    assert dates("Pelantikan digelar di Gedung Pertemuan Kecamatan Pasar Minggu kemarin.", pub) == [
        ("kemarin", "2024-05-16", "event")]  # "Pasar Minggu" is a place, not a Sunday
    assert dates("Pelantikan digelar di Kecamatan Cilandak kemarin.", pub) == [("kemarin", "2024-05-16", "event")]
    assert dates("Pelanggaran banyak terjadi pada masa kampanye kemarin.", pub) == []  # "the last campaign"
    assert dates("Partisipasi lebih tinggi dari Pilkada 2020 kemarin.", pub) == []


def test_days_of_last_and_next_week_and_upcoming_days(dates) -> None:
    assert dates("Bimtek akan digelar pada Senin pekan depan.", date(2024, 6, 10)) == [
        ("Senin pekan depan", "2024-06-17", "other")]  # published on a Monday: next week's Monday
    assert dates("Bimtek akan digelar pada Jumat pekan depan.", date(2024, 5, 15)) == [
        ("Jumat pekan depan", "2024-05-24", "other")]  # not this week's Friday
    assert dates("Bimtek digelar pada Senin pekan lalu.", date(2024, 5, 15)) == [
        ("Senin pekan lalu", "2024-05-06", "event")]
    # no year: "mendatang" is ahead of the publication date, "lalu" behind it, else the nearest
    assert dates("Ia meminta PPK netral menjelang pemungutan suara 27 November mendatang.", date(2024, 5, 15)) == [
        ("27 November", "2024-11-27", "election_day")]
    assert dates("Pelantikan digelar 27 November.", date(2024, 5, 15)) == [("27 November", "2023-11-27", "event")]
