"""A syndication test set built from BBC articles with invented edits, and its pairwise scorer.

Each chosen original (``CATEGORY_NNN.txt``: title on line 1, paragraphs after) gets one to three
copies, each with one to four edits drawn with a fixed seed from those a wire reprint shows:
a new headline, paragraphs cut, paragraphs reordered, one to four typos made or fixed, a dateline or
credit added, the story trimmed to its first two thirds.  Originals that repeat another original's text
are dropped (the BBC folder holds some exact repeats).  Nothing is written to disk: the set is
rebuilt the same way from the folder on each run.

Scoring is pairwise over documents: a predicted same-source pair is right when both come from
one original; precision and recall of those pairs, plus the share of copies put in their
original's group.  Held-out categories are kept apart from the ones the thresholds were set on.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from presslens.errors import DatasetError

TUNE = ("business", "entertainment", "politics")
HELDOUT = ("sport", "tech")
SPELLINGS = (("colour", "color"), ("favour", "favor"), ("organisation", "organization"), ("centre", "center"),
             ("programme", "program"), ("labour", "labor"), ("defence", "defense"), ("analyse", "analyze"),
             ("realise", "realize"), ("travelled", "traveled"), ("licence", "license"), ("cheque", "check"))
AGENCIES = ("Northwire", "Civic Press Service", "Meridian News Agency", "Harbour Wire")
NEAR = 0.5  # originals sharing this much of the smaller shingle set are versions of one story
CITIES = ("LONDON", "MANCHESTER", "GLASGOW", "CARDIFF", "BELFAST", "LEEDS")


@dataclass(frozen=True, slots=True)
class Article:
    """One document of the test set: its id, title, full text and the original it copies."""

    id: str
    title: str
    text: str
    original: str


def read_bbc(folder: Path, categories: Sequence[str]) -> list[tuple[str, str, list[str]]]:
    """``(id, title, paragraphs)`` of the BBC articles of some categories, exact repeats dropped."""
    if not folder.is_dir():
        raise DatasetError(f"{folder}: no such folder (expected the BBC articles, CATEGORY_NNN.txt)")
    seen: set[str] = set()
    out = []
    for path in sorted(folder.glob("*_*.txt")):
        if path.name.split("_")[0] not in categories:
            continue
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        blocks = [ln for ln in lines if ln]
        digest = hashlib.sha256("\n".join(blocks[1:]).encode()).hexdigest()
        if len(blocks) < 4 or digest in seen:
            continue
        seen.add(digest)
        out.append((path.stem, blocks[0], blocks[1:]))
    if not out:
        raise DatasetError(f"{folder}: no BBC articles of {', '.join(categories)} found")
    return _distinct(out)


def _distinct(originals: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """Originals minus those sharing over :data:`NEAR` of their 5-word shingles with an earlier one.

    The BBC folder holds a few versions of one story; kept, they would be syndicated copies the
    gold does not know about.  An inverted index of shingles counts the shared ones per pair.
    """
    index: dict[str, list[int]] = {}
    kept: list[tuple[str, str, list[str]]] = []
    sizes: list[int] = []
    for doc in originals:
        toks = re.findall(r"\w+", " ".join(doc[2]).lower())
        grams = {" ".join(toks[i:i + 5]) for i in range(max(len(toks) - 4, 1))}
        shared: dict[int, int] = {}
        for gram in grams:
            for k in index.get(gram, ()):
                shared[k] = shared.get(k, 0) + 1
        if any(n / max(min(len(grams), sizes[k]), 1) >= NEAR for k, n in shared.items()):
            continue
        for gram in grams:
            index.setdefault(gram, []).append(len(kept))
        kept.append(doc)
        sizes.append(len(grams))
    return kept


def build(folder: Path, categories: Sequence[str], *, limit: int | None = None, seed: int = 14) -> list[Article]:
    """Originals of the categories (at most ``limit``, drawn with ``seed``) and their edited copies."""
    originals = read_bbc(folder, categories)
    rng = random.Random(seed)
    if limit is not None and limit < len(originals):
        originals = sorted(rng.sample(originals, limit))
    out = []
    for doc_id, title, paras in originals:
        out.append(Article(doc_id, title, _join(title, paras), doc_id))
        for k in range(rng.randint(1, 3)):
            new_title, new_paras = _edit(rng, title, list(paras))
            out.append(Article(f"{doc_id}~copy{k + 1}", new_title, _join(new_title, new_paras), doc_id))
    return out


def _join(title: str, paras: Sequence[str]) -> str:
    """An article's text: title line, blank line, paragraphs separated by blank lines."""
    return "\n\n".join([title, *paras]) + "\n"


