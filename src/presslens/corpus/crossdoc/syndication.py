"""Syndication: near-duplicate articles (one wire copy reprinted) grouped, each group one source.

A wire story reprinted with a new headline, a paragraph cut, paragraphs moved, a local intro added
or typos fixed keeps most of its word 5-grams ("shingles").  Each document gets a MinHash signature
of its shingle set (``datasketch.MinHash``, :data:`NUM_PERM` permutations, fixed seed, so a
signature computed once can be stored and reused); ``datasketch.MinHashLSH`` proposes the pairs
whose Jaccard similarity may reach :data:`LSH_THRESHOLD`.  A proposed pair is first screened on
the signatures (estimated Jaccard and containment), then decided on the exact shingle sets
(:func:`same_copy`): the same copy when the Jaccard similarity reaches :data:`JACCARD`, or when
one text holds at least :data:`CONTAINMENT` of the other's shingles while keeping at least
:data:`MIN_SHARE` of its size (a cut copy, or a copy with a local paragraph added).  Groups are the
connected components of the accepted pairs.

Cost: one signature per document (the store caches it), one LSH query per document, exact sets
only for screened candidates: it grows with the number of documents, not with their pairs.

Each group has a representative (earliest published, then longest, then smallest id) and every
other member is described against it (:mod:`presslens.corpus.crossdoc.differences`).  The
thresholds were set on BBC articles with invented edits (business, entertainment, politics) and
measured on the held-out sport and tech ones (``presslens eval syndication``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens.corpus.crossdoc.text import containment, jaccard, paragraphs, shingles, words

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
LSH_THRESHOLD = 0.2
SCREEN = 0.25  # estimated Jaccard or containment below this: not even checked exactly
JACCARD = 0.5
CONTAINMENT = 0.8
CONTAINMENT_TYPOS = 0.5
COVERAGE = 0.8
NEARLY = 85.0  # rapidfuzz ratio of two paragraphs that differ by a few typos
MIN_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Copy:
    """One document as syndication sees it: id, text and what orders a group."""

    id: str
    text: str = ""
    title: str | None = None
    published: str | None = None
    length: int = 0  # characters, when the text is not carried


@dataclass(frozen=True, slots=True)
class Member:
    """A document of a group with its similarity to the representative (1.0 for itself)."""

    document: str
    jaccard: float
    containment: float
    representative: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Copies of one text: one independent source.  ``id`` is the representative's document id."""

    id: str
    members: tuple[Member, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """Member document ids, the representative first."""
        return tuple(m.document for m in self.members)

    @property
    def representative(self) -> str:
        """The document the others are compared with."""
        return self.members[0].document

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"id": self.id, "representative": self.representative,
                "members": [{"document": m.document, "jaccard": round(m.jaccard, 4),
                             "containment": round(m.containment, 4), "representative": m.representative}
                            for m in self.members]}


def fingerprint(text: str) -> tuple[np.ndarray, int]:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a text's shingle set, and the set's size."""
    from datasketch import MinHash

    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(grams)])
    return np.asarray(minhash.hashvalues, dtype=np.uint32), len(grams)


def signature_bytes(sig: np.ndarray) -> bytes:
    """A signature as stored (little-endian uint32)."""
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    """A stored signature back as an array."""
    return np.frombuffer(bytes(blob), dtype="<u4").astype(np.uint32)


@dataclass(frozen=True, slots=True)
class Shingled:
    """A text's shingle set and its paragraphs (comparison form, word count)."""

    shingles: frozenset[str]
    paragraphs: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, text: str) -> Shingled:
        """Shingles and paragraphs of a text."""
        paras = tuple((" ".join(w), len(w)) for s, e in paragraphs(text) if (w := words(text[s:e])))
        return cls(frozenset(shingles(text)), paras)


def same_copy(a: Shingled, b: Shingled) -> tuple[bool, float, float]:
    """Whether two texts are copies of one text, with their Jaccard and containment.

    Copies: Jaccard ≥ :data:`JACCARD`; or the smaller (keeping ≥ :data:`MIN_SHARE` of the
    larger's size) has ≥ :data:`CONTAINMENT` of its shingles in the larger; or, when typos
    broke shingles, ≥ :data:`COVERAGE` of its words lie in paragraphs nearly identical to one of
    the larger's (and ≥ :data:`CONTAINMENT_TYPOS` of its shingles are shared).
    """
    sa, sb = set(a.shingles), set(b.shingles)
    jac, con = jaccard(sa, sb), containment(sa, sb)
    share = min(len(sa), len(sb)) / max(len(sa), len(sb), 1)
    if jac >= JACCARD or (con >= CONTAINMENT and share >= MIN_SHARE):
        return True, jac, con
    if con < CONTAINMENT_TYPOS or share < MIN_SHARE:
        return False, jac, con
    small, large = (a, b) if len(sa) <= len(sb) else (b, a)
    return coverage(small, large) >= COVERAGE, jac, con


