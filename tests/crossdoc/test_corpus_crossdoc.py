"""The cross-document layer end to end on the invented corpus: exact groups, stories, entities (both backends)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from xdoc_corpus import ARTICLES, STORIES, SYNDICATED

from presslens.corpus import Corpus
from presslens.corpus.crossdoc import refresh, sources
from presslens.corpus.crossdoc.queries import document_crossdoc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyses():
    """Every invented article analysed once (the model loads once)."""
    import presslens

    return {name: presslens.analyze(text, source=name) for name, text in ARTICLES.items()}


@pytest.fixture
def corpus(store_url, analyses):
    """A store holding the invented corpus."""
    c = Corpus(store_url)
    for name, analysis in analyses.items():
        c.store.put_analysis(analysis, version="test", source=name, origin=None)
    yield c
    c.close()


def names(analyses, groups):
    """Groups of document ids as groups of article names."""
    by_id = {a.document.id: n for n, a in analyses.items()}
    return sorted((sorted(by_id[d] for d in g) for g in groups), key=lambda g: g[0])


def test_syndicated_copies_are_one_source(corpus, analyses):
    groups = [g.documents for g in corpus.syndication(min_size=2)]
    assert names(analyses, groups) == sorted(sorted(g) for g in SYNDICATED)
    assert len(set(sources(corpus.store).values())) == len(ARTICLES) - 1


def test_stories_are_exactly_the_expected_groups(corpus, analyses):
    page = corpus.stories(min_documents=1, limit=None)
    assert names(analyses, [[m.document for m in s.members] for s in page.items]) == \
        sorted((sorted(g) for g in STORIES), key=lambda g: g[0])
    brisk = next(s for s in page.items if s.documents == 4)
    assert brisk.sources == 3  # the syndicated copy is not an independent source
    assert brisk.date_start == "2024-04-09" and all(0 < m.confidence <= 1 for m in brisk.members)
    assert "Tobias Renner" in brisk.people  # names as the articles write them, not folded


def test_one_canonical_captain_and_a_homonym_kept_apart(corpus, analyses):
    refresh(corpus.store)
    rows = corpus.store.fetchall("SELECT x.xentity_id, m.document_id FROM xdoc_entities x JOIN xdoc_entity_members m "
                                 "ON m.xentity_id = x.xentity_id WHERE x.name = 'Tobias Renner'")
    by_entity: dict[str, set[str]] = {}
    for xid, doc in rows:
        by_entity.setdefault(xid, set()).add(doc)
    groups = sorted(names(analyses, by_entity.values()))
    assert groups == [["agree", "copy", "other_count", "wire"], ["budget_1", "budget_2"]]


def test_cross_document_fields_reference_exact_spans(corpus, analyses):
    wire = analyses["wire"].document.id
    refresh(corpus.store)
    fields = document_crossdoc(corpus.store, wire)
    assert fields["syndication"]["copies"] and fields["story"]["documents"]
    texts = {a.document.id: a.document.text for a in analyses.values()}
    refs = [r for e in fields["entities"] for r in e["same_as"]] + [r for e in fields["events"] for r in e["same_as"]]
    assert refs
    for ref in refs:
        assert texts[ref["document"]][ref["start"]:ref["end"]] == ref["text"]
    data = corpus.analysis(wire, crossdoc=True).to_dict()
    assert data["schema"] == "presslens.analysis/2" and data["crossdoc"]["story"]["id"]


def test_corpus_stories_cli_prints_json(tmp_path, analyses):
    db = tmp_path / "c.db"
    c = Corpus(str(db))
    for name, analysis in analyses.items():
        c.store.put_analysis(analysis, version="test", source=name, origin=None)
    c.close()
    out = subprocess.run([sys.executable, "-m", "presslens", "corpus", "stories", "--db", str(db), "--json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    stories = json.loads(out.stdout)["items"]
    assert sorted(s["documents"] for s in stories) == [2, 2, 4] and "cross-document layer" in out.stderr
    again = subprocess.run([sys.executable, "-m", "presslens", "corpus", "stories", "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "building" not in again.stderr and "stories (3 shown)" in again.stdout
