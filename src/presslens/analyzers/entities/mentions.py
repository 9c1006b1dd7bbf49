"""Entity mentions: spaCy NER spans, trimmed and corrected where the small model errs.

en_core_web_sm 3.8 is reliably wrong in a few ways on news text (observed on
BBC and opinion articles): it tags diseases ("COVID-19") and holy months as
PERSON/ORG, a misspelt surname as GPE ("Kadhemi" beside "Kadhimi"), a person's
surname as ORG in odd syntax, "Mr X" as ORG, a company after "company" as GPE,
a city after "in" (or a headline city) as ORG/PERSON, a name as two mentions
("Anita" + "Ruiz-Bell"), and it includes titles, "the" and a bracketed acronym
in spans ("PM X", "the White House", "Fund (IMF").  The fixes below are rules,
not a model, because each one uses evidence the model never sees: the
document's other mentions, the gazetteer and our lexicons.  Names after a title
word that NER missed ("PM Netanyahu", "Minister of Transport Ilse Varga") are
added as PERSON mentions; bare compass points and a minister's portfolio
("Secretary of State") are dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from presslens import resources
from presslens.analyzers.entities.lexicon import Lexicon
from presslens.analyzers.entities.names import surname_match, words
from presslens.resources.gazetteer import Gazetteer, name_key

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_INITIAL_NAME = re.compile(r"^[A-Z]\.? (?:[A-Z]\.? )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_LEADING = resources.words("lexicon/function_words.tsv", use="leading-articles")
_LOC_PREPS = resources.words("entities/location_prepositions.txt")
_COMPASS = resources.words("entities/compass.txt")
_PORTFOLIOS = resources.words("entities/portfolios.tsv", where=("kind", "core"))
_PORTFOLIO_EXTRA = resources.words("entities/portfolios.tsv", where=("kind", "extra"))
_PORTFOLIO_WORDS = _PORTFOLIOS | _PORTFOLIO_EXTRA
_FAC_NOUNS = resources.words("lexicon/place_nouns.tsv", use="facility")
_CLUB_WORDS = resources.words("entities/club_words.txt")
_ORG_NOUNS = resources.words("lexicon/institutions.tsv", use="entities")
_LEGAL = resources.words("entities/legal_suffixes.txt")


class TokenIndex:
    """The Doc's text and a character offset → token index map.

    ``Doc.text`` and ``Doc.char_span`` rebuild or scan the whole Doc on every
    call; this index does it once per document.
    """

    def __init__(self, doc: Any, text: str) -> None:
        """Index ``doc`` (whose text is ``text``) once."""
        from spacy.attrs import IDX, LENGTH

        self.text = text
        array = doc.to_array([IDX, LENGTH]) if len(doc) else []
        self.starts = [int(row[0]) for row in array]
        self.ends = [int(row[0] + row[1]) for row in array]

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """Token bounds [first, last + 1) of a character span aligned on tokens, else None."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.ends, end)
        if i < len(self.starts) and j < len(self.ends) and self.starts[i] == start and self.ends[j] == end:
            return i, j + 1
        return None


@dataclass(slots=True)
class Mention:
    """One mention of an entity: a trimmed span of the text and its (corrected) label."""

    start: int
    end: int
    label: str
    text: str
    tok_start: int
    tok_end: int
    titles: list[str] = field(default_factory=list)
    origin: str = "ner"  # ner | title | list | repeat
    titled: bool = False  # a role word stands right before the name ("President X")
    owner: str | None = None  # alpha-3 of a possessive before an organisation ("Iraq's X")
    ner_label: str = ""  # the label spaCy gave, before the document rules corrected it
    attach: str = "exact"  # how it joined its cluster (``confidence.ATTACH_KINDS``)
    candidates: list[Mention] = field(default_factory=list)  # first mentions of the clusters it may join
    unlinked: bool = False  # the link to ``candidates`` was too uncertain to make
    detached: bool = False  # unlinked bare name of a person: its own referent is unknown


