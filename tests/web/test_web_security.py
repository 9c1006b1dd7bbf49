"""Hostile input and hostile requests: nothing executes, nothing is stored, every refusal is a clear page."""

from __future__ import annotations

# ruff: noqa: F811 (the fixtures are imported by name from corpus_fixture)
import re
import time
from typing import Any

import pytest
from corpus_fixture import client, corpus_db, empty_db, ids, make_client  # noqa: F401 (fixtures)

from presslens.cli.serve import check_bind
from presslens.errors import ServeError
from presslens.store import open_store
from presslens.web.security import CSRF_COOKIE

SCRIPT = re.compile(r"<script\b[^>]*>", re.I)


def _csrf(client: Any) -> str:
    """The CSRF token of the analyse form (the GET also sets the cookie)."""
    page = client.get("/analyse").text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]


def _documents(db: str) -> int:
    """Documents stored."""
    store = open_store(db)
    try:
        return int(store.stats()["documents"])
    finally:
        store.close()


def test_every_page_sends_a_strict_csp_and_no_inline_script(client: Any, ids: dict[str, str]) -> None:
    """App pages allow only this app's own script file; the only <script> tags are src= ones."""
    for url in ("/", "/search?q=strike", "/claims", f"/documents/{ids['hostile']}", "/analyse", "/docs", "/nope"):
        r = client.get(url)
        policy = r.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0], url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert all('src="/static/app.js"' in tag for tag in SCRIPT.findall(r.text)), url


def test_hostile_article_text_is_escaped_everywhere(client: Any, ids: dict[str, str]) -> None:
    """The hostile fixture's script tags, handlers and javascript: URLs appear only escaped."""
    pages = [client.get(u).text for u in (
        "/search?q=typo", f"/documents/{ids['hostile']}", "/claims?min_score=0.85&per_page=100",
        "/entity?name=" + "Greta")]
    for page in pages:
        assert "window.__pwned" not in "".join(SCRIPT.findall(page))
        assert "<script>window" not in page
        assert 'href="javascript:' not in page
        assert 'onmouseover="window' not in page
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=3" in pages[0] + pages[2]
    twin = client.get("/api/search?q=typo")  # raw text, but as JSON that no browser renders as HTML
    assert twin.headers["content-type"] == "application/json" and twin.headers["x-content-type-options"] == "nosniff"


