"""Facts: one per (body, region) with an event, its count, quota, election, date and evidence."""

from __future__ import annotations

from pipeline.extract.compose import extract_all


def facts(make_doc, text: str, published: str = "") -> dict[tuple[str, str], dict]:
    doc = make_doc(text, published=published)
    out = {}
    for f in extract_all(doc).facts:
        assert doc.text[f.start:f.end] == f.evidence  # evidence is the sentence, with its offsets
        out[(f.body, f.region_code)] = f.as_dict()
    return out


def test_swearing_in_with_units_and_quota(make_doc) -> None:
    got = facts(make_doc, (
        "KPU Kabupaten Lebak melantik 140 anggota Panitia Pemilihan Kecamatan (PPK) untuk Pilkada 2024, "
        "Senin (13/5/2024).\n\nAnggota yang dilantik berasal dari 28 kecamatan, masing-masing lima orang."))
    assert set(got) == {("PPK", "36.02")}
    f = got[("PPK", "36.02")]
    assert (f["event"], f["members"], f["units"], f["per_unit"]) == ("pelantikan", 140, 28, 5)
    assert (f["election"], f["event_date"], f["region"], f["province"]) == ("Pilkada 2024", "2024-05-13",
                                                                            "Kabupaten Lebak", "Banten")


def test_members_from_units_times_quota(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Depok melantik anggota PPS untuk Pilkada 2024. Ada 63 kelurahan, "
                          "masing-masing tiga orang anggota PPS.")
    assert got[("PPS", "32.76")]["members"] == 189


def test_organisers_guests_topics_and_plans_are_not_facts(make_doc) -> None:
    got = facts(make_doc, (
        "PPS Desa Sukamaju, Kecamatan Cibinong, Kabupaten Bogor, melantik 63 anggota KPPS untuk Pilkada 2024.\n\n"
        "Pelantikan itu turut dihadiri Ketua PPK Cibinong dan Panwascam Cibinong.\n\n"
        "Usai pelantikan, KPPS mengikuti bimbingan teknis tentang pembentukan Pantarlih.\n\n"
        "KPU Kabupaten Bogor akan melantik anggota PTPS pekan depan."))
    assert {b for b, _ in got} == {"KPPS"}
    assert got[next(iter(got))]["members"] == 63


def test_advice_and_quotes_are_not_events(make_doc) -> None:
    got = facts(make_doc, (
        "KPU DKI Jakarta menggelar konsolidasi bersama anggota PPK dan PPS se-Jakarta, Minggu (29/9/2024).\n\n"
        "Ketua KPU DKI Jakarta Budi Hartono menegaskan bahwa rekrutmen KPPS harus dilakukan secara ketat.\n\n"
        '"Pelantikan Pantarlih sudah kami siapkan," kata Budi.'))
    assert set(got) == {("PPK", "31"), ("PPS", "31")}
    assert got[("PPK", "31")]["event"] == "konsolidasi" and got[("PPK", "31")]["members"] is None


def test_attendees_and_budgets_are_not_members(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Bogor menggelar bimtek bagi anggota PPK, dihadiri 2.011 peserta. "
                          "Anggaran bimtek Rp 3,2 miliar.")
    assert got[("PPK", "32.71")]["members"] is None


def test_replacement_in_one_kecamatan(make_doc) -> None:
    got = facts(make_doc, (
        "KPU Kabupaten Sumba Barat Daya melantik satu anggota PPK Kodi Utara pengganti antarwaktu (PAW).\n\n"
        "Pelantikan anggota PPK pengganti itu digelar di kantor KPU."))
    assert set(got) == {("PPK", "53.18.08")}
    assert got[("PPK", "53.18.08")]["event"] == "pemberhentian"


def test_national_kpu_and_abroad(make_doc) -> None:
    got = facts(make_doc, "KPU RI melantik tujuh anggota PPLN Tokyo untuk Pemilu 2024 di KBRI Tokyo.")
    assert set(got) == {("PPLN", "")}
    assert got[("PPLN", "")]["members"] == 7 and got[("PPLN", "")]["election"] == "Pemilu 2024"
    assert (got[("PPLN", "")]["region"], got[("PPLN", "")]["region_level"]) == ("Tokyo", "")


def test_two_committees_abroad_are_two_facts(make_doc) -> None:
    doc = make_doc("KPU RI melantik tujuh anggota PPLN Kuala Lumpur dan lima anggota PPLN di Osaka, Senin "
                   "(3/6). Sementara itu, PPLN Taipei melantik 45 anggota KPPSLN.")
    got = {(f.body, f.region): f for f in extract_all(doc).facts}
    # PPLN Taipei is the organiser of the last event, not its subject
    assert set(got) == {("PPLN", "Kuala Lumpur"), ("PPLN", "Osaka"), ("KPPSLN", "Taipei")}
    assert got[("PPLN", "Kuala Lumpur")].members == 7 and got[("PPLN", "Osaka")].members == 5
    assert got[("KPPSLN", "Taipei")].members == 45  # formed by the PPLN of the same sentence
    assert all(f.region_code == "" and f.province == "" for f in got.values())


def test_venue_in_indonesia_is_not_a_place_abroad(make_doc) -> None:
    got = facts(make_doc, "KPU melantik tujuh anggota PPLN di Jakarta, Senin (3/6).")
    assert [(f["body"], f["region"]) for f in got.values()] == [("PPLN", "")]


def test_parts_of_a_province_total_keep_their_own_counts(make_doc) -> None:
    got = facts(make_doc, (
        "Sebanyak 3.330 anggota Panitia Pemilihan Kecamatan (PPK) se-Jawa Timur dilantik serentak, "
        "Kamis (16/5/2024). Di Kabupaten Malang, KPU setempat melantik 165 anggota PPK, sedangkan KPU Kota "
        "Surabaya melantik 155 anggota PPK.\n\nKetua KPU Jatim Aang Kunaifi menyampaikan, pelantikan berlangsung "
        "serentak."))
    assert {k: v["members"] for k, v in got.items()} == {("PPK", "35"): 3330, ("PPK", "35.07"): 165,
                                                         ("PPK", "35.78"): 155}


