"""Hostile inputs, written here from the file formats' rules (no third-party samples).

Used by the ingest tests and by ``make fuzz`` (``run_fuzz.py``):
- raw PDF writers: a well-formed text PDF, a page tree of thousands of pages,
  a deflate bomb, and byte-level mutations of any of them;
- seed articles (invented text) in plain text, HTML (with navigation, scripts,
  entities, declared charsets) and PDF form;
- mutators: bit flips, truncation, splices, inserted control characters, lone
  surrogates, huge words, encodings and re-declared charsets.
Everything is deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random
import zlib

SENTENCES = [
    "The harbour authority of Valdora said on Monday that the ferry service would resume within a week.",
    "Dockers had walked out over pay, and the strike cost the port about \u00a385 million, officials said.",
    "\u201cWe will not accept another delay,\u201d said Mara Quintel, who leads the dockers\u2019 union.",
    "The council voted 12 to 3 to freeze rents until March 2025, after a month-long protest.",
    "According to the transport ministry, 230 passengers were on board when the two ferries collided.",
    "Prices rose by 4.5% in the year to June, the statistics office reported on Thursday.",
    "An inquiry led by Capt. Miriam O'Day will report within six weeks, the minister told reporters.",
    "The caf\u00e9 on Rue \u00c9mile reopened, and its owner, Zo\u00eb Br\u00fcnnhilde, said trade was slow.",
]
NAV = ["Home", "World", "Business", "Sport", "Opinion", "Culture", "Weather", "Subscribe", "Log in"]


def article(rng: random.Random, n_paragraphs: int = 3) -> tuple[str, list[str]]:
    """An invented article: a title and paragraphs of 2–4 sentences."""
    title = rng.choice(["Harbour Strike Ends", "Ferry Service to Resume", "Council Freezes Rents"])
    paras = [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(n_paragraphs)]
    return title, paras


# ---- PDF ---------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file whose objects 1..n are ``objects``, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def pdf_stream(data: bytes, *, compress: bool = False) -> bytes:
    """A stream object body, Flate-compressed when asked."""
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 subset), with () and \\ escaped."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def page_content(lines: list[str]) -> bytes:
    """A content stream drawing ``lines`` top-down in Helvetica 11 pt."""
    ops = [b"BT /F1 11 Tf 14 TL 72 760 Td"]
    ops += [_pdf_string(line) + b" Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def wrap(text: str, width: int = 80) -> list[str]:
    """Hard-wrap ``text`` at word boundaries (as a PDF column does)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def text_pdf(pages: list[list[str]], *, compress: bool = True, title: str | None = None) -> bytes:
    """A well-formed PDF with one page per list of lines."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    info = b"<< /Title %s >>" % _pdf_string(title) if title else b"<< >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(pdf_stream(page_content(lines), compress=compress))
    objects.append(info)
    pdf = raw_pdf(objects)
    return pdf.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Info %d 0 R >>" % len(objects))


def article_pdf(rng: random.Random, n_pages: int = 1) -> bytes:
    """An invented article as a PDF: title line, blank line, wrapped paragraphs."""
    title, paras = article(rng, 2 + n_pages)
    lines = [title, ""]
    for para in paras:
        lines += [*wrap(para), ""]
    per = max(1, len(lines) // n_pages)
    pages = [lines[i : i + per] for i in range(0, len(lines), per)]
    return text_pdf(pages, title=title)


def many_pages_pdf(n_pages: int) -> bytes:
    """A small file whose page tree lists one page object ``n_pages`` times (6 bytes a page)."""
    kids = b" ".join([b"3 0 R"] * n_pages)
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        pdf_stream(page_content([SENTENCES[0]] * 40), compress=True),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def deflate_bomb_pdf(expanded_bytes: int) -> bytes:
    """One page whose content stream inflates to ``expanded_bytes`` of spaces (~1,000:1)."""
    content = page_content([SENTENCES[1]]) + b" " * expanded_bytes
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        pdf_stream(content, compress=True),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def cyclic_pages_pdf() -> bytes:
    """A page tree whose node lists itself as a kid (a cycle)."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        pdf_stream(page_content(["Cycle"])),
    ])


