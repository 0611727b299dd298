"""Officials quoted: titles, names at their fullest, follow-up attributions, no invented speakers."""

from __future__ import annotations

import pytest

from pipeline.extract.bodies import find_bodies
from pipeline.extract.quotes import extract_quotes
from pipeline.extract.regions import find_regions, resolve_regions


def _extract(doc):  # noqa: ANN001, ANN202
    """(quotes, officials) of a parsed document, with its regions and bodies found first."""
    regions = resolve_regions(find_regions(doc.text), doc.text)
    return extract_quotes(doc, regions, find_bodies(doc.text, regions))


ARTICLE = """CILEGON - Komisi Pemilihan Umum (KPU) Kota Cilegon melantik 40 anggota PPK untuk \
Pilkada 2024.

Ketua KPU Kota Cilegon, H. Irfan Maulana Yusuf, S.H., M.Si., mengatakan para anggota PPK harus \
menjaga netralitas selama tahapan pilkada.

"Integritas adalah harga mati bagi penyelenggara," katanya.

Ia menambahkan, anggota PPK akan langsung mengikuti bimbingan teknis pekan depan.

Koordinator Divisi Sosialisasi, Pendidikan Pemilih dan Partisipasi Masyarakat KPU Kota Cilegon \
Dewi Anggraini menuturkan, masyarakat dapat melapor bila ada anggota PPK yang tidak netral.

"Kami membuka kanal pengaduan yang mudah diakses warga," ujar Dewi.

Sementara itu, Penjabat (Pj) Wali Kota Cilegon Suryanto Wibisono meminta camat mendukung \
sekretariat PPK. "Fasilitas kantor kecamatan kami siapkan," kata Anto.

Bawaslu meminta masyarakat ikut mengawasi. Hadir pula Kapolres Cilegon AKBP Budi Santoso dan \
Dandim 0623 Letkol Inf Agus Salim.
"""


def run(make_doc):
    doc = make_doc(ARTICLE)
    return doc, *_extract(doc)


def test_officials_with_role_org_and_region(make_doc) -> None:
    _, _, officials = run(make_doc)
    got = {o.name: (o.role, o.org_type, o.region_code) for o in officials}
    assert got == {
        "Irfan Maulana Yusuf": ("ketua", "KPU", "36.72"),
        "Dewi Anggraini": ("anggota", "KPU", "36.72"),
        "Suryanto Wibisono": ("penjabat wali kota", "PEMDA", "36.72"),
    }  # attendees (Kapolres, Dandim) and the institution (Bawaslu) made no statement


def test_follow_ups_go_to_the_right_speaker(make_doc) -> None:
    doc, quotes, officials = run(make_doc)
    by_quote = {q.quote[:20]: (q.speaker, q.quote_type, q.cue) for q in quotes}
    assert by_quote["Integritas adalah ha"] == ("Irfan Maulana Yusuf", "direct", "katanya")
    assert by_quote["anggota PPK akan lan"] == ("Irfan Maulana Yusuf", "indirect", "menambahkan")
    assert by_quote["Kami membuka kanal p"] == ("Dewi Anggraini", "direct", "ujar")
    assert by_quote["Fasilitas kantor kec"] == ("Suryanto Wibisono", "direct", "kata")  # "Anto" = Suryanto
    counts = {o.name: o.n_quotes for o in officials}
    assert counts["Irfan Maulana Yusuf"] == 3
    for q in quotes:  # offsets and evidence point into the cleaned text
        assert doc.text[q.start:q.end].strip("“”\" ").startswith(q.quote[:15])
        assert q.evidence in doc.text


def test_no_speaker_no_quote(make_doc) -> None:
    doc = make_doc('KPU Kota Depok mengumumkan jadwal pelantikan PPS. "Semua berjalan lancar." '
                   "Bawaslu menegaskan akan mengawasi seluruh tahapan pilkada di kota itu.")
    quotes, officials = _extract(doc)
    assert quotes == [] and officials == []