def test_dismissal_of_a_named_official(make_doc) -> None:
    got = facts(make_doc, "DKPP memberhentikan tetap Ketua KPU Kabupaten Nias Selatan, Rahmat Hidayat, karena "
                          "melanggar kode etik, Rabu (5/6/2024). Ketua KPU Kota Medan, Budi Santoso, mengatakan "
                          "pelantikan PPK berjalan lancar.")
    assert got[("KPU", "12.14")]["event"] == "pemberhentian" and got[("KPU", "12.14")]["members"] == 1
    assert ("KPU", "12.71") not in got  # a title in a statement is not an event about the KPU


def test_announcement_of_results_is_recruitment(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Sleman mengumumkan 258 anggota Panitia Pemungutan Suara (PPS) terpilih "
                          "untuk Pilkada 2024. Setiap kalurahan diisi tiga orang.")
    f = got[("PPS", "34.04")]
    assert (f["event"], f["members"], f["per_unit"]) == ("rekrutmen", 258, 3)


def test_province_total_with_its_parts(make_doc) -> None:
    got = facts(make_doc, "KPU Provinsi Nusa Tenggara Barat mencatat sebanyak 580 anggota Panitia Pemilihan "
                "Kecamatan (PPK) di 10 kabupaten/kota se-NTB telah dilantik serentak, Kamis (16/5/2024). "
                "Dari jumlah tersebut, KPU Kota Mataram melantik 30 anggota PPK.")
    # the count after "KPU NTB mencatat sebanyak" is the PPK's; "di 10 kabupaten/kota se-NTB" makes the
    # province-wide PPK a fact of its own next to its part in Kota Mataram
    assert set(got) == {("PPK", "52"), ("PPK", "52.71")}
    assert got[("PPK", "52")]["members"] == 580 and got[("PPK", "52.71")]["members"] == 30


def test_dkpp_ruling_of_dismissal_is_a_fact_about_one_member(make_doc) -> None:
    got = facts(make_doc, "DKPP menjatuhkan sanksi berupa pemberhentian tetap terhadap Ketua KPU Kabupaten "
                "Bintan, Ardiansyah Putra, karena melanggar kode etik. DKPP juga menjatuhkan sanksi "
                "peringatan keras kepada empat anggota KPU Kabupaten Bintan lainnya.")
    assert set(got) == {("KPU", "21.01")}
    assert got[("KPU", "21.01")]["event"] == "pemberhentian" and got[("KPU", "21.01")]["members"] == 1


def test_election_year_from_the_text_is_the_election_the_body_prepares(make_doc) -> None:
    from pipeline.extract.events import with_year

    # PPS sworn in during 2023 work for Pemilu 2024; a year written with the election is kept as is
    got = facts(make_doc, "KPU Kota Kendari melantik 195 anggota PPS untuk pemilu mendatang, Senin (23/1/2023).")
    assert [f["election"] for f in got.values()] == ["Pemilu 2024"]
    assert with_year("Pemilu", [2019], "") == "Pemilu 2019"
    assert with_year("Pilkada", [], "", published_year=2024) == "Pilkada 2024"
    assert with_year("Pemilu", [], "", published_year=2026) == "Pemilu"  # no voting day known from 2026 on


def test_a_fact_with_a_time_of_its_own_does_not_take_the_article_s_day(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Purworejo menggelar bimtek bagi 1.407 anggota PPS, Jumat (14/6/2024). "
                "Bimtek serupa untuk anggota PPK sudah digelar pekan lalu di Hotel Sanjaya.")
    assert got[("PPS", "33.06")]["event_date"] == "2024-06-14"
    assert got[("PPK", "33.06")]["event_date"] == ""  # "digelar pekan lalu": another day, not known
    got = facts(make_doc, "KPU Kota Manado melantik dua anggota PPK pengganti antarwaktu, Selasa (13/8/2024). "
                "Keduanya menggantikan anggota PPK Tikala yang meninggal dunia bulan lalu.")
    assert [f["event_date"] for f in got.values()] == ["2024-08-13"]  # "bulan lalu" is the death's time


def test_end_of_term_is_no_dismissal(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 31 anggota PPK se-Kota Surabaya resmi diberhentikan karena masa kerjanya "
                "berakhir. KPU Surabaya langsung melantik 155 anggota PPK baru, Rabu (15/5/2024).")
    assert [(f["event"], f["members"]) for f in got.values()] == [("pelantikan", 155)]


def test_ad_hoc_body_in_a_kabupaten_of_the_province_body(make_doc) -> None:
    got = facts(make_doc, "Bawaslu Sumatera Selatan menyerahkan SK kepada 51 anggota Panwascam di Kabupaten "
                "Musi Rawas yang baru dilantik, Selasa (2/7/2024).")
    assert set(got) == {("PANWASCAM", "16.05")}  # not the province of the Bawaslu handing over
    got = facts(make_doc, "KPU Kota Probolinggo melantik 25 anggota PPK di Kecamatan Kanigaran, Senin (3/6/2024).")
    assert set(got) == {("PPK", "35.74")}  # a venue in a kecamatan is not the PPK's region


def test_registrants_named_with_the_body_are_no_members(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 2.412 petugas Panitia Pemutakhiran Data Pemilih (Pantarlih) se-Kabupaten Kutai "
                "Kartanegara resmi dilantik KPU Kukar, Senin (24/6/2024). Adapun pendaftar Pantarlih mencapai "
                "3.380 orang.")
    assert [(k, f["members"]) for k, f in got.items()] == [(("PANTARLIH", "64.02"), 2412)]


