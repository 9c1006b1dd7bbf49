"""``presslens eval genre`` / ``train genre`` and the genre scorer on invented SemEval-format folders."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presslens.eval.genre import genre_scores, read_semeval

ARTICLES = {
    "800001": ("reporting", "Council approves budget\n\nThe city council voted 7-2 on Tuesday to approve a new "
                            "budget, officials said. The plan includes $3 million for road repairs, according to "
                            "the mayor's office. A final vote is expected next month, a spokesman said.\n"),
    "800002": ("opinion", "Enough is enough\n\nI have had it with this council. We deserve better than these "
                          "reckless, incompetent people! Why do we keep electing them? I say vote them out, "
                          "and I mean all of them. You know I am right.\n"),
    "800003": ("reporting", "Flooding closes roads\n\nHeavy rain caused flooding in the north on Sunday, "
                            "police said. About 200 residents were moved to shelters, the fire service said. "
                            "Forecasters said more rain was possible on Monday.\n"),
}


def _cli():  # type: ignore[no-untyped-def]
    """The typer app with its commands registered."""
    from presslens.cli import _register, app

    _register()
    return app


def _folder(tmp_path):  # type: ignore[no-untyped-def]
    """Write the invented articles and labels in the SemEval-2023 Task 3 layout."""
    arts = tmp_path / "train-articles"
    arts.mkdir()
    for art, (_, text) in ARTICLES.items():
        (arts / f"article{art}.txt").write_text(text, encoding="utf-8")
    lines = [f"{a}\t{lab}" for a, (lab, _) in ARTICLES.items()] + ["800009\topinion"]  # a label without article
    (tmp_path / "train-labels-subtask-1.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_reader_pairs_articles_with_labels(tmp_path) -> None:
    items = read_semeval(_folder(tmp_path))
    assert [(x.id, x.label) for x in items] == [(a, lab) for a, (lab, _) in sorted(ARTICLES.items())]


def test_scores_macro_f1_over_three_classes() -> None:
    s = genre_scores(["opinion", "opinion", "reporting", "satire"], ["opinion", "reporting", "reporting", "opinion"])
    per = s["per_class"]
    assert per["opinion"]["f1"] == pytest.approx(0.5) and per["reporting"]["f1"] == pytest.approx(2 / 3)
    assert per["satire"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)
    assert s["accuracy"] == pytest.approx(0.5)


def test_eval_genre_prints_table_and_json(tmp_path, nlp) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(_cli(), ["eval", "genre", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["n"] == 3 and metrics["mode"] == "model"
    assert set(metrics["per_class"]) == {"reporting", "opinion", "satire"}
    assert metrics["per_class"]["reporting"]["support"] == 2


def test_eval_genre_without_data_is_one_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(_cli(), ["eval", "genre"])
    assert result.exit_code != 0


def test_train_genre_writes_a_model_that_loads(tmp_path, nlp) -> None:
    pytest.importorskip("sklearn")
    from presslens.analyzers.techniques.genre import GenreModel

    folder = _folder(tmp_path)
    out = tmp_path / "model"
    result = CliRunner().invoke(_cli(), ["train", "genre", "--data", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = GenreModel.from_dict(json.loads((out / "genre.json").read_text(encoding="utf-8")))
    assert model.coef.shape == (3, len(model.names))
