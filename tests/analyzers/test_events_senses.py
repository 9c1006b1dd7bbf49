"""Events v2 on invented sentences: sense checks, statuses, references, confidence.

Each group is written from a rule of the language (the sense a trigger takes with its
arguments, what a conditional, a question or an implicative verb does to an event), with
sentences that must fire the rule and sentences that must not.
"""

from __future__ import annotations

import pytest

from presslens.analyzers.base import Context
from presslens.analyzers.events import make_events
from presslens.ingest import ingest_text
from presslens.model.records import Event
from presslens.settings import Settings


def run(nlp, text: str) -> list[Event]:
    """Run the events analyzer alone on a text (no entities, no timexes)."""
    settings = Settings(require_english=False)
    doc = ingest_text(text, settings=settings)
    ctx = Context(nlp_doc=nlp(doc.text), settings=settings, layers={"entities": (), "timexes": ()})
    return list(make_events()(doc, ctx)["events"])


def types(nlp, text: str) -> list[str]:
    """The types of the events of a text, in order."""
    return [e.type for e in run(nlp, text)]


@pytest.mark.parametrize(("text", "expected"), [
    # RETREAT releases people or seized property; a statement, report, product or figures are no event
    ("The ministry released a statement on the floods.", []),
    ("The commission released its findings on Tuesday.", []),
    ("The campaign released hundreds of private emails.", []),
    ("The studio released the sequel in March.", []),
    ("The rebels released eight hostages on Sunday.", ["RETREAT"]),
    ("The navy released the seized trawler and its crew.", ["RETREAT"]),
    # ASSAULT needs a deliberate agent and a physical target
    ("The senator went on the offensive against her opponent.", []),
    ("The flood killed nine villagers.", []),
    ("The cholera outbreak killed dozens of children.", []),
    ("The winger shot over the bar in the last minute of the derby.", []),
    ("The minister attacked the problem of rising rents.", []),
    ("Gunmen killed nine villagers.", ["ASSAULT"]),
    ("Mortar shells landed near the oil company's compound.", ["ASSAULT"]),
    ("Government troops went on the offensive against the rebels.", ["ASSAULT"]),
    ("The minister attacked the budget plans.", ["ACCUSE"]),  # criticism of a policy
    # PROTEST is collective civilian dissent, not a campaign event
    ("The candidate held a campaign rally in Leeds.", []),
    ("Teachers rallied outside the ministry against the pay freeze.", ["PROTEST"]),
    # breaking an agreement is no agreement; a conviction can be a belief
    ("Both companies broke their agreements with the regulator.", []),
    ("Her conviction that the plan would work never faded.", []),
    ("His conviction for fraud was upheld.", ["SANCTION"]),
    # other checked senses
    ("The mayor met her husband at university.", []),
    ("The festival hosted three concerts.", []),
    ("The president hosted the Kenyan prime minister.", ["CONSULT"]),
    ("The spokesman refused to comment on the report.", []),
    ("The union refused to end the strike.", ["REJECT"]),
    ("The court ordered a review of the case.", ["REQUEST"]),
    ("A grand jury indicted twelve people on fraud charges.", ["ACCUSE"]),
])
def test_sense_checks(nlp, text, expected):
    assert types(nlp, text) == expected


@pytest.mark.parametrize(("text", "etype", "status", "negated"), [
    ("If the guard had shot the intruder, he would have been charged.", "ASSAULT", "hypothetical", False),
    ("Had the police arrested him in May, the fire would not have happened.", "COERCE", "hypothetical", False),
    ("Will the army withdraw from the valley?", "RETREAT", "hypothetical", False),
    ("Nor did the guards fire on the crowd.", "ASSAULT", "negated", True),
    ("The soldiers did not fire on the crowd.", "ASSAULT", "negated", True),
    ("The council failed to back the plan.", "SUPPORT", "negated", True),
    ("The army denied that its soldiers had fired on the crowd.", "ASSAULT", "denied", False),
    ("Police said the men attacked a guard.", "ASSAULT", "reported", False),
    ("The ministers should resign at once.", "RETREAT", "demanded", False),
    ("The foreign minister will visit Hanoi in June.", "CONSULT", "planned", False),
    ("The rebels will not accept the truce.", "REJECT", "happened", False),  # a refusal
])
def test_statuses(nlp, text, etype, status, negated):
    found = [(e.type, e.status, e.negated) for e in run(nlp, text) if e.type == etype]
    assert found == [(etype, status, negated)]


def test_a_request_happened_and_its_content_is_absorbed(nlp):
    (ev,) = run(nlp, "The families urged the government to free the prisoners.")
    assert (ev.type, ev.status) == ("REQUEST", "happened")


@pytest.mark.parametrize(("text", "reference"), [
    ("Police arrested two men over the attack.", True),          # a known event, in a circumstance
    ("Police arrested two men after last week's protests.", True),
    ("Victims of the bombing gathered in the square.", True),    # modifies another noun
    ("Gunmen attacked a convoy near the border.", False),
])
def test_passing_references(nlp, text, reference):
    kinds = {e.type: e.reference for e in run(nlp, text)}
    target = {"Police arrested two men over the attack.": "ASSAULT",
              "Police arrested two men after last week's protests.": "PROTEST",
              "Victims of the bombing gathered in the square.": "ASSAULT",
              "Gunmen attacked a convoy near the border.": "ASSAULT"}[text]
    assert kinds[target] is reference


def test_every_event_has_a_confidence_and_signals(nlp):
    events = run(nlp, "Police arrested two men over the attack. The campaign released its emails.")
    assert events and all(0.0 < e.confidence < 1.0 for e in events)
    assert all(e.signals and e.signals[0].startswith("trigger:") for e in events)
    assert all(e.uncertain == (e.confidence < make_threshold()) for e in events)
    reference = next(e for e in events if e.reference)
    assert "reference" in reference.signals


def make_threshold() -> float:
    """The packaged threshold."""
    from presslens.analyzers.events.confidence import load

    return load().threshold
