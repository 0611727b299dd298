"""NLP stage: tokens, sentences and (when a model is loaded) PER/ORG/LOC entities.

The tokenizer is spaCy's Indonesian one, with the abbreviations of `data/abbreviations.txt` kept
whole ("Kab.", "S.H."). Sentences are split on the text itself by `sentence_spans` (a line break
always ends one, so headlines, captions and paragraphs never run together; "." after an
abbreviation or an initial does not): about ten times cheaper than spaCy's sentencizer on a parsed
doc, which matters because it runs on every article. The NER model comes from `pipeline.ner`
(engines: spacy, stanza, none).
"""

from __future__ import annotations

import logging
import os

from spacy.language import Language

from pipeline import vocab
from pipeline.records import Document
from pipeline.sentences import sentence_spans

__all__ = ["NER_ENGINES", "load_nlp", "parse", "parse_many", "sentence_spans"]

log = logging.getLogger(__name__)
NER_ENGINES = ("auto", "spacy", "stanza", "none")


def _blank() -> Language:
    from pipeline.fast_tokenizer import blank_fast

    return blank_fast("id")


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
    return nlp


def _build(engine: str) -> Language:
    if engine == "none":
        return _blank()
    from pipeline.ner import build_nlp

    return build_nlp(engine)


def parse(nlp: Language, document: Document) -> Document:
    """Attach the parsed doc to `document` (in place) and return it.

    Without an NER component there is nothing in a doc the extractors use (they read the text and
    `sentence_spans`), so the tokenizer is not run and `document.doc` stays None.
    """
    document.doc = nlp(document.text) if nlp.pipe_names else None
    return document


def parse_many(nlp: Language, documents: list[Document], batch_size: int = 32) -> list[Document]:
    """`parse` for several documents, with `nlp.pipe` (batched, faster with a model)."""
    if nlp.pipe_names:
        for document, doc in zip(documents, nlp.pipe([d.text for d in documents], batch_size=batch_size),
                                 strict=True):
            document.doc = doc
    return documents