def test_rtl_overrides_are_isolated_and_handlers_escaped(client: Any, ids: dict[str, str]) -> None:
    """Article-derived names and titles sit in <bdi> (an RTL override cannot reorder the page around
    them); the <img onerror> name is text."""
    for url in (f"/documents/{ids['rtl']}", "/search?q=invoice", "/claims?min_score=0.85&per_page=100",
                "/entity?name=" + "%E2%80%AEAnna+Gale%3Cimg+src%3Dx+onerror%3Dwindow.__pwned%3D11%3E"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<img src=x" not in page.text and "&lt;img src=x onerror" in page.text, url
        assert re.search(r"<bdi>[^<]*\u202e", page.text), url


def test_forged_post_without_csrf_is_refused_and_stores_nothing(corpus_db: tuple[str, dict[str, str]]) -> None:
    """No token, a wrong token, or another site's Origin: 403 page, store unchanged."""
    db = corpus_db[0]
    before = _documents(db)
    with make_client(db) as c:
        r = c.post("/analyse", data={"text": "Harbour news\n\nThe port reopened on Monday."})
        assert r.status_code == 403 and "security token" in r.text
        c.get("/analyse")
        r = c.post("/analyse", data={"text": "x y z", "csrf": "0" * 64})
        assert r.status_code == 403
        token = _csrf(c)
        r = c.post("/analyse", data={"text": "x y z", "csrf": token}, headers={"Origin": "http://evil.example"})
        assert r.status_code == 403 and "another site" in r.text
    with make_client(db) as other:  # a token from another browser's cookie does not fit this one's
        other.cookies.set(CSRF_COOKIE, "someone-else")
        assert other.post("/analyse", data={"text": "x", "csrf": token}).status_code == 403
    assert _documents(db) == before


def test_oversized_and_wrong_type_uploads_are_refused(empty_db: str) -> None:
    """Over the byte limit (declared or streamed) → 413; a .exe or .svg → 400; nothing stored."""
    with make_client(empty_db, max_upload_bytes=2000) as c:
        token = _csrf(c)
        big = b"word " * 1000
        r = c.post("/analyse", data={"csrf": token}, files={"file": ("big.txt", big, "text/plain")})
        assert r.status_code == 413 and "limit" in r.text
        r = c.post("/analyse", data={"csrf": token}, files={"text": (None, "w " * 1500)})  # multipart, as the form
        assert r.status_code == 413 and "limit" in r.text
        r = c.post("/analyse", data={"csrf": token, "text": "w " * 1500})  # urlencoded: the parser's field limit
        assert r.status_code in (400, 413) and "<h1>Error" in r.text
        for name in ("tool.exe", "image.svg", "noextension", "../../etc/passwd"):
            r = c.post("/analyse", data={"csrf": token}, files={"file": (name, b"hello", "text/plain")})
            assert r.status_code == 400 and "not accepted" in r.text, name
        r = c.post("/analyse", data={"csrf": token, "text": "   "})
        assert r.status_code == 400
    assert _documents(empty_db) == 0


def test_read_only_refuses_analysis(empty_db: str) -> None:
    """--read-only: the form says so and a POST (even a valid one) is refused."""
    open_store(empty_db).close()
    with make_client(empty_db, read_only=True) as c:
        assert "read-only" in c.get("/analyse").text
        c.get("/analyse")  # the CSRF cookie
        from presslens.web.security import csrf_token

        token = csrf_token(c.app.state.config.secret, c.cookies[CSRF_COOKIE])
        r = c.post("/analyse", data={"csrf": token, "text": "Some article text here."})
        assert r.status_code == 403 and "read-only" in r.text
    assert _documents(empty_db) == 0


def test_token_is_required_on_every_request(corpus_db: tuple[str, dict[str, str]]) -> None:
    """With a token: 401 without it; the header, or ?token= once (then a cookie), lets the request in."""
    token = "s3cret-token-of-sufficient-length"
    with make_client(corpus_db[0], token=token) as c:
        for url in ("/", "/api/search?q=port", "/static/app.css", "/openapi.json", "/claims.csv"):
            assert c.get(url).status_code == 401, url
        assert c.get("/?token=wrong").status_code == 401
        assert c.get("/api/home", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert c.get(f"/?token={token}").status_code == 200
        assert c.get("/claims").status_code == 200  # the cookie now carries it


def test_other_host_names_are_refused_without_a_token(client: Any) -> None:
    """DNS rebinding: a request naming another host is refused; localhost and 127.0.0.1 pass."""
    assert client.get("/api/home", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/api/home", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/api/home", headers={"Host": "[::1]:8765"}).status_code == 200


def test_paths_never_come_from_user_input(client: Any) -> None:
    """Traversal in ids and static paths finds nothing."""
    for url in ("/documents/..%2F..%2Fetc%2Fpasswd", "/static/../../../../etc/passwd", "/static/%2e%2e/app.py",
                "/documents/../report"):
        r = client.get(url)
        assert r.status_code in (400, 404), url
        assert "root:" not in r.text


def test_serve_refuses_to_listen_beyond_localhost_without_a_token() -> None:
    """127.0.0.1 and ::1 are fine; 0.0.0.0 needs a token of 16 characters or more."""
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    with pytest.raises(ServeError, match="--token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ServeError, match="16"):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", "a-long-enough-token-here")


@pytest.mark.slow
def test_pasted_article_is_analysed_stored_and_reported(empty_db: str) -> None:
    """Paste → job page → the report of the stored document (real pipeline, spaCy)."""
    text = ("Bridge in Corvin reopens after repairs\n\nThe Corvin bridge reopened on 4 May 2024 after eight "
            "months of repairs, Mayor Selma Dahl said. \"Traffic will flow again,\" Dahl said. The works "
            "cost 12 million euros, the council said.")
    with make_client(empty_db) as c:
        r = c.post("/analyse", data={"csrf": _csrf(c), "text": text}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
        job_url = "/api" + r.headers["location"]
        deadline = time.monotonic() + 240
        while (job := c.get(job_url).json())["state"] in ("queued", "analysing") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert job["state"] == "done", job
        doc = c.get(f"/api/documents/{job['document_id']}").json()["document"]
        assert doc["title"] == "Bridge in Corvin reopens after repairs"
        assert c.get(r.headers["location"], follow_redirects=False).status_code == 303
        assert c.get(f"/documents/{job['document_id']}/report").status_code == 200
    assert _documents(empty_db) == 1
