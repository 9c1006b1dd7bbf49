"""Speech cues: the lexicon, the cue of a direct quote, and reported speech.

Reported speech is read off the dependency parse: a speech verb's clausal
complement (``ccomp``: "X said (that) …", "X told the media that …"); a gerund clause after it
("X said legalizing it would create jobs", "X denied taking the money"); a
comma-fronted clause the verb governs ("The plan failed, he said"); the clause around
a parenthetical cue ("In the long run, economists say, costs will rise"; "as X noted, …"); for
verbs that take a message object, the object ("X voiced concern about …");
"according to X, …" (the rest of the sentence); and a nominal cue with a
possessor and a that-clause ("X's statement that …"); a verb of naming with an
object and what it is called ("Bush called Trump “unhinged”", PolNeAR's convention: the
content is the object and its name).  The lexicon (the
``quotes`` rows of ``resources/lexicon/speech_verbs.tsv``) is hand-written
because no offline package ships a list of reporting verbs; it follows the
reporting-verb inventories of Krestel et al. (2008) and PolNeAR (Newell et al., 2018).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.model.span import Span
from presslens.nlp import syntax
from presslens.nlp.language import doc_text, sent_of
from presslens.nlp.syntax import has_subject, is_speech_verb

CONTENT_DEPS = frozenset({"ccomp"})
FRONTED_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Speech cue lemmas by kind: verbs, verbs with a message object, nouns, naming verbs."""

    verbs: frozenset[str]
    obj_verbs: frozenset[str]
    nouns: frozenset[str]
    namings: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Found:
    """A reported-speech finding before speaker resolution."""

    content: Span
    cue: Span
    cue_token: Any
    subject: Any | None


@functools.cache
def lexicon() -> Lexicon:
    """Load the cue lexicon once from the package resources."""
    verbs: set[str] = set()
    objs: set[str] = set()
    nouns: set[str] = set()
    other: dict[str, set[str]] = {"noun": nouns, "naming": set()}
    for lemma, kind, _uses in resources.table("lexicon/speech_verbs.tsv").select("quotes"):
        if kind in other:
            other[kind].add(lemma)
        else:
            verbs.add(lemma)
            if kind == "obj":
                objs.add(lemma)
    return Lexicon(frozenset(verbs), frozenset(objs), frozenset(nouns), frozenset(other["naming"]))


EVIDENCE_VERBS = frozenset({"show", "find", "indicate"})
NARRATING_VERBS = frozenset({"continue"})


def quotes_directly(tok: Any) -> bool:
    """True unless the cue is a verb of evidence ("the poll shows", "the study found"): a thing
    shows or finds something, it does not utter the quotation next to it."""
    return tok.lemma_.lower() not in EVIDENCE_VERBS


def is_cue_verb(tok: Any, lex: Lexicon) -> bool:
    """True for a verb token whose lemma is a speech cue, and that reports an act of speech:
    not a bare infinitive ("declined to say", "required to disclose"), which names speech
    that has not happened."""
    return is_speech_verb(tok, lex.verbs) and not infinitive(tok)


def infinitive(tok: Any) -> bool:
    """True for a "to" infinitive ("to say"), an act named, not reported."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def cue_span(tok: Any) -> Span:
    """The cue's characters: the verb plus an adjacent particle ("pointed out")."""
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return Span(tok.idx, end)


def tokens_span(doc: Any, first: int, last: int) -> Span | None:
    """The span of tokens ``first..last`` trimmed of punctuation and a leading "that"."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if first <= last and doc[first].lower_ in ("that", "whether", "if") and doc[first].dep_ == "mark":
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    if last - first < 1:
        return None
    return Span(doc[first].idx, _close_quote(doc_text(doc), doc[first].idx, doc[last].idx + len(doc[last].text)))


def _close_quote(text: str, start: int, end: int) -> int:
    """Extend a content end over ``.”`` when the content opened a quote it did not close."""
    opened = sum(text.count(c, start, end) for c in "“«") - sum(text.count(c, start, end) for c in "”»")
    if opened <= 0 and text.count('"', start, end) % 2 == 0:
        return end
    k = end
    while k < len(text) and k - end < 3 and text[k] in ",.?!;:":
        k += 1
    return k + 1 if k < len(text) and text[k] in "”»\"" else end


def reported(tok: Any, lex: Lexicon) -> Found | None:
    """The reported speech a cue verb (or nominal cue) introduces, if any."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma in lex.nouns:
        return _nominal(tok)
    naming = tok.pos_ == "VERB" and lemma in lex.namings
    if not naming and (not is_cue_verb(tok, lex) or lemma in NARRATING_VERBS):
        return None
    from presslens.analyzers.quotes.speakers import find_subject

    subject = find_subject(tok, lambda t: is_cue_verb(t, lex))
    if not _speech_sense(tok, subject):
        return None
    if naming:
        return named(tok, subject) or requested(tok, subject, lex)
    for child in tok.children:
        if child.dep_ in CONTENT_DEPS:
            span = tokens_span(tok.doc, _clause_start(child, tok), _clause_end(child, lex))
            if span is not None:
                return Found(span, cue_span(tok), tok, subject)
    gerund = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i), None)
    if gerund is not None and subject is not None:
        span = tokens_span(tok.doc, gerund.left_edge.i, _clause_end(gerund, lex))
        if span is not None:
            return Found(span, cue_span(tok), tok, subject)
    fronted = _fronted(tok, subject) or _parenthetical(tok, subject, lex)
    if fronted is not None:
        return Found(fronted, cue_span(tok), tok, subject)
    request = requested(tok, subject, lex)
    if request is not None:
        return request
    obj = None
    if lemma in lex.obj_verbs:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    if obj is not None:
        span = tokens_span(tok.doc, obj.left_edge.i, obj.right_edge.i)
        if span is not None:
            return Found(span, cue_span(tok), tok, subject)
    return None


