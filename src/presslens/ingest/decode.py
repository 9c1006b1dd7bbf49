"""Bytes → str: sniff the kind of input and decode text the way a browser would.

Encoding rules, in the WHATWG "encoding sniffing" order:
1. a byte order mark (UTF-8, UTF-16 LE/BE) wins;
2. else a declared charset: ``<meta charset>`` or ``<meta http-equiv="Content-Type"
   content="…; charset=…">`` in the first 1,024 bytes (comments skipped), or the
   XML declaration's ``encoding``.  Labels resolve through the WHATWG label table
   (``webencodings``), so "iso-8859-1", "latin1" and "ascii" mean windows-1252 as in
   every browser, and a declared UTF-16 means UTF-8 (the HTML prescan rule);
3. else detection: UTF-16 without a BOM is recognised by its zero bytes (every other
   byte of ASCII-range text is NUL); valid UTF-8 is UTF-8; otherwise charset-normalizer
   picks, except that English text which decodes cleanly as windows-1252 is read as
   windows-1252 (the browsers' fallback for English) rather than the Central-European
   or Nordic code page the detector often ranks first ("£85" must not become "Ł85").
Declared and legacy encodings decode with U+FFFD for invalid bytes, as browsers do.
"""

from __future__ import annotations

import re
from typing import Literal

from presslens.errors import BinaryInputError, EmptyInputError, EncodingError

Kind = Literal["text", "html", "pdf"]
_HTML_SNIFF = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<article[\s>]|<p[\s>]", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_META = re.compile(rb"<meta[\s/]([^>]*)", re.I)
_ATTR = re.compile(rb"""([^\s=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*["']?([^\s;"']+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_UNICODE = frozenset({"utf-8", "utf-16le", "utf-16be", "utf_8", "utf_16", "utf_16_le", "utf_16_be",
                      "utf_32", "utf_32_le", "utf_32_be", "ascii"})


def sniff(data: bytes, name: str = "") -> Kind:
    """Return the kind of input: pdf by magic, html by name or markup, else text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-") or name.lower().endswith(".pdf"):
        return "pdf"
    if name.lower().endswith((".html", ".htm", ".xhtml")) or _HTML_SNIFF.search(data[:4096]):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Decode bytes as text by the rules of the module docstring.

    Raises:
        EmptyInputError: nothing but whitespace.
        BinaryInputError: NUL bytes (other than UTF-16's) or control characters: not a text file.
        EncodingError: no encoding decodes it as plausible text.
    """
    if not data.strip():
        raise EmptyInputError("the input is empty")
    text = _decode(data)
    if _control_ratio(text) > 0.01:
        raise BinaryInputError("the input is binary data, not text, HTML or PDF")
    if not text.strip():
        raise EmptyInputError("the input is empty")
    return text


def detect_encoding(data: bytes) -> str:
    """The Python codec name ``decode_text`` uses for ``data`` (for reports and tests)."""
    return _choose(data)[0]


def _decode(data: bytes) -> str:
    """Decode ``data`` with the chosen encoding (BOM stripped)."""
    codec, skip = _choose(data)
    if codec == "replacement":
        raise EncodingError("the declared encoding is not safe to decode (ISO-2022-KR/CN, HZ); convert to UTF-8")
    return data[skip:].decode(codec, "replace")


def _choose(data: bytes) -> tuple[str, int]:
    """``(codec, bytes to skip)`` by BOM, declaration, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    declared = declared_encoding(data)
    if declared:
        return declared, 0
    utf16 = _utf16_without_bom(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 full of NULs
    if utf16:
        return utf16, 0
    try:
        data.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise BinaryInputError("the input is binary data, not text, HTML or PDF")
    return _detect(data), 0


def declared_encoding(data: bytes) -> str | None:
    """The codec a ``<meta>`` charset or an XML declaration names, via the WHATWG labels."""
    head = data[:1024]
    xml = _XML_DECL.match(head)
    label = xml.group(1) if xml else _meta_charset(head)
    if not label:
        return None
    import webencodings

    enc = webencodings.lookup(label.decode("ascii", "replace").strip())
    if enc is None:
        return None
    if enc.name in ("utf-16le", "utf-16be"):
        return "utf-8"  # HTML: a meta that says UTF-16 was read with an ASCII-compatible encoding
    if enc.name == "x-user-defined":
        return "cp1252"  # the HTML prescan rule
    return "replacement" if enc.name == "replacement" else str(enc.codec_info.name)


def _meta_charset(head: bytes) -> bytes | None:
    """The charset label of the first ``<meta>`` that declares one (prescan, comments skipped)."""
    head = _COMMENT.sub(b"", head)
    for tag in _META.finditer(head):
        attrs = {m.group(1).lower(): (m.group(2) or b"").strip(b"\"'") for m in _ATTR.finditer(tag.group(1))}
        if attrs.get(b"charset"):
            return attrs[b"charset"]
        if attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CHARSET_IN_CONTENT.search(attrs.get(b"content", b""))
            if found:
                return found.group(1)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the zero bytes fall on one parity (ASCII-range text)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str:
    """The codec charset-normalizer finds most plausible, with windows-1252 for English text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError("cannot determine the text encoding; convert the file to UTF-8")
    codec = str(best.encoding)
    if codec not in _UNICODE and _prefer_cp1252(data, str(best)):
        return "cp1252"
    return codec


def _prefer_cp1252(data: bytes, detected: str) -> bool:
    """True when ``data`` is clean windows-1252 reading as English, no messier than ``detected``."""
    from charset_normalizer.md import mess_ratio

    from presslens.ingest.language import english_score

    try:
        as_1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    if english_score(as_1252) < 0.1:
        return False
    return mess_ratio(as_1252, maximum_threshold=1.0) <= mess_ratio(detected, maximum_threshold=1.0) + 0.01


def _control_ratio(text: str) -> float:
    """Share of control and replacement characters in the first 20,000 characters."""
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    bad += sample.count("\ufffd")
    return bad / len(sample)
