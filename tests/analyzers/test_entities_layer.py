"""Entities layer on invented news texts: mentions, clustering, titles, countries, geo."""

from __future__ import annotations

import pytest

from presslens.analyzers.entities import extract_entities
from presslens.analyzers.entities.lexicon import load_lexicon
from presslens.resources.gazetteer import load_gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def entities_of(nlp):
    """Text → entities, with the shared spaCy model and the cached gazetteer."""
    lex, gaz = load_lexicon(), load_gazetteer()

    def run(text: str):
        return extract_entities(nlp(text), lex, gaz)

    return run


def by_mention(entities, text: str, surface: str):
    """The entity one of whose mentions reads ``surface``."""
    found = [e for e in entities if any(text[s.start : s.end] == surface for s in e.mentions)]
    assert found, f"no entity mentions {surface!r}: {[e.name for e in entities]}"
    return found[0]


def check_spans(entities, text: str) -> None:
    """Mentions are sorted, non-empty, trimmed slices of the text."""
    for e in entities:
        assert list(e.mentions) == sorted(e.mentions)
        for s in e.mentions:
            piece = text[s.start : s.end]
            assert piece and piece == piece.strip() and not piece.lower().startswith("the ")
            assert not piece.endswith(("'s", "’s", ",", "."))


def test_name_variants_merge_and_titles(entities_of):
    text = ("Former intelligence chief Rashid al-Tamimi was named prime minister on Monday. "
            "Tamimi promised to form a cabinet within a month. Critics in Basra said Tamemi had "
            "no mandate.")
    ents = entities_of(text)
    check_spans(ents, text)
    person = by_mention(ents, text, "Rashid al-Tamimi")
    assert person.type == "PERSON"
    assert by_mention(ents, text, "Tamimi") is person
    assert by_mention(ents, text, "Tamemi") is person  # one-letter variant, tagged GPE by spaCy
    assert person.name == "Rashid al-Tamimi"
    assert any("intelligence chief" in t for t in person.titles)
    assert person.id == "E1"


def test_roles_from_apposition_premodifier_and_as(entities_of):
    text = ("On Monday the king named former army-chief Yusuf Barzani as Prime Minister-designate. "
            "Paul Ortner, assistant secretary of Western Hemisphere Affairs, welcomed the choice, "
            "and US Ambassador Karen Whitfield met Barzani in Erbil. Maria Delgado, the head of "
            "Chile's national mining agency, was not invited.")
    ents = entities_of(text)
    check_spans(ents, text)
    barzani = by_mention(ents, text, "Yusuf Barzani")
    assert by_mention(ents, text, "Barzani") is barzani
    assert "former army-chief" in barzani.titles
    assert any("Prime Minister-designate" in t for t in barzani.titles)
    assert "assistant secretary of Western Hemisphere Affairs" in by_mention(ents, text, "Paul Ortner").titles
    assert "US Ambassador" in by_mention(ents, text, "Karen Whitfield").titles
    assert any(t.startswith("head of Chile") for t in by_mention(ents, text, "Maria Delgado").titles)


def test_acronym_joins_expansion(entities_of):
    text = ("The Central Intelligence Agency declined to comment. A CIA spokesman later said the "
            "agency had briefed the Senate. The World Food Programme warned that the WFP would run "
            "out of funds.")
    ents = entities_of(text)
    cia = by_mention(ents, text, "CIA")
    assert by_mention(ents, text, "Central Intelligence Agency") is cia
    assert cia.name == "Central Intelligence Agency"
    assert by_mention(ents, text, "WFP") is by_mention(ents, text, "World Food Programme")
    assert by_mention(ents, text, "Senate") is not cia


def test_united_states_forms_are_one_entity(entities_of):
    text = ("The United States imposed new sanctions on Tuesday. US officials said America would "
            "not back down. The United States of America has long opposed the deal.")
    ents = entities_of(text)
    us = by_mention(ents, text, "United States")
    assert by_mention(ents, text, "US") is us and by_mention(ents, text, "America") is us
    assert by_mention(ents, text, "United States of America") is us
    assert us.name == "United States of America" and us.country == "USA"
    assert us.geo is not None and us.geo.country == "USA"


def test_disease_and_holy_month_are_not_people(entities_of):
    text = ("Health officials in Monrovia reported new cases as Ramadan began. The COVID-19 "
            "outbreak had already strained hospitals, and Covid patients filled the wards on Friday.")
    ents = entities_of(text)
    bad = {"Ramadan", "COVID-19", "Covid", "Friday"}
    for e in ents:
        assert not ({text[s.start : s.end] for s in e.mentions} & bad), e


