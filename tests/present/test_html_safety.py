"""The report treats the article as hostile: everything renders as inert text.

String-level checks on a hand-built analysis whose text, entity names, labels
and explanations carry script tags, ``</script>`` inside JSON, ``</textarea>``,
``javascript:`` URLs and attribute-breaking quotes (tests/fixtures/hostile.txt).
The browser test (tests/browser) runs the same page in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from presslens.model.analysis import Analysis
from presslens.model.records import (
    Claim,
    Entity,
    Inconsistency,
    Quantity,
    Quote,
    Technique,
    TimelineEntry,
    Timex,
)
from presslens.model.span import Span
from presslens.present.html import render_html
from presslens.present.html.render import json_for_script

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile.txt"
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "p", "h1", "h2", "h3", "dl", "div", "dt",
    "dd", "code", "span", "nav", "label", "input", "button", "main", "article", "aside", "details", "summary",
    "ul", "li", "ol", "table", "thead", "tbody", "tr", "th", "td", "strong", "section", "footer", "script",
    "svg", "rect", "path", "circle", "line", "text", "select", "option", "output", "br", "noscript",
}


def hostile_analysis() -> Analysis:
    """Records over the hostile fixture, with hostile labels in every layer."""
    from presslens.ingest import ingest_text
    from presslens.settings import Settings

    doc = ingest_text(HOSTILE.read_text(encoding="utf-8"), source='hostile".txt<script>', settings=Settings())
    t = doc.text

    def sp(needle: str) -> Span:
        i = t.index(needle)
        return Span(i, i + len(needle))

    bad = "</script><script>window.__pwned=9</script>"
    ent = Entity('E"1', 'Greta "Ironfist" Holm' + bad, "PERSON</td>", ("<b>x</b>",), ("mayor' onclick='x",),
                 (sp('Greta "Ironfist" Holm'), sp("Holm denied")))
    claim = Claim("C1<", sp('the clause "</script><script>window.__pwned=3</script>" was a typo'), "factual",
                  0.9, (bad, "javascript:alert(1)"))
    return Analysis(
        doc, entities=(ent,),
        quantities=(Quantity("N1", sp("1,200 people"), 1200.0, "<i>", counts=bad),),
        timexes=(Timex("T1", sp("3 March 2024"), "DATE", '2024-03-03"><script>'),),
        claims=(claim,),
        quotes=(Quote("Q1", sp('</script><script>window.__pwned=3</script>'), 'E"1'),),
        techniques=(Technique(sp('" onmouseover="window.__pwned=5" x="'), "Loaded_Language", 0.7, bad),
                    Technique(sp("traitors"), "Name_Calling,Labeling", 0.8, "javascript:window.__pwned=10")),
        timeline=(TimelineEntry("2024-03-03", "day", bad, sp("3 March 2024")),),
        inconsistencies=(Inconsistency("date<order>", bad, (sp("3 March 2024"), sp("5 March 2024"))),),
    )


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the raw text of script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def page() -> str:
    """The rendered hostile report."""
    return render_html(hostile_analysis())


@pytest.fixture(scope="module")
def parsed(page: str) -> _Collector:
    """The hostile report parsed by the standard library parser."""
    c = _Collector()
    c.feed(page)
    return c


def test_only_our_two_scripts_exist(page: str, parsed: _Collector) -> None:
    """The page holds exactly our JSON island and our script; no hostile <script> survives."""
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert [t for t, _ in parsed.tags if t == "script"] == ["script", "script"]
    assert "&lt;script&gt;window.__pwned = 1" in page


def test_no_tag_or_attribute_comes_from_the_article(parsed: _Collector) -> None:
    """Only the template's tags appear; no event handler, src, or javascript: link."""
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "autofocus", "action", "formaction"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith("#"), value
    span_attrs = {n for t, a in parsed.tags if t == "span" for n in a}
    assert span_attrs <= {"class", "data-a", "tabindex", "id", "aria-hidden", "style"}, span_attrs
    metas = [a for t, a in parsed.tags if t == "meta"]
    assert all(a.get("http-equiv") in (None, "Content-Security-Policy") for a in metas)


def test_hostile_strings_render_as_visible_text(page: str) -> None:
    """The dangerous strings are shown escaped (readable), not dropped."""
    assert "&lt;/textarea&gt;&lt;img src=x onerror=" in page
    assert "javascript:alert(document.cookie)" in page
    assert "&lt;style&gt;body{display:none}&lt;/style&gt;" in page
    assert "{{ 7*7 }}" in page  # a template is never evaluated on article text
    assert "Greta &#34;Ironfist&#34; Holm" in page or "Greta &quot;Ironfist&quot; Holm" in page


def test_json_island_is_inert_and_parses(parsed: _Collector) -> None:
    """The data island contains no '<' at all, and still round-trips through JSON."""
    island = parsed.scripts[0]
    assert "<" not in island and ">" not in island and "\u2028" not in island
    data = json.loads(island)
    labels = " ".join(v[1] for v in data["ann"].values())
    assert "</script><script>window.__pwned=9</script>" in labels


def test_csp_forbids_network_and_pins_the_script(parsed: _Collector) -> None:
    """default-src 'none', no remote source, and the script hash matches our script."""
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert "http" not in csp and "'unsafe-eval'" not in csp
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[1].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_json_for_script_escapes_every_closing_sequence() -> None:
    """No closing tag, comment opener or line separator survives the JSON encoding."""
    out = json_for_script({"a": "</script><!-- \u2028 & >"})
    assert re.search(r"[<>&\u2028]", out) is None
    assert json.loads(out) == {"a": "</script><!-- \u2028 & >"}


def test_no_external_resource_reference(page: str) -> None:
    """Nothing in the markup (outside the article's escaped text) names a URL scheme."""
    without_text = re.sub(r">[^<]*<", "><", page)
    assert "http://" not in without_text.replace("http://www.w3.org/2000/svg", "")
    assert "url(" not in without_text