def test_committee_abroad_organising_and_its_kppsln(make_doc) -> None:
    doc = make_doc("Panitia Pemilihan Luar Negeri (PPLN) Kuala Lumpur, Malaysia, melantik 1.561 anggota KPPSLN "
                   "untuk Pemilu 2024, Minggu (21/1/2024). Mereka bertugas di 223 TPSLN, masing-masing tujuh orang."
                   "\n\nPelantikan juga diikuti penandatanganan pakta integritas oleh seluruh anggota KPPSLN.")
    got = [(f.body, f.region, f.event, f.members, f.units, f.per_unit) for f in extract_all(doc).facts]
    # the PPLN swears in (organiser, no fact); the pakta integritas is the same KPPSLN's
    assert got == [("KPPSLN", "Kuala Lumpur", "pelantikan", 1561, 223, 7)]


def test_election_of_the_event_sentence_and_multi_word_names(make_doc) -> None:
    from pipeline.extract.events import elections

    assert elections("Pilkada Kota Serang 2024") == [("Pilkada", 2024, 0)]
    assert elections("untuk Pemilihan Gubernur dan Wakil Gubernur DKI Jakarta 2024")[0][:2] == ("Pilkada", 2024)
    got = facts(make_doc, "KPU Jakarta Selatan melantik 50 anggota PPK untuk Pemilihan Gubernur DKI Jakarta, Kamis "
                "(16/5/2024).\n\n\"Sebanyak 20 orang pernah bertugas di Pemilu 2024,\" kata Ketua KPU Jakarta "
                "Selatan, Muhamad Taufik.")
    assert [f["election"] for f in got.values()] == ["Pilkada 2024"]  # not the Pemilu 2024 the quote recalls


def test_counts_and_units_of_two_facts_of_one_body(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 990 anggota PPS dilantik KPU Kabupaten Probolinggo, Sabtu (25/5/2024).\n\n"
                "Berbeda dengan kabupaten, KPU Kota Probolinggo hanya membutuhkan 87 anggota PPS untuk 29 "
                "kelurahan. Pelantikan PPS Kota Probolinggo telah digelar lebih dulu, Jumat (24/5/2024).")
    assert (got[("PPS", "35.13")]["members"], got[("PPS", "35.13")]["units"]) == (990, None)
    # the sentence before the Kota's event holds its count and units; nothing of the Kabupaten's
    assert (got[("PPS", "35.74")]["members"], got[("PPS", "35.74")]["units"]) == (87, 29)


def test_a_scheduled_swearing_in_is_no_fact(make_doc) -> None:
    got = facts(make_doc, "KPU Provinsi Jawa Tengah melantik 2.880 anggota PPK, Kamis (16/5/2024). KPU Jateng juga "
                "menjadwalkan pelantikan PPS serentak pada akhir Mei.")
    assert set(got) == {("PPK", "33")}


def test_totals_over_two_regions_are_no_one_region_s(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 90 anggota PPK di Kota Madiun dan Kabupaten Madiun dilantik, Kamis (16/5/2024). "
                "KPU Kota Madiun melantik 15 anggota PPK. KPU Kabupaten Madiun melantik 75 anggota PPK.")
    assert {k: f["members"] for k, f in got.items()} == {("PPK", "35.77"): 15, ("PPK", "35.19"): 75}
    got = facts(make_doc, "KPU Kota Tasikmalaya dan KPU Kabupaten Tasikmalaya melantik anggota PPS, Senin (27/5/2024). "
                "Total 1.260 anggota PPS dilantik di dua daerah tersebut.\n\nKPU Kota Tasikmalaya melantik 207 "
                "anggota PPS. Adapun KPU Kabupaten Tasikmalaya melantik 1.053 anggota PPS.")
    assert {k: f["members"] for k, f in got.items()} == {("PPS", "32.78"): 207, ("PPS", "32.06"): 1053}


def test_a_body_whose_nearest_event_is_a_plan_is_no_fact(make_doc) -> None:
    got = facts(make_doc, "Bawaslu Jawa Barat menggelar bimtek bagi 1.881 anggota Panwascam, Minggu (9/6/2024). "
                "Menurut Zulkarnaen, setelah bimtek Panwaslu Kecamatan akan merekrut Pengawas Kelurahan/Desa (PKD) "
                "mulai awal Juli.")
    assert set(got) == {("PANWASCAM", "32")}  # the PKD are to be recruited, not trained


def test_channels_and_warnings_are_no_facts(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Bandung membuka pendaftaran calon anggota KPPS, Selasa (1/10/2024). Pendaftaran "
                "berlangsung lima hari melalui PPS di setiap kelurahan.\n\nKetua Bawaslu Kota Bandung mengingatkan "
                "agar PPS tidak merekrut anggota keluarga pengurus partai sebagai pantarlih.")
    assert set(got) == {("KPPS", "32.73")}  # PPS is the channel; the pantarlih recruitment is a warning


def test_a_quota_stated_for_the_body_in_general_serves_each_of_its_facts(make_doc) -> None:
    text = ("KPU Kota Madiun melantik 15 anggota PPK, Kamis (16/5/2024). KPU Kabupaten Madiun "
            "melantik 75 anggota PPK dari 15 kecamatan. {quota}")
    got = facts(make_doc, text.format(quota="Setiap kecamatan diisi lima anggota PPK."))
    assert {k: (f["units"], f["per_unit"]) for k, f in got.items()} == {("PPK", "35.77"): (3, 5),
                                                                       ("PPK", "35.19"): (15, 5)}
    # a quota written with one region is that region's only; two general quotas that differ say nothing
    got = facts(make_doc, text.format(quota="Di Kabupaten Madiun, setiap kecamatan diisi lima anggota PPK."))
    assert got[("PPK", "35.77")]["per_unit"] is None
    got = facts(make_doc, text.format(quota="Setiap kecamatan diisi lima anggota PPK. Ada pula PPK yang "
                                            "masing-masing tiga orang per kecamatan."))
    assert got[("PPK", "35.77")]["per_unit"] is None


