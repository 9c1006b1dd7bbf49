"""Uncertain entities are shown as uncertain in the terminal summary and the HTML report."""

from __future__ import annotations

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Entity, EntityCandidate
from presslens.model.span import Span
from presslens.present.html.render import render_html
from presslens.present.terminal import render_summary

TEXT = "Hillary Clinton met Bill Clinton in Ohio. Clinton said the plan was sound."


def _span(phrase: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = TEXT.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def _analysis() -> Analysis:
    hillary = Entity("E1", "Hillary Clinton", "PERSON", mentions=(_span("Hillary Clinton"),), confidence=0.97,
                     type_confidence=0.76, mention_confidence=(0.99,), type_uncertain=True)
    bill = Entity("E2", "Bill Clinton", "PERSON", mentions=(_span("Bill Clinton"),), confidence=0.97,
                  type_confidence=0.92, mention_confidence=(0.99,))
    ohio = Entity("E3", "Ohio", "GPE", mentions=(_span("Ohio"),), confidence=0.99, type_confidence=0.9,
                  mention_confidence=(0.99,))
    bare = Entity("E4", "Clinton", "PERSON", mentions=(_span("Clinton", 3),), confidence=0.71, type_confidence=0.9,
                  mention_confidence=(0.99,), uncertain=True,
                  candidates=(EntityCandidate("E1", 0.71), EntityCandidate("E2", 0.29)))
    return Analysis(document=Document(text=TEXT), entities=(bare, hillary, bill, ohio))


def _terminal(analysis: Analysis) -> str:
    from rich.console import Console

    console = Console(width=160, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    for part in render_summary(analysis):
        console.print(part)
    return console.export_text()


def test_terminal_marks_uncertain_entities_and_types():
    """'Clinton ?' with whom it may be, listed after the resolved entities; an unsure type as 'PERSON?'."""
    out = _terminal(_analysis())
    assert "Clinton ?" in out and "may be Hillary Clinton (71%) or Bill Clinton (29%)" in out
    assert "PERSON?" in out
    assert out.index("Clinton ?") > out.index("Ohio")  # resolved entities first


def test_html_card_says_uncertain_and_links_candidates():
    """The report's card is marked uncertain, names its candidates with links, and comes last."""
    page = render_html(_analysis())
    card = page[page.index('id="ent-E4"') - 60 :]
    assert 'class="card uncertain"' in card[:200]
    assert 'href="#ent-E1">Hillary Clinton</a> (71%)' in card and 'href="#ent-E2">Bill Clinton</a> (29%)' in card
    assert page.index('id="ent-E4"') > page.index('id="ent-E3"')
    assert "PERSON?" in page
