"""Reading CheckThat! TSV files: csv quoting, glued rows, id-block groups."""

from __future__ import annotations

from presslens.eval.checkthat import Example, read_tsv
from presslens.training.checkworthy import id_blocks

INVENTED = (
    "Sentence_id\tText\tclass_label\n"
    "10\tThe mayor closed three libraries last year.\tYes\n"
    '11\t"Well, ""frankly"", I disagree."\tNo\n'
    "12\tWe doubled the budget.\tNo13\tThank you.\tNo\n"
    "14\tNobody asked.\tno\n"
)


def test_reads_quoted_and_glued_rows(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text(INVENTED, encoding="utf-8")
    rows = read_tsv(path)
    assert [r.sentence_id for r in rows] == ["10", "11", "12", "13", "14"]
    assert rows[0].label is True and rows[4].label is False
    assert rows[1].text == 'Well, "frankly", I disagree.'
    assert rows[3].text == "Thank you." and rows[3].label is False


def test_id_blocks_are_contiguous_and_balanced():
    ex = [Example(str(i), "x", True) for i in (50, 3, 7, 100, 20, 60)]
    groups = id_blocks(ex, 3)
    by_id = sorted(zip((int(e.sentence_id) for e in ex), groups, strict=True))
    assert [g for _, g in by_id] == [0, 0, 1, 1, 2, 2]