def test_guests_at_the_end_of_a_list_and_one_candidate_are_no_facts(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Serang menggelar rapat koordinasi bersama 201 anggota PPS, Selasa (11/6/2024). "
                "Rakor turut dihadiri Dandim 0602/Serang, perwakilan Bawaslu Kota Serang, serta enam ketua PPK.")
    assert set(got) == {("PPS", "36.73")}
    got = facts(make_doc, "Acara itu dihadiri Bupati Lebak, dan KPU Kabupaten Lebak melantik 140 anggota PPK.")
    assert set(got) == {("PPK", "36.02")}  # a verb after the last comma: the body is no guest
    got = facts(make_doc, "DKPP memberhentikan Ketua KPU Kota Medan yang terbukti menerima uang dari seorang peserta "
                "seleksi Panitia Pemilihan Kecamatan (PPK) untuk Pilkada 2024.")
    assert ("PPK", "12.71") not in got


def test_a_body_with_a_list_of_places_is_the_organiser_s(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Toba melantik tiga anggota PPK pengganti antarwaktu, Kamis (4/7/2024). "
                "Ketiganya menggantikan anggota PPK Kecamatan Laguboti, Porsea, dan Uluan yang mengundurkan diri.")
    assert set(got) == {("PPK", "12.12")} and got[("PPK", "12.12")]["members"] == 3


def test_plans_written_after_the_event_noun_or_before_a_run_of_event_words(make_doc) -> None:
    got = facts(make_doc, "Bawaslu Kabupaten Sumedang melantik 78 anggota Panwascam, Senin (3/6/2024). Rekrutmen PKD "
                "untuk 277 desa direncanakan dibuka pekan depan. KPU Kabupaten Banggai Kepulauan baru akan menggelar "
                "tes tertulis calon anggota PPK pekan depan.")
    assert set(got) == {("PANWASCAM", "32.11")}
    got = facts(make_doc, "KPU Kukar melantik 100 anggota PPK, Kamis (16/5/2024). Rudi juga menyebut pelantikan "
                "Panitia Pemungutan Suara (PPS) di 237 desa dan kelurahan dijadwalkan pada 24 Mei 2024.")
    assert set(got) == {("PPK", "64.02")}
    # a verb of the event followed by what the members will do is still the reported event
    got = facts(make_doc, "Anggota PPK Kabupaten Lebak yang dilantik kemarin akan mulai bertugas pekan depan.")
    assert set(got) == {("PPK", "36.02")}


def test_swearing_in_replacements_is_a_dismissal(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Minahasa Utara melantik satu anggota PPS Desa Tatelu, Kecamatan Dimembe, "
                "melalui mekanisme pergantian antarwaktu (PAW), Selasa, 2 Juli 2024.")
    assert [(f["event"], f["members"]) for f in got.values()] == [("pemberhentian", 1)]
    got = facts(make_doc, "KPU Kabupaten Minahasa Utara melantik 24 anggota PPS Desa Tatelu, Selasa, 2 Juli 2024.")
    assert [f["event"] for f in got.values()] == ["pelantikan"]


def test_units_and_quota_from_each_other_and_checked_against_the_count(make_doc) -> None:
    got = facts(make_doc, "Bawaslu Kabupaten Kapuas menetapkan 231 anggota PKD terpilih, satu orang untuk setiap desa, "
                "Senin (17/6/2024).")
    assert (got[("PKD", "62.03")]["units"], got[("PKD", "62.03")]["per_unit"]) == (231, 1)
    got = facts(make_doc, "KPU Kota Tarakan menggelar bimtek bagi 20 anggota PPK dari empat kecamatan, Sabtu.")
    assert (got[("PPK", "65.71")]["units"], got[("PPK", "65.71")]["per_unit"]) == (4, 5)
    for n in (40, 24):  # ten or six per kecamatan is not the PPK's five: not derived
        got = facts(make_doc, f"KPU Kota Tarakan menggelar bimtek bagi {n} anggota PPK dari empat kecamatan, Sabtu.")
        assert got[("PPK", "65.71")]["per_unit"] is None
    got = facts(make_doc, "Bawaslu Kota Lubuklinggau melantik 693 PTPS, Sabtu (20/1/2024). Satu orang PTPS bertugas di "
                "setiap TPS. Bawaslu juga menempatkan PTPS di dua TPS khusus di lapas.")
    assert (got[("PTPS", "16.73")]["units"], got[("PTPS", "16.73")]["per_unit"]) == (693, 1)
    # the PPK of one kecamatan is one unit: the kabupaten's 42 kecamatan are not its units
    got = facts(make_doc, "KPU Kabupaten Garut melantik dua anggota PPK Cikajang pengganti antarwaktu, Selasa "
                "(16/7/2024). Seluruh 210 anggota PPK di 42 kecamatan kembali lengkap.")
    assert got[("PPK", "32.05.22")]["units"] is None


def test_quota_two_sentences_after_one_of_two_facts(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Pekalongan melantik 81 anggota PPS, Selasa (24/1/2023). Pelantikan digelar di aula "
                "hotel. Mereka akan bertugas di 27 kelurahan, masing-masing tiga orang.\n\nDi hari yang sama, KPU "
                "Kabupaten Pekalongan melantik 855 anggota PPS.")
    assert (got[("PPS", "33.75")]["units"], got[("PPS", "33.75")]["per_unit"]) == (27, 3)


def test_election_from_the_schedule_when_none_is_named(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Tapanuli Tengah melantik satu anggota PPK Sorkam Barat pengganti antarwaktu, "
                "Selasa (18/6/2024).", published="2024-06-19")
    assert got[("PPK", "12.01.10")]["election"] == "Pilkada 2024"
    got = facts(make_doc, "KPU Kota Ambon menggelar bimtek bagi KPPS, Senin (4/3/2024).", published="2024-03-05")
    assert got[("KPPS", "81.71")]["election"] == "Pemilu 2024"  # duties go on after the vote
    got = facts(make_doc, "KPU Kabupaten Bogor melantik 40 anggota PPS, Senin (6/1/2031).", published="2031-01-07")
    assert got[("PPS", "32.01")]["election"] == ""  # no known voting day ahead: none


