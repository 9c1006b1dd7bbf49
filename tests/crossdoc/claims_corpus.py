"""An invented corpus for the claim-linking tests (written for these tests; no real text or people).

It reuses the Brisk ferry and Valdora budget reports of :mod:`xdoc_corpus` and adds:
* a third Valdora report that dates the vote to 12 March 2024 instead of 14 March (a date clash);
* a fact-check of the mayor's bus-route claim, as ClaimReview JSON-LD a fact-checker would publish.

Expected: the wire's injury claim is corroborated by one independent source (the agreeing report;
the syndicated copy is the wire's own source) and contradicted by one (twenty injured); the budget
vote claim of ``budget_1`` is corroborated by ``budget_2`` and contradicted by ``budget_late``.
"""

from __future__ import annotations

import json

import xdoc_corpus
from xdoc_corpus import AGREE, BUDGET_1, BUDGET_2, COPY, OTHER_COUNT, WIRE

BUDGET_LATE = (
    "Valdora budget vote ends in row\n\n"
    "The council of Valdora approved a budget of 412 million euros on 12 March 2024, council records show. "
    "Mayor Petra Lund was booed by a small crowd outside the town hall.\n"
)
LONE = (
    "Lighthouse keeper retires after forty years\n\n"
    "Greta Holm, who kept the Skerry Point lighthouse for forty years, retired on Friday. She said the light "
    "had never failed on her watch.\n"
)
ARTICLES = {"wire": WIRE, "copy": COPY, "agree": AGREE, "other_count": OTHER_COUNT, "budget_1": BUDGET_1,
            "budget_2": BUDGET_2, "budget_late": BUDGET_LATE, "lone": LONE}

CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "name": "Fact check: Valdora bus routes"},
        {"@type": "ClaimReview", "url": "https://factcheck.example/valdora-bus-routes",
         "claimReviewed": "Mayor Petra Lund said Valdora's budget plan protected every bus route.",
         "headline": "Does the Valdora budget protect every bus route?",
         "datePublished": "2024-03-20",
         "author": {"@type": "Organization", "name": "Example Fact Desk"},
         "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Petra Lund"}},
         "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "alternateName": "Misleading"}},
    ],
}


_TOWNS = ("Orvik", "Lenholm", "Pasca", "Durnby", "Kellowmere", "Saltrey", "Amberlo", "Quenby")
_THINGS = ("a ban on garden bonfires", "free parking on Sundays", "a curfew for teenagers", "a tax on umbrellas",
           "the closure of the public library", "a new tram line")


def filler_reviews() -> list[dict[str, object]]:
    """Invented fact-checks on other subjects: a pool of realistic size for BM25's word weights."""
    return [{"@type": "ClaimReview", "url": f"https://factcheck.example/{i}",
             "claimReviewed": f"The mayor of {town} announced {thing} in {2010 + i % 12}.",
             "author": {"@type": "Organization", "name": "Example Fact Desk"},
             "reviewRating": {"@type": "Rating", "alternateName": "False"}}
            for i, (town, thing) in enumerate((t, x) for t in _TOWNS for x in _THINGS)]


def write_claim_review(path: str) -> str:
    """Write the ClaimReview JSON-LD file (the known fact-check among invented others); return its path."""
    data = dict(CLAIM_REVIEW)
    data["@graph"] = list(CLAIM_REVIEW["@graph"]) + filler_reviews()  # type: ignore[call-overload]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    return path


def build_store(url: str) -> dict[str, str]:
    """Analyse every article into a new store at ``url`` (cross-document layer built); name -> document id."""
    return xdoc_corpus.build_store(url, ARTICLES)
