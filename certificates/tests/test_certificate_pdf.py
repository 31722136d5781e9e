"""Certificate PDFs read back: names in their own script, serial, QR code, size, caching."""

import io
import shutil
import subprocess
import zipfile

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image
from pypdf import PdfReader

from certificates import files as certificate_files
from certificates.issuing import issue_certificate
from certificates.models import Certificate, Signatory
from certificates.tests.certificate_helpers import decode_qr_codes, enrol, event_with_days, pdf_text
from people.models import Organisation
from people.tests.factories import CountryFactory, PersonFactory

pytestmark = pytest.mark.django_db

NAMES = {  # given, family, and the name as printed
    "latin": ("José", "Núñez Peña", "José Núñez Peña"),
    "cyrillic": ("Дмитрий", "Иванов", "Дмитрий Иванов"),
    "chinese": ("伟", "王", "王伟"),
}


@pytest.fixture
def event():
    return event_with_days(
        title="National training on STCE", host_country=CountryFactory(code="CN", name="China")
    )


def _issue(event, by, **person):
    return issue_certificate(
        kind=Certificate.Kind.COMPLETION, holder=enrol(event, **person).person, event=event, by=by
    )


@pytest.mark.parametrize("script", NAMES)
def test_the_holders_name_and_the_serial_read_back_from_the_pdf(script, event, coordinator, media_root):
    given, family, printed = NAMES[script]
    certificate = _issue(event, coordinator, given_name=given, family_name=family)
    text = pdf_text(certificate_files.certificate_pdf(certificate))
    assert printed in text
    assert certificate.serial in text
    assert "National training on STCE" in text


def test_the_qr_code_decodes_to_the_exact_verify_url(event, coordinator, media_root):
    certificate = _issue(event, coordinator, given_name="伟", family_name="王", latin_name="Wang Wei")
    assert decode_qr_codes(certificate_files.certificate_pdf(certificate)) == [
        f"{settings.STCE_PUBLIC_URL}/verify/{certificate.code}/"
    ]


def test_every_page_of_a_merged_pdf_has_its_own_qr_code_and_holder(event, coordinator, media_root):
    certificates = [
        _issue(event, coordinator, given_name=g, family_name=f) for g, f, _printed in NAMES.values()
    ]
    data = certificate_files.merged_pdf(certificates, title="Batch")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    for page, certificate in zip(reader.pages, certificates, strict=True):
        assert certificate.holder_name in page.extract_text()
        assert certificate.serial in page.extract_text()
    assert decode_qr_codes(data) == [c.verify_url for c in certificates]


def test_the_text_is_in_the_holders_language(event, coordinator, media_root):
    certificate = _issue(
        event, coordinator, given_name="Дмитрий", family_name="Иванов", preferred_language="ru"
    )
    text = pdf_text(certificate_files.certificate_pdf(certificate))
    assert "Сертификат о завершении обучения" in text
    assert "с 18 октября 2021 г. по 22 октября 2021 г." in text


@pytest.mark.parametrize("language,gender,says", [
    ("ru", "female", "успешно завершила обучение"),
    ("ru", "male", "успешно завершил обучение"),
    ("es", "female", "ha finalizado con éxito la formación"),
    ("fr", "unknown", "a suivi avec succès la formation"),
])
def test_the_certificate_agrees_with_the_holders_recorded_gender(event, coordinator, language, gender, says):
    certificate = _issue(event, coordinator, gender=gender, preferred_language=language)
    assert certificate.snapshot["lines"][0] == says


FIELD = "pour l’application des contrôles aux échanges de nature stratégique"


