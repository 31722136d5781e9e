"""Trainings delivered at home: an accredited expert reports, a coordinator reviews."""

import datetime

import pytest
from django.urls import reverse

from accreditation.models import ExpertStatus, HomeTraining, HomeTrainingParticipant, HomeTrainingStatus
from accreditation.services import home_training_certificates, home_training_import, home_trainings
from accreditation.tests.factories import ExpertFactory
from courses.models import Enrolment, TrainingEvent
from people.errors import DomainError
from people.models import Gender, Person
from people.tests.factories import CountryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "title": "STCE national course",
    "start_date": datetime.date(2025, 3, 3),
    "end_date": datetime.date(2025, 3, 7),
    "format": "in_person",
    "place": "Brussels",
}


def participants_csv(n: int, *, country: str = "BE") -> bytes:
    lines = ["Given name,Family name,Gender,Country,E-mail"]
    lines += [
        f"Ana{i},Officer{i},{'female' if i % 2 else 'male'},{country},officer{i}@example.org"
        for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def account():
    return UserFactory(username="ace")


@pytest.fixture
def expert(account):
    return ExpertFactory(person=PersonFactory(user=account), status=ExpertStatus.ACCREDITED)


def draft(expert, account, **values):
    return home_trainings.save_home_training(
        expert=expert, values={**VALUES, "country": CountryFactory(), **values}, modules=[], by=account
    )


def submitted(expert, account, n=3):
    report = draft(expert, account)
    home_training_import.commit_participants(
        home_training=report, data=participants_csv(n), filename="list.csv", by=account
    )
    return home_trainings.submit_home_training(home_training=report, by=account)


def test_a_report_with_imported_participants_links_people_without_enrolling_anyone(expert, account):
    known = PersonFactory(email="officer1@example.org")
    report = draft(expert, account)

    outcome = home_training_import.commit_participants(
        home_training=report, data=participants_csv(4), filename="list.csv", by=account
    )

    assert (outcome.people_created, outcome.added) == (3, 4)
    assert set(report.participants.values_list("person__email", flat=True)) == {
        f"officer{i}@example.org" for i in range(4)
    }
    assert report.participants.filter(person=known).exists()  # matched, not created twice
    assert not Enrolment.objects.exists() and not TrainingEvent.objects.exists()


def test_importing_the_same_list_again_adds_nobody_twice(expert, account):
    report = draft(expert, account)
    home_training_import.commit_participants(home_training=report, data=participants_csv(2), filename="a.csv")
    outcome = home_training_import.commit_participants(
        home_training=report, data=participants_csv(3), filename="b.csv"
    )
    assert (outcome.added, outcome.unchanged) == (1, 2)
    assert report.participants.count() == 3


def test_a_list_with_an_error_adds_nobody(expert, account):
    report = draft(expert, account)
    data = participants_csv(2) + b"Bad,Row,female,Atlantis,\n"
    with pytest.raises(DomainError):
        home_training_import.commit_participants(home_training=report, data=data, filename="list.csv")
    assert not report.participants.exists() and Person.objects.count() == 1  # the expert only


def test_only_accredited_experts_report(account):
    pre = ExpertFactory(person=PersonFactory(user=account), status=ExpertStatus.PRE_ACCREDITED)
    with pytest.raises(home_trainings.NotAccredited):
        draft(pre, account)


def test_a_report_is_submitted_only_with_its_participants(expert, account):
    report = draft(expert, account)
    with pytest.raises(DomainError, match="Import the list"):
        home_trainings.submit_home_training(home_training=report, by=account)
    counted = draft(expert, account, participants_given="counted", women=7, men=5)
    assert home_trainings.submit_home_training(home_training=counted, by=account).status == "submitted"
    assert counted.officials == 12


def test_the_review_asks_for_changes_the_expert_resubmits_and_it_is_accepted(expert, account, coordinator):
    report = submitted(expert, account)
    with pytest.raises(DomainError):
        home_trainings.request_changes(home_training=report, by=coordinator, reason=" ")
    home_trainings.request_changes(home_training=report, by=coordinator, reason="Add the modules.")
    report = home_trainings.save_home_training(
        expert=expert,
        values={**VALUES, "title": "STCE course, corrected", "country": report.country},
        modules=[],
        by=account,
        home_training=report,
    )
    home_trainings.submit_home_training(home_training=report, by=account)
    accepted = home_trainings.accept_home_training(home_training=report, by=coordinator)

    assert accepted.status == HomeTrainingStatus.ACCEPTED and accepted.decided_by == coordinator
    reasons = list(report.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == [
        "Reported by the expert",
        "Participants imported",
        "Submitted for review",
        "Changes requested",
        "Reported by the expert",
        "Submitted for review",
        "Accepted",
    ] or reasons == [
        "Reported by the expert",
        "Submitted for review",
        "Changes requested",
        "Reported by the expert",
        "Submitted for review",
        "Accepted",
    ]
    with pytest.raises(DomainError):
        home_trainings.save_home_training(
            expert=expert,
            values={**VALUES, "country": report.country},
            modules=[],
            by=account,
            home_training=report,
        )


def test_a_declined_report_shows_its_reason_on_the_experts_list(client, expert, account, coordinator):
    report = submitted(expert, account)
    home_trainings.decline_home_training(
        home_training=report, by=coordinator, reason="Not the WCO curriculum."
    )
    client.force_login(account)
    page = client.get(reverse("accreditation:my-home-trainings"))
    assert "Declined" in page.text and "Not the WCO curriculum." in page.text


def test_the_expert_reports_imports_and_submits_through_the_pages(client, expert, account):
    client.force_login(account)
    country = CountryFactory()
    response = client.post(
        reverse("accreditation:my-home-training-create"),
        {
            **VALUES,
            "country": country.pk,
            "participants_given": "named",
            "women": 0,
            "men": 0,
            "another_gender": 0,
            "gender_not_recorded": 0,
        },
    )
    report = HomeTraining.objects.get()
    assert response.status_code == 302 and report.expert == expert
    upload = client.post(
        reverse("accreditation:my-home-training-import", args=[report.pk]),
        {"file": _file("list.csv", participants_csv(25))},
    )
    assert upload.status_code == 200 and not upload.context["report"].has_errors
    client.post(
        reverse("accreditation:my-home-training-import-commit", args=[report.pk]),
        {"token": upload.context["token"]},
    )
    assert report.participants.count() == 25
    client.post(reverse("accreditation:my-home-training-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == HomeTrainingStatus.SUBMITTED
    home = client.get(reverse("accreditation:expert-home"))
    assert reverse("accreditation:my-home-trainings") in home.text


def test_a_coordinator_accepts_from_the_review_page(client, expert, account, coordinator):
    report = submitted(expert, account)
    client.force_login(coordinator)
    page = client.get(reverse("accreditation:home-training-review", args=[report.pk]))
    assert report.title in page.text
    client.post(reverse("accreditation:home-training-review", args=[report.pk]), {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == HomeTrainingStatus.ACCEPTED


def test_asking_for_changes_without_a_reason_is_refused_in_the_form(client, expert, account, coordinator):
    report = submitted(expert, account)
    client.force_login(coordinator)
    page = client.post(
        reverse("accreditation:home-training-review", args=[report.pk]), {"decision": "changes", "reason": ""}
    )
    assert page.status_code == 200 and "Say why" in page.text
    report.refresh_from_db()
    assert report.status == HomeTrainingStatus.SUBMITTED


def test_a_pre_accredited_expert_is_told_why_they_cannot_report(client, account):
    ExpertFactory(person=PersonFactory(user=account), status=ExpertStatus.PRE_ACCREDITED)
    client.force_login(account)
    page = client.get(reverse("accreditation:my-home-training-create"))
    assert page.status_code == 403 and "Only accredited experts" in page.text


def test_another_experts_report_is_not_found(client, expert, account):
    other = ExpertFactory(status=ExpertStatus.ACCREDITED)
    report = draft(other, account)
    client.force_login(account)
    assert client.get(reverse("accreditation:my-home-training", args=[report.pk])).status_code == 404


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


# ---------------------------------------------------------------- query counts at two sizes


# The expert's home: session, user, the expert and their menu, events, invitations, standing,
# certificates, and the reports block's counts in one query, whatever the number of reports.
EXPERT_HOME_QUERIES = 12


def many_reports(expert, n: int, country) -> None:
    reports = HomeTraining.objects.bulk_create(
        [
            HomeTraining(
                expert=expert,
                title=f"Course {i}",
                start_date=datetime.date(2020 + i % 5, 1, 1),
                end_date=datetime.date(2020 + i % 5, 1, 2),
                place="Town",
                country=country,
                status=HomeTrainingStatus.ACCEPTED if i % 2 else HomeTrainingStatus.SUBMITTED,
                participants_given="counted" if i % 3 else "named",
                women=2,
                men=3,
            )
            for i in range(n)
        ]
    )
    person = PersonFactory(gender=Gender.MALE)
    HomeTrainingParticipant.objects.bulk_create(
        [HomeTrainingParticipant(home_training=r, person=person) for r in reports[::3]]
    )


def _queries(client, django_assert_num_queries, url, expected):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [10, 1000])
def test_the_experts_reports_list_runs_the_same_queries_at_10_and_1000(
    client, expert, account, size, django_assert_num_queries
):
    many_reports(expert, size, CountryFactory())
    client.force_login(account)
    # Session, user, expert, the block's counts, the page's count and rows, and the menu's three.
    _queries(client, django_assert_num_queries, reverse("accreditation:my-home-trainings"), 9)


@pytest.mark.parametrize("size", [10, 1000])
def test_the_coordinators_reports_list_runs_the_same_queries_at_10_and_1000(
    client, coordinator, expert, size, django_assert_num_queries
):
    many_reports(expert, size, CountryFactory())
    client.force_login(coordinator)
    _queries(client, django_assert_num_queries, reverse("accreditation:home-training-list"), 6)


# ---------------------------------------------------------------- certificates through the registry


def test_the_named_officials_of_an_accepted_report_get_certificates_once(
    client, expert, account, coordinator
):
    from certificates.models import Certificate

    report = submitted(expert, account, n=3)
    with pytest.raises(DomainError, match="accepted reports only"):
        home_training_certificates.issue_home_training_certificates(home_training=report, by=coordinator)
    home_trainings.accept_home_training(home_training=report, by=coordinator)
    client.force_login(coordinator)
    client.post(reverse("accreditation:home-training-certificates", args=[report.pk]))

    issued = Certificate.objects.filter(kind=Certificate.Kind.HOME_TRAINING)
    assert issued.count() == 3 and {c.event_id for c in issued} == {None}
    certificate = issued.first()
    assert (
        "STCE national course" in certificate.statement and expert.person.full_name in certificate.statement
    )
    assert certificate.serial.startswith("STCE-2025-")
    again = home_training_certificates.issue_home_training_certificates(home_training=report, by=coordinator)
    assert (again.issued, again.already) == (0, 3)


def test_an_official_of_two_home_trainings_holds_a_certificate_for_each(expert, account, coordinator):
    from certificates.models import Certificate

    first, second = submitted(expert, account, n=1), submitted(expert, account, n=1)
    for report in (first, second):
        home_trainings.accept_home_training(home_training=report, by=coordinator)
        home_training_certificates.issue_home_training_certificates(home_training=report, by=coordinator)
    [person] = Person.objects.filter(email="officer0@example.org")
    assert Certificate.objects.valid().filter(holder=person, kind=Certificate.Kind.HOME_TRAINING).count() == 2


def test_every_change_of_a_report_is_in_the_audit_trail(client, expert, account, administrator):
    report = submitted(expert, account)
    client.force_login(administrator)
    review = client.get(reverse("accreditation:home-training-review", args=[report.pk]))
    audit = reverse("people:audit-object", args=["accreditation", "hometraining", report.pk])
    assert audit in review.text
    assert "Submitted for review" in client.get(audit).text


def test_the_experts_record_shows_their_delivery_activity(client, expert, account, coordinator):
    report = submitted(expert, account)
    home_trainings.accept_home_training(home_training=report, by=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("accreditation:expert-detail", args=[expert.pk]))
    assert page.context["delivery"].last_delivery == datetime.date(2025, 3, 7)
    assert page.context["delivery"].years == [(2025, 0, 1)]
    assert "7 Mar 2025" in page.text


def test_the_coordinators_home_lists_the_reports_waiting_for_review(client, expert, account, coordinator):
    submitted(expert, account)
    client.force_login(coordinator)
    home = client.get(reverse("home")).text
    assert "1 training delivered at home waiting for review" in home
    assert reverse("accreditation:home-training-list") + "?status=submitted" in home


@pytest.mark.parametrize("size", [10, 300])
def test_a_reports_pages_run_the_same_queries_whatever_its_participants(
    client, expert, account, coordinator, size, django_assert_num_queries
):
    report = draft(expert, account)
    people = Person.objects.bulk_create([PersonFactory.build(country=report.country) for _ in range(size)])
    HomeTrainingParticipant.objects.bulk_create(
        [HomeTrainingParticipant(home_training=report, person=p) for p in people]
    )
    client.force_login(account)
    # Session, user, expert, the report, its modules, its participants and their count, the menu's three.
    own = reverse("accreditation:my-home-training", args=[report.pk])
    _queries(client, django_assert_num_queries, own, 10)
    client.force_login(coordinator)
    review = reverse("accreditation:home-training-review", args=[report.pk])
    # Session, user, roles, the report, its modules, participants and count, certificates, history.
    _queries(client, django_assert_num_queries, review, 9)


def test_the_expert_is_told_the_outcome_of_the_review_by_e_mail(expert, account, coordinator):
    from mailing.models import Message

    report = submitted(expert, account)
    home_trainings.request_changes(home_training=report, by=coordinator, reason="Add the modules you taught.")
    [message] = Message.objects.filter(kind="home_training_decision")
    assert message.to == expert.person.email
    assert "STCE national course" in message.subject and "changes requested" in message.subject
    assert "Add the modules you taught." in message.body and "/accreditation/me/reports/" in message.body


def test_a_training_is_reported_once_it_has_ended(expert, account):
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="once it has ended"):
        draft(expert, account, end_date=tomorrow)


def test_a_persons_record_lists_the_home_trainings_they_took_part_in(client, expert, account, coordinator):
    report = submitted(expert, account, n=1)
    [person] = Person.objects.filter(email="officer0@example.org")
    client.force_login(coordinator)
    page = client.get(person.get_absolute_url())
    assert "Trainings delivered at home by experts" in page.text
    assert reverse("accreditation:home-training-review", args=[report.pk]) in page.text


@pytest.mark.parametrize("size", [10, 1000])
def test_the_experts_home_runs_the_same_queries_at_10_and_1000_reports(
    client, expert, account, size, django_assert_num_queries
):
    many_reports(expert, size, CountryFactory())
    client.force_login(account)
    client.get(reverse("accreditation:expert-home"))  # the session and the menu are read once
    with django_assert_num_queries(EXPERT_HOME_QUERIES) as counted:
        page = client.get(reverse("accreditation:expert-home"))
    assert page.status_code == 200, counted
    accepted = size // 2  # every other report is accepted
    assert f"{size} reports, {accepted} accepted" in " ".join(page.text.split())
