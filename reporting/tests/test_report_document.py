"""How the reports' PDF draws tables and charts: what the reader sees must not be cut or misdrawn."""

from reportlab.pdfbase.pdfmetrics import stringWidth

from documents import pdftext
from documents.charts import bar_chart
from reporting.report_document import PAGE_WIDTH, _bar_drawing, _column_widths, _fit_label, _styles
from reporting.tables import LABEL, NUMBER, Column, Table


def _bars(drawing):
    return next(shape for shape in drawing.contents if hasattr(shape, "categoryAxis"))


def test_no_heading_is_cut_inside_a_word_and_the_table_keeps_the_page_width():
    head = _styles()["head_narrow"]
    columns = [Column("Year", LABEL), Column("Delivered by", LABEL)] + [
        Column(label, NUMBER)
        for label in ("Formations", "Femme", "Homme", "Autre genre", "Non renseigné", "Fonctionnaires formés")
    ]
    widths = _column_widths(Table("t", "T", columns, []), head)
    assert round(sum(widths), 3) == round(PAGE_WIDTH, 3)
    for column, width in zip(columns, widths, strict=True):
        for word in column.label.split():
            assert stringWidth(word, head.fontName, head.fontSize) + 12 <= width, (word, width)


def test_scores_before_and_after_stand_side_by_side_on_an_axis_ending_at_100():
    chart = bar_chart(
        ["A module with a title far too long to stand beside its bar on one line of the chart", "B"],
        [("Before (%)", [40.0, 50.0], "#111111"), ("After (%)", [80.0, 90.0], "#222222")],
        stacked=False,
        horizontal=True,
    )
    chart["options"]["scales"]["x"]["max"] = 100
    bars = _bars(_bar_drawing(chart))
    assert bars.categoryAxis.style == "parallel"  # not 40 + 80 = 120 on a percentage axis
    assert bars.valueAxis.valueMax == 100
    # The first series is drawn on top of each pair, as the legend lists it.
    assert bars.data == [[80.0, 90.0], [40.0, 50.0]]
    assert bars.categoryAxis.reverseDirection == 1  # first module on top, as in the table
    first = bars.categoryAxis.categoryNames[0]
    assert 1 <= first.count("\n") <= 1 and first.endswith("…")
    assert all(stringWidth(line, pdftext.SANS, 7) <= bars.x - 6 for line in first.split("\n"))


def test_people_by_gender_still_add_up_in_one_bar():
    chart = bar_chart(["2024"], [("Women", [3], "#111111"), ("Men", [4], "#222222")])
    bars = _bars(_bar_drawing(chart))
    assert bars.categoryAxis.style == "stacked"
    assert bars.valueAxis.valueStep == 1  # 3 + 4 = 7 people: whole numbers on the axis


def test_a_short_name_is_left_as_it_is():
    assert _fit_label("Europe", 100) == "Europe"
