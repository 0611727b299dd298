"""Regions: prefixes, short forms, bare names after triggers, ambiguity resolved by context."""

from __future__ import annotations

from pipeline.extract.regions import find_regions, resolve_regions


def codes(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.region.code if m.region else None) for m in resolve_regions(find_regions(text), text)]


def test_prefixed_names_and_short_forms() -> None:
    got = codes("KPU Kota Serang, KPU Kabupaten Serang, Kab. Bogor, Kota Tangerang Selatan, "
                "Kabupaten Pangkajene dan Kepulauan, Provinsi Papua Tengah, Kukar, Jaksel dan DKI Jakarta.")
    assert got == [("Kota Serang", "36.73"), ("Kabupaten Serang", "36.04"), ("Kab. Bogor", "32.01"),
                   ("Kota Tangerang Selatan", "36.74"), ("Kabupaten Pangkajene dan Kepulauan", "73.10"),
                   ("Provinsi Papua Tengah", "94"), ("Kukar", "64.02"), ("Jaksel", "31.74"),
                   ("DKI Jakarta", "31")]


def test_consecutive_mentions_are_all_found() -> None:
    got = codes("Kota Bogor dan Kabupaten Bogor; PPK Malalayang dan PPK Tikala di Kota Manado.")
    assert ("Kota Bogor", "32.71") in got and ("Kabupaten Bogor", "32.01") in got
    assert ("Malalayang", "71.71.09") in got and ("Tikala", "71.71.05") in got


def test_bare_name_resolved_by_the_article() -> None:
    # "Probolinggo" is both a kota and a kabupaten: the explicit mention elsewhere decides
    assert ("Probolinggo", "35.74") in codes("KPU Probolinggo melantik PPK. Pelantikan di Kota Probolinggo.")
    assert ("Probolinggo", "35.13") in codes("KPU Probolinggo melantik PPK. Pelantikan di Kabupaten Probolinggo.")
    # a trigger word gives the level
    assert ("Serang", "36.04") in codes("Bupati Serang hadir.")
    # kelurahan only (no desa): the kota
    assert ("Probolinggo", "35.74") in codes("KPU Probolinggo membentuk PPS di 29 kelurahan.")
    # nothing decides: no code rather than a guess
    assert ("Probolinggo", None) in codes("KPU Probolinggo melantik PPK.")
    # a kecamatan named with its prefix lies in one of the two
    assert ("Probolinggo", "35.13") in codes("KPU Probolinggo melantik PPS di GOR Kraksaan, Kecamatan Kraksaan.")
    # ... but not when the article names both: the kecamatan is then one of their venues
    assert ("Probolinggo", None) in codes("KPU Probolinggo hadir. KPU Kota Probolinggo dan KPU Kabupaten "
                                          "Probolinggo melantik PPS; di Kecamatan Kanigaran pelantikan pertama.")


def test_kecamatan_names_use_the_parent_region() -> None:
    # Kanigaran is a kecamatan of Kota Probolinggo; Gamping is a kapanewon of Sleman
    assert ("Kecamatan Kanigaran", "35.74.04") in codes("KPU Kota Probolinggo melantik PPK di Kecamatan Kanigaran.")
    assert ("Kapanewon Gamping", "34.04.01") in codes("PPK Kapanewon Gamping, Kabupaten Sleman.")


def test_lowercase_words_are_not_regions() -> None:
    assert codes("hasil pemilu di kota itu berjalan baik") == []


def test_place_abroad_from_the_list_or_a_place_entity() -> None:
    from pipeline.extract.regions import abroad_at

    text = "anggota PPLN Kuala Lumpur dan PPLN di Tokyo"
    kl = abroad_at(text, text.index("PPLN") + 4)
    assert kl and (kl.text, kl.region.code, kl.region.abroad) == ("Kuala Lumpur", "", True)
    assert text[kl.start:kl.end] == "Kuala Lumpur"
    tokyo = abroad_at(text, text.rindex("PPLN") + 4)
    assert tokyo and tokyo.text == "Tokyo"

    text = "KPU RI melantik anggota PPLN Reykjavik, Senin."
    pos = text.index("PPLN") + 4
    assert abroad_at(text, pos) is None  # not listed, no NER model
    city = (text.index("Reykjavik"), text.index("Reykjavik") + 9)
    assert abroad_at(text, pos, [city]).text == "Reykjavik"
    assert abroad_at(text, pos, [(text.index("PPLN"), city[1])]).text == "Reykjavik"  # "PPLN Reykjavik" as LOC
    there = "anggota PPLN di Reykjavik"
    assert abroad_at(there, 12, [(there.index("R"), len(there))]) is None  # "di X" may be the venue
    home = "anggota PPLN Surabaya"
    assert abroad_at(home, 12, [(home.index("S"), len(home))]) is None  # an Indonesian region


def test_an_acronym_inside_a_prefixed_name_and_a_kecamatan_named_like_its_kabupaten() -> None:
    got = codes("KPU Kabupaten Ogan Komering Ulu (OKU) Timur melantik PPK. Ketua KPU OKU Timur mengatakan.")
    assert got == [("Kabupaten Ogan Komering Ulu (OKU) Timur", "16.08"), ("OKU Timur", "16.08")]
    # after PPK a name that is a kabupaten and one of its kecamatan is the kecamatan
    got = codes("KPU Kabupaten Sarolangun bersama PPK Sarolangun menggelar bimtek.")
    assert got == [("Kabupaten Sarolangun", "15.03"), ("Sarolangun", "15.03.03")]
