"""Claims across documents: corroboration, contradiction, and matches with known fact-checks.

For each claim of a document not linked yet, candidates are the other documents' claims found by
BM25 (:mod:`.retrieval`), kept to the claim's story when it has one (else the global top-k), and
re-ranked by the retrieval model (BM25 weights taken from all the corpus' claims, so a small story
pool scores on the scale the model was fitted on): its probability is the chance that the two say the same thing.
The structured fields of both claims then decide the relation:

* **contradicts**: the two speak of one measure (same kind and counted thing or unit) with
  different numbers, or of one event with different full dates; or, when they are the same claim
  (probability at the threshold, or a stated fact alike), they report an event of one PLOVER type
  at another place or by other actors (names compared word-wise: "Renner" is "Tobias Renner");
* **corroborates**: nothing disagrees, and either the probability is at or above the calibrated
  threshold or the two state :data:`AGREEMENTS` facts alike (the same number for one measure, the
  same full date): a paraphrase the tweet-trained model underrates but whose facts coincide;
* **uncertain**: probability between :data:`FLOOR_SHARE` of the threshold and the threshold: kept with its confidence,
  never counted as a source.

Links are stored both ways in ``xdoc_claim_links`` and documents already linked are recorded in
``xdoc_claim_state``: a refresh links only new documents, against the stored documents of their
story (one small index per story; one global index only when the corpus has no stories), each new
claim costing one BM25 query and at most ``DEPTH`` feature rows.
Counts are made at read time over syndication groups (:func:`summary`): copies of one text are
one source.  The retrieval model was calibrated on CheckThat! 2020 T2 (tweet → fact-check), not
on pairs of news claims: its confidence is the best available estimate, not a measured one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from presslens.corpus.crossdoc import retrieval
from presslens.corpus.crossdoc import tables as xtables
from presslens.store.base import Store

FLOOR_SHARE = 0.25  # below this share of the model's threshold a candidate is no link at all
DEPTH = 10
AGREEMENTS = 2  # stated facts two claims share (a measure's number, a full date) that make them one claim
FACTCHECK_KEEP = 3


@dataclass(frozen=True, slots=True)
class Facts:
    """What a claim states that can agree or clash: measures with values, full dates."""

    document: str
    claim_id: str
    start: int
    end: int
    text: str
    measures: tuple[tuple[str, float, float], ...] = ()  # (measure key, low, high)
    dates: tuple[str, ...] = ()
    events: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (PLOVER type, place, actors) of reported events

    @property
    def key(self) -> str:
        """The claim's id across the corpus."""
        return f"{self.document}#{self.claim_id}"

    def span(self) -> dict[str, Any]:
        """The claim as a reference into its document."""
        return {"document": self.document, "claim": self.claim_id, "start": self.start, "end": self.end,
                "text": self.text}


def facts_of(analysis: Any) -> list[Facts]:
    """The :class:`Facts` of every claim of an analysis (quantities and dated timexes inside its span)."""
    text, out = analysis.document.text, []
    for claim in analysis.claims:
        s, e = claim.span.start, claim.span.end
        measures = tuple((_measure(q), float(q.value), float(q.value_max if q.value_max is not None else q.value))
                         for q in analysis.quantities if s <= q.span.start and q.span.end <= e and _measure(q)
                         and not q.uncertain and q.kind not in ("vague", "ordinal"))
        dates = tuple(sorted({t.value for t in analysis.timexes if s <= t.span.start and t.span.end <= e
                              and str(t.type).upper().endswith("DATE") and _full_date(t.value) and not t.uncertain}))
        out.append(Facts(analysis.document.id, claim.id, s, e, text[s:e], measures, dates, _events(analysis, s, e)))
    return out


def _events(analysis: Any, start: int, end: int) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """``(type, place, actors)`` of the events reported as happened inside a claim, names as written."""
    name = {ent.id: ent.name for ent in analysis.entities}
    found = []
    for ev in analysis.events:
        if not (start <= ev.trigger.start and ev.trigger.end <= end) or ev.status != "happened" or ev.negated \
                or ev.uncertain or ev.reference:
            continue
        found.append((str(ev.type), name.get(ev.location or "", ""),
                      tuple(sorted(name[a] for a in ev.actor if a in name))))
    return tuple(found)


