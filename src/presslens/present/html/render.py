"""``render_html(analysis) -> str``: one self-contained, offline, inert HTML page.

Safety model (the article is hostile input):
- Jinja2 with autoescape on for every template; no ``|safe`` on article text.
- Data for the script is JSON inside ``<script type="application/json">`` with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped as ``\\uXXXX`` (OWASP XSS
  prevention cheat sheet, rule 3.1), read with ``JSON.parse`` and written to
  the page only through ``textContent``.
- A Content-Security-Policy meta tag: ``default-src 'none'``; the one inline
  script is allowed by its SHA-256 hash (so an injected script could not run
  even if escaping failed), inline styles allowed, images only ``data:``.
- No link ever takes its target from the article: hrefs are ``#anchor`` ids
  built from sanitised record ids.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib import resources
from typing import Any

from presslens.model.analysis import Analysis
from presslens.present.html import annotations as A
from presslens.present.html import view as V
from presslens.present.html.segments import Ann, segment_document

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON text safe to embed inside a <script> element (no tag can close it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, esc in _JSON_ESCAPES.items():
        text = text.replace(char, esc)
    return text


def _static(name: str) -> str:
    """Read a bundled static file (CSS/JS) as text."""
    return resources.files("presslens.present.html").joinpath(f"static/{name}").read_text(encoding="utf-8")


@functools.cache
def _env() -> Any:
    """The Jinja2 environment (autoescape forced on; built once per process)."""
    import jinja2

    loader = jinja2.PackageLoader("presslens.present.html", "templates")
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(layers=A.LAYERS, default_layers=A.DEFAULT_LAYERS, entity_colours=A.ENTITY_COLOURS,
                       other_colour=A.OTHER_COLOUR, speaker_colours=A.SPEAKER_COLOURS)
    return env


def csp(script: str) -> str:
    """The Content-Security-Policy: nothing from the network, only our hashed script."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; script-src 'sha256-" + digest + "'; style-src 'unsafe-inline'; "
            "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _annotations(analysis: Analysis) -> tuple[list[Ann], dict[str, Any]]:
    """Every highlight of every layer, plus the id maps panels link to."""
    ents, mentions = A.entity_anns(analysis)
    claims, quotes, qtys = A.claim_anns(analysis), A.quote_anns(analysis), A.quantity_anns(analysis)
    anns = ents + A.timex_anns(analysis) + qtys + quotes + claims + A.technique_anns(analysis)
    maps = {
        "mentions": mentions,
        "claims": {c.id: a.id for c, a in zip(analysis.claims, claims, strict=True)},
        "quotes": {q.id: a.id for q, a in zip(analysis.quotes, quotes, strict=True)},
        "qtys": [a.id for a in qtys],
    }
    return anns, maps


def _ann_data(ann: Ann) -> list[str]:
    """[layer, label] (+ entity id for mentions) of one annotation, for the script."""
    out = [ann.layer, ann.label]
    if ann.layer == "ent":
        out.append(ann.classes[2][2:])
    return out


def build_context(analysis: Analysis) -> dict[str, Any]:
    """Everything the template needs (pure; exposed for tests)."""
    anns, maps = _annotations(analysis)
    refs = A.RefIndex()
    head = V.header(analysis, refs)
    cards = V.entities_panel(analysis, maps["mentions"])
    ctx: dict[str, Any] = {
        "h": head, "entities": cards,
        "timeline": V.timeline_panel(analysis, refs), "events": V.events_panel(analysis, refs),
        "claims": V.claims_panel(analysis, maps["claims"]),
        "quotes": V.quotes_panel(analysis, maps["quotes"]),
        "quantities": V.quantities_panel(analysis, maps["qtys"]),
        "techniques": V.techniques_panel(analysis),
        "inconsistencies": V.inconsistencies_panel(analysis, refs),
        "map": V.map_panel(cards),
        "claim_kinds": sorted({c.kind for c in analysis.claims}),
        "claim_atts": sorted({c.attribution.type for c in analysis.claims}),
    }
    all_anns = anns + list(refs.anns.values())
    ctx["blocks"] = segment_document(analysis.document, all_anns)
    ctx["data"] = json_for_script({
        "ann": {a.id: _ann_data(a) for a in anns},
        "ent": maps["mentions"],
    })
    return ctx


def render_html(analysis: Analysis) -> str:
    """Render the whole report as one HTML string (opens offline, no requests)."""
    script = _static("report.js")
    ctx = build_context(analysis)
    ctx.update(css=_static("report.css"), script=script, csp=csp(script))
    return str(_env().get_template("report.html.jinja").render(**ctx))
