"""The gate's logic on invented metrics and slices (no model, no shared data)."""

from __future__ import annotations

import json

import gate
import pytest


def test_judge_fails_below_floor_minus_epsilon_and_suggests_clear_raises():
    floors = {"a": 0.80, "b": 0.80, "c": 0.80, "d": 0.80, "e": 0.80}
    metrics = {"a": 0.80 - gate.EPSILON / 2, "b": 0.80 - 2 * gate.EPSILON, "c": 0.95, "d": 0.82, "e": True}
    status = {name: s for name, _, _, s in gate.judge(metrics, floors)}
    assert status == {"a": "ok", "b": "FAIL", "c": "raise to 0.94", "d": "ok", "e": "MISSING"}


def test_nested_metrics_are_named_by_path():
    metrics = {"layers": {"who.quotes": {"precision": 0.72, "precision_ci95": [0.6, 0.8]}}}
    assert gate.lookup(metrics, "layers/who.quotes/precision") == 0.72
    assert gate.lookup(metrics, "layers/who.timexes/precision") is None
    rows = gate.judge(metrics, {"layers/who.quotes/precision": 0.75, "layers/who.quotes/precision_ci95": 0.5})
    assert [r[3] for r in rows] == ["FAIL", "MISSING"]


def test_suggested_floor_sits_below_the_value_in_hundredths():
    assert gate.suggested_floor(0.9037) == 0.89
    assert gate.suggested_floor(1.0) == 0.99
    assert gate.suggested_floor(0.005) == 0.0


def test_digest_depends_on_names_contents_and_order():
    a, b = ("x", b"1"), ("y", b"2")
    assert gate.digest_of([a, b]) == gate.digest_of([a, b])
    assert len({gate.digest_of([a, b]), gate.digest_of([b, a]), gate.digest_of([("x", b"12"), ("y", b"")])}) == 3


def test_absent_dataset_skips_with_its_name(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_DATA", str(tmp_path))
    with pytest.raises(gate.Skipped, match=r"tempeval3/TimeBank is absent"):
        gate.prep_timex({"source": "tempeval3/TimeBank", "files": ["a.tml"]}, tmp_path)


def test_missing_slice_file_in_a_present_dataset_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "data" / "tempeval3" / "TimeBank").mkdir(parents=True)
    monkeypatch.setenv("PRESSLENS_DATA", str(tmp_path / "data"))
    with pytest.raises(gate.GateError, match=r"a\.tml is missing"):
        gate.prep_timex({"source": "tempeval3/TimeBank", "files": ["a.tml"]}, tmp_path)


def _ptc(tmp_path, monkeypatch):
    """An invented two-article PTC folder; returns the slice spec of one article."""
    base = tmp_path / "data" / "ptc" / "train"
    (base / "train-articles").mkdir(parents=True)
    (base / "train-articles" / "article1.txt").write_text("Invented one.")
    (base / "train-articles" / "article2.txt").write_text("Invented two.")
    (base / "labels").write_text("1\tDoubt\t0\t3\n2\tDoubt\t1\t4\n")
    monkeypatch.setenv("PRESSLENS_DATA", str(tmp_path / "data"))
    return {"source": "ptc/train", "files": ["train-articles/article1.txt"], "labels": "labels"}