def trim(ent: Any, lex: Lexicon) -> tuple[int, int] | None:
    """Token bounds of an entity span without "the", titles, possessives or punctuation."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    if ent.label_ == "PERSON" or (start < end - 1 and lex.is_honorific(doc[start].text)):
        while start < end - 1 and (lex.is_prefix_word(doc[start].text) or doc[start].tag_.startswith("VB")):
            start += 1  # a title, or a verb the model swept in ("Hammering Hillary Clinton")
    for i in range(start + 1, end):
        spaced_dash = doc[i].text in ("-", "–", "—") and bool(doc[i - 1].whitespace_)
        if doc[i].text in ("(", "[", "\"", "“") or spaced_dash:
            end = i  # "Fund (IMF", "Florian Hamm - Borussia Dortmund": another mention starts
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    if start >= end:
        return None
    if end - start == 1 and lex.is_prefix_word(doc[start].text):
        return None  # only a title ("the Shah", "Minister")
    return start, end


def from_ner(doc: Any, lex: Lexicon) -> list[Mention]:
    """Trimmed NER mentions of the kept labels, minus strings that are never entities."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        bounds = trim(ent, lex)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        if _not_a_name(span, ent.label_, lex):
            continue
        before = doc[span.start - 1].text if span.start > 0 else ""
        titled = before[:1].isupper() and lex.is_title_word(before)
        stripped = doc[ent.start : span.start]  # "PM" of "PM Abdul-Mahdi" is a role, kept as one
        roles = [stripped.text] if any(lex.is_title_word(t.text) for t in stripped) else []
        label = "PERSON" if any(lex.is_honorific(t.text) for t in stripped) else ent.label_  # "Mr Balls"
        out.append(Mention(span.start_char, span.end_char, label, span.text, span.start, span.end,
                           titles=_strip_dets(roles), titled=titled, ner_label=ent.label_))
    return out