@pytest.mark.parametrize("gender,says", [
    ("female", ["est accréditée par l’Organisation mondiale des douanes comme",
                f"experte douanière accréditée (ACE) {FIELD}"]),
    ("male", ["est accrédité par l’Organisation mondiale des douanes comme",
              f"expert douanier accrédité (ACE) {FIELD}"]),
    ("another", ["détient l’accréditation de l’Organisation mondiale des douanes comme",
                 f"expert douanier accrédité (ACE) {FIELD}"]),
])
def test_an_accreditation_certificate_agrees_with_the_holder_in_french(gender, says):
    from certificates.snapshot import build_snapshot

    holder = PersonFactory(gender=gender, preferred_language="fr")
    snapshot = build_snapshot(kind=Certificate.Kind.ACCREDITATION, holder=holder, language="fr", subject={})
    assert snapshot["lines"] == says


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_a_russian_certificate_reads_back_with_pdftotext(event, coordinator, media_root):
    certificate = _issue(
        event, coordinator, given_name="Айгерим", family_name="Касымова", preferred_language="ru"
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=certificate_files.certificate_pdf(certificate),
        capture_output=True, check=True,
    ).stdout.decode()
    text = " ".join(text.split())
    assert "Айгерим Касымова" in text
    assert "Сертификат о завершении обучения" in text
    assert certificate.serial in text


def test_an_arabic_name_is_shaped_right_to_left(event, coordinator, media_root):
    certificate = _issue(event, coordinator, given_name="سارة", family_name="الحسيني")
    text = pdf_text(certificate_files.certificate_pdf(certificate))
    # Drawn in visual order with joined letter forms: what a reader sees, not "س ا ر ة".
    assert "\ufeb3" in text  # SEEN initial form, the first letter of سارة joined to the next


def _png(path, size=(300, 90)):
    Image.new("RGBA", size, (10, 40, 120, 255)).save(path)


def test_signatures_and_logos_are_printed_and_the_pdf_stays_small(event, coordinator, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "signatures").mkdir()
    (media_root / "logos").mkdir()
    _png(media_root / "signatures" / "ana.png")
    _png(media_root / "logos" / "wco.png", (400, 200))
    Signatory.objects.create(name="Ana Hinojosa", title="Director", signature="signatures/ana.png")
    organiser = Organisation.objects.create(name="World Customs Organization", logo="logos/wco.png")
    event.organisers.add(organiser)
    certificate = _issue(event, coordinator, given_name="伟", family_name="王", latin_name="Wang Wei")
    data = certificate_files.certificate_pdf(certificate)
    assert "Ana Hinojosa" in pdf_text(data)
    images = PdfReader(io.BytesIO(data)).pages[0].images
    assert len(images) >= 2
    assert len(data) < 100 * 1024


def test_a_rendered_pdf_is_stored_and_not_rendered_again(event, coordinator, media_root, monkeypatch):
    certificate = _issue(event, coordinator)
    renders = []
    original = certificate_files.render_certificate
    monkeypatch.setattr(
        certificate_files, "render_certificate", lambda sheet: renders.append(1) or original(sheet)
    )
    first = certificate_files.certificate_pdf(certificate)
    second = certificate_files.certificate_pdf(certificate)
    assert first == second
    assert len(renders) == 1


def test_a_batch_zip_holds_one_pdf_per_certificate(event, coordinator, media_root):
    certificates = [_issue(event, coordinator) for _ in range(3)]
    archive = zipfile.ZipFile(io.BytesIO(certificate_files.certificates_zip(certificates)))
    assert sorted(archive.namelist()) == sorted(f"{c.serial}.pdf" for c in certificates)
    assert certificates[0].serial in pdf_text(archive.read(f"{certificates[0].serial}.pdf"))


def test_the_preview_command_writes_a_sample_certificate(tmp_path):
    out = tmp_path / "preview.pdf"
    call_command("certificate_preview", name="Дмитрий Иванов", language="fr", out=str(out))
    text = pdf_text(out.read_bytes())
    assert "Дмитрий Иванов" in text
    assert "Certificat d’achèvement" in text


