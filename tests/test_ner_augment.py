"""Mention replacement for NER training: labels and contexts kept, names varied, reproducible."""

from __future__ import annotations

import random

from pipeline.ner.augment import MentionPools, augment, build_pools, read_names, replace_mentions
from pipeline.ner.corpus import Sentence

SENT = Sentence(
    tokens="Ketua KPU Kota Serang Ahmad Fauzi mengatakan di Cilegon bahwa Bawaslu siap .".split(),
    tags=["O", "B-ORG", "B-LOC", "I-LOC", "B-PER", "I-PER", "O", "O", "B-LOC", "O", "B-ORG", "O", "O"],
)
POOLS = MentionPools(per=(("Kazuya", "Sasaki"),), loc=(("Bandar", "Lampung"),), org=(("PT", "Maju", "Tbk"),))


def test_every_entity_is_replaced_by_one_of_its_label() -> None:
    out = replace_mentions(SENT, POOLS, random.Random(0), p=1.0)
    assert [(" ".join(out.tokens[a:b]), lab) for a, b, lab in out.spans()] == [
        ("PT Maju Tbk", "ORG"), ("Bandar Lampung", "LOC"), ("Kazuya Sasaki", "PER"),
        ("Bandar Lampung", "LOC"), ("PT Maju Tbk", "ORG"),
    ]
    # the words around the entities are the original ones, in order
    context = [t for t, g in zip(out.tokens, out.tags, strict=True) if g == "O"]
    assert context == [t for t, g in zip(SENT.tokens, SENT.tags, strict=True) if g == "O"]
    assert len(out.tokens) == len(out.tags)


def test_probability_zero_keeps_the_sentence() -> None:
    out = replace_mentions(SENT, POOLS, random.Random(0), p=0.0)
    assert out == SENT


def test_augment_is_reproducible_and_skips_sentences_without_entities() -> None:
    plain = Sentence(["tidak", "ada", "nama", "."], ["O"] * 4)
    a = augment([SENT, plain], copies=3, seed=7, pools=POOLS)
    b = augment([SENT, plain], copies=3, seed=7, pools=POOLS)
    assert a == b and len(a) == 3
    assert all(s.tokens != plain.tokens for s in a)


def test_shipped_name_pools_are_varied() -> None:
    names = read_names()
    assert len(names["PER"]) > 3000 and len(names["LOC"]) > 500 and len(names["ORG"]) > 300
    pools = build_pools([SENT], seed=1)
    assert ("KPU",) in pools.org and ("Bawaslu",) in pools.org  # the corpora's own ORG spans
    assert any(len(p) >= 2 for p in pools.per) and any(len(p) == 1 for p in pools.per)
    assert any("Kabupaten" in p for p in pools.loc)  # gazetteer regions with their prefix
