"""The vocabulary helpers: phrase regexes with a first-character lookahead must match exactly as without."""

import re

import pytest

from pipeline import vocab
from pipeline.vocab import _first_chars, word_rx


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("ketua|sekretaris", 0, {"k", "s"}),
        ("ketua|sekretaris", re.IGNORECASE, {"k", "K", "s", "S"}),
        ("(?i:kpu)|Bawaslu", 0, {"k", "K", "B"}),
        ("(?:plt\\.?|pelaksana)\\s+bupati", 0, {"p"}),
        ("[a-c]x", 0, {"a", "b", "c"}),
        ("x+y", 0, {"x"}),
        ("\\bPAW\\b|lantik", 0, {"P", "l"}),  # a word boundary is zero width
        ("\\d+|lima", 0, {"\\d", "l"}),  # the digit category stays a category
        ("\\w+", 0, None),  # another category: no lookahead
        ("x?y", 0, None),  # an optional first item: no lookahead
        ("(?<=a)b", 0, None),  # a positive lookbehind: not skipped
        ("(?=[Kk])(?:ketua|kepala)|(?=[s])sekda", 0, {"K", "k", "s"}),  # a lookahead bounds the first char
        ("(?<![\\w-])(?:kpu|pps)", re.IGNORECASE, {"k", "K", "p", "P"}),  # a negative one is zero width
    ],
)
def test_first_chars(pattern: str, flags: int, expected: set[str] | None) -> None:
    assert _first_chars(pattern, flags) == expected


TEXT = ("Ketua KPU Kota Serang, Ahmad, dan Sekretaris KPU melantik anggota PPK. Wakil ketua-nya hadir; "
        "subketua bukan kata. KETUA Bawaslu berkata.")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_word_rx_matches_like_the_plain_pattern(flags: int) -> None:
    alt = vocab.alternation(["ketua", "sekretaris", "wakil ketua", "Bawaslu"])
    plain = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags)
    fast = word_rx(alt, flags)
    assert "(?=[" in fast.pattern
    assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert fast.findall(TEXT)  # and it does find something


@pytest.mark.parametrize(
    "pattern", [r"\b(?:kamis|jumat)\b", r"(?<![\w-])\d+\s+orang", r"\w+an\b", r"(?:H|hari)\s*-\s*\d"])
def test_compile_fast_matches_like_re_compile(pattern: str) -> None:
    text = "Kamis (16/5) ada 5 orang, H-3 dan hari - 7; jumatan bukan Jumat. kejadian"
    for flags in (0, re.IGNORECASE):
        assert [m.span() for m in vocab.compile_fast(pattern, flags).finditer(text)] == [
            m.span() for m in re.compile(pattern, flags).finditer(text)]


def test_dispatch_alternation_keeps_the_matches_and_their_alternative() -> None:
    alts = [f"(?P<t{i}>{a})" for i, a in enumerate(
        ["ketua\\s+divisi", "ketua", "kepala\\s+desa", "sekretaris", "sekda", "(?:plt|pj)\\.?\\s+bupati", "bupati"])]
    grouped = vocab.dispatch_alternation(alts, re.IGNORECASE)
    assert grouped.count("(?=[") == 4  # k, s, p, b
    text = "Ketua Divisi Hukum, ketua KPU, Kepala Desa X, Sekda, Plt. Bupati dan Bupati; sekretaris."
    fast, plain = word_rx(grouped, re.IGNORECASE), word_rx("|".join(alts), re.IGNORECASE)
    assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)]
    assert vocab.dispatch_alternation(["ab", "\\w+"]) == "ab|\\w+"  # unknown first characters: unchanged
    assert vocab.dispatch_alternation(["[ab]x", "by"]) == "[ab]x|by"  # overlapping groups: unchanged


def test_word_rx_without_known_first_chars_still_works() -> None:
    rx = word_rx(r"\w*ketua")
    assert "(?=[" not in rx.pattern
    assert rx.findall("ketua dan wakilketua, x-ketua") == ["ketua", "wakilketua"]
    assert word_rx(r"\d+\s+orang").findall("ada 5 orang dan x5 orang, ٣ orang") == ["5 orang", "٣ orang"]
