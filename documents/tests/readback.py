"""Reading PDFs back as a reader would, for tests of text in every script.

How the read-back works (poppler's pdftotext 22.12, default mode, not -raw):
- pdftotext assumes the PDF holds text in visual order (it does: a PDF is positioned
  glyphs) and turns right-to-left runs back into logical order, wrapping them in U+202B
  RLE ... U+202C PDF (and LTR runs inside them in U+202A LRE ... U+202C).
- It returns what the font's ToUnicode map says, i.e. the Arabic presentation forms we drew
  (U+FExx, lam-alef U+FEFB...), not base letters. NFKC maps them back to the letters.
- Where spaces land around a direction change is its guess ("Ahmed \u202b أحمد علي\u202cAli").
So the comparison is `norm()`: NFKC, drop bidi controls, whitespace, punctuation and
combining marks; the marks are compared as a multiset by `marks()`. Order is still checked
letter by letter: text drawn in logical order reads back reversed (documents/tests/test_pdftext
proves that the comparison fails for it), and a word order swap changes the letter sequence.

pdftotext picks a page's main direction by counting letters: a page dominated by
right-to-left letters reads a mixed line back in right-to-left order. The real documents have
Latin labels; a test page of its own should have one too.
"""

import io
import shutil
import subprocess
import unicodedata
from collections import Counter

import pytest

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(not PDFTOTEXT, reason="poppler-utils (pdftotext) is not installed")


def norm(text: str) -> str:
    """What read-back is compared on: letters and digits (NFKC), in order.

    Bidi controls, whitespace and punctuation go: pdftotext guesses where a space or a
    bracket next to a direction change belongs, and does not mirror brackets ("Ahmed Ali
    (أحمد علي)" reads back as "Ahmed Ali (\u202b)أحمد علي\u202c"). Combining marks that NFC
    cannot compose (harakat, Hebrew points) are compared as a multiset by `marks()`: a
    zero-width mark is placed by x position alone, so the shadda on the last letter of
    عَلِيّ, drawn leftmost, reads back first.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "CPM")


def marks(text: str) -> list[str]:
    return sorted(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) == "Mn")


def pdftotext_pages(data: bytes) -> list[str]:
    """The text of each page, as pdftotext (default mode) reads it."""
    done = subprocess.run(  # noqa: S603 - a fixed command line
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8").split("\f")


def reads_back(page: str, text: str) -> bool:
    """True when `text` is on the page in logical order (see `norm()`), marks included."""
    have = norm(page)
    want = norm(text)
    return want in have and Counter(marks(text)) <= Counter(marks(page))


def notdef_uses(data: bytes) -> list[str]:
    """Text drawn with glyph 0 (.notdef, the missing-glyph box).

    ReportLab writes a character its TrueType font lacks as code 0 of the subset, and code 0
    is .notdef in every subset it makes (ttfonts.TTFont.splitString). So a 0 byte in a
    string shown with one of its TrueType fonts is a box on the page. Form XObjects (the
    certificates' shared background) are searched too.
    """
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []

    def scan(label: str, stream, resources) -> None:
        fonts = resources.get("/Font", {}) if resources else {}
        xobjects = resources.get("/XObject", {}) if resources else {}
        font = None
        for operands, operator in ContentStream(stream, reader).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
            elif operator in (b"Tj", b"'", b'"', b"TJ") and font and font["/Subtype"] == "/TrueType":
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for s in strings:
                    raw = s.original_bytes if hasattr(s, "original_bytes") else s
                    if isinstance(raw, bytes) and b"\x00" in raw:
                        found.append(f"{label}: {font['/BaseFont']}")
            elif operator == b"Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject.get("/Subtype") == "/Form":
                    scan(f"{label} {operands[0]}", xobject, xobject.get("/Resources"))

    for number, page in enumerate(reader.pages, start=1):
        scan(f"page {number}", page.get_contents(), page.get("/Resources"))
    return found
