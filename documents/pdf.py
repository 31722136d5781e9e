"""ReportLab helpers shared by every PDF: fonts, safe text, glyph coverage.

Fonts are the TTFs shipped in static/fonts/ (DejaVu for Latin, Cyrillic, Greek and Arabic
letters; Droid Sans Fallback for Chinese, Japanese and Korean), registered once per
process. Text enters a Paragraph only through `markup()`, which NFC-normalises and escapes
it and switches to the CJK font for runs that DejaVu cannot draw. `missing_glyphs()` lets
callers refuse a name no shipped font can draw instead of printing empty boxes.
"""

import threading
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "STCESans"
SANS_BOLD = "STCESans-Bold"
SERIF = "STCESerif"
SERIF_BOLD = "STCESerif-Bold"
CJK = "STCECJK"

_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}
# Fonts tried in order for each character of a run of text.
_FALLBACK_ORDER = (SANS, CJK)
_lock = threading.Lock()
_registered = False


def font_path(filename: str):
    return settings.BASE_DIR / "static" / "fonts" / filename


def register_fonts() -> None:
    """Register the shipped fonts with ReportLab; cheap after the first call."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_path(filename))))
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        _registered = True


@lru_cache(maxsize=8)
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph.keys())


def _drawable_by(font_name: str, char: str) -> bool:
    return char.isspace() or ord(char) in _coverage(font_name)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` that no shipped font can draw."""
    return {
        c for c in normalise(text)
        if unicodedata.category(c)[0] != "C" and not any(_drawable_by(f, c) for f in _FALLBACK_ORDER)
    }


def font_for_char(char: str, preferred: str = SANS) -> str:
    """The preferred font if it can draw `char`, else the first shipped font that can."""
    return _font_for(char, preferred)


def _font_for(char: str, preferred: str) -> str:
    if _drawable_by(preferred, char):
        return preferred
    for font in _FALLBACK_ORDER:
        if _drawable_by(font, char):
            return font
    return preferred


def markup(text: str, font: str = SANS) -> str:
    """Paragraph markup for untrusted text: NFC, escaped, CJK runs in the CJK font."""
    register_fonts()
    text = normalise(text)
    runs: list[tuple[str, list[str]]] = []
    for char in text:
        chosen = _font_for(char, font)
        if runs and runs[-1][0] == chosen:
            runs[-1][1].append(char)
        else:
            runs.append((chosen, [char]))
    parts = []
    for run_font, chars in runs:
        chunk = escape("".join(chars))
        parts.append(chunk if run_font == font else f'<font name="{run_font}">{chunk}</font>')
    return "".join(parts)


def font_for_plain_text(text: str, font: str = SANS) -> str:
    """For canvas.drawString, which cannot switch fonts: the font that can draw all of it."""
    text = normalise(text)
    if all(_drawable_by(font, c) for c in text):
        return font
    if all(_drawable_by(CJK, c) for c in text):
        return CJK
    return font
