"""Score a shipped NER engine on the three test sets (+ held-out generated election sentences).

Usage: python benchmarks/ner_scores.py spacy|stanza [MODEL_DIR]
Prints a markdown table (per corpus, per label) and writes benchmarks/ner_results/scores_<engine>.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ner_experiments import TESTS, domain_test_file  # noqa: E402

from pipeline.ner.evaluate import evaluate_ner  # noqa: E402


def main() -> None:
    engine = sys.argv[1]
    model = sys.argv[2] if len(sys.argv) > 2 else None
    tests = {**TESTS, "domain-heldout": (domain_test_file(), "tsv")}
    results = {}
    print("| test set | PER | ORG | LOC | all (P / R / F1) | tokens/s |")
    print("|---|---|---|---|---|---|")
    for key, (path, fmt) in tests.items():
        r = evaluate_ner(engine, path, fmt, model_dir=model)
        results[key] = r
        s = r["scores"]
        a = s["ALL"]
        print(
            f"| {key} | {s['PER']['f1']:.3f} | {s['ORG']['f1']:.3f} | {s['LOC']['f1']:.3f} | "
            f"{a['precision']:.3f} / {a['recall']:.3f} / **{a['f1']:.3f}** | {r['tokens_per_second']:.0f} |"
        )
    out = Path(__file__).parent / "ner_results" / f"scores_{engine}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
