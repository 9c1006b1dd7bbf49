"""Decoding: common encodings give the same text; binary and noise are refused."""

from __future__ import annotations

import pytest

from presslens.errors import BinaryInputError, EmptyInputError, EncodingError
from presslens.ingest import ingest_bytes
from presslens.ingest.decode import declared_encoding, decode_text, detect_encoding, sniff
from presslens.settings import Settings

TEXT = ("The café on Rue Émile reopened on Monday, said its owner, Zoë Brünnhilde. "
        "\u201cWe are glad to be back,\u201d she said \u2013 prices rose by \u20ac2.\n")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", TEXT),
        ("utf-8-sig", TEXT),
        ("utf-16", TEXT),  # with BOM
        ("cp1252", TEXT),
        ("latin-1", TEXT.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u20ac", "EUR ")),
    ],
)
def test_common_encodings_decode_to_the_same_text(encoding, text):
    data = text.encode(encoding)
    assert decode_text(data) == text


def test_keep_text_is_exactly_the_decoded_input():
    raw = "  A Title\r\n\r\nThe port   reopened\r\non Monday after a strike.\r\n"
    doc = ingest_bytes(raw.encode("cp1252"), source="a.txt", settings=Settings(keep_text=True))
    assert doc.text == raw
    assert doc.offsets.is_identity


def test_binary_noise_and_empty_are_refused():
    with pytest.raises(BinaryInputError):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    with pytest.raises(EmptyInputError):
        decode_text(b" \n\t ")
    with pytest.raises((EncodingError, BinaryInputError)):
        decode_text(bytes(range(0x80, 0x100)) * 8 + bytes(range(1, 9)) * 40)


def test_sniff():
    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff(b"Plain text < not a tag") == "text"
    assert sniff(b"anything", "page.HTM") == "html"


# ---- browser-like decoding (WHATWG sniffing order) ---------------------------------------

POUNDS = ("The strike cost the port \u00a385 million, officials said on Monday, and fares rose to "
          "\u00a312.50 while the caf\u00e9 on the quay stayed shut.\n")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize("text", [POUNDS, "It cost \u00a34 at the caf\u00e9, she said.", POUNDS * 20])
def test_english_single_byte_text_is_windows_1252(encoding, text):
    assert decode_text(text.encode(encoding)) == text  # "£" stays "£", never "Ł"


def test_other_languages_keep_their_code_page():
    polish = ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. \u0141\u00f3d\u017a jest du\u017cym "
              "miastem w Polsce, a Krak\u00f3w te\u017c, powiedzia\u0142 burmistrz miasta.")
    assert decode_text(polish.encode("cp1250")) == polish


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(encoding):
    assert decode_text(POUNDS.encode(encoding)) == POUNDS
    assert detect_encoding(POUNDS.encode(encoding)) == encoding


def test_nul_bytes_that_are_not_utf16_are_binary():
    with pytest.raises(BinaryInputError):
        decode_text(b"The port reopened \x00\x00\x01\x00 on Monday" * 20 + bytes(100))


def _page(meta: str, body: bytes) -> bytes:
    return f"<html><head>{meta}<title>t</title></head><body><p>".encode() + body + b"</p></body></html>"


@pytest.mark.parametrize(
    ("meta", "codec"),
    [
        ('<meta charset="ISO-8859-1">', "cp1252"),  # WHATWG: latin-1 and ascii labels mean windows-1252
        ("<meta charset=us-ascii>", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">', "cp1250"),
        ("<meta http-equiv='content-type' content='text/html;charset=koi8-r'>", "koi8-r"),
        ('<meta charset="utf-16">', "utf-8"),  # a page that can declare it is not UTF-16
        ('<meta charset="no-such-encoding">', None),  # unknown labels are ignored
        ('<!-- <meta charset="koi8-r"> -->', None),  # commented out
    ],
)
def test_declared_charset(meta, codec):
    page = _page(meta, b"Fares rose to \xa312 \x96 \x93a record\x94")
    assert declared_encoding(page) == codec
    if codec == "cp1252":
        assert "to \u00a312 \u2013 \u201ca record\u201d" in decode_text(page)


def test_declaration_beats_detection_and_bom_beats_declaration():
    page = _page('<meta charset="windows-1251">', "\u0446\u0435\u043d\u0430".encode("cp1251"))
    assert "\u0446\u0435\u043d\u0430" in decode_text(page)
    utf8 = _page('<meta charset="windows-1251">', "caf\u00e9".encode())
    assert "caf\u00e9" in decode_text(b"\xef\xbb\xbf" + utf8)
    assert "caf\u0413\u00a9" in decode_text(utf8)  # as a browser shows it: the declaration rules


def test_xml_declaration_and_late_meta():
    assert detect_encoding(b'<?xml version="1.0" encoding="ISO-8859-2"?><p>\xa3</p>') == "iso8859-2"
    late = b"<html><head>" + b" " * 1100 + b'<meta charset="koi8-r"></head><body>caf\xc3\xa9</body></html>'
    assert detect_encoding(late) == "utf-8"  # the prescan reads the first 1,024 bytes only


def test_replacement_encodings_are_refused():
    with pytest.raises(EncodingError):
        decode_text(_page('<meta charset="iso-2022-kr">', b"text"))