def _measure(q: Any) -> str:
    """What a quantity measures: its kind with the thing counted or the unit ("" when unknown)."""
    what = (q.counts or q.unit or "").lower().strip()
    return f"{q.kind or 'count'}:{what}" if what else ""


def _full_date(value: str) -> bool:
    """A calendar day (``YYYY-MM-DD``)."""
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit()


@dataclass(frozen=True, slots=True)
class Link:
    """A claim linked to a claim of another document."""

    a: Facts
    b: Facts
    relation: str
    confidence: float
    reasons: tuple[str, ...] = field(default=())

    def rows(self) -> list[tuple[Any, ...]]:
        """The two ``xdoc_claim_links`` rows (one per direction)."""
        why = json.dumps(list(self.reasons))
        return [(self.a.document, self.a.claim_id, self.b.document, self.b.claim_id, self.relation,
                 self.confidence, why),
                (self.b.document, self.b.claim_id, self.a.document, self.a.claim_id, self.relation,
                 self.confidence, why)]


def compare(a: Facts, b: Facts, same: float, threshold: float) -> Link | None:
    """The relation of two claims given the probability ``same`` that they say the same thing."""
    if same < threshold * FLOOR_SHARE:
        return None
    clashes, agrees = _clashes(a, b)
    if same >= threshold or agrees:  # one event told twice: then another place or actor is a clash
        clashes += _event_clashes(a, b)
    if clashes:
        return Link(a, b, "contradicts", same, tuple(clashes))
    if same >= threshold or len(agrees) >= AGREEMENTS:
        return Link(a, b, "corroborates", same, tuple(agrees) or ("same claim",))
    return Link(a, b, "uncertain", same, tuple(agrees))


def _clashes(a: Facts, b: Facts) -> tuple[list[str], list[str]]:
    """What two claims state differently, and what they state alike (numbers by measure, dates)."""
    clashes: list[str] = []
    agrees: list[str] = []
    mine = {m[0]: m for m in a.measures}
    for key, low, high in b.measures:
        if key in mine:
            _, lo2, hi2 = mine[key]
            same = low <= hi2 * 1.001 and lo2 <= high * 1.001
            (agrees if same else clashes).append(f"{key.split(':', 1)[1]}: {_num(lo2, hi2)} vs {_num(low, high)}")
    if a.dates and b.dates:
        if set(a.dates) & set(b.dates):
            agrees.append(f"date {sorted(set(a.dates) & set(b.dates))[0]}")
        else:
            clashes.append(f"date: {a.dates[0]} vs {b.dates[0]}")
    return clashes, agrees


def _event_clashes(a: Facts, b: Facts) -> list[str]:
    """Events of one type that the two claims place elsewhere or give to other actors."""
    out = []
    for kind, place, actors in a.events:
        for kind2, place2, actors2 in b.events:
            if kind != kind2:
                continue
            if place and place2 and not _same_name(place, place2):
                out.append(f"place of {kind.lower()}: {place} vs {place2}")
            if actors and actors2 and not any(_same_name(x, y) for x in actors for y in actors2):
                out.append(f"actor of {kind.lower()}: {', '.join(actors)} vs {', '.join(actors2)}")
    return sorted(set(out))


def _same_name(x: str, y: str) -> bool:
    """Two names that may denote one thing: equal, or one's words inside the other's ("Renner" / "Tobias Renner")."""
    wx, wy = set(x.lower().split()), set(y.lower().split())
    return wx <= wy or wy <= wx


def _num(low: float, high: float) -> str:
    """A value or range as text."""
    fmt = lambda v: f"{v:g}"  # noqa: E731
    return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"


