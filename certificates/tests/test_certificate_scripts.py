"""Certificates for names in every script: read back in logical order, and never a box.

pdftotext reads a PDF as a reader's copy and paste does; the comparison is
documents.tests.readback.reads_back (letters in order after NFKC), which fails for a name
drawn in the wrong order (the control below proves it) and for swapped words.
"""

import unicodedata

import pytest

from certificates import files as certificate_files
from certificates.files import sheet_for
from certificates.issuing import issue_certificate
from certificates.models import Certificate
from certificates.pdf import render_certificate
from certificates.tests.certificate_helpers import enrol, event_with_days
from documents import pdftext
from documents.tests.readback import needs_pdftotext, notdef_uses, pdftotext_pages, reads_back
from documents.tests.scripts import NAMES_IN_EVERY_SCRIPT, RIGHT_TO_LEFT
from people.tests.factories import CountryFactory

pytestmark = [pytest.mark.django_db, needs_pdftotext]


@pytest.fixture
def issued(coordinator, media_root):
    event = event_with_days(title="National training on STCE", host_country=CountryFactory(code="JO"))
    return {
        case: issue_certificate(
            kind=Certificate.Kind.COMPLETION,
            holder=enrol(event, given_name=given, family_name=family, latin_name=latin).person,
            event=event,
            by=coordinator,
        )
        for case, (given, family, latin) in NAMES_IN_EVERY_SCRIPT.items()
    }


def _full_name(case: str) -> str:
    given, family, _latin = NAMES_IN_EVERY_SCRIPT[case]
    return unicodedata.normalize("NFC", f"{family}{given}" if case == "chinese" else f"{given} {family}")


@pytest.mark.parametrize("case", NAMES_IN_EVERY_SCRIPT)
def test_the_holders_name_reads_back_in_logical_order(issued, case):
    certificate = issued[case]
    data = certificate_files.certificate_pdf(certificate)
    [page] = [p for p in pdftotext_pages(data) if p.strip()]
    assert certificate.holder_name == _full_name(case)
    assert reads_back(page, certificate.holder_name), page
    latin = NAMES_IN_EVERY_SCRIPT[case][2]
    if latin:
        assert reads_back(page, latin)
    assert notdef_uses(data) == []


def test_a_merged_batch_has_every_name_and_no_box(issued):
    certificates = list(issued.values())
    data = certificate_files.merged_pdf(certificates, title="Batch")
    pages = [p for p in pdftotext_pages(data) if p.strip()]
    for page, certificate in zip(pages, certificates, strict=True):
        assert reads_back(page, certificate.holder_name), page
    assert notdef_uses(data) == []


def test_the_allah_ligature_that_no_font_has_is_not_drawn(issued):
    data = certificate_files.certificate_pdf(issued["arabic-ligature"])
    assert "\ufdf2" not in "".join(pdftotext_pages(data))
    assert notdef_uses(data) == []


@pytest.mark.parametrize("case", RIGHT_TO_LEFT)
def test_control_a_name_drawn_in_logical_order_does_not_read_back(issued, case, monkeypatch):
    """The check sees order: with the bidi reordering switched off, the same name fails it."""
    certificate = issued[case]
    logical = lambda text, base_dir: (list(range(len(text))), [0] * len(text))  # noqa: E731
    monkeypatch.setattr(pdftext, "_visual_order", logical)
    pdftext.layout.cache_clear()
    try:
        # Rendered afresh: certificate_pdf would serve the copy stored at issue time.
        [page] = [p for p in pdftotext_pages(render_certificate(sheet_for(certificate))) if p.strip()]
        assert not reads_back(page, certificate.holder_name)
    finally:
        pdftext.layout.cache_clear()
