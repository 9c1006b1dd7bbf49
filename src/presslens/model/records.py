"""One frozen record type per analysis layer.

Cross-references are ids (``"E3"``, ``"Q1"``), never object pointers, so
records serialise, pickle and diff cleanly.  Closed vocabularies are
``Literal`` types.  A field named ``span`` is flattened into ``start``/``end``/
``text`` by the JSON writer (DESIGN.md: "span + value …").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from presslens.model.document import DateCandidate
from presslens.model.span import Span

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal["happened", "planned", "demanded", "denied", "hypothetical", "reported", "negated"]
ClaimKind = Literal["factual", "opinion", "prediction", "question", "other"]
AttributionType = Literal["author", "named", "anonymous", "document"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "month", "year", "decade", "century", "unknown"]
TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)


@dataclass(frozen=True, slots=True)
class Geo:
    """A place's coordinates and ISO 3166-1 alpha-3 country code."""

    lat: float
    lon: float
    country: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class EntityCandidate:
    """An entity an unattached mention may denote, with the probability that it does."""

    entity: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group with all its mentions clustered.

    Confidences are calibrated probabilities (``resources/entities/confidence.json``):
    ``confidence`` that the entity is a real name resolved as shown, ``type_confidence`` that
    ``type`` is right, ``mention_confidence[i]`` that ``mentions[i]`` belongs to it.
    ``uncertain`` entities are kept and shown as uncertain: a name that may be no entity
    (a headline fragment), or a bare name left unattached because several entities share it
    ("Clinton" beside two Clintons), then ``candidates`` lists whom it may denote.  A resolved
    entity may list ``candidates`` too: a longer name it may be short for ("Parliament" after
    "European Parliament") when that link was too uncertain to make.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    geo: Geo | None = None
    country: str | None = None  # ISO alpha-3 for places, demonyms and national bodies
    confidence: float | None = None
    type_confidence: float | None = None
    mention_confidence: tuple[float, ...] = ()
    uncertain: bool = False
    candidates: tuple[EntityCandidate, ...] = ()
    type_uncertain: bool = False  # type_confidence below the layer's type threshold: shown as "ORG?"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, approximation qualifier and what it counts."""

    id: str
    span: Span
    value: float
    unit: str | None = None
    approximate: bool = False
    qualifier: str | None = None
    counts: str | None = None
    value_max: float | None = None  # upper bound of a range ("3 to 5 million")
    kind: str | None = None  # money, percent, points, measure, duration, age, count, vague, fraction, ratio, multiple, ordinal
    per: str | None = None  # a rate's denominator ("£11.50 an hour" → "hour")
    confidence: float | None = None  # calibrated probability that value, unit and counts are right
    uncertain: bool = False  # confidence below the measured threshold: shown as uncertain, never as fact


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised to a TIMEX3 value."""

    id: str
    span: Span
    type: TimexType
    value: str
    anchor: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    implies: str | None = None  # "three days after <dated event>": the date the duration points at
    confidence: float | None = None  # calibrated probability that ``value`` is right
    uncertain: bool = False  # an anchored value below the threshold: ``value`` left underspecified
    candidates: tuple[DateCandidate, ...] = ()  # the withheld anchored value(s) with their confidence


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER-typed event: who did what to whom, where and when."""

    id: str
    type: EventType
    trigger: Span
    sentence: Span
    mode: str | None = None
    status: EventStatus = "happened"
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    actor_country: tuple[str, ...] = ()
    target_country: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    negated: bool = False
    date_evidence: Span | None = None
    actor_spans: tuple[Span, ...] = ()  # the words naming each actor (linked or not)
    target_spans: tuple[Span, ...] = ()  # the words naming each target (linked or not)
    confidence: float | None = None  # calibrated probability that type and status are right
    uncertain: bool = False  # confidence below the layer's threshold: kept, shown as uncertain
    reference: bool = False  # mentioned in passing ("after the attack"), not reported by its sentence
    signals: tuple[str, ...] = ()  # the named cues the confidence was computed from


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated (or undated) item of the timeline."""

    date: str | None
    precision: Precision
    text: str
    evidence: Span
    event: str | None = None
    claim: str | None = None
    uncertain: bool = False  # an uncertain event, on the timeline only when settings ask for it


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a claim: the author, a named or anonymous source, a document."""

    type: AttributionType = "author"
    source: str | None = None
    cue: Span | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim unit with its kind, attribution, hedges and check-worthiness."""

    id: str
    span: Span
    kind: ClaimKind
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = ()
    attribution: Attribution = Attribution()
    hedges: tuple[Span, ...] = ()
    quantities: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    confidence: float | None = None  # probability that kind and attribution are both right
    uncertain: bool = False  # confidence below the measured threshold: kind/attribution shown as uncertain
    kind_candidates: tuple[KindCandidate, ...] = ()  # when uncertain: the likeliest kinds


@dataclass(frozen=True, slots=True)
class KindCandidate:
    """One possible kind of an uncertain claim, with its probability."""

    kind: ClaimKind
    confidence: float


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    """An entity that may have said a quote, with the probability that it did."""

    entity: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or reported speech: content span, speaker and cue.

    ``speaker`` is set only when ``confidence`` (a calibrated probability that it is right)
    reaches the layer's threshold; below it ``speaker`` is None, ``speaker_status`` is
    "uncertain" and ``candidates`` lists who it may be.  "unknown": nobody to propose.
    """

    id: str
    span: Span
    speaker: str | None = None
    cue: Span | None = None
    direct: bool = True
    source: Span | None = None  # the words naming the speaker in this sentence
    confidence: float | None = None
    candidates: tuple[SpeakerCandidate, ...] = ()
    speaker_status: Literal["resolved", "uncertain", "unknown"] | None = None  # None: derived

    def __post_init__(self) -> None:
        """Derive ``speaker_status`` when not given: resolved, uncertain (candidates only) or unknown."""
        if self.speaker_status is None:
            status = "resolved" if self.speaker else ("uncertain" if self.candidates else "unknown")
            object.__setattr__(self, "speaker_status", status)

    @property
    def uncertain(self) -> bool:
        """True when candidates exist but none is sure enough to be shown as the speaker."""
        return self.speaker_status == "uncertain"


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique at span level."""

    span: Span
    technique: str
    score: float
    explanation: str = ""
    quoted: bool = False  # inside a quote: a source's words, not the author's
    confidence: float | None = None  # calibrated P(a judge agrees a technique is there); None = not calibrated
    uncertain: bool = False  # confidence below the shown threshold: kept, shown as uncertain


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """Something the text contradicts in itself (or across a corpus)."""

    kind: str
    message: str
    spans: tuple[Span, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GenreReason:
    """One feature that pushed the genre label, with its value in this text and example spans."""

    feature: str
    description: str
    value: float  # rate in this text (per 100 words, a share, or words per sentence)
    contribution: float  # its push towards the label (log-odds against the class average)
    examples: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Genre:
    """Document genre with its score."""

    label: Literal["reporting", "opinion", "satire"]
    score: float
    scores: tuple[tuple[str, float], ...] = ()
    reasons: tuple[GenreReason, ...] = ()


@dataclass(frozen=True, slots=True)
class Loadedness:
    """How loaded one paragraph is: share of flagged tokens weighted by score."""

    paragraph: int
    span: Span
    value: float
    author_value: float = 0.0
