"""Training of the shipped Indonesian NER models (spaCy default engine, stanza second engine).

Training data: idner-news-2k (MIT) and NERGrit (Apache-2.0), copied under `models/data/ner/`, plus
synthetic election-news sentences from `pipeline.ner.domain`. NER-UI is never used for training.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.ner.corpus import Sentence, read_conll, sentence_text, write_conll

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "models" / "data" / "ner"
SEED = 2024
#: unlabelled news text (nlp-id, MIT) for word vectors, and the stanza model's silver labels on it
RAW_TEXT = REPO_ROOT / "models" / "data" / "raw" / "nlp-id-news" / "nlp-id-news.txt.gz"
SILVER_FILE = REPO_ROOT / "models" / "data" / "silver" / "nlp-id-news.silver.tsv.gz"
#: hash-embedding rows (NORM, PREFIX, SUFFIX, SHAPE) of the shipped spaCy model
SHIPPED_ROWS = (20000, 5000, 5000, 2500)
#: mention-replaced copies of the gold sentences (`pipeline.ner.augment`) and tok2vec width
SHIPPED_AUGMENT = 2
SHIPPED_WIDTH = 96
#: epochs of tok2vec pretraining on the raw text before stage 1 (0 = none)
SHIPPED_PRETRAIN_EPOCHS = 0
#: the tok2vec embedding layer (a key of EMBED_CONFIGS)
SHIPPED_EMBED = "hash"
#: stage 2 also trains on the corpora's dev sentences (and keeps its last pipeline)
SHIPPED_FOLD_DEV = True

#: (corpus, train file, dev file) relative to the data directory.
CORPORA = (
    ("idner-news-2k", "idner-news-2k/train.txt", "idner-news-2k/dev.txt"),
    ("nergrit", "nergrit/train_preprocess.txt", "nergrit/valid_preprocess.txt"),
)

#: the optimiser of training and of pretraining
ADAM = """@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 1e-08
learn_rate = 0.001
"""

#: the embedding layer: hash embeddings of four lexical attributes (shipped), or spaCy's CharacterEmbed
#: (NORM hash embedding + `nC` characters of each word, half from its start and half from its end, `nM` wide)
EMBED_CONFIGS = {
    "hash": """[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${{components.tok2vec.model.encode.width}}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [{rows}]
include_static_vectors = {static_vectors}
""",
    "chars": """[components.tok2vec.model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = ${{components.tok2vec.model.encode.width}}
rows = {norm_rows}
nM = 64
nC = 8
include_static_vectors = {static_vectors}
""",
}

SPACY_CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null
raw_text = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "id"
pipeline = ["tok2vec","ner"]
batch_size = 1000

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

{embed}
[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = null
dropout = {dropout}
accumulate_gradient = 1
patience = {patience}
max_epochs = {max_epochs}
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []

[training.optimizer]
{adam}
[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[initialize]
vectors = ${{paths.vectors}}
init_tok2vec = ${{paths.init_tok2vec}}
"""


def load_training_sentences(
    data_dir: str | Path = DATA_DIR, n_domain: int = 1500, seed: int = SEED
) -> tuple[list[Sentence], list[Sentence], dict[str, int]]:
    """Train and dev sentences: both corpora (labels mapped) plus `n_domain` synthetic domain sentences.

    The dev set gets a further n_domain // 10 domain sentences built from held-out names and regions.
    Returns (train, dev, counts per part).
    """
    from pipeline.ner.domain import generate

    data_dir = Path(data_dir)
    train: list[Sentence] = []
    dev: list[Sentence] = []
    counts: dict[str, int] = {}
    for name, train_file, dev_file in CORPORA:
        tr = read_conll(data_dir / train_file)
        dv = read_conll(data_dir / dev_file)
        counts[f"{name}/train"] = len(tr)
        counts[f"{name}/dev"] = len(dv)
        train.extend(tr)
        dev.extend(dv)
    if n_domain > 0:
        dom = generate(n_domain, seed=seed, split="train")
        dom_dev = generate(max(1, n_domain // 10), seed=seed + 1, split="dev")
        counts["domain/train"] = len(dom)
        counts["domain/dev"] = len(dom_dev)
        train.extend(dom)
        dev.extend(dom_dev)
    return train, dev, counts


def to_docbin(sentences: list[Sentence], path: Path) -> None:
    """Write sentences as a spaCy DocBin (gold tokenisation, ents from BIO spans)."""
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("id").vocab
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for s in sentences:
        doc = Doc(vocab, words=s.tokens, spaces=[True] * len(s.tokens))
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in s.spans()]
        db.add(doc)
    db.to_disk(path)


def spacy_config_text(
    width: int = 96,
    depth: int = 4,
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500),
    max_epochs: int = 30,
    patience: int = 3000,
    dropout: float = 0.1,
    eval_frequency: int = 200,
    static_vectors: bool = False,
    seed: int = SEED,
    source: str | Path | None = None,
    pretraining: int = 0,
    embed: str = "hash",
    max_steps: int = 0,
) -> str:
    """The spaCy training config (efficiency architecture: hash embeddings + CNN, transition-based NER).

    With `source`, tok2vec and ner start from that trained pipeline (fine-tuning) instead of from scratch.
    With `pretraining` (epochs, > 0) the config has the [pretraining] block, which spaCy needs both to
    pretrain and to load pretrained tok2vec weights (`[initialize] init_tok2vec`) into the right layer.
    """
    text = SPACY_CONFIG.replace("{embed}", EMBED_CONFIGS[embed]).format(
        adam=ADAM,
        width=width,
        depth=depth,
        rows=", ".join(map(str, rows)),
        max_epochs=max_epochs,
        patience=patience,
        dropout=dropout,
        eval_frequency=eval_frequency,
        static_vectors=str(static_vectors).lower(),
        norm_rows=rows[0],
        max_steps=max_steps,
        seed=seed,
    )
    if pretraining:
        text += PRETRAIN_CONFIG.format(epochs=pretraining, adam=ADAM)
    if source is None:
        return text
    head, rest = text.split("[components]\n", 1)
    _, tail = rest.split("[corpora]\n", 1)
    src = json.dumps(str(source))
    sourced = f"[components]\n\n[components.tok2vec]\nsource = {src}\n\n[components.ner]\nsource = {src}\n\n"
    return head + sourced + "[corpora]\n" + tail


def train_vectors(
    sentences: list[Sentence],
    out_dir: Path,
    dim: int = 64,
    min_count: int = 2,
    extra_text: Path | None = None,
    seed: int = SEED,
) -> Path:
    """Train small word2vec vectors with gensim on the training text (+ optional raw text).

    Returns a spaCy vectors model directory (for `[initialize] vectors`).
    """
    import spacy
    from gensim.models import Word2Vec

    texts = [[t.lower() for t in s.tokens] for s in sentences]
    if extra_text is not None:
        texts.extend(_read_raw_sentences(extra_text))
    w2v = Word2Vec(texts, vector_size=dim, window=5, min_count=min_count, sg=1, epochs=10, seed=seed, workers=1)
    import numpy
    from spacy.vectors import Vectors

    nlp = spacy.blank("id")
    words = list(w2v.wv.index_to_key)
    data = numpy.asarray([w2v.wv[w] for w in words], dtype="float32")
    # keyed by NORM (lowercase for Indonesian), matching the lowercased training text
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=words, attr="NORM")
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


def _read_raw_sentences(path: Path) -> list[list[str]]:
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return [line.lower().split() for line in fh if line.strip()]


def train_spacy(
    output_dir: str | Path = REPO_ROOT / "models" / "id_ner_spacy",
    data_dir: str | Path = DATA_DIR,
    n_domain: int = 1500,
    seed: int = SEED,
    silver: str | Path | None = SILVER_FILE,
    silver_epochs: int = 3,
    max_epochs: int = 5,
    rows: tuple[int, int, int, int] = SHIPPED_ROWS,
    augment_copies: int = SHIPPED_AUGMENT,
    width: int = SHIPPED_WIDTH,
    pretrain_epochs: int = SHIPPED_PRETRAIN_EPOCHS,
    raw_text: str | Path = RAW_TEXT,
    init_tok2vec: str | Path | None = None,
    work_dir: str | Path | None = None,
    verbose: bool = True,
    embed: str = SHIPPED_EMBED,
    fold_dev: bool = SHIPPED_FOLD_DEV,
) -> dict:
    """Train the shipped spaCy NER model (CPU, one thread, fixed seed); write it to `output_dir`.

    Stage 1 (if `silver`): train from scratch on gold + domain + silver sentences (labels the stanza model
    put on the nlp-id news text) for `silver_epochs`, keeping the best on the dev sets. Stage 2: fine-tune
    that model on gold + domain only for `max_epochs` (or train from scratch there when `silver` is None).
    With `fold_dev` stage 2 also trains on the corpora's dev sentences and its last model is kept (the
    number of epochs is the one chosen on the dev sets before); else its best dev-F1 model. Returns a
    summary dict with both stages.
    """
    t0 = time.time()
    tmp = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="ner_spacy_"))
    stages: dict[str, dict] = {}
    source = None
    if init_tok2vec is None and pretrain_epochs:
        t_pre = time.time()
        init_tok2vec = pretrain_tok2vec(tmp / "pretrain", epochs=pretrain_epochs, width=width, rows=rows,
                                        raw_text=Path(raw_text), data_dir=data_dir, seed=seed)
        stages["pretrain"] = {"epochs": pretrain_epochs, "seconds": round(time.time() - t_pre, 1)}
    if silver:
        stages["silver"] = train_spacy_stage(
            tmp / "stage1",
            data_dir=data_dir,
            n_domain=n_domain,
            seed=seed,
            max_epochs=silver_epochs,
            rows=rows,
            width=width,
            augment_copies=augment_copies,
            init_tok2vec=init_tok2vec,
            silver=silver,
            eval_frequency=1000,
            embed=embed,
            work_dir=tmp / "stage1_work",
            verbose=verbose,
        )
        source = tmp / "stage1"
    stages["gold"] = train_spacy_stage(
        output_dir,
        data_dir=data_dir,
        n_domain=n_domain,
        seed=seed,
        max_epochs=max_epochs,
        rows=rows,
        width=width,
        augment_copies=augment_copies,
        init_tok2vec=None if source else init_tok2vec,
        source=source,
        embed=embed,
        fold_dev=fold_dev,
        work_dir=tmp / "stage2_work",
        verbose=verbose,
    )
    summary = {**stages["gold"], "seconds": round(time.time() - t0, 1), "stages": stages}
    (Path(output_dir) / "training.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if work_dir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


def train_spacy_stage(
    output_dir: str | Path = REPO_ROOT / "models" / "id_ner_spacy",
    data_dir: str | Path = DATA_DIR,
    n_domain: int = 1500,
    seed: int = SEED,
    max_epochs: int = 30,
    width: int = 96,
    depth: int = 4,
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500),
    vectors: bool = False,
    raw_text: str | Path | None = None,
    silver: str | Path | None = None,
    silver_limit: int = 0,
    augment_copies: int = 0,
    init_tok2vec: str | Path | None = None,
    eval_frequency: int = 200,
    source: str | Path | None = None,
    work_dir: str | Path | None = None,
    verbose: bool = True,
    embed: str = "hash",
    fold_dev: bool = False,
    max_steps: int = 0,
) -> dict:
    """One spaCy training run; the best (dev F1) pipeline goes to `output_dir`.

    Single CPU thread, fixed seed; `source` fine-tunes an existing pipeline. With `max_steps` training
    stops there; with `fold_dev` the corpora's dev sentences are trained on too (only the generated dev
    sentences stay for evaluation). With either, the last pipeline, not the best on dev, is kept.
    Returns a summary dict.
    """
    import spacy
    from spacy.cli.train import train as spacy_train
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    t0 = time.time()
    output_dir = Path(output_dir)
    tmp = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="ner_spacy_"))
    tmp.mkdir(parents=True, exist_ok=True)
    train, dev, counts = load_training_sentences(data_dir, n_domain=n_domain, seed=seed)
    if fold_dev:
        n_dev_gold = sum(counts[f"{name}/dev"] for name, _, _ in CORPORA)  # the corpora come first in `dev`
        train, dev = dev[:n_dev_gold] + train, dev[n_dev_gold:]
        counts["folded_dev/train"] = n_dev_gold
    if augment_copies:
        from pipeline.ner.augment import augment

        n_gold = sum(counts[f"{name}/train"] for name, _, _ in CORPORA) + counts.get("folded_dev/train", 0)
        extra = augment(train[:n_gold], copies=augment_copies, seed=seed)
        counts["augmented/train"] = len(extra)
        train = train + extra
    if silver:
        silver_sents = read_conll(silver, "tsv")
        if silver_limit:
            silver_sents = silver_sents[:silver_limit]
        counts["silver/train"] = len(silver_sents)
        train = train + silver_sents
    to_docbin(train, tmp / "train.spacy")
    to_docbin(dev, tmp / "dev.spacy")
    overrides: dict[str, object] = {
        "paths.train": str(tmp / "train.spacy"),
        "paths.dev": str(tmp / "dev.spacy"),
    }
    if init_tok2vec:
        overrides["paths.init_tok2vec"] = str(init_tok2vec)
    if vectors:
        vec_dir = train_vectors(train, tmp / "vectors", extra_text=Path(raw_text) if raw_text else None, seed=seed)
        overrides["paths.vectors"] = str(vec_dir)
    cfg_path = tmp / "config.cfg"
    cfg_path.write_text(
        spacy_config_text(
            width=width,
            depth=depth,
            rows=rows,
            max_epochs=max_epochs,
            static_vectors=vectors,
            seed=seed,
            eval_frequency=eval_frequency,
            source=source,
            pretraining=1 if init_tok2vec else 0,
            embed=embed,
            max_steps=max_steps,
        ),
        encoding="utf-8",
    )
    run_dir = tmp / "run"
    if not verbose:
        logging.getLogger("spacy").setLevel(logging.WARNING)
    spacy_train(cfg_path, run_dir, use_gpu=-1, overrides=overrides)
    best = run_dir / ("model-last" if max_steps or fold_dev else "model-best")
    if output_dir.exists():
        for child in ("config.cfg", "meta.json", "ner", "tok2vec", "tokenizer", "vocab"):
            p = output_dir / child
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    output_dir.mkdir(parents=True, exist_ok=True)
    for child in best.iterdir():
        dest = output_dir / child.name
        if child.is_dir():
            shutil.copytree(child, dest)
        else:
            shutil.copy2(child, dest)
    _clear_config_paths(output_dir / "config.cfg")
    seconds = time.time() - t0
    nlp = spacy.load(output_dir)
    summary = {
        "engine": "spacy",
        "seed": seed,
        "counts": counts,
        "seconds": round(seconds, 1),
        "dev": nlp.meta.get("performance", {}),
        "settings": {
            "n_domain": n_domain,
            "max_epochs": max_epochs,
            "width": width,
            "depth": depth,
            "rows": list(rows),
            "vectors": vectors,
            "silver": bool(silver),
            "silver_limit": silver_limit,
            "augment_copies": augment_copies,
            "pretrained_tok2vec": bool(init_tok2vec),
            "source": bool(source),
            "embed": embed,
            "fold_dev": fold_dev,
            "max_steps": max_steps,
        },
    }
    (output_dir / "training.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if work_dir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


PRETRAIN_CONFIG = """
[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = ${{paths.raw_text}}
min_length = 3
max_length = 500
limit = 0

[pretraining]
max_epochs = {epochs}
dropout = 0.2
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 3000
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainCharacters.v1"
maxout_pieces = 3
hidden_size = 300
n_characters = 4

[pretraining.optimizer]
{adam}"""


def pretrain_tok2vec(
    out_dir: Path,
    epochs: int = 8,
    width: int = SHIPPED_WIDTH,
    rows: tuple[int, int, int, int] = SHIPPED_ROWS,
    raw_text: Path = RAW_TEXT,
    data_dir: str | Path = DATA_DIR,
    seed: int = SEED,
) -> Path:
    """Pretrain the tok2vec layer on unlabelled text (spaCy `pretrain`, characters objective).

    The text: the nlp-id news sentences plus the words of the training corpora (their labels unused).
    Each word learns to predict its own first and last four characters from its context, so the CNN
    starts out knowing Indonesian word shapes and contexts. Returns the weights file of the last epoch,
    for `[initialize] init_tok2vec`.
    """
    import gzip

    from spacy.cli.pretrain import pretrain
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    text_file = out_dir / "raw.jsonl"
    with text_file.open("w", encoding="utf-8") as out:
        with gzip.open(raw_text, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    out.write(json.dumps({"text": line.strip()}, ensure_ascii=False) + "\n")
        for _, train_file, _ in CORPORA:
            for sent in read_conll(Path(data_dir) / train_file):
                out.write(json.dumps({"text": " ".join(sent.tokens)}, ensure_ascii=False) + "\n")
    cfg = out_dir / "pretrain.cfg"
    cfg.write_text(spacy_config_text(width=width, rows=rows, seed=seed, pretraining=epochs), encoding="utf-8")
    import spacy.util
    from spacy.cli.init_config import fill_config

    fill_config(cfg, cfg, pretraining=True, silent=True)  # spaCy's defaults for what the config leaves out
    config = spacy.util.load_config(cfg, overrides={"paths.raw_text": str(text_file)}, interpolate=True)
    weights = out_dir / "weights"
    weights.mkdir(exist_ok=True)
    pretrain(config, weights, use_gpu=-1, silent=True)
    last = weights / "model-last.bin"
    return last if last.exists() else weights / f"model{epochs - 1}.bin"


def _clear_config_paths(cfg: Path) -> None:
    """Drop the temporary train/dev/vectors paths from a saved config (they point into a deleted folder)."""
    import re

    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r'^(train|dev|vectors) = "[^"\n]*"$', r"\1 = null", text, flags=re.M)
    cfg.write_text(text, encoding="utf-8")


def export_for_stanza(
    out_dir: str | Path, data_dir: str | Path = DATA_DIR, n_domain: int = 1500, seed: int = SEED
) -> dict[str, int]:
    """Write train/dev as 'token<TAB>BIO' files (stanza's ner_tagger reads this format)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train, dev, counts = load_training_sentences(data_dir, n_domain=n_domain, seed=seed)
    write_conll(train, out_dir / "train.bio")
    write_conll(dev, out_dir / "dev.bio")
    return counts


def _write_stanza_json(sentences: list[Sentence], path: Path) -> None:
    doc = [[{"text": t, "ner": g} for t, g in zip(s.tokens, s.tags, strict=True)] for s in sentences]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def build_stanza_pretrain(
    sentences: list[Sentence],
    path: Path,
    dim: int = 100,
    min_count: int = 2,
    raw_text: Path | None = None,
    seed: int = SEED,
    max_vocab: int = 40000,
) -> Path:
    """Train word2vec vectors (gensim, 1 worker, fixed seed) and save them as a stanza pretrain (.pt) file.

    Nothing is downloaded: the vectors come from the training text (lowercased) and optional raw text.
    """
    import numpy
    import torch
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    texts = [[t.lower() for t in s.tokens] for s in sentences]
    if raw_text is not None:
        texts.extend(_read_raw_sentences(raw_text))
    w2v = Word2Vec(texts, vector_size=dim, window=5, min_count=min_count, sg=1, epochs=10, seed=seed, workers=1)
    words = [w for w in w2v.wv.index_to_key if w not in VOCAB_PREFIX][:max_vocab]
    emb = numpy.zeros((len(words) + len(VOCAB_PREFIX), dim), dtype="float32")
    for i, w in enumerate(words):
        emb[i + len(VOCAB_PREFIX)] = w2v.wv[w]
    vocab = PretrainedWordVocab(words)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(
        {"vocab": vocab.state_dict(), "emb": torch.from_numpy(emb)},
        path,
        _use_new_zipfile_serialization=False,
    )
    return path


def stanza_tagger_args(
    work_dir: Path,
    seed: int = SEED,
    max_steps: int = 6000,
    device: str = "cpu",
    extra_args: list[str] | None = None,
) -> list[str]:
    """Arguments for `python -m stanza.models.ner_tagger` on the files written by `prepare_stanza`."""
    return [
        "--mode",
        "train",
        "--shorthand",
        "id_pemilu",
        "--train_file",
        str(work_dir / "train.json"),
        "--eval_file",
        str(work_dir / "dev.json"),
        "--wordvec_pretrain_file",
        str(work_dir / "id_pretrain.pt"),
        "--save_dir",
        str(work_dir / "saved"),
        "--save_name",
        "id_ner_nertagger.pt",
        "--scheme",
        "bioes",
        "--max_steps",
        str(max_steps),
        "--eval_interval",
        "300",
        "--max_steps_no_improve",
        "2500",
        "--batch_size",
        "32",
        "--seed",
        str(seed),
        "--device",
        device,
        "--char_lowercase",
        *(extra_args or []),
    ]


def prepare_stanza(
    work_dir: str | Path,
    data_dir: str | Path = DATA_DIR,
    n_domain: int = 1500,
    seed: int = SEED,
    raw_text: str | Path | None = None,
) -> dict[str, int]:
    """Write stanza's training inputs into `work_dir`: train.json, dev.json and the id_pretrain.pt vectors."""
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    train, dev, counts = load_training_sentences(data_dir, n_domain=n_domain, seed=seed)
    _write_stanza_json(train, work_dir / "train.json")
    _write_stanza_json(dev, work_dir / "dev.json")
    build_stanza_pretrain(train, work_dir / "id_pretrain.pt", raw_text=Path(raw_text) if raw_text else None, seed=seed)
    (work_dir / "counts.json").write_text(json.dumps(counts), encoding="utf-8")
    return counts


def train_stanza(
    output_dir: str | Path = REPO_ROOT / "models" / "id_ner_stanza",
    data_dir: str | Path = DATA_DIR,
    n_domain: int = 1500,
    seed: int = SEED,
    max_steps: int = 4200,
    raw_text: str | Path | None = RAW_TEXT,
    device: str | None = None,
    work_dir: str | Path | None = None,
    extra_args: list[str] | None = None,
    continue_steps: int = 4500,
) -> dict:
    """Train the stanza NER tagger (stanza.models.ner_tagger) on the same data as the spaCy model.

    Word vectors are trained here (no download). `max_steps` of training, then (if `continue_steps`) a
    second run of that many steps started from the best model (stanza's --finetune: fresh optimiser).
    Writes `id_ner_nertagger.pt` and `id_pretrain.pt` into `output_dir`. Needs the optional extra
    (stanza + torch). Returns a summary dict.
    """
    try:
        import torch
        from stanza.models import ner_tagger
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("training the stanza engine needs the optional extra: pip install -e '.[stanza]'") from exc

    t0 = time.time()
    output_dir = Path(output_dir)
    tmp = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="ner_stanza_"))
    counts = prepare_stanza(tmp, data_dir, n_domain=n_domain, seed=seed, raw_text=raw_text)
    if device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    args = stanza_tagger_args(tmp, seed=seed, max_steps=max_steps, device=device, extra_args=extra_args)
    ner_tagger.main(args)
    if continue_steps:
        ner_tagger.main(
            stanza_tagger_args(
                tmp,
                seed=seed,
                max_steps=continue_steps,
                device=device,
                extra_args=[*(extra_args or []), "--finetune"],
            )
        )
    output_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(tmp / "saved" / "id_ner_nertagger.pt", output_dir / "id_ner_nertagger.pt")
    shutil.copy2(tmp / "id_pretrain.pt", output_dir / "id_pretrain.pt")
    summary = {
        "engine": "stanza",
        "seed": seed,
        "counts": counts,
        "seconds": round(time.time() - t0, 1),
        "device": device,
        "max_steps": max_steps,
        "continue_steps": continue_steps,
        "raw_text": bool(raw_text),
    }
    (output_dir / "training.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if work_dir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


__all__ = [
    "load_training_sentences",
    "sentence_text",
    "spacy_config_text",
    "train_spacy",
    "train_stanza",
    "export_for_stanza",
]
