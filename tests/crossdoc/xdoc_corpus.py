"""An invented corpus for the cross-document tests (written for these tests; no real text or people).

Three stories, one of them told twice over:
* the Brisk ferry collision of 9 April 2024: a wire report, a syndicated copy of it (new headline,
  a paragraph cut), an independent report that agrees and one that gives another injury count;
* another ferry collision, at Marrow Bay on 2 June 2024, with other people: the same kind of
  event, so only the place, the date and the people tell the two apart;
* a budget vote in Valdora, in two independent reports, where a councillor happens to share the
  ferry captain's name (a homonym that must not be merged).
"""

from __future__ import annotations

WIRE = (
    "Ferries collide in fog off Brisk\n\n"
    "BRISK, 9 April 2024 (Harbour Wire) - Two passenger ferries collided in thick fog off the port of Brisk on "
    "Tuesday, injuring fourteen people, the coastguard said.\n\n"
    "The Meridian, carrying 212 passengers from Kessel, struck the stern of the smaller Aurora as both vessels "
    "approached the harbour entrance at low speed.\n\n"
    "Captain Tobias Renner of the Meridian told Brisk Radio that visibility had dropped to a few metres. "
    "\"My radar showed no other ship in the channel,\" Renner said.\n\n"
    "Rescue boats took the injured to Brisk General Hospital, where doctors said three remained in a serious "
    "condition.\n\n"
    "The Maritime Safety Board opened an inquiry into the collision on Wednesday.\n"
)
COPY = (
    "Fourteen hurt as ferries crash near Brisk\n\n"
    "BRISK, 9 April 2024 (Harbour Wire) - Two passenger ferries collided in thick fog off the port of Brisk on "
    "Tuesday, injuring fourteen people, the coastguard said.\n\n"
    "The Meridian, carrying 212 passengers from Kessel, struck the stern of the smaller Aurora as both vessels "
    "approached the harbour entrance at low speed.\n\n"
    "Captain Tobias Renner of the Meridian told Brisk Radio that visibility had dropped to a few metres. "
    "\"My radar showed no other ship in the channel,\" Renner said.\n\n"
    "The Maritime Safety Board opened an inquiry into the collision on Wednesday.\n"
)
AGREE = (
    "Fog blamed for Brisk ferry crash\n\n"
    "Fourteen people were hurt on 9 April 2024 when the ferry Meridian ran into the back of the Aurora near the "
    "entrance to Brisk harbour, coastguard officials said.\n\n"
    "Passengers described a loud bang and said crew members handed out life jackets within minutes. Captain "
    "Tobias Renner blamed the fog for the accident.\n\n"
    "Three of the injured are in a serious condition at Brisk General Hospital.\n"
)
OTHER_COUNT = (
    "Twenty injured in Brisk ferry collision, hospital says\n\n"
    "Twenty people were injured when the Meridian and the Aurora collided off Brisk on 9 April 2024, "
    "a spokeswoman for Brisk General Hospital said, more than the coastguard first reported.\n\n"
    "Captain Tobias Renner, who commanded the Meridian, has been questioned by the Maritime Safety Board.\n"
)
MARROW_1 = (
    "Ferry hits cargo ship off Marrow Bay\n\n"
    "The ferry Northern Star struck a cargo ship off Marrow Bay on 2 June 2024, injuring six passengers, "
    "port officials in Marrow Bay said.\n\n"
    "Captain Ilse Varga said the cargo ship had turned across her path without warning. The injured were "
    "treated at Teller Falls Clinic.\n"
)
MARROW_2 = (
    "Six hurt in Marrow Bay ferry collision\n\n"
    "Six passengers were injured when the Northern Star collided with a cargo ship near Marrow Bay on 2 June "
    "2024. Captain Ilse Varga told reporters the freighter had changed course suddenly.\n\n"
    "The passengers were taken to Teller Falls Clinic, officials in Marrow Bay said.\n"
)
BUDGET_1 = (
    "Valdora council approves budget\n\n"
    "The council of Valdora approved a budget of 412 million euros on 14 March 2024 after a long debate. "
    "Mayor Petra Lund said the plan protected every bus route.\n\n"
    "Councillor Tobias Renner, the leader of the opposition, said the city was borrowing too much.\n"
)
BUDGET_2 = (
    "Valdora passes 412 million euro budget\n\n"
    "Valdora's council voted on 14 March 2024 for a budget of 412 million euros. Mayor Petra Lund said bus "
    "routes and school repairs were safe.\n\n"
    "The opposition leader, Councillor Tobias Renner, voted against the plan.\n"
)

ARTICLES = {
    "wire": WIRE, "copy": COPY, "agree": AGREE, "other_count": OTHER_COUNT,
    "marrow_1": MARROW_1, "marrow_2": MARROW_2, "budget_1": BUDGET_1, "budget_2": BUDGET_2,
}
STORIES = [{"wire", "copy", "agree", "other_count"}, {"marrow_1", "marrow_2"}, {"budget_1", "budget_2"}]
SYNDICATED = [{"wire", "copy"}]


def build_store(url: str, articles: dict[str, str] | None = None) -> dict[str, str]:
    """Analyse every article (default: :data:`ARTICLES`) into a new store at ``url`` and build the
    cross-document layer; returns article name -> document id."""
    import presslens
    from presslens.corpus.crossdoc import refresh
    from presslens.store import open_store

    store = open_store(url)
    ids = {}
    for name, text in (ARTICLES if articles is None else articles).items():
        analysis = presslens.analyze(text, source=name)
        store.put_analysis(analysis, version="test", source=name, origin=None)
        ids[name] = analysis.document.id
    refresh(store)
    store.close()
    return ids