def test_cities_geocoded_and_demonyms_linked(entities_of):
    text = ("Protests spread from Basra to Mosul and Kirkuk on Friday, Iraqi police said. Syrian "
            "refugees crossed into Jordan, and Dutch investigators arrived in Amman.")
    ents = entities_of(text)
    for city, iso in (("Basra", "IRQ"), ("Mosul", "IRQ"), ("Kirkuk", "IRQ"), ("Amman", "JOR")):
        e = by_mention(ents, text, city)
        assert e.geo is not None and e.geo.country == iso and e.country == iso
        assert e.geo.geonameid
    assert by_mention(ents, text, "Jordan").country == "JOR"
    for demonym, iso in (("Iraqi", "IRQ"), ("Syrian", "SYR"), ("Dutch", "NLD")):
        e = by_mention(ents, text, demonym)
        assert e.type == "NORP" and e.country == iso and e.geo is None


@pytest.mark.parametrize(
    ("text", "city", "iso"),
    [
        ("Police in Lahore and Karachi arrested ten men, and officers in Hyderabad detained two more.",
         "Hyderabad", "PAK"),
        ("Police in Hyderabad said the festival would go ahead.", "Hyderabad", "IND"),
        ("Police in Lahore and Karachi arrested ten men.", "Karachi", "PAK"),
        ("After the blast in Beirut, troops were sent to Tripoli in the north.", "Tripoli", "LBN"),
    ],
)
def test_ambiguous_city_uses_document_countries(entities_of, text, city, iso):
    e = by_mention(entities_of(text), text, city)
    assert e.geo is not None and e.geo.country == iso


def test_different_people_with_similar_short_names_stay_apart(entities_of):
    text = ("Ali Khan, the mayor of the town, met Sara Kahn on Tuesday. Khan said the meeting went "
            "well. John Lee and Wang Lei also attended. Lee left early.")
    ents = entities_of(text)
    khan, kahn = by_mention(ents, text, "Ali Khan"), by_mention(ents, text, "Sara Kahn")
    assert khan is not kahn and by_mention(ents, text, "Khan") is khan
    lee, lei = by_mention(ents, text, "John Lee"), by_mention(ents, text, "Wang Lei")
    assert lee is not lei and by_mention(ents, text, "Lee") is lee
    assert "mayor of the town" in khan.titles


def test_national_bodies_get_their_country(entities_of):
    text = ("Demonstrators gathered outside the US Embassy in Baghdad, and the Iraqi Parliament "
            "met in an emergency session.")
    ents = entities_of(text)
    assert by_mention(ents, text, "US Embassy").country == "USA"  # the sending state
    assert by_mention(ents, text, "Iraqi Parliament").country == "IRQ"
    assert by_mention(ents, text, "Baghdad").geo.country == "IRQ"


def test_ids_follow_first_mention(entities_of):
    text = "Angela Merkel flew to Paris. Merkel then met officials of the European Union in Brussels."
    ents = entities_of(text)
    assert [e.id for e in ents] == [f"E{i}" for i in range(1, len(ents) + 1)]
    firsts = [e.mentions[0].start for e in ents]
    assert firsts == sorted(firsts)


def test_roles_give_people_a_country_and_possessives_give_orgs_one(entities_of):
    text = ("A Kenyan member of Parliament, Joseph Wanjiru, said French Foreign Minister Claire "
            "Dumont had met Sudan's Rapid Support Forces. PM Okello later spoke to reporters.")
    ents = entities_of(text)
    wanjiru = by_mention(ents, text, "Joseph Wanjiru")
    assert "Kenyan member of Parliament" in wanjiru.titles and wanjiru.country == "KEN"
    dumont = by_mention(ents, text, "Claire Dumont")
    assert any("Foreign Minister" in t for t in dumont.titles) and dumont.country == "FRA"
    assert by_mention(ents, text, "Rapid Support Forces").country == "SDN"
    okello = by_mention(ents, text, "Okello")
    assert okello.type == "PERSON" and "PM" in okello.titles


def test_secretary_of_state_is_a_role_not_an_organisation(entities_of):
    text = "US Secretary of State Helen Marsh flew to Cairo on Sunday."
    ents = entities_of(text)
    marsh = by_mention(ents, text, "Helen Marsh")
    assert "US Secretary of State" in marsh.titles and marsh.country == "USA"
    assert not [e for e in ents if e.name == "State"]


def test_compass_points_dropped_and_names_before_airbase_are_places(entities_of):
    text = ("Troops moved to a base in the North, and drones hit the Ain al-Asad airbase while "
            "officials in Erbil watched.")
    ents = entities_of(text)
    assert not [e for e in ents if e.name == "North"]
    for e in ents:
        if "Asad" in e.name:
            assert e.type == "FAC"


def test_courtesy_titles_make_people_and_are_stripped(entities_of):
    text = ("Ed Morley, the shadow chancellor, attacked the budget. Mr Morley said the Treasury had "
            "lost control, and Mrs Thornbury agreed.")
    ents = entities_of(text)
    morley = by_mention(ents, text, "Ed Morley")
    assert by_mention(ents, text, "Morley") is morley and morley.type == "PERSON"
    assert "shadow chancellor" in morley.titles
    assert by_mention(ents, text, "Thornbury").type == "PERSON"
    assert all("Mr" not in t.split() for t in morley.titles)


