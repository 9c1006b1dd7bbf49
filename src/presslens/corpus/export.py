"""``corpus export TABLE``: stream a table to CSV, JSONL or Parquet in constant memory.

Rows come from the store in batches (SQLite steps its statement; PostgreSQL
uses a named server-side cursor), so memory does not grow with the corpus,
and every row is written: there is no row limit.  Writers: the stdlib ``csv``
module and pyarrow's ``ParquetWriter`` (one row group per batch).  A regular
output file is written beside the target and moved into place at the end, so
an interrupted export leaves the previous file intact; ``-`` writes to stdout
(CSV, JSONL), and a device or FIFO is written in place, never replaced.

CSV cells are neutralised against formula injection as OWASP advises, by the
same function as the claims CSV (``present.claims_csv.neutralise``): a text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break gets a leading ``'``.  List columns are ``" | "``-joined in CSV and
real lists in JSONL and Parquet.  ``acled`` is the events table in an
ACLED-like layout (date, type, actors, target, location, country, source
document and evidence span).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from presslens.errors import CorpusQueryError
from presslens.present.claims_csv import neutralise
from presslens.store.base import Store

FORMATS = ("csv", "jsonl", "parquet")
JOIN = " | "
BATCH = 5000


@dataclass(frozen=True, slots=True)
class Export:
    """One exportable table: its query and its columns (name, kind)."""

    sql: str
    columns: tuple[tuple[str, str], ...]
    transform: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """``"a:str b:int"`` → ``(("a", "str"), ("b", "int"))``."""
    return tuple((c.split(":")[0], c.split(":")[1]) for c in spec.split())


def _acled(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An events row → the ACLED-like columns (first actor/target, the others associated)."""
    (doc, eid, date, start, end, etype, mode, status, negated, actors, actor_c, targets, target_c,
     location, country, lat, lon, source, ev_start, ev_end, ev_text, tr_text) = row
    acts, tgts = json.loads(actors), json.loads(targets)
    return (f"{doc}:{eid}", date, start, end, etype, mode, status, bool(negated),
            acts[0] if acts else None, JOIN.join(acts[1:]) or None, JOIN.join(json.loads(actor_c)) or None,
            tgts[0] if tgts else None, JOIN.join(tgts[1:]) or None, JOIN.join(json.loads(target_c)) or None,
            location, country, lat, lon, source, doc, ev_start, ev_end, ev_text, tr_text)


EXPORTS: dict[str, Export] = {
    "documents": Export(
        "SELECT id, source, title, url, published, published_inferred, language, n_chars, added_at, text "
        "FROM documents ORDER BY num",
        _cols("document:str source:str title:str url:str published:str published_inferred:bool language:str "
              "n_chars:int added_at:str text:str")),
    "entities": Export(
        "SELECT document_id, entity_id, name, type, aliases, titles, n_mentions, country, lat, lon "
        "FROM entities ORDER BY document_id, entity_id",
        _cols("document:str entity:str name:str type:str aliases:list titles:list mentions:int country:str "
              "lat:float lon:float")),
    "mentions": Export(
        "SELECT m.document_id, m.entity_id, e.name, e.type, m.start_char, m.end_char, m.text FROM mentions m "
        "JOIN entities e ON e.document_id = m.document_id AND e.entity_id = m.entity_id "
        "ORDER BY m.document_id, m.entity_id, m.start_char, m.end_char",
        _cols("document:str entity:str name:str type:str start:int end:int text:str")),
    "claims": Export(
        "SELECT document_id, claim_id, start_char, end_char, text, kind, checkworthiness, attribution_type, "
        "speaker_id, speaker_name, cue_start, cue_end, cue_text, hedges, reasons, quantities FROM claims "
        "ORDER BY document_id, claim_id",
        _cols("document:str claim:str start:int end:int text:str kind:str checkworthiness:float "
              "attribution:str speaker_entity:str speaker:str cue_start:int cue_end:int cue_text:str "
              "hedges:list reasons:list quantities:list")),
    "quotes": Export(
        "SELECT document_id, quote_id, start_char, end_char, text, direct, speaker_id, speaker_name, cue_start, "
        "cue_end, cue_text, source_start, source_end, source_text FROM quotes ORDER BY document_id, quote_id",
        _cols("document:str quote:str start:int end:int text:str direct:bool speaker_entity:str speaker:str "
              "cue_start:int cue_end:int cue_text:str source_start:int source_end:int source_text:str")),
    "events": Export(
        "SELECT document_id, event_id, type, mode, status, negated, date, date_start, date_end, trigger_start, "
        "trigger_end, trigger_text, sentence_start, sentence_end, sentence_text, actors, actor_countries, "
        "targets, target_countries, location_id, location_name, location_country, lat, lon FROM events "
        "ORDER BY document_id, event_id",
        _cols("document:str event:str type:str mode:str status:str negated:bool date:str date_start:str "
              "date_end:str trigger_start:int trigger_end:int trigger_text:str sentence_start:int "
              "sentence_end:int sentence_text:str actors:list actor_countries:list targets:list "
              "target_countries:list location_entity:str location:str location_country:str lat:float "
              "lon:float")),
    "timeline": Export(
        "SELECT document_id, seq, date, precision, date_start, date_end, text, evidence_start, evidence_end, "
        "evidence_text, event_id, claim_id FROM timeline ORDER BY document_id, seq",
        _cols("document:str seq:int date:str precision:str date_start:str date_end:str text:str "
              "evidence_start:int evidence_end:int evidence_text:str event:str claim:str")),
    "failures": Export(
        "SELECT source, origin, code, message, stage, analysis_version, document_id, attempts, failed_at "
        "FROM failures ORDER BY source",
        _cols("source:str origin:str code:str message:str stage:str analysis_version:str document:str "
              "attempts:int failed_at:str")),
    "acled": Export(
        "SELECT e.document_id, e.event_id, e.date, e.date_start, e.date_end, e.type, e.mode, e.status, "
        "e.negated, e.actors, e.actor_countries, e.targets, e.target_countries, e.location_name, "
        "e.location_country, e.lat, e.lon, d.source, e.sentence_start, e.sentence_end, e.sentence_text, "
        "e.trigger_text FROM events e JOIN documents d ON d.id = e.document_id ORDER BY e.document_id, e.event_id",
        _cols("event_id:str event_date:str date_start:str date_end:str event_type:str sub_event_type:str "
              "status:str negated:bool actor1:str assoc_actor_1:str actor1_country:str actor2:str "
              "assoc_actor_2:str actor2_country:str location:str country:str latitude:float longitude:float "
              "source:str source_document:str evidence_start:int evidence_end:int evidence_text:str "
              "trigger:str"),
        _acled),
}
TABLES = tuple(EXPORTS)


