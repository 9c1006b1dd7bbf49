"""The pages and their JSON twins over the invented corpus (TestClient; no browser, no spaCy)."""

from __future__ import annotations

# ruff: noqa: F811 (the fixtures are imported by name from corpus_fixture)
import csv
import io
from typing import Any

from corpus_fixture import client, corpus_db, empty_db, ids, make_client  # noqa: F401 (fixtures)


def test_home_shows_counts_top_entities_recent_and_failures(client: Any) -> None:
    """The home page's JSON twin has the counts the page shows."""
    data = client.get("/api/home").json()
    assert data["stats"]["documents"] == 3 + 2 + 45
    assert data["top_entities"][0]["documents"] >= data["top_entities"][-1]["documents"]
    assert len(data["recent"]) == 10
    page = client.get("/")
    assert page.status_code == 200 and "Most-mentioned entities" in page.text
    assert f"{data['stats']['documents']:,}" in page.text


def test_accept_json_gives_the_twin_of_a_page(client: Any) -> None:
    """A page asked for JSON returns the same data as its /api/ twin."""
    a = client.get("/search?q=strike", headers={"Accept": "application/json"}).json()
    b = client.get("/api/search?q=strike").json()
    assert a == b and a["hits"]


def test_search_ranks_highlights_exact_spans(client: Any, ids: dict[str, str]) -> None:
    """The harbour article matches "strike"; each highlight is a span of the document text."""
    data = client.get("/api/search", params={"q": "dockworkers"}).json()
    assert [h["document"] for h in data["hits"]] == [ids["harbour"]]
    hit = data["hits"][0]
    assert any(m for _, m in hit["marked"])
    text = client.get(f"/api/documents/{ids['harbour']}/analysis").json()["document"]["text"]
    for h in hit["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]
        assert h["text"].lower() == "dockworkers"
    assert "<mark>dockworkers</mark>" in client.get("/search?q=dockworkers").text


def test_search_filters_narrow_and_pages_never_cap(client: Any, ids: dict[str, str]) -> None:
    """Entity, date and kind filters narrow the result; totals count every match across pages."""
    everyone = client.get("/api/search", params={"per_page": 10}).json()
    assert everyone["pager"]["total"] == 50
    seen: list[str] = []
    url: str | None = "/api/search?per_page=10"
    while url:
        page = client.get(url if url.startswith("/api") else "/api" + url).json()
        seen += [h["document"] for h in page["hits"]]
        url = page["pager"]["next"]
    assert len(seen) == len(set(seen)) == 50
    quintel = client.get("/api/search", params={"entity": "Mara Quintel"}).json()
    assert {h["document"] for h in quintel["hits"]} >= {ids["harbour"], ids["ferry"]}
    assert ids["budget"] not in {h["document"] for h in quintel["hits"]}
    dated = client.get("/api/search", params={"q": "ferries OR budget", "date_from": "2024-04-01"}).json()
    assert ids["budget"] not in {h["document"] for h in dated["hits"]}


def test_search_reports_a_query_without_words_as_an_error_page(client: Any) -> None:
    """A query of punctuation is a clear 400, not a crash."""
    r = client.get("/search", params={"q": "!!! ---"})
    assert r.status_code == 400 and "at least one word" in r.text


def test_bad_parameters_get_a_clear_error(client: Any) -> None:
    """Malformed filters are refused with a 400 page naming the parameter."""
    r = client.get("/search?date_from=yesterday")
    assert r.status_code == 400 and "date_from" in r.text
    assert client.get("/claims?min_score=7").status_code == 400
    assert client.get("/claims?per_page=5000").status_code == 400
    assert client.get("/api/claims?page=0").json()["status"] == 400


def test_document_page_links_out_and_frames_its_report(client: Any, ids: dict[str, str]) -> None:
    """The document page lists shared entities, top claims and frames the sandboxed report."""
    data = client.get(f"/api/documents/{ids['harbour']}").json()
    shared = {e["name"]: e["other_documents"] for e in data["shared_entities"]}
    assert shared["Mara Quintel"] >= 1
    page = client.get(f"/documents/{ids['harbour']}").text
    assert 'sandbox="allow-scripts"' in page and "/entity?name=Mara%20Quintel" in page
    report = client.get(f"/documents/{ids['harbour']}/report")
    assert report.status_code == 200 and "frame-ancestors 'self'" in report.headers["content-security-policy"]
    assert client.get("/documents/nothere").status_code == 404


def test_entity_page_mentions_timeline_quotes_claims(client: Any) -> None:
    """Mara Quintel: two documents, her quote, claims about her, dated timeline rows apart from undated ones."""
    data = client.get("/api/entity", params={"name": "Mara Quintel"}).json()
    assert data["profile"]["documents"] >= 2
    assert data["quotes"] and all(q["speaker"] == "Mara Quintel" for q in data["quotes"])
    assert all(t["date"] for t in data["timeline"]) and all(not t["date"] for t in data["undated"])
    assert client.get("/entity", params={"name": "Nobody Atall"}).status_code == 404
    alias = client.get("/api/entity", params={"name": "Quintel"}).json()
    assert alias["profile"]["documents"] >= 1


def test_claims_sorted_by_checkworthiness_filtered_with_totals(client: Any) -> None:
    """The explorer sorts by score, filters by kind and score, and its pager counts every row."""
    data = client.get("/api/claims", params={"per_page": 50}).json()
    scores = [c["checkworthiness"] for c in data["items"]]
    assert scores == sorted(scores, reverse=True)
    factual = client.get("/api/claims", params={"kind": "factual", "min_score": 0.5, "per_page": 100}).json()
    assert factual["items"] and all(c["kind"] == "factual" and c["checkworthiness"] >= 0.5
                                    for c in factual["items"])
    assert factual["pager"]["total"] >= len(factual["items"])
    about = client.get("/api/claims", params={"entity": "Port Authority"}).json()
    assert about["pager"]["total"] == len(about["items"]) > 0


def test_csv_export_has_every_row_of_the_view_and_defuses_formulas(client: Any) -> None:
    """The CSV holds all rows of the filtered view (not one page), sorted, formula cells prefixed."""
    view = client.get("/api/claims", params={"kind": "factual"}).json()
    r = client.get(view["csv"])
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == view["pager"]["total"]
    assert all(row["kind"] == "factual" for row in rows)
    scores = [float(row["checkworthiness"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert not any(row["text"].startswith(("=", "+", "-", "@")) for row in rows)


def test_claim_page_shows_evidence_in_context(client: Any, ids: dict[str, str]) -> None:
    """The claim's span is marked inside its surrounding text, exactly."""
    claim = client.get("/api/claims", params={"entity": "Port Authority"}).json()["items"][0]
    data = client.get(f"/api/claims/{claim['document']}/{claim['claim_id']}").json()
    assert data["context"]["span"] == claim["span"]["text"]
    text = client.get(f"/api/documents/{claim['document']}/analysis").json()["document"]["text"]
    ctx = data["context"]
    assert text[ctx["start"]:ctx["start"] + len(ctx["before"] + ctx["span"] + ctx["after"])] == \
        ctx["before"] + ctx["span"] + ctx["after"]
    page = client.get(f"/claims/{claim['document']}/{claim['claim_id']}").text
    assert "<mark>" in page


def test_openapi_documents_every_json_twin(client: Any) -> None:
    """The OpenAPI document lists the /api/ routes; /docs renders it without any outside script."""
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/search", "/api/claims", "/api/entity", "/api/documents/{document_id}", "/api/home"):
        assert p in paths
    docs = client.get("/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower()


def test_empty_store_pages_work(empty_db: str) -> None:
    """A new, empty corpus shows its pages with zero counts."""
    with make_client(empty_db) as c:
        assert c.get("/").status_code == 200
        assert c.get("/api/search").json()["pager"]["total"] == 0
        assert c.get("/claims").status_code == 200