def test_the_preview_command_refuses_a_name_no_font_can_draw(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No shipped font"):
        call_command("certificate_preview", name="\U00010000", language="en", out=str(tmp_path / "x.pdf"))


def test_every_kind_of_holder_name_stays_under_100_kb(event, coordinator, media_root):
    for given, family, _printed in NAMES.values():
        holder = PersonFactory(given_name=given, family_name=family)
        enrol(event, holder)
        certificate = issue_certificate(
            kind=Certificate.Kind.COMPLETION, holder=holder, event=event, by=coordinator
        )
        assert len(certificate_files.certificate_pdf(certificate)) < 100 * 1024


# ----------------------------------------------------------------- long module lists

MODULE_TITLES = [
    "Definition and importance of strategic trade control enforcement",
    "Components of a national strategic trade control system",
    "Controls of chemical weapons related materials and precursors",
    "Controls of biological weapons related materials and equipment",
    "The IAEA Incident and Trafficking Database and radiological detection",
    "Dual-use materials, equipment and technology in customs practice",
    "Using the Strategic Trade Atlas for commodity identification",
    "Risk management and targeting of strategic goods shipments",
    "Post-clearance audit of exporters of controlled items",
    "National experiences of the host administration in enforcement",
    "UNSCR 1540 obligations under operative paragraphs 1, 2 and 3",
    "The 1540 Committee toolkit and the comprehensive review",
    "The international disarmament and non-proliferation regime",
    "National export control law and licensing practice",
    "Transit and trans-shipment controls at ports and airports",
    "Investigations, seizures and prosecutions of illicit transfers",
    "Inter-agency cooperation between customs and licensing authorities",
    "Industry outreach and internal compliance programmes",
    "Intangible transfers of technology and cloud computing",
    "Brokering controls and catch-all provisions for end uses",
    "Missile technology and unmanned aerial vehicle components",
    "Conventional arms and small arms and light weapons controls",
    "Detection equipment: handheld spectrometers and portal monitors",
    "Seizure reporting in the WCO Customs Enforcement Network",
    "Case studies from regional operational exercises and lessons learned",
]


def _event_with_modules(count: int):
    from courses.models import AgendaItem, EventDay
    from courses.tests.factories import ModuleFactory

    event = event_with_days(title="Regional training with a long agenda")
    day = EventDay.objects.filter(event=event).order_by("date").first()
    for index in range(count):
        repeat = "" if index < len(MODULE_TITLES) else f" ({index})"
        title = MODULE_TITLES[index % len(MODULE_TITLES)] + repeat
        module = ModuleFactory(code=f"M-{index + 1:02d}", title=title)
        AgendaItem.objects.create(day=day, module=module, position=index)
    return event


def _pdftotext(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF back as a reader would")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    # Titles may wrap from one line to the next: compare with single spaces.
    return " ".join(result.stdout.decode().split())


def test_a_certificate_with_25_modules_prints_every_title(coordinator, media_root):
    event = _event_with_modules(25)
    certificate = _issue(event, coordinator)
    text = _pdftotext(certificate_files.certificate_pdf(certificate))
    missing = [title for title in MODULE_TITLES if title not in text]
    assert not missing, f"{len(missing)} of 25 modules missing from the PDF: {missing}"
    assert all(f"M-{n:02d}" in text for n in range(1, 26))


def test_a_module_list_too_long_for_one_page_continues_on_a_second_page(coordinator, media_root):
    event = _event_with_modules(70)
    certificate = _issue(event, coordinator)
    data = certificate_files.certificate_pdf(certificate)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 2
    first = " ".join(pages[0].extract_text().split())
    assert "more modules, listed on the next page" in first
    text = _pdftotext(data)
    assert all(f"M-{n:02d}" in text for n in range(1, 71))
    assert certificate.serial in " ".join(pages[1].extract_text().split())


def test_a_short_module_list_stays_on_one_page_at_full_size(coordinator, media_root):
    from certificates.files import sheet_for
    from certificates.pdf import module_layout

    certificate = _issue(_event_with_modules(3), coordinator)
    size, lines, left = module_layout(sheet_for(certificate), top=300, width=700)
    assert (size, left) == (10, 0) and len(lines) <= 3
    assert len(PdfReader(io.BytesIO(certificate_files.certificate_pdf(certificate))).pages) == 1


def test_the_merged_pdf_keeps_each_continuation_page_after_its_certificate(coordinator, media_root):
    long_event, short_event = _event_with_modules(70), event_with_days(title="Short one")
    long_one, short_one = _issue(long_event, coordinator), _issue(short_event, coordinator)
    pages = PdfReader(io.BytesIO(certificate_files.merged_pdf([long_one, short_one], title="Batch"))).pages
    assert [long_one.serial in p.extract_text() for p in pages] == [True, True, False]
    assert short_one.serial in pages[2].extract_text()
