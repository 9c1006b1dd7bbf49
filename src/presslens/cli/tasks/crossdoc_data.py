"""The shared steps of the cross-document evals: read a CoNLL folder, analyse, profile, group, link.

Glue between :mod:`presslens.eval.coref` (reader, scorers) and :mod:`presslens.corpus.crossdoc`
(the corpus layer's algorithms); it lives with the CLI because both sides rank below it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.corpus.crossdoc import entities, events, stories
from presslens.corpus.crossdoc.lemmas import SpanInSentence, head_lemmas
from presslens.corpus.crossdoc.pairs import Weights, candidates, features
from presslens.corpus.crossdoc.profile import Profile, content_words, profile, prune
from presslens.errors import DatasetError
from presslens.eval.coref import (
    CorefData,
    b_cubed,
    clusters_of,
    conll,
    gold_mention,
    read_folder,
    split_topics,
)
from presslens.model.analysis import Analysis


@dataclass
class Prepared:
    """A dataset split, analysed: documents by key, their profiles, and the stories found."""

    data: CorefData
    keys: list[str]
    topics: set[str]
    analyses: dict[str, Analysis]
    profiles: list[Profile]
    story: dict[str, str]

    def label(self, key: str) -> str:
        """The gold story of a document: its topic and subtopic."""
        doc = self.data.documents[key]
        return f"{doc.topic}/{doc.subtopic}"


def _grouping(data: CorefData) -> dict[str, str]:
    """Document → the unit held out: its topic, or its subtopic when the folder has one topic (GVC)."""
    topics = {d.topic for d in data.documents.values()}
    return {k: (d.subtopic if len(topics) == 1 else d.topic) for k, d in data.documents.items()}


SPLITS = ("all", "tune", "heldout")


def load(folder: Path, split: str, workers: int = 1) -> Prepared:
    """Read, select the split, analyse every document, profile it and group stories."""
    return load_parts(folder, (split,), workers)[split]


def load_parts(folder: Path, splits: Sequence[str], workers: int = 1) -> dict[str, Prepared]:
    """Several splits of one folder from one analysis pass; each split's stories are grouped on its own."""
    for split in splits:
        if split not in SPLITS:
            raise DatasetError(f"--split {split}: use all, tune, heldout or both")
    data = read_folder(folder)
    unit = _grouping(data)
    tune, held = split_topics(unit.values())
    chosen = {"all": tune | held, "tune": tune, "heldout": held}
    wanted = sorted(k for k in data.documents if any(unit[k] in chosen[s] for s in splits))
    analyses = analyse(data, wanted, workers)
    return {s: prepare(data, sorted(k for k in wanted if unit[k] in chosen[s]), chosen[s], analyses) for s in splits}


def prepare(data: CorefData, keys: list[str], topics: set[str], analyses: Mapping[str, Analysis]) -> Prepared:
    """Profile the chosen documents (word frequencies over them only) and group their stories."""
    df: Counter[str] = Counter()
    for k in keys:
        df.update(set(content_words(analyses[k].document.text)))
    profiles = [prune(profile(analyses[k], id=k), df, len(keys)) for k in keys]
    found = stories.group(profiles)
    return Prepared(data, keys, topics, {k: analyses[k] for k in keys}, profiles, stories.story_of(found))


def analyse(data: CorefData, keys: list[str], workers: int) -> dict[str, Analysis]:
    """Analyse the rebuilt documents (text kept as given, any language) with a progress bar."""
    from rich.progress import Progress

    from presslens.api import analyze_items
    from presslens.model.failure import Failure
    from presslens.settings import Settings

    settings = Settings(keep_text=True, require_english=False)
    records = [{"id": k, "text": data.documents[k].text, "published": data.documents[k].published} for k in keys]
    records = [{k: v for k, v in r.items() if v is not None} for r in records]
    out: dict[str, Analysis] = {}
    with Progress(transient=True) as bar:
        task = bar.add_task("analysing", total=len(records))
        for (source, result), key in zip(analyze_items(records, settings, workers=workers), keys, strict=True):
            if isinstance(result, Failure):
                raise DatasetError(f"{source}: {result.message}")
            out[key] = result
            bar.advance(task)
    return out


def story_scores(prepared: Prepared) -> dict[str, float]:
    """B³ of the stories found against the gold subtopics, over articles."""
    gold = clusters_of({k: prepared.label(k) for k in prepared.keys})
    found = clusters_of({k: prepared.story[k] for k in prepared.keys})
    recall, precision, f1 = b_cubed(gold, found)
    return {"b3_recall": recall, "b3_precision": precision, "b3_f1": f1,
            "stories": float(len(found)), "gold_stories": float(len(gold))}


def event_clusters(prepared: Prepared) -> dict[str, float]:
    """CoNLL scores of the cross-document event links of the split's gold mentions."""
    chosen = set(prepared.keys)
    mentions = [m for m in prepared.data.mentions if m.document in chosen]
    spans = []
    for m in mentions:
        start, end = prepared.data.documents[m.document].sentences[m.sentence]
        spans.append(SpanInSentence(prepared.data.documents[m.document].text[start:end], m.start - start, m.end - start))
    lemmas = head_lemmas(spans)
    linked = events.link([events.Mention(m.id, m.document, m.start, m.end, m.text, lemma, pos, prepared.story[m.document])
                          for m, (lemma, pos) in zip(mentions, lemmas, strict=True)])
    gold = clusters_of({m.id: m.cluster for m in mentions})
    scores = conll(gold, clusters_of(linked))
    scores["mentions"] = float(len(mentions))
    return scores


