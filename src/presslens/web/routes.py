"""The pages and their JSON twins.  Each ``*_data`` function is the page's data, used by
both the HTML route and its ``/api/…`` twin, so the two can never disagree."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens.corpus.crossdoc import claim_views
from presslens.present.claims_csv import FORMULA_STARTS
from presslens.web import queries as Q
from presslens.web import security as S
from presslens.web import views as V
from presslens.web.app import error_page, redirect, respond, wants_json
from presslens.web.config import PAGE_SIZES, UPLOAD_TYPES, WebConfig

router = APIRouter()
api = APIRouter(prefix="/api", tags=["JSON"])
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SCORE = r"^$|^(0(\.\d+)?|1(\.0+)?|\.\d+)$"  # empty (a form's blank field) or a number in [0, 1]


def _score(text: str) -> float | None:
    """The score of a ``min_score`` parameter (None when blank)."""
    return float(text) if text else None
PerPage = Query(20, description=f"rows per page, one of {PAGE_SIZES}")
Page = Query(1, ge=1, le=100_000, description="1-based page number")


def _corpus(request: Request) -> Any:
    """This thread's Corpus."""
    return request.app.state.stores.get()


def _per_page(n: int) -> int:
    """A page size from the allowed list (400 otherwise)."""
    if n not in PAGE_SIZES:
        raise HTTPException(400, f"per_page must be one of {', '.join(map(str, PAGE_SIZES))}")
    return n


Data = dict[str, Any]


# --- home ---------------------------------------------------------------------------------
@api.get("/home", summary="Corpus home: counts, top entities, recent documents, failures")
def home_data(request: Request) -> Data:
    """Counts, most-mentioned entities, recent documents and ingest failures."""
    corpus = _corpus(request)
    failures = corpus.failures()
    return {"stats": corpus.stats(stale=False),
            "top_entities": [e.to_dict() for e in corpus.entities(top=15).items],
            "recent": Q.recent_documents(corpus.store, 10),
            "failures": [f.to_dict() for f in failures[-20:]], "failures_total": len(failures)}


@router.get("/", response_class=HTMLResponse, summary="Corpus home")
def home(request: Request, data: Data = Depends(home_data)) -> Response:
    """The corpus home page."""
    return respond(request, "home.html.jinja", data)


# --- search -------------------------------------------------------------------------------
@api.get("/search", summary="Full-text search with filters (the document list when q is empty)")
def search_data(request: Request, q: str = Query("", max_length=500, description='words, "a phrase", OR, -word'),
                date_from: str = Query("", pattern=r"^$|" + DATE, description="published on or after (YYYY[-MM[-DD]])"),
                date_to: str = Query("", pattern=r"^$|" + DATE, description="published on or before"),
                source: str = Query("", max_length=200, description="part of the source name or URL"),
                entity: str = Query("", max_length=200, description="documents naming this entity (or alias)"),
                kind: str = Query("", max_length=40, description="documents with a claim of this kind"),
                min_score: str = Query("", pattern=SCORE, description="... with a claim this check-worthy (0–1)"),
                page: int = Page, per_page: int = PerPage) -> Data:
    """Full-text search (or the document list when ``q`` is empty), filtered, ranked, paginated."""
    per_page = _per_page(per_page)
    store = _corpus(request).store
    filters = Q.SearchFilters(date_from or None, date_to or None, source.strip() or None, entity.strip() or None,
                              kind or None, _score(min_score))
    params = {"q": q, "date_from": date_from, "date_to": date_to, "source": source, "entity": entity,
              "kind": kind, "min_score": _score(min_score), "per_page": per_page if per_page != 20 else None}
    offset = (page - 1) * per_page
    if q.strip():
        found, total = Q.search(store, q, filters, limit=per_page, offset=offset)
        hits = [{**h.to_dict(), "marked": V.marked(h)} for h in found.items]
    else:
        docs, total = Q.documents(store, filters, limit=per_page, offset=offset)
        hits = [{"document": d["id"], "source": d["source"], "title": d["title"], "published": d["published"],
                 "score": None, "marked": []} for d in docs]
    return {"params": params, "hits": hits, "kinds": Q.claim_kinds(store),
            "pager": V.pager("/search", params, total, page, per_page, len(hits)).to_dict()}


