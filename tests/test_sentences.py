"""Sentence splitting on the text: line breaks, abbreviations, initials, quotes."""

from __future__ import annotations

from pipeline.sentences import sentence_spans


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Bupati H. Ahmad Fauzi, S.H., M.Si. hadir di Kab. Bogor, Jl. Merdeka No. 5. Acara dimulai pukul 10.00 WIB."
    assert sents(text) == ["Bupati H. Ahmad Fauzi, S.H., M.Si. hadir di Kab. Bogor, Jl. Merdeka No. 5.",
                           "Acara dimulai pukul 10.00 WIB."]


def test_line_breaks_and_quotes() -> None:
    text = 'Judul Berita Tanpa Titik\n\n"Kami siap bekerja. Semua netral," katanya. Ia menambahkan hal lain!'
    assert sents(text) == ["Judul Berita Tanpa Titik", '"Kami siap bekerja.', 'Semua netral," katanya.',
                           "Ia menambahkan hal lain!"]
    assert sents("") == [] and sents("  \n ") == []