def test_a_body_of_tps_in_a_kecamatan_with_no_kpu_named(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 1.245 anggota KPPS di Kecamatan Cibinong, Kabupaten Bogor, dilantik oleh PPS "
                "masing-masing desa, Kamis (25/1/2024).")
    assert set(got) == {("KPPS", "32.01.01")}
    got = facts(make_doc, "KPU Kabupaten Bogor melantik 1.245 anggota KPPS di Kecamatan Cibinong, Kamis (25/1/2024).")
    assert set(got) == {("KPPS", "32.01")}  # the KPU's region when the article has one (the venue rule)


def test_an_accusation_is_no_event(make_doc) -> None:
    got = facts(make_doc, "Anggota KPU Pandeglang Ahmad Suhaemi diadukan oleh warga yang menuding teradu meloloskan "
                "kerabatnya dalam seleksi PPS di Kecamatan Cimanuk.")
    assert got == {}
    # a DKPP ruling on the accused is still a dismissal
    got = facts(make_doc, "DKPP memberhentikan tetap anggota PPK Cimanuk yang diadukan karena meloloskan kerabatnya, "
                "Senin (5/8/2024).")
    assert [f["event"] for f in got.values()] == ["pemberhentian"]


def test_attending_a_swearing_in_and_an_event_joined_to_it(make_doc) -> None:
    got = facts(make_doc, "Sekda Kabupaten Toba menghadiri pelantikan 80 anggota PPK se-Kabupaten Toba, "
                "Kamis (16/5/2024). Pelantikan dirangkai dengan penandatanganan pakta integritas oleh 48 staf "
                "Sekretariat PPK.")
    assert {k[0]: (f["event"], f["event_date"]) for k, f in got.items()} == {
        "PPK": ("pelantikan", "2024-05-16"), "SEKRETARIAT_PPK": ("pakta_integritas", "2024-05-16")}


def test_two_facts_in_one_sentence_and_the_same_day(make_doc) -> None:
    got = facts(make_doc, "Sabtu (25/5/2024), KPU Kabupaten Gianyar melantik 210 anggota PPS untuk 70 desa, "
                "sedangkan KPU Kabupaten Karangasem melantik 234 anggota PPS dari 78 desa dan kelurahan. Pada hari "
                "yang sama, KPU Kota Denpasar melantik 129 anggota PPS dari 43 kelurahan.", published="2024-05-27")
    assert {k[1]: (f["members"], f["units"], f["event_date"]) for k, f in got.items()} == {
        "51.04": (210, 70, "2024-05-25"), "51.07": (234, 78, "2024-05-25"), "51.71": (129, 43, "2024-05-25")}


def test_swearing_in_one_named_person_as_a_member(make_doc) -> None:
    got = facts(make_doc, "Senin (5/8/2024), KPU Pandeglang melantik Rina Marliana sebagai anggota Panitia Pemilihan "
                "Kecamatan (PPK) Labuan melalui mekanisme pergantian antarwaktu (PAW).")
    assert {k: (f["event"], f["members"]) for k, f in got.items()} == {("PPK", "36.01.12"): ("pemberhentian", 1)}
    got = facts(make_doc, "KPU Pandeglang melantik mereka sebagai anggota PPK Labuan, Senin (5/8/2024).")
    assert got[("PPK", "36.01.12")]["members"] is None  # not one named person


def test_roundup_items_headed_by_their_region(make_doc) -> None:
    got = facts(make_doc, "Banjar: Bawaslu kaji laporan\n\nBawaslu Kabupaten Banjar menerima laporan warga.\n\n"
                "Tapin: PPK ikuti rapat konsolidasi\n\nKPU Kabupaten Tapin menggelar rapat konsolidasi bersama 60 "
                "anggota PPK, Kamis (14/11/2024).\n\nBanjarbaru: KPU Kota Banjarbaru menyortir surat suara.")
    assert set(got) == {("PPK", "63.05")}  # not the Bawaslu's Banjar for the heading line


def test_an_upper_case_body_name_is_no_election(make_doc) -> None:
    got = facts(make_doc, "KOMISI Pemilihan Umum (KPU) Kota Medan melantik 105 anggota PPK untuk Pemilihan Wali "
                "Kota Medan serta Pemilihan Gubernur Sumatera Utara 2024, Senin (13/5/2024).")
    assert got[("PPK", "12.71")]["election"] == "Pilkada 2024"


def test_committee_re_formed_by_its_former_and_replacing_dismissed_members(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 14 anggota KPPS untuk TPS 012 dan TPS 027, masing-masing tujuh orang, dilantik "
                "Panitia Pemungutan Suara (PPS) Kelurahan Mangasa, Rabu (21/2/2024) malam, menggantikan anggota KPPS "
                "lama yang diberhentikan.")
    assert [(k[0], f["event"], f["members"]) for k, f in got.items()] == [("KPPS", "pemberhentian", 14)]


def test_negated_and_infinitive_events_and_plans_after_the_noun(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Pematangsiantar melantik 159 anggota PPS, Jumat (31/5/2024). Ia meminta PPS tidak "
                "merekrut pantarlih yang terafiliasi partai. Tugas pertama Panwascam adalah merekrut PKD. KPU juga "
                "meminta PPK memeriksa dokumen sebelum bimbingan teknis pekan depan.")
    assert set(got) == {("PPS", "12.72")}


def test_a_count_of_units_larger_than_the_members_is_another_count(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Batam memberhentikan empat anggota KPPS, Selasa (30/1/2024). Total anggota KPPS di "
                "Kota Batam mencapai 24.346 orang untuk 3.478 TPS.")
    assert (got[("KPPS", "21.71")]["members"], got[("KPPS", "21.71")]["units"]) == (4, None)


def test_kpps_trained_by_a_ppk_and_the_kota_s_kpps_sworn_in_earlier(make_doc) -> None:
    got = facts(make_doc, "PPK Samarinda Ulu menggelar bimtek bagi 1.141 anggota KPPS, Senin (11/11/2024).\n\n"
                "2. Seluruh KPPS dilantik serentak pekan lalu\n\nSeluruh anggota KPPS se-Kota Samarinda sebelumnya "
                "dilantik oleh PPS pada Rabu (6/11/2024).\n\nKetua KPU Kota Samarinda mengatakan semua siap.")
    assert {k: f["event"] for k, f in got.items()} == {("KPPS", "64.72.03"): "bimtek", ("KPPS", "64.72"): "pelantikan"}


