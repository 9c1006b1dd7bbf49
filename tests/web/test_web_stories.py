"""The stories pages and their JSON twins over the invented cross-document corpus (TestClient, after
``crossdoc.refresh``): stories are the expected sets, copies are grouped, the document page links to its story."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crossdoc"))
from corpus_fixture import make_client
from xdoc_corpus import STORIES, SYNDICATED, build_store

from presslens.store import open_store

pytestmark = pytest.mark.slow  # the invented articles are analysed with the spaCy model


@pytest.fixture(scope="module")
def xdoc(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A store of the invented cross-document corpus, its layer built; article name -> document id."""
    url = str(tmp_path_factory.mktemp("stories") / "xdoc.db")
    return url, build_store(url)


@pytest.fixture(scope="module")
def client(xdoc: tuple[str, dict[str, str]]) -> Iterator[Any]:
    """A client of the app over the cross-document corpus."""
    with make_client(xdoc[0]) as c:
        yield c


def _text(url: str, document: str) -> str:
    """A stored document's text."""
    store = open_store(url)
    try:
        return str(store.fetchone("SELECT text FROM documents WHERE id = ?", (document,))[0])
    finally:
        store.close()


def _names(ids: dict[str, str], documents: list[str]) -> set[str]:
    """Article names of document ids."""
    by_id = {v: k for k, v in ids.items()}
    return {by_id[d] for d in documents}


def test_stories_list_is_the_expected_stories_largest_first(client: Any, xdoc: tuple[str, dict[str, str]]) -> None:
    """The three invented stories, largest first, each with its exact set of articles and the right total."""
    data = client.get("/api/stories").json()
    assert data["pager"]["total"] == 3 and data["pager"]["next"] is None
    found = [_names(xdoc[1], [m["document"] for m in s["members"]]) for s in data["items"]]
    assert sorted(found, key=sorted) == sorted(STORIES, key=sorted)
    assert [s["documents"] for s in data["items"]] == sorted((s["documents"] for s in data["items"]), reverse=True)
    brisk = data["items"][0]
    assert brisk["documents"] == 4 and brisk["sources"] == 3 and brisk["date_start"] == "2024-04-09"
    page = client.get("/stories")
    assert page.status_code == 200 and "Showing 1–3 of 3" in page.text
    assert f'href="/stories/{brisk["id"]}"' in page.text


def test_stories_pages_and_filter_never_cap(client: Any) -> None:
    """Paged one at a time, the list walks every story once; min_documents narrows it."""
    seen, url = [], "/api/stories?per_page=10&min_documents=1"
    while url:
        page = client.get(url if url.startswith("/api") else "/api" + url).json()
        seen += [s["id"] for s in page["items"]]
        url = page["pager"]["next"]
    assert len(seen) == len(set(seen)) == 3
    assert client.get("/api/stories?min_documents=3").json()["pager"]["total"] == 1
    assert client.get("/api/stories?min_documents=5").json()["items"] == []
    assert client.get("/api/stories?per_page=7").status_code == 400


def test_story_groups_syndicated_copies_and_shows_claim_links(client: Any, xdoc: tuple[str, dict[str, str]]) -> None:
    """The Brisk story shows the wire and its copy as one group, the other two alone, and its claim links."""
    ids = xdoc[1]
    brisk = client.get("/api/stories?min_documents=4").json()["items"][0]
    data = client.get(f"/api/stories/{brisk['id']}").json()
    groups = sorted((_names(ids, [m["document"] for m in g["members"]]) for g in data["groups"]), key=len)
    assert groups[-1] == SYNDICATED[0] and [len(g) for g in groups] == [1, 1, 2]
    assert "Tobias Renner" in data["story"]["people"]  # places and people as the layer built them
    assert data["outlets"] == sorted(_names(ids, [m["document"] for m in data["story"]["members"]]))
    contradicted = data["claims"]["contradicted"]
    assert contradicted and all("other_count" in _names(ids, [x["claim"]["document"], x["other"]["document"]])
                                for x in contradicted)  # only the report that counts other injured disagrees
    for pair in contradicted + data["claims"]["corroborated"]:
        assert _names(ids, [pair["claim"]["document"], pair["other"]["document"]]) != {"wire", "copy"}
        for side in (pair["claim"], pair["other"]):
            assert _text(xdoc[0], side["document"])[side["start"]:side["end"]] == side["text"]
    html = client.get(f"/stories/{brisk['id']}").text
    assert all(f'<bdi>{p}</bdi></a>' in html for p in data["story"]["places"] + data["story"]["people"])
    assert "2 copies of one text" in html and html.count("Independent article") == 2
    assert "<h3>Contradicted</h3>" in html and f'/claims/{contradicted[0]["claim"]["document"]}/' in html
    assert client.get(f"/stories/{brisk['id']}", headers={"Accept": "application/json"}).json() == data
    assert client.get("/stories/no-such-story").status_code == 404


def test_document_page_links_to_its_story(client: Any, xdoc: tuple[str, dict[str, str]]) -> None:
    """Every article's page links to the story that holds it; the budget article's story is the budget one."""
    ids = xdoc[1]
    data = client.get(f"/api/documents/{ids['budget_1']}").json()
    story = client.get(f"/api/stories/{data['story']['id']}").json()
    assert _names(ids, [m["document"] for m in story["story"]["members"]]) == {"budget_1", "budget_2"}
    html = client.get(f"/documents/{ids['copy']}").text
    wire_story = client.get(f"/api/documents/{ids['wire']}").json()["story"]["id"]
    assert f'Part of the story <a href="/stories/{wire_story}">' in html


def test_document_page_says_when_it_is_in_no_story(tmp_path: Path) -> None:
    """On a store whose cross-document layer was never built, the document page says it is in no story yet."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    from invented import invented

    url = str(tmp_path / "plain.db")
    store = open_store(url)
    doc = invented()[0]
    store.put_analysis(doc, version="test", source="plain", origin=None)
    store.close()
    with make_client(url) as c:  # type: ignore[attr-defined]
        data = c.get(f"/api/documents/{doc.document.id}").json()
        assert data["story"] is None
        html = c.get(f"/documents/{doc.document.id}").text
        assert "In no story with other articles as of the last cross-document build" in html
        assert 'href="/stories">Stories</a> rebuilds it' in html


def test_a_read_only_app_never_rebuilds_the_layer(tmp_path: Path) -> None:
    """--read-only serves the stories as last built, even when the corpus changed since; a writer rebuilds."""
    import presslens
    from presslens.corpus.crossdoc import build

    url = str(tmp_path / "stale.db")
    build_store(url)
    store = open_store(url)
    late = presslens.analyze("Harbour pilots in Brisk end their strike\n\nThe pilots of Brisk harbour voted on "
                             "Monday to end a two-day strike over rosters, their union said.\n", source="late")
    store.put_analysis(late, version="test", source="late", origin=None)
    assert not build.is_current(store)
    with make_client(url, read_only=True) as c:
        stories = c.get("/api/stories?min_documents=1&per_page=50").json()["items"]
        assert stories and c.get(f"/api/stories/{stories[0]['id']}").status_code == 200
    assert not build.is_current(store)  # nothing was written
    with make_client(url) as c:
        c.get("/api/stories")
    assert build.is_current(store)
    store.close()