EMPHASIS_VERBS = frozenset({"underscore", "underline"})
PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})


def _speech_sense(tok: Any, subject: Any | None) -> bool:
    """False for a cue word used in a sense that reports no speech: an adjectival participle
    ("pledged delegates"), "deny" with a recipient ("denied Carter a photograph", "deny voters the
    right": to refuse), or a verb of emphasis whose subject is a thing ("the findings underscore
    the risk"), which says what something shows, not what someone said."""
    if tok.dep_ == "amod":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "deny" and (any(c.dep_ == "dative" for c in tok.children)
                            or sum(c.dep_ == "dobj" for c in tok.children) > 1):
        return False
    if lemma in EMPHASIS_VERBS:
        return subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in PERSONAL)
    return True


def _parenthetical(tok: Any, subject: Any | None, lex: Lexicon) -> Span | None:
    """"In the long run, economists say, costs rise", "As X noted, voters …", "This plan, he
    said, will fail": the clause a comma-enclosed cue interrupts.  The part after the cue when
    the clause's subject follows it (what comes before is an adverbial), else the longer part
    (a content span is one span and never holds its own source)."""
    head = tok.head
    subj = next((c for c in head.children if c.dep_ in (*syntax.SUBJECTS, "csubj")), None)
    if subject is None or subj is None or head.i < tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = tok.doc
    after = tok.right_edge.i + 1
    if after >= len(doc) or (doc[after].text != "," and doc[tok.right_edge.i].text != ","):
        return None
    end = _clause_end(head, lex)
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return tokens_span(doc, after, end)
    if tok.dep_ != "parataxis" or doc[tok.left_edge.i].text != "," or tok.left_edge.i <= head.left_edge.i:
        return None
    before = tok.left_edge.i - 1
    if subj.i > tok.i or end - after > before - head.left_edge.i:
        return tokens_span(doc, after, end)
    return tokens_span(doc, head.left_edge.i, before)


def _clause_start(clause: Any, cue: Any) -> int:
    """First token of a reported clause, after the cue when the clause's relative pronoun stands
    before it ("a wall, which he said Mexico should pay for": the content is "Mexico should pay
    for"; the words before the cue are the speaker and the antecedent's pronoun)."""
    start = clause.left_edge.i
    if start < cue.i:
        after = [t.i for t in clause.subtree if t.i > cue.i]
        return min(after) if after else start
    return start


def _clause_end(clause: Any, lex: Lexicon) -> int:
    """Last token of a reported clause, stopping before what the speaker did next.

    Cut before a trailing speech verb (", stressing …"), a subjectless
    coordinated verb ("… and called on X") and a comma-led participle
    (", calling them …"): the parser often hangs these under the clause.
    """
    end = clause.right_edge.i
    doc = clause.doc
    for tok in clause.subtree:
        if tok.i <= clause.i or tok.dep_ not in ("advcl", "conj"):
            continue
        own_subject = has_subject(tok)
        participle = tok.tag_ == "VBG" and doc[tok.left_edge.i - 1].text == ","
        coordinated = tok.dep_ == "conj" and tok.head.i == clause.i and tok.pos_ == "VERB" and not own_subject
        if is_cue_verb(tok, lex) or participle or coordinated:
            end = min(end, tok.left_edge.i - 1)
    return end