@router.get("/search", response_class=HTMLResponse, summary="Search page")
def search(request: Request, data: Data = Depends(search_data)) -> Response:
    """The search page."""
    return respond(request, "search.html.jinja", data)


# --- documents ----------------------------------------------------------------------------
@api.get("/documents/{document_id}", summary="A document: metadata, shared entities, top claims")
def document_data(request: Request, document_id: str) -> Data:
    """A document's metadata and its links to what it shares with other documents."""
    store = _corpus(request).store
    doc = Q.document_row(store, document_id)
    if doc is None:
        raise HTTPException(404, f"No document {document_id!r} in this corpus.")
    # the story as last built: checking that the layer is current scans every analysis (~100 ms on 100k)
    return {"document": doc, "story": Q.document_story(store, document_id),
            "shared_entities": Q.shared_entities(store, document_id),
            "claims": Q.document_claims(store, document_id),
            "quotes": [qt.to_dict() for qt in _doc_quotes(store, document_id)]}


def _doc_quotes(store: Any, document_id: str) -> list[Any]:
    """The document's quotes (from the stored analysis' query rows)."""
    from presslens.store.base import DocSpan, QuoteHit

    rows = store.fetchall("SELECT quote_id, start_char, end_char, text, direct, speaker_name, speaker_id, "
                          "speaker_status, speaker_confidence FROM quotes WHERE document_id = ? "
                          "ORDER BY start_char LIMIT 50", (document_id,))
    return [QuoteHit(document_id, "", r[0], DocSpan(document_id, r[1], r[2], r[3]), bool(r[4]), r[5], r[6], None,
                     r[7], r[8]) for r in rows]


@router.get("/documents/{document_id}", response_class=HTMLResponse, summary="Document page")
def document(request: Request, data: Data = Depends(document_data)) -> Response:
    """The document page: its links out, and its report."""
    return respond(request, "document.html.jinja", data)


@api.get("/documents/{document_id}/analysis", summary="The stored analysis (presslens JSON contract)")
def analysis_data(request: Request, document_id: str) -> Data:
    """The whole stored analysis of a document."""
    analysis = _corpus(request).analysis(document_id)
    if analysis is None:
        raise HTTPException(404, f"No analysis of {document_id!r} in this corpus.")
    return analysis.to_dict()  # type: ignore[no-any-return]


@router.get("/documents/{document_id}/report", response_class=HTMLResponse, summary="The stand-alone report")
def report(request: Request, document_id: str) -> Response:
    """The self-contained HTML report (its own hashed-script CSP), shown framed in the document page."""
    from presslens.present.html import render_html
    from presslens.present.html.render import _static, csp

    analysis = _corpus(request).analysis(document_id)
    if analysis is None:
        raise HTTPException(404, f"No analysis of {document_id!r} in this corpus.")
    policy = csp(_static("report.js")) + "; frame-ancestors 'self'"
    return HTMLResponse(render_html(analysis), headers={"Content-Security-Policy": policy})


# --- entities -----------------------------------------------------------------------------
@api.get("/entities", summary="Names found in the most documents")
def entities_data(request: Request, type: str = Query("", max_length=40, description="PERSON, ORG, GPE…"),
                  top: int = Query(50, ge=1, le=1000)) -> Data:
    """The most-found names, with the number of distinct names in all."""
    corpus = _corpus(request)
    total = int(corpus.store.fetchone("SELECT count(*) FROM entity_totals" + (" WHERE type = ?" if type else ""),
                                      [type] if type else [])[0])
    types = [r[0] for r in corpus.store.fetchall("SELECT DISTINCT type FROM entity_totals ORDER BY type")]
    return {"params": {"type": type, "top": top}, "types": types, "total": total,
            "items": [e.to_dict() for e in corpus.entities(type=type or None, top=top).items]}


