"""Dates extractor: date expressions in the cleaned text, resolved to calendar days, with a role.

Candidates are found with regexes (never `search_dates` over a whole text) and resolved by the
rules below; dateparser parses only day-month-year expressions whose month word is not in
`months.tsv` (English month names: "16 May 2024"). Vocabulary: `date_words.tsv`, `date_roles.tsv`,
`weekdays.tsv`, `months.tsv`, `events.tsv`.

Resolution
- Absolute: "Minggu 26 Mei 2024", "Senin, 6 Mei 2024", "(29/9/2024)", "29/09/2024", "2024-05-16".
  A month with no day ("Mei 2024") is not a day. A numeric day/month with no year counts only in
  the form "Kamis (16/5)" (a weekday or relative word, then the date in brackets): "(3/4)" alone
  may be a score. A weekday written with a date must agree with it, else there is no row (the
  outlet made an error somewhere); garbled numbers ("(12/110/203)") never match.
- Ranges "9-11 Maret 2024", "3-4 Juni", "9 hingga 11 Maret", "10 dan 11 Mei": two rows, the start
  day and the end day, both with the text and span of the whole range. "30 Mei - 2 Juni 2024" are
  two expressions; the first takes the year of the second.
- Missing year ("Kamis (16/5)", "16 Mei"). The reference date is the publication date, else the
  page's own timestamp line. With one: of the reference year and the years either side, the day
  nearest the reference, a day after it counting double (news mostly reports the recent past but
  also announces schedules); then the weekday check. Without one: only when a weekday is written,
  the first of the election year, the years of full dates in the text and decree years
  ("Nomor 8 Tahun 2022") on which the weekday agrees. Never a guess from today's date.
- Relative words ("hari ini", "kemarin", "besok", "lusa") and bare weekdays ("Senin", "Kamis
  malam", "Rabu lalu", "Senin depan") resolve only against a reference date. A bare weekday is the
  last such day on or before it, or the next on or after it when the clause before it speaks of the
  future ("akan", "dijadwalkan"); "lalu"/"kemarin" mean strictly before, "depan"/"mendatang"
  strictly after. Inside a direct quote they count from the statement day written after the quote
  ('"Hari ini ...," kata Nurul, Rabu (15/5/2024)'). "kemarin (15/5)" must agree with its date.
- "Minggu" is also "week": it is a weekday only when capitalised and in a date context (followed
  by "(", a date, a daypart or ", <date>"; or right after "pada", "hari", "sejak", "hingga",
  "sampai", "tanggal" or a comma); "Minggu lalu/depan" is a week. Weekdays after "setiap", "tiap",
  "Pasar" are not days. Any weekday must be capitalised.
- "kemarin" is "yesterday" only as a time adverb: after a weekday ("Senin kemarin"), after a comma,
  "(" or at a sentence start ("Kemarin, ..."), after "pada/sejak/hingga/sampai/hari/baru", or before
  "(", a daypart or a verb ("KPU kemarin melantik"), or closing the sentence ("... di Cilandak
  kemarin."); never after an election or period noun
  ("DPT Pileg kemarin", "Pemilu kemarin", "yang kemarin"), where it means "the last/previous".
- Not days: "pekan lalu", "minggu lalu", and "akhir pekan lalu" (a weekend is two days; picking the
  Saturday would be a guess). Decree numbers, articles, phone numbers, times, scores,
  percentages and money never match the patterns.
- "H-5 pemungutan suara" (or "H-3 Pilkada"): the voting day of the election the sentence (else the
  article) names, minus 5 days; only where that election's voting day is known (`voting_day` rows)
  and unique.

Roles (first that applies)
- publication: the expression sits on a short line holding nothing but a date, a time and timestamp
  words ("21 Mei 2024 - 10:05 WIB"); without a publication date, that day is the reference date.
- deadline: a deadline cue ("paling lambat", "batas akhir") within a few words before the date; or
  registration words in the sentence and "ditutup/berakhir" right before the date.
- election_day: a known national voting day (`voting_day` rows) in a sentence with an election or
  vote word; or "<Pilkada ...> (digelar) pada <date>" with no event word in that clause; or the
  governing cue (below) is a vote cue (pemungutan suara, pencoblosan, hari H; not the body names
  Panitia or Tempat Pemungutan Suara). An H-n day is never the voting day itself.
- other: a plan, a future word ("akan", "dijadwalkan") in the clause before the date.
- other: a tally "as of" a day: a sentence opening with "Hingga/Sampai/Per <date>," ("Hingga Jumat
  (3/5), tercatat 320 pendaftar").
- deadline: the end of a window: the second day of a range, or a date right after "hingga/sampai",
  in a sentence with registration words or an opening word ("mulai", "dibuka") before the date.
- event: the governing cue is an event word (events.tsv, "acara") or a statement verb within a few
  words ("kata Rudi, Jumat (7/7/2023)"), except that a statement day equal to the publication day
  is `publication` (the corpus gold convention); else, with no cue, any date written with a weekday
  or as a relative word (the news dateline convention "..., Senin (4/3/2024).").
- other: everything else.
The governing cue is the nearest cue before the date in its sentence, else the nearest after it; a
"happen" verb (digelar, berlangsung, dilaksanakan) takes the kind of the vote or event word before it
("pemungutan suara di Singapura digelar pada ..." is a voting day).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from pipeline import vocab
from pipeline.records import DateMention, Document

WORDS_FILE = "date_words.tsv"
ROLES_FILE = "date_roles.tsv"
MIN_YEAR, MAX_YEAR = 1945, 2100
#: How far before a date a deadline cue ("paling lambat") may stand, and "hingga" before a date.
DEADLINE_WINDOW = 40
UNTIL_WINDOW = 12
#: A clause "<Pilkada ...> pada <date>" is at most this long between the election word and the date.
ELECTION_GAP = 60
#: How far before its digits a date's weekday or relative word may start ("Minggu pagi, (").
PREFIX_REACH = 40
#: A statement verb marks a statement day only this close to the date ("kata Rudi, Jumat (7/7)").
STATEMENT_WINDOW = 50
#: A timestamp line is at most this long.
TIMESTAMP_LINE = 80


# --------------------------------------------------------------------------- vocabularies


@cache
def _words(kind: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `date_words.tsv` of one kind, without the kind column."""
    return tuple(r[1:] for r in vocab.rows(WORDS_FILE) if r[0] == kind and len(r) > 1)


