"""How many quoted officials of the hand-checked dev articles does an engine tag as PER?

Reads /work/shared/dev (articles + gold JSON; not copied into the repo). A gold name counts as found when
some PER entity equals it, or contains it, or is a two-token-or-longer part of it.
Usage: python benchmarks/ner_dev_officials.py spacy|stanza [MODEL_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.ner import build_nlp

DEV = Path("/work/shared/dev")


def main() -> None:
    engine = sys.argv[1]
    nlp = build_nlp(engine, sys.argv[2] if len(sys.argv) > 2 else None)
    found = total = 0
    missed = []
    for gold_file in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (DEV / "articles" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        people = [e.text for e in nlp(text).ents if e.label_ == "PER"]
        for off in gold.get("officials", []):
            name = off["name"]
            total += 1
            ok = any(p == name or name in p or (p in name and len(p.split()) >= 2) for p in people)
            found += ok
            if not ok:
                missed.append(name)
    print(f"{engine}: {found}/{total} official names tagged PER ({found / max(total, 1):.2f}); missed: {missed}")


if __name__ == "__main__":
    main()
