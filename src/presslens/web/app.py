"""The FastAPI application: store per thread, templates, middleware, error pages.

Routes are in :mod:`presslens.web.routes`.  Every page is rendered by :func:`respond`,
which gives JSON instead of HTML when the client asks for ``application/json`` (the
``/api/…`` twins always do).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from presslens.about import __version__
from presslens.errors import CorpusQueryError, PresslensError
from presslens.web import security as S
from presslens.web.config import WebConfig
from presslens.web.jobs import Jobs

TITLE = "presslens"


@functools.cache
def templates() -> Any:
    """The Jinja2 environment of the app (autoescape forced on)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("presslens.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["num"] = lambda n: f"{n:,}"
    env.filters["score"] = lambda x: f"{x:.2f}"
    return env


class Stores:
    """One opened corpus per server thread (SQLite connections stay in their thread)."""

    def __init__(self, db: str, *, create: bool = True) -> None:
        """Stores for the URL ``db``; created (and migrated) once here unless ``create`` is False,
        when a missing store raises StoreNotFoundError."""
        from presslens.corpus import Corpus

        Corpus(db, create=create).close()  # before any reader thread opens it
        self.db = db
        self.local = threading.local()

    def get(self) -> Any:
        """This thread's Corpus."""
        corpus = getattr(self.local, "corpus", None)
        if corpus is None:
            from presslens.corpus import Corpus

            corpus = self.local.corpus = Corpus(self.db, create=False)
        return corpus


def wants_json(request: Request) -> bool:
    """True for ``/api/…`` and for a client that prefers JSON to HTML."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def respond(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    """The page as HTML, or its data as JSON (the JSON twin)."""
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    config: WebConfig = request.app.state.config
    html = templates().get_template(template).render(
        **data, csrf=S.csrf_token(config.secret, request.state.csrf_seed), read_only=config.read_only,
        app_version=__version__, request_path=request.url.path)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    """A clear error page (or JSON ``{"error", "status"}``)."""
    return respond(request, "error.html.jinja", {"error": message, "status": status}, status)


async def _guard(request: Request, call_next: S.Next) -> Response:
    """Token, same-origin POST, upload size; CSRF cookie; security headers on every response."""
    config: WebConfig = request.app.state.config
    request.state.csrf_seed = request.cookies.get(S.CSRF_COOKIE) or S.new_csrf_seed()
    response = _refuse(request, config)
    if response is None:
        response = await call_next(request)
    if config.token and request.query_params.get("token") and S.token_ok(request, config.token):
        response.set_cookie(S.TOKEN_COOKIE, config.token, httponly=True, samesite="strict")
    if S.CSRF_COOKIE not in request.cookies:
        response.set_cookie(S.CSRF_COOKIE, request.state.csrf_seed, httponly=True, samesite="strict")
    S.add_headers(response, request.url.path)
    return response


def _refuse(request: Request, config: WebConfig) -> Response | None:
    """The error response for a request refused before any route runs, else None."""
    if not config.token and S.host_name(request) not in config.local_hosts:
        return error_page(request, 400, "Refused: this server answers only to 127.0.0.1 or localhost "
                          "(start it with --token to serve other names).")
    if config.token and not S.token_ok(request, config.token):
        return error_page(request, 401, "This server needs its access token (start URL with ?token=…, "
                          "or an Authorization: Bearer header).")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if not S.same_origin(request):
            return error_page(request, 403, "Refused: the form was sent from another site.")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > config.max_upload_bytes + 65_536:
            return error_page(request, 413, f"Refused: the upload is over the {config.max_upload_bytes:,}-byte limit.")
    return None


def _handlers(app: FastAPI) -> None:
    """Error pages for HTTP errors, bad parameters, corpus errors and anything unexpected."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """An HTTP error raised by a route or by Starlette (404, 405, a refused form)."""
        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        """No route for the path."""
        return error_page(request, 404, "Nothing here: the page or record does not exist.")

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        """A query or path parameter that does not validate: 400 naming it."""
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        return error_page(request, 400, f"Bad parameter {where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(PresslensError)
    async def corpus_error(request: Request, exc: PresslensError) -> Response:
        """A coded presslens error: its one line (400 for a malformed query)."""
        status = 400 if isinstance(exc, CorpusQueryError) else 500
        return error_page(request, status, " ".join(str(exc).split())[:300])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """Anything else: a 500 page naming the error class, never a traceback."""
        response = error_page(request, 500, f"Internal error: {exc.__class__.__name__}")
        S.add_headers(response, request.url.path)
        return response


def create_app(config: WebConfig) -> FastAPI:
    """The app over the store at ``config.db``."""
    from presslens.web import routes

    jobs = Jobs(config.db, config.settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Run the app; on shutdown wait for the running analysis."""
        yield
        jobs.close()

    app = FastAPI(title=TITLE, version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="The desk's screen: a local "
                  "web app over the presslens corpus. Every page has a JSON twin under /api/.")
    app.state.config = config
    app.state.stores = Stores(config.db, create=not config.read_only)
    app.state.jobs = jobs
    app.middleware("http")(_guard)
    _handlers(app)
    static = resources.files("presslens.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(routes.router)
    app.include_router(routes.api)
    return app


def redirect(url: str) -> RedirectResponse:
    """A 303 See Other (after a POST)."""
    return RedirectResponse(url, status_code=303)
