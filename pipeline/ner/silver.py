"""Silver NER labels: tag unlabelled news text with the shipped stanza model (teacher) for the spaCy model.

The stanza tagger is trained on the same licensed data as the spaCy model (idner-news-2k, NERGrit,
synthetic sentences); its labels on the MIT-licensed nlp-id news text give the small spaCy model more
(noisy) examples. Usable without spaCy installed (for running on another machine):
    python -m pipeline.ner.silver MODEL_DIR RAW.txt.gz OUT.tsv.gz [--gpu]
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path


def _open(path: Path, mode: str):  # noqa: ANN202
    return gzip.open(path, mode, encoding="utf-8") if path.suffix == ".gz" else open(path, mode, encoding="utf-8")


def bioes_to_bio(tag: str) -> str:
    """S-X -> B-X, E-X -> I-X; B/I/O unchanged."""
    if tag.startswith("S-"):
        return "B-" + tag[2:]
    if tag.startswith("E-"):
        return "I-" + tag[2:]
    return tag


def label_raw_text(
    model_dir: str | Path,
    raw_path: str | Path,
    out_path: str | Path,
    use_gpu: bool = False,
    batch: int = 2000,
) -> int:
    """Tag every line (one pre-tokenised sentence) of `raw_path`; write 'token<TAB>BIO' sentences to `out_path`."""
    import stanza

    model_dir = Path(model_dir)
    res = tempfile.mkdtemp(prefix="stanza_res_")
    (Path(res) / "resources.json").write_text("{}", encoding="utf-8")
    nlp = stanza.Pipeline(
        lang="id",
        dir=res,
        processors="tokenize,ner",
        tokenize_pretokenized=True,
        ner_model_path=str(model_dir / "id_ner_nertagger.pt"),
        ner_pretrain_path=str(model_dir / "id_pretrain.pt"),
        download_method=None,
        allow_unknown_language=True,
        use_gpu=use_gpu,
        logging_level="WARN",
        ner_batch_size=256,
    )
    with _open(Path(raw_path), "rt") as fh:
        sents = [line.split() for line in fh if line.strip()]
    n = 0
    with _open(Path(out_path), "wt") as out:
        for i in range(0, len(sents), batch):
            doc = nlp(sents[i : i + batch])
            for sent in doc.sentences:
                for tok in sent.tokens:
                    out.write(f"{tok.text}\t{bioes_to_bio(tok.ner)}\n")
                out.write("\n")
                n += 1
    return n


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(label_raw_text(args[0], args[1], args[2], use_gpu="--gpu" in sys.argv))
