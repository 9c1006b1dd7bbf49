"""Reflow of hard-wrapped text: joins, paragraphs, hyphenation, headings, offsets."""

from __future__ import annotations

from pathlib import Path

from presslens.ingest import ingest_text
from presslens.ingest.normalize import cleanup, is_heading_line, reflow, repair_split_words
from presslens.model.offsets import apply_edits
from presslens.model.span import Span
from presslens.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _norm(text: str) -> str:
    stage, _ = apply_edits(text, cleanup(text))
    edits, _ = reflow(stage)
    return apply_edits(stage, edits)[0]


def test_wrapped_lines_join_and_paragraphs_stay():
    text = "The strike that shut the\nport ended on Tuesday.\n\nUnion leaders   said\nthe deal was fair.\n"
    assert _norm(text) == "The strike that shut the port ended on Tuesday.\n\nUnion leaders said the deal was fair."


def test_hyphenation_across_line_breaks():
    assert _norm("the inter-\nnational port") == "the international port"
    assert _norm("the former spy-\nchief said") == "the former spy-chief said"
    assert _norm("the former deputy-\nmayor said") == "the former deputy-mayor said"
    assert _norm("a pro-\nIranian militia") == "a pro-Iranian militia"
    assert _norm("his ex-\nwife said") == "his ex-wife said"
    assert _norm("accord-\ning to the chamber") == "according to the chamber"
    # the document's own spelling wins
    assert _norm("a cease-fire held.\n\nThe cease-\nfire broke") == "a cease-fire held.\n\nThe cease-fire broke"


def test_odd_hyphens_and_invisible_characters():
    assert _norm("the settle\u00ad\nment was signed") == "the settlement was signed"
    assert _norm("a well\u2010known\u00a0case\u200b here") == "a well-known case here"
    assert _norm("The port reopened on\r\nMonday after the long\r\nstrike ended") == (
        "The port reopened on Monday after the long strike ended")


def test_label_lines_stay_apart_but_wrapped_prose_joins():
    assert _norm("parking\nopening times\naccessibility") == "parking\n\nopening times\n\naccessibility"
    assert _norm("10 Harbour Road\nValdora\nVD1 2AB") == "10 Harbour Road\n\nValdora\n\nVD1 2AB"
    assert _norm("two lines\nonly") == "two lines only"  # fewer than three: wrapped
    assert _norm("a narrow column of\nwrapped prose, which\nruns on and on") == (
        "a narrow column of wrapped prose, which runs on and on")


def test_headings_but_not_short_final_lines():
    text = ("Port Strike Ends\n\nThe strike that shut the\nport ended on Tuesday after\nthe deal.\n\n"
            "Talks Broke Down Twice\n\nNegotiators met in March\nand again in April.\n")
    doc = ingest_text(text, settings=Settings())
    kinds = [(p.kind, doc.text_of(p.span)) for p in doc.paragraphs]
    assert kinds == [
        ("heading", "Port Strike Ends"),
        ("paragraph", "The strike that shut the port ended on Tuesday after the deal."),
        ("heading", "Talks Broke Down Twice"),
        ("paragraph", "Negotiators met in March and again in April."),
    ]
    assert doc.title == "Port Strike Ends"


def test_heading_line_rules():
    assert is_heading_line("Council Approves Leaner Budget", None)
    assert is_heading_line("Housing", None)
    assert not is_heading_line("The strike that shut the", "port ended on Tuesday after the long talks")
    assert not is_heading_line("He left.", None)
    assert not is_heading_line("Officials said the inter-", None)
    assert not is_heading_line("the deal came", None)
    # a title opening a block needs Title Case and to be clearly shorter than the next line
    assert is_heading_line("Port Strike Ends", "The strike that shut the port ended on Tuesday after")
    assert not is_heading_line("The deal came", "late on Monday after a week of talks in the capital")


def test_list_items_start_paragraphs():
    text = "Three towns were hit:\na) Brisk;\nb) Kessel;\n- and one more\n2. Valdora\n"
    assert _norm(text) == "Three towns were hit:\n\na) Brisk;\n\nb) Kessel;\n\n- and one more\n\n2. Valdora"


