"""The HTML report in headless Chromium: offline, interactive, inert on hostile input.

Uses Debian's ``chromium`` (installed by .ci/run) through Playwright's
``executable_path``; ``playwright install`` is never run (it downloads a
browser).  Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "present"))

from test_html_safety import hostile_analysis  # noqa: E402
from test_html_sample import sample_analysis  # noqa: E402

from presslens.present.html import render_html  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed; "
                       "apt-get install chromium (.ci/run does) to run the browser tests"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample and hostile reports written to files."""
    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for name, analysis in (("sample", sample_analysis()), ("hostile", hostile_analysis())):
        paths[name] = out / f"{name}.html"
        paths[name].write_text(render_html(analysis), encoding="utf-8")
    return paths


class Visit:
    """An opened page with its request, console-error and dialog logs."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready='1']")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign_requests(self) -> list[str]:
        """Requests other than the document itself and data: URLs."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]

    def shot(self, name: str) -> Path:
        """Full-page screenshot under test-artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        """Close the browser context."""
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """Factory opening reports; closes every page after the test."""
    opened: list[Visit] = []

    def open_(path: Path, width: int = 1280) -> Visit:
        v = Visit(browser, path, width)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def test_report_opens_offline_with_no_request(visit: Any, reports: dict[str, Path]) -> None:
    """Only the file itself is loaded; no script error; screenshot at 1280 px."""
    v = visit(reports["sample"])
    assert v.foreign_requests() == []
    assert v.errors == []
    assert v.page.locator("#panel-entities .card").count() == 6
    assert v.shot("report-1280.png").stat().st_size > 10_000


def test_phone_width_has_no_horizontal_scroll(visit: Any, reports: dict[str, Path]) -> None:
    """At 390 px the page reflows to one column without sideways scrolling."""
    v = visit(reports["sample"], width=390)
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 391
    assert v.shot("report-390.png").stat().st_size > 10_000


def test_layer_toggles_hide_and_show(visit: Any, reports: dict[str, Path]) -> None:
    """Entities and dates start off (issue 15: the desk's layers first); ticking shows them, unticking hides."""
    v = visit(reports["sample"])
    page = v.page
    ent = page.locator("#article .et-PERSON").first
    date = page.locator("#article .tx").first
    assert ent.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert date.evaluate("e => getComputedStyle(e).borderBottomColor") == "rgba(0, 0, 0, 0)"
    page.get_by_label("Entities", exact=False).first.check()
    page.locator("input[data-layer='date']").check()
    assert ent.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert date.evaluate("e => getComputedStyle(e).borderBottomColor") != "rgba(0, 0, 0, 0)"
    page.locator("input[data-layer='ent']").uncheck()
    assert ent.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_clicking_an_entity_marks_all_mentions_and_opens_card(visit: Any, reports: dict[str, Path]) -> None:
    """A click on one mention selects all three mentions of the person and their card."""
    v = visit(reports["sample"])
    page = v.page
    page.locator("input[data-layer='ent']").check()  # off by default (issue 15)
    page.locator("#article .e-E1").first.click()
    mentions = page.locator("#article .e-E1.sel").evaluate_all(
        "els => [...new Set(els.flatMap(e => e.dataset.a.split(' ').filter(i => i.startsWith('m-E1-'))))]")
    assert sorted(mentions) == ["m-E1-0", "m-E1-1", "m-E1-2"]
    assert page.locator("#article .e-E1:not(.sel)").count() == 0
    assert "open" in (page.locator("#ent-E1").get_attribute("class") or "")
    assert page.locator("#article .sel:not(.e-E1)").count() == 0
    v.shot("report-entity-selected.png")


def test_keyboard_reaches_highlights_and_enter_activates(visit: Any, reports: dict[str, Path]) -> None:
    """Tab reaches a highlight, its tooltip shows, Enter on an entity selects it."""
    page = visit(reports["sample"]).page
    page.locator("input[data-layer='ent']").check()  # off by default (issue 15)
    first = page.locator("#article .s[tabindex='0']").first
    first.focus()
    assert page.locator("#tip").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('s')")
    tip = page.locator("#tip").inner_text()
    assert tip.strip() != ""


def test_hidden_layers_leave_the_tab_order(visit: Any, reports: dict[str, Path]) -> None:
    """With every layer hidden no highlight is focusable; showing one brings its stops back."""
    page = visit(reports["sample"]).page
    for box in page.locator("input[data-layer]").all():
        box.uncheck()
    assert page.locator("#article .s[tabindex='0']").count() == 0
    page.locator("input[data-layer='date']").check()
    stops = page.locator("#article .s[tabindex='0']")
    assert stops.count() >= 5
    assert stops.evaluate_all("els => els.every(e => e.classList.contains('tx'))")


def test_print_keeps_highlights_and_hides_controls(visit: Any, reports: dict[str, Path]) -> None:
    """Under print media the toolbar goes, highlights keep exact colours, panels are open."""
    v = visit(reports["sample"])
    page = v.page
    page.locator("input[data-layer='ent']").check()  # what is shown is printed; entities are off by default
    page.emulate_media(media="print")
    assert not page.locator("nav.toolbar").is_visible()
    ent = page.locator("#article .et-PERSON").first
    assert ent.evaluate("e => getComputedStyle(e).printColorAdjust") == "exact"
    assert ent.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    v.shot("report-print.png")


def test_claims_filter_and_sort(visit: Any, reports: dict[str, Path]) -> None:
    """Filtering by kind hides other rows; sorting by score orders rows."""
    page = visit(reports["sample"]).page
    rows = page.locator("#claims-table tbody tr")
    page.select_option("#f-kind", "opinion")
    assert rows.locator("visible=true").count() == 1
    page.select_option("#f-kind", "")
    page.click("button.sort[data-key='score']")
    scores = [float(s) for s in rows.evaluate_all("rs => rs.map(r => r.dataset.score)")]
    assert scores == sorted(scores, reverse=True)


def test_entity_type_filter(visit: Any, reports: dict[str, Path]) -> None:
    """Choosing a type leaves only the cards of that type."""
    page = visit(reports["sample"]).page
    page.select_option("#f-etype", "PERSON")
    assert page.locator("#panel-entities .card:visible").count() == 2


def test_timeline_link_jumps_to_text(visit: Any, reports: dict[str, Path]) -> None:
    """Clicking a timeline row flashes its evidence in the article."""
    page = visit(reports["sample"]).page
    page.locator("svg.tl a.tl-row").first.click()
    assert page.locator("#article .flash").count() >= 1


def test_hostile_document_runs_no_script(visit: Any, reports: dict[str, Path]) -> None:
    """No hostile script, handler or URL fires; text is shown; no request; no dialog."""
    v = visit(reports["hostile"])
    page = v.page
    for seg in page.locator("#article .s").all()[:20]:
        seg.hover()
    page.locator("#article .s[tabindex='0']").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert v.dialogs == []
    assert v.foreign_requests() == []
    assert page.locator("iframe, img, textarea, link").count() == 0
    assert "<script>window.__pwned = 1" in page.locator("h1").inner_text()
    assert "javascript:alert(document.cookie)" in page.locator("#article").inner_text()
    v.shot("report-hostile-1280.png")


def test_hostile_document_through_the_real_pipeline(visit: Any, tmp_path: Path) -> None:
    """The hostile fixture analysed by presslens.analyze renders inert in the browser."""
    import presslens
    from presslens.errors import PresslensError

    text = (ROOT / "tests" / "fixtures" / "hostile.txt").read_text(encoding="utf-8")
    try:
        analysis = presslens.analyze(text, source="hostile.txt")
    except PresslensError as exc:
        pytest.skip(f"pipeline unavailable: {exc}")
    path = tmp_path / "hostile-real.html"
    path.write_text(render_html(analysis), encoding="utf-8")
    v = visit(path)
    for seg in v.page.locator("#article .s[tabindex='0']").all()[:15]:
        seg.focus()
        v.page.keyboard.press("Enter")
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    assert v.dialogs == [] and v.foreign_requests() == [] and v.errors == []


def test_real_pipeline_reports_render(visit: Any, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The seed and example analyses by the real pipeline render with every layer they have."""
    from presslens.errors import PresslensError

    try:
        analyses = dict(request.getfixturevalue("example_analyses"))
        seed = request.getfixturevalue("seed_analysis") if _has_seed() else None
    except PresslensError as exc:
        pytest.skip(f"pipeline unavailable: {exc}")
    if seed is not None:
        analyses["seed"] = seed
    for name, analysis in analyses.items():
        path = tmp_path / f"{Path(name).stem}.html"
        path.write_text(render_html(analysis), encoding="utf-8")
        v = visit(path)
        assert v.foreign_requests() == [] and v.errors == []
        for layer, cls in (("entities", ".ent"), ("timexes", ".tx"), ("quantities", ".qt"),
                           ("quotes", ".qu"), ("claims", ".cl"), ("techniques", ".tq")):
            if getattr(analysis, layer):
                assert v.page.locator(f"#article {cls}").count() > 0, (name, layer)
        v.shot(f"report-{Path(name).stem}-1280.png")


def _has_seed() -> bool:
    """True when the shared seed article is present."""
    from conftest import seed_path

    return seed_path() is not None
