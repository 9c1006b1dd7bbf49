"""A store made before the cross-document layer (schema 3: quote speaker status) upgrades to 4 in place."""

from __future__ import annotations

from test_syndication import _stored, corpus

from presslens.corpus.crossdoc import refresh, sources
from presslens.store import open_store
from presslens.store import schema as schema_mod
from presslens.store import sql as sql_mod


def test_a_version_3_store_gains_the_crossdoc_tables_and_keeps_its_rows(store_url, monkeypatch):
    with monkeypatch.context() as m:  # the store as a presslens without migration 4 makes it
        m.setattr(schema_mod, "MIGRATIONS", schema_mod.MIGRATIONS[:3])
        m.setattr(sql_mod, "SCHEMA_VERSION", 3)
        old = open_store(store_url)
        assert old.schema_version() == 3
        for name, body in corpus().items():
            old.put_analysis(_stored(body), version="v1", source=name, origin=None)
        before = old.fetchall("SELECT id, text FROM documents ORDER BY id")
        speaker_columns = old.fetchall("SELECT speaker_status, speaker_confidence, candidates FROM quotes")
        old.close()
    store = open_store(store_url)
    assert store.schema_version() == schema_mod.SCHEMA_VERSION >= 4
    names = [r[1] for r in store.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")]
    assert names[2].startswith("quote speaker status") and names[3].startswith("cross-document layer")
    assert store.fetchall("SELECT id, text FROM documents ORDER BY id") == before
    assert store.fetchall("SELECT speaker_status, speaker_confidence, candidates FROM quotes") == speaker_columns
    report = refresh(store)
    assert report.rebuilt and report.documents == len(before) and len(set(sources(store).values())) == 2
    store.close()


def test_a_version_4_store_gains_the_claim_tables_and_links_its_claims(store_url, monkeypatch):
    from claims_corpus import ARTICLES

    import presslens

    with monkeypatch.context() as m:  # the store as a presslens without migration 5 makes it
        m.setattr(schema_mod, "MIGRATIONS", schema_mod.MIGRATIONS[:4])
        m.setattr(sql_mod, "SCHEMA_VERSION", 4)
        old = open_store(store_url)
        assert old.schema_version() == 4
        for name in ("budget_1", "budget_late"):
            old.put_analysis(presslens.analyze(ARTICLES[name], source=name), version="v1", source=name, origin=None)
        before = old.fetchall("SELECT document_id, claim_id, text FROM claims ORDER BY 1, 2")
        old.close()
    store = open_store(store_url)
    assert store.schema_version() == schema_mod.SCHEMA_VERSION == 5
    names = [r[1] for r in store.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")]
    assert names[4].startswith("claims across documents")
    assert store.fetchall("SELECT document_id, claim_id, text FROM claims ORDER BY 1, 2") == before
    assert refresh(store).rebuilt
    assert store.fetchone("SELECT COUNT(*) FROM xdoc_claim_links WHERE relation = 'contradicts'")[0] == 2
    store.close()
