"""Calibrated confidences of the entities layer: cluster membership, entity, type.

Three probabilities, each read from a table of rates measured on hand-labelled clusters
(histogram-binning calibration: the share of right answers among the labelled cases that fall
in the same bin, shrunk toward the parent rate when a bin is small).  The table is
``resources/entities/confidence.json``, written by ``presslens train entities`` from the audit
set's dev split; its held-out reliability is in the same file and in the README.

* membership — bin = how the mention joined its cluster (:data:`ATTACH_KINDS`): the same name
  as the cluster's full name, a bare surname with one candidate or several ("Clinton" beside
  two Clintons), a spelling variant, an acronym, a one-word head ("Parliament"), a verbatim repeat.
* entity — bin = where its mentions stand (only in a heading, only at a sentence start, in
  running text), its shape (one one-word mention - tagged a proper noun or a common word -,
  one longer mention, several) and its kind (person, organisation, group, place): a headline
  fragment or a capitalised common word opening a sentence ("Secrecy is …", "Scholars have …",
  typed as an organisation or a person) is often no name; a demonym opening one is.
* type — bin = the type shown, how it was reached (spaCy's label on every mention, labels
  that disagree, or a label the document rules corrected) and whether it is named once or more.

Below the thresholds stored with the rates a link is not made (a mention stays unattached,
with its candidates) and an entity is marked ``uncertain``; a type below its threshold is
shown with a question mark.  Hand-written: a handful of counts needs no library.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.analyzers.entities.mentions import Mention

ATTACH_KINDS: tuple[str, ...] = ("exact", "surname", "ambiguous", "partial", "variant", "acronym", "head", "repeat")
RESOURCE = "entities/confidence.json"


@dataclass(frozen=True, slots=True)
class Calibration:
    """Rates per bin of the three confidences, and the thresholds below which a link is not made."""

    member: dict[str, float]
    entity: dict[str, float]
    type: dict[str, float]
    thresholds: dict[str, float]

    def member_p(self, kind: str) -> float:
        """Probability that a mention joined this way belongs to its cluster."""
        return _lookup(self.member, kind)

    def keep(self, kind: str) -> bool:
        """True when a link of this kind is sure enough to be made."""
        return self.member_p(kind) >= self.thresholds["member"]

    def entity_p(self, key: str) -> float:
        """Probability that an entity of this bin is a real name."""
        return _lookup(self.entity, key)

    def type_p(self, key: str) -> float:
        """Probability that a type reached this way is right."""
        return _lookup(self.type, key)


def _lookup(rates: dict[str, float], key: str) -> float:
    """The rate of a bin, else of its nearest ancestor ("ORG|agree|1" → "ORG|agree" → "ORG"), else overall."""
    while key:
        if key in rates:
            return rates[key]
        key = key.rpartition("|")[0]
    return rates["*"]


@functools.cache
def load_calibration() -> Calibration | None:
    """The bundled calibration (None when the resource is absent: no confidences shown)."""
    if RESOURCE not in resources.names():
        return None
    data = resources.json_data(RESOURCE)
    return Calibration(_rates(data["member"]), _rates(data["entity"]), _rates(data["type"]),
                       {k: float(v) for k, v in data["thresholds"].items()})


def _rates(table: dict[str, Any]) -> dict[str, float]:
    """Bin → rate from a stored ``{bin: {"rate": p, "n": n}}`` table."""
    return {key: float(cell["rate"]) for key, cell in table.items()}


def entity_key(group: Sequence[Mention], headings: Sequence[tuple[int, int]], initial: Iterable[bool],
               common: bool = False) -> str:
    """Bin of an entity: position of its mentions, its shape and its kind ("initial|single1|org").

    ``common``: its one word is tagged as a common word (noun, adjective, verb), not a proper noun.
    """
    if all(any(s <= m.start and m.end <= e for s, e in headings) for m in group):
        where = "heading"
    elif all(initial):
        where = "initial"
    else:
        where = "body"
    spans = {(m.start, m.end) for m in group}
    if len(spans) > 1:
        shape = "multi"
    else:
        shape = "single" if " " in group[0].text.strip() else "common1" if common else "single1"
    return f"{where}|{shape}|{_KIND_OF_LABEL.get(group[0].label, 'other')}"


_KIND_OF_LABEL = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


def type_key(group: Sequence[Mention], label: str) -> str:
    """Bin of an entity's type: the label, how it was reached and how often it is named
    ("ORG|agree|1": one mention; "|n": several)."""
    if any(m.ner_label and m.ner_label != m.label for m in group):
        how = "relabelled"
    elif len({m.label for m in group}) > 1:
        how = "mixed"
    else:
        how = "agree"
    named = "n" if len({(m.start, m.end) for m in group}) > 1 else "1"
    return f"{label}|{how}|{named}"


def fit_rates(rows: Iterable[tuple[str, bool]], prior_weight: float = 4.0,
              priors: Mapping[str, float] | None = None) -> dict[str, dict[str, float]]:
    """Rates per bin and per ancestor bin ("ORG|agree" of "ORG|agree|1"), plus overall ``*``,
    from ``(bin, right)`` rows.  A bin's rate is shrunk toward its parent's:
    (right + w·parent) / (n + w); a top-level bin named in ``priors`` is shrunk toward that
    value instead (the ambiguous surname: 1/2, a choice between two people, before evidence)."""
    rows = list(rows)
    overall = (sum(ok for _, ok in rows) + 1) / (len(rows) + 2)
    out: dict[str, dict[str, float]] = {"*": {"rate": round(overall, 4), "n": len(rows)}}
    counts: dict[str, list[int]] = {}
    for key, ok in rows:
        parts = key.split("|")
        for depth in range(1, len(parts) + 1):
            cell = counts.setdefault("|".join(parts[:depth]), [0, 0])
            cell[0] += int(ok)
            cell[1] += 1
    for key in sorted(counts, key=lambda k: k.count("|")):
        right, n = counts[key]
        parent = out[key.rpartition("|")[0]]["rate"] if "|" in key else (priors or {}).get(key, overall)
        out[key] = {"rate": round((right + prior_weight * parent) / (n + prior_weight), 4), "n": n}
    return out