def pair_rows(prepared: Prepared) -> tuple[Any, Any]:
    """Feature rows and same-story labels of the candidate pairs (for ``train stories``)."""
    weights = Weights(prepared.profiles)
    vectors = [weights.vector(p) for p in prepared.profiles]
    pairs = candidates(prepared.profiles, weights)
    x = np.array([features(prepared.profiles[i], prepared.profiles[j], vectors[i], vectors[j], weights)
                  for i, j in pairs]).reshape(len(pairs), -1)
    y = np.array([prepared.label(prepared.keys[i]) == prepared.label(prepared.keys[j]) for i, j in pairs])
    return x, y


NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def entity_links(prepared: Prepared, folder: Path) -> dict[str, float]:
    """Cross-document entity links on the gold named mentions of ``entity_mentions.json`` (ECB+).

    Each gold mention whose named-entity tag is a name (:data:`NAMED`) is matched to the
    analysis entity with a mention over its head token (coverage = the share matched).  Over
    the pairs of matched mentions in two different documents: precision and recall of "same
    canonical entity" against "same gold chain"; the baseline links every pair whose entities
    have the same folded name.
    """
    gold = _named_gold(prepared, folder)
    rows = [r for k in prepared.keys for r in entities.rows_of(prepared.analyses[k], k)]
    canonical = entities.entity_of(entities.resolve(entities.occurrences(rows, prepared.story)))
    matched = {m: e for m, (doc, e, _) in gold.items() if e is not None}
    chain = {m: c for m, (_, _, c) in gold.items()}
    doc_of = {m: d for m, (d, _, _) in gold.items()}
    names = {(r.document, r.entity): entities.folded(r.name) for r in rows}
    ours = _pairwise(matched, doc_of, chain, lambda m: canonical[(doc_of[m], matched[m])])
    base = _pairwise(matched, doc_of, chain, lambda m: names[(doc_of[m], matched[m])])
    out = {"coverage": len(matched) / len(gold) if gold else 0.0, "gold_mentions": float(len(gold))}
    out.update({f"pair_{k}": v for k, v in ours.items()})
    out.update({f"same_name_{k}": v for k, v in base.items()})
    return out


def _named_gold(prepared: Prepared, folder: Path) -> dict[str, tuple[str, str | None, str]]:
    """Gold named mention id → (document, the analysis entity over its head token or None, gold chain)."""
    path = folder / "entity_mentions.json"
    if not path.is_file():
        raise DatasetError(f"{folder}: expected entity_mentions.json (ECB+ layout)")
    chosen = set(prepared.keys)
    out: dict[str, tuple[str, str | None, str]] = {}
    for i, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        if raw.get("mention_ner") not in NAMED or raw.get("conll_doc_key") not in chosen:
            continue
        m = gold_mention(raw, prepared.data.documents, i)
        doc = prepared.data.documents[m.document]
        head = doc.tokens.get((m.sentence, int(raw.get("mention_head_id", -1))), (m.start, m.end))
        out[m.id] = (m.document, _entity_over(prepared.analyses[m.document], doc.text, head), m.cluster)
    return out


def _entity_over(analysis: Analysis, text: str, span: tuple[int, int]) -> str | None:
    """The entity of the analysis with a mention covering ``span`` (None if the texts differ or none does)."""
    if analysis.document.text != text:
        return None
    for ent in analysis.entities:
        if any(s.start <= span[0] and span[1] <= s.end for s in ent.mentions):
            return ent.id
    return None


def _pairwise(items: Mapping[str, str], doc_of: Mapping[str, str], gold: Mapping[str, str],
              key: Callable[[str], str]) -> dict[str, float]:
    """Precision, recall and F1 of cross-document pairs linked by equal ``key`` against equal ``gold``."""
    by_key: Counter[tuple[str, ...]] = Counter()
    by_gold: Counter[tuple[str, ...]] = Counter()
    both: Counter[tuple[str, ...]] = Counter()
    for m in items:
        by_key[(key(m), doc_of[m])] += 1
        by_gold[(gold[m], doc_of[m])] += 1
        both[(key(m), gold[m], doc_of[m])] += 1
    predicted, true, correct = (_cross(c) for c in (by_key, by_gold, both))
    precision = correct / predicted if predicted else 0.0
    recall = correct / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _cross(counts: Mapping[tuple[str, ...], int]) -> int:
    """Pairs of items in different documents among items sharing a group (key minus its last field, the document)."""
    total: Counter[tuple[str, ...]] = Counter()
    square: Counter[tuple[str, ...]] = Counter()
    for k, n in counts.items():
        total[k[:-1]] += n
        square[k[:-1]] += n * n
    return sum((total[g] ** 2 - square[g]) // 2 for g in total)
