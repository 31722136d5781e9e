"""A focal point nominates from a spreadsheet: the participant import's checks and report,
all or nothing, one consent and one letter for the list, only for their own invitations."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from background.models import Job
from courses.tests.factories import TrainingEventFactory
from nominations.models import Invitation, Nomination
from nominations.services.decisions import PRIVACY_NOTICE_VERSION, accept, invite_country, nominate
from nominations.services.nomination_import import validate_nominations
from people.privacy import erase_person
from people.tests.factories import OrganisationFactory

from .helpers import countries, deadline, focal_point, nominee
from .test_views import PDF_BYTES

pytestmark = pytest.mark.django_db

HEADER = ["Given name", "Family name", "Gender", "E-mail", "Position", "Country", "Organisation"]


def _csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _rows(n: int, country: str = "", organisation: str = ""):
    return [
        [
            f"Amina{i}",
            f"Diallo{i}",
            "female" if i % 2 else "male",
            f"amina{i}@douanes.example",
            "Inspector",
            country,
            organisation,
        ]
        for i in range(n)
    ]


@pytest.fixture
def world(client):
    home, other = countries(2)
    fp = focal_point(home, "fp-home")
    fp_other = focal_point(other, "fp-other")
    event = TrainingEventFactory(capacity=None)
    invitation = invite_country(event=event, country=home, seats=2, deadline=deadline())
    other_invitation = invite_country(event=event, country=other, seats=2, deadline=deadline())
    client.force_login(fp.user)
    return {
        "fp": fp,
        "fp_other": fp_other,
        "event": event,
        "invitation": invitation,
        "other_invitation": other_invitation,
        "home": home,
        "other": other,
    }


def _upload(client, invitation, data: bytes, name: str = "nominees.csv"):
    return client.post(
        reverse("nominations:focal-import", args=[invitation.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def _commit(client, invitation, token, consent=True, letter=True):
    data = {"token": token}
    if consent:
        data["consent"] = "on"
    if letter:
        data["letter_file"] = SimpleUploadedFile("Letter naming everyone.pdf", PDF_BYTES)
    return client.post(reverse("nominations:focal-import-commit", args=[invitation.pk]), data)


def test_a_list_becomes_nominations_with_one_consent_and_one_letter(client, world):
    invitation = world["invitation"]
    rows = _rows(4)
    rows[1][5] = world["home"].code  # the country may be given, or left to the invitation
    response = _upload(client, invitation, _csv(rows))
    report = response.context["report"]
    assert not report.has_errors and report.to_nominate == 4
    assert Nomination.objects.count() == 0  # the report writes nothing
    content = response.content.decode()
    assert "Nominate 4 officials" in content
    assert "One confirmation and one letter cover the whole list" in content
    response = _commit(client, invitation, response.context["token"])
    assert response["Location"] == reverse("nominations:focal-event", args=[world["event"].pk])
    nominations = list(Nomination.objects.order_by("pk"))
    assert [n.email for n in nominations] == [f"amina{i}@douanes.example" for i in range(4)]
    assert {n.invitation_id for n in nominations} == {invitation.pk}
    assert {n.nominated_by_id for n in nominations} == {world["fp"].pk}
    assert {n.gender for n in nominations} == {"female", "male"}
    assert all(n.consent_given_at and n.privacy_notice_version == PRIVACY_NOTICE_VERSION for n in nominations)
    # One letter, stored once under a name of its own, attached to every nominee of the list.
    assert len({n.letter.name for n in nominations}) == 1
    assert "Letter naming" not in nominations[0].letter.name
    assert nominations[0].history.first().history_change_reason == "Nominated from nominees.csv"
    letter = client.get(reverse("nominations:letter", args=[nominations[3].pk]))
    assert letter.status_code == 200 and b"".join(letter.streaming_content).startswith(b"%PDF")
    page = client.get(response["Location"])
    assert "4 officials nominated." in page.content.decode()


def test_seats_do_not_cap_the_list_the_decisions_waitlist_the_others(client, world):
    invitation = world["invitation"]  # 2 seats
    token = _upload(client, invitation, _csv(_rows(3))).context["token"]
    _commit(client, invitation, token, letter=False)
    for nomination in Nomination.objects.order_by("pk"):
        accept(nomination=nomination)
    statuses = list(Nomination.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["accepted", "accepted", "waitlisted"]
    assert not Nomination.objects.exclude(letter="").exists()


def test_row_errors_are_reported_and_nothing_is_written(client, world):
    invitation = world["invitation"]
    rows = _rows(4)
    rows[0][3] = ""  # no e-mail
    rows[1][5] = world["other"].code  # another country
    rows[2][1] = "=HYPERLINK(1)"  # a formula
    response = _upload(client, invitation, _csv(rows))
    report = response.context["report"]
    messages = {p.message for p in report.errors}
    assert "The e-mail address is missing; the nominee's page is sent to it." in messages
    assert any(m.startswith("This invitation is for Country AA") for m in messages)
    assert "Looks like a spreadsheet formula; type the value itself." in messages
    assert not response.context["can_commit"]
    assert "Nominate 1 official" not in response.content.decode()
    # Committing anyway (a forged form) writes nothing either.
    response = _commit(client, invitation, response.context["token"])
    assert response.status_code == 200
    assert "nothing was imported" in response.content.decode()
    assert Nomination.objects.count() == 0


def test_without_the_consent_nothing_is_written(client, world):
    invitation = world["invitation"]
    token = _upload(client, invitation, _csv(_rows(2))).context["token"]
    response = _commit(client, invitation, token, consent=False)
    assert response.status_code == 200
    assert response.context["commit_form"].errors["consent"]
    assert Nomination.objects.count() == 0
    assert _commit(client, invitation, token).status_code == 302  # the list is still there
    assert Nomination.objects.count() == 2


def test_a_letter_that_is_not_a_pdf_is_refused(client, world):
    invitation = world["invitation"]
    token = _upload(client, invitation, _csv(_rows(1))).context["token"]
    response = client.post(
        reverse("nominations:focal-import-commit", args=[invitation.pk]),
        {
            "token": token,
            "consent": "on",
            "letter_file": SimpleUploadedFile("l.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200 and response.context["commit_form"].errors["letter_file"]
    assert Nomination.objects.count() == 0


def test_officials_already_nominated_are_left_as_they_are(client, world):
    invitation = world["invitation"]
    nominate(invitation=invitation, values=nominee(1, email="AMINA0@douanes.example"), consent=True)
    response = _upload(client, invitation, _csv(_rows(2)))
    report = response.context["report"]
    assert not report.has_errors and (report.to_nominate, report.already_nominated) == (1, 1)
    _commit(client, invitation, response.context["token"])
    assert Nomination.objects.filter(invitation=invitation).count() == 2
    again = _upload(client, invitation, _csv(_rows(2)))
    assert "Every official on this list is already nominated" in again.content.decode()
    assert "Nominate 0" not in again.content.decode()


def test_another_countrys_invitation_is_404(client, world):
    other = world["other_invitation"]
    data = _csv(_rows(1))
    assert client.get(reverse("nominations:focal-import", args=[other.pk])).status_code == 404
    assert _upload(client, other, data).status_code == 404
    token = _upload(client, world["invitation"], data).context["token"]
    # A list checked for one's own invitation cannot be committed into another country's either.
    assert _commit(client, other, token).status_code == 404
    resolve = client.post(
        reverse("nominations:focal-import-resolve", args=[other.pk]),
        {"token": token, "column": "organisation", "value": "x"},
    )
    assert resolve.status_code == 404
    assert Nomination.objects.count() == 0


def test_an_unknown_organisation_is_resolved_in_the_page_within_the_country(client, world):
    invitation = world["invitation"]
    mine = OrganisationFactory(name="Direction générale des douanes", country=world["home"])
    theirs = OrganisationFactory(name="Other customs", country=world["other"])
    response = _upload(client, invitation, _csv(_rows(3, organisation="DGD")))
    token = response.context["token"]
    groups = [g for g in response.context["report"].problem_groups if g.code]
    assert [(g.column, g.rows) for g in groups] == [("organisation", 3)]
    assert "Use for these 3 rows" in response.content.decode()
    url = reverse("nominations:focal-import-resolve", args=[invitation.pk])
    choice = {"token": token, "column": "organisation", "value": "DGD"}
    client.post(url, {**choice, "organisation": theirs.pk})  # another country's: refused
    report = client.get(f"{reverse('nominations:focal-import', args=[invitation.pk])}?token={token}")
    assert [g.code for g in report.context["report"].problem_groups] == ["unknown_organisation"]
    client.post(url, {**choice, "organisation": mine.pk})
    _commit(client, invitation, token)
    assert set(Nomination.objects.values_list("organisation", flat=True)) == {mine.pk}


def test_a_large_list_is_written_by_the_worker(client, world, settings, run_tasks):
    settings.STCE_BACKGROUND_IMPORT_ROWS = 2
    invitation = world["invitation"]
    token = _upload(client, invitation, _csv(_rows(5))).context["token"]
    response = _commit(client, invitation, token)
    job = Job.objects.get(kind="nomination-import")
    assert response["Location"] == job.get_absolute_url()
    assert Nomination.objects.count() == 0
    # The focal point follows their own job.
    assert client.get(response["Location"]).status_code == 200
    run_tasks()
    nominations = Nomination.objects.all()
    assert nominations.count() == 5
    assert len({n.letter.name for n in nominations}) == 1 and nominations[0].letter.read().startswith(b"%PDF")
    job.refresh_from_db()
    assert job.is_finished and job.outcome == "5 officials nominated."
    assert client.get(response["Location"])["Location"] == reverse(
        "nominations:focal-event", args=[world["event"].pk]
    )


def test_the_blank_list_in_each_language_for_focal_points_only(client, world):
    response = client.get(reverse("nominations:focal-import-template", args=["fr", "xlsx"]))
    assert response.status_code == 200
    assert client.get(reverse("nominations:focal-import-template", args=["de", "xlsx"])).status_code == 404
    client.logout()
    client.force_login(world["fp_other"].user)
    assert client.get(reverse("nominations:focal-import-template", args=["es", "csv"])).status_code == 200


def test_erasing_one_nominee_keeps_the_lists_letter_for_the_others(client, world):
    invitation = world["invitation"]
    token = _upload(client, invitation, _csv(_rows(2))).context["token"]
    _commit(client, invitation, token)
    first, second = Nomination.objects.order_by("pk")
    accepted = accept(nomination=first)
    erase_person(person=accepted.person, reason="Request", erased_by=None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.letter
    assert second.letter and second.letter.storage.exists(second.letter.name)


def test_after_the_deadline_the_list_is_refused(client, world):
    invitation = world["invitation"]
    Invitation.objects.filter(pk=invitation.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = _upload(client, invitation, _csv(_rows(2)))
    assert [p.message for p in response.context["report"].errors] == ["The nomination deadline has passed."]
    assert not response.context["can_commit"]


def test_the_report_reads_the_database_the_same_number_of_times_for_5_or_50_rows(
    world, django_assert_num_queries
):
    invitation = world["invitation"]
    # Country names (1), organisations (1), people by e-mail (1), by name (1), the event's
    # enrolments (1), the invitation's nominations (1): the same at 5 and at 50 rows.
    for n in (5, 50):
        with django_assert_num_queries(6):
            report = validate_nominations(invitation=invitation, data=_csv(_rows(n)), filename="l.csv")
        assert report.to_nominate == n


def test_another_countrys_organisation_of_that_name_is_not_taken(client, world):
    invitation = world["invitation"]
    OrganisationFactory(name="Customs Committee", country=world["other"])
    response = _upload(client, invitation, _csv(_rows(2, organisation="Customs Committee")))
    [group] = response.context["report"].problem_groups
    assert (group.is_error, group.code, group.rows) == (False, "unknown_organisation", 2)
    assert group.message == "No organisation of that name in Country AA; it was left empty."
    _commit(client, invitation, response.context["token"])
    assert list(Nomination.objects.values_list("organisation", flat=True)) == [None, None]