# ---- HTML --------------------------------------------------------------------------------


def _escape(text: str, rng: random.Random) -> str:
    """HTML-escape ``text``, sometimes as numeric or named entities."""
    out = []
    for ch in text:
        if ch in "&<>":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}[ch])
        elif ord(ch) > 127 and rng.random() < 0.5:
            out.append(rng.choice([f"&#{ord(ch)};", f"&#x{ord(ch):x};"]))
        elif ch == "\u00a0":
            out.append("&nbsp;")
        else:
            out.append(ch)
    return "".join(out)


def article_html(rng: random.Random, *, charset: str | None = "utf-8", nav_only: bool = False) -> str:
    """An invented news page: head, navigation, article (unless ``nav_only``), footer."""
    title, paras = article(rng, rng.randint(2, 5))
    meta = ""
    if charset:
        meta = rng.choice([f'<meta charset="{charset}">',
                           f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'])
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    body = "" if nav_only else (
        f"<article><h1>{_escape(title, rng)}</h1>"
        + "".join(f"<p>{_inline(_escape(p, rng), rng)}</p>\n" for p in paras) + "</article>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head>{meta}<title>{title}</title>"
            "<style>body{font-family:serif}</style><script>var a = '<p>not text</p>';</script></head>\n"
            f"<body><header><nav><ul>{nav}</ul></nav></header>\n<main>{body}</main>\n"
            "<footer><p>&copy; 2024 The Courier. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>"
            "</body></html>\n")


def _inline(text: str, rng: random.Random) -> str:
    """Wrap a few words of ``text`` in inline tags and comments."""
    words = text.split(" ")
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["<b>{}</b>", "<em>{}</em>", '<a href="/x">{}</a>', "{}<!-- c -->",
                               "<span class=\"s\">{}</span>"]).format(words[i])
    return " ".join(words)


# ---- mutations ---------------------------------------------------------------------------

HOSTILE_CHARS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u00ad",
                 "\ud800", "\udfff", "\ufffd", "\u202e", "\r", "\x0c", "\x0b", "\U0001f600", "\u0301"]


def mutate_text(text: str, rng: random.Random) -> str:
    """A few character-level mutations: hostile characters, deletions, duplications, huge words."""
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        i = rng.randrange(len(chars) + 1)
        if op < 0.45:
            chars[i:i] = [rng.choice(HOSTILE_CHARS)] * rng.randint(1, 3)
        elif op < 0.6 and chars:
            del chars[i : i + rng.randint(1, 40)]
        elif op < 0.75:
            chars[i:i] = chars[max(0, i - 50) : i]
        elif op < 0.85:
            chars[i:i] = ["\n"] * rng.randint(1, 4) + ["-"] * rng.randint(0, 1)
        else:
            chars[i:i] = [rng.choice(" \t\u00a0\u3000")] * rng.randint(1, 20)
    return "".join(chars)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte-level mutations: flips, random runs, truncation, splices of the file's own bytes."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        i = rng.randrange(len(buf) + 1)
        if op < 0.4 and buf:
            buf[min(i, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif op < 0.55:
            buf[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op < 0.7 and buf:
            del buf[i : i + rng.randint(1, 64)]
        elif op < 0.8:
            j = rng.randrange(len(buf) + 1)
            buf[i:i] = buf[j : j + rng.randint(1, 200)]
        elif op < 0.9:
            buf = buf[: rng.randint(0, len(buf))]
        else:
            buf[i:i] = rng.choice([b"<", b">", b"&", b"&#", b"<!--", b"]]>", b"(", b")", b"\\", b"obj", b"endobj",
                                   b"stream\n", b"/Length 999999999", b"R", b"<<", b">>", b"%%EOF"])
    return bytes(buf)
