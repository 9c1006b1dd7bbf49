"""Claims across documents on the invented corpus: corroboration over independent sources,
contradictions by number and by date, and the one known fact-check (both store backends)."""

from __future__ import annotations

import pytest
from claims_corpus import build_store, write_claim_review

from presslens.corpus import Corpus


@pytest.fixture
def built(store_url, tmp_path):
    ids = build_store(store_url)
    corpus = Corpus(store_url)
    corpus.import_factchecks(write_claim_review(str(tmp_path / "review.json")))
    yield corpus, ids
    corpus.close()


def _claim(corpus, doc, start_words):
    row = corpus.store.fetchone("SELECT claim_id FROM claims WHERE document_id = ? AND text LIKE ?",
                                (doc, start_words + "%"))
    return corpus.claim(f"{doc}#{row[0]}")


def test_counts_collapse_copies_and_find_number_and_date_clashes(built):
    corpus, ids = built
    name = {d: n for n, d in ids.items()}
    injured = _claim(corpus, ids["wire"], "BRISK, 9 April")
    assert injured["corroborated_by"] == 1 and injured["contradicted_by"] == 1 and not injured["only_source"]
    assert {name[x["document"]] for x in injured["corroborations"]} == {"agree"}   # the copy is the wire's own source
    assert {name[x["document"]] for x in injured["contradictions"]} == {"other_count"}
    vote = _claim(corpus, ids["budget_1"], "The council of Valdora")
    assert vote["corroborated_by"] == 1 and vote["contradicted_by"] == 1
    assert [name[x["document"]] for x in vote["contradictions"]] == ["budget_late"]
    assert sorted(vote["contradictions"][0]["reasons"][0].removeprefix("date: ").split(" vs ")) == [
        "2024-03-12", "2024-03-14"]
    lone = _claim(corpus, ids["lone"], "Greta Holm")
    assert lone["only_source"] and lone["corroborated_by"] == lone["contradicted_by"] == 0


def test_every_link_carries_both_spans_of_the_stored_texts(built):
    corpus, _ = built
    found = corpus.contradictions()
    kinds = {r["reasons"][0].split(":")[0] for r in found}
    assert kinds == {"people", "date"}
    for row in found:
        for side in (row["claim"], row["other"]):
            text = corpus.store.fetchone("SELECT text FROM documents WHERE id = ?", (side["document"],))[0]
            assert text[side["start"]:side["end"]] == side["text"]
        assert 0.0 < row["confidence"] <= 1.0


def test_the_known_fact_check_is_matched_with_its_rating_and_link(built):
    corpus, ids = built
    bus = _claim(corpus, ids["budget_1"], "Mayor Petra Lund")
    best = bus["factchecks"][0]
    assert best["status"] == "match" and best["rating"] == "Misleading"
    assert best["url"] == "https://factcheck.example/valdora-bus-routes" and best["reviewer"] == "Example Fact Desk"
    assert _claim(corpus, ids["lone"], "Greta Holm")["factchecks"] == []
    matched = corpus.store.fetchall("SELECT document_id, claim_id FROM factcheck_matches WHERE status = 'match'")
    assert matched == [(ids["budget_1"], bus["claim"])]          # exactly one claim is shown as a match
    analysis = corpus.analysis(ids["budget_1"], crossdoc=True)
    assert any(c["factchecks"] for c in analysis.crossdoc["claims"])


def test_a_refresh_links_only_new_documents(built, store_url):
    corpus, _ = built
    before = corpus.store.fetchall("SELECT * FROM xdoc_claim_links ORDER BY 1, 2, 3, 4")
    from presslens.corpus.crossdoc import claims

    assert claims.refresh(corpus.store) == 0
    assert corpus.store.fetchall("SELECT * FROM xdoc_claim_links ORDER BY 1, 2, 3, 4") == before


def test_a_new_document_is_linked_against_the_stored_ones_and_nothing_else_changes(store_url):
    from claims_corpus import ARTICLES

    import presslens
    from presslens.corpus.crossdoc import refresh
    from presslens.store import open_store

    store = open_store(store_url)
    for name in ("budget_1", "budget_2", "lone"):
        store.put_analysis(presslens.analyze(ARTICLES[name], source=name), version="t", source=name, origin=None)
    refresh(store)
    before = store.fetchall("SELECT * FROM xdoc_claim_links ORDER BY 1, 2, 3, 4")
    assert before and not any(r[4] == "contradicts" for r in before)
    late = presslens.analyze(ARTICLES["budget_late"], source="budget_late")
    store.put_analysis(late, version="t", source="budget_late", origin=None)
    refresh(store)
    after = store.fetchall("SELECT * FROM xdoc_claim_links ORDER BY 1, 2, 3, 4")
    assert set(before) <= set(after)
    added = set(after) - set(before)
    assert added and all(late.document.id in (r[0], r[2]) for r in added)
    assert sum(r[4] == "contradicts" for r in added) == 4   # the late date against both reports, both ways
    store.put_analysis(late, version="t2", source="budget_late", origin=None)   # analysed again
    from presslens.corpus.crossdoc import claims

    assert claims.refresh(store) == 1                                           # only it is linked again
    assert store.fetchall("SELECT * FROM xdoc_claim_links ORDER BY 1, 2, 3, 4") == after
    store.close()


def _facts(doc, text, **kw):
    from presslens.corpus.crossdoc.claims import Facts

    return Facts(doc, "C1", 0, len(text), text, **kw)


def test_relations_follow_the_rules_of_numbers_dates_places_and_actors():
    from presslens.corpus.crossdoc.claims import compare

    a = _facts("a", "x", measures=(("count:people", 14.0, 14.0),), dates=("2024-04-09",),
               events=(("ASSAULT", "Brisk", ("Tobias Renner",)),))
    same_facts = _facts("b", "y", measures=(("count:people", 14.0, 14.0),), dates=("2024-04-09",))
    assert compare(a, same_facts, 0.06, 0.2).relation == "corroborates"           # two facts alike
    assert compare(a, same_facts, 0.01, 0.2) is None                              # below the floor: no link
    other_number = _facts("b", "y", measures=(("count:people", 20.0, 20.0),))
    assert compare(a, other_number, 0.1, 0.2).reasons == ("people: 14 vs 20",)
    ranged = _facts("b", "y", measures=(("count:people", 10.0, 15.0),))
    assert compare(a, ranged, 0.9, 0.2).relation == "corroborates"                # 14 lies in 10-15
    other_unit = _facts("b", "y", measures=(("count:passengers", 212.0, 212.0),))
    assert compare(a, other_unit, 0.1, 0.2).relation == "uncertain"               # another measure: no clash
    elsewhere = _facts("b", "y", events=(("ASSAULT", "Kessel", ("Renner",)),))
    assert compare(a, elsewhere, 0.5, 0.2).reasons == ("place of assault: Brisk vs Kessel",)
    assert compare(a, elsewhere, 0.1, 0.2).relation == "uncertain"                # not the same claim: no clash
    by_other = _facts("b", "y", events=(("ASSAULT", "Brisk", ("Ilse Varga",)),))
    assert compare(a, by_other, 0.5, 0.2).relation == "contradicts"


def test_contradictions_page_in_order(built):
    """Pages of the contradiction list, read with limit and offset, make up the whole list in order."""
    corpus, _ = built
    everything = corpus.contradictions()
    pages = [corpus.contradictions(limit=1, offset=i) for i in range(len(everything) + 1)]
    assert [row for page in pages for row in page] == everything and pages[-1] == []
    assert corpus.contradictions(offset=1) == everything[1:]
