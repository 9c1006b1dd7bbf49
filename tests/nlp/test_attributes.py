"""The look-up attribute ruler and the cached lemmatizer give spaCy's own annotations.

Each test parses the same texts with the stock model package and with presslens's
components in place of ``attribute_ruler`` and ``lemmatizer``, and compares every token's
tag, part of speech, morphology, lemma and dependency.  The texts (written for this test)
exercise the model's rules: the tag map, "not"/"n't", auxiliaries, "I/you/it" as subject
or object, "but" as an adverb, "there is", multi-token lemma rules ("gonna", "gotta",
"let's", "y'all", "ain't"), space tokens, and a word seen in many forms.
"""

from __future__ import annotations

import importlib

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from conftest import shared_data
from presslens.nlp import attributes, lemmas
from presslens.nlp.language import MODEL_PACKAGE

TEXTS = [
    "I ain't gonna wait, y'all. Let's go! We gotta leave, c'mon. Nothin' gets done; he got it.",
    "The minister said she had not seen the report. \"Don't ask me,\" she told reporters in Leeds.",
    "There is a problem. There are 12 problems and there were more. It is what it is, but it works.",
    "You told me, and I told you. It hit it. Do you have it? Have you done it? Did they?",
    "  Two spaces.\n\n\nThree newlines.  \t Tabs\there. The cats were running; the cat runs; running is fun.",
    "Whether or not it rains, he will come because he wants to, though he might be late unless told.",
    "Prices rose 4.5% in May, the biggest rise since 1992; the best-known firms earned £3.2bn.",
    "",
    "   ",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def stock():
    """The model package exactly as shipped."""
    return importlib.import_module(MODEL_PACKAGE).load()


@pytest.fixture(scope="module")
def ours():
    """The model package with presslens's look-up ruler and cached lemmatizer."""
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    assert attributes.install(nlp)
    assert lemmas.install(nlp)
    return nlp


def token_rows(doc):
    """Every token's annotations as comparable strings."""
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def assert_same(stock, ours, texts):
    """Both pipelines annotate every token of every text alike (twice: the caches are warm)."""
    for _ in range(2):
        for a, b in zip(stock.pipe(texts, batch_size=4), ours.pipe(texts, batch_size=4), strict=True):
            assert token_rows(b) == token_rows(a)
            assert (b.to_array(COLUMNS) == a.to_array(COLUMNS)).all()


def test_components_replaced(ours):
    """The pipeline keeps its names and order; the two components are presslens's."""
    assert ours.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert isinstance(ours.get_pipe("attribute_ruler"), attributes.FastAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), lemmas.CachedLemmatizer)


def test_same_annotations_on_rule_cases(stock, ours):
    """Every rule family of the model gives the same tokens' attributes."""
    assert_same(stock, ours, TEXTS)


def test_same_annotations_on_news(stock, ours):
    """The same on real news articles (40 BBC articles across the sections)."""
    folder = shared_data("bbc")
    files = sorted(p for p in folder.glob("*.txt") if p.name != "README.TXT")[::55]
    assert_same(stock, ours, [f.read_text(encoding="utf-8", errors="replace") for f in files])


def test_unsupported_rule_keeps_spacy_component():
    """A rule with an operator is not handled by look-up: spaCy's ruler stays."""
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert not attributes.install(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), attributes.FastAttributeRuler)


def test_lemmatizer_keeps_spacy_methods(stock, ours):
    """Callers of spaCy's lemmatizer API (crossdoc lemmatises a participle as a verb) still work."""
    from spacy.tokens import Doc

    answers = []
    for nlp in (stock, ours):
        doc = Doc(nlp.vocab, words=["caught"])
        doc[0].pos_ = "VERB"
        answers.append(nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0]))
    assert answers[1] == answers[0] == ["catch"]
    assert ours.get_pipe("lemmatizer").mode == "rule"


def test_shared_pipeline_uses_them(nlp):
    """presslens's shared pipeline has both components installed."""
    assert isinstance(nlp.get_pipe("attribute_ruler"), attributes.FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), lemmas.CachedLemmatizer)
