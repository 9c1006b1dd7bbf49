"""Reading fact-checks: ClaimReview JSON-LD in its published shapes, JSONL, HTML, CheckThat! TSV; bad records."""

from __future__ import annotations

import json

from presslens.corpus.crossdoc.factchecks import claim_review, read
from presslens.eval.claim_retrieval import average_precision, held_out, map_at_k

REVIEW = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://fc.example/a",
          "claimReviewed": "The river  rose by ten metres.", "author": {"@type": "Organization", "name": "Desk"},
          "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Speaker"}},
          "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "alternateName": "False"}}


def test_single_object_array_graph_and_html_give_the_same_record(tmp_path):
    shapes = {"one.json": json.dumps(REVIEW), "arr.json": json.dumps([REVIEW]),
              "graph.json": json.dumps({"@graph": [{"@type": "WebPage"}, REVIEW]}),
              "page.html": f"<html><script type='application/ld+json'>{json.dumps(REVIEW)}</script></html>"}
    for name, body in shapes.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
        found, bad = read(tmp_path / name)
        assert bad == [] and len(found) == 1, name
        fc = found[0]
        assert (fc.claim, fc.rating, fc.reviewer, fc.url, fc.claimant) == (
            "The river rose by ten metres.", "False", "Desk", "https://fc.example/a", "A. Speaker")


def test_bad_jsonl_records_are_reported_and_the_rest_kept(tmp_path):
    no_text = {"@type": "ClaimReview", "reviewRating": {"ratingValue": 2, "bestRating": 5}}
    (tmp_path / "r.jsonl").write_text(f"{json.dumps(REVIEW)}\n{{broken\n{json.dumps(no_text)}\n", encoding="utf-8")
    found, bad = read(tmp_path / "r.jsonl")
    assert len(found) == 1 and len(bad) == 2
    assert "r.jsonl:2" in bad[0] and "no claimReviewed" in bad[1]


def test_checkthat_pool_rows_and_a_bad_row(tmp_path):
    (tmp_path / "pool.tsv").write_text("\tvclaim\ttitle\n7\tA dog ran for mayor.\tDid a dog run?\n8\n", encoding="utf-8")
    found, bad = read(tmp_path / "pool.tsv")
    assert [(f.id, f.claim, f.title) for f in found] == [("checkthat:7", "A dog ran for mayor.", "Did a dog run?")]
    assert len(bad) == 1 and "pool.tsv:3" in bad[0]


def test_export_as_claim_review_keeps_rating_and_appearance():
    found = read.__globals__["_fact_check"](REVIEW, "x")
    out = claim_review({"document": "d1", "text": "the river rose ten metres"}, found, 0.9)
    assert out["@type"] == "ClaimReview" and out["reviewRating"]["alternateName"] == "False"
    assert out["itemReviewed"]["appearance"]["identifier"] == "d1"


def test_map_at_5_follows_the_definition():
    assert average_precision(["x", "g"], {"g"}) == 0.5
    assert average_precision(["a", "b", "c", "d", "e", "g"], {"g"}) == 0.0
    assert map_at_k({"q1": ["g"], "q2": ["x", "y", "g2"]}, {"q1": {"g"}, "q2": {"g2"}}) == (1 + 1 / 3) / 2
    tune, held = held_out([(str(i), "") for i in range(10)])
    assert [q for q, _ in held] == ["4", "9"] and len(tune) == 8


def test_background_bm25_equals_bm25s_on_the_same_collection():
    import numpy as np

    from presslens.corpus.crossdoc.retrieval import Background, Entry, Index, tokens

    texts = ["The ferry hit the cargo ship near Brisk.", "Fourteen people hurt in a ferry crash, ferry crew said.",
             "Budget vote in the Valdora council.", "The mayor said the budget protects bus routes and bus stops."]
    plain = Index([Entry(str(i), t) for i, t in enumerate(texts)])
    query = "ferry crash hurt people bus"
    positions = plain.candidates(query)
    expected = plain.features(query, positions)[:, 0]
    with_bg = Index([Entry(str(i), t) for i, t in enumerate(texts)], Background.of(texts))
    assert np.allclose(with_bg.features(query, positions)[:, 0], expected, atol=1e-5)
    assert Background.of(texts).score(tokens(query), tokens(texts[2])) == 0.0
