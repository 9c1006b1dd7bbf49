"""The claim page over the invented claims corpus: its corroboration over independent sources, its
contradictions and the one known fact-check with its rating and link (TestClient)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crossdoc"))
from claims_corpus import CLAIM_REVIEW, build_store, write_claim_review
from corpus_fixture import make_client

from presslens.corpus import Corpus
from presslens.store import open_store

pytestmark = pytest.mark.slow  # the invented articles are analysed with the spaCy model

HOSTILE = {"@type": "ClaimReview", "url": "javascript:alert(1)",
           "claimReviewed": "Mayor Petra Lund said Valdora's budget plan protected every bus route in Valdora.",
           "author": {"@type": "Organization", "name": "<script>alert(2)</script>"},
           "reviewRating": {"@type": "Rating", "alternateName": "<b>False</b>"}}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """The claims corpus in a store, its fact-checks imported (the known one, fillers, one hostile record)."""
    tmp = tmp_path_factory.mktemp("claims")
    url = str(tmp / "claims.db")
    ids = build_store(url)
    corpus = Corpus(url)
    corpus.import_factchecks(write_claim_review(str(tmp / "review.json")))
    (tmp / "hostile.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
    corpus.import_factchecks(str(tmp / "hostile.json"))
    corpus.close()
    return url, ids


@pytest.fixture(scope="module")
def client(built: tuple[str, dict[str, str]]) -> Iterator[Any]:
    """A client of the app over the claims corpus."""
    with make_client(built[0]) as c:
        yield c


def _claim_id(built: Any, document: str, start_words: str) -> str:
    """The id of the document's stored claim whose text starts with ``start_words``."""
    store = open_store(built[0])
    try:
        return str(store.fetchone("SELECT claim_id FROM claims WHERE document_id = ? AND text LIKE ?",
                                  (document, start_words + "%"))[0])
    finally:
        store.close()


def test_the_claim_page_counts_independent_sources_and_shows_both_spans(client: Any, built: Any) -> None:
    """The wire's injury claim: one corroborating source (not its own copy), one contradiction, exact spans."""
    ids = built[1]
    cid = _claim_id(built, ids["wire"], "BRISK, 9 April")
    data = client.get(f"/api/claims/{ids['wire']}/{cid}").json()["crossdoc"]
    assert (data["corroborated_by"], data["contradicted_by"], data["only_source"]) == (1, 1, False)
    assert [x["document"] for x in data["contradictions"]] == [ids["other_count"]]
    assert ids["copy"] not in {x["document"] for x in data["corroborations"]}
    html = client.get(f"/claims/{ids['wire']}/{cid}").text
    assert "Corroborated by <strong>1</strong> independent source " in html
    assert f'href="/claims/{ids["other_count"]}/{data["contradictions"][0]["claim"]}"' in html


def test_the_known_fact_check_is_shown_with_rating_and_a_safe_link(client: Any, built: Any) -> None:
    """The bus-route claim shows the imported rating and link; a javascript: URL is never a link, markup is text."""
    ids = built[1]
    cid = _claim_id(built, ids["budget_1"], "Mayor Petra Lund")
    checks = client.get(f"/api/claims/{ids['budget_1']}/{cid}").json()["crossdoc"]["factchecks"]
    known = CLAIM_REVIEW["@graph"][1]  # type: ignore[index]
    assert next(c for c in checks if c["url"] == known["url"])["rating"] == "Misleading"
    assert any(c["url"].startswith("javascript:") for c in checks)  # the hostile record is on the page's data
    html = client.get(f"/claims/{ids['budget_1']}/{cid}").text
    assert f'<a href="{known["url"]}" rel="noopener noreferrer nofollow"' in html
    assert "javascript:" not in html and "<script>alert" not in html and "<b>False</b>" not in html


def test_a_lone_claim_says_only_source(client: Any, built: Any) -> None:
    """The lighthouse keeper's claim has no other source: the page says so and lists no fact-check."""
    ids = built[1]
    cid = _claim_id(built, ids["lone"], "Greta Holm")
    html = client.get(f"/claims/{ids['lone']}/{cid}").text
    assert "<strong>Only source</strong>" in html and "No imported fact-check matches this claim." in html