@router.get("/entities", response_class=HTMLResponse, summary="Entities page")
def entities(request: Request, data: Data = Depends(entities_data)) -> Response:
    """The entities list."""
    return respond(request, "entities.html.jinja", data)


@api.get("/entity", summary="One name across the corpus: mentions, aliases, roles, timeline, quotes, claims")
def entity_data(request: Request, name: str = Query(..., min_length=1, max_length=200),
                limit: int = Query(50, ge=1, le=500, description="documents, quotes and claims shown")) -> Data:
    """Every mention across documents, aliases and roles, the events' timeline, quotes and claims about it."""
    corpus = _corpus(request)
    profile = corpus.entity(name, limit=limit)
    if profile is None:
        raise HTTPException(404, f"No entity named {name!r} in this corpus.")
    timeline = [t.to_dict() for t in corpus.timeline(entity=name, limit=limit).items]
    dated, undated = V.split_timeline(timeline)
    quotes = corpus.quotes(speaker=name, limit=limit)
    claims = corpus.claims(entity=name, limit=limit)
    return {"params": {"name": name, "limit": limit}, "profile": profile.to_dict(),
            "timeline": dated, "undated": undated, "quotes": [q.to_dict() for q in quotes.items],
            "quotes_more": quotes.more, "claims": [c.to_dict() for c in claims.items], "claims_more": claims.more,
            "claims_total": Q.count_claims(corpus.store, entity=name, speaker=None, kind=None, min_score=None)}


@router.get("/entity", response_class=HTMLResponse, summary="Entity page")
def entity(request: Request, data: Data = Depends(entity_data)) -> Response:
    """The entity page."""
    return respond(request, "entity.html.jinja", data)


# --- claims -------------------------------------------------------------------------------
def _claim_filters(entity: str = Query("", max_length=200), speaker: str = Query("", max_length=200),
                   kind: str = Query("", max_length=40),
                   min_score: str = Query("", pattern=SCORE, description="lowest check-worthiness (0–1)")) -> Data:
    """The claims explorer's filters."""
    return {"entity": entity.strip() or None, "speaker": speaker.strip() or None, "kind": kind or None,
            "min_score": _score(min_score)}


@api.get("/claims", summary="Claims, most check-worthy first, filtered")
def claims_data(request: Request, f: Data = Depends(_claim_filters), page: int = Page,
                per_page: int = PerPage) -> Data:
    """The desk's work list: claims sorted by check-worthiness, filtered, paginated, with the total."""
    per_page = _per_page(per_page)
    corpus = _corpus(request)
    found = corpus.claims(**f, limit=per_page, offset=(page - 1) * per_page)
    total = Q.count_claims(corpus.store, **f)
    params = {**f, "per_page": per_page if per_page != 20 else None}
    return {"params": params, "kinds": Q.claim_kinds(corpus.store), "items": [c.to_dict() for c in found.items],
            "pager": V.pager("/claims", params, total, page, per_page, len(found.items)).to_dict(),
            "csv": "/claims.csv" + V.query_string(f)}


@router.get("/claims", response_class=HTMLResponse, summary="Claims explorer")
def claims(request: Request, data: Data = Depends(claims_data)) -> Response:
    """The claims explorer."""
    return respond(request, "claims.html.jinja", data)


CSV_COLUMNS = ("document", "source", "claim_id", "start", "end", "text", "kind", "checkworthiness", "attribution",
               "speaker", "cue", "reasons")


def _cell(value: Any) -> Any:
    """A CSV cell, with formula-looking text defused (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_rows(corpus: Any, f: Data) -> Iterator[str]:
    """The CSV text of every claim of the view, a page of rows at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    offset, batch = 0, 2000
    while True:
        found = corpus.claims(**f, limit=batch, offset=offset)
        for c in found.items:
            writer.writerow([_cell(v) for v in (c.document, c.source, c.claim_id, c.span.start, c.span.end,
                             c.span.text, c.kind, f"{c.checkworthiness:.4f}", c.attribution, c.speaker or "",
                             c.cue.text if c.cue else "", " | ".join(c.reasons))])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
        if not found.more:
            return
        offset += batch


