"""Cross-document coreference data in the ECB+ / GVC CoNLL layout, and the CoNLL scorers.

A folder holds ``dataset.conll`` (``#begin document (KEY); part 0`` headers, then one token a
line: ``KEY<TAB>sentence<TAB>token<TAB>word<TAB>cluster tags``, the key being
``topic/subtopic/document``) and ``event_mentions.json`` (one object per gold mention:
``conll_doc_key``, ``sent_id``, ``tokens_number``, ``coref_chain``, …).  Documents are rebuilt
as text (one sentence per paragraph; a token repeated with the same sentence and token number is
read once; ``//n`` line marks are dropped); a first sentence that is a lone ISO date is the
document's publication date (GVC), not text.  Every token keeps its character span, so a gold
mention becomes a span of the rebuilt text.

Scorers (the definitions of the reference CoNLL-2012 scorer, gold mentions = system mentions):
MUC (Vilain et al. 1995), B³ (Bagga & Baldwin 1998), CEAF-e (Luo 2005, entity similarity φ4,
optimal alignment by ``scipy.optimize.linear_sum_assignment``); CoNLL F1 is their mean F1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import DatasetError

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'") | {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s"}
NO_SPACE_AFTER = frozenset("([{$#")


@dataclass(frozen=True, slots=True)
class CorefDocument:
    """One rebuilt document: its key, topic and subtopic, text, date, and the span of every token."""

    key: str
    topic: str
    subtopic: str
    text: str
    published: str | None
    tokens: Mapping[tuple[int, int], tuple[int, int]]
    sentences: Mapping[int, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold event mention: its document, exact span of the rebuilt text, sentence, and cluster."""

    id: str
    document: str
    start: int
    end: int
    text: str
    sentence: int
    cluster: str


@dataclass(frozen=True, slots=True)
class CorefData:
    """A dataset folder read: documents by key and gold event mentions."""

    documents: dict[str, CorefDocument]
    mentions: list[GoldMention]


