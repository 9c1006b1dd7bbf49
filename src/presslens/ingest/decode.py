"""Bytes → str: sniff the kind of input and decode text in any common encoding."""

from __future__ import annotations

import re
from typing import Literal

from presslens.errors import BinaryInputError, EmptyInputError, EncodingError

Kind = Literal["text", "html", "pdf"]
_HTML_SNIFF = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<article[\s>]|<p[\s>]", re.I)


def sniff(data: bytes, name: str = "") -> Kind:
    """Return the kind of input: pdf by magic, html by name or markup, else text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-") or name.lower().endswith(".pdf"):
        return "pdf"
    if name.lower().endswith((".html", ".htm", ".xhtml")) or _HTML_SNIFF.search(data[:4096]):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Decode bytes as text: UTF-8 (with or without BOM) first, else charset-normalizer.

    Raises:
        EmptyInputError: nothing but whitespace.
        BinaryInputError: NUL bytes or control characters: not a text file.
        EncodingError: no encoding decodes it as plausible text.
    """
    if not data.strip():
        raise EmptyInputError("the input is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError("the input is binary data, not text, HTML or PDF")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
    if _control_ratio(text) > 0.01:
        raise BinaryInputError("the input is binary data, not text, HTML or PDF")
    if not text.strip():
        raise EmptyInputError("the input is empty")
    return text


def _detect(data: bytes) -> str:
    """Decode with the encoding charset-normalizer finds most plausible."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError("cannot determine the text encoding; convert the file to UTF-8")
    return str(best)


def _control_ratio(text: str) -> float:
    """Share of control and replacement characters in the first 20,000 characters."""
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    bad += sample.count("\ufffd")
    return bad / len(sample)
