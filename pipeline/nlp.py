"""NLP stage: tokens, sentences and (when a model is loaded) PER/ORG/LOC entities.

The tokenizer is spaCy's Indonesian one, with the abbreviations of `data/abbreviations.txt` kept
whole ("Kab.", "S.H."). Sentences come from spaCy's sentencizer with one addition: a line break
always starts a new sentence, so headlines, captions and paragraphs never run together.
The NER model comes from `pipeline.ner` (engines: spacy, stanza, none).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from spacy.language import Language

from pipeline import vocab
from pipeline.records import Document

log = logging.getLogger(__name__)
NER_ENGINES = ("auto", "spacy", "stanza", "none")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after every token that carries a line break."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


def _blank() -> Language:
    import spacy

    return spacy.blank("id")


def load_nlp(ner: str = "auto") -> Language:
    """The spaCy pipeline for `ner` engine; 'auto' uses the shipped spaCy model when it is there."""
    if ner not in NER_ENGINES:
        raise ValueError(f"unknown NER engine {ner!r}; choose one of {', '.join(NER_ENGINES)}")
    if ner == "auto":
        ner = os.environ.get("PEMILU_NER", "spacy")
        try:
            nlp = _build(ner)
        except (RuntimeError, ImportError, OSError) as exc:
            log.warning("NER model not available (%s); continuing without NER", exc)
            nlp = _blank()
    else:
        nlp = _blank() if ner == "none" else _build(ner)
    for abbr in vocab.words("abbreviations.txt"):
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_breaks", after="sentencizer")
    return nlp


def _build(engine: str) -> Language:
    if engine == "none":
        return _blank()
    from pipeline.ner import build_nlp

    return build_nlp(engine)


def parse(nlp: Language, document: Document) -> Document:
    """Attach the parsed doc to `document` (in place) and return it."""
    document.doc = nlp(document.text)
    return document
