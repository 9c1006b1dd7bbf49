"""The audit framework end to end on an invented article with invented labels (real pipeline)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.errors import DatasetError
from presslens.eval import audit

ARTICLE = ("Harbour strike ends after talks\n\n"
           "Maria Lopez, the dockers' union leader, said on Tuesday that the strike at Valdora port "
           "would end. \"We won,\" she said. The port handled 12 million tonnes in 2015.\n")


def span(phrase: str) -> list[int]:
    """Offsets of a phrase in the invented article."""
    start = ARTICLE.index(phrase)
    return [start, start + len(phrase)]


def who_label(split: str = "dev") -> dict:  # type: ignore[type-arg]
    """A complete ``who`` label file for the invented article."""
    return {
        "article": "news/strike.txt", "sha256": hashlib.sha256(ARTICLE.encode()).hexdigest(), "split": split,
        "labeller_notes": "invented", "published": "2016-03-02", "published_bounds": ["2016-03-02", "2016-03-02"],
        "entities": [{"id": "e1", "type": "PERSON", "mentions": [span("Maria Lopez")]},
                     {"id": "e2", "type": "GPE", "mentions": [span("Valdora")]}],
        "quotes": [{"content": span("the strike at Valdora port would end"), "direct": False, "cue": span("said"),
                    "speaker": "e1", "speaker_span": span("Maria Lopez"), "speaker_kind": "named"},
                   {"content": span("We won"), "direct": True, "cue": None, "speaker": "e1",
                    "speaker_span": span("she"), "speaker_kind": "named"}],
        "quantities": [{"span": span("12 million tonnes"), "value": 12000000, "value_max": None, "unit": "tonne",
                        "approximate": False, "counts": None}],
        "timexes": [{"span": span("Tuesday"), "type": "DATE", "value": "2016-03-01"},
                    {"span": span("2015"), "type": "DATE", "value": "2015"}],
    }


@pytest.fixture()
def audit_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder with the article, label root with a ``who`` group and a module-less group)."""
    data = tmp_path / "data"
    (data / "news").mkdir(parents=True)
    (data / "news" / "strike.txt").write_bytes(ARTICLE.encode())
    labels = tmp_path / "labels"
    for group in ("who", "nosuchgroup"):
        (labels / group).mkdir(parents=True)
        (labels / group / "news__strike.json").write_text(json.dumps(who_label()), encoding="utf-8")
    return data, labels


def test_run_scores_every_who_layer_once(audit_dirs, nlp) -> None:  # type: ignore[no-untyped-def]
    data, labels = audit_dirs
    groups = audit.load_groups(labels)
    assert [g.name for g in groups] == ["who"]  # no scorer module: skipped
    seen: list[str] = []
    tally = audit.run(data, "all", groups=groups, progress=seen.append)
    assert seen == ["news/strike.txt"] and tally.articles == {"dev": 1}
    summary = audit.summarise(tally, "all")
    assert set(summary["layers"]) >= {f"who.{x}.{s}" for x in ("quotes", "entities") for s in ("dev", "all")}
    quotes = summary["layers"]["who.quotes.dev"]
    assert quotes["gold"] == 2 and quotes["found"] >= 1
    assert summary["layers"]["who.published.dev"]["gold"] == 1
    assert audit.summarise(tally, "heldout")["layers"] == {}


def test_published_from_labels_gives_the_true_date(audit_dirs, nlp) -> None:  # type: ignore[no-untyped-def]
    data, labels = audit_dirs
    tally = audit.run(data, "dev", ["published"], published_from_labels=True, groups=audit.load_groups(labels))
    counts = tally.counts[("who", "published", "dev")]
    assert counts["day_correct"] == 1 and counts["correct"] == 1
    assert set(tally.counts) == {("who", "published", "dev")}


def test_bad_article_and_bad_layer_fail_with_one_clear_error(audit_dirs) -> None:  # type: ignore[no-untyped-def]
    data, labels = audit_dirs
    groups = audit.load_groups(labels)
    with pytest.raises(DatasetError, match="unknown audit layer"):
        audit.run(data, "dev", ["quotes", "nonsense"], groups=groups)
    with pytest.raises(DatasetError, match="unknown split"):
        audit.run(data, "test", groups=groups)
    with pytest.raises(DatasetError, match="not found"):
        audit.run(data / "news", "dev", groups=groups)
    (data / "news" / "strike.txt").write_bytes(ARTICLE.replace("12", "13").encode())
    with pytest.raises(DatasetError, match="SHA-256"):
        audit.run(data, "dev", groups=groups)


def test_label_problems_catch_bad_offsets_and_copied_text() -> None:
    label = who_label()
    assert audit.label_problems(label, ARTICLE) == []
    label["entities"][0]["mentions"].append([5, 5])
    label["labeller_notes"] = "the dockers' union leader said"
    problems = audit.label_problems(label, ARTICLE)
    assert len(problems) == 2 and "empty or outside" in problems[0] and "repeats" in problems[1]
    assert audit.label_problems({"x": [[0, len(ARTICLE) + 1]]}, ARTICLE)


def test_wilson_interval_and_rates() -> None:
    low, high = audit.wilson(8, 10)  # type: ignore[misc]
    assert round(low, 3) == 0.490 and round(high, 3) == 0.943
    assert audit.wilson(0, 0) is None
    rates = audit.with_rates({"predicted": 10, "correct": 8, "gold": 4, "found": 1})
    assert rates["precision"] == 0.8 and rates["coverage"] == 0.25 and rates["precision_ci95"] == [0.4902, 0.9433]
    assert audit.with_rates({"predicted": 0, "gold": 0})["precision"] is None


def test_bundled_groups_load_and_split_the_draw() -> None:
    groups = audit.load_groups()
    assert "who" in [g.name for g in groups]
    assert len(audit.select_articles(groups, "dev")) == 20
    assert len(audit.select_articles(groups, "heldout")) == 12


def _cli():  # type: ignore[no-untyped-def]
    """The typer app with its commands registered."""
    from presslens.cli import _register, app

    _register()
    return app


def test_cli_prints_table_and_json_and_writes_file(audit_dirs, nlp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data, labels = audit_dirs
    out = tmp_path / "audit.json"
    result = CliRunner().invoke(_cli(), ["eval", "audit", "--labels", str(labels), "--data", str(data),
                                         "--split", "dev", "--layers", "who.quotes,entities", "--json-out", str(out)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert set(metrics["layers"]) == {"who.quotes", "who.entities"} and metrics["articles"] == 1
    assert json.loads(out.read_text("utf-8"))["layers"] == metrics["layers"]
    assert "who.quotes" in result.output


def test_cli_missing_data_is_one_line_and_non_zero(tmp_path) -> None:  # type: ignore[no-untyped-def]
    exe = Path(sys.executable).with_name("presslens")
    proc = subprocess.run([str(exe), "eval", "audit", "--data", str(tmp_path / "absent")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "absent" in proc.stderr and "Traceback" not in proc.stderr