def test_cue_followed_by_a_title(make_doc) -> None:
    doc = make_doc('"Semua anggota PPS wajib hadir dalam bimtek," kata Ketua KPU Kabupaten Bogor, Ahmad Fauzi, '
                   "di Cibinong, Senin. Ia menambahkan, bimtek digelar selama tiga hari di hotel.")
    quotes, officials = _extract(doc)
    assert [(o.name, o.role, o.region_code, o.n_quotes) for o in officials] == [("Ahmad Fauzi", "ketua", "32.01", 2)]
    assert [q.quote_type for q in quotes] == ["direct", "indirect"]


def _with_people(make_doc, text: str, names: list[str]):  # noqa: ANN202
    """The document with PER entities on `names`, as a NER model would put them."""
    import spacy

    doc = make_doc(text)
    parsed = spacy.blank("id")(doc.text)
    parsed.ents = [parsed.char_span(doc.text.index(n), doc.text.index(n) + len(n), label="PER") for n in names]
    doc.doc = parsed
    return doc


def _speakers(doc) -> list[str]:  # noqa: ANN001
    quotes, _ = _extract(doc)
    return [q.speaker for q in quotes]


def test_entity_people_that_are_likely_model_mistakes_take_no_quote(make_doc) -> None:
    text = ("Ketua KPU Kabupaten Pandeglang Ahmad Suhaemi mengatakan anggota PPS harus segera bekerja. "
            "Tugas pertama mereka adalah membentuk sekretariat di kecamatan seperti Kembang Janggut.\n\n"
            '"Setelah ini PPS langsung rapat pleno memilih ketua," katanya.')
    # a sentence-initial common word and a kecamatan, both tagged PER: the quote stays with the speaker
    doc = _with_people(make_doc, text, ["Tugas", "Kembang Janggut"])
    assert _speakers(doc) == ["Ahmad Suhaemi", "Ahmad Suhaemi"]


def test_untitled_person_entity_is_a_speaker(make_doc) -> None:
    text = ('Pemilih di Desa Sukamaju datang sejak pagi. Salah satunya Andi Saputra yang datang bersama '
            'keluarganya.\n\n"Saya ingin memilih lebih awal sebelum berangkat kerja," katanya.')
    assert _speakers(_with_people(make_doc, text, ["Andi Saputra"])) == ["Andi Saputra"]
    assert _speakers(make_doc(text)) == []  # without the entity there is no speaker


def test_entity_inside_a_title_or_opening_a_quote_takes_no_quote(make_doc) -> None:
    text = ("Penjabat Bupati Nabire Yakobus Tebai hadir dalam pelantikan itu.\n\n"
            '"Alhamdulillah semua kepala kampung sudah kami kumpulkan," tegas Yakobus.')
    # "Nabire Yakobus" overlaps the region and the titled name; "Alhamdulillah" opens the quote
    doc = _with_people(make_doc, text, ["Nabire Yakobus", "Alhamdulillah"])
    assert _speakers(doc) == ["Yakobus Tebai"]


def test_kecamatan_offices_and_hearing_panels(make_doc) -> None:
    doc = make_doc("KPU Kabupaten Sleman melantik 258 anggota PPS. Panewu Depok, Hendra Wijaya, berharap PPS "
                   "bersinergi dengan pemerintah kalurahan.\n\n"
                   '"Laporan itu sudah memenuhi syarat formal dan material," kata Ketua Majelis Pemeriksa '
                   "Bawaslu Kabupaten Sleman, Rina Andriani.")
    _, officials = _extract(doc)
    got = {o.name: (o.role, o.org_type, o.region_code) for o in officials}
    # "Panewu Depok" heads the kapanewon Depok of Sleman, not Kota Depok (32.76)
    assert got["Hendra Wijaya"] == ("camat", "PEMDA", "34.04.07")
    assert got["Rina Andriani"] == ("ketua majelis", "BAWASLU", "34.04")


def test_speaker_talking_to_the_press_and_acting_chair(make_doc) -> None:
    doc = make_doc("Plt Ketua KPU Kabupaten Jayapura, Yohanis Wenda, kepada wartawan mengatakan setiap distrik "
                   "diisi lima anggota PPD.")
    quotes, officials = _extract(doc)
    assert [(o.name, o.role, o.region_code) for o in officials] == [("Yohanis Wenda", "pelaksana tugas ketua", "91.03")]
    assert [q.cue for q in quotes] == ["mengatakan"]


