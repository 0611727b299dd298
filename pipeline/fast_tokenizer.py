"""spaCy's Indonesian tokenizer, built in a fraction of a second instead of about five.

spaCy's Indonesian tokenizer carries about 16,000 special cases, nearly all of them hyphenated words
("anak-anak", "Kepala-kepala") kept whole against the hyphen infix rule. spaCy checks every special
case against the affix rules as it loads it, which costs about 5 seconds, and a pipeline loaded with
`spacy.load` builds the tokenizer twice (language defaults, then the model's file): 10 seconds before a
worker can start. Here the hyphenated words that map to themselves become one `token_match` set lookup,
which spaCy consults at the same points of its algorithm as a special case (the whole chunk, and again
after each prefix or suffix is split off), and only the few other special cases ("Jan.", "°C.", ...) stay
special cases. `tests/test_fast_tokenizer.py` checks the tokens are the same as spaCy's own.

The models on disk are not changed: `spacy.load("models/id_ner_spacy")` still works anywhere. A tokenizer
built here cannot be serialised again (its `token_match` is a Python callable); nothing here needs that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry
from spacy.vocab import Vocab

__all__ = ["BARE_TOKENIZER", "fast_tokenizer", "load_fast", "blank_fast"]

#: Name of the registered tokenizer factory that builds an empty tokenizer (replaced after loading).
BARE_TOKENIZER = "pemilu_facts.bare_tokenizer.v1"


@registry.tokenizers(BARE_TOKENIZER)
def _bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """An empty tokenizer: cheap to build; `load_fast` puts the real one in its place."""
    return lambda nlp: Tokenizer(nlp.vocab)


class _WordsOrPattern:
    """`token_match` that accepts the listed words, then whatever the original `token_match` accepted."""

    def __init__(self, words: frozenset[str], fallback: Callable[[str], Any] | None) -> None:
        self.words, self.fallback = words, fallback

    def __call__(self, text: str) -> Any:
        if text in self.words:
            return True
        return self.fallback(text) if self.fallback is not None else None


def _is_plain(orth: str, tokens: list[dict[Any, Any]]) -> bool:
    """A special case that only keeps a hyphenated word whole (one token, same text, nothing else set)."""
    if "-" not in orth or len(tokens) != 1:
        return False
    attrs = tokens[0]
    return len(attrs) == 1 and (attrs.get(ORTH) == orth or attrs.get("ORTH") == orth)


def _split(rules: dict[str, list[dict[Any, Any]]]) -> tuple[dict[str, list[dict[Any, Any]]], frozenset[str]]:
    """(the special cases to keep, the plain hyphenated words that `_WordsOrPattern` takes over)."""
    words = frozenset(orth for orth, toks in rules.items() if _is_plain(orth, toks))
    return {orth: toks for orth, toks in rules.items() if orth not in words}, words


def fast_tokenizer(vocab: Vocab, data: bytes) -> Tokenizer:
    """The tokenizer serialised in `data` (spaCy's tokenizer file), with plain special cases as a set."""
    msg = srsly.msgpack_loads(data)
    msg["exceptions"], words = _split(msg.get("exceptions") or {})
    tok = Tokenizer(vocab)
    tok.from_bytes(srsly.msgpack_dumps(msg), exclude=["vocab"])
    if words:
        tok.token_match = _WordsOrPattern(words, tok.token_match)
    return tok


def load_fast(path: str | Path) -> Language:
    """`spacy.load(path)` with the fast tokenizer (same tokens, about 10 seconds less)."""
    path = Path(path)
    nlp = spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}},
                     exclude=["tokenizer"])
    nlp.tokenizer = fast_tokenizer(nlp.vocab, (path / "tokenizer").read_bytes())
    return nlp


def blank_fast(lang: str = "id") -> Language:
    """`spacy.blank(lang)` with the fast tokenizer."""
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}})
    d = nlp.Defaults
    rules, words = _split(dict(d.tokenizer_exceptions))
    nlp.tokenizer = Tokenizer(  # what spaCy's default tokenizer factory builds, minus the plain special cases
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
        suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
        infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
        token_match=_WordsOrPattern(words, d.token_match) if words else d.token_match,
        url_match=d.url_match,
    )
    return nlp
