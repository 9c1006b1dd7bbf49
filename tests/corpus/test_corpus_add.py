"""``Corpus.add`` end to end with the real pipeline, on SQLite and PostgreSQL: idempotent, stale-aware,
failures recorded and retried, CSV and JSONL records equal, every stored span exact."""

from __future__ import annotations

import json

import pytest
from articles import article, write_corpus

from presslens.corpus import Corpus
from presslens.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture
def inputs(tmp_path):
    """Six articles, an empty file, a CSV with two rows and a JSONL file with one record."""
    folder = tmp_path / "in"
    write_corpus(folder, 6)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text('id,title,text\nr1,One,"' + article(6).replace('"', '""') + '"\n'
                    'r2,Two,"' + article(7).replace('"', '""') + '"\n', encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "j1", "text": article(8)}) + "\n", encoding="utf-8")
    return [str(folder), str(rows), str(records)]


def test_add_twice_then_retry_the_failure(store_url, inputs, tmp_path):
    with Corpus(store_url) as corpus:
        first = corpus.add(inputs)
        assert (first.added, first.failed, first.skipped) == (9, 1, 0)
        assert first.failures[0].code == "E002" and "empty" in first.failures[0].message
        again = corpus.add(inputs)
        assert (again.added, again.skipped, again.failed, again.failed_before) == (0, 9, 0, 1)
        stats = corpus.stats()
        assert (stats["documents"], stats["analyses"], stats["failures"], stats["stale"]) == (9, 9, 1, 0)
        retried = corpus.add(inputs, retry_failed=True)
        assert (retried.failed, retried.skipped) == (1, 9)
        assert corpus.failures()[0].attempts == 2
        (tmp_path / "in" / "empty.txt").write_text(article(9), encoding="utf-8")
        fixed = corpus.add(retry_failed=True)
        assert (fixed.added, fixed.failed) == (1, 0)
        assert corpus.failures() == []
        assert corpus.stats()["documents"] == 10


def test_csv_rows_and_jsonl_records_make_the_same_document(store_url, tmp_path):
    text = article(3)
    csv_file = tmp_path / "a.csv"
    csv_file.write_text('id,text\nsame,"' + text.replace('"', '""') + '"\n', encoding="utf-8")
    jsonl_file = tmp_path / "a.jsonl"
    jsonl_file.write_text(json.dumps({"id": "same-j", "text": text}) + "\n", encoding="utf-8")
    with Corpus(store_url) as corpus:
        report = corpus.add([str(csv_file), str(jsonl_file)])
        assert (report.added, report.skipped) == (1, 1)
        stats = corpus.stats()
        assert stats["documents"] == 1 and stats["document_sources"] == 2


def test_stale_analyses_wait_for_reanalyse(store_url, tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", 3)]
    with Corpus(store_url) as corpus:
        assert corpus.add(paths, version="old-version").added == 3
        kept = corpus.add(paths)
        assert (kept.stale, kept.added) == (3, 0)
        assert corpus.stats()["stale"] == 3
        redone = corpus.add(reanalyse="stale")  # no paths: from the stored text
        assert redone.added == 3
        stats = corpus.stats()
        assert (stats["documents"], stats["analyses"], stats["stale"]) == (3, 3, 0)
        assert corpus.add(paths).skipped == 3


def test_queries_over_real_analyses_point_at_exact_spans(store_url, tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", 6)]
    with Corpus(store_url) as corpus:
        corpus.add(paths, settings=Settings())
        texts = {d: corpus.analysis(d).document.text for d in _doc_ids(corpus)}
        hits = corpus.search("Ostermark").items
        assert len(hits) == 1 and "Ostermark" in texts[hits[0].document]
        assert all(texts[h.document][h.start : h.end] == h.text for h in hits[0].highlights)
        profile = corpus.entity("Mara Quintel")
        assert profile is not None and profile.documents == 1
        for occ in profile.occurrences:
            assert all(texts[m.document][m.start : m.end] == m.text for m in occ.mentions)
        claims = corpus.claims(limit=None).items
        assert claims and [c.checkworthiness for c in claims] == sorted((c.checkworthiness for c in claims),
                                                                         reverse=True)
        assert all(texts[c.span.document][c.span.start : c.span.end] == c.span.text for c in claims)
        dated = [t for t in corpus.timeline(limit=None).items if t.date]
        assert dated and all(t.date_start <= t.date_end for t in dated)
        assert all(texts[t.evidence.document][t.evidence.start : t.evidence.end] == t.evidence.text for t in dated)


def _doc_ids(corpus: Corpus) -> list[str]:
    """Every stored document id."""
    return [r[0] for r in corpus.store.fetchall("SELECT id FROM documents")]


def test_unchanged_files_are_skipped_without_being_read_as_text(store_url, tmp_path):
    from presslens.corpus.add import Adder, iter_sources
    from presslens.ingest import InputItem

    folder = tmp_path / "in"
    paths = write_corpus(folder, 3)
    with Corpus(store_url) as corpus:
        corpus.add([str(folder)])

        def boom():
            raise AssertionError("an unchanged file was ingested again")

        settings = Settings(on_error="record")
        items = [(o, InputItem(i.source, boom), whole) for o, i, whole in iter_sources([str(folder)], settings)]
        report = Adder(corpus.store, settings).run(items)
        assert (report.skipped, report.failed) == (3, 0)
        paths[0].write_text(article(40), encoding="utf-8")  # changed bytes: read again, a new document
        changed = corpus.add([str(folder)])
        assert (changed.added, changed.skipped) == (1, 2)
        assert corpus.stats()["documents"] == 4
