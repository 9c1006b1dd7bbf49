"""timexes layer: TIMEX3 temporal expressions (DATE, TIME, DURATION, SET) and the document date.

A rule-based tagger and normaliser in the style of HeidelTime (Strötgen &
Gertz, "HeidelTime: High quality rule-based extraction and normalization of
temporal expressions", SemEval-2010; "Multilingual and cross-domain temporal
tagging", LRE 2013), the best system of TempEval-3 Task A.  The rules are our
own (no HeidelTime code or resources): ``grammar.py`` / ``relative.py`` find
extents with precompiled regexes, ``resolve.py`` anchors underspecified values
to the document date or the narrative reference time using the tense found in
spaCy's parse (``tense.py``), and ``published.py`` infers the document date
when no metadata gives it.  Hand-written because no Python library does this
well: dateparser on spaCy's DATE spans scores about 0.43 value F1 on TempEval-3.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, cast

from presslens import resources
from presslens.analyzers.base import Context, register
from presslens.analyzers.timexes import lexicon as lx
from presslens.analyzers.timexes.candidate import Cand
from presslens.analyzers.timexes.confidence import Anchoring
from presslens.analyzers.timexes.confidence import apply as apply_confidence
from presslens.analyzers.timexes.confidence import load as load_anchor_model
from presslens.analyzers.timexes.grammar import iter_candidates, select
from presslens.analyzers.timexes.published import DateModel, infer_published, load_model, proxy_day
from presslens.analyzers.timexes.resolve import Dct, Resolver, dct_from_value
from presslens.model.document import DateCandidate, Document, Published
from presslens.model.records import Timex, TimexType
from presslens.model.span import Span
from presslens.settings import Settings

_PART_BEFORE = re.compile(
    r"(?:(?P<pm>\b(?:early|late|the\s+(?:beginning|start|end|middle|close)\s+of|(?:beginning|end|middle)\s+of))\s+|(?P<mid>\bmid-))$",
    re.I,
)
_QUANT_BEFORE = re.compile(r"\b(?P<qm>" + lx.alternation(lx.QUANT_MODS) + r")\s+$", re.I)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_FUNCTION_WORDS = resources.words("lexicon/function_words.tsv", use="timex-adverb")
_SOON_CONJ = re.compile(r"\s+(?:after|as|thereafter)\b", re.I)
_OF = re.compile(r"\s+of\b")
_YEAR_QUANTITY = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|troops|soldiers|cases|deaths|members|times|units|shares|cars|jobs|votes|workers|miles|tons|dollars|men|women)\b")


def extend_modifiers(text: str, cands: list[Cand]) -> None:
    """Pull "early/late/mid-/the end of" and "about/nearly/more than" into the extent, set mod."""
    for c in cands:
        before = text[max(0, c.start - 24) : c.start]
        m = _PART_BEFORE.search(before)
        if m and c.type == "DATE" and not c.mod and c.rule not in ("refword",):
            c.start -= len(m.group(0))
            key = "mid-" if m["mid"] else " ".join(m["pm"].lower().split())
            c.mod = lx.PART_MODS.get(key, "MID")
            continue
        q = _QUANT_BEFORE.search(before)
        opens_with_the = text.startswith(("the ", "The "), c.start)
        if q and (c.type == "DURATION" or c.need == "shift") and not c.mod and not opens_with_the:
            key = " ".join(q["qm"].lower().split())
            c.mod = lx.QUANT_MODS[key]
            if key not in lx.MOD_OUTSIDE:
                c.start -= len(q.group(0))


def plausible(text: str, c: Cand) -> bool:
    """Drop look-alikes: years counting things ("2000 troops"), adjectives ("quarterly
    dividend"), conjunctions ("as soon as"), fractions ("a quarter of")."""
    if c.rule == "year":
        return not _YEAR_QUANTITY.match(text, c.end)
    if c.rule == "setadv":
        nxt = _NEXT_WORD.match(text, c.end)
        return not (nxt and nxt.group(1) not in _FUNCTION_WORDS)
    if c.rule == "refword" and text[c.start : c.end].lower() == "soon":
        return not (text[max(0, c.start - 3) : c.start].lower() == "as " or _SOON_CONJ.match(text, c.end))
    if c.rule == "amount" and c.value in ("P3M", "P6M", "P9M") and "quarter" in text[c.start : c.end].lower():
        return not _OF.match(text, c.end)
    return True


def find(text: str) -> list[Cand]:
    """All temporal expression candidates of a text, non-overlapping, with modifiers."""
    cands = select([c for c in iter_candidates(text) if plausible(text, c)])
    extend_modifiers(text, cands)
    return cands


def document_date(text: str, cands: list[Cand], nlp_doc: Any, given: str | None, model: DateModel | None
                  ) -> tuple[Dct | None, Published | None, Anchoring]:
    """The DCT used for anchoring: given (metadata/settings), else inferred when confident, else None."""
    if given:
        dct = dct_from_value(given[:10] if given[:4].isdigit() else given)
        return dct, None, Anchoring("given", dct.gran if dct else "day")
    pub = infer_published(cands, text, nlp_doc, model)
    if pub is None or pub.value is None:
        return None, pub, Anchoring("none")
    day = proxy_day(pub.value, cands, nlp_doc)
    base = dct_from_value(pub.value)
    dct = Dct(day, pub.value, base.gran) if day and base else base
    return dct, pub, Anchoring("inferred", dct.gran if dct else "year", pub.confidence or 0.0)


def resolve_text(text: str, sentences: Sequence[Span], nlp_doc: Any, given: str | None,
                 model: DateModel | None) -> tuple[list[Cand], Published | None, Anchoring]:
    """Tag a text, settle its document date and anchor every candidate (before confidences)."""
    cands = find(text)
    dct, published, anchoring = document_date(text, cands, nlp_doc, given, model)
    Resolver(text, sentences, nlp_doc, dct).run(cands)
    return cands, published, anchoring


def to_records(cands: list[Cand]) -> tuple[Timex, ...]:
    """Freeze candidates into Timex records with ids T1, T2, …"""
    return tuple(
        Timex(f"T{i}", Span(c.start, c.end), cast(TimexType, c.type), c.value, c.anchor, c.mod, c.quant, c.freq,
              c.implies, c.confidence, c.uncertain, tuple(DateCandidate(v, p) for v, p in c.candidates))
        for i, c in enumerate(cands, 1)
    )


@register("presslens.timexes.v1", layer="timexes", produces=("timexes", "published"), requires=())
def make_timexes(settings: Settings | None = None) -> Any:
    """Build the timexes analyzer (rules are compiled at import; models loaded once here)."""
    date_model, anchor_model = load_model(), load_anchor_model()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Tag, infer the document date if needed, anchor, weigh each value, return the layer."""
        given = document.published.value or ctx.settings.published
        cands, published, anchoring = resolve_text(document.text, document.sentences, ctx.nlp_doc, given, date_model)
        apply_confidence(cands, anchor_model, anchoring)
        out: dict[str, Any] = {"timexes": to_records(cands)}
        if published is not None:
            out["published"] = published
        return out

    return analyze