def _fronted(tok: Any, subject: Any | None) -> Span | None:
    """"The plan failed, he said": the clause before a comma-separated speech verb."""
    if subject is None or tok.dep_ not in ("parataxis", "ccomp") or tok.head.i > tok.i:
        return None
    head = tok.head
    left = tok.left_edge.i if tok.doc[tok.left_edge.i].text in ",—–-" else tok.left_edge.i - 1
    if left < 0 or tok.doc[left].text not in ",—–-":
        return None
    return tokens_span(tok.doc, head.left_edge.i, left)


def _nominal(tok: Any) -> Found | None:
    """"X's statement that …": a possessed speech noun with a content clause."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")), None)
    if poss is None or clause is None or clause.i < tok.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    span = tokens_span(tok.doc, clause.left_edge.i, clause.right_edge.i)
    if span is None:
        return None
    return Found(span, Span(tok.idx, tok.idx + len(tok.text)), tok, poss)


def according_to(tok: Any) -> Found | None:
    """"According to X, …" / "…, according to X": the rest of the sentence is the content."""
    to = syntax.according_to(tok)
    obj = syntax.object_of(to) if to is not None else None
    if to is None or obj is None:
        return None
    sent = sent_of(tok)
    phrase_first, phrase_last = tok.i, obj.right_edge.i
    before = tokens_span(tok.doc, sent.start, phrase_first - 1) if phrase_first > sent.start else None
    after = tokens_span(tok.doc, phrase_last + 1, sent.end - 1) if phrase_last + 1 < sent.end else None
    content = max((s for s in (before, after) if s is not None), key=len, default=None)
    if content is None:
        return None
    return Found(content, Span(tok.idx, to.idx + len(to.text)), tok, obj)


def named(tok: Any, subject: Any | None) -> Found | None:
    """"Bush called Trump “unhinged”", "calling him a loser": the object and what it is called.

    Only an active verb with a subject that names someone (not "it", "there", or a relative
    pronoun standing for a thing), an object before the name, and a name that is a noun phrase,
    an adjective or a quotation ("called for", "called on", "called off" are no naming).
    """
    if subject is None or subject.i > tok.i or subject.dep_ == "nsubjpass":
        return None
    if subject.lower_ in ("it", "there", "that", "which", "what", "this"):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    name = next((c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and obj is not None and c.i > obj.i), None)
    if name is None and obj is not None:
        name = _unpunctuated_apposition(obj)
    if obj is None or name is None or name.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT", "X"):
        return None
    span = tokens_span(tok.doc, obj.left_edge.i, name.right_edge.i)
    return Found(span, cue_span(tok), tok, subject) if span is not None else None



REQUEST_PREPS = frozenset({"for", "on"})


def requested(tok: Any, subject: Any | None, lex: Lexicon) -> Found | None:
    """A request or charge whose content is an object and what it is asked or charged with.

    English complementation of directive speech verbs: "X urged voters to stay home", "X told
    his aides to wait", "X accused Y of lying" (object plus infinitive or of-phrase), and the
    phrasal "X called for a ban", "X called on Y to resign" (cue "called for"/"called on").
    Only an active verb whose subject precedes it: in "Y was urged to" the subject is addressed.
    """
    if subject is None or subject.dep_ == "nsubjpass" or subject.i > tok.i:
        return None
    if tok.lemma_.lower() in lex.namings:
        prep = next((c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in REQUEST_PREPS
                     and c.i == tok.i + 1), None)
        obj = None if prep is None else syntax.object_of(prep) or next(
            (c for c in tok.children if c.dep_ == "dobj" and c.i > prep.i), None)
        if prep is None or obj is None:
            return None
        last = max([obj.right_edge.i, *(c.right_edge.i for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > obj.i)])
        span = tokens_span(tok.doc, obj.left_edge.i, last)
        cue = Span(tok.idx, prep.idx + len(prep.text))
        return Found(span, cue, tok, subject) if span is not None else None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return None
    then = next((c for c in (*tok.children, *obj.children) if c.i > obj.i and (
        (c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        or (c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ == "VBG" for g in c.children)))), None)
    if then is None:
        return None
    span = tokens_span(tok.doc, obj.left_edge.i, _clause_end(then, lex) if then.dep_ == "xcomp" else then.right_edge.i)
    return Found(span, cue_span(tok), tok, subject) if span is not None else None


def _unpunctuated_apposition(obj: Any) -> Any | None:
    """The name the parser hung on the object as an apposition with no comma ("called his
    actions “a crucial step”"): an apposition proper is set off by a comma, a name is not."""
    doc = obj.doc
    return next((c for c in obj.children if c.dep_ == "appos" and c.i > obj.i
                 and doc[c.left_edge.i - 1].text not in (",", "—", "–", "--", "(")), None)