def test_the_schedule_s_election_over_one_a_member_recalls(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 393 anggota PPS se-Kabupaten Tabalong dilantik, Jumat (24/5/2024). "
                "“Pemilu Februari lalu saya jadi KPPS,” ujar Rudi.", published="2024-05-25")
    assert got[("PPS", "63.09")]["election"] == "Pilkada 2024"


def test_a_fact_told_as_happening_months_ago_takes_not_the_article_s_day(make_doc) -> None:
    got = facts(make_doc, "Bawaslu Kota Balikpapan melantik 34 anggota PKD, Jumat (28/6/2024). Ia menambahkan, "
                "sebelumnya Bawaslu Balikpapan telah melantik 18 anggota Panwaslu Kecamatan pada pertengahan Mei lalu.")
    assert (got[("PKD", "64.71")]["event_date"], got[("PANWASCAM", "64.71")]["event_date"]) == ("2024-06-28", "")
    # a later sentence's "Mei lalu" about the selection does not take the fact's day away
    got = facts(make_doc, "KPU Kabupaten Bandung Barat melakukan PAW terhadap satu anggota PPS. Penggantinya dilantik "
                "Senin (1/7/2024). Ia peserta peringkat keempat seleksi PPS yang diumumkan Mei lalu.")
    assert [f["event_date"] for f in got.values()] == ["2024-07-01"]


def test_attending_the_event_itself_and_a_speaker_s_affiliation(make_doc) -> None:
    got = facts(make_doc, "Sekda Lombok Tengah menghadiri pelantikan dan pengambilan sumpah 60 anggota PPK "
                "oleh KPU Kabupaten Lombok Tengah, Rabu (4/1/2023). Mewakili anggota PPK yang dilantik, Baiq Nurul "
                "Hidayati dari PPK Kecamatan Pujut menyatakan siap bekerja.")
    assert set(got) == {("PPK", "52.02")}


def test_members_over_a_number_of_committees(make_doc) -> None:
    got = facts(make_doc, "KPU Bateng menggelar rakor dengan enam Panitia Pemilihan Kecamatan (PPK) se-Bangka "
                "Tengah, Senin (3/6/2024). Rapat yang diikuti 30 anggota PPK itu membahas pembentukan pantarlih.")
    assert got[("PPK", "19.04")]["members"] == 30


def test_a_one_desa_fact_does_not_take_the_kabupaten_s_count(make_doc) -> None:
    got = facts(make_doc, "KPU Sikka melantik satu anggota PPS Desa Takaplager, Kecamatan Nita, pengganti antarwaktu, "
                "Jumat (5/7/2024).\n\n“Se-Kabupaten Sikka ada 582 anggota PPS di 194 desa,” ujarnya.")
    assert [f["members"] for f in got.values()] == [1]
    got = facts(make_doc, "Sebanyak 1.096 Pantarlih se-Kabupaten Karo dilantik, Senin (24/6/2024). "
                "Rata-rata satu orang Pantarlih menangani 275 pemilih.")
    assert got[("PANTARLIH", "12.06")]["members"] == 1096  # not the smaller count written with 'orang'


def test_time_clauses_of_plans_modals_and_other_people_s_registration(make_doc) -> None:
    got = facts(make_doc, "KPU Halmahera Barat menetapkan 45 anggota PPK terpilih, Senin (6/5/2024). Usai pelantikan, "
                "para anggota PPK akan mengikuti bimbingan teknis. Pakta integritas juga akan ditandatangani "
                "anggota KPPS saat dilantik. Warga yang pernah menjadi anggota KPPS boleh kembali mendaftar. KPU "
                "mengingatkan PPS menjaga netralitas menjelang pendaftaran pasangan calon.")
    assert {k: f["event"] for k, f in got.items()} == {("PPK", "82.01"): "rekrutmen"}
    # a modal after the event word is a purpose, not a plan
    got = facts(make_doc, "KPU Kabupaten Lebak melantik 140 anggota PPK agar dapat segera bekerja, Senin (13/5/2024).")
    assert set(got) == {("PPK", "36.02")}


def test_schedules_selected_members_and_plans_a_few_words_on(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Bengkulu mengumumkan jadwal rekrutmen KPPS. Pelantikan KPPS serentak dilaksanakan "
                "pada 25 Januari 2024.", published="2023-12-10")
    assert got == {}  # dated after the article: a schedule
    got = facts(make_doc, "KPU Ogan Ilir melantik 80 anggota PPK, Rabu (4/1/2023). Anggota PPS terpilih rencananya "
                "dilantik serentak pada 24 Januari 2023. Setelah dilantik, PPK akan langsung membantu KPU merekrut "
                "PPS di 241 desa.", published="2023-01-05")
    assert set(got) == {("PPK", "16.10")}
    got = facts(make_doc, "DKPP memberhentikan anggota Bawaslu Nias Selatan yang terbukti menerima uang dari sejumlah "
                "calon anggota Panitia Pengawas Pemilu Kecamatan (Panwaslu Kecamatan) saat seleksi.")
    assert "PANWASCAM" not in {k[0] for k in got}


def test_one_member_in_each_of_as_many_replacements_as_counted(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Manado melantik dua anggota PPK pengganti antarwaktu (PAW), Selasa (13/8/2024). "
                "Keduanya menggantikan anggota PPK Malalayang yang mengundurkan diri serta anggota PPK Tikala yang "
                "meninggal dunia.")
    assert {k: f["members"] for k, f in got.items() if k[1] != "71.71"} == {("PPK", "71.71.09"): 1,
                                                                           ("PPK", "71.71.05"): 1}