def test_page_furniture_dropped():
    assert _norm("First page text ends\n\nPage 2 of 3\n\nand goes on.") == "First page text ends\n\nand goes on."
    assert _norm("text\n\n- 4 -\n\nmore text") == "text\n\nmore text"


def test_split_word_repair():
    text = "The gov ernment said a part of the plan was for edu cation."
    fixed = apply_edits(text, repair_split_words(text))[0]
    assert fixed == "The government said a part of the plan was for education."


def test_every_span_maps_back_to_the_same_words():
    raw = (EXAMPLES / "pdf-style-budget.txt").read_text(encoding="utf-8")
    doc = ingest_text(raw, settings=Settings())
    assert "international port" in doc.text and "deputy-mayor" in doc.text
    assert "Page 2 of 2" not in doc.text
    import re

    for m in re.finditer(r"[^\W\d_]+", doc.text):
        src = doc.to_source(Span(m.start(), m.end()))
        original = raw[src.start : src.end]
        assert original.replace("-\n", "").replace("\u00ad", "") == m.group(), (m.group(), original)
    for para in doc.paragraphs:
        src = doc.to_source(para.span)
        assert " ".join(raw[src.start : src.end].split()).replace("- ", "-")[:10] == doc.text_of(para.span)[:10]


def test_paragraph_breaks_without_blank_lines():
    long1 = "The first paragraph of a feed that writes one paragraph per line, " * 3
    long2 = "The second paragraph follows on the next line with no blank line between, " * 3
    assert _norm(f"{long1.strip()}\n{long2.strip()}\nA third.\n").count("\n\n") == 2
    wrapped = ("The strike that shut the port of Valdora ended on Tuesday after\n"
               "the Port Authority agreed to rehire 240 dockworkers, union leaders\n"
               "said on Monday.\n"
               "Shipping lines had diverted nearly 60 vessels to Kessel and Brandt\n"
               "since the walkout began on March 2.\n")
    assert _norm(wrapped) == ("The strike that shut the port of Valdora ended on Tuesday after the Port Authority "
                              "agreed to rehire 240 dockworkers, union leaders said on Monday.\n\nShipping lines had "
                              "diverted nearly 60 vessels to Kessel and Brandt since the walkout began on March 2.")


def test_blocks_of_short_unpunctuated_lines_stay_apart():
    """Up to five words a line, capitalised, ending on no punctuation or function word: labels."""
    assert _norm("Harbour Road car park\nOpening times and prices\nAccess for wheelchair users") == (
        "Harbour Road car park\n\nOpening times and prices\n\nAccess for wheelchair users")
    # a narrow wrapped column ends lines on function words or punctuation: it joins
    assert _norm("The council said on\nMonday that the bridge\nwould open in May.") == (
        "The council said on Monday that the bridge would open in May.")


def test_more_list_marker_styles():
    """Lettered, roman, '1.)' and other bullet characters start items; a capital 'A.' only in a sequence."""
    text = "Steps:\na. close the valve\nb. drain the tank\nii. check the seal\n3.) log it\n\u25cf done\n\u27a2 next"
    assert _norm(text) == ("Steps:\n\na. close the valve\n\nb. drain the tank\n\nii. check the seal\n\n"
                           "3.) log it\n\n\u25cf done\n\n\u27a2 next")
    assert _norm("Options:\nA. sell the ferry\nB. keep it\nC. lease it") == (
        "Options:\n\nA. sell the ferry\n\nB. keep it\n\nC. lease it")
    # an initial at a line start is no list item without its neighbours
    assert _norm("The report was written by\nJ. Varga and two other\nengineers in the port") == (
        "The report was written by J. Varga and two other engineers in the port")


def test_a_short_wrapped_paragraph_with_sentences_joins():
    """Short lines that end sentences are prose, even when each is short."""
    assert _norm("Ferries were told to stay\nin port.\nMost did.") == "Ferries were told to stay in port.\n\nMost did."
