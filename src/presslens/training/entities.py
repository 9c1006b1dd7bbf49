"""Fit the entities layer's calibration (``resources/entities/confidence.json``) on audit labels.

For every labelled article of the chosen split the entities are extracted *without* a
calibration (every link the rules find is made) and compared with the gold clusters:

* membership rows ``(attach kind, right)``, one per link decision (the mentions of one name
  joined one way): right when most of its mentions hit the cluster's reference - the gold
  cluster most of its ``exact`` mentions (the full name itself) hit, else most of all its
  mentions.  The ambiguous-surname bin is shrunk toward 1/2 (two people, no evidence yet);
* entity rows ``(entity bin, right)``: right when the entity hits any gold mention;
* type rows ``(type bin, right)``: among entities whose hit mentions all belong to one gold
  cluster, right when the gold type is the type shown.

Rates per bin are shrunk toward their parent bin (``confidence.fit_rates``).  The reliability
of the fitted rates on another split (Brier score, and observed vs predicted per probability
band) is what :func:`reliability` measures.  Needs the audit articles (``../shared/data``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from presslens.analyzers.entities.confidence import fit_rates
from presslens.eval.audit.who import GoldEntities, _pair

Row = tuple[str, bool]


def audit_rows(data_dir: Path, split: str) -> dict[str, list[Row]]:
    """Membership, entity and type rows of every audit article of ``split``."""
    out: dict[str, list[Row]] = {"member": [], "entity": [], "type": []}
    for parsed in _articles(data_dir, split):
        for head, rows in rows_of(*parsed).items():
            out[head].extend(rows)
    return out


def _articles(data_dir: Path, split: str) -> Iterator[tuple[Any, list[Any], Any]]:
    """(gold index, extracted entity rows, gold types) per article of the split."""
    from presslens.analyzers.entities import extract_entities, heading_spans
    from presslens.analyzers.entities.lexicon import load_lexicon
    from presslens.eval.audit import load_groups, read_article
    from presslens.ingest import ingest_bytes
    from presslens.nlp.language import make_doc
    from presslens.resources.gazetteer import gazetteer_for
    from presslens.settings import Settings

    settings = Settings(keep_text=True, require_english=False)
    lex, gaz = load_lexicon(), gazetteer_for(settings)
    group = next(g for g in load_groups(names=["who"]))
    for article, label in sorted(group.labels.items()):
        if split not in ("all", label["split"]):
            continue
        raw = read_article(data_dir, article, [label])
        document = ingest_bytes(raw, source=str(data_dir / article), settings=settings)
        bins: list[Any] = []
        extract_entities(make_doc(document.text), lex, gaz, document.text, headings=heading_spans(document),
                         bins_out=bins)
        gold = GoldEntities(label.get("entities", ()))
        yield gold, bins, {c["id"]: c["type"] for c in gold.clusters}


def rows_of(gold: GoldEntities, bins: list[Any], types: dict[str, str]) -> dict[str, list[Row]]:
    """The three kinds of rows of one article."""
    out: dict[str, list[Row]] = {"member": [], "entity": [], "type": []}
    for entity, group, (ekey, tkey) in bins:
        hits = [(m, gold.hit(_pair(m))) for m in group]
        owners = [(m, gold.owner[i]) for m, i in hits if i is not None]
        out["entity"].append((ekey, bool(owners)))
        if not owners:
            continue
        exact = Counter(o for m, o in owners if m.attach == "exact") or Counter(o for _, o in owners)
        reference = exact.most_common(1)[0][0]
        out["member"].extend(_link_rows(owners, lambda o, r=reference: gold.same(r, o)))
        if all(gold.same(owners[0][1], o) for _, o in owners):
            out["type"].append((tkey, types[Counter(o for _, o in owners).most_common(1)[0][0]] == entity.type))
    return out


def _link_rows(owners: list[tuple[Any, str]], right: Any) -> list[Row]:
    """One membership row per link decision: the mentions of one name joined one way (all the
    "Clinton"s of an article are one decision), right when most of them are right."""
    votes: dict[tuple[str, str], list[bool]] = {}
    for m, o in owners:
        votes.setdefault((m.attach, m.text.lower()), []).append(bool(right(o)))
    return [(kind, 2 * sum(v) > len(v)) for (kind, _), v in votes.items()]


MEMBER_PRIORS = {"ambiguous": 0.5}


def fit(rows: dict[str, list[Row]], thresholds: dict[str, float]) -> dict[str, Any]:
    """The calibration table: rates per bin for each head, and the thresholds."""
    table = {head: fit_rates(rows[head]) for head in ("entity", "type")}
    return table | {"member": fit_rates(rows["member"], priors=MEMBER_PRIORS), "thresholds": thresholds}


def reliability(table: dict[str, dict[str, Any]], rows: Iterable[Row], bands: int = 5) -> dict[str, Any]:
    """Brier score and observed-vs-predicted rate per probability band of fitted rates on ``rows``."""
    from presslens.analyzers.entities.confidence import _lookup

    rates = {k: float(v["rate"]) for k, v in table.items()}
    scored = [(_lookup(rates, key), ok) for key, ok in rows]
    if not scored:
        return {"n": 0}
    brier = sum((p - ok) ** 2 for p, ok in scored) / len(scored)
    out: list[dict[str, Any]] = []
    for b in range(bands):
        lo, hi = b / bands, (b + 1) / bands
        inside = [(p, ok) for p, ok in scored if lo <= p < hi or (b == bands - 1 and p == 1.0)]
        if inside:
            out.append({"band": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                        "predicted": round(sum(p for p, _ in inside) / len(inside), 3),
                        "observed": round(sum(ok for _, ok in inside) / len(inside), 3)})
    return {"n": len(scored), "brier": round(brier, 4), "bands": out}
