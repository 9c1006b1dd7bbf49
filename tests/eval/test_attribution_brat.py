"""BRAT reader, prediction mapping and span scorer of ``presslens eval attribution``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_data
from presslens.eval.attribution import Item, pair_files, predicted_items, read_ann, score
from presslens.model.records import Quote
from presslens.model.span import Span

TEXT = (
    "Harbour talks resume\n\n"
    "The port authority said that ferries would sail again on Friday. "
    "“We are ready,” said Lina Ortiz, its director."
)


def _span(text: str, words: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``words``."""
    i = text.index(words)
    return i, i + len(words)


def _ann(text: str) -> str:
    """A hand-made PolNeAR-style annotation of TEXT (one discontinuous span, extra labels)."""
    rows = [
        ("Source", "The port authority"),
        ("Cue", "said"),
        ("Content", "that ferries would sail again on Friday"),
        ("Attribution", "said"),
        ("Source", "Lina Ortiz, its director"),
    ]
    lines = []
    for n, (label, words) in enumerate(rows, 1):
        s, e = _span(text, words)
        lines.append(f"T{n}\t{label} {s} {e}\t{words}")
    q1, q2 = _span(text, "“We"), _span(text, "ready,”")
    lines.append(f"T9\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t“We ready,”")
    lines.append("E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3")
    lines.append("#1\tAnnotatorNotes T1\tfree text")
    return "\n".join(lines) + "\n"


@pytest.fixture
def brat(tmp_path):
    """A PolNeAR-layout folder: text/<name>.txt and attributions/<name>_<annotator>.ann."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "harbour_4e07.ann").write_text(_ann(TEXT), encoding="utf-8")
    (tmp_path / "attributions" / "orphan_4e07.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_ann_keeps_roles_and_splits_segments():
    items = read_ann(_ann(TEXT), "d")
    assert sorted({i.role for i in items}) == ["Content", "Cue", "Source"]
    contents = [TEXT[i.start : i.end] for i in items if i.role == "Content"]
    assert contents == ["that ferries would sail again on Friday", "“We", "ready,”"]


def test_pair_files_maps_annotator_suffix(brat):
    pairs = pair_files(brat)
    assert [(t.name, a.name) for t, a in pairs] == [("harbour.txt", "harbour_4e07.ann")]


def test_predicted_items_widen_to_polnear_conventions():
    cue = Span(*_span(TEXT, "said that"))
    cue = Span(cue.start, cue.start + 4)
    reported = Quote("QT1", Span(*_span(TEXT, "ferries would sail again on Friday")), "E1", cue, False,
                     Span(*_span(TEXT, "The port authority")))
    direct = Quote("QT2", Span(*_span(TEXT, "We are ready")), None, None, True, None)
    items = predicted_items("d", TEXT, [reported, direct])
    got = {(i.role, TEXT[i.start : i.end]) for i in items}
    assert ("Content", "that ferries would sail again on Friday") in got
    assert ("Content", "“We are ready,”") in got
    assert ("Cue", "said") in got and ("Source", "The port authority") in got


def test_source_widens_to_a_possessive_but_not_to_a_pronoun_contraction():
    """PolNeAR marks "Okafor's" in "Okafor's statement"; "He's" is "he is", never a possessive."""
    from presslens.eval.attribution import _widen_source

    text = "Okafor's statement came late. He's said the port would reopen."
    assert text[slice(*_widen_source(text, 0, 6))] == "Okafor's"
    he = text.index("He's")
    assert text[slice(*_widen_source(text, he, he + 2))] == "He"


def test_score_exact_and_overlap():
    gold = [Item("d", "Cue", 0, 4), Item("d", "Cue", 10, 14), Item("d", "Content", 20, 40)]
    pred = [Item("d", "Cue", 0, 4), Item("d", "Cue", 11, 13), Item("d", "Content", 25, 30), Item("d", "Source", 50, 52)]
    m = score(gold, pred)
    assert (m["cue_exact_p"], m["cue_exact_r"]) == (0.5, 0.5)
    assert (m["cue_overlap_p"], m["cue_overlap_r"], m["cue_overlap_f1"]) == (1.0, 1.0, 1.0)
    assert (m["content_exact_f1"], m["content_overlap_f1"]) == (0.0, 1.0)
    assert (m["source_overlap_p"], m["source_gold"]) == (0.0, 0)
    assert m["all_exact_p"] == 0.25 and m["all_exact_r"] == pytest.approx(1 / 3, abs=1e-4)


def test_eval_command_on_fixture(brat):
    cmd = [sys.executable, "-m", "presslens", "eval", "attribution", "--brat", str(brat)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    assert metrics["annotations"] == 1 and metrics["cue_gold"] == 1
    assert metrics["cue_exact_f1"] > 0 and metrics["content_overlap_r"] > 0


def test_smoke_on_three_polnear_files():
    from presslens.cli.tasks.attribution import run

    metrics = run(shared_data("polnear") / "dev", limit=3)
    assert metrics["annotations"] == 3
    assert metrics["content_gold"] > 0 and metrics["content_overlap_f1"] > 0.2


def test_parts_split_the_articles_by_name(tmp_path):
    """--part heldout / tune score disjoint sets of articles that together make up the folder."""
    from presslens.cli.tasks.attribution import run
    from presslens.training.speakers import heldout

    text = "The mayor said the port would reopen."
    ann = "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 37\tthe port would reopen\n"
    stems = [f"article{i}" for i in range(12)]
    for stem in stems:
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{stem}.ann").write_text(ann, encoding="utf-8")
    held = sum(heldout(s) for s in stems)
    assert 0 < held < len(stems)  # the fixture names fall on both sides of the hash
    assert run(tmp_path, part="heldout")["annotations"] == held
    assert run(tmp_path, part="tune")["annotations"] == len(stems) - held
    assert run(tmp_path)["annotations"] == len(stems)
