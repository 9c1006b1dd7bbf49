"""Entities: calibrated confidences, unattached ambiguous names, and the error kinds of issue 10.

Texts are invented; each case follows a rule of English news writing, not an article seen:
two people who share a surname leave the bare surname ambiguous; a verb is no part of a
name; a headline runs names into the words around them; team sheets list people by initial
and surname; an organisation is often named again by its initials.
"""

from __future__ import annotations

import json

import pytest

import presslens
from presslens.analyzers.entities import extract_entities
from presslens.analyzers.entities.confidence import fit_rates, load_calibration
from presslens.analyzers.entities.lexicon import load_lexicon
from presslens.resources.gazetteer import load_gazetteer
from presslens.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def entities_of(nlp):
    """Text → entities with the bundled calibration (headings: the first line when given)."""
    lex, gaz, calib = load_lexicon(), load_gazetteer(), load_calibration()

    def run(text: str, heading: bool = False):
        headings = [(0, text.index("\n"))] if heading else []
        return extract_entities(nlp(text), lex, gaz, text, calib=calib, headings=headings)

    return run


def mentioned(entities, text: str, surface: str):
    """Every entity one of whose mentions reads ``surface``."""
    return [e for e in entities if any(text[s.start : s.end] == surface for s in e.mentions)]


def test_every_entity_has_calibrated_confidences(entities_of):
    """Confidence, type confidence and one membership confidence per mention, all in [0, 1]."""
    text = "Mara Quintel, the mayor of Valdora, met dock workers on Monday. Quintel said the port would reopen."
    for e in entities_of(text):
        assert 0 <= e.confidence <= 1 and 0 <= e.type_confidence <= 1
        assert len(e.mention_confidence) == len(e.mentions)
        assert all(0 <= p <= 1 for p in e.mention_confidence)


def test_shared_surname_stays_ambiguous(entities_of):
    """Two full names share a surname: the bare surname joins neither, and names both."""
    text = ("Hillary Clinton spoke in Ohio on Monday. Her husband, Bill Clinton, stayed in New York. "
            "Clinton told reporters the campaign was confident.")
    ents = entities_of(text)
    hillary, bill = mentioned(ents, text, "Hillary Clinton")[0], mentioned(ents, text, "Bill Clinton")[0]
    bare = [e for e in mentioned(ents, text, "Clinton") if e not in (hillary, bill)]
    assert len(bare) == 1 and bare[0].uncertain
    assert {c.entity for c in bare[0].candidates} == {hillary.id, bill.id}
    assert sum(c.confidence for c in bare[0].candidates) == pytest.approx(1.0, abs=1e-3)
    assert not hillary.uncertain and not bill.uncertain


def test_unique_surname_still_joins(entities_of):
    """With one full name of that surname, the bare surname joins it, sure."""
    text = "Hillary Clinton spoke in Ohio on Monday. Clinton told reporters the campaign was confident."
    ents = entities_of(text)
    person = mentioned(ents, text, "Hillary Clinton")[0]
    assert mentioned(ents, text, "Clinton") == [person] and not person.uncertain
    assert min(person.mention_confidence) >= load_calibration().thresholds["member"]


@pytest.mark.parametrize("verb", ["Praising", "Attacking", "Hammering"])
def test_a_verb_is_no_part_of_a_name(entities_of, verb):
    """'Hammering Hillary Clinton': the participle the model swept in is cut off."""
    text = f"{verb} Hillary Clinton, the senator spoke for an hour in Toledo on Monday."
    names = {e.name for e in entities_of(text)}
    assert "Hillary Clinton" in names
    assert not any(n.startswith(verb) for n in names)


def test_headline_fragment_cut_to_the_name_the_body_knows(entities_of):
    """A Title Case headline run into a name is cut to the name the body uses."""
    text = ("Trump Rallies Voters In Ohio\n\nDonald Trump spoke to supporters in Toledo on Monday. "
            "Trump promised new jobs for the state.")
    ents = entities_of(text, heading=True)
    assert not [e for e in ents if "Rallies" in e.name]
    trump = mentioned(ents, text, "Donald Trump")[0]
    assert text.index("Trump") in [s.start for s in trump.mentions]  # the headline's "Trump"


