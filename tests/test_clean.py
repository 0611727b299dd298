"""Cleaning: page furniture goes, article text stays, offsets point into the cleaned text."""

from __future__ import annotations

import pytest

from pipeline.clean import ArticleError, clean_text, is_indonesian, to_document
from pipeline.records import Article

PAGE = """Beranda
Pilkada

KPU Kabupaten Lebak Lantik 140 Anggota PPK

LEBAK - Komisi Pemilihan Umum (KPU) Kabupaten Lebak melantik 140 anggota Panitia Pemilihan \
Kecamatan (PPK) untuk Pilkada 2024.

Baca juga: KPU Kota Cilegon lantik 40 anggota PPS untuk pilkada

"Kami minta semua anggota bekerja profesional," kata Ketua KPU Lebak Ahmad Suryadi.

BACA JUGA:
Bawaslu Banten rekrut 500 pengawas TPS
Polda Banten siapkan pengamanan debat

- advertisement -

Pelantikan digelar di aula kantor bupati dan dihadiri unsur forkopimda. (tim/ed)

Pewarta: Rina Kartika
Editor : Joko Santoso
COPYRIGHT © Kabar Lebak 2024
"""


def test_related_links_bylines_and_markers_are_removed() -> None:
    c = clean_text(PAGE)
    assert "Cilegon" not in c.text and "Bawaslu Banten" not in c.text and "Polda" not in c.text
    assert "advertisement" not in c.text and "COPYRIGHT" not in c.text and "Editor" not in c.text
    assert "Pewarta" not in c.text and "(tim/ed)" not in c.text
    assert "melantik 140 anggota" in c.text and "forkopimda." in c.text
    assert c.author == "Rina Kartika"
    assert c.title == "KPU Kabupaten Lebak Lantik 140 Anggota PPK"


def test_paragraph_offsets_point_into_the_text() -> None:
    c = clean_text(PAGE)
    for start, end in c.paragraphs:
        para = c.text[start:end]
        assert para and para == para.strip() and "\n" not in para


def test_oleh_is_a_byline_only_when_a_name_follows() -> None:
    c = clean_text("Oleh Dewi Lestari\n\nKPU menggelar rapat pleno di kantor KPU Kota Depok pada hari ini.\n\n"
                   "Oleh karena itu, seluruh PPS diminta hadir tepat waktu dalam rapat tersebut.")
    assert c.author == "Dewi Lestari"
    assert "Oleh karena itu" in c.text and "Oleh Dewi" not in c.text


def test_a_word_that_starts_like_a_byline_is_prose() -> None:
    c = clean_text("KPU menggelar rapat pleno di kantor KPU Kota Depok pada hari ini.\n\n"
                   "Penulisan nama calon pada surat suara diperiksa ulang oleh anggota PPS.")
    assert "Penulisan nama calon" in c.text and c.author == ""


def test_inline_baca_juga_tail_is_cut() -> None:
    c = clean_text("Ketua KPU menyampaikan pesan kepada anggota PPS yang dilantik. Baca juga: KPU Bogor lantik PPK")
    assert c.text.endswith("yang dilantik.")


def test_language_check() -> None:
    assert is_indonesian("Komisi Pemilihan Umum melantik anggota PPK yang akan bertugas pada pilkada dan "
                         "pemilu di kota ini dengan baik.")
    assert not is_indonesian("The election commission swore in the new district committee members on "
                             "Thursday, and the mayor said that the vote would be fair and peaceful for all.")


@pytest.mark.parametrize("text,status", [("", "empty"), ("   \n\n ", "empty"),
                                         ("The mayor said the election would be fair, and the committee "
                                          "members were sworn in on Thursday in the city hall of the town.",
                                          "not_indonesian")])
def test_bad_articles_raise_with_a_status(text: str, status: str) -> None:
    with pytest.raises(ArticleError) as err:
        to_document(Article(id="x", text=text))
    assert err.value.status == status


def test_input_published_wins_over_page_date() -> None:
    html = ("<html><head><title>KPU lantik PPS</title>"
            "<meta property='article:published_time' content='2024-05-20T10:00:00+07:00'></head><body>"
            "<article><p>KPU Kota Depok melantik 189 anggota PPS untuk Pilkada 2024 di aula balai kota, "
            "dan para anggota PPS yang dilantik diminta menjaga netralitas selama bertugas.</p>"
            "<p>Ketua KPU Kota Depok mengatakan pelantikan berjalan lancar dan semua anggota hadir.</p>"
            "</article></body></html>")
    page = to_document(Article(id="h", html=html))
    assert page.published is not None and page.published.isoformat() == "2024-05-20"
    given = to_document(Article(id="h", html=html, published="2024-05-21"))
    assert given.published is not None and given.published.isoformat() == "2024-05-21"


def test_trailing_headline_lists_are_dropped() -> None:
    c = clean_text("KPU Kota Depok melantik 189 anggota PPS untuk Pilkada 2024 di balai kota.\n\n"
                   "Ketua KPU berharap anggota PPS bekerja dengan jujur.\n\n"
                   "KPU Bekasi Lantik 60 Anggota PPK untuk Pilkada 2024\n"
                   "Bawaslu Jabar Rekrut 2.000 Pengawas TPS")
    assert c.text.endswith("dengan jujur.") and "Bekasi" not in c.text


_PAGE = ("<html><head><title>{title}</title><meta property='og:title' content='KPU Lantik 30 Anggota PPK'>"
         "</head><body><article><h1>KPU Lantik 30 Anggota PPK</h1><p>KPU Kota Serang melantik 30 anggota PPK "
         "di aula kantor wali kota pada Kamis pagi. Ketua KPU Kota Serang mengatakan bahwa semua anggota "
         "yang dilantik telah mengikuti seleksi secara terbuka dan mereka akan bertugas sampai akhir "
         "tahapan pemilihan.</p></article></body></html>")


@pytest.mark.parametrize("title,url,outlet", [
    ("KPU Lantik 30 Anggota PPK - RadarBanten", "", "RadarBanten"),  # the <title> tag's suffix
    ("KPU Lantik 30 Anggota PPK | Kabar Serang", "https://www.kabar.example/a", "Kabar Serang"),
    ("KPU Lantik 30 Anggota PPK", "https://www.kabar.example/a", "kabar.example"),  # else the host
    ("KPU Lantik 30 Anggota PPK", "", ""),  # never the headline itself
])
def test_outlet_of_a_page_without_a_site_name(title: str, url: str, outlet: str) -> None:
    doc = to_document(Article(id="p", html=_PAGE.format(title=title), url=url))
    assert doc.title == "KPU Lantik 30 Anggota PPK" and doc.outlet == outlet


def test_quotations_opened_with_a_right_quote_mark_are_normalised() -> None:
    c = clean_text("Ia menyebut seleksi diikuti 2.106 pendaftar. ”Yang tidak lolos jangan berkecil hati,” ujarnya.")
    assert "“Yang tidak lolos jangan berkecil hati,” ujarnya." in c.text


def test_a_comment_section_and_what_follows_are_not_the_article() -> None:
    c = clean_text("KPU Sikka melantik satu anggota PPS pengganti antarwaktu di kantor KPU pada hari Kamis.\n\n"
                   "Komentar (2)\n\nYosef W.\n\n- 05/07/2024 10:12\n\nSemoga sukses Ibu Maria, jaga netralitas.")
    assert "Semoga sukses" not in c.text and "Komentar" not in c.text and "KPU Sikka melantik" in c.text
