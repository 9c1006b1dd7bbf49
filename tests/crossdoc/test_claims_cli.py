"""The claim commands end to end: factchecks import / list, corpus claim / contradictions, eval claim-retrieval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from claims_corpus import build_store, write_claim_review

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "checkthat2020_t2"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "presslens", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "corpus.db"
    ids = build_store(str(path))
    return path, ids


def test_import_reports_bad_records_on_stderr_and_keeps_the_rest(db, tmp_path):
    path, _ = db
    review = write_claim_review(str(tmp_path / "review.json"))
    (tmp_path / "more.jsonl").write_text('{"@type": "ClaimReview", "claimReviewed": "A lighthouse keeper retired."}\n'
                                         "{not json\n", encoding="utf-8")
    first = _run("factchecks", "import", review, "--db", str(path))
    assert first.returncode == 0 and "imported 49 fact-checks" in first.stdout
    second = _run("factchecks", "import", str(tmp_path / "more.jsonl"), "--db", str(path))
    assert second.returncode == 0 and second.stderr.count("presslens: factchecks: skipped") == 1
    assert "Traceback" not in second.stderr
    listed = json.loads(_run("factchecks", "list", "--db", str(path), "--json", "--limit", "0").stdout)
    assert len(listed) == 50
    bus = next(f for f in listed if f["url"] == "https://factcheck.example/valdora-bus-routes")
    assert bus["rating"] == "Misleading" and bus["matched_claims"] == 1


def test_export_gives_claim_review_json_ld_that_imports_again(db, tmp_path):
    path, ids = db
    _run("factchecks", "import", write_claim_review(str(tmp_path / "review.json")), "--db", str(path))
    out = _run("factchecks", "export", "--db", str(path), "--out", str(tmp_path / "out.json"))
    assert out.returncode == 0
    reviews = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    mine = [r for r in reviews if r.get("url") == "https://factcheck.example/valdora-bus-routes"]
    assert len(mine) == 1 and mine[0]["itemReviewed"]["appearance"]["identifier"] == ids["budget_1"]
    assert mine[0]["reviewRating"]["alternateName"] == "Misleading"
    from presslens.corpus.crossdoc.factchecks import read

    again, bad = read(tmp_path / "out.json")
    assert bad == [] and len(again) == len(reviews)


def test_claim_and_contradictions_commands(db):
    path, ids = db
    rows = json.loads(_run("corpus", "contradictions", "--db", str(path), "--json").stdout)
    assert {ids["other_count"], ids["budget_late"]} <= {d for r in rows for d in (r["claim"]["document"],
                                                                                   r["other"]["document"])}
    ref = f"{rows[0]['claim']['document']}#{rows[0]['claim']['claim']}"
    one = json.loads(_run("corpus", "claim", ref, "--db", str(path), "--json").stdout)
    assert one["contradicted_by"] >= 1 and one["contradictions"]
    text = _run("corpus", "claim", ref, "--db", str(path))
    assert "contradicts" in text.stdout


@pytest.mark.parametrize("ref", ["no-hash-sign", "nodoc#C1"])
def test_a_bad_claim_reference_is_one_line_and_nonzero(db, ref):
    path, _ = db
    out = _run("corpus", "claim", ref, "--db", str(path))
    assert out.returncode != 0 and out.stderr.strip().count("\n") == 0 and "Traceback" not in out.stderr


def test_import_of_a_missing_file_or_a_file_without_reviews_fails_cleanly(db, tmp_path):
    path, _ = db
    missing = _run("factchecks", "import", str(tmp_path / "none.json"), "--db", str(path))
    assert missing.returncode != 0 and "no such file" in missing.stderr
    (tmp_path / "empty.json").write_text('{"@type": "WebPage"}', encoding="utf-8")
    empty = _run("factchecks", "import", str(tmp_path / "empty.json"), "--db", str(path))
    assert empty.returncode != 0 and "no ClaimReview" in empty.stderr and "Traceback" not in empty.stderr


@pytest.mark.skipif(not DATA.is_dir(), reason="CheckThat! 2020 T2 data not found in ../shared/data")
def test_eval_claim_retrieval_on_the_held_out_train_queries():
    out = _run("eval", "claim-retrieval", "--pool", str(DATA / "verified_claims.docs.tsv"),
               "--queries", str(DATA / "train" / "tweets.queries.tsv"),
               "--qrels", str(DATA / "train" / "tweet-vclaim-pairs.qrels"), "--split", "heldout")
    metrics = json.loads(out.stdout.strip().splitlines()[-1])
    assert metrics["queries"] == 160 and metrics["map_at_5"] > metrics["bm25_map_at_5"]


def test_eval_claim_retrieval_with_a_missing_file_is_one_line(tmp_path):
    out = _run("eval", "claim-retrieval", "--pool", str(tmp_path / "x.tsv"), "--queries", str(tmp_path / "q.tsv"),
               "--qrels", str(tmp_path / "r.qrels"))
    assert out.returncode != 0 and "no such file" in out.stderr and "Traceback" not in out.stderr
