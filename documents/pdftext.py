"""Fonts and text for every PDF (certificates, sign-in sheets, Information Notes, privacy
exports): any script, shaped, in visual order, in a font that has every glyph.

This is the only way text reaches ReportLab. One pipeline serves drawing and checking, so that
what is checked is what is drawn:

    layout(text, font) -> Layout(runs, missing, ...)

1. NFC (Vietnamese and Greek then use the precomposed letters DejaVu has); every kind of
   whitespace becomes a space; other control characters go.
2. Arabic is joined with arabic_reshaper (harakat kept), configured per font: a ligature is
   used only when the font that will draw it has the glyph (DejaVu has lam-alef but not
   U+FDF2 "ﷲ", which arabic_reshaper's default config produces for الله, e.g. in عبدالله).
   A positional form the font still lacks falls back to the base letter (NFKC): unjoined
   but readable.
3. Bidi: python-bidi 0.6 (Rust unicode-bidi) resolves the embedding levels; this module
   reorders (UAX #9 L1-L2) and mirrors brackets in right-to-left runs (L4), which
   python-bidi >= 0.5 no longer does. Knowing the levels also tells where a line may break.
4. Each character of the visual text goes to the first font of the chain that has it
   (preferred font, then the other shipped fonts); a character no font has is reported in
   `missing` and left out of the drawing, never drawn as a .notdef box.

`unprintable_characters()` / `can_print()` are `layout(...).missing`, so the check at entry
(people.names) is exactly the check at render time. No Django import: the fonts are the
TTFs shipped in static/fonts/ (DejaVu for Latin, Cyrillic, Greek, Arabic and Hebrew letters;
Droid Sans Fallback for Chinese, Japanese and Korean), registered once per process.

Pitfalls for callers: never build one line from several `markup()` calls (each is its own
bidi paragraph, so an Arabic given name and family name would come out left to right);
`isolate()` a value put into a sentence; where a cell's width is known use
`wrapped_markup()`, which wraps logically and then reorders each line.

Public API
    register_fonts(font_dir=None)
    layout(text, font=SANS, *, base_dir=None, fonts=None) -> Layout
    unprintable_characters(text) -> list[str];  can_print(text) -> bool
    shape_for_pdf(text, font_candidates) -> (display_text, font_name)   # one font only
    markup(text, font=SANS) -> str                # Paragraph markup, one logical line
    isolate(text) -> str                          # FSI..PDI around a value put into a sentence
    wrapped_markup(text, font, size, width) -> str  # long text: wrapped, then bidi per line
    wrap(text, font, size, width) -> list[str]    # logical lines for drawing
    string_width(text, font, size) -> float
    draw_string(canvas, x, y, text, font, size, align="left", max_width=None) -> float
    base_direction(text) -> "L" | "R"
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from arabic_reshaper.ligatures import LIGATURES
from arabic_reshaper.reshaper_config import default_config as _RESHAPER_DEFAULTS
from bidi import get_base_level
from bidi import get_display as _rust_get_display
from bidi.mirror import MIRRORED
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "STCESans"
SANS_BOLD = "STCESans-Bold"
SERIF = "STCESerif"
SERIF_BOLD = "STCESerif-Bold"
CJK = "STCECJK"

FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}
# Tried after the preferred font, in this order. Bold falls back to bold first. Every chain
# ends with every shipped font, so whether a character prints never depends on the style
# it is printed in: that is what lets one `can_print()` stand for every PDF.
_FALLBACKS = {
    SANS: (SANS, SANS_BOLD, SERIF, SERIF_BOLD, CJK),
    SANS_BOLD: (SANS_BOLD, SANS, SERIF_BOLD, SERIF, CJK),
    SERIF: (SERIF, SANS, SERIF_BOLD, SANS_BOLD, CJK),
    SERIF_BOLD: (SERIF_BOLD, SANS_BOLD, SERIF, SANS, CJK),
    CJK: (CJK, SANS, SANS_BOLD, SERIF, SERIF_BOLD),
}
# The shipped fonts: <repo>/static/fonts (settings.BASE_DIR / "static" / "fonts").
DEFAULT_FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"

_lock = threading.Lock()
_registered_from: Path | None = None


class UnprintableText(ValueError):
    """No font (of those allowed) can draw these characters."""

    def __init__(self, text: str, missing: list[str]):
        self.text = text
        self.missing = missing
        super().__init__(f"no font can print {' '.join(missing)!s} in {text!r}")


# ---------------------------------------------------------------- fonts


def register_fonts(font_dir: str | Path | None = None) -> None:
    """Register the shipped TTFs with ReportLab once per process (thread-safe)."""
    global _registered_from
    if _registered_from is not None:
        return
    directory = Path(font_dir) if font_dir else DEFAULT_FONT_DIR
    with _lock:
        if _registered_from is not None:
            return
        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(directory / filename)))
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS)  # no italic shipped: <i> must not look for one
        addMapping(SANS, 1, 1, SANS_BOLD)
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF)
        addMapping(SERIF, 1, 1, SERIF_BOLD)
        _registered_from = directory


@lru_cache(maxsize=16)
def coverage(font: str) -> frozenset[int]:
    """Code points the font maps to a real glyph (its cmap: TTFontFace.charToGlyph).

    A character outside this set is drawn by ReportLab as glyph 0 (.notdef, the box) and
    written as byte 0 in the content stream. Presentation forms (U+FB50-FDFF, U+FE70-FEFF)
    are ordinary cmap entries, so the same test covers shaped text.
    """
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _chain(font: str, fonts: tuple[str, ...] | None) -> tuple[str, ...]:
    if fonts is not None:
        return fonts
    return _FALLBACKS.get(font, (font, *_FALLBACKS[SANS]))


def _font_for(char: str, chain: tuple[str, ...]) -> str | None:
    cp = ord(char)
    for font in chain:
        if cp in coverage(font):
            return font
    return None


# ---------------------------------------------------------------- step 1: normalise

ZWJ = "\u200d"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI", "LRE", "LRO", "LRI"})


def _normalise(text: str) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text or ""):
        if char.isspace():
            out.append(" ")
        elif unicodedata.category(char) == "Cc":
            continue
        elif _PRESENTATION.match(char):
            # Pasted presentation forms (e.g. "ﷲ" or text copied from a PDF) become the
            # letters again, so that they are shaped like typed text.
            out.append(unicodedata.normalize("NFKC", char))
        else:
            out.append(char)
    return "".join(out)


def _ignorable(char: str) -> bool:
    """Drawn as nothing: bidi and joining controls, variation selectors, BOM, soft hyphen.

    They steer shaping and bidi, then are dropped: a font need not have them."""
    cat = unicodedata.category(char)
    if cat == "Cf":
        return True
    cp = ord(char)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


# ---------------------------------------------------------------- step 2: Arabic shaping

_LIGATURE_FORMS = {name: [f for f in forms if f] for name, (_match, forms) in LIGATURES}


@lru_cache(maxsize=16)
def _reshaper(font: str) -> arabic_reshaper.ArabicReshaper:
    """arabic_reshaper's defaults, minus every ligature this font has no glyph for."""
    have = coverage(font)
    # Harakat are kept (the default deletes them): drawn before their letter in visual order
    # they sit right in DejaVu, and a name keeps its vowel marks.
    config = {"delete_harakat": False}
    for name, forms in _LIGATURE_FORMS.items():
        if _RESHAPER_DEFAULTS.get(name) and not all(ord(f) in have for f in forms):
            config[name] = False
    if not any(_RESHAPER_DEFAULTS.get(name) and name not in config for name in _LIGATURE_FORMS):
        # arabic_reshaper 3.1 fails (KeyError -1) when every ligature is switched off one
        # by one: its pattern is then empty. The global switch avoids that.
        config["support_ligatures"] = False
    reshaper = arabic_reshaper.ArabicReshaper(configuration=config)
    reshaper.reshape("\u0644\u0627")  # builds its cached regex now, not in a race later
    return reshaper


