"""Events and timeline on the seed article (read at run time; skipped when absent)."""

from __future__ import annotations

import pytest


def trig(analysis, ev) -> str:
    """The trigger words of an event."""
    return analysis.document.text[ev.trigger.start:ev.trigger.end].lower()


def names(analysis, ids) -> str:
    """Entity names of some ids, joined, lower-cased."""
    return " ".join(e.name for e in (analysis.entity(i) for i in ids) if e).lower()


def anchored(analysis, value):
    """A date that needs the document date: the seed has none, so it must stay unresolved (None)
    rather than be anchored to a guessed year (issue 10)."""
    return value if analysis.document.published.value else None


def find(analysis, etype, words, **where):
    """Events of a type whose trigger contains one of ``words`` and whose fields match ``where``."""
    return [ev for ev in analysis.events if ev.type == etype and any(w in trig(analysis, ev) for w in words)
            and all(getattr(ev, k) == v for k, v in where.items())]


@pytest.mark.slow
def test_seed_invasion_of_2003(seed_analysis):
    found = find(seed_analysis, "ASSAULT", ("invade", "attacked"), date="2003-03-19", status="happened")
    assert found
    if seed_analysis.entities:
        assert any("iraq" in names(seed_analysis, ev.target) for ev in found)
        assert any("united states" in names(seed_analysis, ev.actor) or "USA" in ev.actor_country for ev in found)


@pytest.mark.slow
def test_seed_strike_on_the_commander(seed_analysis):
    found = find(seed_analysis, "ASSAULT", ("assassination",), date=anchored(seed_analysis, "2020-01-03"))
    assert found
    if seed_analysis.entities:
        assert any("trump" in names(seed_analysis, ev.actor) for ev in found)
        assert any("soleimani" in names(seed_analysis, ev.target) for ev in found)
    assert any(ev.mode == "drone" for ev in seed_analysis.events if ev.type == "ASSAULT")


@pytest.mark.slow
def test_seed_embassy_attack_and_parliament_demand(seed_analysis):
    assert find(seed_analysis, "ASSAULT", ("attacked",), date="2019-12-31")
    demands = find(seed_analysis, "REQUEST", ("demand",), status="happened")  # the demand was made
    assert demands
    if seed_analysis.entities:
        assert any("parliament" in names(seed_analysis, ev.actor) for ev in demands)


@pytest.mark.slow
def test_seed_meetings_held_and_planned(seed_analysis):
    held = find(seed_analysis, "CONSULT", ("met",), status="happened")
    assert len(held) >= 2
    planned = find(seed_analysis, "CONSULT", ("meeting",), status="planned", date=anchored(seed_analysis, "2020-06"))
    assert planned
    if seed_analysis.entities:
        assert any("tueller" in names(seed_analysis, ev.actor + ev.target) for ev in held)
        assert any("pompeo" in names(seed_analysis, ev.actor) for ev in planned)


@pytest.mark.slow
def test_seed_timeline_is_ordered_and_points_at_events(seed_analysis):
    timeline = seed_analysis.timeline
    dated = [e.date for e in timeline if e.date]
    assert dated == sorted(dated) and len(dated) >= 10
    assert all(e.date is None for e in timeline[len(dated):])
    ids = {ev.id for ev in seed_analysis.events}
    assert {e.event for e in timeline if e.event} <= ids
    for entry in timeline:
        assert 0 <= entry.evidence.start < entry.evidence.end <= len(seed_analysis.document.text)
    assert {"2003-03-19", "2019-12-31"} <= set(dated)
    assert {anchored(seed_analysis, "2020-01-03"), anchored(seed_analysis, "2020-06")} - {None} <= set(dated)
