"""The nominations pages pass the Nu HTML Checker, as every page must (stce/tests/test_valid_html.py
checks the matrix's pages; the focal point's pages are 404 for every persona there)."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nominations.links import participant_token
from nominations.models import Nomination
from nominations.services.decisions import nominate
from tools.vnu import unavailable_reason, validate_html

from .helpers import focal_point, nominee
from .test_views import PDF_BYTES, _setup


@pytest.fixture
def vnu():
    # As stce/tests/test_valid_html.py: skipped without Java and vnu.jar, unless CI requires it.
    reason = unavailable_reason()
    if reason:
        if os.environ.get("STCE_REQUIRE_VNU") == "1":
            pytest.fail(f"STCE_REQUIRE_VNU=1 but {reason}")
        pytest.skip(reason)
    return validate_html


def test_nominations_pages_are_valid_html(vnu, client, coordinator_client, tmp_path):
    event = _setup(2)
    invitation = event.invitations.first()
    fp = focal_point(invitation.country, "fp-html")
    letter = SimpleUploadedFile("l.pdf", PDF_BYTES)
    # The country's seat is taken: this one is waitlisted, and listed on the focal point's page.
    nominate(invitation=invitation, values=nominee(900), consent=True, focal_point=fp, letter=letter)
    accepted = Nomination.objects.filter(status=Nomination.Status.ACCEPTED).first()
    page = reverse("nominations:event", args=[event.pk])
    pages = {
        "coordinator": coordinator_client.get(page),
        "coordinator-refused": coordinator_client.post(page, {"seats": 0}),
        "participant": client.get(reverse("nominations:participant", args=[participant_token(accepted)])),
        "new-link": client.get(reverse("nominations:participant-new-link")),
        "new-link-sent": client.post(reverse("nominations:participant-new-link"), {"email": "x@example.org"}),
        # The Information Note with its nominations section (nominations/note.py).
        "information-note": coordinator_client.get(reverse("courses:event-note", args=[event.pk])),
        # The dashboards with their nominations tables filled in (reporting/nominations.py).
        "dashboard-gender": coordinator_client.get(reverse("reporting:dashboard-gender")),
        "dashboard-programme": coordinator_client.get(reverse("reporting:dashboard-programme")),
    }
    client.force_login(fp.user)
    pages["focal-home"] = client.get(reverse("nominations:focal-home"))
    pages["focal-event"] = client.get(reverse("nominations:focal-event", args=[event.pk]))
    pages["focal-refused"] = client.post(reverse("nominations:focal-event", args=[event.pk]), nominee(901))
    # The list import: its report with an error and an organisation to choose, then a clean one.
    lists = reverse("nominations:focal-import", args=[invitation.pk])
    header = "Given name,Family name,E-mail,Organisation\n"
    with_problems = header + "Amina,Diallo,,Douanes\nAli,Ba,ali@example.org,Douanes\n"
    pages["import"] = client.get(lists)
    pages["import-report"] = client.post(lists, {"file": SimpleUploadedFile("l.csv", with_problems.encode())})
    clean = header + "Ali,Ba,ali@example.org,\n"
    pages["import-clean"] = client.post(lists, {"file": SimpleUploadedFile("l.csv", clean.encode())})
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = vnu([tmp_path])
    assert not errors, errors
