"""Readers for the NER corpora (CoNLL 'token POS TAG' and 'token<TAB>TAG') and the label mapping.

All corpora come back as lists of `Sentence` (tokens + BIO tags over PER / ORG / LOC).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "ORG", "LOC")

#: Corpus label names onto our three labels. Anything not listed here becomes O.
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "GPE": "LOC",
}


@dataclass
class Sentence:
    """One tokenised sentence with BIO tags (PER / ORG / LOC)."""

    tokens: list[str]
    tags: list[str]

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as (start token, end token exclusive, label)."""
        return bio_to_spans(self.tags)


def map_tag(tag: str) -> str:
    """Map one corpus tag ('B-PERSON', 'I-PLACE', 'O', 'S-ORG' ...) onto BIO over PER/ORG/LOC."""
    tag = tag.strip()
    if not tag or tag == "O" or "-" not in tag:
        return "O"
    prefix, _, name = tag.partition("-")
    label = LABEL_MAP.get(name.upper())
    if label is None:
        return "O"
    prefix = prefix.upper()
    if prefix in ("B", "S"):
        return f"B-{label}"
    if prefix in ("I", "E"):
        return f"I-{label}"
    return "O"


def repair_bio(tags: list[str]) -> list[str]:
    """Turn stray I- tags (after O or another label) into B- tags."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans (start, end exclusive, label) from BIO/IOB tags; a stray I- starts a new span (seqeval-style)."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith(("B-", "S-")) or tag == "O" or (tag.startswith(("I-", "E-")) and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start = None
            if tag != "O":
                start, label = i, tag[2:]
        # an I-/E- continuing the same label needs no action
    return spans


def parse_conll_lines(lines: Iterable[str], fmt: str = "auto") -> Iterator[Sentence]:
    """Parse CoNLL-ish lines: 'token POS TAG' (space-separated) or 'token<TAB>TAG'.

    The tag is always the last column; CRLF/LF line ends, blank lines between sentences,
    '-DOCSTART-' lines are skipped. `fmt`: 'conll' (whitespace columns), 'tsv' (tab columns) or 'auto'.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n").rstrip("\r")
        if not line.strip():
            if tokens:
                yield Sentence(tokens, repair_bio(tags))
                tokens, tags = [], []
            continue
        if line.startswith("-DOCSTART-"):
            continue
        if fmt == "tsv" or (fmt == "auto" and "\t" in line):
            cols = line.split("\t")
        else:
            cols = line.split()
        cols = [c.strip() for c in cols]
        if len(cols) < 2 or not cols[0]:
            continue
        tokens.append(cols[0])
        tags.append(map_tag(cols[-1]))
    if tokens:
        yield Sentence(tokens, repair_bio(tags))


def read_conll(path: str | Path, fmt: str = "auto") -> list[Sentence]:
    """Read a CoNLL ('token POS TAG') or TSV ('token<TAB>TAG') file into mapped sentences."""
    if fmt not in ("auto", "conll", "tsv"):
        raise ValueError(f"unknown format {fmt!r}: use conll, tsv or auto")
    if str(path).endswith(".gz"):
        import gzip

        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            return list(parse_conll_lines(fh, fmt))
    with open(path, encoding="utf-8", newline="") as fh:
        return list(parse_conll_lines(fh, fmt))


def write_conll(sentences: Iterable[Sentence], path: str | Path) -> None:
    """Write sentences as 'token<TAB>TAG' lines, blank line between sentences."""
    with open(path, "w", encoding="utf-8") as fh:
        for s in sentences:
            for tok, tag in zip(s.tokens, s.tags, strict=True):
                fh.write(f"{tok}\t{tag}\n")
            fh.write("\n")


def sentence_text(sentence: Sentence) -> tuple[str, list[tuple[int, int, str]]]:
    """Join tokens with single spaces; return the text and entity character spans."""
    starts: list[int] = []
    pos = 0
    for tok in sentence.tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(sentence.tokens)
    chars = [(starts[s], starts[e - 1] + len(sentence.tokens[e - 1]), label) for s, e, label in sentence.spans()]
    return text, chars
