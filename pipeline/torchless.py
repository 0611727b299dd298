"""Start worker processes without torch when they run only spaCy models (or no model).

thinc, spaCy's machine-learning library, imports torch at import time whenever it is installed (the
`stanza` extra installs it), which costs 1.5-2 s of start-up and ~200 MB per process, although the shipped
spaCy model has no torch layer. The local pool's fork server imports `pipeline.torchless_preload` first,
which marks torch as unimportable (`sys.modules["torch"] = None`, the import system's documented way to
block a module), so thinc sees no torch there and in every worker forked from it. A worker that runs the
stanza engine lifts the block before it loads stanza.
"""

from __future__ import annotations

import os
import sys


def needs_torch(ner: str) -> bool:
    """Whether the NER engine `ner` ('auto' read as the PEMILU_NER default) runs on torch."""
    if ner == "auto":
        ner = os.environ.get("PEMILU_NER", "spacy")
    return ner == "stanza"


def block() -> None:
    """Make `import torch` fail in this process (unless torch is already imported)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]


def unblock() -> None:
    """Undo `block`: the next `import torch` imports it."""
    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]


def blocked() -> bool:
    return "torch" in sys.modules and sys.modules["torch"] is None
