"""The fast tokenizer gives spaCy's Indonesian tokens, and the shipped model the same entities."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy

from pipeline.fast_tokenizer import blank_fast, load_fast
from pipeline.ner import default_model_dir

ROOT = Path(__file__).resolve().parents[1]

# Written for this test: reduplications and hyphenated words in every case and next to punctuation,
# clitics, abbreviations that are spaCy special cases, numbers, dates, URLs.
TEXTS = [
    "Anak-anak, (kupu-kupu) dan \"sehari-hari\": ANAK-ANAK Anak-Anak anak-anaknya berlari-lari.",
    "KPU-nya se-Kota Bogor melantik 30 anggota PPK pada 17-8-2024, kata Budi.",
    "Rapat digelar 3 Jan. lalu pada suhu 30°C. dengan do'a bersama; lihat https://kpu.go.id/a-b.",
    "Petugas e-KTP dan pemilih di TPS 05 Desa Suka-Maju ikut serta, Kamis (16/5/2024).",
    "Ia mengatakan: \"Kami sudah siap!\" ujarnya. Baca juga: Ratusan PPS dilantik-lantik?",
    "Warga kuning-hitam dan merah-putih berbaris rapi-rapi di depan kantor-kantor kecamatan.",
]


def _tokens(nlp: spacy.language.Language, text: str) -> list[tuple[str, int]]:
    return [(t.text, t.idx) for t in nlp.tokenizer(text)]


@pytest.fixture(scope="module")
def slow_blank() -> spacy.language.Language:
    return spacy.blank("id")


def test_blank_fast_tokens_equal_spacy(slow_blank: spacy.language.Language) -> None:
    fast = blank_fast("id")
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "articles").glob("*.txt"))]
    assert len(texts) > 10
    for text in texts:
        assert _tokens(fast, text) == _tokens(slow_blank, text), text[:80]


def test_hyphenated_special_cases_stay_whole() -> None:
    fast = blank_fast("id")
    assert [t.text for t in fast("(anak-anak), Anak-Anak")] == ["(", "anak-anak", ")", ",", "Anak-Anak"]
    # a hyphenated word that is no special case is still split by the infix rule
    assert [t.text for t in fast("Bogor-Depok")] == ["Bogor", "-", "Depok"]


def test_blank_fast_is_quick() -> None:
    t0 = time.perf_counter()
    blank_fast("id")
    assert time.perf_counter() - t0 < 2.0  # spacy.blank("id") takes about 5 s on the CI machine


def test_load_fast_gives_the_models_entities() -> None:
    path = default_model_dir("spacy")
    slow, fast = spacy.load(path), load_fast(path)
    assert fast.pipe_names == slow.pipe_names
    for text in TEXTS:
        a, b = slow(text), fast(text)
        assert [t.text for t in a] == [t.text for t in b]
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents]
