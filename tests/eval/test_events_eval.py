"""Scoring of PLOVER event cases on tiny hand-made gold."""

from __future__ import annotations

import json

import pytest

from presslens.eval.events import align, is_heldout, overlaps, score, select, words

GOLD = [
    {"id": "a1", "text": "x", "events": [{"type": "ASSAULT", "actor": ["rebels"], "target": ["the army convoy"]}]},
    {"id": "a2", "text": "x", "events": [{"type": "CONSULT", "actor": ["Spain"], "status": "planned"},
                                          {"type": "AGREE", "actor": ["Spain"]}]},
    {"id": "a3", "text": "x", "events": []},
]


def test_words_and_overlap_ignore_case_stopwords_and_possessives():
    assert words(["The villagers' cattle"]) == {"villagers", "cattle"}
    assert overlaps(["the Foreign Ministers of Spain"], ["spain"])
    assert not overlaps(["the army"], ["the navy"])


def test_align_prefers_the_candidate_with_overlapping_actors():
    gold = [{"type": "ASSAULT", "actor": ["police"]}]
    pred = [{"type": "ASSAULT", "actor": ["protesters"]}, {"type": "ASSAULT", "actor": ["riot police"]}]
    assert align(gold, pred) == [(0, 1)]


def test_micro_macro_and_agreement():
    pred = {
        "a1": [{"type": "ASSAULT", "actor": ["Rebels"], "target": ["a convoy"], "status": "happened"}],
        "a2": [{"type": "CONSULT", "actor": ["the minister"], "status": "happened"}],
        "a3": [{"type": "PROTEST"}],
    }
    m = score(GOLD, pred).metrics()
    assert m["gold_events"] == 3 and m["predicted_events"] == 3
    assert m["precision"] == pytest.approx(2 / 3) and m["recall"] == pytest.approx(2 / 3)
    assert m["actor_agreement"] == pytest.approx(0.5)
    assert m["target_agreement"] == 1.0
    assert m["status_agreement"] == 0.0
    assert m["sentence_exact"] == pytest.approx(1 / 3)
    # macro over 16 types: ASSAULT and CONSULT F1 = 1, AGREE and PROTEST 0, the rest 0
    assert m["macro_f1"] == pytest.approx(2 / 16)


def test_splits_by_last_digit():
    cases = [{"id": f"ev{i:03d}"} for i in range(1, 21)]
    held = select(cases, "heldout")
    assert all(is_heldout(c["id"]) for c in held) and len(held) == 6
    assert len(select(cases, "dev")) == 14 and len(select(cases, "all")) == 20


@pytest.mark.slow
def test_cli_prints_table_and_json_line(tmp_path):
    from typer.testing import CliRunner

    from presslens.cli import _register, app

    if not any(getattr(g, "name", None) == "eval" for g in app.registered_groups):
        _register()

    cases = tmp_path / "cases.jsonl"
    rows = [{"id": "t1", "text": "Rebels attacked a convoy near the border.",
             "events": [{"type": "ASSAULT", "actor": ["rebels"], "target": ["convoy"]}]},
            {"id": "t2", "text": "The lake is very deep.", "events": []}]
    cases.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events", "--cases", str(cases)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["f1"] == 1.0 and metrics["actor_agreement"] == 1.0 and metrics["sentences"] == 2


def test_references_are_left_out_and_uncertain_kept_unless_asked():
    from presslens.eval.events import reported

    pred = [{"type": "ASSAULT", "uncertain": True}, {"type": "PROTEST", "reference": True}, {"type": "AGREE"}]
    assert [p["type"] for p in reported(pred)] == ["ASSAULT", "AGREE"]
    assert [p["type"] for p in reported(pred, confident_only=True)] == ["AGREE"]
    assert [p["type"] for p in reported(pred, with_references=True)] == ["ASSAULT", "PROTEST", "AGREE"]


def test_status_compatibility_follows_the_audit_rule():
    from presslens.eval.events import status_compatible

    assert status_compatible({"type": "X"}, {"status": "planned"})  # no gold status: anything goes
    assert status_compatible({"status": "happened"}, {"status": "reported"})
    assert status_compatible({"status": "negated", "negated": True}, {"status": "denied"})
    assert not status_compatible({"status": "hypothetical"}, {"status": "happened"})


def test_calibration_pairs_every_reported_event_with_its_verdict():
    gold = [{"id": "c1", "text": "x", "events": [{"type": "ASSAULT", "status": "happened"}]}]
    pred = {"c1": [{"type": "ASSAULT", "status": "happened", "confidence": 0.9},
                   {"type": "PROTEST", "confidence": 0.2, "uncertain": True},
                   {"type": "COERCE", "confidence": 0.7, "reference": True}]}   # references are not paired
    tally = score(gold, pred)
    assert sorted(tally.reliability.pairs) == [(0.2, False), (0.9, True)]
    assert tally.reliability.brier() == pytest.approx((0.1 ** 2 + 0.2 ** 2) / 2)
    m = tally.metrics()
    assert m["predicted_events"] == 2 and m["precision"] == pytest.approx(0.5)
    assert score(gold, pred, confident_only=True).metrics()["precision"] == 1.0


def test_reliability_table_and_threshold_summary():
    from presslens.eval.calibration import Reliability

    rel = Reliability()
    for p, y in ((0.95, True), (0.9, True), (0.85, False), (0.3, False), (0.1, False), (1.0, True)):
        rel.add(p, y)
    rows = {r["bin"]: r for r in rel.table()}
    assert rows["0.8-1.0"]["n"] == 4 and rows["0.8-1.0"]["right"] == pytest.approx(0.75)
    assert rows["0.0-0.2"]["n"] == 1 and rows["0.2-0.4"]["right"] == 0.0
    out = rel.summary(threshold=0.9)
    assert (out["kept"], out["precision_kept"]) == (3, 1.0)
    assert out["share_kept"] == pytest.approx(0.5)
    assert Reliability().brier() is None and Reliability().summary()["n"] == 0


def test_judged_precision_counts_only_judged_events():
    from types import SimpleNamespace

    from presslens.eval.events import judged_precision
    from presslens.model.records import Event
    from presslens.model.span import Span

    def ev(start: int, typ: str, status: str, conf: float, uncertain: bool) -> Event:
        return Event(f"V{start}", typ, Span(start, start + 3), Span(0, 40), status=status,  # type: ignore[arg-type]
                     confidence=conf, uncertain=uncertain)

    row = {"judgments": [{"trigger": [0, 3], "type": "ASSAULT", "status": "happened", "right": True},
                         {"trigger": [5, 8], "type": "ACCUSE", "status": "happened", "right": False},
                         {"trigger": [10, 13], "type": "AGREE", "status": "planned", "right": True}]}
    analysis = SimpleNamespace(events=(ev(0, "ASSAULT", "happened", 0.95, False), ev(5, "ACCUSE", "happened", 0.9, False),
                                       ev(10, "AGREE", "planned", 0.4, True), ev(20, "PROTEST", "happened", 0.9, False)))
    m = judged_precision([(row, analysis)])
    assert (m["judged"], m["unjudged"], m["right"]) == (3, 1, 2)
    assert (m["resolved"], m["resolved_right"]) == (2, 1)
    assert m["precision_resolved"] == 0.5 and m["precision_all"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["calibration"]["n"] == 3
