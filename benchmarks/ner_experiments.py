"""Ablation runs for the spaCy NER model: train with given settings, score on the three test sets.

Usage: python benchmarks/ner_experiments.py NAME '{"n_domain": 0, "max_epochs": 15}'
With "full": true in the settings the run is the whole two-stage recipe (`train_spacy`) instead of one stage.
Writes benchmarks/ner_results/NAME.json. Test files are read from /work/shared/data/ner (or $NER_DATA).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from pipeline.ner.evaluate import evaluate_ner
from pipeline.ner.train import train_spacy, train_spacy_stage

DATA = Path(os.environ.get("NER_DATA", "/work/shared/data/ner"))
TESTS = {
    "idner-news-2k": (DATA / "idner-news-2k" / "test.txt", "conll"),
    "nerui": (DATA / "indolem-nerui" / "test.01.tsv", "tsv"),
    "nergrit": (DATA / "nergrit" / "test_preprocess.txt", "tsv"),
}


def domain_test_file() -> Path:
    """300 generated election sentences from held-out names/regions (seed 99), written once to /tmp."""
    from pipeline.ner.corpus import write_conll
    from pipeline.ner.domain import generate

    path = Path("/tmp/ner_exp/domain_test.tsv")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_conll(generate(300, seed=99, split="dev"), path)
    return path


def main() -> None:
    name, settings = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    out = Path(f"/tmp/ner_exp/{name}")
    t0 = time.time()
    full = settings.pop("full", False)
    summary = (train_spacy if full else train_spacy_stage)(output_dir=out, verbose=False, **settings)
    settings["full"] = full
    result = {
        "name": name,
        "settings": settings,
        "train_seconds": round(time.time() - t0, 1),
        "counts": summary["counts"],
        "tests": {},
    }
    tests = {**TESTS, "domain-heldout": (domain_test_file(), "tsv")}
    for key, (path, fmt) in tests.items():
        r = evaluate_ner("spacy", path, fmt, model_dir=out)
        result["tests"][key] = {
            "f1": round(r["scores"]["ALL"]["f1"], 4),
            "per_label": {k: round(v["f1"], 4) for k, v in r["scores"].items()},
            "tokens_per_second": r["tokens_per_second"],
        }
    res_dir = Path(__file__).parent / "ner_results"
    res_dir.mkdir(exist_ok=True)
    (res_dir / f"{name}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v["f1"] for k, v in result["tests"].items()}), result["train_seconds"], "s")


if __name__ == "__main__":
    main()
