"""documents.pdftext: names in every script read back in logical order, and no page shows a box.

Each case goes on its own page under a Latin label (see documents/tests/readback.py for how
the read-back is compared and why).
"""

import io
import unicodedata

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from documents import pdftext
from documents.pdftext import CJK, SANS, SANS_BOLD, SERIF, SERIF_BOLD
from documents.tests.readback import marks, needs_pdftotext, norm, notdef_uses, pdftotext_pages

NAMES = {
    "arabic-ligature-word": "عبدالله",
    "arabic-three-words": "عبد الله محمد",
    "lam-alef": "لا",
    "arabic-lam-alef-in-name": "سلامة الأحمد",
    "hebrew-two-words": "דוד כהן",
    "chinese": "王秀英",
    "greek": "Γιώργος Παπαδόπουλος",
    "vietnamese": "Nguyễn Thị Minh Khai",
    "vietnamese-decomposed-input": unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai"),
    "latin-arabic-mixed": "Ahmed أحمد علي Ali",
    "latin-hebrew-mixed": "Dr. David דוד כהן Cohen",
    "arabic-with-brackets": "Ahmed Ali (أحمد علي)",
    "persian": "محمد رضا پهلوی",
    "arabic-with-harakat": "مُحَمَّد عَلِيّ",
    "hebrew-with-points": "דָּוִד כֹּהֵן",
}
LABEL = "Extraction check for case {id} drawn with {how} in the shipped fonts"

def name_line(page: str) -> str:
    """The page's text after the label (which may wrap)."""
    text = " ".join(page.split())
    assert text.startswith("Extraction check"), text
    return text.rpartition("shipped fonts")[2]


# ---------------------------------------------------------------- rendering


def render_canvas(cases: dict[str, str], font: str = SANS, naive: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for case_id, text in cases.items():
        canvas.setFont(SANS, 10)
        canvas.drawString(50, 780, LABEL.format(id=case_id, how="canvas.drawString"))
        if naive:  # what the sign-in sheet did: logical order, unshaped, one font
            canvas.setFont(font, 18)
            canvas.drawString(50, 740, unicodedata.normalize("NFC", text))
        else:
            pdftext.draw_string(canvas, 50, 740, text, font, 18)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_paragraphs(cases: dict[str, str], font: str = SANS) -> bytes:
    buffer = io.BytesIO()
    label = ParagraphStyle("label", fontName=SANS, fontSize=10, leading=13)
    style = ParagraphStyle("name", fontName=font, fontSize=18, leading=24)
    story = []
    for case_id, text in cases.items():
        story += [
            Paragraph(pdftext.markup(LABEL.format(id=case_id, how="Paragraph markup")), label),
            Spacer(1, 4 * mm),
            Paragraph(pdftext.markup(text, font), style),
            PageBreak(),
        ]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


@pytest.fixture(scope="module", autouse=True)
def fonts():
    pdftext.register_fonts()


@pytest.fixture(scope="module")
def canvas_pdf():
    return render_canvas(NAMES)


@pytest.fixture(scope="module")
def paragraph_pdf():
    return render_paragraphs(NAMES)


# ---------------------------------------------------------------- read-back in logical order


@pytest.mark.parametrize("case_id", NAMES)
@needs_pdftotext
def test_canvas_text_reads_back_in_logical_order(canvas_pdf, case_id):
    page = pdftotext_pages(canvas_pdf)[list(NAMES).index(case_id)]
    assert norm(name_line(page)) == norm(NAMES[case_id])
    assert marks(name_line(page)) == marks(NAMES[case_id])


@pytest.mark.parametrize("case_id", NAMES)
@needs_pdftotext
def test_paragraph_text_reads_back_in_logical_order(paragraph_pdf, case_id):
    page = pdftotext_pages(paragraph_pdf)[list(NAMES).index(case_id)]
    assert norm(name_line(page)) == norm(NAMES[case_id])
    assert marks(name_line(page)) == marks(NAMES[case_id])


@pytest.mark.parametrize("font", [SANS_BOLD, SERIF, SERIF_BOLD])
@needs_pdftotext
def test_other_styles_fall_back_to_a_font_with_the_script(font):
    # DejaVu Serif has no Arabic or Hebrew at all: those runs must switch to DejaVu Sans.
    data = render_canvas(NAMES, font=font)
    pages = pdftotext_pages(data)
    for index, text in enumerate(NAMES.values()):
        assert norm(name_line(pages[index])) == norm(text), text
    assert notdef_uses(data) == []


@needs_pdftotext
def test_control_logical_order_drawn_as_is_does_not_read_back():
    """The comparison is not trivially true: unreordered RTL text fails it."""
    rtl = {k: NAMES[k] for k in ("arabic-three-words", "hebrew-two-words", "latin-arabic-mixed")}
    pages = pdftotext_pages(render_canvas(rtl, naive=True))
    for index, text in enumerate(rtl.values()):
        assert norm(name_line(pages[index])) != norm(text), text


@needs_pdftotext
def test_control_reordered_words_do_not_read_back():
    """Right letters in the wrong word order fail too: the check sees word order."""
    swapped = {"swapped": "כהן דוד"}
    page = pdftotext_pages(render_canvas(swapped))[0]
    assert norm(name_line(page)) != norm("דוד כהן")


def test_no_page_has_a_missing_glyph_box(canvas_pdf, paragraph_pdf):
    assert notdef_uses(canvas_pdf) == []
    assert notdef_uses(paragraph_pdf) == []


def test_control_the_box_detector_sees_the_reported_bug():
    """arabic_reshaper's defaults turn الله into U+FDF2, which DejaVu lacks: a box."""
    import arabic_reshaper
    from bidi import get_display

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(SANS, 18)
    canvas.drawString(50, 740, get_display(arabic_reshaper.reshape("عبدالله")))
    canvas.save()
    assert notdef_uses(buffer.getvalue()) != []


# ---------------------------------------------------------------- wrapping


def _cell_pdf(markup: str, width: float) -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("cell", fontName=SANS, fontSize=10, leading=12)
    label = ParagraphStyle("label", fontName=SANS, fontSize=10, leading=12)
    table = Table([[Paragraph(markup, style)]], colWidths=[width])
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph(LABEL.format(id="cell", how="a table cell"), label), table]
    )
    return buffer.getvalue()


