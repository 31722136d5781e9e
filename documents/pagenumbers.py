"""Page numbers that know the page count ("page 2 of 5") in a ReportLab document.

ReportLab draws each page before it knows how many follow, so the canvas keeps every page's
state and draws the numbers when the document is saved: the usual two-pass recipe, packaged
once for every PDF that needs it.
"""

from collections.abc import Callable

from reportlab.pdfgen import canvas


def numbered_canvas(label: Callable[[int, int], str], *, font: str, size: float, bottom: float):
    """A canvasmaker for `doc.build(story, canvasmaker=...)`: each page gets `label(page, pages)`
    centred `bottom` points above its lower edge."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(font, size)
                self.drawCentredString(self._pagesize[0] / 2, bottom, label(number, total))
                super().showPage()
            super().save()

    return NumberedCanvas