@router.get("/claims.csv", summary="The claims view as CSV (every row, not only one page)",
            response_class=StreamingResponse)
def claims_csv(request: Request, f: Data = Depends(_claim_filters)) -> Response:
    """Export the current claims view to CSV."""
    return StreamingResponse(_csv_rows(_corpus(request), f), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="presslens-claims.csv"'})


@api.get("/claims/{document_id}/{claim_id}", summary="One claim: evidence in context, same wording elsewhere")
def claim_data(request: Request, document_id: str, claim_id: str) -> Data:
    """A claim with its evidence span in context and the documents that carry the same wording."""
    store = _corpus(request).store
    claim = Q.claim_detail(store, document_id, claim_id)
    if claim is None:
        raise HTTPException(404, f"No claim {claim_id!r} in document {document_id!r}.")
    rows = store.fetchall("SELECT c.document_id, c.claim_id, d.source FROM claims c JOIN documents d "
                          "ON d.id = c.document_id WHERE c.text = ? AND c.document_id <> ? LIMIT 50",
                          (claim["span"]["text"], document_id))
    claim["same_wording"] = [{"document": r[0], "claim_id": r[1], "source": r[2]} for r in rows]
    claim["crossdoc"] = claim_views.claim_record(store, document_id, claim_id)
    return claim


@router.get("/claims/{document_id}/{claim_id}", response_class=HTMLResponse, summary="Claim page")
def claim(request: Request, data: Data = Depends(claim_data)) -> Response:
    """The claim page."""
    return respond(request, "claim.html.jinja", data)


# --- stories ------------------------------------------------------------------------------
def _read_only(request: Request) -> bool:
    """Whether the app only reads its store (``--read-only``): derived tables are then never rebuilt."""
    config: WebConfig = request.app.state.config
    return config.read_only


@api.get("/stories", summary="Stories (articles about one event), largest first, paginated")
def stories_data(request: Request, min_documents: int = Query(2, ge=1, le=10_000,
                                                              description="stories with at least this many documents"),
                 page: int = Page, per_page: int = PerPage) -> Data:
    """Stories with at least ``min_documents`` documents, largest first, with the exact total."""
    per_page = _per_page(per_page)
    corpus = _corpus(request)
    found = corpus.stories(min_documents=min_documents, limit=per_page, offset=(page - 1) * per_page,
                           refresh=not _read_only(request))
    total = Q.story_count(corpus.store, min_documents)
    params = {"min_documents": min_documents if min_documents != 2 else None,
              "per_page": per_page if per_page != 20 else None}
    return {"params": {**params, "min_documents": min_documents}, "items": [s.to_dict() for s in found.items],
            "pager": V.pager("/stories", params, total, page, per_page, len(found.items)).to_dict()}


@router.get("/stories", response_class=HTMLResponse, summary="Stories page")
def stories(request: Request, data: Data = Depends(stories_data)) -> Response:
    """The list of stories."""
    return respond(request, "stories.html.jinja", data)


@api.get("/stories/{story_id}", summary="One story: its articles grouped by syndication, dates, places, people")
def story_data(request: Request, story_id: str) -> Data:
    """A story's articles grouped by syndication group, its dates, sources, places and people."""
    found = _corpus(request).story(story_id, refresh=not _read_only(request))
    if found is None:
        raise HTTPException(404, f"No story {story_id!r} in this corpus.")
    data = found.to_dict()
    links = claim_views.story_links(_corpus(request).store, [m["document"] for m in data["members"]])
    return {"story": data, "groups": V.syndication_groups(data["members"]),
            "outlets": sorted({m["source"] for m in data["members"]}),
            "claims": {"corroborated": links["corroborates"], "contradicted": links["contradicts"]}}


@router.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story page")
def story(request: Request, data: Data = Depends(story_data)) -> Response:
    """The story page."""
    return respond(request, "story.html.jinja", data)


# --- analyse ------------------------------------------------------------------------------
@router.get("/analyse", response_class=HTMLResponse, summary="Paste or upload an article")
def analyse_form(request: Request) -> Response:
    """The analyse form."""
    config: WebConfig = request.app.state.config
    return respond(request, "analyse.html.jinja", {"max_bytes": config.max_upload_bytes,
                                                   "types": sorted(UPLOAD_TYPES)})


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


@router.post("/analyse", response_class=HTMLResponse, summary="Analyse a pasted or uploaded article (form, CSRF)")
async def analyse(request: Request) -> Response:
    """Check the form (CSRF, size, type), queue the analysis, go to its progress page."""
    config: WebConfig = request.app.state.config
    if config.read_only:
        return error_page(request, 403, "This server is read-only: analysing new articles is switched off.")
    try:
        form = await request.form(max_files=1, max_fields=5, max_part_size=config.max_upload_bytes + 1)
    except StarletteHTTPException as exc:  # the form parser refused a part (too large, too many fields)
        too_big = "maximum size" in str(exc.detail).lower()
        return error_page(request, 413 if too_big else 400, f"Refused: the upload is over the "
                          f"{config.max_upload_bytes:,}-byte limit." if too_big else f"Refused: {exc.detail}")
    if not S.csrf_ok(config.secret, request.cookies.get(S.CSRF_COOKIE), str(form.get("csrf") or "")):
        return error_page(request, 403, "Refused: the form's security token is missing or stale. "
                          "Reload the page and send it again.")
    data, label, problem = await _article(form, config)
    if problem:
        return error_page(request, 413 if "limit" in problem else 400, problem)
    job = request.app.state.jobs.submit(data, label)
    return redirect(f"/jobs/{job.id}")


async def _article(form: Any, config: WebConfig) -> tuple[bytes, str, str]:
    """The article's bytes and label from the form, or a reason to refuse it."""
    upload = form.get("file")
    text = str(form.get("text") or "")
    limit = config.max_upload_bytes
    if upload is not None and not isinstance(upload, str) and upload.filename:
        name = _SAFE_NAME.sub("_", upload.filename)[-80:]
        suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
        if suffix not in UPLOAD_TYPES:
            return b"", "", f"Refused: {suffix or 'a file without extension'} is not accepted " \
                            f"(accepted: {', '.join(sorted(UPLOAD_TYPES))})."
        data = await upload.read(limit + 1)
        if len(data) > limit:
            return b"", "", f"Refused: the upload is over the {limit:,}-byte limit."
        return (data, name, "") if data.strip() else (b"", "", "Refused: the file is empty.")
    data = text.encode("utf-8")
    if len(data) > limit:
        return b"", "", f"Refused: the pasted text is over the {limit:,}-byte limit."
    return (data, "pasted text", "") if text.strip() else (b"", "", "Paste an article or choose a file.")


@api.get("/jobs/{job_id}", summary="Where an analysis stands")
def job_data(request: Request, job_id: str) -> Data:
    """The job's state (queued, analysing, done, failed) and, once done, its document."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "No such analysis (the server may have restarted).")
    return dict(job.to_dict())


@router.get("/jobs/{job_id}", response_class=HTMLResponse, summary="Analysis progress page")
def job(request: Request, data: Data = Depends(job_data)) -> Response:
    """Progress of an analysis; sends the browser to the report when it is stored."""
    if data["state"] == "done" and not wants_json(request):
        return redirect(f"/documents/{data['document_id']}")
    return respond(request, "job.html.jinja", {"job": data})


# --- API documentation --------------------------------------------------------------------
@router.get("/docs", response_class=HTMLResponse, summary="The API, from FastAPI's OpenAPI document")
def docs(request: Request) -> Response:
    """FastAPI's OpenAPI document as a page of this app (Swagger UI would load scripts from a CDN)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in sorted(spec.get("paths", {}).items()):
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params})
    return respond(request, "docs.html.jinja", {"title": spec["info"]["title"], "version": spec["info"]["version"],
                                                "operations": ops})