def test_police_ranks_and_institutional_statements(make_doc) -> None:
    doc = make_doc("KPU Kabupaten Tangerang melantik 145 anggota PPK. Hadir Kapolresta Tangerang Kombes Pol Budi "
                   "Santoso dan Dandim 0510/Tigaraksa Letkol Inf Agus Saputra.\n\nBawaslu Kabupaten Tangerang meminta "
                   "seluruh anggota PPK menjaga netralitas selama tahapan.\n\n"
                   '"Pengamanan kami siapkan di semua kecamatan," kata Kapolresta Tangerang Kombes Pol Budi Santoso.')
    quotes, officials = _extract(doc)
    # "Pol" is part of the rank, the region is no part of the name; "Bawaslu ... meminta" has no speaker
    assert [(o.name, o.role, o.org_type, o.region_code) for o in officials] == [
        ("Budi Santoso", "kapolres", "POLRI", "36.03")]
    assert [q.cue for q in quotes] == ["kata"]


def test_commissioner_with_a_long_division_name(make_doc) -> None:
    doc = make_doc("Anggota Bawaslu Banten Divisi SDM, Organisasi, Pendidikan dan Pelatihan, Siti Maryam Hasanah, "
                   "menambahkan materi bimtek meliputi pencegahan dan penanganan pelanggaran.")
    _, officials = _extract(doc)
    assert [(o.name, o.role, o.org_type, o.region_code) for o in officials] == [
        ("Siti Maryam Hasanah", "anggota", "BAWASLU", "36")]


def test_relative_clause_before_the_verb_and_names_inside_quotes(make_doc) -> None:
    text = ("Kasat Intelkam Polresta Pontianak, Kompol Andreas Situmorang, yang hadir dalam pelantikan menyebut "
            "ada tiga kelurahan yang rawan.\n\n"
            "“Kami minta PKD aktif berbagi informasi dengan Bhabinkamtibmas di kelurahan,” ujarnya.")
    doc = _with_people(make_doc, text, ["Bhabinkamtibmas"])  # a PER entity inside the quote
    assert _speakers(doc) == ["Andreas Situmorang", "Andreas Situmorang"]


def test_abbreviated_first_names_and_law_enforcement_titles(make_doc) -> None:
    doc = make_doc("Ketua Bawaslu Jawa Timur Moch. Arif Kurniawan mengatakan, batas waktu penanganan perkara "
                   "sangat singkat.\n\nAsisten Tindak Pidana Umum Kejati Jawa Timur Nur Aini Safitri, S.H., M.H. "
                   "berharap berkas perkara yang dilimpahkan sudah lengkap sejak tahap pertama.\n\nDirektur Reserse "
                   "Kriminal Umum Polda Jawa Timur Kombes Pol Hendra Gunawan menyampaikan, penyidik sudah siap.")
    _, officials = _extract(doc)
    assert [(o.name, o.role, o.org_type) for o in officials] == [
        ("Moch. Arif Kurniawan", "ketua", "BAWASLU"),
        ("Nur Aini Safitri", "asisten tindak pidana", "OTHER"),  # was "Tindak Pidana Umum Kejati Jawa Timur"
        ("Hendra Gunawan", "direktur reserse kriminal", "POLRI"),
    ]
    assert doc.sentences()[0] == (0, doc.text.index("singkat.") + len("singkat."))  # "Moch." ends no sentence


def test_who_ia_refers_to_and_menurut_with_a_title(make_doc) -> None:
    text = ("Kapolres Tasikmalaya Kota AKBP Galih Prakoso, S.I.K., M.H. menyatakan jajarannya siap mengamankan "
            "tahapan. Pelantikan juga dipantau Dandim 0612/Tasikmalaya Letkol Inf Yudha Mahendra.\n\n"
            "Ia mengatakan, Polres Tasikmalaya Kota telah memetakan 12 kelurahan rawan konflik.\n\n"
            "Menurut Ketua Bawaslu Kota Tasikmalaya, Gilang Dwi Lubis, pengawasan akan diperketat di semua TPS.")
    doc = make_doc(text)
    # "Polres Tasikmalaya Kota" is the unit's name; the Dandim named in passing is not who "Ia" is
    assert _speakers(doc) == ["Galih Prakoso", "Galih Prakoso", "Gilang Dwi Lubis"]


