"""Decoding: common encodings give the same text; binary and noise are refused."""

from __future__ import annotations

import pytest

from presslens.errors import BinaryInputError, EmptyInputError, EncodingError
from presslens.ingest import ingest_bytes
from presslens.ingest.decode import decode_text, sniff
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
