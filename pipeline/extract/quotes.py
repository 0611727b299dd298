"""Officials quoted: who said what, with their title, organisation and region.

Three passes over the text, in reading order:
1. person mentions: a title with its organisation and region, then a name ("Ketua KPU Kota Bogor,
   Muhammad Habibi"), the same after the name ("Budi, Ketua Bawaslu X,"), names after a cue word
   ("kata Habibi"), and PER entities when a NER model is loaded;
2. statements: direct quotes with their cue ("...," katanya / kata Habibi / Ia mengatakan, "..."),
   indirect ones (Habibi menegaskan, ...; Menurutnya, ...; Demikian disampaikan X);
3. speakers: a short name ("Habibi", "Anto") is the person whose fuller name holds it; -nya cues and
   pronouns ("Ia", "Dia", "Pihaknya") are the last speaker.
Only people with a title and at least one statement become officials; the quotes of other named
speakers (a resident, a voter) stay in the quotes table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import vocab
from pipeline.extract.bodies import BodyMention
from pipeline.extract.regions import RegionMention, foreign_place_end
from pipeline.gazetteer import gazetteer
from pipeline.names import name_key, strip_particles
from pipeline.records import Document, Official, Quote

BODY_ORG = {"KPU": "KPU", "BAWASLU": "BAWASLU", "PPK": "PPK", "PPS": "PPS", "PANWASCAM": "BAWASLU",
            "PKD": "BAWASLU", "PTPS": "BAWASLU"}
_HONORIFIC = r"(?:(?:H|Hj|Hi|Dr|dr|drg|drh|Drs|Dra|Ir|Prof|KH|K\.H|Ust|Ustaz|Ustadz|Ny|Pdt|Pnt|Tgk|Tgk\.H)\.?\s+)"
#: abbreviated first names: "M. Arif", "Moch. Arif", "Muh. Yusuf", "Abd. Rahman"
_ABBREVIATED = r"(?:M|Moch|Mochd|Moh|Mohd|Muh|Mhd|Abd|Ach|Achm)\.\s*(?=[A-Z][a-z])"
_NAME = (rf"{_HONORIFIC}*(?:(?:I|Ni)\s+)?(?:{_ABBREVIATED})?[A-Z][a-zA-Z'’\-]+"
         rf"(?:\s+(?:Dt\.|(?:Moh|Muh|Abd|Moch|Hi)\.(?=\s+[A-Z])|(?:I|Ni|da|de|dos|van|der)(?=\s+[A-Z][a-z])|[A-Z][a-zA-Z'’\-]+|[A-Z]\.|bin|binti|br\.?|boru))"
         rf"{{0,5}}")
_DEGREES = r"(?:\s*,\s*(?:[A-Z][A-Za-z]{0,4}\.){1,3}(?:\s?[A-Z][a-z]{0,3}\.?)?)*"


@dataclass
class Person:
    """One person of the article, with every form of the name seen."""

    name: str
    role: str = ""
    org_type: str = ""
    region_code: str = ""
    region: str = ""
    title: str = ""
    start: int = 0
    end: int = 0
    forms: set[str] = field(default_factory=set)

    def tokens(self) -> set[str]:
        return {t for f in self.forms for t in name_key(f).split()}


@dataclass
class Statement:
    person: Person
    quote: str
    quote_type: str
    cue: str
    start: int
    end: int


@dataclass(frozen=True)
class _Vocab:
    """The compiled vocabularies of this module (titles, speech verbs, organisation words, ...)."""

    titles: tuple[tuple[str, ...], ...]  # (pattern, role, org type), longest pattern first
    title_rx: re.Pattern[str]  # alternative N is the named group tN
    cue: list[str]
    verb_rx: re.Pattern[str]
    passive_rx: re.Pattern[str]
    org_rx: re.Pattern[str]
    orgs: dict[str, str]  # organisation word -> org type
    not_names: frozenset[str]  # words never in a name, and one-word places abroad (see `places`)
    places: frozenset[str]  # one-word places abroad ("Tokyo", "Wina"): no name starts with one, but "Elisabeth Wina"
    pronouns: frozenset[str]
    post_cue_rx: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    titles = tuple(sorted(vocab.rows("titles.tsv"), key=lambda r: -len(r[0])))  # longest alternative first
    alternatives = vocab.dispatch_alternation([f"(?P<t{i}>{r[0]})" for i, r in enumerate(titles)], re.IGNORECASE)
    title_rx = vocab.word_rx(alternatives, re.IGNORECASE)
    speech = vocab.rows("speech_verbs.tsv")
    kinds: dict[str, list[str]] = {}
    for kind, word in speech:
        kinds.setdefault(kind, []).append(word.rstrip(","))
    orgs = {w: t for w, t in vocab.rows("org_words.tsv")}
    return _Vocab(
        titles=titles,
        title_rx=title_rx,
        cue=kinds["cue"],
        verb_rx=vocab.word_rx(vocab.dispatch_alternation(vocab.phrases(kinds["verb"]), re.IGNORECASE), re.IGNORECASE),
        passive_rx=re.compile(rf"(?<![\w-])(?:{vocab.alternation(kinds['passive'])})\s+(?:oleh\s+)?",
                              re.IGNORECASE),
        org_rx=re.compile(rf"(?:{vocab.alternation(list(orgs))})\b"),
        orgs=orgs,
        not_names=frozenset(vocab.words("not_names.txt")) | frozenset(
            r[0].lower() for r in vocab.rows("foreign_places.txt") if " " not in r[0]),
        places=frozenset(r[0].lower() for r in vocab.rows("foreign_places.txt") if " " not in r[0])
        - frozenset(vocab.words("not_names.txt")),
        pronouns=frozenset(kinds["pronoun"] + ["pihaknya"]),
        post_cue_rx=re.compile(rf"\s*,?\s*(?P<cue>(?i:{'|'.join(kinds['cue'])}))(?P<nya>nya)?(?![\w-])"
                               rf"(?:\s+(?P<who>(?i:dia|ia|beliau)\b|{_NAME}))?"),
    )


def speech_verb_rx() -> re.Pattern[str]:
    """Verbs that report a statement ("mengatakan", "menegaskan", ...)."""
    return _vocab().verb_rx


_NUMBER_WORDS = "|".join(r[0] for r in vocab.rows("number_words.tsv"))
_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(?:\d+|(?i:{_NUMBER_WORDS}))\s+(?:orang\s+)?$")
#: Between a name and the title that follows it: "NAME selaku TITLE", "NAME, yang kini resmi menjadi TITLE"
_AS_TITLE = (r"(?:selaku\s+|sebagai\s+|yang\s+juga\s+|yang\s+(?:kini\s+|sekarang\s+|saat\s+ini\s+)?(?:resmi\s+)?"
             r"(?:menjadi|menjabat(?:\s+sebagai)?|merupakan)\s+)")
_ONE_OF = re.compile(r"(?i:salah)\s+(?:satu|seorang)\s+$")
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")


def _trim_name(raw: str) -> str:
    """Cut a capitalised run at the first word that is never part of a name."""
    not_names, places = _vocab().not_names, _vocab().places
    months = _months()
    toks = raw.split()
    out = []
    for i, tok in enumerate(toks):
        word = tok.strip(".,").lower()
        if word in not_names and not (word in months and i and i + 1 < len(toks)) and not (i and word in places):
            break  # a month between two name words is a name ("Lie Mei Hwa"); "Budi Mei 2024" is cut
        out.append(tok)
    return " ".join(out).strip(" ,")


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(r[0].lower() for r in vocab.rows("months.tsv"))


def _wordish(ch: str) -> bool:
    """A character of a word for the name boundaries (a regex's `[\\w-]`)."""
    return ch.isalnum() or ch in "_-"


#: Title words too general to name one person by themselves.
_GENERIC_TITLES = frozenset({"ketua", "anggota", "wakil", "kepala", "koordinator", "sekretaris", "staf", "plt", "plh"})


class People:
    """The persons of one article, found and resolved in reading order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.title_spans: list[tuple[int, int]] = []  # "Ketua KPU Kota Bogor" before or after a name
        self._names: tuple[int, dict[str, Person]] | None = None
        self._titles: tuple[tuple[str, ...], dict[str, Person]] | None = None

    def _owners(self) -> dict[str, Person]:
        """Every name form and name word (3+ letters) of the persons, with the person it belongs to."""
        version = sum(len(p.forms) for p in self.persons)
        if self._names is None or self._names[0] != version:
            owners: dict[str, Person] = {}
            for p in self.persons:
                for form in p.forms:
                    for tok in [form, *form.split()]:
                        if len(tok) >= 3:
                            owners.setdefault(tok, p)
            for form, p in self.title_forms().items():
                owners.setdefault(form, p)
            self._names = (version, owners)
        return self._names[1]

    def title_forms(self) -> dict[str, Person]:
        """Short forms of titles that only one person of the article holds, by which the article goes on
        to name them: "Sekda" ("Sekretaris Daerah (Sekda) Kabupaten Lombok Tengah, NAME"), "Kapolres",
        "Ketua KPU" ("Ketua KPU itu menambahkan")."""
        version = tuple(p.title for p in self.persons)
        if self._titles is not None and self._titles[0] == version:
            return self._titles[1]
        holders: dict[str, set[int]] = {}
        for i, p in enumerate(self.persons):
            words = p.title.split()
            forms = set(re.findall(r"\(([A-Z][A-Za-z]{2,10})\)", p.title)) | set(words[:1]) | {" ".join(words[:2])}
            for f in forms:
                if f and f[0].isupper() and len(f) >= 4 and f.lower() not in _GENERIC_TITLES:
                    holders.setdefault(f, set()).add(i)
        forms = {f: self.persons[next(iter(ids))] for f, ids in holders.items() if len(ids) == 1}
        self._titles = (version, forms)
        return forms

    def last_mention(self, window: str) -> tuple[int, Person] | None:
        """(end, person) of the last name form or name word in `window`, whole words only.

        Of mentions ending at the same place the longest wins ("Agus Santoso" over "Santoso"). Plain
        string search: a regex of the names would have to be compiled for every article.
        """
        best: tuple[int, int, Person] | None = None
        for form, person in self._owners().items():
            i = window.find(form)
            while i >= 0:
                j = i + len(form)
                if (i == 0 or not _wordish(window[i - 1])) and (j == len(window) or not _wordish(window[j])) and (
                        best is None or (j, len(form)) > best[:2]):
                    best = (j, len(form), person)
                i = window.find(form, i + 1)
        return (best[0], best[2]) if best else None

    def add(self, name: str, start: int, end: int, **info: str) -> Person | None:
        clean = strip_particles(name)
        if not clean or not re.search(r"[a-z]", clean):
            return None
        person = self.find(clean)
        if person is None:
            person = Person(name=clean, start=start, end=end)
            self.persons.append(person)
        person.forms.add(clean)
        if len(clean) > len(person.name):
            person.name = clean
        for k, v in info.items():
            if v and not getattr(person, k):
                setattr(person, k, v)
        return person

    def title_start(self, person: Person) -> int | None:
        """Where the title written right before the person's name starts ("Ketua KPU X, NAME"), if any."""
        return next((a for a, b in self.title_spans if a <= person.start <= b + 3), None)

    def find(self, name: str) -> Person | None:
        """The person a (possibly short) name refers to, if exactly one fits."""
        toks = name_key(name).split()
        by_title = self.title_forms().get(name.strip())
        if by_title is not None:
            return by_title  # "tegas Sekda", "Ketua KPU itu menambahkan"
        if not toks:
            return None
        hits = [p for p in self.persons if set(toks) <= p.tokens()]
        if not hits and len(toks) == 1 and len(toks[0]) >= 3:
            t = toks[0]
            hits = [p for p in self.persons if any(x.endswith(t) or x.startswith(t) for x in p.tokens())]
        if not hits:
            full = set(toks)
            hits = [p for p in self.persons if p.tokens() and p.tokens() < full]
        return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _division_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Division phrases: "Divisi Sosialisasi, Pendidikan Pemilih dan SDM" (words in data/division_words.txt)."""
    words = rf"(?:{vocab.alternation([r[0].rstrip(',') for r in vocab.rows('division_words.txt')])})"
    run = rf"(?:\s*,?\s*(?:{words}|dan|&|serta)(?![\w]))+"
    # after the organisation: "Anggota KPU Garut Ketua Divisi Hukum ..., NAME", "... Bawaslu X Koordinator Divisi ..."
    lead = r"(?:Kordiv|Kadiv|(?:(?:Koordinator|Ketua|Kepala)\s+)?Divisi)"
    # ... also after "selaku" or "sekaligus": "Anggota Bawaslu Provinsi Papua Tengah selaku Koordinator Divisi ..."
    return re.compile(run), re.compile(rf"\s*,?\s+(?:(?:selaku|sekaligus)\s+)?{lead}{run}")


#: Between a title and a second one of the same person: "Anggota Bawaslu X yang juga Koordinator Divisi ..."
_ALSO = re.compile(r"\s*,?\s*yang\s+juga\s+(?:menjabat\s+)?(?:sebagai\s+)?", re.IGNORECASE)

#: A name's other form written right after it: "Ahmad Zaenudin (Jenal)", "NAME, yang akrab disapa Gung Rai,"
_ALIAS = re.compile(r"\s*(?:\((?P<p>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)\)|,\s*(?:yang\s+)?(?:(?:akrab|biasa|karib)\s+)?"
                    r"(?:disapa|dipanggil|disebut)\s+(?P<c>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)\s*,)")


@lru_cache(maxsize=1)
def _after_clause_rx() -> re.Pattern[str]:
    """A relative or 'from' clause between a title and the name, closed by a comma: "Anggota PPK Porsea
    yang baru dilantik, Jonggi Hutapea, mengaku ...", "Ketua PPLN Osaka, yang sehari-hari bekerja ..., NAME"."""
    return re.compile(rf"\s*,?\s+(?:yang|dari|asal)\s[^,.;:“”\"()]{{1,100}},\s*(?P<name>{_NAME}){_DEGREES}"
                      rf"(?:\s*,|\s+(?=(?:dari|asal)\s))?\s*")


#: "Anggota PPS yang dilantik adalah NAME": the person after the title
_SWORN_IS = re.compile(rf"\s+yang\s+(?:baru\s+)?dilantik\s+(?:adalah|yakni|yaitu|ialah)\s+(?P<name>{_NAME})")

#: Titles after which a bare place name may stand before the person ("Ketua PPS Gedangsewu, Sugeng").
_PLACE_FIRST = re.compile(r"\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s*,\s*(?=[A-Z])")
_PLACE_ROLES = frozenset({"camat", "lurah", "kepala desa", "kapolsek", "danramil", "kapolres", "dandim", "perbekel",
                          "wali nagari", "geuchik", "kepala kampung", "sangadi", "kepala lembang"})


def _titled(text: str, regions: list[RegionMention], bodies: list[BodyMention], people: People) -> None:
    """Register "TITLE [ORG] [REGION][,] NAME" and "NAME, TITLE [ORG] [REGION]," mentions."""
    v = _vocab()
    titles = v.titles
    body_at = {b.start: b for b in bodies}
    outer: tuple[int, int, str, str, RegionMention | None] | None = None  # the last title: start, end, role, org
    for m in v.title_rx.finditer(text):
        if _COUNT_BEFORE.search(text[max(0, m.start() - 25):m.start()]) and not _ONE_OF.search(
                text[max(0, m.start() - 25):m.start()]):
            continue  # "tujuh anggota PPLN Tokyo": a count of members, not a title ("salah satu anggota" is one)
        assert m.lastgroup, "every alternative of title_rx is a named group"
        idx = int(m.lastgroup[1:])  # the (?P<tN>...) alternative that matched
        _, role, org_type = titles[idx]
        org_type = "" if org_type == "-" else org_type
        pos = m.end()
        paren = re.match(r"\s*\([A-Za-z. ]{2,12}\)", text[pos:])
        if paren:
            pos += paren.end()
        if "divisi" in m.group(0).lower() or m.group(0).lower().startswith(("kadiv", "kordiv")):
            div = _division_rx()[0].match(text, pos)
            pos = div.end() if div else pos
        region: RegionMention | None = None
        ws = len(text[pos:]) - len(text[pos:].lstrip(" "))
        b = body_at.get(pos + ws)
        if b is not None:
            org_type = org_type or BODY_ORG.get(b.body, "OTHER")
            pos = b.end
            paw = re.match(r"\s+PAW\b", text[pos:pos + 5])  # "anggota PPK PAW Katingan Kuala, NAME"
            pos += paw.end() if paw else 0
            region = b.region
            if b.national:
                nat = re.match(r"\s*(RI|Republik Indonesia|Pusat)\b", text[pos:])
                pos += nat.end() if nat else 0
        else:
            om = v.org_rx.match(text, pos + ws)
            if om:
                org_type = org_type or v.orgs[om.group(0)]
                pos = om.end()
        if region is None:  # "Ketua KPU BS, NAME": an abbreviated region the gazetteer does not know
            abbr = re.match(r"\s+[A-Z]{2,5}(?=\s*,|\s+(?:Koordinator|Kordiv|Kadiv|Ketua\s+Divisi|Divisi)\b)",
                            text[pos:pos + 40])
            pos += abbr.end() if abbr and b is not None else 0
        if region is not None:
            pos = max(pos, region.end)
        else:
            r = next((r for r in regions if r.start <= pos + 1 and r.end > pos - 5 and r.start >= m.start()), None)
            if r is not None:
                region, pos = r, r.end
        while region is not None:  # "Ketua PPS Kelurahan Sukaluyu, Kecamatan Cibeunying Kaler, NAME"
            chain = re.match(r"\s*,\s*", text[pos:pos + 4])
            nxt = next((r for r in regions if chain and r.start == pos + chain.end()), None)
            if nxt is None:
                break
            pos = nxt.end
        if region is not None and org_type == "POLRI":
            unit = re.match(r"\s+(?:Kota|Kabupaten)\b", text[pos:])  # "Kapolres Tasikmalaya Kota AKBP ..."
            pos += unit.end() if unit else 0
        pos = foreign_place_end(text, pos)
        div = _division_rx()[1].match(text, pos)
        pos = div.end() if div else pos
        # "Ketua KPU Kabupaten Luwu Utara (Lutra), NAME", "Anggota PPS baru itu, NAME,"
        tail = re.match(r"\s*\([A-Z][A-Za-z]{1,10}\)|\s+(?:baru\s+)?(?:itu|tersebut)(?=\s*,)", text[pos:pos + 20])
        pos += tail.end() if tail else 0
        title_start = m.start()
        if outer and outer[3] and not org_type and _ALSO.fullmatch(text, outer[1], m.start()):
            # "Anggota Bawaslu Banyumas yang juga Koordinator Divisi SDM, NAME": the organisation's title
            title_start, _, role, org_type, region = outer
        outer = (title_start, pos, role, org_type, region)
        if not org_type and role in ("ketua", "anggota", "wakil ketua", "sekretaris"):
            continue  # "ketua RT", "anggota keluarga": not an official of a known organisation
        if (role in _PLACE_ROLES or org_type in ("PPK", "PPS")) and region is None:
            place = _PLACE_FIRST.match(text, pos)
            if place and people.find(place.group("place")) is None:
                pos = place.end() - 1
        title_text = text[title_start:pos]
        info = {"role": role, "org_type": org_type or "OTHER", "title": re.sub(r"\s+", " ", title_text).strip(" ,"),
                "region_code": region.region.code if region and region.region else "",
                "region": region.region.name if region and region.region else ""}
        nm = re.match(rf"\s*,?\s*(?P<name>{_NAME}){_DEGREES}", text[pos:])
        if nm and v.title_rx.match(text, pos + nm.start("name")):
            nm = None  # "dihadiri Sekretaris Daerah Kabupaten Sintang, Kapolres Sintang AKBP NAME": a list of titles
        if nm is None:  # "Anggota PPS yang dilantik adalah Siti Maimunah"
            nm = _SWORN_IS.match(text, pos)
            if nm:
                pos = nm.start("name")
                nm = re.match(rf"(?P<name>{_NAME}){_DEGREES}", text[pos:])
        if nm is None:  # "Anggota PPK Porsea yang baru dilantik, NAME," "Anggota DPRD dari dapil Toba I, NAME,"
            nm = _after_clause_rx().match(text, pos)
            if nm and (v.title_rx.match(text, nm.start("name")) or v.title_rx.search(text, pos, nm.start("name"))
                       or not (nm.group(0).rstrip().endswith(",") or v.verb_rx.match(text, nm.end())
                               or re.match(r"(?:dari|asal)\s", text[nm.end():nm.end() + 6]))):
                # "Ketua KPU yang hadir, Bupati Lebak ...", "Ketua majelis yang juga anggota DKPP, NAME"; the name
                # is closed by a comma or followed by a speech verb ("..., Dr. Bayu Wardhana mengatakan")
                nm = None
            pos = pos if nm is None else nm.start("name")
            nm = nm and re.match(rf"(?P<name>{_NAME}){_DEGREES}", text[pos:])
        if nm:
            name = _trim_name(nm.group("name"))
            if name and len(name) >= 3:
                s = pos + nm.start("name")
                person = people.add(name, s, s + len(name), **info)
                if person:
                    people.title_spans.append((title_start, pos))
                    alias = _ALIAS.match(text, pos + nm.end())
                    other = alias and (alias.group("p") or alias.group("c"))
                    if other and not ({w.lower() for w in other.split()} & (v.not_names | vocab.words("parties.txt"))) \
                            and not v.org_rx.match(other):
                        person.forms.add(other)  # "NAME (Jenal)", "NAME, yang akrab disapa Gung Rai,"
                continue
        before = re.search(rf"(?P<name>{_NAME}){_DEGREES}\s*,?\s*(?:{_AS_TITLE})?$",
                           text[max(0, m.start() - 80):m.start()])
        lead_in = text[max(0, m.start() - 40):m.start()]  # "NAME, TITLE", "NAME selaku TITLE"
        if before and re.search(rf"(?:,\s*|\b{_AS_TITLE})$", lead_in):
            name = _trim_name(before.group("name"))
            if name and name.split()[0].lower() not in v.not_names:
                s = m.start() - 80 + before.start("name") if m.start() >= 80 else before.start("name")
                if people.add(name, s, s + len(name), **info):
                    people.title_spans.append((title_start, pos))


_PRONOUN = re.compile(r"(?<![\w-])(?:ia|dia|beliau|pihaknya|menurutnya)(?![\w-])", re.IGNORECASE)
_OTHER_SUBJECT = re.compile(r"\b(?:yang|dan|kepada|bahwa)\b")
#: "Budi, yang turut hadir, mengatakan", "Dewi, anggota PPK Kempas yang baru dilantik, mengaku": an apposition
_RELATIVE = re.compile(r",\s*(?:[^,\"“”]{0,60}?\s)?yang\b[^,]*,")
#: "NAME, yang hadir dalam pelantikan menyebut": a short relative clause running into the verb
_RELATIVE_TO_VERB = re.compile(r",\s*yang\b[^,\"“”]{0,50}$")
#: "NAME, kepada wartawan, mengatakan": who was spoken to, not another subject
_TO_PRESS = re.compile(r"\b(?:kepada|pada|di\s+hadapan)\s+(?:para\s+)?(?:wartawan|awak\s+media|jurnalis|media|pers)\b"
                       # ... or the occasion: "NAME, dalam kesempatan yang sama menyampaikan", "dalam sambutannya"
                       r"|\bdalam\s+(?:kesempatan|acara)\s+(?:yang\s+sama|itu|tersebut)\b"
                       r"|\bdalam\s+(?:sambutan|arahan|pidato)(?:nya)?\b", re.IGNORECASE)


def _speaker_before(text: str, lo: int, pos: int, people: People, current: Person | None) -> Person | None:
    """The person named (or pronoun) as the subject just before `pos`, within text[lo:pos]."""
    window = text[lo:pos]
    best = people.last_mention(window)  # the last name (or name word) of a person in the window
    pron = None
    for mm in _PRONOUN.finditer(window):
        pron = mm.end()
    if pron is not None and (best is None or pron > best[0]):
        return current
    if best is not None:
        gap = _TO_PRESS.sub("", _RELATIVE.sub(",", window[best[0]:]))  # "Budi, yang turut hadir, mengatakan"
        gap = _RELATIVE_TO_VERB.sub("", gap)
        # nothing that reads like another subject between the name and the verb
        if len(gap) < 90 and not _OTHER_SUBJECT.search(gap):
            return best[1]
    return None


def find_people(document: Document, regions: list[RegionMention], bodies: list[BodyMention]) -> People:
    """The titled people of a document (and PER entities when a NER model ran)."""
    people = People()
    _titled(document.text, regions, bodies, people)
    return people


def extract_quotes(document: Document, regions: list[RegionMention], bodies: list[BodyMention],
                   people: People | None = None) -> tuple[list[Quote], list[Official]]:
    """Quotes and officials of one document."""
    text = document.text
    _vocab()
    people = people or find_people(document, regions, bodies)
    _entity_people(document, people, regions)
    statements: list[Statement] = []
    current: Person | None = None
    sentences = document.sentences()
    for p_start, p_end in document.paragraphs or [(0, len(text))]:
        found = [qm for qm in _QUOTE.finditer(text, p_start, p_end)]
        # quotes and sentences in reading order, so that "katanya" meets the speaker introduced before it
        steps = sorted([(qm.start(), 1, qm) for qm in found]
                       + [(s, 0, (s, e)) for s, e in sentences if p_start <= s < p_end], key=lambda x: x[:2])
        for _, kind, item in steps:
            if kind == 0:
                s_start, s_end = item  # type: ignore[misc]
                if any(qm.start() <= s_start < qm.end() or s_start <= qm.start() < s_end for qm in found):
                    for p in people.persons:  # 'Ketua KPU X, Y, mengatakan, "..."': Y is the one speaking
                        if s_start <= p.start < s_end:
                            current = p
                    continue
                stmt = _indirect(text, s_start, s_end, people, current)
                if stmt:
                    statements.append(stmt)
                    current = stmt.person
                else:  # a titled introduction makes that person the one "katanya" refers to next
                    for p in people.persons:
                        if s_start <= p.start < s_end and _opens(text, s_start, p, people):
                            current = p
                continue
            stmt = _direct(text, item, p_start, p_end, people, current)  # type: ignore[arg-type]
            if stmt:
                statements.append(stmt)
                current = stmt.person
    return _rows(document, people, statements)


_TRANSITION = re.compile(r"\s*(?:(?:Sementara\s+itu|Selain\s+itu|Di\s+sisi\s+lain"
                         r"|Di\s+tempat\s+(?:yang\s+sama|terpisah)|Adapun|Sedangkan|Kemudian|Lalu|Hadir\s+pula"
                         r"|Menurut|Kata|Ujar|Salah\s+(?:satunya|seorang(?:nya)?|satu\s+\w+)|Di\s+antaranya)"
                         r"\s*,?\s*)?")


def _opens(text: str, s_start: int, p: Person, people: People) -> bool:
    """The person (or the title before the name) opens the sentence, as its subject: "Ketua KPU X,
    NAME, hadir ..." introduces NAME; "Pelantikan juga dipantau Dandim ... NAME" does not."""
    lead = _TRANSITION.match(text, s_start).end()  # an absolute offset
    title = people.title_start(p)
    return min(p.start, title if title is not None and title >= s_start else p.start) <= lead + 2


def _direct(text: str, qm: re.Match[str], p_start: int, p_end: int, people: People,
            current: Person | None) -> Statement | None:
    """A direct quote with its speaker: the cue after it, the verb before it, or the last speaker."""
    v = _vocab()
    qs, qe = qm.start(), qm.end()
    quote = qm.group(1).strip().rstrip(",")
    post = v.post_cue_rx.match(text, qe, p_end)
    speaker: Person | None = None
    cue = ""
    if post:
        cue = post.group("cue").lower() + (post.group("nya") or "")
        who = post.group("who")
        if who and who.lower() not in v.pronouns:
            name = _trim_name(who)
            speaker = people.find(name) if name else people.title_forms().get(who.split()[0])  # "tegas Sekda"
            if speaker is None and name and len(name.split()) >= 2:
                speaker = people.add(name, post.start("who"), post.start("who") + len(name))
            if speaker is None:  # '..." kata Ketua KPU Kota X, Ahmad': the titled person named there
                speaker = next((p for p in people.persons if post.start("who") <= p.start < p_end
                                and p.start - post.start("who") < 150), None)
        elif v.title_rx.match(text, post.end() + 1):
            # '..." ujar anggota KPU X Divisi ..., NAME': the person named after the title; '..." ucap ketua
            # majelis' with no name: someone known by an office only, not the last speaker
            speaker = next((p for p in people.persons if post.end() <= p.start < p_end
                            and p.start - post.end() < 200), None)
        else:
            speaker = current
    else:
        pre = re.search(rf"(?P<verb>{v.verb_rx.pattern}|(?i:{'|'.join(v.cue)}))\s*[:,]?\s*$",
                        text[max(p_start, qs - 120):qs], re.IGNORECASE)
        if pre:
            cue = pre.group("verb").lower()
            speaker = _speaker_before(text, max(p_start, qs - 200), qs - len(pre.group(0)), people, current)
        elif qs == p_start and len(quote.split()) >= 4:
            speaker = current  # a paragraph that opens with a quote continues the last speaker
    if speaker is None or len(quote.split()) < 3:
        return None
    return Statement(speaker, quote, "direct", cue, qs, qe)


#: What a passive speech verb reports, opening the sentence: "Demikian disampaikan NAME", "Keluhan serupa
#: disampaikan NAME", "Harapan itu diungkapkan NAME"
_PASSIVE_SUBJECT = re.compile(
    r"\s*(?:Demikian|Senada|(?:Hal|Keluhan|Pernyataan|Penjelasan|Harapan|Pendapat|Imbauan|Permintaan|Kritik|Pesan"
    r"|Ajakan|Tanggapan|Keterangan)(?:\s+(?:itu|ini|tersebut|senada|serupa|yang\s+(?:sama|senada|serupa)))?"
    r"\s+(?:juga\s+)?di)")


def _indirect(text: str, lo: int, hi: int, people: People, current: Person | None) -> Statement | None:
    """An indirect statement in sentence text[lo:hi]: "Habibi mengatakan, ...", "Menurutnya, ..."."""
    v = _vocab()
    sent = text[lo:hi]
    lead = re.match(r"\s*Menurut\s+", sent)
    if lead:  # "Menurut Ketua Bawaslu X, NAME, seleksi ...": the titled person named there
        title_at = lo + lead.end()
        for person in people.persons:
            if lo <= person.start < hi and people.title_start(person) == title_at:
                tail = re.match(rf"{_DEGREES}\s*,\s*", text[person.end:hi])
                if tail:
                    start = person.end + tail.end()
                    return Statement(person, text[start:hi].strip(), "indirect", "menurut", start, hi)
    acc = re.match(rf"\s*Menurut(?:nya|\s+(?P<who>{_NAME}))\s*,\s*", sent)
    if acc:
        who = acc.group("who")
        person = people.find(_trim_name(who)) if who else current
        if person:
            return Statement(person, sent[acc.end():].strip(), "indirect", "menurut", lo + acc.end(), hi)
        return None
    pas = v.passive_rx.search(sent)
    if pas and _PASSIVE_SUBJECT.match(sent):
        person = next((p for p in people.persons if lo + pas.end() <= p.start < hi), None)
        if person:
            return Statement(person, sent.strip(), "indirect", pas.group(0).strip().lower(), lo, hi)
    for vm in v.verb_rx.finditer(sent):
        rest = sent[vm.end():]
        if re.match(r"\s*[,:]?\s*[“\"]", rest):
            return None  # the direct quote that follows is the statement
        person = _speaker_before(text, lo, lo + vm.start(), people, current)
        if person is None:
            continue
        clause = re.sub(r"^\s*[,:]?\s*(?:bahwa\s+)?", "", rest).strip().rstrip("“\"").strip()
        if len(clause.split()) < 3:
            continue
        start = hi - len(rest) + (len(rest) - len(rest.lstrip(" ,:")))
        return Statement(person, clause, "indirect", vm.group(0).lower(), start, hi)
    return None


def _entity_people(document: Document, people: People, regions: list[RegionMention] = ()) -> None:
    """PER entities from the NER model, when one was loaded, as people without a title.

    Left out, as the model's likely mistakes or no speakers: an entity inside a direct quote, one
    overlapping a titled person's name or a region ("Bupati Nabire Yakobus Tebai" tagged "Nabire
    Yakobus"), a name of two words or more that is a region of the gazetteer ("Kembang Janggut", a
    kecamatan) and a single word that starts a sentence or line ("Tugas pertama mereka ...", "Halaman
    1/2"), where a capital letter says nothing; a short name of someone already known is found through
    that person anyway.
    """
    doc = document.doc
    if doc is None or not getattr(doc, "ents", None):
        return
    text = document.text
    starts = {s for s, _ in document.sentences()}
    taken = [(p.start, p.end) for p in people.persons] + [(r.start, r.end) for r in regions]
    taken += [(q.start(), q.end()) for q in _QUOTE.finditer(text)]  # a name inside a quote is no speaker
    for ent in doc.ents:
        if any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        if ent.label_ == "PER" and len(ent.text) >= 3 and people.find(ent.text) is None:
            name = _trim_name(ent.text)
            if not name or not re.match(r"[A-Z]", name):
                continue
            if " " not in name:
                before = text[max(0, ent.start_char - 2):ent.start_char]
                opening = ent.start_char - (len(before) - len(before.rstrip("“\"'‘(")))  # '"Alhamdulillah
                if opening == 0 or text[opening - 1] == "\n" or opening in starts:
                    continue
            elif gazetteer().lookup(name):  # one word may be both ("Bambang", "Agung" are kecamatan too)
                continue
            people.add(name, ent.start_char, ent.start_char + len(name))


def _rows(document: Document, people: People, statements: list[Statement]) -> tuple[list[Quote], list[Official]]:
    text = document.text
    aid = document.article_id
    quotes = []
    counts: dict[int, int] = {}
    for st in statements:
        p = st.person
        counts[id(p)] = counts.get(id(p), 0) + 1
        s, e = document.sentence_at(st.start)
        quotes.append(Quote(
            article_id=aid, speaker=p.name, role=p.role, org_type=p.org_type or "OTHER",
            region_code=p.region_code, quote=st.quote, quote_type=st.quote_type, cue=st.cue,
            start=st.start, end=st.end, evidence=text[s:e],
        ))
    officials = []
    for p in people.persons:
        if id(p) not in counts or not p.role:
            continue  # officials are people with a title; other speakers stay in the quotes table
        s, e = document.sentence_at(p.start)
        officials.append(Official(
            article_id=aid, name=p.name, role=p.role, org_type=p.org_type or "OTHER",
            region_code=p.region_code, region=p.region, title=p.title, n_quotes=counts[id(p)],
            evidence=text[s:e], start=p.start, end=p.end,
        ))
    return quotes, officials