def _typed(row: tuple[Any, ...], columns: tuple[tuple[str, str], ...]) -> list[Any]:
    """Database values → Python values of the column kinds (JSON lists decoded, 0/1 → bool)."""
    out: list[Any] = []
    for value, (_name, kind) in zip(row, columns, strict=True):
        if value is None:
            out.append(None)
        elif kind == "list":
            out.append(json.loads(value) if isinstance(value, str) else list(value))
        elif kind == "bool":
            out.append(bool(value))
        elif kind == "float":
            out.append(float(value))
        else:
            out.append(value)
    return out


def iter_export(store: Store, table: str, batch: int = BATCH) -> Iterator[list[Any]]:
    """The typed rows of an export table, streamed from the store."""
    spec = EXPORTS.get(table)
    if spec is None:
        raise CorpusQueryError(f"export {table!r}: unknown table; choose one of {', '.join(TABLES)}")
    for row in store.iter_rows(spec.sql, (), batch):
        yield _typed(spec.transform(row) if spec.transform else row, spec.columns)


def export(store: Store, table: str, fmt: str, out: str, *, on_batch: Callable[[int], None] | None = None) -> int:
    """Write the whole table to ``out`` in ``fmt``; return the number of rows written."""
    if fmt not in FORMATS:
        raise CorpusQueryError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if table not in EXPORTS:
        raise CorpusQueryError(f"export {table!r}: unknown table; choose one of {', '.join(TABLES)}")
    if fmt == "parquet" and out == "-":
        raise CorpusQueryError("--format parquet needs a file for --out (Parquet is not streamed to stdout)")
    if out != "-" and Path(out).is_dir():
        raise CorpusQueryError(f"--out {out}: is a directory; give a file name")
    columns = EXPORTS[table].columns
    rows = iter_export(store, table)
    tick = on_batch or (lambda n: None)
    with _target(out, binary=fmt == "parquet") as stream:
        if fmt == "parquet":
            return _write_parquet(stream, rows, columns, tick)
        return _write_text(stream, rows, columns, fmt, tick)


def _write_text(stream: IO[Any], rows: Iterator[list[Any]], columns: tuple[tuple[str, str], ...], fmt: str,
                tick: Callable[[int], None]) -> int:
    """CSV (header, neutralised cells) or JSONL (one object per row)."""
    names = [c[0] for c in columns]
    writer = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(names)
    n = 0
    for row in rows:
        if writer:
            writer.writerow([_csv_cell(v) for v in row])
        else:
            stream.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
        n += 1
        if n % BATCH == 0:
            tick(n)
    tick(n)
    return n


def _csv_cell(value: Any) -> Any:
    """One CSV cell: lists joined, text neutralised, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = JOIN.join(str(v) for v in value)
    return neutralise(value)


def _write_parquet(stream: IO[bytes], rows: Iterator[list[Any]], columns: tuple[tuple[str, str], ...],
                   tick: Callable[[int], None]) -> int:
    """Parquet with an explicit schema, one row group per batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([(name, kinds[kind]) for name, kind in columns])
    n = 0
    with pq.ParquetWriter(stream, schema, compression="zstd") as writer:
        while batch := _take(rows, BATCH):
            data = {name: [r[i] for r in batch] for i, (name, _) in enumerate(columns)}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            n += len(batch)
            tick(n)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def _take(rows: Iterator[list[Any]], size: int) -> list[list[Any]]:
    """Up to ``size`` rows from the iterator."""
    out = []
    for row in rows:
        out.append(row)
        if len(out) == size:
            break
    return out


@contextlib.contextmanager
def _target(out: str, *, binary: bool) -> Iterator[IO[Any]]:
    """The output stream: stdout, a special file in place, or a temp file moved over the target at the end."""
    if out == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(out)
    if path.exists() and not path.is_file():
        special: IO[Any] = open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        with special:
            yield special
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            yield f
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
