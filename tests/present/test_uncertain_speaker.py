"""An uncertain speaker is shown as uncertain in JSON, terminal, HTML and the claims CSV."""

from __future__ import annotations

import csv
import io

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Attribution, Claim, Entity, Quote, SpeakerCandidate
from presslens.model.span import Span
from presslens.present.claims_csv import ClaimsCsvWriter

TEXT = ("Lena Ortiz and Rosa Diaz left the hall together. "
        "“The vote will be held again in June,” she said. "
        "“We accept the result,” said Ana Ruiz.")


def _at(words: str) -> Span:
    """The span of the first occurrence of words."""
    i = TEXT.index(words)
    return Span(i, i + len(words))


def _analysis() -> Analysis:
    """One uncertain quote (two candidates), one resolved quote, a claim inside the uncertain one."""
    ents = (Entity("E1", "Lena Ortiz", "PERSON", mentions=(_at("Lena Ortiz"),)),
            Entity("E2", "Rosa Diaz", "PERSON", mentions=(_at("Rosa Diaz"),)),
            Entity("E3", "Ana Ruiz", "PERSON", mentions=(_at("Ana Ruiz"),)))
    uncertain = Quote("QT1", _at("The vote will be held again in June"), None, _at("said"), True, _at("she"), 0.52,
                      (SpeakerCandidate("E2", 0.52), SpeakerCandidate("E1", 0.31)))
    said = TEXT.rindex("said")
    resolved = Quote("QT2", _at("We accept the result"), "E3", Span(said, said + 4), True, _at("Ana Ruiz"), 0.96,
                     (SpeakerCandidate("E3", 0.96),))
    claim = Claim("C1", _at("The vote will be held again in June"), "prediction", 0.7, (), Attribution("anonymous"))
    doc = Document(TEXT, sentences=(Span(0, 48), Span(49, 97), Span(98, len(TEXT))))
    return Analysis(document=doc, entities=ents, quotes=(uncertain, resolved), claims=(claim,))


def test_json_marks_the_speaker_uncertain_with_candidates():
    row = _analysis().to_dict()["quotes"][0]
    assert row["speaker"] is None and row["speaker_status"] == "uncertain" and row["confidence"] == 0.52
    assert [c["entity"] for c in row["candidates"]] == ["E2", "E1"]


def test_terminal_shows_uncertain_speaker_never_as_fact():
    from rich.console import Console

    from presslens.present.terminal import quotes_table

    console = Console(width=120, record=True)
    console.print(quotes_table(_analysis()))
    out = console.export_text()
    assert "uncertain speaker" in out and "Rosa Diaz" in out and "Ana Ruiz" in out
    line = next(x for x in out.splitlines() if "uncertain speaker" in x)
    assert "vote will be held" in line


def test_html_annotation_and_panel_say_uncertain():
    from presslens.present.html.annotations import quote_anns
    from presslens.present.html.view import quotes_panel

    analysis = _analysis()
    labels = [a.label for a in quote_anns(analysis)]
    assert any("uncertain speaker" in x and "Rosa Diaz" in x for x in labels)
    assert any(x.endswith("Ana Ruiz") for x in labels)
    panel = quotes_panel(analysis, {})
    groups = {g["speaker"]: g for g in panel}
    uncertain = [g for g in panel if g["uncertain"]]
    assert len(uncertain) == 1 and uncertain[0]["speaker"].startswith("uncertain speaker")
    assert uncertain[0]["entity"] is None and "Ana Ruiz" in groups


def test_claims_csv_has_the_speaker_status_and_candidates():
    class Sink:
        def __init__(self) -> None:
            self.parts: list[str] = []

        def write(self, text: str) -> None:
            self.parts.append(text)

        def commit(self) -> None: ...

        def abort(self) -> None: ...

    sink = Sink()
    writer = ClaimsCsvWriter(sink)
    writer.add(_analysis())
    writer.commit()
    rows = list(csv.DictReader(io.StringIO("".join(sink.parts))))
    assert rows[0]["speaker"] == "" and rows[0]["speaker_status"] == "uncertain"
    assert rows[0]["speaker_candidates"] == "Rosa Diaz (52%) | Lena Ortiz (31%)"
