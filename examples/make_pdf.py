"""Generate an example PDF article with reportlab (used by tests and ``make``-free demos).

The PDF is never committed: run ``python examples/make_pdf.py OUT.pdf``, or call
``build_pdf(path)`` from a test.  The text is invented; it is laid out in a
narrow column so that words are hyphenated across line breaks, with soft
hyphens (U+00AD) and a word split by a stray space, as PDF extractions show.
(Helvetica has no glyph for U+2010; the normaliser tests cover that hyphen.)
"""

from __future__ import annotations

import sys
from pathlib import Path

TITLE = "Dockers Return to Work at Valdora"
LINES = [
    "The dockers of Valdora returned to work on Monday after",
    "a three-week strike, ending a dispute that had cost the",
    "regional economy an estimated 85 million euros, accord-",
    "ing to the Chamber of Commerce. The agreement was signed",
    "late on Sunday by the union leader, Mara Quintel, and the",
    "port chairman, Tobias Renner, after talks brokered by the",
    "inter\u00adnational mediator Walter H. Brenning.",
    "",
    "Under the deal, 240 dismissed workers will be rehired by",
    "the end of May. Ms. Quintel called it a victory for every",
    "family that depends on the harbour. The former spy-",
    "chief turned consultant who advised the port authority",
    "declined to comment. A spokesman for the regional gov ernment",
    "said the settle\u00ad",
    "ment would be reviewed in the autumn.",
]


def build_pdf(path: str | Path) -> Path:
    """Write the example PDF to ``path`` and return it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = Path(path)
    pdf = canvas.Canvas(str(out), pagesize=A4)
    pdf.setTitle(TITLE)
    pdf.setFont("Helvetica-Bold", 16)
    y = 800
    pdf.drawString(72, y, TITLE)
    pdf.setFont("Helvetica", 11)
    y -= 36
    for line in LINES:
        if line:
            pdf.drawString(72, y, line)
        y -= 16 if line else 24
    pdf.showPage()
    pdf.save()
    return out


if __name__ == "__main__":
    sys.stdout.write(f"{build_pdf(sys.argv[1] if len(sys.argv) > 1 else 'example-dockers.pdf')}\n")
