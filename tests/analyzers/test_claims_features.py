"""Features of the check-worthiness model: named cues and stable hashing."""

from __future__ import annotations

from presslens.analyzers.claims import features as ft


def _f(sentence: str) -> dict[str, float]:
    return dict(zip(ft.DENSE_NAMES, ft.dense_features(sentence), strict=True))


def test_numbers_casualties_and_percentages_are_seen():
    f = _f("Floods killed 412 people in the delta last spring, 30% more than in 2019.")
    assert f["contains a number"] > 0.5
    assert f["casualty figure"] == 1.0
    assert f["percentage"] == 1.0
    assert f["comparison"] == 1.0
    assert f["date or year"] == 1.0


def test_opinion_cues_and_questions():
    f = _f("I think we should do better, don't you?")
    assert f["first person"] > 0 and f["stance verb (I think, I believe)"] == 1.0 and f["modal verb"] == 1.0
    assert f["question"] == 1.0
    assert f["contains a number"] == 0.0


def test_us_the_country_is_not_first_person():
    assert _f("The US sent troops to the border.")["first person"] == 0.0
    assert _f("They told us nothing.")["first person"] > 0.0


def test_superlative_ignores_false_friends():
    assert _f("It was the largest protest of the decade.")["superlative"] == 1.0
    assert _f("Interest in the harvest grew.")["superlative"] == 0.0


def test_hashing_is_deterministic_and_in_range():
    a = ft.hashed_indices("The council cut 1,200 jobs in 2021.")
    assert a == ft.hashed_indices("The council cut 1,200 jobs in 2021.")
    assert all(0 <= i < ft.N_HASH for i in a)
    assert a == sorted(set(a))
    # digits fold to 0: the same n-grams for another figure
    assert a == ft.hashed_indices("The council cut 3,400 jobs in 2029.")
    assert ft.hashed_indices("") == []