def coverage(small: Shingled, large: Shingled) -> float:
    """Share of ``small``'s words in paragraphs nearly identical to one of ``large``'s."""
    from rapidfuzz import fuzz, process

    if not small.paragraphs or not large.paragraphs:
        return 0.0
    scores = process.cdist([p for p, _ in small.paragraphs], [p for p, _ in large.paragraphs],
                           scorer=fuzz.ratio, score_cutoff=NEARLY)
    matched = sum(n for (_, n), row in zip(small.paragraphs, scores, strict=True) if row.max() > 0)
    return matched / max(sum(n for _, n in small.paragraphs), 1)


def candidate_pairs(signatures: Mapping[str, np.ndarray], sizes: Mapping[str, int]) -> list[tuple[str, str]]:
    """Pairs of documents worth an exact check: LSH collisions that pass the signature screen."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {k: LeanMinHash(seed=SEED, hashvalues=v, scheme=SCHEME) for k, v in signatures.items()}
    pairs: list[tuple[str, str]] = []
    for key in sorted(hashes):
        for other in lsh.query(hashes[key]):
            if _screen(signatures[key], signatures[other], sizes.get(key, 1), sizes.get(other, 1)):
                pairs.append((other, key))
        lsh.insert(key, hashes[key])
    return pairs


def _screen(a: np.ndarray, b: np.ndarray, size_a: int, size_b: int) -> bool:
    """Estimated Jaccard or containment (from the signatures and set sizes) reaches :data:`SCREEN`."""
    jac = float(np.mean(a == b))
    con = jac * (size_a + size_b) / ((1 + jac) * max(min(size_a, size_b), 1))
    return jac >= SCREEN or con >= SCREEN


def group(copies: Sequence[Copy], fingerprints: Mapping[str, tuple[np.ndarray, int]] | None = None,
          text_of: Callable[[str], str] | None = None) -> list[Group]:
    """Group copies of one text; every document is in exactly one group (alone if unique).

    ``fingerprints`` (signature, shingle count) are computed for the copies that lack one;
    ``text_of`` loads a text on demand (the store passes copies without text: only documents in
    candidate pairs are read again).
    """
    by_id = {c.id: c for c in copies}
    load = text_of or (lambda key: by_id[key].text)
    prints = dict(fingerprints or {})
    for c in copies:
        if c.id not in prints:
            prints[c.id] = fingerprint(load(c.id))
    sets = _ShingleCache(load)
    parent = {c.id: c.id for c in copies}
    pairs = candidate_pairs({k: prints[k][0] for k in by_id}, {k: prints[k][1] for k in by_id})
    for a, b in pairs:
        if same_copy(sets.get(a), sets.get(b))[0]:
            _union(parent, a, b)
    return _groups(parent, by_id, sets)


class _ShingleCache:
    """Shingle sets computed on first use (only documents in candidate pairs need them)."""

    def __init__(self, load: Callable[[str], str]) -> None:
        """Remember how to read a text."""
        self.load = load
        self.sets: dict[str, Shingled] = {}

    def get(self, key: str) -> Shingled:
        """The shingles and paragraphs of one document."""
        if key not in self.sets:
            self.sets[key] = Shingled.of(self.load(key))
        return self.sets[key]


def _find(parent: dict[str, str], x: str) -> str:
    """Union-find root (with path halving)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    """Join the components of ``a`` and ``b`` (the smaller root id wins: deterministic)."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _groups(parent: dict[str, str], copies: Mapping[str, Copy], sets: _ShingleCache) -> list[Group]:
    """The components as groups, each member measured against its representative."""
    components: dict[str, list[str]] = {}
    for key in sorted(parent):
        components.setdefault(_find(parent, key), []).append(key)
    out = []
    for keys in components.values():
        rep = min(keys, key=lambda k: _rep_order(copies[k]))
        members = [Member(rep, 1.0, 1.0, True)]
        for key in sorted(k for k in keys if k != rep):
            _, jac, con = same_copy(sets.get(rep), sets.get(key))
            members.append(Member(key, jac, con))
        out.append(Group(rep, tuple(members)))
    return sorted(out, key=lambda g: g.id)


def _rep_order(copy: Copy) -> tuple[str, int, str]:
    """Sort key of a representative: earliest published (undated last), longest, smallest id."""
    return (copy.published or "9999", -(copy.length or len(copy.text)), copy.id)


def group_of(groups: Iterable[Group]) -> dict[str, str]:
    """Document id → the id of its group (its independent source)."""
    return {m.document: g.id for g in groups for m in g.members}