def link(new: Sequence[Facts], known: Sequence[Facts], story: dict[str, str], source: dict[str, str] | None = None,
         model: retrieval.Model | None = None, background: retrieval.Background | None = None) -> list[Link]:
    """Links of the ``new`` claims against every claim (``known`` plus ``new``), each pair once.

    Claims of the same source (a syndicated copy) are no candidates: they add no source, and as
    near-identical texts they would push every independent report down the ranking.
    """
    source = source or {}
    pool = list(known) + list(new)
    if len(pool) < 2 or not new:
        return []
    model = model or retrieval.load_model()
    index = retrieval.Index([retrieval.Entry(f.key, f.text) for f in pool], background)
    best: dict[tuple[str, str], tuple[float, Facts, Facts]] = {}
    for claim in new:
        positions = [p for p in index.candidates(claim.text, DEPTH * 3)
                     if source.get(pool[p].document, pool[p].document) != source.get(claim.document, claim.document)
                     and _same_block(claim, pool[p], story)][:DEPTH]
        if not positions:
            continue
        probs = model.predict(index.features(claim.text, positions))
        for p, prob in zip(positions, probs, strict=True):
            pair = (min(claim.key, pool[p].key), max(claim.key, pool[p].key))
            if pair not in best or prob > best[pair][0]:
                best[pair] = (float(prob), claim, pool[p])
    found = (compare(a, b, prob, model.threshold) for prob, a, b in best.values())
    return [f for f in found if f is not None]


def _same_block(a: Facts, b: Facts, story: dict[str, str]) -> bool:
    """Candidates stay within a story when both documents have one (else anything goes)."""
    sa, sb = story.get(a.document), story.get(b.document)
    return sa is None or sb is None or sa == sb


def refresh(store: Store, *, force: bool = False) -> int:
    """Link the claims of the documents not linked yet; return how many documents were linked.

    When the corpus has stories, a claim is compared only with the claims of its own story (one
    small index per story that gained documents), so a refresh reads and indexes only those
    stories; a corpus without stories is linked through one global index.
    """
    current = _analysis_keys(store)
    linked = {} if force else {str(d): str(k) for d, k in store.fetchall("SELECT document_id, analysis FROM "
                                                                        "xdoc_claim_state")}
    done = {d for d in current if linked.get(d) == current[d]}
    every = list(current)
    new_docs = [d for d in every if d not in done]
    gone = [d for d in linked if d not in done]  # analysed again, or no longer stored
    if not new_docs and not gone:
        return 0
    story = {str(d): str(s) for d, s in store.fetchall("SELECT document_id, story_id FROM xdoc_story_documents")}
    source = {str(d): str(g) for d, g in store.fetchall("SELECT document_id, group_id FROM xdoc_syndication")}
    facts = _Facts(store)
    background = _background(store, new_docs, fresh_start=not done or bool(gone))
    links: list[Link] = []
    for members in _blocks(new_docs, every, story):
        fresh = [d for d in members if d not in done]
        links += link([f for d in fresh for f in facts(d)], [f for d in members if d in done for f in facts(d)],
                      story, source, background=background)
    matches = match_factchecks(store, [f for d in new_docs for f in facts(d)])
    _write(store, [(d, current[d]) for d in new_docs], links, matches, clear=force, gone=gone)
    return len(new_docs)


def _analysis_keys(store: Store) -> dict[str, str]:
    """Document id → what identifies its current analysis (version, time, size), in storage order."""
    keys: dict[str, str] = {}
    for doc, version, created, size in store.iter_rows(
            "SELECT document_id, version, created_at, n_bytes FROM analyses ORDER BY document_id, created_at"):
        keys[str(doc)] = f"{version}|{created}|{size}"
    return keys


def _background(store: Store, new_docs: Sequence[str], *, fresh_start: bool) -> retrieval.Background:
    """The corpus' claim-word statistics: kept in ``xdoc_state`` and grown by the new documents' claims.

    Recounted over every claim when nothing is linked yet or a linked document changed; otherwise
    only the new documents' claims are read, so a refresh does not re-read the corpus.
    """
    stored = None if fresh_start else xtables.state(store, "claim_words")
    if stored is None:
        found = retrieval.Background.of(str(r[0]) for r in store.iter_rows("SELECT text FROM claims"))
    else:
        data = json.loads(stored)
        found = retrieval.Background(int(data["n"]), data["df"], float(data["avglen"]))
        for at in range(0, len(new_docs), 500):
            batch = list(new_docs[at:at + 500])
            marks = ", ".join("?" * len(batch))
            found = found.add(str(r[0]) for r in store.fetchall(
                f"SELECT text FROM claims WHERE document_id IN ({marks})", batch))
    body = json.dumps({"n": found.n, "df": found.df, "avglen": found.avglen})
    store.transaction(lambda cur: store.execute(
        cur, "INSERT INTO xdoc_state (name, value) VALUES ('claim_words', ?) ON CONFLICT (name) "
        "DO UPDATE SET value = excluded.value", (body,)))
    return found