def test_ptc_slice_links_articles_and_keeps_only_their_labels(tmp_path, monkeypatch):
    spec = _ptc(tmp_path, monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    prepared = gate.prep_techniques(spec, out)
    assert (out / "labels.tsv").read_text() == "1\tDoubt\t0\t3\n"
    assert (out / "ptc" / "train-articles" / "article1.txt").read_text() == "Invented one."
    assert prepared.count == 1 and "--labels" in prepared.argv
    (tmp_path / "data" / "ptc" / "train" / "labels").write_text("1\tDoubt\t0\t4\n")
    again = tmp_path / "again"
    again.mkdir()
    assert gate.prep_techniques(spec, again).digest != prepared.digest  # gold spans are in the digest


def test_checkworthy_slice_is_header_plus_line_range(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ct.tsv").write_text("Sentence_id\tText\tclass_label\n1\tA\tNo\n2\tB\tYes\n3\tC\tNo\n")
    monkeypatch.setenv("PRESSLENS_DATA", str(data))
    prepared = gate.prep_checkworthy({"source": "ct.tsv", "lines": [3, 4]}, tmp_path)
    assert (tmp_path / "slice.tsv").read_text() == "Sentence_id\tText\tclass_label\n2\tB\tYes\n3\tC\tNo\n"
    assert prepared.count == 2
    with pytest.raises(gate.GateError, match="outside"):
        gate.prep_checkworthy({"source": "ct.tsv", "lines": [3, 9]}, tmp_path)


def test_check_slice_notices_a_changed_digest_and_a_wrong_count():
    prepared = gate.Prepared([], "sha256:new", 3)
    with pytest.raises(gate.GateError, match="changed"):
        gate.check_slice({"digest": "sha256:old"}, prepared, {"n": 3}, "n")
    with pytest.raises(gate.GateError, match="scored 2 n, the slice has 3"):
        gate.check_slice({"digest": "sha256:new"}, prepared, {"n": 2}, "n")
    gate.check_slice({"digest": "sha256:new"}, prepared, {"n": 3}, "n")


def test_run_cli_reads_the_last_json_line_and_reports_failures(monkeypatch, tmp_path):
    fake = tmp_path / "fakepkg" / "presslens"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(
        "import json, sys\n"
        "if sys.argv[1] == 'ok':\n    print('a table'); print(json.dumps({'f1': 0.5}))\n"
        "elif sys.argv[1] == 'text':\n    print('no json here')\n"
        "else:\n    print('boom: bad input', file=sys.stderr); sys.exit(2)\n")
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    monkeypatch.setattr(gate, "ROOT", tmp_path)
    assert gate.run_cli(["ok"]) == {"f1": 0.5}
    with pytest.raises(gate.GateError, match="not JSON"):
        gate.run_cli(["text"])
    with pytest.raises(gate.GateError, match="exit 2: boom: bad input"):
        gate.run_cli(["fail"])


def test_raise_and_accept_write_floors_upward_or_for_a_new_slice():
    config = {"tasks": {"t": {"digest": "sha256:a", "floors": {"m": 0.5, "n": 0.9}}}}
    ran = gate.Outcome("t", rows=gate.judge({"m": 0.9, "n": 0.85}, {"m": 0.5, "n": 0.9}), digest="sha256:a")
    assert gate.raise_floors(config, [ran]) == ["t.m 0.50 -> 0.89"]
    assert config["tasks"]["t"]["floors"] == {"m": 0.89, "n": 0.9}
    gate.accept_slice(config, ran)  # same digest: nothing may go down
    assert config["tasks"]["t"]["floors"] == {"m": 0.89, "n": 0.9}
    ran.digest = "sha256:b"
    gate.accept_slice(config, ran)  # new slice: floors re-based on what it measures
    assert config["tasks"]["t"] == {"digest": "sha256:b", "floors": {"m": 0.89, "n": 0.84}}


def test_main_skips_absent_datasets_and_fails_on_a_broken_task(tmp_path, monkeypatch, capsys):
    floors = {"tasks": {"timex": {"source": "tempeval3/TimeBank", "files": ["a.tml"], "digest": "sha256:x",
                                  "floors": {"strict_f1": 0.5}},
                        "events": {"packaged": "no_such_cases.jsonl", "digest": "sha256:x", "floors": {"f1": 0.5}}}}
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors))
    monkeypatch.setattr(gate, "FLOORS", path)
    monkeypatch.setenv("PRESSLENS_DATA", str(tmp_path / "nothing"))
    assert gate.main([]) == 1
    out = capsys.readouterr().out
    assert "SKIPPED timex: dataset ../shared/data/tempeval3/TimeBank is absent" in out
    assert "ERROR   events: expected one packaged no_such_cases.jsonl, found 0" in out
    assert "gate: FAILED: events" in out
    assert gate.main(["--accept", "events"]) == 1  # accepting a slice never hides an error
    assert json.loads(path.read_text()) == floors  # and writes nothing


def test_audit_slice_links_its_articles_and_digests_their_labels(tmp_path, monkeypatch):
    labels = tmp_path / "labels" / "who"
    labels.mkdir(parents=True)
    (labels / "x.json").write_text('{"article": "bbc/x.txt", "split": "dev"}')
    (labels / "y.json").write_text('{"article": "bbc/y.txt", "split": "heldout"}')
    monkeypatch.setattr(gate, "packaged_file", lambda name: tmp_path / "labels")
    monkeypatch.setenv("PRESSLENS_DATA", str(tmp_path / "data"))
    spec = {"packaged": "audit/labels", "split": "dev", "articles": ["bbc/x.txt"]}
    with pytest.raises(gate.Skipped, match="bbc is absent"):
        gate.prep_audit(spec, tmp_path / "a")
    (tmp_path / "data" / "bbc").mkdir(parents=True)
    (tmp_path / "data" / "bbc" / "x.txt").write_text("An invented article.")
    prepared = gate.prep_audit(spec, tmp_path / "b")
    assert prepared.argv[-4:] == ["--split", "dev", "--data", str(tmp_path / "b" / "data")]
    assert (tmp_path / "b" / "data" / "bbc" / "x.txt").read_text() == "An invented article."
    (labels / "y.json").write_text('{"article": "bbc/y.txt", "split": "heldout", "quotes": []}')
    assert gate.prep_audit(spec, tmp_path / "c").digest == prepared.digest  # other articles' labels: no
    (labels / "x.json").write_text('{"article": "bbc/x.txt", "split": "dev", "quotes": []}')
    assert gate.prep_audit(spec, tmp_path / "d").digest != prepared.digest  # its own labels: yes


def test_packaged_case_files_are_scored_in_place_or_joined(tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_text('{"id": "1"}\n{"id": "2"}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "3"}')  # no final newline
    monkeypatch.setattr(gate, "packaged_file", lambda name: tmp_path / name)
    prepare = gate.prep_packaged("sentences", ["--segmenters", "presslens"])
    one = prepare({"packaged": "a.jsonl"}, tmp_path)
    assert one.argv == ["eval", "sentences", "--cases", str(tmp_path / "a.jsonl"), "--segmenters", "presslens"]
    assert one.count == 2
    (tmp_path / "out").mkdir()
    both = prepare({"packaged": ["a.jsonl", "b.jsonl"]}, tmp_path / "out")
    assert (tmp_path / "out" / "cases.jsonl").read_text() == '{"id": "1"}\n{"id": "2"}\n{"id": "3"}\n'
    assert both.count == 3 and both.digest != one.digest
