"""CSV/TSV records: each row builds the same Document as the equivalent JSONL record; bad rows fail alone."""

from __future__ import annotations

import json

from articles import article

from presslens.errors import InputError
from presslens.ingest import iter_inputs
from presslens.settings import Settings


def load_all(path: str, **kw):
    """(source, Document or the error) for every item of a file."""
    out = []
    for item in iter_inputs([path], Settings(), **kw):
        try:
            out.append((item.source, item.load()))
        except InputError as exc:
            out.append((item.source, exc))
    return out


def test_csv_rows_equal_jsonl_records(tmp_path):
    text = article(1) + '\nA line with "quotes", commas, and a second paragraph.\n'
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text("\ufeffID,Title,Published,URL,Text\n"
                        f'a1,Harbour,2023-05-04,http://example.org/a1,"{text.replace(chr(34), chr(34) * 2)}"\n',
                        encoding="utf-8")
    jsonl_file = tmp_path / "rows.jsonl"
    jsonl_file.write_text(json.dumps({"id": "a1", "title": "Harbour", "published": "2023-05-04",
                                      "url": "http://example.org/a1", "text": text}) + "\n", encoding="utf-8")
    [(src_c, doc_c)] = load_all(str(csv_file))
    [(src_j, doc_j)] = load_all(str(jsonl_file))
    assert src_c == src_j == "a1"
    assert doc_c == doc_j
    assert doc_c.title == "Harbour" and doc_c.published.value == "2023-05-04" and doc_c.meta["url"].endswith("a1")


def test_tsv_and_alternative_text_column_names(tmp_path):
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("body\tdate\n" + article(2).replace("\n", " ") + "\t2022-01-02\n", encoding="utf-8")
    [(source, doc)] = load_all(str(tsv))
    assert source == f"{tsv}:2" and doc.published.value == "2022-01-02"


def test_a_file_without_a_text_column_is_one_clear_failure(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,headline\n1,Nothing here\n", encoding="utf-8")
    [(source, exc)] = load_all(str(bad))
    assert source == str(bad) and isinstance(exc, InputError) and "no text column" in str(exc)
    assert "headline" in str(exc)


def test_bad_rows_fail_alone(tmp_path):
    rows = tmp_path / "rows.csv"
    body = article(4).replace("\n", " ").replace('"', '""')
    rows.write_text(f'id,text\nr1,\nr2,"{body}"\nr3\n', encoding="utf-8")
    results = dict(load_all(str(rows)))
    assert isinstance(results["r1"], InputError) and "'text'" in str(results["r1"])
    assert isinstance(results["r3"], InputError)
    assert not isinstance(results["r2"], Exception)


def test_input_format_csv_reads_any_file_name_as_rows(tmp_path):
    rows = tmp_path / "rows.txt"
    rows.write_text("text\n" + article(5).replace("\n", " ") + "\n", encoding="utf-8")
    [(source, doc)] = load_all(str(rows), input_format="csv")
    assert source == f"{rows}:2" and doc.text.startswith("The council of")
