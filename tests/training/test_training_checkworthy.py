"""Training and the CLI: retrain on invented sentences, write weights, evaluate them."""

from __future__ import annotations

import json
import random

from typer.testing import CliRunner

from presslens.analyzers.claims.model import Predictor, load_arrays, load_predictor
from presslens.eval.checkthat import Example
from presslens.training.checkworthy import save, train

FACTS = ["The city spent {n} million dollars on roads in {y}.", "Crime fell {n} percent between {y} and 2019.",
         "The senator voted against the bill {n} times in {y}.", "The plant employed {n} workers in {y}."]
OPINIONS = ["I think that is a terrible idea.", "We must do better for our children.",
            "What would you do?", "Thank you very much.", "I believe in this country."]


def _examples(n: int = 90) -> list[Example]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        if i % 2:
            text = rng.choice(FACTS).format(n=rng.randint(2, 900), y=rng.randint(1990, 2020))
        else:
            text = rng.choice(OPINIONS)
        out.append(Example(str(i), text, bool(i % 2)))
    return out


def test_train_save_and_reload(tmp_path):
    arrays, report = train(_examples(), folds=3)
    assert report.n == 90 and len(report.fold_f1) == 3
    assert report.cv["f1"] > 0.9
    path = save(arrays, tmp_path)
    model = Predictor(load_arrays(path))
    assert model.label("The agency hired 40 inspectors in 2003.")
    assert not model.label("I think we must do better.")
    assert load_predictor(tmp_path).threshold == model.threshold


def _tsv(tmp_path):
    path = tmp_path / "train.tsv"
    lines = ["Sentence_id\tText\tclass_label"] + [f"{e.sentence_id}\t{e.text}\t{'Yes' if e.label else 'No'}" for e in _examples()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_train_then_eval(tmp_path):
    from presslens.cli import _register, app

    _register()
    tsv, out = _tsv(tmp_path), tmp_path / "model"
    runner = CliRunner()
    res = runner.invoke(app, ["train", "checkworthy", "--tsv", str(tsv), "--out", str(out), "--folds", "3"])
    assert res.exit_code == 0, res.output
    assert (out / "weights.npz").exists()
    assert json.loads(res.stdout.strip().splitlines()[-1])["grouped_cv_f1"] > 0.9
    res = runner.invoke(app, ["eval", "checkworthy", "--tsv", str(tsv), "--weights", str(out)])
    assert res.exit_code == 0, res.output
    metrics = json.loads(res.stdout.strip().splitlines()[-1])
    assert metrics["n"] == 90 and metrics["f1"] > 0.9
