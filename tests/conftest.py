"""The only conftest: shared fixtures for every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_path() -> Path | None:
    """The seed article in ../shared/seeds, when present."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    return seeds[0] if seeds else None


def shared_data(name: str) -> Path:
    """A dataset folder of ../shared/data, or skip the test with a clear reason."""
    path = SHARED / "data" / name
    if not path.exists():
        pytest.skip(f"dataset ../shared/data/{name} is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (loaded once per test session)."""
    from presslens.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_analysis():
    """The full analysis of the seed article (skips when the seed is absent)."""
    path = seed_path()
    if path is None:
        pytest.skip("seed article ../shared/seeds/*.txt is absent")
    import presslens
    from presslens.ingest import ingest_path

    return presslens.analyze_document(ingest_path(path))


@pytest.fixture(scope="session")
def example_analyses():
    """Analyses of every bundled example article, by file name."""
    import presslens
    from presslens.ingest import ingest_path

    return {p.name: presslens.analyze_document(ingest_path(p)) for p in sorted(EXAMPLES.glob("*.txt"))}


# --- corpus store: SQLite and PostgreSQL --------------------------------------------------

def _pg_bindir() -> Path | None:
    """The newest Debian PostgreSQL binaries directory (initdb, pg_ctl), if installed."""
    import glob

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _start_cluster(bindir: Path) -> tuple[str, str, list[str]]:
    """initdb + pg_ctl start in a fresh temp dir on a Unix socket; returns (url, dir, run-as prefix)."""
    import os
    import shutil
    import subprocess
    import tempfile

    tmp = tempfile.mkdtemp(prefix="presslens-pg-")
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        shutil.chown(tmp, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data = f"{tmp}/data"
    opts = f"-k {tmp} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"], check=True, capture_output=True, timeout=120)
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", data, "-l", f"{tmp}/log", "-o", opts, "-w", "-t", "60",
                    "start"], check=True, capture_output=True, timeout=120)
    return f"postgresql://postgres@/postgres?host={tmp}", tmp, run_as


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server: ``$PRESSLENS_TEST_PG_URL``, else a throwaway cluster, else skip with the reason."""
    import os
    import shutil
    import subprocess

    url = os.environ.get("PRESSLENS_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL tests need PRESSLENS_TEST_PG_URL or Debian's postgresql package (initdb, pg_ctl)")
    try:
        url, tmp, run_as = _start_cluster(bindir)
    except (OSError, subprocess.SubprocessError, LookupError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"PostgreSQL tests: cannot start a throwaway cluster ({exc}; {detail.decode()[-300:]})")
    yield url
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", f"{tmp}/data", "-m", "immediate", "stop"],
                   capture_output=True, timeout=120)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server for one test (dropped afterwards)."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"presslens_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(pg_server)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store on each backend (the same tests run on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")