def join_split_names(mentions: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """Rejoin a name NER cut in two ("Anita" PERSON + "Ruiz-Bell" ORG, one space apart)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        if prev is not None and prev.label == "PERSON" and _continues_name(prev, m, text, gaz):
            out[-1] = Mention(prev.start, m.end, "PERSON", text[prev.start : m.end], prev.tok_start, m.tok_end,
                              titles=prev.titles, origin=prev.origin, titled=prev.titled)
        else:
            out.append(m)
    return out


def _continues_name(prev: Mention, m: Mention, text: str, gaz: Gazetteer) -> bool:
    """True when ``m`` is a one-word surname-like mention right after the name ``prev``."""
    if text[prev.end : m.start] != " " or m.label not in ("ORG", "GPE", "PERSON", "NORP") or " " in m.text:
        return False
    if not m.text[:1].isupper() or m.text.isupper():
        return False
    return not (gaz.country_of_name(m.text) or gaz.demonym(m.text) or gaz.city_candidates(m.text))


def _strip_dets(roles: list[str]) -> list[str]:
    """Roles without a leading article ("the President" → "President")."""
    out = []
    for role in roles:
        head, _, rest = role.partition(" ")
        out.append(rest if head.lower() in _LEADING and rest else role)
    return [" ".join(r.split()) for r in out]


def owner_country(m: Mention, doc: Any, gaz: Gazetteer) -> str | None:
    """The country a possessive or "of"-phrase names: "Iran's Quds Force", "Khamenei of Iran" → IRN."""
    root = doc[m.tok_start : m.tok_end].root
    near = [*root.children, *(root.head.children if root.dep_ == "compound" else ())]
    for child in near:  # "Iraq's Kataib Hezbollah unit": the possessive hangs on "unit"
        if child.dep_ == "poss" and child.i < m.tok_start:
            found = gaz.country_of_name(child.text) or gaz.demonym(child.text)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == m.tok_end:
            found = next((gaz.country_of_name(t.text) for t in child.children if t.dep_ == "pobj"), None)
        else:
            continue
        if gaz.is_country(found):
            return found
    return None


def _not_a_name(span: Any, label: str, lex: Lexicon) -> bool:
    """Never-entities, bare compass points ("the North"), units glued to a number ("6GB") and a
    ministry's portfolio ("of State")."""
    text = span.text
    if text.lower() in lex.not_entities or not any(c.isalpha() for c in text):
        return True
    if label in ("LOC", "GPE") and text.lower() in _COMPASS:
        return True
    doc = span.doc
    if span.start > 0 and text.isupper() and not doc[span.start - 1].whitespace_ and doc[span.start - 1].like_num:
        return True  # a unit glued to its number: "6GB", "20MW"
    return (len(span) == 1 and text.lower() in _PORTFOLIOS and span.start > 1
            and doc[span.start - 1].lower_ == "of" and lex.is_title_word(doc[span.start - 2].text))


def titled_names(doc: Any, index: TokenIndex, taken: list[Mention], lex: Lexicon) -> list[Mention]:
    """PERSON mentions NER missed: capitalised proper nouns right after a title word."""
    used = {i for m in taken for i in range(m.tok_start, m.tok_end)}
    found: list[Mention] = []
    for hit in lex.capitalised_title.finditer(index.text):
        bounds = index.tokens(hit.start(), hit.end())
        if bounds is None or bounds[1] - bounds[0] != 1 or bounds[1] in used or bounds[1] >= len(doc):
            continue
        first = _after_portfolio(doc, bounds[1])  # "Minister of Transport Ilse Varga"
        end = first
        while end < len(doc) and end - first < 3 and _name_token(doc[end], lex) and end not in used:
            end += 1
        if end > first and (first == bounds[1] or end - first >= 2):
            span = doc[first:end]
            found.append(Mention(span.start_char, span.end_char, "PERSON", span.text, span.start, span.end,
                                 titles=[doc[bounds[0] : first].text], origin="title", titled=True))
            used.update(range(span.start, span.end))
    return found


_LIST_NAME = re.compile(r"(?<![\w.'’-])[A-Z]\.? (?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?(?=\s*[,;(.]|\s*$)",
                        re.MULTILINE)
_LIST_MIN = 3


def listed_names(index: TokenIndex, taken: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """People in a line of initial-and-surname names ("M Blair (Edinburgh), A Craig (Glasgow), …").

    Team sheets, casualty and cast lists write people as an initial and a surname, separated
    by commas; NER finds some of them, as places or organisations, or only the surname.  A
    line with at least three such names makes each a PERSON mention.  Returns the mentions
    kept (those not inside a listed name) and the listed names.
    """
    found: list[Mention] = []
    for line in re.finditer(r"[^\n]+", index.text):
        hits = list(_LIST_NAME.finditer(index.text, line.start(), line.end()))
        if len(hits) < _LIST_MIN:
            continue
        for hit in hits:
            bounds = index.tokens(hit.start(), hit.end())
            if bounds is not None:
                found.append(Mention(hit.start(), hit.end(), "PERSON", hit.group(), *bounds, origin="list",
                                     ner_label="PERSON"))
    if not found:
        return taken, []
    starts = [m.start for m in found]  # listed names come in text order and never overlap
    kept = [m for m in taken if not _inside_any(found, starts, m)]
    return kept, found


def _inside_any(found: list[Mention], starts: list[int], m: Mention) -> bool:
    """True when ``m`` overlaps one of the (sorted, disjoint) ``found`` mentions."""
    i = bisect.bisect_left(starts, m.end)
    return i > 0 and found[i - 1].end > m.start


def heading_fragments(mentions: list[Mention], headings: list[tuple[int, int]], index: TokenIndex) -> list[Mention]:
    """Headline mentions cut to the name the body knows ("Trump Rallies Voters" → "Trump").

    In a headline every word may be capitalised, so NER runs a name into the words around it.
    A multi-word mention inside a heading that the body never names is cut to its longest
    first or last words that the body names (a body mention or a person's surname), and takes
    that name's label; one with no such part is left for the confidence to judge.
    """
    if not headings:
        return mentions
    inside = [any(s <= m.start and m.end <= e for s, e in headings) for m in mentions]
    body = {m.text: m.label for m, head in zip(mentions, inside, strict=True) if not head}
    body.update({m.text.split()[-1]: "PERSON" for m, head in zip(mentions, inside, strict=True)
                 if not head and m.label == "PERSON" and " " in m.text})
    out = []
    for m, head in zip(mentions, inside, strict=True):
        cut = _known_part(m, body, index) if head and " " in m.text and m.text not in body else None
        out.append(cut or m)
    return out


def _known_part(m: Mention, body: dict[str, str], index: TokenIndex) -> Mention | None:
    """The longest leading or trailing words of ``m`` that the body names, as a mention."""
    words = list(re.finditer(r"\S+", m.text))
    for n in range(len(words) - 1, 0, -1):
        for part in (words[:n], words[-n:]):
            start, end = m.start + part[0].start(), m.start + part[-1].end()
            text = index.text[start:end]
            bounds = index.tokens(start, end)
            if text in body and bounds is not None:
                return Mention(start, end, body[text], text, *bounds, titles=m.titles, origin=m.origin,
                               titled=m.titled, ner_label=m.ner_label)
    return None


def _after_portfolio(doc: Any, i: int) -> int:
    """Index after "of/for [the] <portfolio words>" following a title, else ``i``."""
    if i >= len(doc) or doc[i].lower_ not in ("of", "for"):
        return i
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    start = j
    while j < len(doc) and doc[j].lower_ in _PORTFOLIO_WORDS:
        j += 1
    return j if j > start else i


def _name_token(tok: Any, lex: Lexicon) -> bool:
    """A token that can be part of a personal name after a title."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.ent_type_
            and not lex.is_prefix_word(tok.text) and tok.text.lower() not in lex.not_entities)


def relabel(mentions: list[Mention], doc: Any, gaz: Gazetteer) -> None:
    """Fix labels using the document's other mentions and the gazetteer (in place)."""
    surnames = _person_surnames([m for m in mentions if not _is_club(m)])
    names = {w for m in mentions if m.label == "PERSON" and " " in m.text for w in words(m.text)}
    alone = frozenset(words(m.text)[0] for m in mentions if m.label == "PERSON" and " " not in m.text.strip())
    for m in mentions:
        m.label = _corrected_label(m, doc, gaz, surnames, names, alone)
        if m.label != "FAC" and m.tok_end < len(doc) and doc[m.tok_end].lower_ in _FAC_NOUNS:
            m.label = "FAC"  # "al-Assad airbase", "Camp Bucca prison": a place, not a person


def _corrected_label(m: Mention, doc: Any, gaz: Gazetteer, surnames: tuple[set[str], set[str]],
                     names: set[str], names_alone: frozenset[str] = frozenset()) -> str:
    """The label a mention should have given the document's people and the gazetteer."""
    if m.label in ("GPE", "ORG", "LOC", "NORP") and _is_person_surname(m, surnames, gaz):
        return "PERSON"  # "Scorsese" beside "Martin Scorsese", whatever spaCy called it
    if m.label == "ORG" and _person_name_as_org(m, names_alone):
        return "PERSON"  # "Cate Blanchett" (ORG) beside "Blanchett" (PERSON)
    if m.label == "PERSON" and (m.titled or (set(words(m.text)) & names and " " not in m.text)):
        return "PERSON"  # "Chad" beside "Chad Johnson", "President Georgia …": a person
    if m.label in ("ORG", "PERSON") and gaz.is_country(gaz.country_of_name(m.text)):
        return "GPE"
    if m.label in ("ORG", "PERSON") and _city_after_prep(m, doc, gaz):
        return "GPE"
    if m.label == "PERSON" and _big_city(m, names, gaz):
        return "GPE"  # "Labour chooses Manchester"
    if m.label == "GPE" and _org_apposed(m, doc, gaz):
        return "ORG"
    if m.label == "GPE" and _unknown_name_after_by(m, doc, gaz):
        return "PERSON"  # "(Reporting by Tomas Adeyemi; …)"
    if m.label in ("GPE", "ORG") and _INITIAL_NAME.match(m.text) and not _is_region(m.text, gaz):
        return "PERSON"  # "D Hickie", "J. Thomas" (but not "S Korea", "E Africa")
    return m.label



def _big_city(m: Mention, person_words: set[str], gaz: Gazetteer) -> bool:
    """A one-word "person" that is a city of 200,000+ and no part of a full name in the text."""
    w = words(m.text)
    if len(w) != 1 or w[0] in person_words:
        return False
    return any(p.primary and p.population >= 200_000 for p in gaz.city_candidates(m.text))


def _is_club(m: Mention) -> bool:
    """A sports club spaCy took for a person ("Manchester United"): its last word is no surname."""
    return " " in m.text and m.text.split()[-1].lower() in _CLUB_WORDS


def _person_surnames(mentions: list[Mention]) -> tuple[set[str], set[str]]:
    """Last words of multi-word PERSON mentions, and one-word PERSON mentions after a title."""
    people = [(words(m.text), m.titled) for m in mentions if m.label == "PERSON"]
    return {w[-1] for w, _ in people if len(w) > 1}, {w[0] for w, titled in people if len(w) == 1 and titled}


def _is_person_surname(m: Mention, surnames: tuple[set[str], set[str]], gaz: Gazetteer) -> bool:
    """A single capitalised word that is a known surname, or a spelling variant of a full name's."""
    w = words(m.text)
    if len(w) != 1 or m.text.isupper() or gaz.country_of_name(m.text) or gaz.demonym(m.text):
        return False
    full, single = surnames
    if w[0] in full or w[0] in single:
        return True
    return not gaz.city_candidates(m.text) and any(surname_match(w[0], s) for s in full)


def _person_name_as_org(m: Mention, names_alone: frozenset[str]) -> bool:
    """A two- or three-word "organisation" in name case whose last word the text uses alone for a
    person, and with no word of an organisation's name (institution nouns, clubs, legal forms)."""
    parts = m.text.split()
    if not 2 <= len(parts) <= 3 or not all(p[:1].isupper() and p[1:].islower() for p in parts):
        return False
    if any(p.lower() in _ORG_NOUNS or p.lower() in _CLUB_WORDS or p.lower() in _LEGAL for p in parts):
        return False
    return words(m.text)[-1] in names_alone


def _city_after_prep(m: Mention, doc: Any, gaz: Gazetteer) -> bool:
    """An ORG that is a known city after a locative preposition or conjoined to a place."""
    if not gaz.city_candidates(m.text):
        return False
    root = doc[m.tok_start : m.tok_end].root
    if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC"):
        return True  # "in Lahore and Karachi"
    return m.tok_start > 0 and doc[m.tok_start - 1].lower_ in _LOC_PREPS


def _is_region(text: str, gaz: Gazetteer) -> bool:
    """True when a name or its last word is a country, region or continent."""
    last = name_key(text.split()[-1])
    return bool(gaz.country_of_name(text) or gaz.country_of_name(last) or last in gaz.places or last in gaz.regions)


def _unknown_name_after_by(m: Mention, doc: Any, gaz: Gazetteer) -> bool:
    """A two- or three-word "place" after "by" that the gazetteer does not know: a person's name."""
    parts = m.text.split()
    if not 2 <= len(parts) <= 3 or m.tok_start == 0 or doc[m.tok_start - 1].lower_ != "by":
        return False
    if not all(p.isalpha() and p[0].isupper() and p[1:].islower() for p in parts):
        return False
    known = (gaz.country_of_name(m.text), gaz.city_candidates(m.text), gaz.regions.get(name_key(m.text)))
    return not any(known) and not any(gaz.city_candidates(p) or gaz.country_of_name(p) for p in parts)


def _org_apposed(m: Mention, doc: Any, gaz: Gazetteer) -> bool:
    """A GPE unknown to the gazetteer that names a company ("the oil company X")."""
    key = name_key(m.text)
    if gaz.country_of_name(m.text) or gaz.city_candidates(m.text) or key in gaz.regions or key in gaz.places:
        return False
    root = doc[m.tok_start : m.tok_end].root
    near = [root.head, *root.children, doc[m.tok_start - 1] if m.tok_start else root]
    return any(t.lower_ in _ORG_NOUNS for t in near)
