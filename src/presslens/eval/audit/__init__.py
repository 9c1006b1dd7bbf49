"""The hand-labelled audit set: load label groups, analyse each article once, score, sum.

Label files live in ``labels/<group>/<dataset>__<stem>.json`` (offsets and labels only, never
article text; format in ``labels/<group>/README.md``).  A *group* is scored by the module
``presslens.eval.audit.<group>`` which exposes ``LAYERS`` and ``score(layer, gold, analysis,
text) -> dict[str, int]`` (counts with at least ``predicted``, ``correct``, ``gold``,
``found``) and may declare ``ANALYZERS``, the pipeline layers it needs.  A group with labels
but no module (or a module but no labels) is skipped, so each group works on its own.

Each article is read from the dataset folder (default ``../shared/data``) with
``keep_text=True`` (the offsets index the decoded file byte-for-byte), its SHA-256 is checked
against the label file, and presslens runs once per article - without the true publication
date unless ``published_from_labels`` is set, as a user would run it.  Counts are summed per
group, layer and split; :func:`summarise` adds precision = correct / predicted with a 95%
Wilson interval and coverage = found / gold.

Hand-written: the label format and the protocol are this project's own.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from presslens.errors import DatasetError

SPLITS: tuple[str, ...] = ("dev", "heldout")
MAX_COPIED_CHARS = 20
"""No string value of a label file may be a substring of its article longer than this."""


def labels_root() -> Path:
    """The folder holding one sub-folder of label files per group."""
    return Path(str(resources.files("presslens.eval.audit").joinpath("labels")))


@dataclass(frozen=True, slots=True)
class Group:
    """A label group: its name, scorer module and label files by article path."""

    name: str
    module: ModuleType
    labels: dict[str, dict[str, Any]]

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers this group's module scores."""
        return tuple(self.module.LAYERS)


def load_groups(root: Path | None = None, names: Iterable[str] | None = None) -> list[Group]:
    """Every group that has both label files and a scorer module (optionally only ``names``)."""
    root = root or labels_root()
    wanted = set(names) if names is not None else None
    groups = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if wanted is not None and folder.name not in wanted:
            continue
        module = _scorer_module(folder.name)
        labels = read_labels(folder)
        if module is not None and labels:
            groups.append(Group(folder.name, module, labels))
    return groups


def _scorer_module(name: str) -> ModuleType | None:
    """``presslens.eval.audit.<name>`` when it exists and follows the protocol, else None."""
    try:
        module = importlib.import_module(f"presslens.eval.audit.{name}")
    except ModuleNotFoundError:
        return None
    return module if hasattr(module, "LAYERS") and hasattr(module, "score") else None


def read_labels(folder: Path) -> dict[str, dict[str, Any]]:
    """Label files of one group folder, keyed by article path (relative to the data folder)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DatasetError(f"{path}: unreadable label file ({exc})") from exc
        if not isinstance(data, dict) or "article" not in data or data.get("split") not in SPLITS:
            raise DatasetError(f"{path}: a label file needs 'article' and 'split' (dev or heldout)")
        out[data["article"]] = data
    return out


def label_problems(label: dict[str, Any], text: str) -> list[str]:
    """Why a label file is unusable for ``text``: bad spans or copied article text (empty = fine)."""
    problems = []
    for start, end in iter_spans(label):
        if not 0 <= start < end <= len(text):
            problems.append(f"span [{start}, {end}] is empty or outside the text ({len(text)} chars)")
    for value in iter_strings(label):
        if len(value) > MAX_COPIED_CHARS and _copied(value, text):
            problems.append(f"a string value repeats more than {MAX_COPIED_CHARS} characters of the article")
    return problems


def _copied(value: str, text: str) -> bool:
    """True when some window of ``value`` longer than the limit occurs in ``text``."""
    size = MAX_COPIED_CHARS + 1
    return any(value[i : i + size] in text for i in range(len(value) - size + 1))


def iter_spans(node: Any) -> Iterator[tuple[int, int]]:
    """Every ``[start, end]`` pair of integers anywhere in a label structure."""
    if isinstance(node, list) and len(node) == 2 and all(type(x) is int for x in node):
        yield node[0], node[1]
    elif isinstance(node, list):
        for item in node:
            yield from iter_spans(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from iter_spans(value)


def iter_strings(node: Any) -> Iterator[str]:
    """Every string value (not key) anywhere in a label structure."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from iter_strings(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from iter_strings(value)


@dataclass(slots=True)
class Tally:
    """Summed counts per (group, layer, split)."""

    counts: dict[tuple[str, str, str], dict[str, int]] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)

    def add(self, group: str, layer: str, split: str, counts: dict[str, int]) -> None:
        """Add one article's counts."""
        bucket = self.counts.setdefault((group, layer, split), {})
        for key, value in counts.items():
            bucket[key] = bucket.get(key, 0) + int(value)


def select_articles(groups: list[Group], split: str) -> list[tuple[str, str]]:
    """Sorted ``(article path, split)`` pairs labelled by any group, for ``dev|heldout|all``."""
    if split not in (*SPLITS, "all"):
        raise DatasetError(f"unknown split {split!r}: use dev, heldout or all")
    found: dict[str, str] = {}
    for group in groups:
        for article, label in group.labels.items():
            if found.setdefault(article, label["split"]) != label["split"]:
                raise DatasetError(f"{article}: groups disagree on its split")
    return sorted((a, s) for a, s in found.items() if split in ("all", s))


