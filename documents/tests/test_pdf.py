import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from documents import pdf


def render(*texts: str) -> str:
    buffer = io.BytesIO()
    style = ParagraphStyle("t", fontName=pdf.SANS, fontSize=12)
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(pdf.markup(t), style) for t in texts])
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)


def test_names_in_latin_cyrillic_and_chinese_read_back():
    text = render("José Núñez Peña", "Дмитрий Иванов", "王伟 Wang Wei")
    assert "José Núñez Peña" in text
    assert "Дмитрий Иванов" in text
    assert "王伟" in text


def test_markup_escapes_untrusted_text():
    assert pdf.markup("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_markup_normalises_to_nfc():
    assert pdf.markup("Jose\u0301") == "José"


def test_chinese_runs_switch_to_the_cjk_font():
    assert f'<font name="{pdf.CJK}">王伟</font>' in pdf.markup("王伟 Wang")


@pytest.mark.parametrize("text,missing", [
    ("Aigerim Kassymova", set()),
    ("سارة", set()),
    ("Linear B \U00010000", {"\U00010000"}),
])
def test_missing_glyphs_are_reported(text, missing):
    assert pdf.missing_glyphs(text) == missing