class _Facts:
    """The :class:`Facts` of a stored document's claims, read once."""

    def __init__(self, store: Store) -> None:
        """Read from ``store``."""
        self.store = store
        self.cache: dict[str, list[Facts]] = {}

    def __call__(self, document: str) -> list[Facts]:
        """The facts of one document's claims (none when it has no analysis)."""
        if document not in self.cache:
            analysis = self.store.get_analysis(document)
            self.cache[document] = facts_of(analysis) if analysis is not None else []
        return self.cache[document]


def _blocks(new_docs: Sequence[str], every: Sequence[str], story: dict[str, str]) -> list[list[str]]:
    """The groups of documents to link: each story that gained a document, or all documents when no story exists."""
    if not story:
        return [list(every)]
    by_story: dict[str, list[str]] = {}
    for doc in every:
        by_story.setdefault(story.get(doc, f"alone:{doc}"), []).append(doc)
    wanted = {story.get(d, f"alone:{d}") for d in new_docs}
    return [by_story[s] for s in sorted(wanted) if len(by_story[s]) > 1]


def _write(store: Store, docs: Sequence[tuple[str, str]], links: Sequence[Link],
           matches: Sequence[tuple[Any, ...]], clear: bool, gone: Sequence[str] = ()) -> None:
    """Store links, fact-check matches and the linked documents (with their analysis) in one transaction;
    the links and matches of ``gone`` documents (analysed again, or removed) go first."""
    rows = {r[:4]: r for lk in links for r in lk.rows()}

    def write(cur: Any) -> None:
        """Everything in one transaction (a reader sees the old links or the new ones)."""
        if clear:
            for table in ("xdoc_claim_links", "xdoc_claim_state", "factcheck_matches"):
                store.execute(cur, f"DELETE FROM {table}")
        for doc in gone:
            store.execute(cur, "DELETE FROM xdoc_claim_links WHERE document_id = ? OR other_document = ?", (doc, doc))
            store.execute(cur, "DELETE FROM factcheck_matches WHERE document_id = ?", (doc,))
            store.execute(cur, "DELETE FROM xdoc_claim_state WHERE document_id = ?", (doc,))
        if rows:
            store.executemany(cur, "INSERT INTO xdoc_claim_links VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                              "(document_id, claim_id, other_document, other_claim) DO NOTHING", list(rows.values()))
        if matches:
            store.executemany(cur, "INSERT INTO factcheck_matches VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                              "(document_id, claim_id, factcheck_id) DO NOTHING", list(matches))
        store.executemany(cur, "INSERT INTO xdoc_claim_state VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE "
                          "SET analysis = excluded.analysis", list(docs))

    store.transaction(write)


def match_factchecks(store: Store, claims: Iterable[Facts]) -> list[tuple[Any, ...]]:
    """``factcheck_matches`` rows of some claims against every stored fact-check."""
    checks = [retrieval.Entry(str(i), str(c), str(t or "")) for i, c, t in
              store.fetchall("SELECT factcheck_id, claim, title FROM factchecks ORDER BY factcheck_id")]
    if not checks:
        return []
    model = retrieval.load_model()
    index = retrieval.Index(checks)
    rows = []
    for claim in claims:
        hits = [h for h in index.rank(claim.text, model=model)
                if h.confidence >= model.threshold * FLOOR_SHARE][:FACTCHECK_KEEP]
        for rank, hit in enumerate(hits):
            status = "match" if hit.confidence >= model.threshold else "uncertain"
            rows.append((claim.document, claim.claim_id, hit.entry.id, status, hit.confidence, rank))
    return rows


def rematch_factchecks(store: Store) -> int:
    """Match every stored claim against the fact-checks again (after an import); return the matches."""
    claims = [Facts(str(d), str(c), int(st), int(en), str(t)) for d, c, st, en, t in store.iter_rows(
        "SELECT document_id, claim_id, start_char, end_char, text FROM claims ORDER BY document_id, claim_id")]
    rows = match_factchecks(store, claims)

    def write(cur: Any) -> None:
        """Old matches out, new ones in."""
        store.execute(cur, "DELETE FROM factcheck_matches")
        if rows:
            store.executemany(cur, "INSERT INTO factcheck_matches VALUES (?, ?, ?, ?, ?, ?)", rows)

    store.transaction(write)
    return len(rows)