@cache
def _wordset(kind: str) -> frozenset[str]:
    return frozenset(r[0].lower() for r in _words(kind))


@cache
def _weekday_mods() -> dict[str, str]:
    """A word after a weekday or a day and month -> which one it means: past, next, near."""
    return {r[0].lower(): r[1] for r in _words("weekday_mod")}


@cache
def _weekdays() -> dict[str, int]:
    return {k: int(v) for k, v in vocab.mapping("weekdays.tsv").items()}


@cache
def _months() -> dict[str, int]:
    return {k: int(v) for k, v in vocab.mapping("months.tsv").items()}


@cache
def _elections() -> dict[str, str]:
    """Election word -> kind ('pemilu', 'pilkada' or '')."""
    return {r[0].lower(): (r[1] if len(r) > 1 else "") for r in _words("election")}


@cache
def voting_days() -> dict[date, str]:
    """Known national voting days -> election kind (`voting_day` rows of date_words.tsv)."""
    return {date.fromisoformat(r[0]): r[1] for r in _words("voting_day")}


@cache
def _role_cues() -> dict[str, re.Pattern[str]]:
    """Cue name -> one case-insensitive regex; `event` also holds the events.tsv words."""
    parts: dict[str, list[str]] = {}
    for cue, rx in vocab.rows(ROLES_FILE):
        parts.setdefault(cue, []).append(rx)
    parts.setdefault("event", []).extend(rx for _, rx in vocab.rows("events.tsv"))
    return {cue: vocab.compile_fast(r"\b(?:" + "|".join(rxs) + r")\b", re.I) for cue, rxs in parts.items()}


@dataclass(frozen=True)
class _Patterns:
    prefix: re.Pattern[str]
    dmy: re.Pattern[str]
    numeric: re.Pattern[str]
    iso: re.Pattern[str]
    other_month: re.Pattern[str]
    relative: re.Pattern[str]
    weekday: re.Pattern[str]
    h_day: re.Pattern[str]
    h_day_filler: re.Pattern[str]
    election: re.Pattern[str]
    election_year: re.Pattern[str]
    decree_year: re.Pattern[str]
    connector: re.Pattern[str]
    time: re.Pattern[str]
    future: re.Pattern[str]
    relative_words: dict[str, int]


