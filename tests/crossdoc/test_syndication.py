"""Syndication: copies of one invented wire story grouped as one source; different stories kept apart."""

from __future__ import annotations

import pytest

from presslens.corpus.crossdoc import differences, refresh, sources, syndication_groups
from presslens.corpus.crossdoc.differences import compare
from presslens.corpus.crossdoc.syndication import Copy, Shingled, group, group_of, same_copy
from presslens.model.analysis import Analysis
from presslens.model.document import Document, Published, content_id
from presslens.store import open_store

WIRE = [
    "Two passenger ferries collided in thick fog off the port of Brisk early on Tuesday, injuring fourteen "
    "people, the regional coastguard said in a statement released before noon.",
    "The Meridian, carrying 212 passengers from Kessel, struck the stern of the smaller Aurora as both "
    "vessels approached the harbour entrance at low speed, according to the coastguard.",
    "Rescue boats took the injured to the Brisk general hospital, where doctors said three remained in "
    "a serious condition and the others would be released within a day.",
    "Captain Tobias Renner of the Meridian told local radio that visibility had dropped to a few metres "
    "and that his radar had shown no other ship in the approach channel.",
    "The harbour master closed the port to all traffic for six hours while divers inspected both hulls, "
    "and ferry services to the islands resumed in the late afternoon.",
    "An inquiry by the maritime safety board will examine the radar logs and the radio messages "
    "exchanged between the two bridges in the minutes before the collision.",
]
OTHER = [
    "The council of Valdora approved a budget of 412 million euros on Thursday after a debate that ran "
    "late into the night, with nine members voting in favour and four against.",
    "Mayor Ilse Varga said the plan protected every bus route and added money for school repairs, "
    "while the opposition said the city was borrowing too much to pay for it.",
    "The budget raises the property tax by two per cent and freezes the fees for nurseries, sports "
    "halls and the public library for another year, officials said.",
    "Traders on the market square welcomed a promise to repave the old town streets before the summer "
    "festival, which drew forty thousand visitors last year.",
]


def text(title: str, paras: list[str]) -> str:
    """An article: title line, blank line, paragraphs."""
    return "\n\n".join([title, *paras]) + "\n"


def corpus() -> dict[str, str]:
    """The original, four edited copies, and an unrelated story with a copy of its own."""
    cut = WIRE[:3] + WIRE[4:]
    moved = [WIRE[0], WIRE[3], WIRE[1], WIRE[2], WIRE[4], WIRE[5]]
    typos = [p.replace("collided", "colided").replace("harbour", "harbor") for p in WIRE]
    dateline = ["BRISK (Harbour Wire) - " + WIRE[0], *WIRE[1:]]
    return {
        "wire": text("Ferries collide in fog off Brisk", WIRE),
        "new_headline_cut": text("Fourteen hurt as ferries crash near Brisk", cut),
        "moved": text("Ferries collide in fog off Brisk", moved),
        "typos": text("Ferries colide in fog off Brisk", typos),
        "dateline_trimmed": text("Ferry collision off Brisk", dateline[:4]),
        "budget": text("Valdora approves budget", OTHER),
        "budget_copy": text("Budget passes in Valdora", OTHER[:3]),
    }


def test_copies_of_one_story_form_one_group_and_other_stories_stay_apart():
    docs = corpus()
    groups = group([Copy(k, v) for k, v in docs.items()])
    by_doc = group_of(groups)
    ferry = {k for k in docs if not k.startswith("budget")}
    assert {by_doc[k] for k in ferry} == {by_doc["wire"]}
    assert by_doc["budget"] == by_doc["budget_copy"] != by_doc["wire"]
    assert len(groups) == 2


def test_a_story_on_the_same_event_in_other_words_is_not_a_copy():
    rewritten = text("Fog blamed for ferry crash", [
        "Fourteen people were hurt on Tuesday morning when the Meridian ran into the back of the Aurora "
        "near the entrance to Brisk harbour, coastguard officials said.",
        "Passengers described a loud bang and said crew members handed out life jackets within minutes. "
        "Three of the injured are in a serious condition in hospital.",
        "Captain Tobias Renner blamed the fog. The port stayed shut for six hours and a safety inquiry "
        "has been opened into what the radar showed.",
    ])
    ok, jac, con = same_copy(Shingled.of(corpus()["wire"]), Shingled.of(rewritten))
    assert not ok and jac < 0.1 and con < 0.2


def test_differences_name_the_cut_moved_edited_and_new_paragraphs():
    docs = corpus()
    cut = compare("wire", docs["wire"], "new_headline_cut", docs["new_headline_cut"],
                  rep_title="Ferries collide in fog off Brisk", title="Fourteen hurt as ferries crash near Brisk")
    assert cut.title == ("Ferries collide in fog off Brisk", "Fourteen hurt as ferries crash near Brisk")
    assert [s.text for s in cut.removed] == ["Ferries collide in fog off Brisk", WIRE[3]]
    assert [s.text for s in cut.added] == ["Fourteen hurt as ferries crash near Brisk"]
    moved = compare("wire", docs["wire"], "moved", docs["moved"])
    assert [s.text for s in moved.moved] == [WIRE[3]] and not moved.removed and not moved.added
    typos = compare("wire", docs["wire"], "typos", docs["typos"])
    assert len(typos.edited) == 4  # the title and the three paragraphs with "collided" or "harbour"
    for old, new in typos.edited:
        assert docs["wire"][old.start:old.end] == old.text and docs["typos"][new.start:new.end] == new.text
    assert compare("wire", docs["wire"], "wire", docs["wire"]).identical


def _stored(text_: str, published: str | None = None) -> Analysis:
    """An analysis with only its document (syndication reads text, title and date)."""
    title = text_.split("\n", 1)[0]
    doc = Document(text=text_, id=content_id(text_), source=title, title=title,
                   published=Published(value=published))
    return Analysis(document=doc)


def test_the_store_keeps_groups_and_rebuilds_only_when_the_corpus_changes(store_url):
    docs = corpus()
    store = open_store(store_url)
    ids = {}
    for name, body in docs.items():
        analysis = _stored(body, "2024-04-09" if name == "moved" else None)
        ids[name] = analysis.document.id
        store.put_analysis(analysis, version="v1", source=name, origin=None)
    first = refresh(store)
    assert first.rebuilt and first.documents == 7 and first.groups == 2 and first.syndicated == 5
    assert not refresh(store).rebuilt
    src = sources(store)
    assert len(set(src.values())) == 2 and src[ids["wire"]] == src[ids["typos"]]
    big = syndication_groups(store)[0]
    assert big.representative == ids["moved"]  # the earliest published copy
    assert set(big.documents) == {ids[k] for k in ("wire", "new_headline_cut", "moved", "typos", "dateline_trimmed")}
    diffs = {d.document: d for d in differences(store, big)}
    assert [s.text for s in diffs[ids["wire"]].moved] == [WIRE[3]]  # against the representative's order
    extra = _stored(text("Budget passes", OTHER[:2] + OTHER[3:]))
    store.put_analysis(extra, version="v1", source="extra", origin=None)
    again = refresh(store)
    assert again.rebuilt and again.documents == 8 and sources(store)[extra.document.id] == src[ids["budget"]]
    store.close()


@pytest.mark.parametrize("n", [1, 2])
def test_single_or_empty_texts_are_their_own_group(n):
    copies = [Copy(f"d{i}", "Short note." if i else "") for i in range(n)]
    assert len(group(copies)) == n
