"""Exports: every row of every table, in CSV (formula-safe), JSONL and Parquet, on both backends."""

from __future__ import annotations

import csv
import json

import pytest
from invented import HARBOUR, invented

from presslens.corpus.export import EXPORTS, TABLES, export, neutralise
from presslens.errors import CorpusQueryError
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Claim
from presslens.model.span import Span
from presslens.store import open_store

FORMULA = "=HYPERLINK(\"http://evil.example\") was painted on the wall, police said. +1 more line."


@pytest.fixture
def store(store_url):
    """The invented analyses plus one whose text and claim start like spreadsheet formulas."""
    s = open_store(store_url)
    for a in invented():
        s.put_analysis(a, version="v1", source=a.document.source, origin=None)
    doc = Document(text=FORMULA, source="@evil.txt", title="-2+3")
    claim = Claim("C1", Span(0, FORMULA.index(" was")), "factual", 0.5)
    s.put_analysis(Analysis(document=doc, claims=(claim,)), version="v1", source="@evil.txt", origin=None)
    yield s
    s.close()


def table_count(store, table: str) -> int:
    """Rows the export of ``table`` must hold."""
    source = {"acled": "events"}.get(table, table)
    return store.fetchone(f"SELECT COUNT(*) FROM {source}")[0]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_table_exports_every_row(store, tmp_path, fmt):
    for table in TABLES:
        out = tmp_path / f"{table}.{fmt}"
        n = export(store, table, fmt, str(out))
        assert n == table_count(store, table), table
        names = [c[0] for c in EXPORTS[table].columns]
        if fmt == "csv":
            with open(out, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            assert rows[0] == names and len(rows) == n + 1
        elif fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(rows) == n and all(list(r) == names for r in rows)
        else:
            import pyarrow.parquet as pq

            t = pq.read_table(out)
            assert t.num_rows == n and t.column_names == names
    assert not list(tmp_path.glob(".*.part"))


def test_exported_spans_are_exact(store, tmp_path):
    out = tmp_path / "claims.jsonl"
    export(store, "claims", "jsonl", str(out))
    texts = {a.document.id: a.document.text for a in invented()}
    texts[Document(text=FORMULA).id] = FORMULA
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert texts[row["document"]][row["start"] : row["end"]] == row["text"]
        assert isinstance(row["reasons"], list)


def test_csv_cells_are_neutralised_against_formula_injection(store, tmp_path):
    for table in ("claims", "documents"):
        out = tmp_path / f"{table}.csv"
        export(store, table, "csv", str(out))
        with open(out, newline="", encoding="utf-8") as f:
            cells = [c for row in csv.reader(f) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], table
        assert not [c for c in cells if c.startswith("-") and not _number(c)], table
    assert neutralise("=1+2") == "'=1+2" and neutralise("\tx") == "'\tx" and neutralise("plain") == "plain"


def _number(cell: str) -> bool:
    """True for a numeric cell (numbers are written as numbers, not text)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_acled_layout(store, tmp_path):
    out = tmp_path / "acled.jsonl"
    export(store, "acled", "jsonl", str(out))
    rows = {r["event_type"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    agree = rows["AGREE"]
    assert agree["event_date"] == "2024-03-12" and agree["actor1"] == "Port Authority"
    assert agree["location"] == "Valdora" and agree["country"] == "PRT" and agree["latitude"] == 38.7
    assert agree["source"] == "harbour.txt"
    assert HARBOUR[agree["evidence_start"] : agree["evidence_end"]] == agree["evidence_text"]


def test_export_refuses_bad_requests_and_keeps_the_old_file(store, tmp_path):
    old = tmp_path / "claims.csv"
    old.write_text("previous\n", encoding="utf-8")
    with pytest.raises(CorpusQueryError, match="unknown table"):
        export(store, "secrets", "csv", str(old))
    with pytest.raises(CorpusQueryError, match="choose one of"):
        export(store, "claims", "xlsx", str(old))
    with pytest.raises(CorpusQueryError, match="is a directory"):
        export(store, "claims", "csv", str(tmp_path))
    with pytest.raises(CorpusQueryError, match="Parquet"):
        export(store, "claims", "parquet", "-")
    assert old.read_text(encoding="utf-8") == "previous\n"


def test_export_to_a_device_writes_in_place(store):
    import stat
    from pathlib import Path

    if not stat.S_ISCHR(Path("/dev/null").stat().st_mode):
        pytest.skip("/dev/null on this machine is not a device (something replaced it)")
    assert export(store, "documents", "csv", "/dev/null") == 4
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_export_streams_in_batches(store):
    from presslens.corpus.export import iter_export

    rows = iter_export(store, "mentions", batch=2)
    first = next(rows)
    assert len(first) == len(EXPORTS["mentions"].columns)
    assert 1 + sum(1 for _ in rows) == table_count(store, "mentions")
