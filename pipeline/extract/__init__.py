"""Extract stage: plain functions from a parsed `Document` to rows (see compose.py)."""

from pipeline.extract.compose import extract_all

__all__ = ["extract_all"]