def test_the_one_unit_written_after_a_body(make_doc) -> None:
    got = facts(make_doc, "KPU Kabupaten Lumajang melantik satu anggota Panitia Pemungutan Suara (PPS) pengganti "
                "antarwaktu (PAW) untuk Desa Argosari, Kecamatan Senduro, Selasa (20/8/2024).")
    assert set(got) == {("PPS", "35.08.12.2011")}
    # a desa of another kabupaten is not it
    got = facts(make_doc, "KPU Kabupaten Bogor melantik anggota PPS untuk Desa Argosari, Kecamatan Senduro.")
    assert set(got) == {("PPS", "32.01")}


def test_complaints_requests_and_postponements_are_no_events(make_doc) -> None:
    # what is complained of, what a request asks for, a postponed swearing-in
    got = facts(make_doc, "Sejumlah anggota PPK di Kabupaten Kepulauan Selayar mengeluhkan minimnya biaya untuk "
                "menghadiri rapat koordinasi di Benteng.")
    assert got == {}
    got = facts(make_doc, "Pj Bupati Muba meminta camat membantu menyosialisasikan pendaftaran PPK hingga ke desa.")
    assert got == {}
    got = facts(make_doc, "Ketua Bawaslu Gorontalo Utara mengatakan pelantikan PTPS tertunda karena masih ada calon "
                "PTPS di Kecamatan Ponelo Kepulauan yang belum melengkapi berkas.")
    assert got == {}
    # ... but a request to members sworn in ("yang dilantik") keeps the swearing-in, and so does "sempat tertunda"
    got = facts(make_doc, "Bupati Lebak meminta 140 anggota PPK Kabupaten Lebak yang dilantik Senin (13/5/2024) "
                "bekerja jujur.", published="2024-05-14")
    assert set(got) == {("PPK", "36.02")}
    got = facts(make_doc, "Pelantikan 140 anggota PPK Kabupaten Lebak yang sempat tertunda akhirnya digelar Senin "
                "(13/5/2024).", published="2024-05-14")
    assert set(got) == {("PPK", "36.02")}


def test_an_organiser_after_a_chain_of_places(make_doc) -> None:
    # "Jembrana" (no prefix) is not read as a region here, and the PPS is still the organiser, not a subject
    got = facts(make_doc, "Panitia Pemungutan Suara (PPS) Desa Yehembang, Kecamatan Mendoyo, Jembrana, melantik 63 "
                "anggota KPPS untuk Pemilu 2024 di Wantilan Desa Yehembang, kemarin (25/1).", published="2024-01-26")
    assert set(got) == {("KPPS", "51.01.02.2008")}


def test_bodies_named_with_their_level_word(make_doc) -> None:
    # the name's last word opens the region ("Panwaslu Kecamatan Sungai Tarab"); the acronym inside the name
    got = facts(make_doc, "Bawaslu Kabupaten Tanah Datar melantik tiga anggota Panwaslu Kecamatan Sungai Tarab "
                "pengganti antarwaktu, Senin (3/6/2024).", published="2024-06-04")
    assert set(got) == {("PANWASCAM", "13.04.08")}
    got = facts(make_doc, "Bawaslu Kabupaten Agam mengumumkan 48 nama calon anggota Panitia Pengawas Pemilihan Umum "
                "(Panwaslu) Kecamatan terpilih untuk Pemilu 2024. Mereka akan bertugas di 16 kecamatan, "
                "masing-masing tiga orang.")
    assert {k: (f["event"], f["members"], f["units"]) for k, f in got.items()} == {
        ("PANWASCAM", "13.06"): ("rekrutmen", 48, 16)}


def test_local_names_of_supervisory_bodies(make_doc) -> None:
    # Aceh's Panwaslih with its region after the acronym; Papua's Panwaslu Distrik with the acronym inside the name
    got = facts(make_doc, "Panitia Pengawas Pemilihan (Panwaslih) Kabupaten Aceh Singkil melantik 33 anggota Panwaslih "
                "Kecamatan, Senin (27/5/2024). Mereka bertugas di 11 kecamatan, masing-masing tiga orang.",
                published="2024-05-28")
    assert {k: (f["members"], f["units"]) for k, f in got.items()} == {("PANWASCAM", "11.10"): (33, 11)}
    got = facts(make_doc, "Sebanyak 45 anggota Panitia Pengawas Pemilihan (Panwaslu) Distrik se-Kabupaten Nabire resmi "
                "dilantik, Kamis (16/5/2024).", published="2024-05-17")
    assert {k: f["members"] for k, f in got.items()} == {("PANWASCAM", "94.01"): 45}
    got = facts(make_doc, "Panwaslih Aceh Barat Daya melantik 152 Pengawas Gampong, Senin (1/7/2024).",
                published="2024-07-02")
    assert set(got) == {("PKD", "11.12")}


def test_a_past_event_recalled_as_background(make_doc) -> None:
    text = ("Sejumlah Pantarlih di Kabupaten Manggarai Barat mengeluhkan honor yang belum dibayar. Sebanyak 771 "
            "Pantarlih di Manggarai Barat dilantik pada 24 Juni lalu dan bekerja selama sebulan.")
    assert facts(make_doc, text, published="2024-08-12") == {}
    # the same sentence a few days after the swearing-in reports it
    assert [b for b, _ in facts(make_doc, text, published="2024-06-27")] == ["PANTARLIH"]


def test_replacements_in_several_kecamatan_and_the_make_up_restated(make_doc) -> None:
    # "diganti" is a replacement; the kabupaten's restated make-up ("formasi PPK se-Kabupaten X") is no fact of its own
    got = facts(make_doc, "KPU Kabupaten Katingan melantik empat anggota PPK pengganti antarwaktu (PAW), Senin (15/7). "
                "Di PPK Marikit dan PPK Bukit Raya masing-masing satu orang diganti, sementara di PPK Katingan Kuala "
                "dua orang sekaligus. Dengan pelantikan ini, formasi PPK se-Kabupaten Katingan kembali lengkap.",
                published="2024-07-16")
    assert {k: f["event"] for k, f in got.items()} == {
        ("PPK", "62.06.07"): "pemberhentian", ("PPK", "62.06.13"): "pemberhentian",
        ("PPK", "62.06.10"): "pemberhentian"}