def read_article(data_dir: Path, article: str, labels: Iterable[dict[str, Any]]) -> bytes:
    """The raw bytes of an article, checked against every label file's SHA-256."""
    path = data_dir / article
    if not path.is_file():
        raise DatasetError(f"{path}: audit article not found (pass --data DIR, the folder holding bbc/ and polnear/)")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    for label in labels:
        if label.get("sha256") != digest:
            raise DatasetError(f"{path}: the file differs from the one labelled (SHA-256 mismatch)")
    return raw


def run(
    data_dir: Path,
    split: str = "dev",
    layers: Iterable[str] | None = None,
    *,
    published_from_labels: bool = False,
    groups: list[Group] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Tally:
    """Analyse every selected article once and sum each group's counts per layer and split."""
    groups = load_groups() if groups is None else groups
    if not groups:
        raise DatasetError("no audit label group has both label files and a scorer module")
    chosen = _chosen_layers(groups, layers)
    tally = Tally()
    for article, art_split in select_articles(groups, split):
        mine = [g for g in groups if article in g.labels]
        raw = read_article(data_dir, article, (g.labels[article] for g in mine))
        analysis, text = _analyse(data_dir / article, raw, mine, article, published_from_labels)
        tally.articles[art_split] = tally.articles.get(art_split, 0) + 1
        for group in mine:
            for layer in chosen.get(group.name, ()):
                tally.add(group.name, layer, art_split, group.module.score(layer, group.labels[article], analysis, text))
        if progress is not None:
            progress(article)
    return tally


def _chosen_layers(groups: list[Group], layers: Iterable[str] | None) -> dict[str, tuple[str, ...]]:
    """Layers to score per group; names may be bare (``quotes``) or qualified (``who.quotes``)."""
    if layers is None:
        return {g.name: g.layers for g in groups}
    wanted = {name.strip() for name in layers if name.strip()}
    out = {g.name: tuple(x for x in g.layers if x in wanted or f"{g.name}.{x}" in wanted) for g in groups}
    known = {x for g in groups for x in g.layers} | {f"{g.name}.{x}" for g in groups for x in g.layers}
    unknown = sorted(wanted - known)
    if unknown:
        raise DatasetError(f"unknown audit layer(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return out


def _analyse(path: Path, raw: bytes, groups: list[Group], article: str, published_from_labels: bool) -> tuple[Any, str]:
    """Run presslens on the article's bytes as a user would (or with the labelled date)."""
    import presslens
    from presslens.ingest import ingest_bytes
    from presslens.settings import DEFAULT_LAYERS, Settings

    needed: set[str] = set()
    for group in groups:
        needed.update(getattr(group.module, "ANALYZERS", DEFAULT_LAYERS))
    published = _labelled_date(groups, article) if published_from_labels else None
    settings = Settings(keep_text=True, published=published, require_english=False,
                        layers=tuple(x for x in DEFAULT_LAYERS if x in needed))
    document = ingest_bytes(raw, source=str(path), settings=settings)
    return presslens.analyze_document(document, settings), document.text


def _labelled_date(groups: list[Group], article: str) -> str | None:
    """The true publication date any group's label file states for this article."""
    for group in groups:
        value = group.labels[article].get("published")
        if isinstance(value, str):
            return value
    return None


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion (None when there are no trials)."""
    if trials <= 0:
        return None
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def summarise(tally: Tally, split: str) -> dict[str, Any]:
    """Per ``group.layer`` (and per split when ``split`` is all): counts, precision, coverage."""
    splits = (*SPLITS, "all") if split == "all" else (split,)
    layers: dict[str, Any] = {}
    for group, layer in sorted({(g, la) for g, la, _ in tally.counts}):
        for name in splits:
            counts = _merged(tally, group, layer, SPLITS if name == "all" else (name,))
            if counts:
                key = f"{group}.{layer}" if len(splits) == 1 else f"{group}.{layer}.{name}"
                layers[key] = with_rates(counts)
    articles = {s: n for s, n in tally.articles.items() if s in splits}
    return {"split": split, "articles": sum(articles.values()), "articles_by_split": articles, "layers": layers}


def _merged(tally: Tally, group: str, layer: str, splits: Iterable[str]) -> dict[str, int]:
    """Counts of one group layer summed over some splits."""
    out: dict[str, int] = {}
    for name in splits:
        for key, value in tally.counts.get((group, layer, name), {}).items():
            out[key] = out.get(key, 0) + value
    return out


def with_rates(counts: dict[str, int]) -> dict[str, Any]:
    """Counts plus precision (with its 95% Wilson interval) and coverage; None when undefined."""
    predicted, gold = counts.get("predicted", 0), counts.get("gold", 0)
    interval = wilson(counts.get("correct", 0), predicted)
    return {
        **counts,
        "precision": round(counts.get("correct", 0) / predicted, 4) if predicted else None,
        "precision_ci95": [round(x, 4) for x in interval] if interval else None,
        "coverage": round(counts.get("found", 0) / gold, 4) if gold else None,
    }
