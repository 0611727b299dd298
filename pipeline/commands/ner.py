"""`pemilu-facts ner`: train and evaluate the Indonesian NER models (spaCy default, stanza optional)."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """Train and evaluate the Indonesian NER models (PER / ORG / LOC).

  pemilu-facts ner train --engine spacy            # rebuild models/id_ner_spacy/ (CPU, one thread)
  pemilu-facts ner train --engine stanza           # rebuild models/id_ner_stanza/ (needs .[stanza])
  pemilu-facts ner evaluate --engine spacy --data test.txt --format conll
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the `train` and `evaluate` sub-subcommands."""
    parser.description = DESCRIPTION
    sub = parser.add_subparsers(dest="ner_command", metavar="ACTION")

    tr = sub.add_parser(
        "train",
        help="train an NER model from the corpora in models/data/ner/ plus generated election sentences",
        description="Train an NER model on idner-news-2k + NERGrit (copies under models/data/ner/) and "
        "synthetic election-news sentences (fixed seed). NER-UI is never used for training.",
    )
    tr.add_argument("--engine", choices=("spacy", "stanza"), default="spacy", help="which engine (default spacy)")
    tr.add_argument("--output", default=None, help="model folder (default models/id_ner_<engine>/)")
    tr.add_argument("--data-dir", default=None, help="corpus folder (default models/data/ner/)")
    tr.add_argument(
        "--n-domain",
        type=int,
        default=None,
        help="number of generated election-news sentences (0 = none; default: the shipped setting)",
    )
    tr.add_argument("--seed", type=int, default=None, help="random seed (default: the shipped setting)")
    tr.add_argument(
        "--epochs", type=int, default=None, help="spaCy: max epochs of the gold stage (default: the shipped setting, 5)"
    )
    tr.add_argument("--max-steps", type=int, default=None, help="stanza: max training steps")
    tr.add_argument(
        "--no-silver",
        action="store_true",
        help="spaCy: skip stage 1 (silver labels on the nlp-id news text); train on gold + domain only",
    )
    tr.add_argument(
        "--augment",
        type=int,
        default=None,
        metavar="N",
        help="spaCy: mention-replaced copies of the gold sentences (0 = none; default: the shipped setting, 2)",
    )
    tr.add_argument(
        "--keep-dev",
        action="store_true",
        help="spaCy: do not train on the corpora's dev sentences in the last stage; keep the best model on them "
        "instead of the last (default: they are trained on, as for the shipped model)",
    )
    tr.add_argument(
        "--no-vectors", action="store_true", help="stanza: do not use the nlp-id news text for the word vectors"
    )
    tr.add_argument("--device", default=None, help="stanza: torch device (default cuda if available, else cpu)")

    ev = sub.add_parser(
        "evaluate",
        help="entity precision/recall/F1 per label and tokens per second on a labelled file",
        description="Score an engine on a CoNLL ('token POS TAG') or TSV ('token<TAB>TAG') file with BIO tags "
        "(PER/PERSON, ORG/ORGANIZATION/ORGANISATION, LOC/LOCATION/PLACE are mapped onto PER, ORG, LOC). "
        "Exact span match, seqeval-style; speed on one thread.",
    )
    ev.add_argument("--engine", choices=("spacy", "stanza"), default="spacy", help="which engine (default spacy)")
    ev.add_argument("--data", required=True, help="labelled file to score against")
    ev.add_argument(
        "--format",
        dest="fmt",
        choices=("conll", "tsv", "auto"),
        default="auto",
        help="file format: conll = whitespace columns, tsv = tab columns (default: auto)",
    )
    ev.add_argument("--model", default=None, help="model folder (default models/id_ner_<engine>/)")
    ev.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    """Run `ner train` or `ner evaluate`."""
    command = getattr(args, "ner_command", None)
    if command == "train":
        return _train(args)
    if command == "evaluate":
        return _evaluate(args)
    print("usage: pemilu-facts ner {train,evaluate} ... (see --help)", file=sys.stderr)
    return 2


def _train(args: argparse.Namespace) -> int:
    from pipeline.ner import train as T

    kwargs: dict[str, object] = {}
    if args.output:
        kwargs["output_dir"] = args.output
    if args.data_dir:
        kwargs["data_dir"] = args.data_dir
    if args.n_domain is not None:
        kwargs["n_domain"] = args.n_domain
    if args.seed is not None:
        kwargs["seed"] = args.seed
    if args.engine == "spacy":
        if args.epochs is not None:
            kwargs["max_epochs"] = args.epochs
        if args.no_silver:
            kwargs["silver"] = None
        if args.augment is not None:
            kwargs["augment_copies"] = args.augment
        if args.keep_dev:
            kwargs["fold_dev"] = False
        summary = T.train_spacy(**kwargs)  # type: ignore[arg-type]
    else:
        if args.max_steps is not None:
            kwargs["max_steps"] = args.max_steps
        if args.no_vectors:
            kwargs["raw_text"] = None
        if args.device:
            kwargs["device"] = args.device
        try:
            summary = T.train_stanza(**kwargs)  # type: ignore[arg-type]
        except ImportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(json.dumps(summary, indent=2))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.ner.evaluate import evaluate_ner, print_report

    try:
        result = evaluate_ner(args.engine, args.data, args.fmt, model_dir=args.model)
    except (ImportError, RuntimeError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(prog="pemilu-facts ner", formatter_class=argparse.RawDescriptionHelpFormatter)
    configure(_parser)
    raise SystemExit(run(_parser.parse_args()))
