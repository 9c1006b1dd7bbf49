"""Rhetoric layer on invented texts: genre of clear-cut texts with true reasons, loadedness, quoted vs author spans."""

from __future__ import annotations

import pytest

from presslens.analyzers.base import Context
from presslens.ingest import ingest_text
from presslens.settings import Settings

REPORTING = [
    "The city council voted 7-2 on Tuesday to approve a new budget, officials said. According to the "
    "mayor's office, the plan includes $3 million for road repairs and two new bus routes.\n\n"
    "\"We expect work to begin in the spring,\" said council member Ana Ruiz. The measure reportedly "
    "drew objections from two members, who said it did not fund libraries. A final vote is expected next month.",
    "Shares in the regional carrier Northair rose 4% in early trading after the company reported higher "
    "quarterly revenue, the firm said in a statement. Analysts at a Frankfurt bank estimated that demand "
    "would remain stable through the summer.\n\nThe company told investors it may add three routes. "
    "Chief executive Lena Berg said the results were in line with guidance.",
    "Heavy rain caused flooding in parts of the northern province on Sunday, local authorities said. "
    "About 200 residents were moved to shelters, according to the regional fire service.\n\n"
    "Forecasters said more rain was possible on Monday. Roads near the river were closed, police added.",
]
OPINION = [
    "I have watched this disgraceful council betray our city for years. We deserve better than these "
    "incompetent puppets of the developers! Why do we keep electing them?\n\nMake no mistake: their "
    "reckless budget will destroy everything our parents built. I say enough is enough.",
    "Let me be blunt: the so-called reform is a shameless fraud, and every one of us will pay for it. "
    "Our leaders have never cared about ordinary families. They lie, they cheat, and they laugh at us.\n\n"
    "We must stand up now, before it is too late, or we will lose the country we love.",
    "You would think a minister would know better. I certainly did. But this government has turned "
    "a modest problem into a national disaster, and its cheerleaders call that success. Absurd!\n\n"
    "We need honest leaders, not these arrogant clowns.",
]
SATIRE = [
    "Area Man Heroically Finishes Entire Pizza Before Roommate Gets Home\n\nSPRINGFIELD — Sources confirmed "
    "Tuesday that a local man completed an entire large pizza in what witnesses called a historic display "
    "of commitment. At press time, the area man was reportedly considering a second pizza.",
]


@pytest.fixture(scope="module")
def run(nlp):
    """Analyse an invented text with the techniques layer only."""
    from presslens.analyzers.techniques import make_techniques

    analyzer = make_techniques()
    settings = Settings(layers=("techniques",))

    def go(text: str):
        doc = ingest_text(text, settings=settings)
        return doc, analyzer(doc, Context(nlp_doc=nlp(doc.text), settings=settings, layers={}))

    return go


@pytest.mark.parametrize("text", REPORTING)
def test_reporting_texts_are_reporting(run, text: str) -> None:
    _, out = run(text)
    assert out["genre"].label == "reporting", out["genre"]


@pytest.mark.parametrize("text", OPINION)
def test_opinion_texts_are_opinion(run, text: str) -> None:
    _, out = run(text)
    assert out["genre"].label == "opinion", out["genre"]


def test_genre_scores_are_a_distribution_over_three_labels(run) -> None:
    _, out = run(SATIRE[0])
    scores = dict(out["genre"].scores)
    assert set(scores) == {"reporting", "opinion", "satire"}
    assert sum(scores.values()) == pytest.approx(1.0, abs=0.01)
    assert scores[out["genre"].label] == out["genre"].score == max(scores.values())


@pytest.mark.parametrize("text", REPORTING + OPINION + SATIRE)
def test_genre_reasons_are_true_of_the_text(run, text: str) -> None:
    """Every reason is a feature the text has (value above zero), with example words from the text."""
    from presslens.analyzers.techniques.genre import WORD_GROUPS

    doc, out = run(text)
    for reason in out["genre"].reasons:
        assert reason.value > 0 and reason.contribution > 0
        words = {w.lower() for s in reason.examples for w in [doc.text_of(s)]}
        if reason.feature in WORD_GROUPS:
            assert words and words <= set(WORD_GROUPS[reason.feature][1])
        for span in reason.examples:
            assert doc.text_of(span).strip() == doc.text_of(span) != ""


def test_first_person_reason_points_at_the_pronouns(run) -> None:
    doc, out = run(OPINION[0])
    firsts = [r for r in out["genre"].reasons if r.feature == "first_singular"]
    for r in firsts:
        assert {doc.text_of(s).lower() for s in r.examples} <= {"i", "me", "my", "mine", "myself"}


def test_opinion_paragraphs_are_more_loaded_than_reporting(run) -> None:
    _, rep = run(REPORTING[0])
    _, op = run(OPINION[0])
    rep_max = max(x.value for x in rep["loadedness"])
    op_min = min(x.value for x in op["loadedness"])
    assert op_min > rep_max


def test_loadedness_covers_every_paragraph_and_is_bounded(run) -> None:
    doc, out = run(OPINION[1])
    assert len(out["loadedness"]) == len(doc.paragraphs)
    assert all(0.0 <= x.author_value <= x.value <= 1.0 for x in out["loadedness"])


def test_name_calling_and_loaded_words_are_flagged_with_explanations(run) -> None:
    doc, out = run(OPINION[2])
    found = {(doc.text_of(t.span).lower(), t.technique) for t in out["techniques"]}
    texts = " | ".join(t for t, _ in found)
    assert "clowns" in texts and "disaster" in texts
    assert any("clowns" in t and tech == "Name_Calling,Labeling" for t, tech in found)
    assert all(t.explanation and 0.0 < t.score <= 1.0 for t in out["techniques"])


def test_quoted_loaded_language_is_not_the_authors(run) -> None:
    text = ("The senator spoke to reporters on Monday. \"These people are traitors and thugs,\" she said "
            "of the protest organisers. Police said the march was peaceful.")
    doc, out = run(text)
    inside = [t for t in out["techniques"] if "traitors" in doc.text_of(t.span) or "thugs" in doc.text_of(t.span)]
    assert inside and all(t.quoted for t in inside)
    assert all(x.author_value < x.value for x in out["loadedness"] if x.value > 0)


def test_offsets_index_the_text(run) -> None:
    doc, out = run(OPINION[0])
    for t in out["techniques"]:
        assert 0 <= t.span.start < t.span.end <= len(doc.text)
        assert doc.text_of(t.span) == doc.text_of(t.span).strip()
