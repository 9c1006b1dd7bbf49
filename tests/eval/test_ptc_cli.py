"""``presslens eval techniques`` on a tiny invented PTC-format folder (offsets index the raw files)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

ARTICLES = {
    "900001": "Council approves budget\n\nThe council voted on Tuesday to approve the budget.\n"
              "Critics called the mayor a corrupt puppet of the developers!\n",
    "900002": "A shameful betrayal\n\nThis reckless government will destroy everything we love.\n"
              "Only a fool would believe their so-called reforms.\n",
}


def _cli():  # type: ignore[no-untyped-def]
    """The typer app with its commands registered."""
    from presslens.cli import _register, app

    _register()
    return app


def _span(art: str, phrase: str) -> tuple[int, int]:
    """Offsets of a phrase in an invented article."""
    start = ARTICLES[art].index(phrase)
    return start, start + len(phrase)


def test_eval_techniques_prints_table_and_json(tmp_path, nlp) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for art, text in ARTICLES.items():
        (folder / f"article{art}.txt").write_text(text, encoding="utf-8", newline="")
    gold = [("900001", "Name_Calling,Labeling", "corrupt puppet"),
            ("900002", "Loaded_Language", "shameful betrayal"),
            ("900002", "Appeal_to_fear-prejudice", "will destroy everything we love"),
            ("900002", "Doubt", "so-called reforms")]
    lines = [f"{a}\t{t}\t{s}\t{e}" for a, t, p in gold for s, e in [_span(a, p)]]
    labels = tmp_path / "labels.txt"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["eval", "techniques", "--ptc", str(folder), "--labels", str(labels)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["n_gold_spans"] == 4 and metrics["articles"] == 2
    assert 0.0 <= metrics["span_precision"] <= 1.0 and metrics["span_recall"] > 0.0
    assert 0.0 <= metrics["technique_micro_f1"] <= 1.0
    assert "span_f1" in result.output
    # every span is either shown or uncertain; the scorer merges overlaps, so it counts no more
    assert metrics["n_shown_spans"] + metrics["n_uncertain_spans"] >= metrics["n_pred_spans"] > 0
    assert metrics["shown_span_recall"] <= metrics["span_recall"] + 1e-9  # shown spans are a subset
    assert sum(b["n"] for b in metrics["confidence_bands"]) == metrics["n_shown_spans"] + metrics["n_uncertain_spans"]
    assert 0.0 <= metrics["confidence_brier"] <= 1.0
