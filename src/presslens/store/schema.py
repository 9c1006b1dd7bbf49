"""The store's schema as numbered migrations, one list for both backends.

A small versioned-migrations table (``schema_migrations``: version, name,
applied_at) instead of Alembic: the schema is a dozen plain tables written
once here for SQLite and PostgreSQL, each migration is applied in its own
transaction under a lock (``BEGIN IMMEDIATE`` / an advisory lock), and a
store whose highest version is above :data:`SCHEMA_VERSION` is refused before
anything is written (it was made by a newer presslens).  Alembic would add a
second configuration system and autogeneration we would not use.

Tables (every span is ``*_start``/``*_end`` character offsets of
``documents.text``, end exclusive, plus its text):

* ``documents``: one row per distinct normalised text, keyed by its content hash;
  ``documents_fts`` (SQLite FTS5) or ``documents.tsv`` (PostgreSQL tsvector + GIN)
  index title and text for ranked search.
* ``document_sources``: every input name (path, record id) that gave that text; from version 2
  with ``input_hash``, the hash of the file's bytes (a rerun skips a known file without parsing it).
* ``quotes``: from version 3 with ``speaker_status`` (resolved / uncertain / unknown),
  ``speaker_confidence`` (the calibrated probability of the best candidate) and
  ``candidates`` (JSON list of ``{entity, name, confidence}``): an uncertain speaker stays
  queryable as uncertain.
* ``analyses``: the whole analysis as compressed JSON, keyed by (document, analysis version).
* ``entities``, ``entity_names`` (name and alias keys), ``mentions``,
  ``entity_totals`` (per-name document and mention counts, kept up to date on write),
  ``claims``, ``claim_entities``, ``quotes``, ``events``, ``event_participants``,
  ``timeline``: the query tables of the current analysis of each document.
* ``failures``: inputs that failed, with their one-line reason.

From version 4, the cross-document layer (``presslens.corpus.crossdoc``), rebuilt as a whole
when the corpus changed (``xdoc_state`` records what it was built from):

* ``xdoc_fingerprints``: each document's MinHash signature and shingle count (kept: a
  document's text never changes under its content hash);
* ``xdoc_syndication``: every document's syndication group (one independent source);
* ``xdoc_stories``, ``xdoc_story_documents``: stories and their documents;
* ``xdoc_entities``, ``xdoc_entity_members``: canonical entities across documents;
* ``xdoc_events``, ``xdoc_event_mentions``: events linked across documents.

From version 5, claims across documents and known fact-checks (``presslens.corpus.crossdoc.claims``):

* ``xdoc_claim_links``: a claim of one document linked to a claim of another, with the relation
  (corroborates / contradicts / uncertain), its confidence and why (JSON), kept incrementally:
  a new document is linked against the stored ones, nothing else is recomputed;
* ``xdoc_claim_state``: which analysis of each document its links were made from (a document
  analysed again is linked again);
* ``factchecks``: imported fact-checks (schema.org ClaimReview or CheckThat! pool rows);
* ``factcheck_matches``: a stored claim matched to a fact-check (match or uncertain), with its
  confidence and rank.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 5

_TYPES = {
    "sqlite": {"BLOB": "BLOB", "REAL": "REAL", "BIGINT": "INTEGER", "SERIAL": "INTEGER PRIMARY KEY"},
    "postgresql": {"BLOB": "BYTEA", "REAL": "DOUBLE PRECISION", "BIGINT": "BIGINT",
                   "SERIAL": "BIGSERIAL PRIMARY KEY"},
}

_TABLES_V1 = """
CREATE TABLE documents (
    num {SERIAL},
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    url TEXT,
    published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    language TEXT,
    n_chars {BIGINT} NOT NULL,
    added_at TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{{}}',
    text TEXT NOT NULL
);
CREATE TABLE document_sources (
    document_id TEXT NOT NULL,
    source TEXT NOT NULL,
    origin TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (document_id, source)
);
CREATE INDEX document_sources_source ON document_sources (source);
CREATE TABLE analyses (
    document_id TEXT NOT NULL,
    version TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    n_bytes {BIGINT} NOT NULL,
    body {BLOB} NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX analyses_version ON analyses (version);
CREATE TABLE entities (
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,
    titles TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    country TEXT,
    lat {REAL},
    lon {REAL},
    PRIMARY KEY (document_id, entity_id)
);
CREATE INDEX entities_name_key ON entities (name_key, type);
CREATE TABLE entity_names (
    name_key TEXT NOT NULL,
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (name_key, document_id, entity_id)
);
CREATE INDEX entity_names_document ON entity_names (document_id);
CREATE TABLE entity_totals (
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    documents {BIGINT} NOT NULL,
    mentions {BIGINT} NOT NULL,
    PRIMARY KEY (name_key, type)
);
CREATE INDEX entity_totals_rank ON entity_totals (documents DESC, mentions DESC, name_key);
CREATE INDEX entity_totals_type_rank ON entity_totals (type, documents DESC, mentions DESC, name_key);
CREATE TABLE mentions (
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id, start_char, end_char)
);
CREATE TABLE claims (
    document_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    checkworthiness {REAL} NOT NULL,
    attribution_type TEXT NOT NULL,
    speaker_id TEXT,
    speaker_name TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    hedges TEXT NOT NULL,
    reasons TEXT NOT NULL,
    quantities TEXT NOT NULL,
    PRIMARY KEY (document_id, claim_id)
);
CREATE INDEX claims_score ON claims (checkworthiness DESC);
CREATE INDEX claims_kind_score ON claims (kind, checkworthiness DESC);
CREATE TABLE claim_entities (
    document_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id, claim_id, role)
);
CREATE TABLE quotes (
    document_id TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    speaker_id TEXT,
    speaker_name TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    source_text TEXT,
    PRIMARY KEY (document_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes (document_id, speaker_id);
CREATE TABLE events (
    document_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    negated INTEGER NOT NULL,
    date TEXT,
    date_start TEXT,
    date_end TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    actors TEXT NOT NULL,
    actor_countries TEXT NOT NULL,
    targets TEXT NOT NULL,
    target_countries TEXT NOT NULL,
    location_id TEXT,
    location_name TEXT,
    location_country TEXT,
    lat {REAL},
    lon {REAL},
    PRIMARY KEY (document_id, event_id)
);
CREATE INDEX events_type_date ON events (type, date_start);
CREATE TABLE event_participants (
    document_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id, event_id, role)
);
CREATE TABLE timeline (
    document_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,
    precision TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    text TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL,
    event_id TEXT,
    claim_id TEXT,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX timeline_order ON timeline ((COALESCE(date_start, '9999-12-31')), (COALESCE(date_end, '9999-12-31')), document_id, seq);
CREATE TABLE failures (
    source TEXT PRIMARY KEY,
    origin TEXT,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    stage TEXT NOT NULL,
    analysis_version TEXT NOT NULL,
    document_id TEXT,
    attempts INTEGER NOT NULL,
    failed_at TEXT NOT NULL
)
"""

_SEARCH_V1 = {
    "sqlite": (
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
        "content_rowid='num', tokenize='porter unicode61 remove_diacritics 2')",
    ),
    # The index covers the first 500,000 characters: a tsvector holds at most 1 MB.
    "postgresql": (
        "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', left(text, 500000)), 'B')) STORED",
        "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    ),
}


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its number, a name, and the statements per dialect."""

    version: int
    name: str
    statements: dict[str, tuple[str, ...]]


def _split(script: str, dialect: str) -> tuple[str, ...]:
    """The statements of a DDL script with the dialect's type names filled in."""
    filled = script.format(**_TYPES[dialect])
    return tuple(s.strip() for s in filled.split(";") if s.strip())


_INPUT_HASH_V2 = (
    "ALTER TABLE document_sources ADD COLUMN input_hash TEXT",
    "CREATE INDEX document_sources_hash ON document_sources (input_hash)",
)

_SPEAKER_STATUS_V3 = (
    "ALTER TABLE quotes ADD COLUMN speaker_status TEXT",
    "ALTER TABLE quotes ADD COLUMN speaker_confidence {REAL}",
    "ALTER TABLE quotes ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]'",
)

_CROSSDOC_V4 = """
CREATE TABLE xdoc_fingerprints (
    document_id TEXT PRIMARY KEY,
    n_shingles INTEGER NOT NULL,
    signature {BLOB} NOT NULL
);
CREATE TABLE xdoc_syndication (
    document_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    representative INTEGER NOT NULL,
    jaccard {REAL} NOT NULL,
    containment {REAL} NOT NULL
);
CREATE INDEX xdoc_syndication_group ON xdoc_syndication (group_id);
CREATE TABLE xdoc_stories (
    story_id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    documents INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    places TEXT NOT NULL,
    people TEXT NOT NULL
);
CREATE TABLE xdoc_story_documents (
    document_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    confidence {REAL} NOT NULL
);
CREATE INDEX xdoc_story_documents_story ON xdoc_story_documents (story_id);
CREATE TABLE xdoc_entities (
    xentity_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,
    titles TEXT NOT NULL,
    documents INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE xdoc_entity_members (
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    xentity_id TEXT NOT NULL,
    confidence {REAL} NOT NULL,
    PRIMARY KEY (document_id, entity_id)
);
CREATE INDEX xdoc_entity_members_entity ON xdoc_entity_members (xentity_id);
CREATE TABLE xdoc_events (
    xevent_id TEXT PRIMARY KEY,
    story_id TEXT,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT,
    location TEXT,
    documents INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE xdoc_event_mentions (
    document_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    xevent_id TEXT NOT NULL,
    confidence {REAL} NOT NULL,
    PRIMARY KEY (document_id, event_id)
);
CREATE INDEX xdoc_event_mentions_event ON xdoc_event_mentions (xevent_id);
CREATE TABLE xdoc_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

_CLAIMS_V5 = """
CREATE TABLE xdoc_claim_links (
    document_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    other_document TEXT NOT NULL,
    other_claim TEXT NOT NULL,
    relation TEXT NOT NULL,
    confidence {REAL} NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (document_id, claim_id, other_document, other_claim)
);
CREATE INDEX xdoc_claim_links_relation ON xdoc_claim_links (relation, confidence DESC);
CREATE TABLE xdoc_claim_state (
    document_id TEXT PRIMARY KEY,
    analysis TEXT NOT NULL
);
CREATE TABLE factchecks (
    factcheck_id TEXT PRIMARY KEY,
    claim TEXT NOT NULL,
    title TEXT NOT NULL,
    rating TEXT,
    reviewer TEXT,
    url TEXT,
    date_published TEXT,
    claimant TEXT,
    origin TEXT NOT NULL
);
CREATE TABLE factcheck_matches (
    document_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    factcheck_id TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence {REAL} NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (document_id, claim_id, factcheck_id)
);
CREATE INDEX factcheck_matches_factcheck ON factcheck_matches (factcheck_id)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "corpus tables, full-text search",
        {d: _split(_TABLES_V1, d) + _SEARCH_V1[d] for d in ("sqlite", "postgresql")},
    ),
    Migration(2, "input file hashes", dict.fromkeys(("sqlite", "postgresql"), _INPUT_HASH_V2)),
    Migration(3, "quote speaker status, confidence and candidates",
              {d: tuple(st.format(**_TYPES[d]) for st in _SPEAKER_STATUS_V3) for d in ("sqlite", "postgresql")}),
    Migration(4, "cross-document layer: syndication, stories, entities, events",
              {d: _split(_CROSSDOC_V4, d) for d in ("sqlite", "postgresql")}),
    Migration(5, "claims across documents, fact-checks and their matches",
              {d: _split(_CLAIMS_V5, d) for d in ("sqlite", "postgresql")}),
)

MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


def pending(current: int) -> list[Migration]:
    """The migrations above ``current``, in order."""
    return [m for m in MIGRATIONS if m.version > current]
