"""Presenters: pure functions from Analysis to str/bytes (JSON, terminal, HTML, CSV)."""
