"""Cue lexicons, token tables, rule spans, decoding and the numpy linear model (invented texts)."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.analyzers.techniques.features import TokenTable, Vocab, token_table
from presslens.analyzers.techniques.lexicon import CLASSES, load_lexicon
from presslens.analyzers.techniques.linear import LinearModel
from presslens.analyzers.techniques.rules import loaded_language, name_calling, repetition
from presslens.analyzers.techniques.tagger import decode


@pytest.fixture(scope="module")
def table(nlp):
    """Build a token table from invented text."""

    def make(text: str) -> TokenTable:
        return token_table(nlp(text), load_lexicon())

    return make


def _spans(text: str, spans) -> list[str]:
    """Texts of rule spans."""
    return [text[s.start : s.end] for s in spans]


def test_lexicon_classes_words_and_hyphenated_phrases(table) -> None:
    t = table("The so-called expert was hijacked by fear.")
    words = [t.text[a:b] for a, b in zip(t.start, t.end, strict=True)]
    doubt = CLASSES.index("doubt")
    assert t.lex[words.index("so"), doubt] == 1.0  # "so - called" phrase spans three tokens
    assert t.lex[words.index("hijacked"), CLASSES.index("loaded")] == 1.0
    assert t.lex[words.index("The")].sum() == 0


def test_name_calling_takes_the_modifiers(table) -> None:
    text = "Critics say the minister is a foreign-installed puppet and his advisers are corrupt thugs."
    t = table(text)
    got = _spans(text, name_calling(t))
    assert any(s.endswith("puppet") for s in got)
    assert any("thugs" in s for s in got)


def test_loaded_participle_takes_its_agent(table) -> None:
    text = "The party had been hijacked by a group of extremists last year."
    t = table(text)
    got = _spans(text, loaded_language(t))
    assert "hijacked by a group of extremists" in got


def test_repetition_needs_three_occurrences(table) -> None:
    text = ("Stop the invasion now. They will pay for it. Stop the invasion today.\n"
            "We said it before: stop the invasion! Tax cuts help. Tax cuts help.")
    t = table(text)
    got = {s.lower() for s in _spans(text, repetition(t))}
    assert got == {"stop the invasion"}


def test_quoted_mask_marks_inside_quotes(table) -> None:
    text = 'He said "they are liars" and left.'
    t = table(text)
    words = [t.text[a:b] for a, b in zip(t.start, t.end, strict=True)]
    assert t.quoted[words.index("liars")] and not t.quoted[words.index("left")]


def test_decode_trims_and_bridges(table) -> None:
    text = "This is a shameful, reckless act. Calm words here."
    t = table(text)
    prob = np.zeros(len(t))
    words = [t.text[a:b] for a, b in zip(t.start, t.end, strict=True)]
    for w in ("shameful", ",", "reckless", "act", "."):
        prob[words.index(w)] = 0.9
    spans = decode(t, prob, 0.5, width=0, gap=1)
    assert [text[s:e] for s, e, _ in spans] == ["shameful, reckless act"]


def test_linear_model_matches_manual_sum() -> None:
    model = LinearModel({"w": np.array([[0.0], [1.0], [2.0]])}, np.array([[0.5]]), np.array([-1.0]), ("x",))
    blocks = {"w": (np.array([0, 1]), np.array([2, 1]), np.array([1.0, 1.0], dtype=np.float32))}
    z = model.decision(blocks, np.array([[2.0], [0.0]], dtype=np.float32), 2)
    assert z[:, 0].tolist() == [2.0, 0.0]
    p = model.proba(blocks, np.array([[2.0], [0.0]], dtype=np.float32), 2)
    assert p[0] == pytest.approx(1 / (1 + np.exp(-2.0)))


def test_vocab_lookup_unknown_and_known() -> None:
    from presslens.analyzers.techniques.lexicon import hash_word

    v = Vocab(("apple", "pear"), ("NN",))
    ids = v.word_ids(np.array([hash_word("pear"), hash_word("kiwi"), hash_word("apple")], dtype=np.uint64))
    assert ids[1] == 1 and ids[0] >= 2 and ids[2] >= 2 and ids[0] != ids[2]


def test_rhetoric_dictionary_variant_spellings_are_loaded():
    """ "highjacked" is a dictionary variant of "hijacked": both are loaded language (issue 5)."""
    import presslens
    from presslens.settings import Settings

    only = Settings(layers=("techniques",))
    for text in ("The pension board was highjacked by lobbyists last spring.",
                 "The pension board was hijacked by lobbyists last spring."):
        analysis = presslens.analyze(text, settings=only)
        flagged = [analysis.document.text_of(t.span) for t in analysis.techniques]
        assert any("jacked" in f for f in flagged), flagged