def _edit(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """One to four distinct edits applied to a copy."""
    edits = rng.sample((_headline, _cut, _reorder, _typos, _credit, _trim), rng.randint(1, 4))
    for edit in edits:
        title, paras = edit(rng, title, paras)
    return title, paras


def _headline(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """A new headline made from the words of one paragraph."""
    source = re.findall(r"[A-Za-z0-9'$%£-]+", rng.choice(paras))[: rng.randint(5, 9)]
    return " ".join(source).capitalize() or f"{title} (updated)", paras


def _cut(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """One or two paragraphs cut (at least three kept)."""
    for _ in range(rng.randint(1, 2)):
        if len(paras) > 3:
            del paras[rng.randrange(1, len(paras))]
    return title, paras


def _reorder(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """Two paragraphs swapped, or one moved elsewhere."""
    i, j = rng.sample(range(len(paras)), 2)
    if rng.random() < 0.5:
        paras[i], paras[j] = paras[j], paras[i]
    else:
        paras.insert(j, paras.pop(i))
    return title, paras


def _typos(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """One to four words changed: letters swapped or doubled, British spellings made American."""
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(paras))
        paras[k] = _one_typo(rng, paras[k])
    return title, paras


def _one_typo(rng: random.Random, para: str) -> str:
    """One spelling change in a paragraph."""
    for uk, us in SPELLINGS:
        if uk in para and rng.random() < 0.5:
            return para.replace(uk, us, 1)
    spots = list(re.finditer(r"[a-z]{5,}", para))
    if not spots:
        return para
    m = rng.choice(spots)
    word, at = m.group(), rng.randrange(1, len(m.group()) - 2)
    changed = word[:at] + word[at + 1] + word[at] + word[at + 2:] if rng.random() < 0.6 else \
        word[:at] + word[at] + word[at:]
    return para[:m.start()] + changed + para[m.end():]


def _credit(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """A dateline before the first paragraph, or a credit line at the end."""
    agency = rng.choice(AGENCIES)
    if rng.random() < 0.5:
        paras[0] = f"{rng.choice(CITIES)} ({agency}) - {paras[0]}"
    else:
        paras.append(f"Additional reporting by {agency}; distributed to subscribers.")
    return title, paras


def _trim(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """The story cut to its first paragraphs (at least two thirds of them, at least three)."""
    keep = max(3, -(-2 * len(paras) // 3) + rng.randint(0, max(len(paras) // 6, 0)))
    return title, paras[:keep]


def score(articles: Iterable[Article], groups: Mapping[str, str]) -> dict[str, float | int]:
    """Pairwise precision and recall of same-source pairs, and the share of copies collapsed."""
    arts = list(articles)
    gold = {(a.id, b.id) for a, b in combinations(sorted(arts, key=lambda x: x.id), 2) if a.original == b.original}
    by_group: dict[str, list[str]] = {}
    for art in arts:
        by_group.setdefault(groups[art.id], []).append(art.id)
    predicted = {tuple(sorted(p)) for ids in by_group.values() for p in combinations(ids, 2)}
    right = len(gold & predicted)
    copies = [a for a in arts if a.id != a.original]
    collapsed = sum(groups[a.id] == groups[a.original] for a in copies)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold) if gold else 1.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "collapsed": collapsed / len(copies) if copies else 1.0, "documents": len(arts),
            "originals": len({a.original for a in arts}), "gold_pairs": len(gold), "predicted_pairs": len(predicted)}