def test_team_sheet_names_are_people(entities_of):
    """A line of initial-and-surname names: every one a person, the two Lamonts apart."""
    text = ("The squad was named on Tuesday.\n\n"
            "Backs: M Blair (Edinburgh), A Craig (Glasgow), R Lamont (Glasgow), S Lamont (Glasgow), "
            "C Paterson (Edinburgh)\n\nLamont was the only new cap.")
    ents = entities_of(text)
    for name in ("M Blair", "A Craig", "R Lamont", "S Lamont", "C Paterson"):
        found = mentioned(ents, text, name)
        assert found and found[0].type == "PERSON", name
    r, s = mentioned(ents, text, "R Lamont")[0], mentioned(ents, text, "S Lamont")[0]
    assert r is not s
    bare = [e for e in mentioned(ents, text, "Lamont") if e not in (r, s)]
    assert bare and bare[0].uncertain


def test_initials_of_an_organisation_join_it(entities_of):
    """'the S.E.C.' after 'the Securities and Exchange Commission' is the same body."""
    text = ("The Securities and Exchange Commission opened an inquiry on Monday. "
            "A lawyer said the S.E.C. had asked for documents.")
    ents = entities_of(text)
    sec = mentioned(ents, text, "Securities and Exchange Commission")[0]
    assert mentioned(ents, text, "S.E.C.") == [sec]


def test_units_and_pronoun_are_no_entities(entities_of):
    """'6GB' holds no country code; the pronoun 'I' is nobody's name."""
    text = "The new player holds 6GB of music. \"Neither do I.\" said the reviewer in Valdora."
    names = {e.name for e in entities_of(text)}
    assert "United Kingdom" not in names and "GB" not in names and "I." not in names


def test_group_word_forms_fold(entities_of):
    """'Republicans' and 'Republican' are one group; so are 'Democrats' and 'Democratic'."""
    text = ("Republicans in the Senate blocked the bill. A Republican aide said Democrats had "
            "refused to talk, and Democratic leaders denied it.")
    ents = entities_of(text)
    assert mentioned(ents, text, "Republicans") == mentioned(ents, text, "Republican")
    assert mentioned(ents, text, "Democrats") == mentioned(ents, text, "Democratic")


def test_fit_rates_shrinks_small_bins():
    """A bin's rate is pulled toward its parent's, more when it holds fewer cases; a named prior wins."""
    rows = [("A|x", True)] * 90 + [("A|x", False)] * 10 + [("A|y", False)] * 2 + [("B", True)] * 2
    rates = fit_rates(rows, priors={"B": 0.5})
    assert rates["A|x"]["n"] == 100 and 0.88 < rates["A|x"]["rate"] < 0.9
    assert rates["A"]["rate"] > rates["A|y"]["rate"] > 0.4  # two failures do not make it zero
    assert rates["B"]["rate"] == pytest.approx((2 + 4 * 0.5) / 6, abs=1e-3)


def test_json_contract_carries_the_confidences():
    """The JSON keeps the new keys (additively) and the candidates of an unattached name."""
    text = ("Hillary Clinton spoke in Ohio on Monday. Her husband, Bill Clinton, stayed in New York. "
            "Clinton told reporters the campaign was confident.")
    data = json.loads(json.dumps(presslens.analyze(text, settings=Settings(layers=("entities",))).to_dict()))
    for e in data["entities"]:
        assert {"confidence", "type_confidence", "mention_confidence", "uncertain", "candidates"} <= set(e)
    bare = [e for e in data["entities"] if e["uncertain"] and e["candidates"]]
    assert bare and all({"entity", "confidence"} == set(c) for c in bare[0]["candidates"])


def test_audit_type_threshold_is_the_layer_threshold():
    """The audit's 'type shown as sure' uses the threshold the layer ships."""
    from presslens.eval.audit import who

    assert load_calibration().thresholds["type"] == who.TYPE_SURE