@needs_pdftotext
def test_markup_never_breaks_a_line_inside_a_right_to_left_run():
    # The cell fits "Participant" or the Arabic name, not both: ReportLab must break before
    # the name, not inside it (that would put محمد on the first line).
    text = "Participant عبد الله محمد from Cairo"
    markup = pdftext.markup(text)
    assert "\u00a0" in markup
    data = _cell_pdf(markup, 40 * mm)
    assert norm(name_line(pdftotext_pages(data)[0])) == norm(text)


@needs_pdftotext
def test_control_a_plain_space_inside_the_run_breaks_the_order():
    text = "Participant عبد الله محمد from Cairo"
    data = _cell_pdf(pdftext.markup(text).replace("\u00a0", " "), 40 * mm)
    assert norm(name_line(pdftotext_pages(data)[0])) != norm(text)


@needs_pdftotext
def test_a_name_wider_than_its_cell_is_wrapped_logically():
    # Wider than the cell: markup()'s bound run would be split by ReportLab's
    # splitLongWords, letter by letter; wrapped_markup() breaks between words, then reorders.
    name = "عبد الله محمد"
    width = 18 * mm
    data = _cell_pdf(pdftext.wrapped_markup(name, SANS, 10, width - 12), width)
    assert norm(name_line(pdftotext_pages(data)[0])) == norm(name)
    broken = _cell_pdf(pdftext.markup(name), width)
    assert norm(name_line(pdftotext_pages(broken)[0])) != norm(name)


