"""The bundled static sentence-embedding model: offline, no torch, normalised, deterministic, useful."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from presslens.errors import ModelError
from presslens.nlp import embeddings
from presslens.nlp.embeddings import embed

SRC = Path(embeddings.__file__).resolve().parent.parent

# (anchor, paraphrase, unrelated): the paraphrase reports the same fact in other words.
TRIPLES = [
    (
        "The city council voted to raise bus fares by twenty percent next year.",
        "Bus tickets will cost a fifth more from next year after a vote by the council.",
        "The goalkeeper saved a penalty in the final minute of the match.",
    ),
    (
        "Heavy rain flooded hundreds of homes along the river overnight.",
        "Overnight floods from the swollen river damaged hundreds of houses.",
        "The central bank kept interest rates unchanged on Thursday.",
    ),
    (
        "The minister denied that the hospital had run out of vaccines.",
        "According to the health minister, the clinic still has vaccine doses.",
        "A new smartphone with a folding screen went on sale in Tokyo.",
    ),
    (
        "Police arrested two men after a shooting outside a nightclub.",
        "Two suspects were detained by officers following gunfire near a club.",
        "The orchestra performed Beethoven's ninth symphony to a full hall.",
    ),
    (
        "Unemployment fell to its lowest level in a decade last month.",
        "Last month the jobless rate dropped to a ten-year low.",
        "Volunteers planted three thousand trees in the park on Sunday.",
    ),
]


def test_shape_dtype_and_unit_rows():
    vectors = embed(["A short sentence.", "Another, somewhat longer sentence about the harbour strike."])
    assert vectors.shape == (2, embeddings.dimension())
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_dimension_is_that_of_the_table():
    assert 128 <= embeddings.dimension() <= 256


def test_deterministic_and_independent_of_batch():
    texts = [t for triple in TRIPLES for t in triple]
    once, again = embed(texts), embed(texts)
    assert np.array_equal(once, again)
    alone = np.vstack([embed([t]) for t in texts])
    assert np.allclose(once, alone, atol=1e-6)


def test_paraphrase_scores_higher_than_unrelated():
    for anchor, paraphrase, unrelated in TRIPLES:
        a, p, u = embed([anchor, paraphrase, unrelated])
        assert float(a @ p) > float(a @ u) + 0.1, (anchor, float(a @ p), float(a @ u))


def test_paraphrase_is_the_nearest_of_all_other_sentences():
    anchors = embed([t[0] for t in TRIPLES])
    others = embed([t[k] for t in TRIPLES for k in (1, 2)])
    nearest = np.argmax(anchors @ others.T, axis=1)
    assert list(nearest) == [2 * i for i in range(len(TRIPLES))]


def test_empty_inputs():
    assert embed([]).shape == (0, embeddings.dimension())
    rows = embed(["", "   ", "Council votes on fares."])
    assert not rows[0].any() and not rows[1].any()
    assert np.isclose(np.linalg.norm(rows[2]), 1.0, atol=1e-5)


def test_long_text_is_not_truncated():
    head = "The harbour strike ended after nine days. " * 40
    tail = "Volcanic ash grounded every flight in Iceland. " * 400
    short, long_ = embed([head, head + tail])
    assert float(short @ long_) < 0.9  # the tail (past 512 tokens) moved the vector


def test_one_string_is_refused():
    with pytest.raises(TypeError):
        embed("a single string")  # type: ignore[arg-type]


def test_threads_get_the_same_vectors():
    texts = [t for triple in TRIPLES for t in triple]
    expected = embed(texts)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: embed(texts), range(32)))
    assert all(np.array_equal(expected, r) for r in results)


def test_missing_resource_is_a_clear_model_error(tmp_path):
    with pytest.raises(ModelError, match=r"model\.safetensors is missing"):
        embed(["text"], folder=tmp_path)


def test_unreadable_resource_is_a_model_error(tmp_path):
    for name in embeddings.REQUIRED_FILES:
        shutil.copy(embeddings.resource_dir() / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"not a tensor file")
    with pytest.raises(ModelError, match="unreadable"):
        embed(["text"], folder=tmp_path)


def test_loads_offline_and_never_imports_torch():
    """In a fresh interpreter with every socket refused: the default path embeds without torch."""
    code = textwrap.dedent(
        """
        import json, socket, sys
        def refuse(*args, **kwargs):
            raise OSError("network refused by the test")
        socket.socket.connect = refuse
        socket.getaddrinfo = refuse
        import presslens, presslens.api, presslens.pipeline
        from presslens.nlp.embeddings import embed
        vectors = embed(["The council raised bus fares.", "Fares went up."])
        heavy = sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)
        print(json.dumps({"shape": list(vectors.shape), "heavy": heavy}))
        """
    )
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warning from the libraries on a normal load
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["shape"][0] == 2
    assert result["heavy"] == []


def test_build_code_is_never_imported_at_run_time():
    build = ("presslens.training.distill_embeddings", "presslens.training.embeddings_quality")
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.parent.name == "training":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(build)]
    assert offenders == []


def test_model_card_matches_the_shipped_table():
    folder = embeddings.resource_dir()
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    assert digest in card, "model.safetensors changed: rerun the evaluation and update MODEL_CARD.md"
    assert re.search(rf"\b{embeddings.dimension()} dimensions\b", card)
    assert "Apache-2.0" in card
