"""Stories told apart by year and by who they are about, small stories joining their story, and event senses
of phrases and participles; the eval's tune / held-out report."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from presslens.corpus.crossdoc import pairs
from presslens.corpus.crossdoc.events import Mention, link, sense
from presslens.corpus.crossdoc.profile import Profile
from presslens.corpus.crossdoc.stories import StoryModel, attach_small, group

ARREST = "arrested driving influence police highway charger linebacker misdemeanor booked jail county"


def undated(pid, words, *, places=(), people=(), years=(), lead=None):
    """A profile with no day-precise date (as most ECB+ texts): years and the lead person only."""
    surnames = {p.rsplit(" ", 1)[1] for p in people}
    return Profile(pid, places=frozenset(places), people=frozenset(people), surnames=frozenset(surnames),
                   years=frozenset(years), lead=lead, terms=Counter(words.split()))


def feature(a, b, name):
    """One named feature of a pair."""
    weights = pairs.Weights([a, b])
    row = pairs.features(a, b, weights.vector(a), weights.vector(b), weights)
    return float(row[pairs.FEATURES.index(name)])


def test_years_and_leads_apart_are_features_of_a_pair():
    a = undated("a", ARREST, years={2007, 2009}, lead="jackson")
    b = undated("b", ARREST, years={2012}, lead="williams")
    c = undated("c", ARREST, lead="jackson")
    assert feature(a, b, "years_apart") == pytest.approx(np.log1p(3))  # latest years 2009 and 2012
    assert feature(a, c, "years_apart") == 0.0  # c names no year: nothing to compare
    assert feature(a, b, "lead_apart") == 1.0
    assert feature(a, c, "lead_apart") == 0.0
    assert feature(b, undated("d", ARREST), "lead_apart") == 0.0


SHARED = "arrested police driving influence booked jail"
JACKSON = "receiver suspended coach statement bail chargers practice sunday trainer camp weekend returned"
WILLIAMS = "running back released lawyer plea court hearing february motorcycle helmet officer stopped"


def two_arrests(with_leads):
    """Three reports of each of two drink-driving arrests in one city and year, naming both players."""
    return [undated(f"{lead[0]}{i}", f"{SHARED} {words} w{i} v{i}", places={"san diego"}, years={2009},
                    people={"vincent jackson", "jamal williams"}, lead=lead if with_leads else None)
            for lead, words in (("jackson", JACKSON), ("williams", WILLIAMS)) for i in range(3)]


def test_two_arrests_in_one_city_are_told_apart_by_who_they_are_about():
    found = group(two_arrests(True), model=StoryModel.load())
    assert sorted(s.documents for s in found) == [("j0", "j1", "j2"), ("w0", "w1", "w2")]
    # the same reports without a lead person: place, year, names and vocabulary bind them into one
    assert len(group(two_arrests(False), model=StoryModel.load())) == 1


def test_a_small_story_joins_the_larger_story_it_is_closest_to():
    clusters = [["a", "b", "c"], ["d", "e", "f"], ["x"], ["y"]]
    probs = {("a", "b"): 0.9, ("a", "x"): 0.5, ("b", "x"): 0.4, ("c", "x"): 0.1, ("d", "x"): 0.2,
             ("e", "y"): 0.3, ("c", "d"): 0.3}
    # x: mean 1.0/3 towards abc (> 0.25), 0.2/3 towards def; y: 0.3/3 towards def (stays alone)
    assert attach_small(clusters, probs) == [["a", "b", "c", "x"], ["d", "e", "f"], ["y"]]
    # larger stories never merge here, however close
    assert attach_small([["a", "b", "c"], ["d", "e", "f"]], {("c", "d"): 1.0}) == [["a", "b", "c"], ["d", "e", "f"]]
    assert attach_small(clusters, probs, threshold=0.4) == [["a", "b", "c"], ["d", "e", "f"], ["x"], ["y"]]


def test_phrases_and_participles_take_the_sense_of_their_verb():
    assert sense("let", "VERB", "let go") == sense("part", "VERB", "parted ways") == "dismiss"
    assert sense("show", "VERB", "shown the door") == sense("fire", "VERB") == "dismiss"
    assert sense("take", "VERB", "took over") == "appoint"
    assert sense("take", "VERB", "took") == "take"  # the phrase needs all its words
    assert sense("accord", "VERB", "according to") == "say" == sense("say", "VERB")
    assert sense("fire", "PROPN") == "dismiss"  # "FIRED" in a headline, lemmatised as the verb
    ms = [Mention("1", "d1", 0, 6, "let go", "let", "VERB", "s"), Mention("2", "d2", 0, 5, "fired", "fire", "VERB", "s")]
    assert len(set(link(ms).values())) == 1


def test_participle_heads_are_lemmatised_as_verbs():
    from presslens.corpus.crossdoc.lemmas import SpanInSentence, head_lemmas

    spans = [SpanInSentence("Caught: man who robbed the bank", 0, 6), SpanInSentence("Police arrested him.", 7, 15)]
    (caught, _), (arrested, _) = head_lemmas(spans)
    assert caught == "catch" and arrested == "arrest"
    assert sense(caught, "PROPN") == sense(arrested, "VERB") == "arrest"


CONLL_TOPIC = """#begin document ({t}/{t}ecb/{d}); part 0
{t}/{t}ecb/{d}\t0\t0\tPolice\t-
{t}/{t}ecb/{d}\t0\t1\tarrested\t-
{t}/{t}ecb/{d}\t0\t2\t{who}\t-
{t}/{t}ecb/{d}\t0\t3\tin\t-
{t}/{t}ecb/{d}\t0\t4\t{where}\t-
{t}/{t}ecb/{d}\t0\t5\t.\t-
#end document
"""


def test_event_coref_eval_reports_tune_and_held_out_side_by_side(tmp_path):
    docs = [("1", "1", "Abernathy", "Quimby"), ("1", "2", "Abernathy", "Quimby"),
            ("2", "1", "Castellano", "Dunmore"), ("2", "2", "Castellano", "Dunmore")]
    (tmp_path / "dataset.conll").write_text("".join(CONLL_TOPIC.format(t=t, d=d, who=w, where=p) for t, d, w, p in docs),
                                           encoding="utf-8")
    mentions = [{"conll_doc_key": f"{t}/{t}ecb/{d}", "sent_id": 0, "tokens_number": [1], "coref_chain": f"ARREST{t}"}
                for t, d, _, _ in docs]
    (tmp_path / "event_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    result = presslens("eval", "event-coref", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    # topic "1" is held out (every 4th in sorted order, from the first), topic "2" is tuned on
    assert metrics["split"] == "both" and metrics["documents"] == 2 and metrics["tune_documents"] == 2
    assert metrics["conll_f1"] == metrics["tune_conll_f1"] == 1.0
    assert "held out" in result.stdout
    bad = presslens("eval", "event-coref", "--data", str(tmp_path), "--split", "some")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines()[-1].startswith("presslens: error:")


def presslens(*args):
    """Run the command line as a user does."""
    return subprocess.run([sys.executable, "-m", "presslens", *args], capture_output=True, text=True, timeout=300,
                          check=False)
