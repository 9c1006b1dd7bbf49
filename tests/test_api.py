"""analyze_items, the one service path: order, isolation, limits, hostile inputs, worker faults (issue 9)."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import presslens
from presslens import runner
from presslens.errors import BinaryInputError, EmptyInputError, PresslensError
from presslens.ingest import InputItem, ingest_text
from presslens.model.analysis import Analysis
from presslens.model.failure import Failure
from presslens.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-strike.txt"
TEXTS = [
    "The ferry to Brisk resumed on Monday after a two-week halt. Operators said demand was high.",
    "Dockers at Valdora returned to work on Tuesday. Mr. Renner said the port had lost cargo.",
    "The council approved the budget by nine votes to four. The mayor abstained.",
]
FAST = Settings(layers=())


def _broken() -> None:
    raise EmptyInputError("broken.txt: the input is empty")


def _items(settings: Settings) -> list[InputItem]:
    items = [InputItem(f"doc{i}", functools.partial(ingest_text, t, source=f"doc{i}", settings=settings))
             for i, t in enumerate(TEXTS)]
    items.insert(1, InputItem("broken.txt", _broken))  # type: ignore[arg-type]
    return items


def _results(inputs, settings=FAST, **kw):
    return list(presslens.analyze_items(inputs, settings, **kw))


# -- order, failures, workers ------------------------------------------------------------------

def test_order_and_failure_fields_in_process():
    results = _results(_items(FAST))
    assert [s for s, _ in results] == ["doc0", "broken.txt", "doc1", "doc2"]
    failure = results[1][1]
    assert failure == Failure("broken.txt", "E002", "broken.txt: the input is empty", "ingest")
    assert all(isinstance(r, Analysis) for s, r in results if s != "broken.txt")


def test_two_workers_give_the_same_analyses():
    settings = Settings(layers=(), batch_size=1)
    one = _results(_items(settings), settings)
    two = _results(_items(settings), settings, workers=2)
    assert [s for s, _ in two] == [s for s, _ in one]
    for (_, a), (_, b) in zip(one, two, strict=True):
        assert type(a) is type(b)
        assert (a.to_dict() == b.to_dict()) if isinstance(a, Analysis) else a == b


def test_paths_records_and_items_mix(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [str(EXAMPLE), empty, {"id": "r1", "text": TEXTS[0]}, _items(FAST)[0]]
    results = _results(inputs)
    assert [s for s, _ in results] == [str(EXAMPLE), str(empty), "r1", "doc0"]
    assert [type(r).__name__ for _, r in results] == ["Analysis", "Failure", "Analysis", "Analysis"]
    assert results[2][1].document.source == "r1"


def test_a_single_path_is_one_input():
    [(source, result)] = _results(str(EXAMPLE))
    assert source == str(EXAMPLE) and isinstance(result, Analysis)


def test_on_error_raise_raises_the_presslens_error(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    with pytest.raises(BinaryInputError) as info:  # loaded in a worker process, rebuilt here
        _results([str(EXAMPLE), str(binary)], on_error="raise")
    assert str(info.value).count("[E003]") == 1 and str(binary) in str(info.value)
    with pytest.raises(EmptyInputError):
        _results(_items(FAST), on_error="raise")


def test_analyze_many_still_raises_and_streams():
    [analysis] = list(presslens.analyze_many([str(EXAMPLE)], FAST))
    assert analysis.document.source == str(EXAMPLE)


def test_bad_arguments():
    with pytest.raises(ValueError):
        _results([], on_error="ignore")
    with pytest.raises(ValueError):
        _results([], workers=0)
    with pytest.raises(TypeError):
        _results([3.5])


# -- checks before the model --------------------------------------------------------------------

def test_empty_file_fails_without_loading_the_model(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = ("import sys, presslens\n"
            f"out = list(presslens.analyze_items([{str(empty)!r}]))\n"
            "from presslens import api\n"
            "print(out[0][1].code, 'spacy' in sys.modules, len(api._PIPELINES))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.split() == ["E002", "False", "0"]


def test_word_limit_refuses_before_analysis():
    text = " ".join([TEXTS[1]] * 4)  # 64 words
    [(_, failure)] = _results([{"id": "long", "text": text}], Settings(layers=(), max_words=60))
    assert isinstance(failure, Failure)
    assert (failure.code, failure.stage) == ("E053", "limit") and "60 words" in failure.message
    [(_, ok)] = _results([{"id": "long", "text": text}], Settings(layers=(), max_words=64))
    assert isinstance(ok, Analysis)


def test_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    box: list = []
    worker = threading.Thread(target=lambda: box.append(_results([str(fifo), str(EXAMPLE)])), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "analysing a FIFO hangs"
    [(_, failure), (_, ok)] = box[0]
    assert failure.code == "E054" and "FIFO" in failure.message and isinstance(ok, Analysis)


def test_device_is_refused():
    [(_, failure)] = _results(["/dev/zero"])
    assert failure.code == "E054" and "character device" in failure.message


def test_directory_reports_what_it_skips(tmp_path):
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    for name in ("b.docx", "c.xml", "README"):
        (tmp_path / name).write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    skipped: list[tuple[str, str]] = []
    results = _results([str(tmp_path)], on_skip=lambda p, why: skipped.append((Path(p).name, why)))
    assert [Path(s).name for s, _ in results] == ["a.txt"]
    assert sorted(skipped) == [
        (".git", "hidden directory"), ("README", "no file extension"), ("b.docx", "unsupported file type .docx"),
        ("c.xml", "unsupported file type .xml"), ("fifo.txt", "not a regular file (FIFO (named pipe))"),
    ]


# -- JSONL and Python records -------------------------------------------------------------------

HOSTILE_LINES = {
    "deep": "[" * 2000 + "]" * 2000,
    "deep-object": '{"id": "x", "text": "t", "extra": ' + '{"a": ' * 2000 + "1" + "}" * 2000 + "}",
    "huge-int-id": '{"id": ' + "7" * 4301 + ', "text": "The mayor spoke."}',
    "surrogate-id": '{"id": "\\ud800", "text": "The mayor spoke."}',
    "surrogate-title": '{"id": "t1", "title": "\\udfff", "text": "The mayor spoke."}',
    "surrogate-text": '{"id": "t2", "text": "The mayor \\ud83d spoke."}',
    "long-id": json.dumps({"id": "x" * 256, "text": "The mayor spoke."}),
    "nul-id": json.dumps({"id": "a\u0000b", "text": "The mayor spoke."}),
    "bool-id": json.dumps({"id": True, "text": "The mayor spoke."}),
    "text-number": json.dumps({"id": "t3", "text": 42}),
    "title-list": json.dumps({"id": "t4", "title": ["x"], "text": "The mayor spoke."}),
    "not-object": "[1, 2]",
    "not-json": "{nope",
}


def test_every_hostile_record_fails_alone(tmp_path):
    good = json.dumps({"id": "good", "text": TEXTS[0]})
    lines = [good, *HOSTILE_LINES.values(), good.replace('"good"', '"good2"')]
    src = tmp_path / "in.jsonl"
    src.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass") + b"\xff\xfe{}\n")
    results = _results([str(src)])
    kinds = ["good", *HOSTILE_LINES, "good2", "not-utf8"]
    assert len(results) == len(kinds)
    for kind, (source, result) in zip(kinds, results, strict=True):
        if kind.startswith("good"):
            assert isinstance(result, Analysis) and source == kind
            continue
        assert isinstance(result, Failure), kind
        assert result.code in ("E055", "E001") and result.stage == "ingest", (kind, result)
        assert "\n" not in result.message and result.message.encode("utf-8")
    assert results[3][1].code == "E055" and "4300 digits" in results[3][1].message


def test_record_dicts_are_validated_too():
    results = _results([{"id": "\ud800", "text": "x"}, {"id": 12, "text": TEXTS[2]}, {"text": None}])
    assert [type(r).__name__ for _, r in results] == ["Failure", "Analysis", "Failure"]
    assert results[1][0] == "12" and results[2][0] == "<record 3>"


# -- isolation: timeouts, memory, dead workers --------------------------------------------------

def _sleep_then_load() -> None:
    time.sleep(60)


def _allocate() -> None:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
    print(len(blocks))


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _ok_item(n: int) -> InputItem:
    return InputItem(f"ok{n}", functools.partial(ingest_text, TEXTS[n % 3], source=f"ok{n}", settings=FAST),
                     isolate=True)


@pytest.mark.parametrize(("loader", "code", "stage"), [
    (_sleep_then_load, "E051", "limit"), (_allocate, "E052", "limit"), (_die, "E056", "worker"),
])
def test_an_isolated_load_that_hangs_bloats_or_dies_costs_only_itself(loader, code, stage):
    settings = Settings(layers=(), timeout_s=15, memory_mb=256)
    items = [_ok_item(0), InputItem("bad", loader, isolate=True), _ok_item(1), _ok_item(2)]
    results = _results(items, settings)
    assert [s for s, _ in results] == ["ok0", "bad", "ok1", "ok2"]
    failure = results[1][1]
    assert isinstance(failure, Failure) and (failure.code, failure.stage) == (code, stage), failure
    assert failure.message.startswith("bad: ")
    assert all(isinstance(r, Analysis) for s, r in results if s != "bad")


def _kill_marked(doc) -> None:
    if "KILL-ME" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    if "SLOW-ME" in doc.text:
        time.sleep(60)


@pytest.mark.parametrize(("marker", "code", "stage"), [("KILL-ME", "E056", "worker"), ("SLOW-ME", "E051", "limit")])
def test_a_dead_or_stuck_analysis_worker_is_replaced(monkeypatch, marker, code, stage):
    monkeypatch.setattr(runner, "FAULT_HOOK", _kill_marked)
    # a batch's limit is timeout_s per document: 8 s is far above a healthy analysis on a loaded
    # machine, and a batch of two stays well below the stuck one's 60 s
    settings = Settings(layers=(), timeout_s=8, batch_size=2)
    texts = [*TEXTS, f"The {marker} clause was read out on Friday.", *TEXTS]
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(texts)]
    results = _results(records, settings, workers=2)
    assert [s for s, _ in results] == [f"r{i}" for i in range(len(texts))]
    bad = results[3][1]
    assert isinstance(bad, Failure) and (bad.code, bad.stage) == (code, stage), bad
    assert sum(isinstance(r, Analysis) for _, r in results) == len(texts) - 1


def test_failure_messages_are_printable_and_one_line():
    exc = PresslensError("x.txt: line one\nline two \udc80")
    failed = runner.failed("x.txt", exc, "ingest")
    assert failed.failure.message == "x.txt: line one line two \\udc80"
    assert runner.failed("y", ValueError("boom"), "analyze").failure.code == "E099"


def _in_daemon(queue) -> None:
    results = list(presslens.analyze_items([str(EXAMPLE), "/dev/zero"], FAST, workers=2))
    queue.put([type(r).__name__ for _, r in results])


def test_a_daemonic_process_runs_everything_in_process():
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_in_daemon, args=(queue,), daemon=True)
    proc.start()
    assert queue.get(timeout=120) == ["Analysis", "Failure"]
    proc.join(60)


def test_lone_surrogates_never_crash_analyze():
    text = "The mayor of Valdora \ud800 resigned on Monday after the strike, officials said \udfff."
    analysis = presslens.analyze(text, title="Mayor \udc80 quits", source="src\ud801", settings=FAST)
    assert len(analysis.document.text) == len(text) and "\ufffd" in analysis.document.text
    json.dumps(analysis.to_dict(), ensure_ascii=False).encode("utf-8")
