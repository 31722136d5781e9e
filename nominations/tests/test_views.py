import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.tests.factories import TrainingEventFactory
from nominations.models import Nomination
from nominations.services.decisions import accept, invite_country, nominate

from .helpers import countries, deadline, focal_point, invited_event, nominee

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _setup(n_countries: int, per_country: int = 2):
    """Through the services, as a coordinator and focal points would (the valid-HTML test)."""
    event = TrainingEventFactory(capacity=None)
    for i, country in enumerate(countries(n_countries)):
        fp = focal_point(country, f"fp{i}")
        invitation = invite_country(event=event, country=country, seats=1, deadline=deadline())
        for j in range(per_country):
            nomination = nominate(
                invitation=invitation,
                values=nominee(i * 100 + j),
                consent=True,
                focal_point=fp,
                letter=SimpleUploadedFile("l.pdf", PDF_BYTES),
            )
            accept(nomination=nomination)
    return event


@pytest.mark.parametrize("n", [10, 100])
def test_nominations_page_queries_do_not_grow_with_countries(
    coordinator_client, django_assert_num_queries, n
):
    """The acceptance line of issue 16: the same number of queries at 10 and 100 invited
    countries (bench/nominations.py times the page at both sizes)."""
    event = invited_event(TrainingEventFactory(capacity=None), countries(n), per_country=4)
    url = reverse("nominations:event", args=[event.pk])
    # Session, user, groups, event, the country choices, invitations with counts, nominations
    # with their no-show flags: the same at 10 and 100.
    with django_assert_num_queries(QUERIES):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    page = response.content
    assert page.count(b"<td>Waitlisted") == n
    assert page.count(b"nomination-letter") + page.count(b"Nomination letter") >= 4 * n
    # Every country's row of figures: 2 of 2 seats used, 4 nominated (2 women), 2 accepted
    # (1 woman), 1 waitlisted, 1 no-show.
    assert page.count(b"<td>2 / 2</td><td>4 (2)</td><td>2 (1)</td><td>1</td><td>1</td>") == n


QUERIES = 7


def test_coordinator_invites_and_decides(coordinator_client):
    event = TrainingEventFactory(capacity=None)
    (country,) = countries(1)
    url = reverse("nominations:event", args=[event.pk])
    response = coordinator_client.post(
        url, {"country": country.pk, "seats": 2, "deadline": deadline().isoformat()}
    )
    assert response.status_code == 302
    invitation = event.invitations.get()
    assert invitation.seats == 2
    nomination = nominate(invitation=invitation, values=nominee(1), consent=True)
    response = coordinator_client.post(
        reverse("nominations:decide", args=[event.pk, nomination.pk, "decline"]), {"reason": "Too junior"}
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DECLINED
    assert nomination.decision_reason == "Too junior"
    coordinator_client.post(reverse("nominations:decide", args=[event.pk, nomination.pk, "accept"]))
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert event.enrolments.active().count() == 1


def test_trainer_cannot_use_the_coordinator_page(trainer_client):
    event = TrainingEventFactory()
    assert trainer_client.get(reverse("nominations:event", args=[event.pk])).status_code == 403


def test_focal_point_nominates_with_consent_and_a_pdf_letter(client):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    event = TrainingEventFactory()
    invite_country(event=event, country=country, seats=3, deadline=deadline())
    client.force_login(fp.user)
    url = reverse("nominations:focal-event", args=[event.pk])
    data = nominee(1)
    refused = client.post(url, data | {"letter_file": SimpleUploadedFile("l.pdf", b"not a pdf at all")})
    assert refused.status_code == 200
    assert not Nomination.objects.exists()  # no consent, and the letter is no PDF
    assert {"consent", "letter_file"} <= set(refused.context["form"].errors)
    letter = SimpleUploadedFile("l.pdf", PDF_BYTES)
    response = client.post(url, data | {"consent": "on", "letter_file": letter})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominated_by == fp
    assert nomination.letter.name.endswith(f"/{nomination.pk}.pdf")
    page = client.get(url)
    assert b"Silva1" in page.content
    letter = client.get(reverse("nominations:letter", args=[nomination.pk]))
    assert b"".join(letter.streaming_content) == PDF_BYTES


def test_focal_point_sees_only_their_countries_and_nominees(client):
    mine, theirs = countries(2)
    me, other = focal_point(mine, "me"), focal_point(theirs, "other")
    event = TrainingEventFactory()
    other_event = TrainingEventFactory()
    invite_country(event=event, country=mine, seats=3, deadline=deadline())
    their_invitation = invite_country(event=other_event, country=theirs, seats=3, deadline=deadline())
    theirs_nominated = nominate(
        invitation=their_invitation,
        values=nominee(1),
        consent=True,
        focal_point=other,
        letter=SimpleUploadedFile("l.pdf", PDF_BYTES),
    )
    client.force_login(me.user)
    home = client.get(reverse("nominations:focal-home"))
    assert event.title.encode() in home.content
    assert other_event.title.encode() not in home.content
    assert client.get(reverse("nominations:focal-event", args=[other_event.pk])).status_code == 404
    assert client.get(reverse("nominations:letter", args=[theirs_nominated.pk])).status_code == 404
    assert client.get(reverse("nominations:event", args=[event.pk])).status_code == 403


def test_users_without_the_role_get_404_on_focal_pages(trainer_client):
    assert trainer_client.get(reverse("nominations:focal-home")).status_code == 404


def test_the_event_page_leads_coordinators_to_the_nominations(coordinator_client):
    event = TrainingEventFactory(with_days=True)
    link = reverse("nominations:event", args=[event.pk]).encode()
    assert link in coordinator_client.get(event.get_absolute_url()).content
