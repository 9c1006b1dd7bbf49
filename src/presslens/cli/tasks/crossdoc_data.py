"""The shared steps of the cross-document evals: read a CoNLL folder, analyse, profile, group, link.

Glue between :mod:`presslens.eval.coref` (reader, scorers) and :mod:`presslens.corpus.crossdoc`
(the corpus layer's algorithms); it lives with the CLI because both sides rank below it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.corpus.crossdoc import events, stories
from presslens.corpus.crossdoc.lemmas import SpanInSentence, head_lemmas
from presslens.corpus.crossdoc.pairs import Weights, candidates, features
from presslens.corpus.crossdoc.profile import Profile, content_words, profile, prune
from presslens.errors import DatasetError
from presslens.eval.coref import CorefData, b_cubed, clusters_of, conll, read_folder, split_topics
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


def load(folder: Path, split: str, workers: int = 1) -> Prepared:
    """Read, select the split, analyse every document, profile it and group stories."""
    if split not in ("all", "tune", "heldout"):
        raise DatasetError(f"--split {split}: use all, tune or heldout")
    data = read_folder(folder)
    unit = _grouping(data)
    tune, held = split_topics(unit.values())
    chosen = {"all": tune | held, "tune": tune, "heldout": held}[split]
    keys = sorted(k for k in data.documents if unit[k] in chosen)
    analyses = analyse(data, keys, workers)
    df: Counter[str] = Counter()
    for k in keys:
        df.update(set(content_words(analyses[k].document.text)))
    profiles = [prune(profile(analyses[k], id=k), df, len(keys)) for k in keys]
    found = stories.group(profiles)
    return Prepared(data, keys, chosen, analyses, profiles, stories.story_of(found))


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
