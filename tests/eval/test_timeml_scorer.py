"""TimeML reader and TempEval-3 Task A scorer on tiny hand-made documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.eval.timeml import GoldTimex, TimexScores, match, parse_text, read_tml, score_document

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" temporalFunction="false" functionInDocument="CREATION_TIME">2001-05-04</TIMEX3></DCT>
<TEXT>
The port <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-05-03">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""


def test_reader_strips_tags_and_computes_offsets(tmp_path: Path) -> None:
    path = tmp_path / "toy1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.id == "toy1" and doc.dct == "2001-05-04"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["yesterday", "three weeks"]
    assert [(t.type, t.value) for t in doc.timexes] == [("DATE", "2001-05-03"), ("DURATION", "P3W")]
    assert "&amp;" not in doc.text and "& more" in doc.text


def test_nested_tags_inside_timex() -> None:
    text, found = parse_text('A <TIMEX3 tid="t1" type="DATE" value="1999">in <X>1999</X></TIMEX3>.')
    assert text == "A in 1999." and text[found[0].start : found[0].end] == "in 1999"


def test_match_is_one_to_one_largest_overlap_first() -> None:
    assert sorted(match([(0, 10)], [(0, 4), (2, 10)])) == [(0, 1)]
    assert match([(0, 3)], [(5, 8)]) == []


def test_score_strict_relaxed_value_type() -> None:
    text = "x" * 100
    gold = [GoldTimex(0, 10, "DATE", "2001"), GoldTimex(20, 30, "DURATION", "P3W"), GoldTimex(50, 55, "DATE", "2002")]
    system = [GoldTimex(0, 10, "DATE", "2001"), GoldTimex(22, 30, "DATE", "P3W"), GoldTimex(70, 75, "DATE", "X")]
    s = score_document(text, system, gold)
    assert (s.system, s.gold, s.strict, s.relaxed, s.value_ok, s.type_ok) == (3, 3, 1, 2, 2, 1)
    m = s.metrics()
    assert m["strict_f1"] == pytest.approx(1 / 3)
    assert m["relaxed_f1"] == pytest.approx(2 / 3)
    assert m["value_f1"] == pytest.approx(2 / 3)
    assert m["type_f1"] == pytest.approx(1 / 3)


def test_scores_add_up_and_empty_is_zero() -> None:
    total = TimexScores()
    assert total.metrics()["strict_f1"] == 0.0
    total.add(TimexScores(system=2, gold=2, strict=2, relaxed=2, value_ok=1, type_ok=2))
    total.add(TimexScores(system=2, gold=2, strict=0, relaxed=0))
    m = total.metrics()
    assert m["strict_f1"] == pytest.approx(0.5) and m["value_accuracy"] == pytest.approx(0.5)