def _shape_arabic(text: str, chain: tuple[str, ...]) -> str:
    if not _ARABIC.search(text):
        return text
    letters = [c for c in text if _ARABIC.match(c)]
    # The font that draws most of the Arabic letters shapes them (DejaVu Sans for the
    # shipped fonts; DejaVu Serif and Droid Sans Fallback have no Arabic).
    arabic_font = max(chain, key=lambda f: (sum(ord(c) in coverage(f) for c in letters), -chain.index(f)))
    # arabic_reshaper 3.1 drops a ZWJ from its output but not from the text it matches
    # ligatures in, so the two go out of step and it raises IndexError ("ب\u200dلا"). The
    # joiner only forces a joined form, and is not drawn anyway.
    shaped = _reshaper(arabic_font).reshape(text.replace(ZWJ, ""))
    have = coverage(arabic_font)
    if all(ord(c) in have for c in shaped if _PRESENTATION.match(c)):
        return shaped
    # A positional form the font lacks: the base letter, unjoined but readable.
    return "".join(
        unicodedata.normalize("NFKC", c) if _PRESENTATION.match(c) and ord(c) not in have else c
        for c in shaped
    )


# ---------------------------------------------------------------- step 3: bidi

_LEVELS = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _bidi_levels(text: str, base_dir: str | None) -> tuple[list[int], int]:
    """Resolved embedding level of each character (before L1) and the paragraph level.

    python-bidi 0.6 exposes the Rust unicode-bidi result only through `get_display(...,
    debug=True)` (its BidiInfo Debug dump; levels are per UTF-8 byte). The dump is parsed
    from its end so that the text inside it cannot be mistaken for fields. A format change
    in an upgrade fails loudly here (and in the tests), never silently.
    """
    dump = _rust_get_display(text, base_dir=base_dir, debug=True)
    start = dump.rfind("levels: [")
    end = dump.rfind("paragraphs: [")
    if start < 0 or end < start:
        raise RuntimeError("python-bidi debug output changed; pdftext needs updating")
    byte_levels = [int(v) for v in _LEVELS.findall(dump[start:end])]
    paragraph_levels = [int(v) for v in _LEVELS.findall(dump[end:])]
    levels, offset = [], 0
    for char in text:
        levels.append(byte_levels[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(byte_levels) or not paragraph_levels:
        raise RuntimeError("python-bidi debug output changed; pdftext needs updating")
    return levels, paragraph_levels[0]


def isolate(text: str) -> str:
    """`text` as a bidi isolate (FSI ... PDI), for a value put into a sentence.

    Without it a number after an Arabic name in an English sentence joins the name's run
    ("Name: عبد الله 2 items" shows "2" left of the name). The controls are not drawn.
    """
    return f"\u2068{text}\u2069" if text else text


def base_direction(text: str) -> str:
    """'R' if the first strong character is right-to-left (UAX #9 P2-P3), else 'L'."""
    return "R" if get_base_level(_normalise(text) or "a") == 1 else "L"


def _visual_order(text: str, base_dir: str | None) -> tuple[list[int], list[int]]:
    """(logical indices in visual order, level of each logical index)."""
    n = len(text)
    if not any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text) and base_dir != "R":
        return list(range(n)), [0] * n
    levels, para = _bidi_levels(text, base_dir)
    _reset_whitespace_levels(text, levels, para)
    # L3 (marks after their base) is deliberately not applied: without GPOS each mark is
    # drawn where the pen is, and DejaVu's Hebrew points (and Arabic harakat) extend to the
    # right of it, i.e. they are made for the reversed order, mark before base. Latin marks
    # extend to the left and stay after their base, since LTR runs are never reversed an odd
    # number of times. (Checked by rendering; another font may need L3.)
    return _reorder(levels), levels


_TRAILING_CLASSES = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "S", "B"})


