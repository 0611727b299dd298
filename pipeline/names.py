"""Person-name normalisation shared by the extractors, the evaluator and the people directory."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline import vocab

_VARIANTS = {
    "muhamad": "muhammad", "mohammad": "muhammad", "mohamad": "muhammad", "mochammad": "muhammad",
    "mochamad": "muhammad", "muhammat": "muhammad", "moh": "muhammad", "muh": "muhammad", "moch": "muhammad",
    "mhd": "muhammad", "mohd": "muhammad", "achmad": "ahmad", "akhmad": "ahmad",
}


def strip_particles(name: str) -> str:
    """The name without honorifics, ranks and academic degrees ("H. Ahmad, S.H." -> "Ahmad")."""
    name = re.split(r",\s*(?=[A-Z][A-Za-z]{0,4}\.)", name)[0]  # ", S.H., M.Si." tails
    name = re.sub(r"^(?:Teradu|Pengadu|Terlapor|Pelapor)\s+(?:[IVX]+\s+)?", "", name)  # DKPP: "Teradu III NAME"
    tokens = name.replace(",", " ").split()
    particles = vocab.words("name_particles.tsv")
    kept = [t for t in tokens if t.replace(".", "").lower() not in particles]
    if len(kept) > 2 and kept[0] == "Hi.":  # "Hi. Idrus Sangadji" (Haji), but "Rusdi Hi. Umar" keeps it
        kept = kept[1:]
    return " ".join(kept).strip(" .,")


_LETTERS = re.compile(r"[a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A comparison key: no particles, accents or punctuation; spelling variants folded.

    Cached: the quote extractor compares every name form of an article with every other one.
    """
    s = unicodedata.normalize("NFKD", strip_particles(name)).encode("ascii", "ignore").decode()
    out = []
    for t in _LETTERS.findall(s.lower()):
        t = _VARIANTS.get(t, t)
        if t.endswith("y"):  # Effendy / Effendi
            t = t[:-1] + "i"
        out.append(_DOUBLED.sub(r"\1", t))  # doubled letters: Muhammad / Muhamad
    return " ".join(out)
