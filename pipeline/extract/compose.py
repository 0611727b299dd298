"""Compose the extractors into the rows of one document."""

from __future__ import annotations

from pipeline.records import Document, Extraction


def extract_all(document: Document) -> Extraction:
    """All rows of one document."""
    return Extraction()
