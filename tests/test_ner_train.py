"""`train_spacy`, the recipe behind `pemilu-facts ner train`, end to end on a few sentences of each corpus."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest
import spacy

from pipeline.ner.corpus import read_conll, write_conll
from pipeline.ner.train import CORPORA, DATA_DIR, train_spacy


def _head(src: Path, dest: Path, n: int) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_conll(read_conll(src)[:n], dest)


def test_train_spacy_all_stages_on_a_tiny_corpus(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="spacy")
    data = tmp_path / "data"
    for _, train_file, dev_file in CORPORA:
        _head(DATA_DIR / train_file, data / train_file, 24)
        _head(DATA_DIR / dev_file, data / dev_file, 8)
    silver = tmp_path / "silver.tsv"
    _head(DATA_DIR / CORPORA[0][1], silver, 16)
    raw = tmp_path / "raw.txt.gz"
    with gzip.open(raw, "wt", encoding="utf-8") as fh:
        for s in read_conll(DATA_DIR / CORPORA[1][1])[:60]:
            fh.write(" ".join(s.tokens) + "\n")
    out = tmp_path / "model"
    summary = train_spacy(out, data_dir=data, n_domain=20, silver=silver, silver_epochs=1, max_epochs=1,
                          rows=(500, 100, 100, 50), width=32, augment_copies=1, pretrain_epochs=1, raw_text=raw,
                          work_dir=tmp_path / "work", verbose=True)
    assert set(summary["stages"]) == {"pretrain", "silver", "gold"}
    assert summary["stages"]["silver"]["settings"]["pretrained_tok2vec"] is True
    # stage 2 also trains on the corpora's dev sentences (folded) and mention-replaces them too
    gold = [s for _, tr, dv in CORPORA for f in (tr, dv) for s in read_conll(data / f)]
    with_entities = sum(any(t != "O" for t in s.tags) for s in gold)
    assert 0 < with_entities < 64
    assert summary["counts"]["folded_dev/train"] == 16
    assert summary["counts"]["augmented/train"] == with_entities  # one copy of each gold sentence with an entity
    assert summary["stages"]["silver"]["counts"].get("folded_dev/train") is None  # stage 1 keeps its dev sets
    weights = tmp_path / "work" / "pretrain" / "weights" / "model-last.bin"
    assert f"Loaded pretrained weights from {weights}" in caplog.text  # stage 1 starts from them
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner"] and set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert json.loads((out / "training.json").read_text())["settings"]["augment_copies"] == 1