def read_folder(folder: Path) -> CorefData:
    """Read ``dataset.conll`` and ``event_mentions.json`` from a folder (DatasetError when malformed)."""
    conll, mentions = folder / "dataset.conll", folder / "event_mentions.json"
    for path in (conll, mentions):
        if not path.is_file():
            raise DatasetError(f"{folder}: expected {path.name} (ECB+/GVC CoNLL layout)")
    documents = read_conll(conll)
    try:
        raw = json.loads(mentions.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{mentions}: not readable JSON ({exc})") from exc
    if not isinstance(raw, list):
        raise DatasetError(f"{mentions}: expected a JSON list of mentions")
    return CorefData(documents, [gold_mention(m, documents, i) for i, m in enumerate(raw)])


def read_conll(path: Path) -> dict[str, CorefDocument]:
    """The documents of a CoNLL file, rebuilt as text with token spans."""
    rows: dict[str, dict[tuple[int, int], str]] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                raise DatasetError(f"{path}:{number}: expected KEY, sentence, token, word columns")
            try:
                pos = (int(cols[1]), int(cols[2]))
            except ValueError as exc:
                raise DatasetError(f"{path}:{number}: sentence and token numbers must be integers") from exc
            rows.setdefault(cols[0], {}).setdefault(pos, cols[3])
    if not rows:
        raise DatasetError(f"{path}: no tokens found")
    return {key: rebuild(key, tokens) for key, tokens in rows.items()}


def rebuild(key: str, tokens: Mapping[tuple[int, int], str]) -> CorefDocument:
    """Text of one document: sentences as paragraphs, light detokenisation, spans of every token."""
    parts = key.split("/")
    topic, subtopic = (parts[0], parts[1]) if len(parts) >= 3 else (parts[0], parts[0])
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for (sent, tok), word in sorted(tokens.items()):
        by_sentence.setdefault(sent, []).append((tok, word))
    published = None
    first = min(by_sentence)
    if len(by_sentence[first]) == 1 and ISO_DATE.match(by_sentence[first][0][1]):
        published = by_sentence.pop(first)[0][1]
    text = ""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    for sent, words in by_sentence.items():
        start = len(text) + (2 if text else 0)
        text += "\n\n" if text else ""
        text = _append_sentence(text, sent, words, spans)
        sentences[sent] = (start, len(text))
    return CorefDocument(key, topic, subtopic, text, published, spans, sentences)


def _append_sentence(text: str, sent: int, words: Sequence[tuple[int, str]],
                     spans: dict[tuple[int, int], tuple[int, int]]) -> str:
    """Append one sentence's words (recording their spans); ``//n`` marks are dropped."""
    line_start = len(text)
    prev = ""
    for tok, word in words:
        if word == "//n":
            continue
        if len(text) > line_start and word not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            text += " "
        spans[(sent, tok)] = (len(text), len(text) + len(word))
        text += word
        prev = word
    return text


def gold_mention(raw: Mapping[str, Any], documents: Mapping[str, CorefDocument], index: int) -> GoldMention:
    """One mention of ``event_mentions.json`` as a span of its rebuilt document."""
    try:
        key, sent, toks, chain = raw["conll_doc_key"], int(raw["sent_id"]), raw["tokens_number"], raw["coref_chain"]
    except (KeyError, TypeError, ValueError) as exc:
        raise DatasetError(f"event mention {index}: missing conll_doc_key, sent_id, tokens_number or coref_chain") from exc
    doc = documents.get(key)
    found = [doc.tokens[(sent, int(t))] for t in toks if (sent, int(t)) in doc.tokens] if doc else []
    if doc is None or not found:
        raise DatasetError(f"event mention {index}: tokens {toks} of sentence {sent} not in document {key}")
    start, end = min(s for s, _ in found), max(e for _, e in found)
    return GoldMention(str(index), key, start, end, doc.text[start:end], sent, str(chain))


# --- scorers ---------------------------------------------------------------------------------

Clusters = Sequence[frozenset[Any]]


def clusters_of(assignment: Mapping[Any, Hashable]) -> list[frozenset[Any]]:
    """Item → cluster label, as a list of clusters."""
    out: dict[Hashable, set[Any]] = {}
    for item, label in assignment.items():
        out.setdefault(label, set()).add(item)
    return [frozenset(c) for c in out.values()]


def _f1(p: float, r: float) -> float:
    """Harmonic mean (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC recall, precision and F1 (links; singletons carry none)."""
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, ("alone", m)) for m in c}) for c in a)
        den = sum(len(c) - 1 for c in a)
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return r, p, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B³ recall, precision and F1, averaged over mentions."""
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: c for c in b for m in c}
        total = sum(len(c & where.get(m, frozenset())) / len(c) for c in a for m in c)
        n = sum(len(c) for c in a)
        return total / n if n else 0.0

    r, p = score(key, response), score(response, key)
    return r, p, _f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """CEAF-e recall, precision and F1 (φ4 entity similarity, optimal one-to-one alignment)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    where = {m: j for j, c in enumerate(response) for m in c}
    for i, c in enumerate(key):
        for j in {where[m] for m in c if m in where}:
            sim[i, j] = 2 * len(c & response[j]) / (len(c) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    r, p = total / len(key), total / len(response)
    return r, p, _f1(p, r)


def conll(key: Clusters, response: Clusters) -> dict[str, float]:
    """MUC, B³, CEAF-e (recall, precision, F1 each) and CoNLL F1, their mean F1."""
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        r, p, f = fn(key, response)
        out.update({f"{name}_recall": r, f"{name}_precision": p, f"{name}_f1": f})
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def split_topics(topics: Iterable[str], every: int = 4, offset: int = 0) -> tuple[set[str], set[str]]:
    """Topics in (tune, held out): every ``every``-th topic in sorted order (from ``offset``) is held out."""
    ordered = sorted(set(topics), key=lambda t: (len(t), t))
    held = {t for i, t in enumerate(ordered) if i % every == offset % every}
    return set(ordered) - held, held
