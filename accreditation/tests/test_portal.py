"""The experts' portal: an expert reaches their own home; nobody else finds it."""

import pytest
from django.urls import reverse

from accreditation.models import Expert, ExpertStatus
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_expert_lands_on_their_own_home_and_sees_their_standing(client):
    account = UserFactory(username="ace")
    Expert.objects.create(
        person=PersonFactory(user=account, family_name="Okafor"), status=ExpertStatus.ACCREDITED
    )
    client.force_login(account)

    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("accreditation:expert-home")
    page = client.get(reverse("accreditation:expert-home"))
    assert "Okafor" in page.text and "Accredited" in page.text
    assert 'href="/accreditation/me/"' in page.text  # the menu leads back to it


def test_a_user_linked_to_no_expert_gets_404(client):
    client.force_login(UserFactory(username="someone"))
    assert client.get(reverse("accreditation:expert-home")).status_code == 404


def _expert_with_account(username, status=ExpertStatus.ACCREDITED):
    account = UserFactory(username=username)
    return account, Expert.objects.create(person=PersonFactory(user=account), status=status)


def _event(title, days_from_today):
    import datetime

    from courses.models import TrainingEvent

    start = datetime.date.today() + datetime.timedelta(days=days_from_today)
    return TrainingEvent.objects.create(
        title=title, start_date=start, end_date=start + datetime.timedelta(days=2),
        status=TrainingEvent.Status.CONFIRMED,
    )


def _certificate(person, event):
    from certificates.issuing import issue_certificate
    from certificates.models import Certificate
    from courses.models import Enrolment

    Enrolment.objects.create(event=event, person=person)
    return issue_certificate(kind=Certificate.Kind.PARTICIPATION, holder=person, event=event, by=None)


def test_the_home_lists_coming_and_past_events_with_the_role_and_own_certificates(client):
    from courses.models import TrainerAssignment

    account, expert = _expert_with_account("ace")
    coming, past = _event("Regional training in Almaty", 30), _event("National training in Lima", -40)
    TrainerAssignment.objects.create(event=coming, person=expert.person, role=TrainerAssignment.Role.LEAD)
    TrainerAssignment.objects.create(event=past, person=expert.person, role=TrainerAssignment.Role.ASSESSOR)
    certificate = _certificate(expert.person, past)
    client.force_login(account)

    page = client.get(reverse("accreditation:expert-home")).text
    coming_table = page.split('id="my-events"', 1)[1].split("</table>", 1)[0]
    past_table = page.split('id="my-past-events"', 1)[1].split("</table>", 1)[0]
    assert "Almaty" in coming_table and "Lead trainer" in coming_table and "Lima" not in coming_table
    assert "Lima" in past_table and "Mentor / assessor" in past_table
    assert certificate.serial in page.split('id="my-certificates"', 1)[1]

    pdf = client.get(reverse("accreditation:my-certificate", args=[certificate.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_an_expert_cannot_download_someone_elses_certificate(client):
    account, _ = _expert_with_account("ace")
    _, other = _expert_with_account("other")
    theirs = _certificate(other.person, _event("National training", -40))
    client.force_login(account)
    assert client.get(reverse("accreditation:my-certificate", args=[theirs.pk])).status_code == 404


def test_a_pre_accredited_expert_sees_what_accreditation_still_needs(client):
    account, _ = _expert_with_account("candidate", status=ExpertStatus.PRE_ACCREDITED)
    client.force_login(account)
    section = client.get(reverse("accreditation:expert-home")).text.split('id="next-step"', 1)[1]
    assert "Towards “Accredited”" in section and "Still missing" in section


def test_the_homes_queries_do_not_grow_with_events_and_certificates(client, django_assert_max_num_queries):
    from courses.models import TrainerAssignment

    account, expert = _expert_with_account("ace")

    def add(n):
        for i in range(n):
            event = _event(f"Training {TrainerAssignment.objects.count()}", -100 + i * 7)
            TrainerAssignment.objects.create(event=event, person=expert.person, role="lead")
            _certificate(expert.person, event)

    add(1)
    client.force_login(account)
    client.get(reverse("accreditation:expert-home"))  # the session and the menu are read once
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("accreditation:expert-home"))
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("accreditation:expert-home")).status_code == 200