def _capitalised(names: tuple[str, ...]) -> str:
    """A case-sensitive alternation of `names` written Title-case or upper-case ("Senin", "SENIN")."""
    return "(?-i:" + vocab.alternation(tuple({f(n) for n in names for f in (str.title, str.upper)})) + ")"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """All regexes, compiled once from the vocabularies (led by a first-character lookahead, `compile_fast`)."""
    wd = _capitalised(tuple(_weekdays()))
    mon = vocab.alternation(tuple(_months()))
    conn = vocab.alternation(_wordset("range"))
    part = vocab.alternation(_wordset("daypart"))
    rel_words = {r[0].lower(): int(r[1]) for r in _words("relative")}
    rel = vocab.alternation(tuple(rel_words))
    mods = vocab.alternation(tuple(_wordset("weekday_mod")))
    elec = vocab.alternation(tuple(_elections()))
    not_num = r"(?<![\w.,/:-])"
    month_prefixes = sorted({m[:3] for m in _months()} | {"may", "aug", "oct", "dec"})
    return _Patterns(
        # Every date pattern starts at its digits (fast); `prefix` is matched on the text before them.
        prefix=vocab.compile_fast(
            rf"\b(?:(?P<wd>{wd})(?:\s+(?:{part}|{mods}))?|(?P<rel>{rel}))\s*,?\s*(?P<open>\(\s*)?"
            rf"(?:(?:tanggal|tgl\.?)\s+)?$",
            re.I,
        ),
        dmy=vocab.compile_fast(
            rf"{not_num}(?P<d1>\d{{1,2}})(?:\s*(?P<conn>{conn})\s*(?P<d2>\d{{1,2}}))?"
            rf"\s+(?P<mon>{mon})\b(?:\.?\s*,?\s*(?P<y>\d{{4}})(?![\d]|[.,]\d))?",
            re.I,
        ),
        numeric=vocab.compile_fast(
            rf"{not_num}(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})"
            rf"(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}}))?(?![\d/]|[.,-]\d)(?P<close>\s*\))?",
        ),
        iso=vocab.compile_fast(rf"{not_num}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)"),
        other_month=vocab.compile_fast(
            rf"{not_num}(?P<d>\d{{1,2}})\s+(?P<mon>(?:{'|'.join(month_prefixes)})[a-z]{{0,8}})\.?"
            rf"\s+(?P<y>\d{{4}})(?!\d)",
            re.I,
        ),
        relative=vocab.compile_fast(rf"\b(?P<rel>{rel})\b(?:\s+(?P<part>{part})\b)?", re.I),
        weekday=vocab.compile_fast(rf"\b(?P<wd>{wd})\b(?P<tail>(?:\s+(?:{part}|{mods})\b){{0,2}})", re.I),
        h_day=vocab.compile_fast(r"(?<![\w-])(?:H\s*(?P<sign>[-+−–])\s*(?P<n>\d{1,3})|(?i:hari)\s+H)(?![\w-])"),
        h_day_filler=re.compile(r"\s*(?:(?:hari|jelang|menjelang|sebelum)\s+)?", re.I),
        election=vocab.compile_fast(rf"\b(?:{elec})\b", re.I),
        election_year=vocab.compile_fast(
            rf"(?i:\b(?P<e>{elec})\b)(?:\s+(?:\([A-Za-z ]{{2,30}}\)|[A-Z][\w.'-]*"
            rf"|(?i:serentak|tahun|nasional|lanjutan|di)\b)){{0,5}}?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)"
        ),
        decree_year=vocab.compile_fast(r"\b(?:nomor|no\.)\s*[\w./-]+\s+tahun\s+(?P<y>(?:19|20)\d{2})(?!\d)", re.I),
        connector=re.compile(rf"\s*(?:{conn})\s*", re.I),
        time=vocab.compile_fast(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\b"),
        future=vocab.compile_fast(rf"\b(?:{vocab.alternation(_wordset('future'))})\b", re.I),
        relative_words=rel_words,
    )


# --------------------------------------------------------------------------- election year


def _elections_in(text: str) -> list[tuple[str, int, int]]:
    """(kind, year, offset) of every "<election word> ... <year>" in `text`."""
    out = []
    for m in _patterns().election_year.finditer(text):
        year = int(m.group("y"))
        if MIN_YEAR <= year <= MAX_YEAR:
            out.append((_elections()[m.group("e").lower()], year, m.start()))
    return out


def _ranked_years(found: list[tuple[str, int, int]]) -> list[int]:
    """The years of `_elections_in` results, most frequent first (ties: first mentioned first)."""
    counts = Counter(year for _, year, _ in found)
    first = {}
    for _, year, pos in found:
        first.setdefault(year, pos)
    return sorted(counts, key=lambda y: (-counts[y], first[y]))


def election_year(text: str) -> int | None:
    """The year of the election the article is about ("Pilkada 2024", "Pemilu tahun 2024"): the most
    frequent; None when no election is named with a year."""
    years = _ranked_years(_elections_in(text))
    return years[0] if years else None


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Candidate:
    """One date expression: where it is and what is needed to resolve it."""

    start: int
    end: int
    kind: str  # dmy, relative, weekday, h_day
    day: int = 0
    month: int = 0
    year: int | None = None
    end_day: int | None = None  # the second day of a range
    weekday: int | None = None
    offset: int = 0  # relative: days from the reference date
    direction: str = ""  # weekday: past, next, near or '' (by the sentence)
    fixed: date | None = None  # already resolved (by dateparser)
    relative_check: int | None = None  # "kemarin (16/5)": the offset the date must agree with


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    year = int(raw) + (2000 if len(raw) == 2 else 0)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _prefix(text: str, start: int) -> re.Match[str] | None:
    """A weekday or relative word (and an opening bracket) right before the digits at `start`."""
    return _patterns().prefix.search(text, max(0, start - PREFIX_REACH), start)


def _absolute(text: str) -> list[_Candidate]:
    """Day-month(-year) expressions: names, numbers, ISO; ordered by position."""
    p = _patterns()
    weekdays, months = _weekdays(), _months()
    found: list[_Candidate] = []
    for m in p.dmy.finditer(text):
        d1 = int(m.group("d1"))
        d2 = int(m.group("d2")) if m.group("d2") else None
        if d2 is not None and d2 <= d1:
            continue
        year = _year(m.group("y"))
        end = m.end("mon") if m.group("y") is not None and year is None else m.end()
        pre = _prefix(text, m.start())
        wd = pre.group("wd") if pre else None
        found.append(_Candidate(
            start=pre.start() if wd else m.start(), end=end, kind="dmy", day=d1,
            month=months[m.group("mon").lower()], year=year, end_day=d2,
            weekday=weekdays[wd.lower()] if wd else None,
        ))
    for m in p.numeric.finditer(text):
        y_raw = m.group("y")
        pre = _prefix(text, m.start())
        wd, rel = (pre.group("wd"), pre.group("rel")) if pre else (None, None)
        paren = bool(pre and pre.group("open")) and bool(m.group("close"))
        if y_raw is None and not (paren and m.group("sep") == "/"):
            continue  # "(3/4)" or "10.00": not a date
        if y_raw is not None and (len(y_raw) == 2 and not paren or m.group("sep") != "/" and len(y_raw) != 4):
            continue
        year = _year(y_raw)
        if y_raw is not None and year is None:
            continue
        if pre and paren:  # "Kamis (16/5)": the whole expression, brackets included
            start, end = pre.start(), m.end()
        else:  # "(29/9/2024)", "29/09/2024": the numbers only
            start, end = m.start(), m.end("y")
            wd = rel = None
        found.append(_Candidate(
            start=start, end=end, kind="dmy", day=int(m.group("d")), month=int(m.group("m")), year=year,
            weekday=weekdays[wd.lower()] if wd else None,
            relative_check=p.relative_words[" ".join(rel.lower().split())] if rel else None,
        ))
    for m in p.iso.finditer(text):
        year = _year(m.group("y"))
        if year is not None:
            found.append(_Candidate(m.start(), m.end(), "dmy", int(m.group("d")), int(m.group("m")), year))
    taken = [(c.start, c.end) for c in found]
    for m in p.other_month.finditer(text):
        if m.group("mon").lower() in months or _overlaps(taken, m.start(), m.end()):
            continue
        parsed = _dateparser(m.group(0))
        if parsed is not None:
            found.append(_Candidate(m.start(), m.end(), "dmy", fixed=parsed))
    found.sort(key=lambda c: c.start)
    _propagate_years(text, found)
    return found


@lru_cache(maxsize=1024)
def _dateparser(expr: str) -> date | None:
    """A day-month-year expression with a month word outside months.tsv, by dateparser."""
    import dateparser

    parsed = dateparser.parse(
        expr, languages=["id", "en"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
    )
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.date()


def _propagate_years(text: str, found: list[_Candidate]) -> None:
    """"30 Mei - 2 Juni 2024": a yearless day joined by a range connector to a dated one takes its year."""
    conn = _patterns().connector
    for i in range(len(found) - 2, -1, -1):  # right to left, so chains fill in
        this, nxt = found[i], found[i + 1]
        if this.year is None and this.fixed is None and nxt.year is not None and nxt.kind == "dmy":
            if conn.fullmatch(text, this.end, nxt.start):
                this.year = nxt.year - (1 if this.month > nxt.month else 0)


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w'-]+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _prev_char(text: str, pos: int) -> str:
    """The last non-space character before `pos` ('' at the start, '\\n' at a line start)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else ""


def _relative(text: str, taken: list[tuple[int, int]]) -> list[_Candidate]:
    """"hari ini", "kemarin", "besok", "lusa" (kemarin only as a time adverb)."""
    p = _patterns()
    out = []
    for m in p.relative.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        word = " ".join(m.group("rel").lower().split())
        if word == "kemarin" and not _kemarin_is_adverb(text, m.start(), m.end("rel"), bool(m.group("part"))):
            continue
        out.append(_Candidate(m.start(), m.end(), "relative", offset=p.relative_words[word]))
    return out


def _kemarin_is_adverb(text: str, start: int, end: int, daypart: bool) -> bool:
    """"kemarin" as "yesterday" (see the module rules), not "the last/previous"."""
    prev = _prev_word(text, start)
    if _prev_char(text, start) in {"", "\n", ",", "(", ".", ";", "\"", "“"}:
        return True
    if prev in _wordset("kemarin_adjective_after") or prev.isdigit():
        return False  # "Pileg kemarin", "Pilkada 2020 kemarin": the previous one
    two = re.search(r"([\w'-]+)\s+[\w'-]+\s*$", text[max(0, start - 60):start])
    before_prev = two.group(1).lower() if two else ""  # the word before `prev`
    if before_prev in _wordset("kemarin_adjective_after") and not re.match(r"(?:me|di|ber|ter)\w+$", prev):
        return False  # "masa kampanye kemarin", "pemilu serentak kemarin"
    if prev in _weekdays() and before_prev not in _wordset("not_weekday_after"):
        return False  # "Senin kemarin" is a weekday (found later); "Pasar Minggu kemarin" is a place
    if prev in _wordset("kemarin_adverb_after") or daypart:
        return True
    nxt = re.match(r"\s*(?:(?:juga|pun|langsung|secara\s+resmi)\s+)?(\(|[\w]+|[.!?]|$)", text[end:end + 40],
                   re.IGNORECASE)  # "KPU Kubu Raya kemarin juga melantik ..."
    if not nxt:
        return False
    word = nxt.group(1).lower()
    # "... di Kecamatan Cilandak kemarin.": closing the sentence it is the time of what was told
    return word in ("(", ".", "!", "?", "") or bool(re.match(r"(?:me|di|ber|ter|telah|sudah|resmi)\w*$", word))


_WEEK_AFTER = re.compile(r"\s+(?:pekan|minggu)\s+(\w+)\b", re.IGNORECASE)


def _weekday_candidates(text: str, taken: list[tuple[int, int]]) -> list[_Candidate]:
    """Bare weekdays ("Senin", "Kamis malam", "Rabu lalu"), capitalised and not part of a date."""
    p = _patterns()
    mods = _weekday_mods()
    weeks = _wordset("week_word")
    out = []
    for m in p.weekday.finditer(text):
        name = m.group("wd")
        if not name[0].isupper() or _overlaps(taken, m.start(), m.end()):
            continue
        prev = _prev_word(text, m.start())
        if prev in _wordset("not_weekday_after"):
            continue
        tail = m.group("tail").lower().split()
        direction = next((mods[w] for w in tail if w in mods), "")
        week = _WEEK_AFTER.match(text, m.end()) if not tail else None
        if week and mods.get(week.group(1).lower()) in ("past", "next"):
            # "Senin pekan depan": the Monday of next week, "Jumat pekan lalu": the Friday of last week
            direction = "last_week" if mods[week.group(1).lower()] == "past" else "next_week"
        elif name.lower() in weeks and not _weekday_context(text, m, prev, tail, direction):
            continue
        weekday = _weekdays()[name.lower()]
        end = week.end() if week and direction.endswith("_week") else m.end()
        out.append(_Candidate(m.start(), end, "weekday", weekday=weekday, direction=direction))
    return out


def _weekday_context(text: str, m: re.Match[str], prev: str, tail: list[str], direction: str) -> bool:
    """Whether "Minggu" (also "week") is the weekday here."""
    if direction in {"past", "next"}:
        return False  # "Minggu lalu", "Minggu depan": last/next week
    if any(w in _wordset("daypart") for w in tail):
        return True
    if re.match(r"\s*(?:\(|,?\s*\d{1,2}[\s/])", text[m.end():m.end() + 8]):
        return True
    return prev in _wordset("weekday_context") or _prev_char(text, m.start()) == ","


def _h_days(text: str, taken: list[tuple[int, int]]) -> list[_Candidate]:
    """"H-5 pemungutan suara", "hari H pencoblosan Pilkada 2024": resolved later against the voting day."""
    out = []
    vote = _role_cues()["vote"]
    elec = _patterns().election
    for m in _patterns().h_day.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        at = _patterns().h_day_filler.match(text, m.end()).end()
        if not (vote.match(text, at) or elec.match(text, at)):
            continue  # "H-3 pelantikan": not counted from the vote
        n = int(m.group("n")) if m.group("n") else 0
        sign = -1 if m.group("sign") and m.group("sign") != "+" else 1
        out.append(_Candidate(m.start(), m.end(), "h_day", offset=sign * n))
    return out


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class _Context:
    """What a document offers to resolve dates with."""

    ref: date | None  # publication date, else the timestamp line's date
    years: tuple[int, ...]  # fallback years for "Kamis (16/5)" when there is no reference date
    elections: tuple[tuple[str, int, int], ...]  # (kind, year, offset) of the elections named


def _date(year: int, month: int, day: int) -> date | None:
    """The calendar day, or None when there is no such day (31/2)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NO_CONTEXT = _Context(ref=None, years=(), elections=())


def _nearest_year(day: int, month: int, ref: date) -> date | None:
    """The day/month nearest `ref` in the years around it, a day after `ref` counting double."""
    best: tuple[int, date] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        d = _date(year, month, day)
        if d is None:
            continue
        diff = (d - ref).days
        cost = -diff if diff <= 0 else 2 * diff
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _resolve_day(day: int, month: int, year: int | None, weekday: int | None, ctx: _Context) -> date | None:
    """A day/month with or without its year, checked against its weekday (see the module rules)."""
    if year is not None or ctx.ref is not None:
        d = _date(year, month, day) if year is not None else _nearest_year(day, month, ctx.ref)
        return d if d is not None and (weekday is None or d.weekday() == weekday) else None
    if weekday is None:
        return None
    return next((d for y in ctx.years if (d := _date(y, month, day)) and d.weekday() == weekday), None)


def _resolve_weekday(weekday: int, direction: str, ref: date, future: bool) -> date:
    """The day of a bare weekday around `ref` (see the module rules)."""
    back = (ref.weekday() - weekday) % 7
    fwd = (weekday - ref.weekday()) % 7
    if direction == "past":
        return ref - timedelta(days=back or 7)
    if direction == "next":
        return ref + timedelta(days=fwd or 7)
    if direction == "near":
        return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)
    if direction in ("last_week", "next_week"):  # weeks run Monday to Sunday
        monday = ref - timedelta(days=ref.weekday())
        return monday + timedelta(days=weekday + (7 if direction == "next_week" else -7))
    return ref + timedelta(days=fwd) if future else ref - timedelta(days=back)


def _voting_day(sent: tuple[int, int], ctx: _Context) -> date | None:
    """The voting day of the election the sentence names (else the article's most named), if unique."""
    named = [x for x in ctx.elections if x[0] and sent[0] <= x[2] < sent[1]]
    named = named or [x for x in ctx.elections if x[0]]
    if not named:
        return None
    kind, year = Counter((kind, year) for kind, year, _ in named).most_common(1)[0][0]
    days = [d for d, k in voting_days().items() if k == kind and d.year == year]
    return days[0] if len(days) == 1 else None


def _side(text: str, sent: tuple[int, int], c: _Candidate) -> str:
    """For a day/month without its year: "next" when a future word follows it ("27 November
    mendatang") or the clause before it is a plan, "past" when "lalu" follows it, else ""."""
    after = re.match(r"\s*(\w+)", text[c.end:c.end + 20])
    mod = _weekday_mods().get(after.group(1).lower(), "") if after else ""
    if mod in ("past", "next"):
        return mod
    return "next" if _is_plan(text, sent, c.start) else ""


def _resolve(c: _Candidate, text: str, sent: tuple[int, int], ctx: _Context) -> list[date]:
    """The calendar days of one candidate (two for a range; none when it does not resolve)."""
    if c.fixed is not None:
        return [c.fixed]
    if c.kind == "dmy":
        first = _resolve_day(c.day, c.month, c.year, c.weekday, ctx)
        if first is not None and c.year is None and ctx.ref is not None:
            side = _side(text, sent, c)
            if side == "next" and first < ctx.ref:
                first = _resolve_day(c.day, c.month, first.year + 1, c.weekday, ctx)
            elif side == "past" and first > ctx.ref:
                first = _resolve_day(c.day, c.month, first.year - 1, c.weekday, ctx)
            if first is None:
                return []
        if first is None:
            return []
        if c.relative_check is not None and ctx.ref is not None:
            if first != ctx.ref + timedelta(days=c.relative_check):
                return []
        if c.end_day is None:
            return [first]
        try:
            return [first, first.replace(day=c.end_day)]
        except ValueError:
            return []
    if c.kind == "h_day":
        vday = _voting_day(sent, ctx)
        return [vday + timedelta(days=c.offset)] if vday else []
    if ctx.ref is None:
        return []
    if c.kind == "relative":
        return [ctx.ref + timedelta(days=c.offset)]
    return [_resolve_weekday(c.weekday or 0, c.direction, ctx.ref, _is_plan(text, sent, c.start))]


# --------------------------------------------------------------------------- roles


def _line(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the line (paragraph) holding `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_timestamp(text: str, c: _Candidate) -> bool:
    """The expression is on a short line holding only a date, a time and timestamp words."""
    ls, le = _line(text, c.start)
    if le - ls > TIMESTAMP_LINE:
        return False
    rest = _patterns().time.sub(" ", text[ls:c.start] + " " + text[c.end:le])
    words = re.findall(r"[^\W\d_]+", rest)
    return not re.search(r"\d", rest) and all(w.lower() in _wordset("timestamp") for w in words)


def _clause_start(text: str, sent: tuple[int, int], pos: int) -> int:
    """Where the clause holding `pos` starts: after the last comma or semicolon of its sentence."""
    return max(sent[0], text.rfind(",", sent[0], pos) + 1, text.rfind(";", sent[0], pos) + 1)


def _is_plan(text: str, sent: tuple[int, int], pos: int) -> bool:
    """A future word ("akan", "dijadwalkan") in the clause before `pos`: the day is ahead, a plan."""
    return bool(_patterns().future.search(text, _clause_start(text, sent, pos), pos))


def _quote_end(text: str, pos: int) -> int | None:
    """The end of the direct quote holding `pos` within its paragraph; None when `pos` is not quoted."""
    ls, le = _line(text, pos)
    inside = False
    for ch in text[ls:pos]:
        if ch == '"':
            inside = not inside
        elif ch in "“”":
            inside = ch == "“"
    if not inside:
        return None
    m = re.compile(r'["”]').search(text, pos, le)
    return m.end() if m else le


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: str  # vote, event, happen, statement


class _Roles:
    """Role rules over one document, with the cues of each sentence found once."""

    def __init__(self, text: str, ref: date | None) -> None:
        self.text = text
        self.ref = ref
        self.rx = _role_cues()
        self._cues: dict[tuple[int, int], list[_Cue]] = {}

    def cues(self, sent: tuple[int, int]) -> list[_Cue]:
        if sent not in self._cues:
            found = [_Cue(m.start(), m.end(), kind) for kind in ("vote", "event", "happen", "statement")
                     for m in self.rx[kind].finditer(self.text, *sent)]
            self._cues[sent] = sorted(found, key=lambda x: (x.end, x.start))
        return self._cues[sent]

    def role(self, c: _Candidate, day: date, is_end: bool, sent: tuple[int, int]) -> str:
        """The role of one resolved day (see the module rules)."""
        text, rx = self.text, self.rx
        if c.kind == "dmy" and _is_timestamp(text, c):
            return "publication"
        window = text[max(sent[0], c.start - DEADLINE_WINDOW):c.start]
        if rx["deadline"].search(window):
            return "deadline"
        registration = bool(rx["registration"].search(text, *sent))
        if registration and rx["closing"].search(window):
            return "deadline"
        about_vote = _patterns().election.search(text, *sent) or rx["vote"].search(text, *sent)
        if day in voting_days() and about_vote:
            return "election_day"
        if c.kind != "h_day" and _election_clause(text, sent, c.start):
            return "election_day"
        kind = self._contest(c, sent)
        if kind == "vote":
            return "election_day"
        if _is_plan(text, sent, c.start):
            return "other"  # a plan: "akan dilantik pada Jumat (24/5)"
        as_of = re.fullmatch(r"\s*(?:hingga|sampai(?:\s+dengan)?|per)\s+", text[sent[0]:c.start], re.I)
        if as_of and not is_end and text[c.end:c.end + 2].lstrip().startswith(","):
            return "other"  # "Hingga Jumat (3/5), tercatat 320 pendaftar": a tally as of that day
        near = text[max(sent[0], c.start - UNTIL_WINDOW):c.start]
        until = is_end or re.search(r"(?:" + rx["until"].pattern + r")\W*$", near, re.I)
        if until and (registration or rx["window"].search(text, sent[0], c.start)):
            return "deadline"
        if kind == "statement" and self.ref is not None and day == self.ref:
            return "publication"  # the statement day is the publication day
        if kind is not None:
            return "event"
        return "event" if c.weekday is not None or c.kind != "dmy" else "other"

    def _contest(self, c: _Candidate, sent: tuple[int, int]) -> str | None:
        """The kind of the cue that governs the date: the nearest before it, else the nearest after it.

        Statement verbs count only close to the date; a "happen" verb (digelar, berlangsung) takes the
        kind of the nearest vote or event word before it, its subject; an H-n day is no voting day."""
        cues = [x for x in self.cues(sent) if not (x.kind == "vote" and c.kind == "h_day")
                and not (x.kind == "statement" and max(x.start - c.end, c.start - x.end) > STATEMENT_WINDOW)]
        before = [x for x in cues if x.end <= c.start]
        after = [x for x in cues if x.start >= c.end]
        win = before[-1] if before else min(after, key=lambda x: x.start) if after else None
        if win is None or win.kind != "happen":
            return win.kind if win else None
        subject = [x for x in cues if x.end <= win.start and x.kind in ("vote", "event")]
        return subject[-1].kind if subject else "event"


def _election_clause(text: str, sent: tuple[int, int], start: int) -> bool:
    """"<Pilkada ...> (digelar) pada <date>": the election itself happens on the date."""
    last = None
    for m in _patterns().election.finditer(text, sent[0], start):
        last = m
    if last is None or start - last.end() > ELECTION_GAP:
        return False
    gap = text[last.end():start]
    if not re.search(r"\b(?:pada|tanggal|tgl)\b\W*(?:\w+\W*)?$", gap, re.I) or "," in gap:
        return False
    before = text[_clause_start(text, sent, last.start()):last.start()]
    rx = _role_cues()
    return not any(rx[k].search(part) for k in ("event", "statement") for part in (gap, before))


# --------------------------------------------------------------------------- public


def _context(document: Document, found: list[_Candidate], election_year: int | None) -> _Context:
    text = document.text
    elections = _elections_in(text)
    years: list[int] = [election_year] if election_year is not None else []
    years += _ranked_years(elections)[:1]
    years += [y for y, _ in Counter(c.year for c in found if c.year is not None).most_common()]
    years += [int(m.group("y")) for m in _patterns().decree_year.finditer(text)]
    ref = document.published
    if ref is None:
        for c in found:
            if c.year is not None and _is_timestamp(text, c):
                ref = _resolve_day(c.day, c.month, c.year, c.weekday, _NO_CONTEXT)
                if ref is not None:
                    break
    return _Context(ref=ref, years=tuple(dict.fromkeys(years)), elections=tuple(elections))


def _candidates(text: str) -> list[_Candidate]:
    """All candidates of the text (absolute first, then the relative forms where they do not overlap)."""
    found = _absolute(text)
    for finder in (_h_days, _relative, _weekday_candidates):
        found += finder(text, [(c.start, c.end) for c in found])
    found.sort(key=lambda c: c.start)
    return found


class _Sentences:
    """Sentence lookup by offset, computed once per document."""

    def __init__(self, document: Document) -> None:
        self.spans = document.sentences()
        self.starts = [s for s, _ in self.spans]
        self.size = len(document.text)

    def at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return 0, self.size


def extract_dates(document: Document, election_year: int | None = None) -> list[DateMention]:
    """One `DateMention` per resolved day of every date expression in `document.text` (a range gives
    two), in text order. `election_year` overrides the one found in the text for yearless dates when
    there is no publication date."""
    text = document.text
    if not text:
        return []
    found = _candidates(text)
    ctx = _context(document, found, election_year)
    sentences = _Sentences(document)
    roles = _Roles(text, ctx.ref)
    # Everything but relative words inside a quote first: those count from the statement day written
    # after the quote in the same paragraph ('"hari ini ...," kata Nurul, Rabu (15/5/2024)').
    quote_ends = [_quote_end(text, c.start) if c.kind in ("relative", "weekday") else None for c in found]
    resolved = [[] if q_end is not None else _resolve(c, text, sentences.at(c.start), ctx)
                for c, q_end in zip(found, quote_ends, strict=True)]
    for k, (c, q_end) in enumerate(zip(found, quote_ends, strict=True)):
        if q_end is not None:
            line_end = _line(text, c.start)[1]
            said = next((days[0] for o, days, o_end in zip(found, resolved, quote_ends, strict=True)
                         if q_end <= o.start < line_end and days and o_end is None), ctx.ref)
            resolved[k] = _resolve(c, text, sentences.at(c.start), _Context(said, ctx.years, ctx.elections))
    out = []
    for c, days in zip(found, resolved, strict=True):
        sent = sentences.at(c.start)
        for i, day in enumerate(days):
            out.append(DateMention(
                article_id=document.article_id, text=text[c.start:c.end], date=day.isoformat(),
                role=roles.role(c, day, i == 1, sent), start=c.start, end=c.end,
                evidence=text[sent[0]:sent[1]],
            ))
    return out


def resolve_in_span(
    document: Document,
    start: int,
    end: int,
    mentions: list[DateMention] | None = None,
    roles: tuple[str, ...] = ("event", "other", "publication"),
) -> str:
    """The first resolved date (YYYY-MM-DD) inside [start, end) of `document.text`, '' when none.

    Roles are preferred in the order of `roles`: by default an event day, else any day that is not a
    deadline or a voting day (a statement day equal to the publication day has role publication).
    Pass the document's `extract_dates` result as `mentions` to avoid scanning again."""
    if mentions is None:
        mentions = extract_dates(document)
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    for role in roles:
        for m in inside:
            if m.role == role:
                return m.date
    return ""
