"""Average-linkage clustering over a sparse graph of pair probabilities.

Two clusters merge while the mean probability over all their cross pairs (a pair with no edge
counts as 0) stays above the threshold, best pair first.  Only pairs joined by an edge are ever
compared, and each merge folds the smaller neighbour table into the larger, so the cost grows
with the number of edges (times a log), not with the square of the items.  scipy's
``linkage`` needs the full distance matrix, which is what a corpus of 100,000 documents cannot
afford; this is the sparse variant, hand-written for that reason.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping


def average_linkage(items: Iterable[str], edges: Mapping[tuple[str, str], float], threshold: float
                    ) -> list[list[str]]:
    """Clusters of ``items`` (each sorted, clusters in order of their first item)."""
    members: dict[str, list[str]] = {i: [i] for i in items}
    links: dict[str, dict[str, float]] = {i: {} for i in members}
    for (a, b), p in edges.items():
        if a != b and a in links and b in links:
            links[a][b] = links[a].get(b, 0.0) + p
            links[b][a] = links[b].get(a, 0.0) + p
    heap = [(-s, a, b) for a, nb in links.items() for b, s in nb.items() if a < b and s > threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        avg = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if avg <= threshold:
            continue
        if abs(-neg - avg) > 1e-12:  # stale entry: push back with its current score
            heapq.heappush(heap, (-avg, a, b))
            continue
        keep = _merge(members, links, a, b)
        for other, s in links[keep].items():
            score = s / (len(members[keep]) * len(members[other]))
            if score > threshold:
                heapq.heappush(heap, (-score, min(keep, other), max(keep, other)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _merge(members: dict[str, list[str]], links: dict[str, dict[str, float]], a: str, b: str) -> str:
    """Fold the smaller of clusters ``a`` and ``b`` into the larger; return the one kept."""
    keep, gone = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
    members[keep].extend(members.pop(gone))
    for other, s in links.pop(gone).items():
        if other == keep:
            continue
        links[keep][other] = links[keep].get(other, 0.0) + s
        table = links[other]
        table[keep] = table.get(keep, 0.0) + table.pop(gone, 0.0)
    links[keep].pop(gone, None)
    return keep