@pytest.mark.parametrize("text,official", [
    ("Sementara itu, Irfan Maulana Siregar selaku Ketua KPU Kabupaten Bogor memastikan kinerja lembaganya tidak "
     "terganggu.", ("Irfan Maulana Siregar", "ketua", "KPU", "32.01")),
    ("Hal itu disampaikan Hj. Nurul Aini Mubarok selaku Ketua KPU Kota Serang usai membuka rakor.",
     ("Nurul Aini Mubarok", "ketua", "KPU", "36.73")),
    ("Anggota KPU Toba Divisi Sumber Daya Manusia, Lestari br. Manurung, mengatakan anggota PAW langsung bekerja.",
     ("Lestari br. Manurung", "anggota", "KPU", "12.12")),
    ("Hal senada disampaikan Ketua PPK Tamalate, Nur Alam Syah. “Kami sudah minta PPS menyetor daftar calon "
     "pantarlih,” pungkasnya.", ("Nur Alam Syah", "ketua", "PPK", "")),
    ("Ketua PPS Kelurahan Sukaluyu, Kecamatan Cibeunying Kaler, Asep Saepulloh, menyebut sudah ada 40 berkas masuk.",
     ("Asep Saepulloh", "ketua", "PPS", "32.73.18.1002")),
    # a clause between the title and the name
    ("Anggota DPRD Toba dari daerah pemilihan Toba I, Ir. Marolop Pangaribuan, mengatakan langkah KPU sudah tepat.",
     ("Marolop Pangaribuan", "anggota", "DPRD", "12.12")),
    ("Ketua KPU Kabupaten Toba yang baru dilantik, Robinson Sitorus, mengatakan PAW berjalan lancar.",
     ("Robinson Sitorus", "ketua", "KPU", "12.12")),
    # the organisation's title of a person who also holds a division ("yang juga Koordinator Divisi ...")
    ("Anggota Bawaslu Banyumas yang juga Koordinator Divisi SDM, Organisasi, Pendidikan dan Pelatihan, Hj. Siti "
     "Nur Khasanah, M.Pd., menuturkan bahwa 129 PKD terpilih adalah perempuan.",
     ("Siti Nur Khasanah", "anggota", "BAWASLU", "33.02")),
    ("Anggota KPU Kabupaten Garut Ketua Divisi Hukum dan Pengawasan, Dra. Hj. Neni Nuraeni, menjelaskan bahwa "
     "seluruh anggota PPK kembali lengkap.", ("Neni Nuraeni", "anggota", "KPU", "32.05")),
    # a pastor's honorific; kabupaten short names of headlines ("Minut", "Malteng")
    ("Ketua KPU Minut, Pdt. Hendrik Walandouw, S.Th., mengatakan bahwa PAW itu dilakukan sesuai dengan "
     "keputusan KPU yang ada.",
     ("Hendrik Walandouw", "ketua", "KPU", "71.06")),
    ("Ketua Bawaslu Malteng, Ahmad Sangadji, S.H.I., mengatakan bahwa proses seleksi itu diikuti oleh "
     "163 pendaftar dari semua kecamatan.",
     ("Ahmad Sangadji", "ketua", "BAWASLU", "81.01")),
    ("Ketua KPU Kota Mojokerto, yang sejak pagi berkeliling meninjau lokasi bimtek di Kecamatan Magersari, Rizal "
     "Maulana Akbar, S.Sos., mengatakan bimtek kali ini lebih menekankan praktik.",
     ("Rizal Maulana Akbar", "ketua", "KPU", "35.76")),
    # names of many traditions: a month inside a Chinese-Indonesian name, a Minang datuk title, "br" without dot
    ("Ketua KPU Kota Singkawang, Lie Mei Hwa, mengatakan pelantikan berjalan lancar dan tertib.",
     ("Lie Mei Hwa", "ketua", "KPU", "61.72")),
    ("Ketua KPU Tanah Datar, Syafrizal Dt. Rajo Mudo, mengatakan pelantikan itu sesuai aturan yang berlaku.",
     ("Syafrizal Dt. Rajo Mudo", "ketua", "KPU", "13.04")),
    ("Sekretaris KPU Toba Lestari br Sirait mengatakan semua anggota sudah siap untuk bekerja.",
     ("Lestari br Sirait", "sekretaris", "KPU", "12.12")),
    ("Kapolres Lombok Timur AKBP I Made Dharma Yudha mengatakan sebanyak 350 personel dikerahkan mengamankan KPU.",
     ("I Made Dharma Yudha", "kapolres", "POLRI", "52.03")),
    ("Ketua KPU Kota Ternate, Asmar Abd. Rahman, mengatakan sebagian tambahan anggaran dipakai untuk pelantikan PPK.",
     ("Asmar Abd. Rahman", "ketua", "KPU", "82.71")),
    ("KPU Pandeglang melantik Rina Marliana sebagai anggota PPK Labuan. Rina mengatakan siap langsung bekerja "
     "menyiapkan rapat pleno di kecamatan.", ("Rina Marliana", "anggota", "PPK", "36.01.12")),
    ("Ketua KPU Halmahera Barat, Rusdi Hi. Umar, mengatakan pelantikan dijadwalkan di aula kantor bupati.",
     ("Rusdi Hi. Umar", "ketua", "KPU", "82.01")),
    ("Ketua KPU Sikka, Agustinus da Cunha, mengatakan anggota PPK Waigete mengundurkan diri dari jabatannya.",
     ("Agustinus da Cunha", "ketua", "KPU", "53.07")),
    ("Salah satu anggota PPK Kota Padang yang dilantik, Rini Anggraini dari Kelurahan Pasar, mengaku siap "
     "menjalankan tugas di wilayahnya.", ("Rini Anggraini", "anggota", "PPK", "13.71")),
    ("Ketua KPU Kabupaten Luwu Utara (Lutra), Muhammad Arfah Jaya, mengatakan pihaknya menerima putusan DKPP itu.",
     ("Muhammad Arfah Jaya", "ketua", "KPU", "73.22")),
    ("Rapat turut dihadiri Sekretaris Daerah Kabupaten Sintang, Kapolres Sintang AKBP Dwi Haryanto Saputra, yang "
     "mengatakan jajarannya siap mengamankan tahapan.", ("Dwi Haryanto Saputra", "kapolres", "POLRI", "61.05")),
    # "salah satu/seorang" is one member, not a count; a kecamatan whose name starts with its kota's
    ("KPU Kota Medan melantik PPK. Salah satu anggota PPK Medan Tuntungan yang baru dilantik, Ruth Esterlina boru "
     "Tambunan, mengaku siap bekerja penuh waktu.", ("Ruth Esterlina boru Tambunan", "anggota", "PPK", "12.71.07")),
    ("Rahmi Yulianti, yang kini resmi menjadi anggota PPS Kelurahan Sukaluyu, Kecamatan Cibeunying Kaler, mengaku "
     "langsung bekerja membantu pantarlih di kelurahan itu.", ("Rahmi Yulianti", "anggota", "PPS", "32.73.18.1002")),
    # ... but a title inside the clause is the person's own ("yang juga anggota DKPP, NAME")
    ("Ketua majelis sidang yang juga anggota DKPP, Johan Saragih, menyatakan teradu melanggar kode etik.",
     ("Johan Saragih", "anggota", "OTHER", "")),
    # a bare kabupaten after "Sekretaris Daerah" is its region, not the name; "Setdakab" is the regional government
    ("Sekretaris Daerah Manggarai Timur, Bonifasius Sai, yang hadir di Borong, mengingatkan anggota PPS agar netral.",
     ("Bonifasius Sai", "sekretaris daerah", "PEMDA", "53.19")),
    ("Asisten Pemerintahan dan Kesra Setdakab Pasaman Barat, Junaidi Lubis, yang mewakili Pj Bupati, meminta "
     "anggota PPS bersikap netral.", ("Junaidi Lubis", "asisten", "PEMDA", "13.12")),
    ("Asisten Bidang Perekonomian dan Pembangunan Setdako Bengkulu, Rudi Hartono, mengatakan honor sudah disiapkan.",
     ("Rudi Hartono", "asisten", "PEMDA", "17.71")),
    ("Sementara itu, anggota Komisi I DPRD Lampung Timur, Hendra Saputra Gultom, meminta KPU mempercepat "
     "pembayaran honor.", ("Hendra Saputra Gultom", "anggota", "DPRD", "18.07")),
    ("Kordiv Sosdiklih, Parmas dan SDM KPU Tanjabtim, Fitri Yanti, menambahkan pihaknya mendorong keterwakilan "
     "perempuan.", ("Fitri Yanti", "anggota", "KPU", "15.07")),
    # replacement members ("PPK PAW"); a party's lawyer at a hearing; the trade office that hosts the PPLN Taipei
    ("KPU Katingan melantik PPK. Salah satu anggota PPK PAW Katingan Kuala, Rahmat Hidayatullah, mengaku siap "
     "bekerja di pesisir.", ("Rahmat Hidayatullah", "anggota", "PPK", "62.06.10")),
    ("Kuasa hukum pengadu, Yulianus Magal, dalam persidangan menyebutkan rekomendasi itu tidak dijalankan KPU.",
     ("Yulianus Magal", "kuasa hukum", "OTHER", "")),
    ("Kepala KDEI Taipei, Wahyu Pramudito, dalam sambutannya meminta para petugas menjaga netralitas.",
     ("Wahyu Pramudito", "kepala kdei", "OTHER", "")),
    ("Perbekel Yehembang, I Nyoman Sutama Jaya, meminta anggota KPPS menjaga netralitas di TPS.",
     ("I Nyoman Sutama Jaya", "perbekel", "PEMDA", "")),
    # a second title after "selaku"; commanders written out; a Koramil's number; "Salah satu PKD"; Simalungun's nagori
    ("Hadir menyaksikan, Anggota Bawaslu Provinsi Papua Tengah selaku Koordinator Divisi Sumber Daya Manusia, "
     "Organisasi, Pendidikan dan Pelatihan, Maria Goreti Kotouki. Dalam arahannya, Maria meminta Panwaslu Distrik "
     "memahami kekhasan pemilihan di Papua Tengah.", ("Maria Goreti Kotouki", "anggota", "BAWASLU", "94")),
    ("Komandan Kodim 1307/Poso, Letkol Inf I Made Sudarsana, yang hadir dalam pelantikan itu menyatakan TNI siap "
     "mendukung seluruh tahapan Pilkada.", ("I Made Sudarsana", "dandim", "TNI", "")),
    ("Kapolres Tanah Bumbu, AKBP Bambang Setiawan Nugroho, yang hadir bersama Dandim 1022/Tanah Bumbu, menyatakan "
     "jajarannya siap mendukung tugas pengawas.", ("Bambang Setiawan Nugroho", "kapolres", "POLRI", "63.10")),
    ("Senada, Danramil 414-01/Manggar Kapten Inf Sugeng Riyadi menuturkan babinsa di setiap desa sudah diperintahkan "
     "memantau situasi.", ("Sugeng Riyadi", "danramil", "TNI", "")),
    ("Bawaslu Pasangkayu melantik PKD. Salah satu PKD yang dilantik, Ni Luh Putu Ariani dari Desa Martasari, mengaku "
     "siap menjalankan tugas di desanya.", ("Ni Luh Putu Ariani", "anggota", "BAWASLU", "")),
    ("Salah seorang anggota PPS Nagori Sidamanik, Kecamatan Sidamanik, Hotmaida Damanik, mengaku sudah tiga kali "
     "menjadi penyelenggara ad hoc.", ("Hotmaida Damanik", "anggota", "PPS", "12.08.09.2002")),
    # "Pengganti Antarwaktu (PAW)" after the title is no name: the person is the one sworn in "sebagai" it
    ("Ketua Bawaslu Maluku melantik Fatma Rumalutur sebagai anggota Bawaslu Kabupaten Seram Bagian Timur (SBT) "
     "Pengganti Antarwaktu (PAW). Usai dilantik, Fatma mengaku akan segera kembali ke Bula untuk bekerja.",
     ("Fatma Rumalutur", "anggota", "BAWASLU", "81.05")),
    # a region abbreviation the gazetteer lacks ("KPU BS"); offices written out; "Hi." before a name; the occasion
    # between name and verb; a one-word place abroad inside a name ("Wina" is Vienna, and a given name)
    ("Ketua KPU BS, Sulaiman Jayakusuma, S.Pd, mengatakan jumlah KPPS yang dibutuhkan sebanyak 3.374 orang.",
     ("Sulaiman Jayakusuma", "ketua", "KPU", "")),
    ("Anggota KPU BS Koordinator Divisi Sosialisasi dan SDM, Meli Herawati, menjelaskan batas usia pendaftar "
     "minimal 17 tahun.", ("Meli Herawati", "anggota", "KPU", "")),
    ("Kepala Dinas Kesehatan BS, dr. Rini Oktaviani, memastikan seluruh Puskesmas melayani pemeriksaan kesehatan.",
     ("Rini Oktaviani", "kepala dinas", "PEMDA", "")),
    ("Wakil Bupati Halmahera Timur, Hi. Idrus Sangadji, S.Sos, menghadiri pelantikan. Dalam sambutannya, Wabup Idrus "
     "Sangadji mengatakan Pemerintah Daerah mendukung penuh pengawasan.",
     ("Idrus Sangadji", "wakil bupati", "PEMDA", "82.06")),
    ("Kepala Badan Kesatuan Bangsa dan Politik (Kesbangpol) Halmahera Timur, Nurlaila Abdul Kadir, S.E., dalam "
     "kesempatan yang sama menyampaikan bahwa Pemda membentuk desk Pemilu.",
     ("Nurlaila Abdul Kadir", "kepala kesbangpol", "PEMDA", "82.06")),
    ("Kepala Bakesbangpol Ngawi, Teguh Wicaksono, meminta para camat ikut menyebarluaskan informasi pendaftaran.",
     ("Teguh Wicaksono", "kepala kesbangpol", "PEMDA", "35.21")),
    ("Sementara itu, Ketua Bawaslu Kubar, Elisabeth Wina, menyatakan pihaknya melakukan pengawasan melekat.",
     ("Elisabeth Wina", "ketua", "BAWASLU", "64.07")),
    # an apposition with "yang" between the name and the verb
    ("KPU Inhil melantik Dewi Anggraini sebagai anggota PPK Kempas pengganti antarwaktu.\n\nDewi Anggraini, anggota "
     "PPK Kempas yang baru dilantik, mengaku siap bekerja mengejar ketertinggalan.",
     ("Dewi Anggraini", "anggota", "PPK", "14.04.19")),
    # police and army offices written out; the Aceh assistant; "yang dilantik adalah NAME"; a DKPP respondent's
    # number is no part of the name; a village of three words before the name
    ("Kabag Ops Polres Kobar Kompol Dedi Kurniawan menambahkan, pengawalan paling menantang ada di wilayah sungai.",
     ("Dedi Kurniawan", "kabag ops", "POLRI", "62.01")),
    ("Komandan Kodim (Dandim) 0425/Seluma, Letkol Inf I Gusti Ngurah Wirawan, dalam kesempatan itu meminta PTPS "
     "tidak gentar.", ("I Gusti Ngurah Wirawan", "dandim", "TNI", "")),
    ("Asisten Pemerintahan dan Keistimewaan Aceh Setdakab Aceh Tengah, Drs. Mursyid Bintara, M.Si., menyampaikan "
     "dukungan pemerintah daerah.", ("Mursyid Bintara", "asisten", "PEMDA", "11.04")),
    ("Anggota PPS yang dilantik adalah Siti Maimunah. Siti Maimunah mengaku siap bekerja sejak hari ini juga.",
     ("Siti Maimunah", "anggota", "PPS", "")),
    ("DKPP menjatuhkan sanksi pemberhentian tetap kepada Teradu III Marselinus Nahak selaku Anggota KPU Kabupaten "
     "Belu. Marselinus Nahak mengatakan akan menempuh upaya hukum lain.",
     ("Marselinus Nahak", "anggota", "KPU", "53.04")),
    ("Ketua PPS Sungai Durait Hilir, Ahmad Rizani, menuturkan air mulai masuk ke sekretariat sejak Sabtu (6/1).",
     ("Ahmad Rizani", "ketua", "PPS", "")),
    # Aceh's Bawaslu written out; "Tanjab Barat"
    ("Pelantikan turut dihadiri Ketua Panitia Pengawas Pemilihan (Panwaslih) Kabupaten Pidie Jaya, Tgk. Muhammad "
     "Yusran. Dalam kesempatan itu Yusran mengingatkan PPS agar tidak terlibat politik praktis.",
     ("Muhammad Yusran", "ketua", "BAWASLU", "11.18")),
    ("Anggota KPU Tanjab Barat Koordinator Divisi Sosialisasi dan SDM, Rini Oktaviani, menjelaskan tahapan seleksi "
     "terdiri atas tiga tahap.", ("Rini Oktaviani", "anggota", "KPU", "15.06")),
    # a passive speech verb after what was said ("Keluhan serupa disampaikan NAME")
    ("Keluhan serupa disampaikan Wagiyem, anggota KPPS di Desa Sumberejo. Ia mengaku mendengar honor akan dipotong.",
     ("Wagiyem", "anggota", "OTHER", "")),
])
def test_more_ways_officials_are_written(make_doc, text: str, official: tuple[str, str, str, str]) -> None:
    doc = make_doc(text)
    _, officials = _extract(doc)
    assert [(o.name, o.role, o.org_type, o.region_code) for o in officials] == [official]


