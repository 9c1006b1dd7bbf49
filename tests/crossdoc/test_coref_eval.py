"""The CoNLL reader and scorers: rebuilt text with exact spans, and MUC/B³/CEAF-e on cases computed by hand."""

from __future__ import annotations

import json

import pytest

from presslens.errors import DatasetError
from presslens.eval.coref import b_cubed, ceaf_e, clusters_of, conll, muc, read_folder, split_topics

CONLL = """#begin document (1/1ecb/1); part 0
1/1ecb/1\t0\t0\t2015-03-02\t-
1/1ecb/1\t1\t0\tPolice\t-
1/1ecb/1\t1\t1\tarrested\t(A1)
1/1ecb/1\t1\t2\ta\t-
1/1ecb/1\t1\t3\tman\t-
1/1ecb/1\t1\t4\t.\t-
1/1ecb/1\t1\t0\tPolice\t-
1/1ecb/1\t1\t1\tarrested\t(A1)
1/1ecb/1\t2\t0\tHe\t-
1/1ecb/1\t2\t1\twas\t-
1/1ecb/1\t2\t2\tcharged\t(A2)
1/1ecb/1\t2\t3\t,\t-
1/1ecb/1\t2\t4\t(\t-
1/1ecb/1\t2\t5\tlate\t-
1/1ecb/1\t2\t6\t)\t-
1/1ecb/1\t2\t7\t//n\t-
#end document
#begin document (1/1ecbplus/2); part 0
1/1ecbplus/2\t0\t0\tThe\t-
1/1ecbplus/2\t0\t1\tarrest\t(A1)
1/1ecbplus/2\t0\t2\tcame\t-
1/1ecbplus/2\t0\t3\tlate\t-
#end document
"""


def mention(key, sent, toks, chain):
    """One event_mentions.json object."""
    return {"conll_doc_key": key, "sent_id": sent, "tokens_number": toks, "coref_chain": chain}


def write(folder, mentions):
    """Write the CoNLL file and the mentions into a folder."""
    (folder / "dataset.conll").write_text(CONLL, encoding="utf-8")
    (folder / "event_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    return folder


def test_documents_are_rebuilt_with_exact_spans_and_dates(tmp_path):
    data = read_folder(write(tmp_path, [mention("1/1ecb/1", 1, [1], "A1"), mention("1/1ecbplus/2", 0, [1], "A1"),
                                        mention("1/1ecb/1", 2, [2], "A2")]))
    doc = data.documents["1/1ecb/1"]
    assert doc.published == "2015-03-02" and doc.topic == "1" and doc.subtopic == "1ecb"
    assert doc.text == "Police arrested a man.\n\nHe was charged, (late)"  # a repeated token is read once
    assert [m.text for m in data.mentions] == ["arrested", "arrest", "charged"]
    for m in data.mentions:
        assert data.documents[m.document].text[m.start:m.end] == m.text
    assert data.documents["1/1ecbplus/2"].published is None


@pytest.mark.parametrize("mentions, problem", [
    ([mention("9/9ecb/9", 0, [0], "X")], "not in document"),
    ([{"sent_id": 0}], "missing"),
])
def test_bad_mentions_are_one_clear_error(tmp_path, mentions, problem):
    with pytest.raises(DatasetError, match=problem):
        read_folder(write(tmp_path, mentions))


def test_a_missing_file_is_a_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match=r"dataset\.conll"):
        read_folder(tmp_path)


KEY = [frozenset("abc"), frozenset("de"), frozenset("f")]
RESPONSE = [frozenset("ab"), frozenset("cde"), frozenset("f")]


def test_muc_counts_links():
    # key links: 2 + 1 = 3; response partitions of key: abc → {ab}{c} (1 link kept), de → {de} (1): recall 2/3
    # response links: 1 + 2 = 3; key partitions of response: ab → 1, cde → {c}{de} 1: precision 2/3
    r, p, f = muc(KEY, RESPONSE)
    assert (r, p) == pytest.approx((2 / 3, 2 / 3)) and f == pytest.approx(2 / 3)


def test_b_cubed_averages_over_mentions():
    # recall: a 2/3, b 2/3, c 1/3, d 1, e 1, f 1 → 14/3 / 6; precision: a 1, b 1, c 1/3, d 2/3, e 2/3, f 1
    r, p, _ = b_cubed(KEY, RESPONSE)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 3) / 6) and p == pytest.approx((3 + 1 / 3 + 4 / 3) / 6)


def test_ceaf_e_aligns_entities_one_to_one():
    # best alignment: abc↔ab (2·2/5), de↔cde (2·2/5), f↔f (1): total 2.6 over 3 and 3
    r, p, _ = ceaf_e(KEY, RESPONSE)
    assert r == pytest.approx(2.6 / 3) and p == pytest.approx(2.6 / 3)


def test_perfect_response_scores_one_and_conll_is_the_mean():
    scores = conll(KEY, KEY)
    assert scores["conll_f1"] == pytest.approx(1.0)
    mixed = conll(KEY, RESPONSE)
    assert mixed["conll_f1"] == pytest.approx((mixed["muc_f1"] + mixed["b3_f1"] + mixed["ceafe_f1"]) / 3)


def test_all_singletons_have_no_muc_links_but_full_b_cubed_precision():
    singles = [frozenset({x}) for x in "abcdef"]
    assert muc(KEY, singles)[0] == 0.0
    assert b_cubed(KEY, singles)[1] == pytest.approx(1.0)


def test_clusters_of_and_topic_split_are_deterministic():
    assert sorted(map(sorted, clusters_of({"m1": "x", "m2": "x", "m3": "y"}))) == [["m1", "m2"], ["m3"]]
    tune, held = split_topics(["1", "2", "3", "4", "5", "10", "12", "2"])
    assert held == {"1", "5"} and tune == {"2", "3", "4", "10", "12"}


def test_pairwise_cross_document_links_by_hand():
    from presslens.cli.tasks.crossdoc_data import _pairwise

    doc = {"m1": "a", "m2": "b", "m3": "b", "m4": "c"}
    key = {"m1": "X", "m2": "X", "m3": "Y", "m4": "X"}
    gold = {"m1": "G", "m2": "G", "m3": "G", "m4": "H"}
    # predicted cross pairs: m1-m2, m1-m4, m2-m4; gold: m1-m2, m1-m3 (m2-m3 share a document); both: m1-m2
    scores = _pairwise(key, doc, gold, key.__getitem__)
    assert scores["precision"] == pytest.approx(1 / 3) and scores["recall"] == pytest.approx(1 / 2)
    assert scores["f1"] == pytest.approx(0.4)
