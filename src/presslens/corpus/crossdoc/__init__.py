"""Across documents: syndicated copies (independent sources), stories, canonical entities, linked events.

The layer works over a corpus store and keeps its results in the store's ``xdoc_*`` tables
(schema version 4), rebuilt as a whole when the corpus changed::

    from presslens.corpus.crossdoc import refresh, sources, syndication_groups

    refresh(store)                 # rebuild if documents or analyses changed since the last build
    sources(store)                 # {document id: syndication group id}: one group = one source
    syndication_groups(store, min_size=2)   # groups of copies, representative first

Each step is a module with pure functions that the eval commands call on their own data:
:mod:`.syndication` (MinHash/LSH copies), :mod:`.differences` (what a copy changed).
"""

from __future__ import annotations

from presslens.corpus.crossdoc import tables
from presslens.corpus.crossdoc.build import BuildReport, is_current, refresh
from presslens.corpus.crossdoc.differences import Differences, compare
from presslens.corpus.crossdoc.syndication import Group, Member
from presslens.store.base import Store

__all__ = ["BuildReport", "Differences", "Group", "Member", "differences", "is_current", "refresh", "sources",
           "syndication_groups"]


def sources(store: Store) -> dict[str, str]:
    """Document id → the id of its syndication group (copies of one text are one source)."""
    refresh(store)
    return tables.source_map(store)


def syndication_groups(store: Store, *, min_size: int = 2) -> list[Group]:
    """The syndication groups with at least ``min_size`` documents, largest first."""
    refresh(store)
    groups = [g for g in tables.read_groups(store) if len(g.members) >= min_size]
    return sorted(groups, key=lambda g: (-len(g.members), g.id))


def differences(store: Store, group: Group) -> list[Differences]:
    """What each copy of a group changed against the representative (paragraphs as references)."""
    rep = group.representative
    titles = {doc_id: title for doc_id, title, _, _ in tables.documents_meta_of(store, group.documents)}
    texts = dict(tables.texts(store, list(group.documents)))
    return [compare(rep, texts[rep], m.document, texts[m.document], rep_title=titles.get(rep),
                    title=titles.get(m.document)) for m in group.members if not m.representative]
