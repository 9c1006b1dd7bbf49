"""Issue 15's reading of the report, checked in Chromium at 1280 px and 390 px.

Default layers (quotes, top claims, uncertain findings), the events table at 1280 px, claims by
check-worthiness, the headline on line 1, undated timeline rows apart, entities by confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_browser import Visit, browser, pytestmark  # noqa: F401 (shared Chromium fixture, marks)
from web_cases import fixes_analysis

from presslens.present.html import render_html


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the invented Marrow Bay article."""
    path = tmp_path_factory.mktemp("fixes") / "fixes.html"
    path.write_text(render_html(fixes_analysis()), encoding="utf-8")
    return path


@pytest.fixture(params=[1280, 390], ids=["1280px", "390px"])
def page(request: pytest.FixtureRequest, browser: Any, report: Path) -> Iterator[Any]:
    """The report opened at each width (screenshot saved after the test)."""
    v = Visit(browser, report, request.param)
    yield v.page
    assert v.errors == []
    v.shot(f"report-fixes-{request.node.originalname.removeprefix('test_')}-{request.param}.png")
    v.close()


def _background(loc: Any) -> str:
    """Computed background image of an element (the claim underline)."""
    return str(loc.evaluate("e => getComputedStyle(e).backgroundImage"))


def test_default_layers_are_quotes_top_claims_and_uncertain(page: Any) -> None:
    """Quotes and claims ticked, the rest not; only check-worthy claims underlined until "all claims"."""
    ticked = page.eval_on_selector_all("input[data-layer]", "els => els.filter(e => e.checked).map(e => e.dataset.layer)")
    assert ticked == ["quote", "claim"]
    top = page.locator("#article .cl.cw-4").first
    low = page.locator("#article .cl.cw-0").first
    assert _background(top) != "none" and _background(low) == "none"
    unsure = page.locator("#article .ent.unc").first
    assert unsure.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    sure = page.locator("#article .ent:not(.unc)").first
    assert sure.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.locator("#all-claims").check()
    assert _background(low) != "none"
    page.locator("input[data-layer='ent']").check()
    assert sure.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_events_table_type_names_whole_and_dates_visible(page: Any) -> None:
    """Each event type sits on one line, and the date column is inside the visible panel (1280 px)."""
    page.locator("#panel-events summary").click() if page.locator("#panel-events:not([open])").count() else None
    table = page.locator("#panel-events table")
    table.scroll_into_view_if_needed()
    for link in page.locator("#panel-events td.ev-type a").all():
        assert link.evaluate("e => e.getClientRects().length") == 1
        assert link.evaluate("e => e.offsetWidth >= e.scrollWidth")
    if page.viewport_size["width"] >= 1280:
        box = page.locator("#panel-events .scroll").bounding_box()
        for cell in page.locator("#panel-events .ev-date").all():
            cb = cell.bounding_box()
            assert cb["x"] + cb["width"] <= box["x"] + box["width"] + 1
        assert page.locator("#panel-events .scroll").evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_claims_sorted_by_checkworthiness(page: Any) -> None:
    """The claims table opens most check-worthy first; the Claim header restores document order."""
    scores = [float(x) for x in page.eval_on_selector_all("#claims-table tbody tr", "rs => rs.map(r => r.dataset.score)")]
    assert scores == sorted(scores, reverse=True) == [0.93, 0.78, 0.41, 0.12]
    page.locator("#claims-table button.sort[data-key='pos']").click()
    pos = page.eval_on_selector_all("#claims-table tbody tr", "rs => rs.map(r => +r.dataset.pos)")
    assert pos == [1, 2, 3, 4]


def test_headline_on_line_one_is_the_title(page: Any) -> None:
    """A headline followed by one line break is the title, not "(untitled article)"."""
    assert page.locator("header.head h1").inner_text() == "Dockers blockade Marrow Bay terminal as talks collapse"


def test_undated_timeline_rows_are_apart(page: Any) -> None:
    """Dated rows in one list, undated ones under their own heading."""
    assert page.locator("#tl-dated li").count() == 1
    assert page.locator("#tl-undated li").count() == 2
    assert "undated" not in page.locator("#tl-dated").inner_text().lower()
    assert page.locator(".tl-undated-h").inner_text().startswith("Undated (2)")


def test_entities_by_confidence_uncertain_last(page: Any) -> None:
    """Surest entity cards first; the street address "person" last and marked uncertain."""
    names = page.eval_on_selector_all("#panel-entities .card", "cs => cs.map(c => c.className)")
    assert "uncertain" in names[-1] and all("uncertain" not in n for n in names[:-1])
    assert "12 Harbour Street" in page.locator("#panel-entities .card").last.inner_text()


def test_phone_width_has_no_sideways_scroll(page: Any) -> None:
    """The page fits the viewport at both widths."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
