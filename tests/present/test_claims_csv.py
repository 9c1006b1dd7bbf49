"""Claims CSV: one row per claim, quoting by the csv module, atomic sink protocol."""

from __future__ import annotations

import csv
import io

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.records import Attribution, Claim, Entity, Quantity
from presslens.model.span import Span
from presslens.present.claims_csv import COLUMNS, ClaimsCsvWriter, neutralise

TEXT = 'The mill laid off 80 workers, "all at once", the union said.\nThis is a sad day.'
NL = TEXT.index("\n")


class Sink:
    """A fake output file."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.committed = self.aborted = False

    def write(self, text: str) -> None:
        self.parts.append(text)

    def commit(self) -> None:
        self.committed = True

    def abort(self) -> None:
        self.aborted = True


def _analysis(source: str = "mill.txt") -> Analysis:
    doc = Document(text=TEXT, source=source, sentences=(Span(0, NL), Span(NL + 1, len(TEXT))))
    said = TEXT.index("said")
    first = Claim(
        "C1", Span(0, NL), "factual", 0.91, ("contains a number", "named actor"),
        Attribution("named", "E1", Span(said, said + 4)), (), ("N1",), ("E1",),
    )
    second = Claim("C2", Span(NL + 1, len(TEXT)), "opinion", 0.05, ("opinion (lowers)",))
    union = Entity("E1", "Millworkers Union", "ORG", mentions=(Span(TEXT.index("union"), TEXT.index("union") + 5),))
    qty = Quantity("N1", Span(TEXT.index("80"), TEXT.index("80") + 10), 80, counts="workers")
    return Analysis(document=doc, claims=(first, second), entities=(union,), quantities=(qty,))


def _rows(sink: Sink) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("".join(sink.parts))))


def test_one_row_per_claim_with_every_column():
    sink = Sink()
    writer = ClaimsCsvWriter(sink)
    writer.add(_analysis())
    writer.add(_analysis("other.txt"))
    writer.commit()
    assert sink.committed
    rows = _rows(sink)
    assert len(rows) == 4 and tuple(rows[0]) == COLUMNS
    first = rows[0]
    assert first["text"] == TEXT[:NL]  # commas and quotes survive the round trip
    assert first["kind"] == "factual" and first["attribution"] == "named"
    assert first["speaker"] == "Millworkers Union" and first["cue"] == "said"
    assert first["quantities"] == "80 workers" and first["sentence"] == "0"
    assert first["reasons"] == "contains a number | named actor"
    assert float(first["checkworthiness"]) == 0.91
    assert rows[1]["sentence"] == "1" and rows[1]["speaker"] == ""
    assert rows[3]["source"] == "other.txt"


def test_empty_run_writes_header_and_abort_passes_through():
    sink = Sink()
    writer = ClaimsCsvWriter(sink)
    writer.commit()
    assert "".join(sink.parts).strip() == ",".join(COLUMNS)
    other = Sink()
    ClaimsCsvWriter(other).abort()
    assert other.aborted and not other.committed


def test_with_atomic_writer(tmp_path):
    from presslens.present.writers import OutputFile

    target = tmp_path / "claims.csv"
    writer = ClaimsCsvWriter(OutputFile(str(target)))
    writer.open()
    writer.add(_analysis())
    writer.commit()
    with open(target, newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 2


def test_formula_injection_is_neutralised():
    text = "=HYPERLINK(\"http://x\",\"click\") said the union.\n+1 more claim here."
    doc = Document(text=text, source="@evil", sentences=(Span(0, text.index("\n")),))
    claim = Claim("C1", Span(0, text.index("\n")), "factual", 0.5, ("-reason",))
    second = Claim("C2", Span(text.index("\n") + 1, len(text)), "factual", 0.5, ())
    sink = Sink()
    writer = ClaimsCsvWriter(sink)
    writer.add(Analysis(document=doc, claims=(claim, second)))
    writer.commit()
    rows = _rows(sink)
    assert rows[0]["text"].startswith("'=HYPERLINK(") and rows[1]["text"] == "'+1 more claim here."
    assert rows[0]["source"] == "'@evil" and rows[0]["reasons"] == "'-reason"
    assert rows[0]["start"] == "0" and rows[0]["checkworthiness"] == "0.5000"
    for cell in ("\tx", "\rx", "-x", "@x", "=x", "+x"):
        assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain" and neutralise(-3) == -3
