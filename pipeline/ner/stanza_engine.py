"""The optional stanza engine: a spaCy component ('stanza_ner') that runs the shipped stanza NER tagger.

stanza and torch are optional (`pip install -e '.[stanza]'`); they are imported only when the component
is built. The component passes spaCy's tokens to stanza as pre-tokenised input (split into chunks at
sentence-final punctuation, for stanza only: no sentence boundaries are set on the doc) and sets doc.ents
from stanza's BIOES tags through character spans.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

MODEL_FILE = "id_ner_nertagger.pt"
PRETRAIN_FILE = "id_pretrain.pt"
_CHUNK_END = {".", "!", "?"}
_MAX_CHUNK = 150

INSTALL_HINT = "the stanza NER engine needs the optional extra: pip install -e '.[stanza]' (stanza + torch)"


def stanza_available() -> bool:
    """True when stanza (and torch) can be imported."""
    try:
        import stanza  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def check_stanza_model(model_dir: str | Path) -> None:
    """Raise ImportError if stanza is missing, RuntimeError if the model files are missing."""
    if not stanza_available():
        raise ImportError(INSTALL_HINT)
    model_dir = Path(model_dir)
    missing = [f for f in (MODEL_FILE, PRETRAIN_FILE) if not (model_dir / f).exists()]
    if missing:
        raise RuntimeError(
            f"stanza NER model incomplete at {model_dir} (missing {', '.join(missing)}). Rebuild it with "
            "`pemilu-facts ner train --engine stanza` or set PEMILU_MODELS_DIR."
        )


def bioes_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end exclusive, label) from BIOES (or BIO) tags; ill-formed runs are kept."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        prefix, _, name = tag.partition("-")
        if tag == "O" or not name:
            if start is not None:
                spans.append((start, i, label))
            start = None
            continue
        if prefix in ("B", "S") or start is None or name != label:
            if start is not None:
                spans.append((start, i, label))
            start, label = i, name
        if prefix in ("S", "E"):
            spans.append((start, i + 1, label))
            start = None
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def chunk_tokens(words: list[str]) -> list[tuple[int, int]]:
    """Split a token list into (start, end) chunks at sentence-final punctuation, at most _MAX_CHUNK long."""
    chunks: list[tuple[int, int]] = []
    start = 0
    for i, w in enumerate(words):
        if w in _CHUNK_END or i + 1 - start >= _MAX_CHUNK:
            chunks.append((start, i + 1))
            start = i + 1
    if start < len(words):
        chunks.append((start, len(words)))
    return chunks


class StanzaNER:
    """spaCy component: run the stanza tagger on the doc's tokens and set doc.ents."""

    def __init__(self, nlp: Any, name: str, model_dir: str, use_gpu: bool = False) -> None:
        check_stanza_model(model_dir)
        import stanza

        self.name = name
        model_dir_p = Path(model_dir)
        # an empty resources.json: nothing is looked up or downloaded, only the files named below are read
        self._resources = tempfile.mkdtemp(prefix="stanza_res_")
        (Path(self._resources) / "resources.json").write_text("{}", encoding="utf-8")
        import logging

        stanza_log = logging.getLogger("stanza")
        level = stanza_log.level
        stanza_log.setLevel(logging.ERROR)  # silence 'unsupported language' (we bring our own model files)
        try:
            self.pipeline = self._load(stanza, model_dir_p, use_gpu)
        finally:
            stanza_log.setLevel(level)
            shutil.rmtree(self._resources, ignore_errors=True)

    def _load(self, stanza: Any, model_dir_p: Path, use_gpu: bool) -> Any:
        return stanza.Pipeline(
            lang="id",
            dir=self._resources,
            processors="tokenize,ner",
            tokenize_pretokenized=True,
            ner_model_path=str(model_dir_p / MODEL_FILE),
            ner_pretrain_path=str(model_dir_p / PRETRAIN_FILE),
            download_method=None,
            allow_unknown_language=True,
            use_gpu=use_gpu,
            logging_level="ERROR",
        )

    def tag(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Token spans over `words` predicted by stanza."""
        if not words:
            return []
        chunks = chunk_tokens(words)
        sents = [words[a:b] for a, b in chunks]
        result = self.pipeline(sents)
        spans: list[tuple[int, int, str]] = []
        for (offset, _), sent in zip(chunks, result.sentences, strict=True):
            tags = [tok.ner for tok in sent.tokens]
            spans.extend((offset + s, offset + e, lab) for s, e, lab in bioes_to_spans(tags))
        return spans

    def __call__(self, doc: Any) -> Any:
        words = [t.text for t in doc]
        keep = [i for i, w in enumerate(words) if w.strip()]  # stanza cannot take whitespace tokens
        spans = self.tag([words[i] for i in keep])
        ents = []
        for s, e, lab in spans:
            a, b = keep[s], keep[e - 1]
            span = doc.char_span(doc[a].idx, doc[b].idx + len(doc[b]), label=lab, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        from spacy.util import filter_spans

        doc.ents = filter_spans(ents)
        return doc

    def pipe(self, docs: Any, batch_size: int = 64) -> Any:
        for doc in docs:
            yield self(doc)


def register_factory() -> None:
    """Register the 'stanza_ner' spaCy factory (idempotent)."""
    from spacy.language import Language

    if Language.has_factory("stanza_ner"):
        return

    @Language.factory("stanza_ner", default_config={"model_dir": "", "use_gpu": False})
    def make_stanza_ner(nlp: Any, name: str, model_dir: str, use_gpu: bool) -> StanzaNER:
        return StanzaNER(nlp, name, model_dir, use_gpu)
