"""Access token, CSRF tokens and security headers (the article text and every upload are hostile).

* Token: with ``--token`` every request must carry it; compared in constant time
  (``hmac.compare_digest``).  ``?token=`` on a page sets an HttpOnly, SameSite=Strict
  cookie so links keep working.
* CSRF: a POST form carries ``csrf``, an HMAC of a random per-browser value kept in a
  SameSite=Strict cookie (the "signed double-submit cookie" of OWASP's CSRF cheat
  sheet); a POST whose Origin is another site is refused as well.
* Headers: a Content-Security-Policy with no inline script (``script-src 'self'``: the
  one small script is a file of this package), no framing by other sites, no
  referrer beyond this site (so a form's Origin is sent), no MIME sniffing.  The stand-alone report keeps its own hashed-script CSP.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE = "presslens_csrf"
TOKEN_COOKIE = "presslens_token"
APP_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "SAMEORIGIN", "Cross-Origin-Opener-Policy": "same-origin"}
Next = Callable[[Request], Awaitable[Response]]


def new_csrf_seed() -> str:
    """A random value for the CSRF cookie."""
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, seed: str) -> str:
    """The form token that goes with a cookie seed."""
    return hmac.new(secret, seed.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, seed: str | None, token: str | None) -> bool:
    """True when the form token matches the cookie seed."""
    if not seed or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, seed), token)


def same_origin(request: Request) -> bool:
    """False when the request names an Origin (or Referer) on another host."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # not a browser form (curl, scripts): the CSRF token still applies
    if origin == "null":
        return False
    return urlsplit(origin).netloc == request.headers.get("host", "")


def host_name(request: Request) -> str:
    """The host name of the request's Host header (no port, no brackets)."""
    return (urlsplit("//" + request.headers.get("host", "")).hostname or "").lower()


def token_ok(request: Request, token: str) -> bool:
    """True when the request carries the access token (header, cookie or query)."""
    auth = request.headers.get("authorization", "")
    given = [auth[7:] if auth.lower().startswith("bearer ") else "", request.cookies.get(TOKEN_COOKIE, ""),
             request.query_params.get("token", "")]
    return any(g and hmac.compare_digest(g.encode(), token.encode()) for g in given)


def add_headers(response: Response, path: str) -> None:
    """Set the security headers (keeping a more specific CSP the route set)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", APP_CSP)
    response.headers.setdefault("Cache-Control", "no-store")
