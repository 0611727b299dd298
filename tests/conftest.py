"""Shared test helpers: build parsed documents from text written in the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from pipeline.clean import to_document
from pipeline.nlp import load_nlp, parse
from pipeline.records import Article, Document


@pytest.fixture(scope="session")
def blank_nlp():
    """The rules-only pipeline (no NER model): tokens and sentences."""
    return load_nlp("none")


@pytest.fixture
def make_doc(blank_nlp) -> Callable[..., Document]:
    """make_doc(text, published="2024-05-17") -> a cleaned, parsed Document."""

    def build(text: str, published: str = "", article_id: str = "t") -> Document:
        doc = to_document(Article(id=article_id, text=text, published=published))
        if published:
            assert doc.published == date.fromisoformat(published)
        return parse(blank_nlp, doc)

    return build
