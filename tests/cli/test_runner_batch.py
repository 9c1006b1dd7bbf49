"""The batch runner: input order kept, failures isolated, the same results with 2 workers."""

from __future__ import annotations

from presslens.errors import EmptyInputError
from presslens.ingest import InputItem, ingest_text
from presslens.model.analysis import Analysis
from presslens.runner import WorkerError, analyze_items, describe
from presslens.settings import Settings

TEXTS = [
    "The ferry to Brisk resumed on Monday after a two-week halt. Operators said demand was high.",
    "Dockers at Valdora returned to work on Tuesday. Mr. Renner said the port had lost cargo.",
    "The council approved the budget by nine votes to four. The mayor abstained.",
]


def _items(settings):
    items = [InputItem(f"doc{i}", (lambda t=t, i=i: ingest_text(t, source=f"doc{i}", settings=settings)))
             for i, t in enumerate(TEXTS)]

    def broken():
        raise EmptyInputError("broken.txt: the input is empty")

    items.insert(1, InputItem("broken.txt", broken))
    return items


def _pipeline(settings):
    from presslens import load_pipeline

    return load_pipeline(settings)


def test_order_and_isolation_in_process():
    settings = Settings(layers=(), batch_size=2)
    results = list(analyze_items(_items(settings), _pipeline(settings)))
    assert [s for s, _ in results] == ["doc0", "broken.txt", "doc1", "doc2"]
    assert isinstance(results[1][1], EmptyInputError)
    assert all(isinstance(r, Analysis) for s, r in results if s != "broken.txt")


def test_two_workers_give_the_same_analyses():
    settings = Settings(layers=(), batch_size=1)
    one = list(analyze_items(_items(settings), _pipeline(settings)))
    two = list(analyze_items(_items(settings), _pipeline(settings), n_process=2))
    assert [s for s, _ in two] == [s for s, _ in one]
    for (_, a), (_, b) in zip(one, two, strict=True):
        if isinstance(a, Analysis):
            assert isinstance(b, Analysis) and a.to_dict() == b.to_dict()
        else:
            assert describe(a) == describe(b)


def test_describe_is_one_line():
    assert describe(ValueError("bad\nthing")) == "internal error: ValueError: bad"
    assert describe(WorkerError("x.txt: failed")) == "x.txt: failed"
    assert describe(EmptyInputError("y")) == "[E002] y"