@needs_pdftotext
def test_long_rtl_text_is_wrapped_then_reordered_line_by_line():
    words = ["واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
    text = " ".join(words * 2)
    width = 60 * mm
    lines = pdftext.wrap(text, SANS, 12, width * 0.98)
    assert len(lines) > 2
    buffer = io.BytesIO()
    label = ParagraphStyle("label", fontName=SANS, fontSize=10, leading=13)
    body = ParagraphStyle("body", fontName=SANS, fontSize=12, leading=16, alignment=2)  # right
    para = Paragraph(pdftext.wrapped_markup(text, SANS, 12, width), body)
    SimpleDocTemplate(buffer, pagesize=A4).build([
        Paragraph(LABEL.format(id="long", how="wrapped_markup") * 2, label),
        Table([[para]], colWidths=[width + 12]),
    ])
    assert norm(name_line(pdftotext_pages(buffer.getvalue())[0])) == norm(text)


# ---------------------------------------------------------------- printability


@pytest.mark.parametrize("text,missing", [
    ("Aigerim Kassymova", []),
    ("سارة", []),
    ("عبدالله", []),
    ("Nguyễn Thị Minh Khai", []),
    ("王秀英", []),
    ("Ali 👍", ["👍"]),
    ("🎓 Graduate", ["🎓"]),
    ("🇫🇷 Jean", ["🇫", "🇷"]),
    ("Ana 👩\u200d💻", ["👩", "💻"]),  # the ZWJ itself is not drawn, so not missing
    ("Linear B \U00010000", ["\U00010000"]),
    ("ہے", ["ہ", "ے"]),  # Urdu heh goal and yeh barree: not in DejaVu
    ("private \ue000", ["\ue000"]),  # the old check skipped category C, so this was a box
])
def test_unprintable_characters(text, missing):
    assert pdftext.unprintable_characters(text) == missing
    assert pdftext.can_print(text) is (not missing)


@pytest.mark.parametrize("font", [SANS, SANS_BOLD, SERIF, SERIF_BOLD, CJK])
def test_the_entry_check_is_the_render_check_in_every_style(font):
    odd = ["Ali 👍", "ہے", "ﷲ", "😀", "Ali (👍)", "≤x≥", "a\u2067b\u2069\n\x00", "\ue000", "ٱلله", "لأ ﻻ"]
    for text in [*NAMES.values(), *odd]:
        assert list(pdftext.layout(text, font).missing) == pdftext.unprintable_characters(text)


@needs_pdftotext
def test_an_unprintable_character_is_left_out_not_drawn_as_a_box():
    data = render_canvas({"emoji": "Ali 👍 Hassan"})
    assert notdef_uses(data) == []
    assert norm(name_line(pdftotext_pages(data)[0])) == norm("Ali Hassan")
    assert pdftext.layout("Ali 👍 Hassan").text == "Ali Hassan"


def test_dejavu_has_some_emoji_so_they_count_as_printable():
    # U+1F600-1F640 are in DejaVu Sans (monochrome). Refusing emoji as such is a naming
    # rule, not a printing one.
    assert pdftext.can_print("😀")


# ---------------------------------------------------------------- shaping details


def test_the_allah_ligature_is_not_used_with_a_font_that_lacks_it():
    shaped = pdftext.layout("عبدالله", SANS).text
    assert "\ufdf2" not in shaped
    assert 0xFDF2 not in pdftext.coverage(SANS)
    assert unicodedata.normalize("NFKC", shaped)[::-1] == "عبدالله"


def test_lam_alef_is_the_ligature_dejavu_has():
    assert pdftext.layout("لا").text == "\ufefb"


def test_typed_presentation_forms_are_shaped_like_letters():
    assert pdftext.layout("عبدﷲ").text == pdftext.layout("عبدالله").text


def test_brackets_in_right_to_left_runs_are_mirrored():
    # python-bidi >= 0.5 leaves mirroring (UAX #9 L4) to the caller.
    assert pdftext.layout("(علي)").text == "(ﻲﻠﻋ)"
    assert pdftext.layout("عبد (Ali)").text == "(Ali) ﺪﺒﻋ"


def test_hebrew_points_are_drawn_before_their_letter():
    # No UAX #9 L3: DejaVu's Hebrew points extend to the right of the pen, over the letter
    # drawn after them (see out/sample-1.png).
    assert pdftext.layout("שָׁלוֹם").text == "שָׁלוֹם"[::-1]


def test_isolates_do_not_crash_and_are_not_drawn():
    # bidi.algorithm (the old pure-Python get_display) raises AssertionError on U+2067.
    result = pdftext.layout("x \u2067علي\u2069 y")
    assert result.text == "x ﻲﻠﻋ y" and result.missing == ()


def test_an_isolated_value_keeps_its_place_in_a_sentence():
    assert pdftext.layout("Name: عبد الله 2 items").text == "Name: 2 ﻪﻠﻟﺍ ﺪﺒﻋ items"  # UAX #9 says so
    sentence = f"Name: {pdftext.isolate('عبد الله')} 2 items"
    assert pdftext.layout(sentence).text == "Name: ﻪﻠﻟﺍ ﺪﺒﻋ 2 items"


def test_vietnamese_is_drawn_with_precomposed_letters():
    shaped = pdftext.layout(unicodedata.normalize("NFD", "Nguyễn Thị")).text
    assert shaped == "Nguyễn Thị" and not any(unicodedata.combining(c) for c in shaped)


def test_the_bidi_levels_parser_matches_python_bidi():
    levels, paragraph = pdftext._bidi_levels("ab عل 12", None)
    assert paragraph == 0
    assert levels == [0, 0, 0, 1, 1, 1, 2, 2]  # digits after Arabic are AN (W2, I1)


def test_shape_for_pdf_uses_one_font_or_refuses():
    assert pdftext.shape_for_pdf("عبدالله", (SERIF, SANS))[1] == SANS
    with pytest.raises(pdftext.UnprintableText):
        pdftext.shape_for_pdf("王 عبد", (SANS, CJK))


def test_markup_escapes_untrusted_text():
    assert pdftext.markup("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert pdftext.markup("王伟 Wang") == f'<font name="{CJK}">王伟</font> Wang'


# ---------------------------------------------------------------- a page to look at


def test_a_page_of_every_name_in_every_style_has_no_box():
    """Every name in Sans, Sans Bold, Serif and Serif Bold, drawn with the canvas and with
    Paragraph markup (rasterise it with pdftoppm to look at it)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 800
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(40, y, "canvas (draw_string): Sans / Sans Bold / Serif / Serif Bold")
    samples = [*NAMES.values(), "عبد (Ali) 12 34", "Ali 👍 (👍 is left out)"]
    for text in samples:
        y -= 21
        for x, font in zip((40, 180, 320, 460), (SANS, SANS_BOLD, SERIF, SERIF_BOLD), strict=True):
            pdftext.draw_string(canvas, x, y, text, font, 11, max_width=130)
    label = ParagraphStyle("p", fontName=SANS, fontSize=11, leading=15)
    serif = ParagraphStyle("s", fontName=SERIF, fontSize=11, leading=15)
    y -= 30
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(40, y, "Paragraph (markup) in a table, Sans and Serif")
    rows = [[Paragraph(pdftext.markup(t), label), Paragraph(pdftext.markup(t, SERIF), serif)]
            for t in samples]
    table = Table(rows, colWidths=[250, 250])
    _w, h = table.wrapOn(canvas, 500, y)
    table.drawOn(canvas, 40, y - 8 - h)
    canvas.showPage()
    canvas.save()
    assert notdef_uses(buffer.getvalue()) == []


# ---------------------------------------------------------------- what documents.pdf did


def test_names_in_latin_cyrillic_and_chinese_read_back():
    from pypdf import PdfReader

    buffer = io.BytesIO()
    style = ParagraphStyle("t", fontName=SANS, fontSize=12)
    texts = ("José Núñez Peña", "Дмитрий Иванов", "王伟 Wang Wei")
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(pdftext.markup(t), style) for t in texts])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)
    assert "José Núñez Peña" in text
    assert "Дмитрий Иванов" in text
    assert "王伟" in text


def test_markup_normalises_to_nfc():
    assert pdftext.markup("Jose\u0301") == "José"


@pytest.mark.parametrize("text", [
    "Certificate No. STCE-2025-000123", "  two  spaces  ", "a<b & c>d", "", " ", "(x) [y] {z} 12.5%",
])
@pytest.mark.parametrize("font", [SANS, SERIF_BOLD, CJK])
def test_the_plain_ascii_shortcut_lays_out_what_the_full_pipeline_does(text, font, monkeypatch):
    fast = pdftext.layout.__wrapped__(text, font)
    monkeypatch.setattr(pdftext, "_has_ascii", lambda font: False)
    assert fast == pdftext.layout.__wrapped__(text, font)


def test_any_mix_of_scripts_lays_out_and_the_shortcut_never_vouches_for_a_cut():
    """Random mixes of what names hold (and what they should not): the pipeline never
    raises, and the letter-by-letter check never passes text the pipeline would cut."""
    import random

    pool = (
        "abcé Z 1(ñ)[«»]≤<>"
        "عبدالله سلامةٱٷۀہۅۉےۓپچژگکی\u064e\u0651\u0640ﷲﻻﻼ"
        "דוד כהן\u05b8\u05bc"
        "王秀英한글カタ"
        "Γιώργος ễ\u0301\u0323"
        "\u200c\u200d\u2067\u2069\u202e\n\t\x00\ue000😀👍🇫"
    )
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        result = pdftext.layout.__wrapped__(text, SANS)
        if pdftext._prints_letter_by_letter(text):
            assert result.missing == (), repr(text)
        assert pdftext.wrapped_markup(text, SERIF, 10, 30) is not None


@pytest.mark.parametrize("text", ["ب\u200dلا", "\u200dلا", "Ana \u200dسلامة", "ـلا\u200d"])
def test_a_zero_width_joiner_in_arabic_does_not_crash_the_reshaper(text):
    # arabic_reshaper 3.1 raises IndexError on these (its output drops the ZWJ, its ligature
    # search does not); a name like that would fail every PDF it is on.
    result = pdftext.layout(text)
    assert result.missing == () and "\u200d" not in result.text
    assert "\ufefb" in result.text or "\ufefc" in result.text or "لا" not in text


def test_an_arabic_comma_follows_its_word_in_reading_order():
    # Visual order, left to right: the next word, the comma, then the word it follows.
    assert pdftext.layout("الجمركية، وقدم").text == "ﻡﺪﻗﻭ ،ﺔﻴﻛﺮﻤﺠﻟﺍ"