def test_small_foreign_namesake_towns_are_not_trusted():
    gaz = load_gazetteer()
    assert gaz.resolve_city("Somerset", {"GBR"}) is None  # only small US towns bear the name
    assert gaz.resolve_city("Somerset") is not None


def test_bare_head_joins_only_an_earlier_full_name(entities_of):
    text = ("Protesters marched on the Kenyan Embassy in London. The Embassy said it would not comment. "
            "Parliament debated the issue, and the European Parliament later condemned the violence.")
    ents = entities_of(text)
    embassy = by_mention(ents, text, "Kenyan Embassy")
    assert by_mention(ents, text, "Embassy") is embassy and embassy.country == "KEN"
    assert by_mention(ents, text, "Parliament") is not by_mention(ents, text, "European Parliament")


def test_doubled_letter_variant_and_portfolio_titles(entities_of):
    text = ("The port director, Stefan Kessler, said the cranes would be replaced. Mr Kesler, as one "
            "memo spelt his name, also promised new jobs. Minister of Foreign Affairs Karl Obermeier "
            "arrived on Monday.")
    ents = entities_of(text)
    kessler = by_mention(ents, text, "Stefan Kessler")
    assert by_mention(ents, text, "Kesler") is kessler and "port director" in kessler.titles
    assert "Minister of Foreign Affairs" in by_mention(ents, text, "Karl Obermeier").titles


def test_name_cut_in_two_by_ner_is_rejoined():
    from presslens.analyzers.entities.mentions import Mention, join_split_names

    text = "Mayor Anita Ruiz-Bell met Iraq officials."
    first = Mention(6, 11, "PERSON", "Anita", 1, 2, titles=["Mayor"])
    rest = Mention(12, 21, "ORG", "Ruiz-Bell", 2, 5)
    country = Mention(26, 30, "GPE", "Iraq", 6, 7)
    joined = join_split_names([first, rest, country], text, load_gazetteer())
    assert [(m.text, m.label) for m in joined] == [("Anita Ruiz-Bell", "PERSON"), ("Iraq", "GPE")]
    assert joined[0].titles == ["Mayor"] and text[joined[0].start : joined[0].end] == "Anita Ruiz-Bell"


def test_occupations_and_company_suffixes(entities_of):
    text = ("Councillor Ahmed Farouk criticised Harrow Builders Ltd. on Monday. Singer Lena Brook "
            "said Harrow Builders had ignored residents, and economist Tom Reyes agreed.")
    ents = entities_of(text)
    assert by_mention(ents, text, "Ahmed Farouk").titles == ("Councillor",)
    builder = by_mention(ents, text, "Harrow Builders Ltd.")
    assert by_mention(ents, text, "Harrow Builders") is builder
    assert "Singer" in by_mention(ents, text, "Lena Brook").titles
    assert "economist" in by_mention(ents, text, "Tom Reyes").titles


def test_party_short_names_and_demonym_plurals_merge(entities_of):
    text = ("The Labour Party won the vote. Labour said Iraqi officials agreed, and many Iraqis "
            "celebrated.")
    ents = entities_of(text)
    assert by_mention(ents, text, "Labour") is by_mention(ents, text, "Labour Party")
    iraqi = by_mention(ents, text, "Iraqi")
    assert by_mention(ents, text, "Iraqis") is iraqi and iraqi.country == "IRQ" and iraqi.name == "Iraqi"


def test_byline_names_tagged_as_places_are_people(entities_of):
    text = "The ferry was delayed for hours. (Reporting by Tomas Adeyemi; Editing by Clara Jensen)"
    ents = entities_of(text)
    assert by_mention(ents, text, "Tomas Adeyemi").type == "PERSON"
    assert by_mention(ents, text, "Clara Jensen").type == "PERSON"



def test_shared_surname_is_not_searched_for_either_person():
    from presslens.analyzers.entities.build import search_terms
    from presslens.analyzers.entities.mentions import Mention

    text = "Gareth Powell and Jonathan Powell played. Powell scored."
    clusters = [[Mention(0, 13, "PERSON", "Gareth Powell", 0, 2)],
                [Mention(18, 33, "PERSON", "Jonathan Powell", 3, 5)]]
    terms = search_terms(clusters, text, load_lexicon())
    assert terms == {"Gareth Powell": 0, "Jonathan Powell": 1}  # a bare "Powell" is ambiguous


def test_initial_and_surname_tagged_as_place_is_a_person(nlp):
    from presslens.analyzers.entities.mentions import Mention, relabel

    text = "Officials praised D Hickie and S Korea."
    doc = nlp(text)
    hickie = Mention(18, 26, "GPE", "D Hickie", 2, 4)
    korea = Mention(31, 38, "GPE", "S Korea", 5, 7)
    assert text[hickie.start : hickie.end] == "D Hickie" and text[korea.start : korea.end] == "S Korea"
    relabel([hickie, korea], doc, load_gazetteer())
    assert hickie.label == "PERSON" and korea.label == "GPE"
