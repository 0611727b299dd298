"""Tests for the NER package: corpus readers, label mapping, evaluation and the shipped models."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pipeline.ner import ENGINES, build_nlp, default_model_dir
from pipeline.ner.corpus import bio_to_spans, map_tag, parse_conll_lines, read_conll, repair_bio
from pipeline.ner.evaluate import evaluate_ner, score_spans

# Sentences written for these tests in the style of election news (names and events made up).
ELECTION_SENTENCES = [
    (
        "Ketua KPU Kota Serang Ahmad Fauzi mengatakan pelantikan anggota PPK digelar pekan depan.",
        {"PER": ["Ahmad Fauzi"], "LOC": ["Kota Serang"], "ORG": ["KPU"]},
    ),
    (
        "Sekda Kabupaten Bogor Hj. Siti Rahmawati menghadiri rapat pleno di Kecamatan Cibinong.",
        {"PER": ["Siti Rahmawati"], "LOC": ["Kabupaten Bogor", "Kecamatan Cibinong"]},
    ),
    (
        "Komisioner Bawaslu Kabupaten Sleman Rudi Hartono menegaskan pengawasan akan diperketat.",
        {"PER": ["Rudi Hartono"], "LOC": ["Kabupaten Sleman"], "ORG": ["Bawaslu"]},
    ),
    (
        "Kapolres Lebak AKBP Budi Santoso memastikan logistik pemilu tiba dengan aman, Rabu (8/5/2024).",
        {"PER": ["Budi Santoso"], "LOC": ["Lebak"]},
    ),
    (
        "Pj Wali Kota Probolinggo Nurul Hidayah melantik 75 anggota PPS di Kecamatan Kanigaran.",
        {"PER": ["Nurul Hidayah"], "LOC": ["Kecamatan Kanigaran"]},
    ),
]


def _has_ent(doc, label: str, text: str) -> bool:  # noqa: ANN001
    """The doc has an entity of `label` whose text contains `text` (or is contained in it)."""
    return any(e.label_ == label and (text in e.text or e.text in text) and len(e.text) > 2 for e in doc.ents)


# --- corpus readers and label mapping ---------------------------------------------------------------------


def test_map_tag_onto_three_labels() -> None:
    assert map_tag("B-PERSON") == "B-PER"
    assert map_tag("I-ORGANISATION") == "I-ORG"
    assert map_tag("I-ORGANIZATION") == "I-ORG"
    assert map_tag("B-PLACE") == "B-LOC"
    assert map_tag("B-LOCATION") == "B-LOC"
    assert map_tag("S-LOC") == "B-LOC"
    assert map_tag("E-PER") == "I-PER"
    assert map_tag("B-MISC") == "O"
    assert map_tag("O") == "O"


def test_reads_crlf_three_column_conll() -> None:
    lines = "Ketua NOUN O\r\nKPU PROPN B-ORG\r\nJawa PROPN B-LOC\r\nBarat PROPN I-LOC\r\n\r\nIa PRON O\r\n".splitlines(
        keepends=True
    )
    sents = list(parse_conll_lines(lines))
    assert len(sents) == 2
    assert sents[0].tokens == ["Ketua", "KPU", "Jawa", "Barat"]
    assert sents[0].tags == ["O", "B-ORG", "B-LOC", "I-LOC"]
    assert not any("\r" in t for s in sents for t in s.tokens + s.tags)
    assert sents[0].spans() == [(1, 2, "ORG"), (2, 4, "LOC")]


def test_reads_tab_format_and_maps_labels(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("Luhut\tB-PERSON\nke\tO\nKota\tB-PLACE\nBogor\tI-PLACE\n\nBawaslu\tB-ORGANISATION\n", encoding="utf-8")
    sents = read_conll(f, "tsv")
    assert [s.tags for s in sents] == [["B-PER", "O", "B-LOC", "I-LOC"], ["B-ORG"]]


def test_stray_inside_tag_starts_an_entity() -> None:
    assert repair_bio(["O", "I-PER", "I-PER", "I-LOC"]) == ["O", "B-PER", "I-PER", "B-LOC"]
    assert bio_to_spans(["B-PER", "I-PER", "O", "I-ORG"]) == [(0, 2, "PER"), (3, 4, "ORG")]


def test_domain_sentences_are_reproducible_and_aligned() -> None:
    from pipeline.ner.domain import generate

    a = generate(30, seed=7)
    assert a == generate(30, seed=7)
    assert a != generate(30, seed=8)
    labels = {tag[2:] for s in a for tag in s.tags if tag != "O"}
    assert labels <= {"PER", "ORG", "LOC"} and {"PER", "LOC"} <= labels
    for s in a:
        assert len(s.tokens) == len(s.tags)
        # honorifics and ranks never start a PER span; degrees are never inside one
        for start, end, label in s.spans():
            if label == "PER":
                assert s.tokens[start] not in ("H.", "Hj.", "AKBP", "Kompol"), s.tokens
                assert not {"S.H.", "M.Si."} & set(s.tokens[start:end]), s.tokens


def test_score_spans_exact_match() -> None:
    gold = [[(0, 2, "PER"), (3, 4, "LOC")]]
    pred = [[(0, 2, "PER"), (3, 5, "LOC"), (6, 7, "ORG")]]
    s = score_spans(gold, pred)
    assert s["PER"]["f1"] == 1.0
    assert s["LOC"]["f1"] == 0.0
    assert s["ALL"]["precision"] == pytest.approx(1 / 3)
    assert s["ALL"]["recall"] == pytest.approx(1 / 2)


# --- engines ----------------------------------------------------------------------------------------------


def test_engine_none_is_blank_indonesian() -> None:
    nlp = build_nlp("none")
    assert "none" in ENGINES
    assert nlp.lang == "id" and nlp.pipe_names == []


def test_unknown_engine_and_missing_model_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown NER engine"):
        build_nlp("flair")
    with pytest.raises(RuntimeError, match="not found"):
        build_nlp("spacy", tmp_path)


@pytest.fixture(scope="module")
def spacy_nlp():  # noqa: ANN201
    return build_nlp("spacy")


def test_spacy_model_is_small_and_indonesian(spacy_nlp) -> None:  # noqa: ANN001
    assert spacy_nlp.lang == "id"
    assert set(spacy_nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    for f in default_model_dir("spacy").rglob("*"):
        assert f.stat().st_size < 50 * 1024 * 1024, f


@pytest.mark.parametrize("text,expected", ELECTION_SENTENCES)
def test_spacy_finds_people_places_bodies(spacy_nlp, text: str, expected: dict[str, list[str]]) -> None:  # noqa: ANN001
    doc = spacy_nlp(text)
    for label, names in expected.items():
        for name in names:
            assert _has_ent(doc, label, name), (label, name, [(e.text, e.label_) for e in doc.ents])


def test_spacy_person_span_leaves_out_honorific(spacy_nlp) -> None:  # noqa: ANN001
    doc = spacy_nlp("Ketua Bawaslu Kota Depok H. Muhammad Yusuf, S.H., M.Si. mengatakan pengawasan berjalan baik.")
    people = [e.text for e in doc.ents if e.label_ == "PER"]
    assert "Muhammad Yusuf" in people, people


def test_evaluate_ner_on_tiny_file(tmp_path: Path, spacy_nlp) -> None:  # noqa: ANN001
    f = tmp_path / "tiny.txt"
    f.write_text(
        "Ketua NOUN O\r\nKPU PROPN B-ORG\r\nKabupaten PROPN B-LOC\r\nBogor PROPN I-LOC\r\nAhmad PROPN B-PER\r\n"
        "Fauzi PROPN I-PER\r\nmengatakan VERB O\r\n. PUNCT O\r\n\r\n",
        encoding="utf-8",
    )
    result = evaluate_ner("spacy", f, "conll", nlp=spacy_nlp)
    assert result["tokens"] == 8 and result["sentences"] == 1
    assert result["tokens_per_second"] > 0
    assert set(result["scores"]) >= {"PER", "ORG", "LOC", "ALL"}
    assert result["scores"]["PER"]["f1"] == 1.0


stanza_missing = importlib.util.find_spec("stanza") is None or importlib.util.find_spec("torch") is None


@pytest.mark.skipif(stanza_missing, reason="stanza/torch not installed (optional extra: pip install -e '.[stanza]')")
def test_stanza_engine_finds_people_and_places() -> None:
    nlp = build_nlp("stanza")
    assert "stanza_ner" in nlp.pipe_names
    found = 0
    for text, expected in ELECTION_SENTENCES:
        doc = nlp(text)
        found += all(_has_ent(doc, "PER", n) for n in expected["PER"])
        assert all(e.label_ in ("PER", "ORG", "LOC") for e in doc.ents)
    assert found >= 4


def test_stanza_missing_gives_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pipeline.ner.stanza_engine as se

    monkeypatch.setattr(se, "stanza_available", lambda: False)
    with pytest.raises(ImportError, match=r"\.\[stanza\]"):
        build_nlp("stanza", tmp_path)
