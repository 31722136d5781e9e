"""The nominations pages pass the Nu HTML Checker, as every page must (stce/tests/test_valid_html.py
checks the matrix's pages; the focal point's pages are 404 for every persona there)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nominations.links import participant_token
from nominations.models import Nomination
from nominations.services.decisions import nominate
from stce.tests.test_valid_html import vnu  # noqa: F401 (the fixture)

from .helpers import focal_point, nominee
from .test_views import PDF_BYTES, _setup


def test_nominations_pages_are_valid_html(vnu, client, coordinator_client, tmp_path):  # noqa: F811
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
    }
    client.force_login(fp.user)
    pages["focal-home"] = client.get(reverse("nominations:focal-home"))
    pages["focal-event"] = client.get(reverse("nominations:focal-event", args=[event.pk]))
    pages["focal-refused"] = client.post(reverse("nominations:focal-event", args=[event.pk]), nominee(901))
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = vnu([tmp_path])
    assert not errors, errors