def _reset_whitespace_levels(text: str, levels: list[int], para: int) -> None:
    """UAX #9 L1: trailing whitespace (and isolate controls), tabs and breaks go back to the
    paragraph level."""
    classes = [unicodedata.bidirectional(c) for c in text]
    i = len(text) - 1
    while i >= 0 and classes[i] in _TRAILING_CLASSES:
        levels[i] = para
        i -= 1
    for i, cls in enumerate(classes):
        if cls in ("S", "B"):
            levels[i] = para


def _reorder(levels: list[int]) -> list[int]:
    """UAX #9 L2: from the highest level down to the lowest odd level, reverse every run at
    or above it. Returns the logical indices in visual order."""
    n = len(levels)
    order = list(range(n))
    highest = max(levels, default=0)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < n:
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < n and levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


# ---------------------------------------------------------------- step 4: fonts


@dataclass(frozen=True)
class Run:
    font: str
    text: str


@dataclass(frozen=True)
class Layout:
    """One line of text ready to draw left to right."""

    runs: tuple[Run, ...]
    # Characters of the text that no font of the chain can draw, in logical order. They are
    # left out of `runs`.
    missing: tuple[str, ...]
    direction: str  # the paragraph's base direction, "L" or "R"
    # For each character of `text`: may a line break there? False inside a reversed run.
    breakable: tuple[bool, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @cached_property
    def unit_widths(self) -> tuple[float, ...]:
        """Each run's width at 1 pt (widths scale with the size): measured once per layout."""
        return tuple(pdfmetrics.stringWidth(r.text, r.font, 1) for r in self.runs)

    def width(self, size: float) -> float:
        return sum(self.unit_widths) * size


@lru_cache(maxsize=16)
def _has_ascii(font: str) -> bool:
    return all(cp in coverage(font) for cp in range(0x20, 0x7F))


_SPACES = re.compile(" {2,}")


def _plain_layout(text: str, font: str) -> Layout:
    """What the full pipeline makes of printable ASCII, without its per-character work:
    nothing to normalise, shape or reorder, one font, doubled spaces made one. Most lines of
    a certificate (serial, dates, addresses) are like this, and are new on every page."""
    plain = _SPACES.sub(" ", text)
    return Layout(
        runs=(Run(font, plain),) if plain else (),
        missing=(),
        direction="L",
        breakable=(True,) * len(plain),
    )


@lru_cache(maxsize=8192)
def layout(
    text: str, font: str = SANS, *, base_dir: str | None = None, fonts: tuple[str, ...] | None = None
) -> Layout:
    """Shape, reorder and assign fonts to one line of `text` (any script, logical order).

    `font` is the preferred font; `fonts` overrides the fallback chain (e.g. `(font,)` to
    allow no other font). `base_dir` forces the paragraph direction ("L"/"R"), e.g. for the
    second line of a wrapped right-to-left paragraph.
    """
    register_fonts()
    chain = _chain(font, fonts)
    if base_dir != "R" and text.isascii() and text.isprintable() and _has_ascii(chain[0]):
        return _plain_layout(text, chain[0])
    prepared = _normalise(text)
    shaped = _shape_arabic(prepared, chain)
    order, levels = _visual_order(shaped, base_dir)
    direction = base_dir or ("R" if shaped and get_base_level(shaped) == 1 else "L")
    cells, missing = _cells(shaped, order, levels, chain)
    cells = _settle_spaces(cells, chain[0])
    missing.sort(key=lambda c: prepared.find(c) if c in prepared else len(prepared))
    return Layout(
        runs=_runs(cells),
        missing=tuple(missing),
        direction=direction,
        breakable=tuple(cell.level == 0 for cell in cells),
    )


@dataclass
class _Cell:
    """One visual character to draw; `font` is None for a space until its neighbours are known."""

    char: str
    font: str | None
    level: int


def _cells(
    shaped: str, order: list[int], levels: list[int], chain: tuple[str, ...]
) -> tuple[list[_Cell], list[str]]:
    """The characters to draw in visual order, each with its font and level (controls dropped,
    brackets mirrored in right-to-left runs: UAX #9 L4), and the characters no font has."""
    cells: list[_Cell] = []
    missing: list[str] = []
    for i in order:
        char = shaped[i]
        if _ignorable(char):
            continue
        if levels[i] % 2 and char in MIRRORED:
            char = MIRRORED[char]
        if char == " ":
            cells.append(_Cell(char, None, levels[i]))
            continue
        chosen = _cell_font(char, chain, cells[-1].font if cells else None)
        if chosen is None:
            for base in unicodedata.normalize("NFKC", char):
                if _font_for(base, chain) is None and base not in missing:
                    missing.append(base)
            continue
        cells.append(_Cell(char, chosen, levels[i]))
    return cells, missing


def _cell_font(char: str, chain: tuple[str, ...], previous: str | None) -> str | None:
    """The preferred font if it has the character, else the font of the run it continues
    (e.g. Arabic in Sans under a Serif style), else the first of the chain that has it."""
    cp = ord(char)
    if cp in coverage(chain[0]):
        return chain[0]
    if previous is not None and cp in coverage(previous):
        return previous
    return _font_for(char, chain)


def _settle_spaces(cells: list[_Cell], preferred: str) -> list[_Cell]:
    """Spaces left doubled by a character left out (or typed twice) become one. A space
    between two runs of one fallback font stays in it (one text run per script); otherwise it
    takes the preferred font."""
    cells = [c for k, c in enumerate(cells) if not (c.char == " " and k and cells[k - 1].char == " ")]
    for k, cell in enumerate(cells):
        if cell.font is None:
            before = next((c.font for c in reversed(cells[:k]) if c.font is not None), None)
            after = next((c.font for c in cells[k + 1:] if c.font is not None), None)
            cell.font = before if before is not None and before == after else preferred
    return cells


def _runs(cells: list[_Cell]) -> tuple[Run, ...]:
    runs: list[tuple[str, list[str]]] = []
    for cell in cells:
        if runs and runs[-1][0] == cell.font:
            runs[-1][1].append(cell.char)
        else:
            runs.append((cell.font, [cell.char]))
    return tuple(Run(font, "".join(chars)) for font, chars in runs)


# ---------------------------------------------------------------- checks


def unprintable_characters(text: str) -> list[str]:
    """Characters of `text` that no shipped font can print, in order; [] if it all prints.

    The very check `layout()` applies when drawing, after shaping: a name is refused at
    entry exactly when some character of it would otherwise be left out of a PDF.
    """
    if _prints_letter_by_letter(text):
        return []
    return list(layout(text, SANS).missing)


def can_print(text: str) -> bool:
    return not unprintable_characters(text)


@lru_cache(maxsize=1)
def _any_font() -> frozenset[int]:
    return frozenset().union(*(coverage(font) for font in FONT_FILES))


def _prints_letter_by_letter(text: str) -> bool:
    """True when every character is in some shipped font and mirroring cannot swap it for
    another: layout() would then report nothing missing, and a set look-up per character
    says so without shaping, reordering and caching every name of a 50,000-row import.

    Shaping cannot add a missing character: a ligature is used only where the font has it,
    and a positional form the font lacks falls back to its letter, which is then in a font.
    Anything this does not vouch for takes the full pipeline.
    """
    have = _any_font()
    for char in unicodedata.normalize("NFC", text):
        if char in MIRRORED:
            return False
        if ord(char) in have or char.isspace() or _ignorable(char) or unicodedata.category(char) == "Cc":
            continue
        return False
    return True


def shape_for_pdf(text: str, font_candidates: tuple[str, ...] = (SANS,)) -> tuple[str, str]:
    """(visual text, font) for drawing `text` with ONE font, e.g. a bare canvas.drawString.

    The first candidate that can draw all of it wins; raises UnprintableText otherwise.
    Prefer `draw_string()`, which switches fonts within a line.
    """
    missing: list[str] = []
    for font in font_candidates:
        result = layout(text, font, fonts=(font,))
        if not result.missing:
            return result.text, font
        missing = missing or list(result.missing)
    raise UnprintableText(text, missing)


# ---------------------------------------------------------------- canvas


def string_width(text: str, font: str, size: float) -> float:
    return layout(text, font).width(size)


def draw_string(
    canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    align: str = "left",
    max_width: float | None = None,
    base_dir: str | None = None,
) -> float:
    """Draw one line in as many fonts as it needs; shrink it to `max_width`. Returns its width.

    For a line of wrapped text pass the paragraph's `base_direction()` as `base_dir`.
    """
    result = layout(text, font, base_dir=base_dir)
    width = result.width(size)
    if max_width and width > max_width:
        size = size * max_width / width
        width = result.width(size)
    if align in ("centre", "center"):
        x -= width / 2
    elif align == "right":
        x -= width
    for run, unit_width in zip(result.runs, result.unit_widths, strict=True):
        canvas.setFont(run.font, size)
        canvas.drawString(x, y, run.text)
        x += unit_width * size
    return width


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of logical text, measured shaped; lines stay in logical order.

    Wrap first, then lay out each line (UAX #9 reorders per line); pass the paragraph's
    `base_direction(text)` to `layout(..., base_dir=...)` for every line.
    """
    # Joining never crosses a space and reordering keeps widths, so a line's width is the
    # sum of its words' and spaces' widths: each word is shaped and measured once.
    space = layout(" ", font).width(size)
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in _normalise(text).split(" "):
        if not word:
            continue
        word_width = layout(word, font).width(size)
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
        else:
            if current:
                lines.append(current)
            current, current_width = word, word_width
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------- Paragraph markup


def _markup_line(result: Layout, font: str) -> str:
    parts: list[str] = []
    k = 0
    for run in result.runs:
        chars = []
        for char in run.text:
            # A break inside a reversed run would send its first words to the end of the
            # line below; NBSP (which ReportLab never breaks) keeps the run on one line.
            chars.append("\u00a0" if char == " " and not result.breakable[k] else char)
            k += 1
        chunk = escape("".join(chars))
        parts.append(chunk if run.font == font else f'<font name="{run.font}">{chunk}</font>')
    return "".join(parts)


def markup(text: str, font: str = SANS, *, base_dir: str | None = None) -> str:
    """Paragraph markup for one logical line of untrusted text: shaped, visual, escaped.

    Characters the style's font lacks go in <font name=...> runs. Suits names, labels and
    table cells. A right-to-left run is kept on one line; for long right-to-left text use
    `wrapped_markup()`.
    """
    return _markup_line(layout(text, font, base_dir=base_dir), font)


def wrapped_markup(
    text: str, font: str, size: float, width: float, *, base_dir: str | None = None
) -> str:
    """Markup for long text: wrapped in logical order, then each line reordered on its own.

    Lines are joined with <br/>; `width` should be the Paragraph's width (a little less is
    safe). Right-align the paragraph when `base_direction(text) == "R"`. `base_dir="L"` keeps
    a sentence composed in a left-to-right language in that order even when it starts with
    a right-to-left name ("الجمارك and WCO").
    """
    direction = base_dir or base_direction(text)
    return "<br/>".join(
        _markup_line(layout(line, font, base_dir=direction), font)
        for line in wrap(text, font, size, width * 0.98)
    )
