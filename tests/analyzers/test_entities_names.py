"""Name matching and gazetteer lookups (no spaCy needed)."""

from __future__ import annotations

import pytest

from presslens.analyzers.entities.lexicon import load_lexicon
from presslens.analyzers.entities.names import expands, is_acronym, same_person, surname_match, words
from presslens.resources.gazetteer import fold, load_gazetteer


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("kadhimi", "kadhemi", True),
        ("al-ghanimi", "ghanimi", True),
        ("al-muhandis", "al-muhandis", True),
        ("khan", "kahn", False),
        ("lee", "lei", False),
        ("mason", "nelson", False),
        ("jordan", "gordon", False),
        ("schwarzenegger", "schwarzeneger", True),
        ("malone", "maloney", False),
        ("martin", "martins", False),
    ],
)
def test_surname_match(a, b, same):
    assert surname_match(a, b) is same


def test_same_person_needs_compatible_given_names():
    assert same_person(words("Tueller"), words("Matthew H. Tueller"))
    assert same_person(words("Matthew Tueller"), words("Matthew H. Tueller"))
    assert same_person(words("M. Tueller"), words("Matthew Tueller"))
    assert not same_person(words("Laura Bush"), words("George Bush"))
    assert not same_person(words("George W. Bush"), words("Bush"))  # longer never joins shorter


def test_fold_transliterates_latin_letters():
    assert fold("Łódź Ørsted Straße Erdoğan") == "Lodz Orsted Strasse Erdogan"


def test_acronyms_and_expansions():
    assert is_acronym("CIA") and is_acronym("U.N.") and not is_acronym("Iraq")
    assert expands("CIA", "Central Intelligence Agency")
    assert expands("ISIS", "Islamic State of Iraq and Syria")
    assert expands("IMF", "International Monetary Fund")
    assert not expands("CIA", "Chicago Athletic Association Club")


def test_gazetteer_countries_aliases_and_demonyms():
    gaz = load_gazetteer()
    for name in ("US", "U.S.", "USA", "America", "United States", "the United States of America"):
        assert gaz.country_of_name(name) == "USA", name
    assert gaz.country_of_name("Britain") == gaz.country_of_name("UK") == "GBR"
    assert gaz.country_of_name("Islamic Republic of Iran") == "IRN"
    assert gaz.country_of_name("European Union") == "EU" and not gaz.is_country("EU")
    assert gaz.country_of_name("IT") is None  # alpha-2 codes are not indexed
    for demonym, iso in (("Iraqi", "IRQ"), ("Iranians", "IRN"), ("Syrian", "SYR"), ("Israeli", "ISR"),
                         ("American", "USA"), ("Afghan", "AFG"), ("Palestinian", "PSE")):
        assert gaz.demonym(demonym) == iso, demonym
    assert gaz.demonym("Sunni") is None


def test_gazetteer_cities_and_exonyms():
    gaz = load_gazetteer()
    assert gaz.geo_for("Baghdad").country == "IRQ"
    assert gaz.geo_for("Bombay").country == "IND"  # alternate name of a big city
    assert gaz.geo_for("Tripoli").country == "LBY"  # biggest by default
    assert gaz.geo_for("Tripoli", {"LBN"}).country == "LBN"
    assert gaz.geo_for("Scotland").country == "GBR"
    assert gaz.geo_for("Qwertyville") is None


def test_lexicon_titles():
    lex = load_lexicon()
    assert lex.is_title_word("spy-chief") and lex.is_title_word("Minister-designate")
    assert lex.is_title_word("PM") and lex.has_title("US Ambassador")
    assert lex.is_honorific("Mr.") and not lex.is_title_word("Mr")
    assert "ramadan" in lex.not_entities and "covid-19" in lex.not_entities


def test_gazetteer_cache_round_trip_and_broken_file(tmp_path, monkeypatch):
    from presslens.resources import gazetteer as geo

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert geo.cache_path().is_relative_to(tmp_path / "xdg")
    path = geo.cache_path(tmp_path / "cache")
    assert path.is_relative_to(tmp_path / "cache")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert geo._read_cache(path) is None
    geo._write_cache(path, load_gazetteer())
    cached = geo._read_cache(path)
    assert cached is not None and cached.geo_for("Baghdad") == load_gazetteer().geo_for("Baghdad")


def test_gazetteer_cache_follows_settings(tmp_path):
    from presslens.resources import gazetteer as geo
    from presslens.settings import Settings

    off = Settings(cache_dir=str(tmp_path), use_cache=False)
    assert geo.gazetteer_for(off).geo_for("Baghdad") is not None
    assert not list(tmp_path.iterdir())  # nothing written with the cache off
    geo.gazetteer_for(Settings(cache_dir=str(tmp_path)))
    assert [p.name for p in tmp_path.iterdir()] == [geo.cache_path(tmp_path).name]


def test_settings_with_env_maps_the_cache_variables():
    from presslens.settings import Settings

    base = Settings()
    assert base.with_env({}) == base
    assert base.with_env({"PRESSLENS_NO_CACHE": "1"}).use_cache is False
    assert base.with_env({"PRESSLENS_CACHE_DIR": "/tmp/x"}).cache_dir == "/tmp/x"
