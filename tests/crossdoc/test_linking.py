"""Average linkage, event senses and event links on hand-built inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from presslens.corpus.crossdoc.events import Mention, link, sense
from presslens.corpus.crossdoc.linkage import average_linkage
from presslens.corpus.crossdoc.profile import Profile
from presslens.corpus.crossdoc.stories import StoryModel, group


def test_average_linkage_merges_while_the_mean_stays_above_the_threshold():
    edges = {("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.7, ("c", "d"): 0.6}
    # a-b (0.9), then ab-c (mean 0.75), then abc-d: mean (0+0+0.6)/3 = 0.2 < 0.5
    assert average_linkage("abcd", edges, 0.5) == [["a", "b", "c"], ["d"]]
    assert average_linkage("abcd", edges, 0.95) == [["a"], ["b"], ["c"], ["d"]]


def test_average_linkage_does_not_chain_through_one_strong_pair():
    edges = {("a", "b"): 0.9, ("b", "c"): 0.9, ("c", "d"): 0.9}
    # ab, then ab-c: 0.45 below 0.5, cd merges instead; ab-cd: 0.9/4
    assert average_linkage("abcd", edges, 0.5) == [["a", "b"], ["c", "d"]]


def test_senses_join_synonyms_derivations_and_missed_inflections():
    assert sense("kill") == sense("death") == sense("fatally") == "death"
    assert sense("nominated") == sense("nomination") == "nominate"
    assert sense("fire", "VERB") == "dismiss" and sense("fire", "NOUN") == "firing"
    assert sense("it") == sense("incident") == "incident"
    assert sense("parade") == "parade"


def test_mentions_link_within_a_story_only():
    ms = [Mention("1", "d1", 0, 6, "killed", "kill", "VERB", "s1"), Mention("2", "d2", 0, 5, "death", "death", "NOUN", "s1"),
          Mention("3", "d3", 0, 4, "died", "die", "VERB", "s2"), Mention("4", "d1", 9, 15, "parade", "parade", "NOUN", "s1")]
    out = link(ms)
    assert out["1"] == out["2"] != out["3"] and out["4"] not in (out["1"], out["3"])


def profile(pid, when, places=(), people=(), words=""):
    """A hand-built profile."""
    surnames = {p.rsplit(" ", 1)[1] for p in people}
    return Profile(pid, published=dt.date.fromisoformat(when), places=frozenset(places), people=frozenset(people),
                   surnames=frozenset(surnames), terms=Counter(words.split()))


def test_same_kind_of_event_is_told_apart_by_place_date_and_people():
    shooting = "shooting police victim wounded gunman hospital night street"
    profiles = [
        profile("a1", "2016-03-06", ["roundup"], ["mike thomas"], shooting + " roundup residence"),
        profile("a2", "2016-03-07", ["roundup"], ["mike thomas"], shooting + " roundup residence"),
        profile("b1", "2014-06-15", ["kokomo"], ["jane doyle"], shooting + " kokomo bar"),
        profile("b2", "2014-06-16", ["kokomo"], ["jane doyle"], shooting + " kokomo bar"),
    ]
    stories = group(profiles, model=StoryModel.load())
    assert sorted(s.documents for s in stories) == [("a1", "a2"), ("b1", "b2")]
    assert all(0.5 < c <= 1 for s in stories for c in s.confidence.values())
    assert stories[0].places in (("roundup",), ("kokomo",))


def test_copies_always_share_a_story():
    profiles = [profile("x", "2020-01-01", words="alpha beta"), profile("y", "2021-05-05", words="gamma delta")]
    assert len(group(profiles, model=StoryModel.load(), together=[("x", "y")])) == 1


def test_candidate_pairs_grow_with_the_documents_not_their_pairs():
    from presslens.corpus.crossdoc.pairs import MAX_PARTNERS, Weights, candidates

    def corpus(n):
        return [profile(f"d{i:04d}", "2024-04-09", places={"kessel"}, people={f"person {i % 50}"},
                        words=f"ferry harbour fog{i % 7} word{i}") for i in range(n)]

    small, large = corpus(150), corpus(300)
    pairs_small = candidates(small, Weights(small))
    pairs_large = candidates(large, Weights(large))
    # every document shares the place: without a cap the pairs would be n(n-1)/2 (11,175 and 44,850)
    assert len(pairs_small) <= MAX_PARTNERS * 150 and len(pairs_large) <= MAX_PARTNERS * 300
    assert len(pairs_large) / len(pairs_small) < 2.5
    # the best partners are kept: documents naming the same person are paired
    assert (0, 50) in set(pairs_small)