def test_co_organisers_agents_and_past_or_pending_work_are_no_facts(make_doc) -> None:
    # the PPK organises with the KPU and teaches; the KPPS are trained
    got = facts(make_doc, "KPU Kabupaten Sarolangun bersama PPK Sarolangun menggelar bimtek bagi 609 anggota KPPS "
                "Kecamatan Sarolangun, Minggu (17/11/2024). Materi bimtek disampaikan oleh Dewi Kartika Sari, serta "
                "para anggota PPK Sarolangun.", published="2024-11-18")
    assert set(got) == {("KPPS", "15.03.03")}
    # ... but a meeting "bersama PPK" is the PPK's
    got = facts(make_doc, "KPU Kabupaten Wakatobi menggelar rapat konsolidasi bersama 40 anggota PPK se-Kabupaten "
                "Wakatobi, Senin (19/8/2024).", published="2024-08-20")
    assert set(got) == {("PPK", "74.07")}
    # a swearing-in months ago; one "pada Mei lalu"; one still being processed; one that must be finished soon
    assert facts(make_doc, "Sebanyak 35 anggota PPK Kabupaten Nagekeo dilantik pada 15 Mei 2024.",
                 published="2025-02-10") == {}
    assert facts(make_doc, "Ia meminta PKD berkoordinasi dengan Panwaslu Kecamatan Batulicin, yang telah lebih dulu "
                 "dilantik pada Mei lalu.", published="2024-06-22") == {}
    assert facts(make_doc, "Selain PPK, KPU Sigi juga tengah memproses PAW dua anggota PPS Kabupaten Sigi.") == {}
    assert facts(make_doc, "Asep berharap PPK segera bekerja, karena dalam waktu dekat mereka harus membantu KPU "
                 "menuntaskan seleksi PPS Kota Sukabumi di 33 kelurahan.") == {}


def test_candidates_registrants_and_plans_after_a_swearing_in(make_doc) -> None:
    # requirements of candidates and a count of registrants are no recruitment event
    assert facts(make_doc, "Calon anggota PPK Kabupaten Ngawi minimal berusia 17 tahun dan berpendidikan SMA.") == {}
    assert facts(make_doc, "Total pendaftar PPS Kabupaten Blora tercatat 2.147 orang.") == {}
    # "setelah dilantik" in a sentence about next week is the plan's time clause
    assert facts(make_doc, "Setelah dilantik, para anggota PPS Kabupaten Blora langsung mengikuti bimtek pekan "
                 "depan.") == {}


def test_a_roundup_item_opened_by_its_place_and_roles_that_are_not_the_subject(make_doc) -> None:
    got = facts(make_doc, "KPU Kota Tegal dan KPU Kabupaten Tegal melantik anggota PPS, Selasa (24/1/2023). Di Kota "
                "Tegal, sebanyak 81 anggota PPS dari 27 kelurahan dilantik di Balai Kota.", published="2023-01-25")
    assert got[("PPS", "33.76")]["members"] == 81
    # an initiator, an organiser "yang menggelar", a past role: none is the subject
    got = facts(make_doc, "Sebanyak 45 anggota PPS se-Kecamatan Sukasada menandatangani pakta integritas, Kamis "
                "(11/1/2024). Penandatanganan itu merupakan inisiatif PPK Sukasada. Ketua KPU Buleleng mengapresiasi "
                "langkah PPK yang menggelar kegiatan itu. Sebagian anggota PPS pernah menjadi pengawas TPS.",
                published="2024-01-12")
    assert set(got) == {("PPS", "51.08.05")}
    # an attribution inside a plan ("Pendaftaran PKD, lanjutnya, akan dibuka")
    assert facts(make_doc, "Pendaftaran PKD Kabupaten Aceh Tengah, lanjutnya, akan dibuka pekan depan.") == {}


def test_a_desa_found_under_its_kabupaten_when_the_kecamatan_is_spelled_otherwise(make_doc) -> None:
    # the gazetteer writes the kecamatan "Mentok"; the PPS is the organiser, the KPPS the subject
    got = facts(make_doc, "Panitia Pemungutan Suara (PPS) Desa Air Belo, Kecamatan Muntok, Kabupaten Bangka Barat, "
                "melantik 63 anggota KPPS, Kamis (7/11/2024).", published="2024-11-08")
    assert set(got) == {("KPPS", "19.05.01.2005")}
    # a dismissal of one named member whose title follows the name
    got = facts(make_doc, "KPU Wonogiri memberhentikan Sukirno, anggota Panitia Pemilihan Kecamatan (PPK) Jatisrono, "
                "Senin (19/8/2024).", published="2024-08-20")
    assert {k: f["members"] for k, f in got.items()} == {("PPK", "33.12.20"): 1}


def test_a_sentence_set_in_a_past_election_is_background(make_doc) -> None:
    assert facts(make_doc, "Pada Pemilu 2024 lalu, tercatat 412 orang mendaftar sebagai calon anggota PPK di "
                 "Kabupaten Kutai Timur.") == {}
    # an earlier event of the same story, with its day, is still reported
    got = facts(make_doc, "Sebelumnya, KPU Pesisir Selatan juga telah menggelar bimtek untuk 75 anggota PPK dari 15 "
                "kecamatan pada Selasa (4/6/2024).", published="2024-06-12")
    assert set(got) == {("PPK", "13.01")}


def test_a_copula_or_duty_before_a_relative_clause_keeps_the_event(make_doc) -> None:
    got = facts(make_doc, "Sebanyak 135 anggota PPK Kabupaten Lamongan yang bertugas di 27 kecamatan dilantik, Kamis "
                "(16/5/2024).", published="2024-05-17")
    assert set(got) == {("PPK", "35.24")}
    got = facts(make_doc, "Mereka adalah anggota PPK Kabupaten Lamongan yang dilantik Kamis (16/5/2024).",
                published="2024-05-17")
    assert set(got) == {("PPK", "35.24")}