def test_a_name_s_other_form_is_the_same_speaker(make_doc) -> None:
    doc = make_doc("Ketua KPU Kota Denpasar I Gusti Ngurah Rai Wirawan, yang akrab disapa Gung Rai, menjelaskan "
                   "setiap kecamatan mendapat lima anggota PPK. “Kami siap bekerja keras untuk pilkada,” kata Gung "
                   "Rai.\n\nKetua PPK Cikupa, Ahmad Zaenudin (Jenal), mengatakan anggotanya siap menjalankan pakta "
                   "integritas. “Kami sudah sepakat tidak bermedia sosial soal politik,” ujar Jenal.")
    assert _speakers(doc) == ["I Gusti Ngurah Rai Wirawan"] * 2 + ["Ahmad Zaenudin"] * 2
    # a party or place in parentheses is no other name of the person
    doc = make_doc("Ketua DPRD Kota Serang, Budi Rustandi (Gerindra), mengatakan bahwa pelantikan yang digelar "
                   "di aula itu berjalan dengan lancar dan tertib. Menurut Gerindra, semua kader partai itu akan "
                   "mendukung penyelenggara di kota ini dan tidak akan ikut campur.")
    assert _speakers(doc) == ["Budi Rustandi"]


def test_a_person_named_again_by_a_title_only_they_hold(make_doc) -> None:
    doc = make_doc("Sekretaris Daerah (Sekda) Kabupaten Lombok Tengah, H. Lalu Wiratmaja Hadi, mewakili Bupati "
                   "menghadiri pelantikan. Ketua KPU Kabupaten Lombok Tengah, Lalu Darmawan, mengatakan seleksi "
                   "berjalan ketat. Ketua KPU itu menambahkan, 14 anggota PPK adalah perempuan dari banyak kecamatan. "
                   "Dalam sambutannya, Sekda menyampaikan apresiasi kepada KPU atas proses seleksi yang transparan. "
                   "“Tahun politik sudah dimulai, jangan berfoto bersama bakal calon,” tegas Sekda.")
    assert _speakers(doc) == ["Lalu Darmawan", "Lalu Darmawan", "Lalu Wiratmaja Hadi", "Lalu Wiratmaja Hadi"]


def test_a_cue_followed_by_an_office_is_not_the_last_speaker(make_doc) -> None:
    doc = make_doc("Marselinus Nahak, anggota KPU Kabupaten Belu, hadir di sidang itu. \"Menjatuhkan sanksi "
                   "pemberhentian tetap kepada Teradu Marselinus Nahak sejak putusan dibacakan,\" ucap ketua majelis.")
    quotes, _ = _extract(doc)
    assert [q.speaker for q in quotes if q.quote_type == "direct"] == []
    doc = make_doc("\"Bimtek ulang kami fokuskan ke ketua KPPS,\" ujar anggota KPU Banjarbaru Divisi Teknis "
                   "Penyelenggaraan, Siti Aisyah Nurjanah.")
    quotes, _ = _extract(doc)
    assert [q.speaker for q in quotes] == ["Siti Aisyah Nurjanah"]
