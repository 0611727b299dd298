"""Indonesian named-entity recognition (PER / ORG / LOC) with the models shipped in `models/`.

Importing this package is cheap: spaCy and stanza are imported inside the functions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import spacy.language

ENGINES = ("spacy", "stanza", "none")


def models_dir() -> Path:
    """The folder holding the shipped models: $PEMILU_MODELS_DIR or the repo's `models/`."""
    env = os.environ.get("PEMILU_MODELS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def default_model_dir(engine: str) -> Path:
    """Where the shipped model of `engine` lives (models/id_ner_<engine>/)."""
    return models_dir() / f"id_ner_{engine}"


def build_nlp(engine: str = "spacy", model_dir: str | Path | None = None) -> spacy.language.Language:
    """A spaCy pipeline (Indonesian tokenizer) whose docs carry doc.ents labelled PER / ORG / LOC.

    engine='spacy': the shipped spaCy model; 'stanza': blank 'id' + the 'stanza_ner' component running the
    shipped stanza tagger (optional extra `pemilu-facts[stanza]`); 'none': the blank Indonesian tokenizer without NER.
    """
    from pipeline.fast_tokenizer import blank_fast, load_fast

    if engine not in ENGINES:
        raise ValueError(f"unknown NER engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "none":
        return blank_fast("id")
    path = Path(model_dir) if model_dir is not None else default_model_dir(engine)
    if engine == "spacy":
        if not (path / "config.cfg").exists():
            raise RuntimeError(
                f"spaCy NER model not found at {path}. Rebuild it with `pemilu-facts ner train --engine spacy` "
                "or set PEMILU_MODELS_DIR to the folder holding id_ner_spacy/."
            )
        return load_fast(path)  # spacy.load(path), with the same tokenizer built 10 s faster
    # stanza
    from pipeline.ner.stanza_engine import check_stanza_model, register_factory

    check_stanza_model(path)
    register_factory()
    nlp = blank_fast("id")
    nlp.add_pipe("stanza_ner", config={"model_dir": str(path)})
    return nlp


__all__ = ["ENGINES", "build_nlp", "default_model_dir", "models_dir"]
