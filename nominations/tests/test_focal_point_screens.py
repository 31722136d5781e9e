"""The coordinators' screens for focal points: the list, the invitation (an e-mail with a link
to choose a password) and the withdrawal; and a focal point's page of one of their nominees."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from courses.tests.factories import TrainingEventFactory
from mailing.models import Message
from nominations.messages import FOCAL_POINT_WELCOME
from nominations.models import FocalPoint
from nominations.services.decisions import accept, decline, invite_country, nominate
from nominations.services.focal_points import withdraw_focal_point
from people.tests.factories import OrganisationFactory
from people.tests.lists import assert_queries_do_not_grow, csv_rows, export
from people.tests.two_factor_helpers import sign_in

from .helpers import countries, deadline, focal_point, nominee

pytestmark = pytest.mark.django_db

LIST = reverse("nominations:focal-point-list")
INVITE = reverse("nominations:focal-point-invite")
LINK = re.compile(r"https?://\S+/nominations/welcome/\S+/")


def _invite(client, country, **extra):
    data = {
        "given_name": "Amina",
        "family_name": "Diallo",
        "email": "amina.diallo@douanes.example",
        "countries": [country.pk],
        "preferred_language": "fr",
    } | extra
    return client.post(INVITE, data)


def _names(response) -> list[str]:
    return [fp.user.last_name for fp in response.context["page_obj"]]


# ------------------------------------------------------------------------------ the list


def test_the_list_shows_each_focal_point_with_their_countries_and_searches(coordinator_client):
    senegal, mali = countries(2)
    one = focal_point(senegal, "one")
    one.user.last_name = "Diallo"
    one.user.save()
    two = focal_point(mali, "two")
    two.countries.add(senegal)
    page = coordinator_client.get(LIST)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<td>Country AA, Country AB</td>" in html
    assert "two@example.org" in html
    assert _names(coordinator_client.get(LIST, {"q": "diallo"})) == ["Diallo"]
    assert {fp.pk for fp in coordinator_client.get(LIST, {"country": mali.pk}).context["page_obj"]} == {
        two.pk
    }
    rows = csv_rows(export(coordinator_client, LIST, "csv"))
    assert rows[0][:3] == ["Name", "E-mail", "Countries"]
    assert ["two", "two@example.org", "Country AA, Country AB"] in [r[:3] for r in rows[1:]]


def test_withdrawn_focal_points_are_listed_only_when_asked_for(coordinator_client):
    (country,) = countries(1)
    kept, gone = focal_point(country, "kept"), focal_point(country, "gone")
    withdraw_focal_point(focal_point=gone)
    assert [fp.pk for fp in coordinator_client.get(LIST).context["page_obj"]] == [kept.pk]
    withdrawn = coordinator_client.get(LIST, {"standing": "withdrawn"})
    assert [fp.pk for fp in withdrawn.context["page_obj"]] == [gone.pk]
    assert b"Withdraw the role" not in withdrawn.content  # nothing left to withdraw
    assert len(coordinator_client.get(LIST, {"standing": "any"}).context["page_obj"]) == 2


def test_the_list_says_when_there_is_no_focal_point_yet(coordinator_client):
    page = coordinator_client.get(LIST)
    assert b"No focal point yet" in page.content
    assert INVITE.encode() in page.content


def test_the_list_and_its_exports_run_as_many_queries_for_5_as_for_50(
    coordinator_client, django_assert_num_queries
):
    (country,) = countries(1)
    made = []

    def add(n):
        for _ in range(n):
            made.append(focal_point(country, f"fp{len(made)}"))

    assert_queries_do_not_grow(coordinator_client, LIST, add, django_assert_num_queries)


def test_administrators_see_the_list_without_the_buttons(administrator_client):
    (country,) = countries(1)
    focal_point(country, "fp")
    page = administrator_client.get(LIST)
    assert b"fp@example.org" in page.content
    assert INVITE.encode() not in page.content
    assert b"Withdraw the role" not in page.content


def test_coordinators_find_the_list_in_the_menu_and_on_the_nominations_page(coordinator_client):
    assert LIST.encode() in coordinator_client.get(reverse("home")).content
    event = TrainingEventFactory()
    assert LIST.encode() in coordinator_client.get(reverse("nominations:event", args=[event.pk])).content


# ------------------------------------------------------------------------------ inviting


def test_an_invitation_opens_an_account_without_password_audited_and_queues_the_email(
    coordinator_client, coordinator
):
    senegal, mali = countries(2)
    administration = OrganisationFactory(country=senegal)
    response = _invite(
        coordinator_client, senegal, countries=[senegal.pk, mali.pk], organisation=administration.pk
    )
    assert response.status_code == 302 and response["Location"] == LIST
    fp = FocalPoint.objects.get()
    assert set(fp.countries.all()) == {senegal, mali}
    assert fp.organisation == administration and fp.preferred_language == "fr"
    user = fp.user
    assert (user.first_name, user.last_name, user.email) == (
        "Amina",
        "Diallo",
        "amina.diallo@douanes.example",
    )
    assert not user.has_usable_password()
    record = fp.history.first()
    assert (record.history_user, record.history_change_reason) == (coordinator, "Invited")
    message = Message.objects.get(kind=FOCAL_POINT_WELCOME)
    assert message.to == "amina.diallo@douanes.example" and message.language == "fr"
    assert LINK.search(message.body)
    followed = coordinator_client.get(LIST)
    assert "amina.diallo@douanes.example" in followed.content.decode()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"family_name": ""}, "family_name"),
        ({"email": "not an address"}, "email"),
        ({"countries": []}, "countries"),
        ({"preferred_language": "xx"}, "preferred_language"),
    ],
)
def test_an_incomplete_invitation_is_refused_next_to_its_field(coordinator_client, change, field):
    (country,) = countries(1)
    response = _invite(coordinator_client, country, **change)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not FocalPoint.objects.exists() and not Message.objects.exists()


def test_an_administration_of_another_country_is_refused(coordinator_client):
    senegal, mali = countries(2)
    elsewhere = OrganisationFactory(country=mali)
    response = _invite(coordinator_client, senegal, organisation=elsewhere.pk)
    assert response.context["form"].errors["organisation"] == [
        "The organisation is not in one of the countries."
    ]
    assert not FocalPoint.objects.exists()
    assert not get_user_model().objects.filter(email="amina.diallo@douanes.example").exists()


def test_an_address_of_a_coordinator_or_of_a_focal_point_is_refused(coordinator_client, coordinator):
    (country,) = countries(1)
    coordinator.email = "coord@wcoomd.example"
    coordinator.save()
    refused = _invite(coordinator_client, country, email="COORD@wcoomd.example")
    assert "already belongs to an account" in refused.context["form"].errors["email"][0]
    focal_point(country, "fp")
    again = _invite(coordinator_client, country, email="fp@example.org")
    assert again.context["form"].errors["email"] == ["This person is already a focal point."]
    assert FocalPoint.objects.count() == 1


def test_a_withdrawn_focal_point_can_be_invited_again(coordinator_client):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    withdraw_focal_point(focal_point=fp)
    response = _invite(coordinator_client, country, email="fp@example.org")
    assert response.status_code == 302
    fp.refresh_from_db()
    assert fp.withdrawn_at is None and fp.user.is_active
    assert get_user_model().objects.filter(email="fp@example.org").count() == 1


def test_the_link_in_the_email_lets_the_focal_point_choose_a_password_and_sign_in(
    coordinator_client, run_tasks
):
    (country,) = countries(1)
    event = TrainingEventFactory(title="Regional workshop in Dakar")
    invite_country(event=event, country=country, seats=2, deadline=deadline())
    _invite(coordinator_client, country)
    run_tasks()
    [email] = [m for m in mail.outbox if m.to == ["amina.diallo@douanes.example"]]
    link = LINK.search(email.body).group(0)
    assert "Country AA" in email.body
    client = Client()  # the focal point's browser, not the coordinator's

    opened = client.get(link)
    assert opened.status_code == 302  # the token leaves the address before the form is shown
    form_page = client.get(opened["Location"])
    assert form_page.context["validlink"]
    assert b"amina.diallo@douanes.example" in form_page.content
    mismatch = client.post(
        opened["Location"], {"new_password1": "Baobab-Teranga-77", "new_password2": "other"}
    )
    assert mismatch.status_code == 200 and mismatch.context["form"].errors
    done = client.post(
        opened["Location"], {"new_password1": "Baobab-Teranga-77", "new_password2": "Baobab-Teranga-77"}
    )
    assert done.status_code == 302 and done["Location"] == reverse("nominations:focal-home")
    home = client.get(done["Location"])
    assert "Regional workshop in Dakar" in home.content.decode()

    client.logout()
    signed_in = sign_in(client, "amina.diallo@douanes.example", "Baobab-Teranga-77")
    assert signed_in.status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("nominations:focal-home")
    client.logout()
    used = client.get(link)
    assert used.status_code == 200 and not used.context["validlink"]  # the link worked once


def test_a_withdrawn_focal_points_link_no_longer_works(coordinator_client):
    (country,) = countries(1)
    _invite(coordinator_client, country)
    link = LINK.search(Message.objects.get(kind=FOCAL_POINT_WELCOME).body).group(0)
    withdraw_focal_point(focal_point=FocalPoint.objects.get())
    page = Client().get(link)
    assert page.status_code == 200 and not page.context["validlink"]
    assert b"no longer works" in page.content


# ------------------------------------------------------------------------------ withdrawing


def test_withdrawing_asks_first_then_ends_the_role_audited(coordinator_client, coordinator):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    event = TrainingEventFactory()
    invite_country(event=event, country=country, seats=2, deadline=deadline())
    url = reverse("nominations:focal-point-withdraw", args=[fp.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert b"fp@example.org" in confirm.content and b"Country AA" in confirm.content
    fp.refresh_from_db()
    assert fp.withdrawn_at is None  # asking changes nothing
    client = Client()
    client.force_login(fp.user)
    assert client.get(reverse("nominations:focal-event", args=[event.pk])).status_code == 200

    done = coordinator_client.post(url)
    assert done.status_code == 302 and done["Location"] == LIST
    fp.refresh_from_db()
    assert fp.withdrawn_at is not None and not fp.user.is_active
    record = fp.history.first()
    assert (record.history_user, record.history_change_reason) == (coordinator, "Role withdrawn")
    # Their session ends with the account: the pages send them to sign in.
    assert client.get(reverse("nominations:focal-event", args=[event.pk])).status_code == 302
    assert coordinator_client.get(url).status_code == 404  # nothing left to withdraw


def test_withdrawing_keeps_an_account_that_has_a_role_of_its_own(trainer):
    (country,) = countries(1)
    from nominations.services.focal_points import appoint_focal_point

    fp = appoint_focal_point(user=trainer, countries=[country])
    withdraw_focal_point(focal_point=fp)
    trainer.refresh_from_db()
    assert trainer.is_active


# ------------------------------------------------------------------------------ a focal point's nominee


def test_a_focal_point_reads_their_nominees_consent_letter_and_history(client, coordinator):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    invitation = invite_country(event=TrainingEventFactory(), country=country, seats=1, deadline=deadline())
    nomination = nominate(invitation=invitation, values=nominee(1), consent=True, focal_point=fp)
    decline(nomination=nomination, reason="Not in the unit concerned", by=coordinator)
    client.force_login(fp.user)
    url = reverse("nominations:focal-nomination", args=[nomination.pk])
    assert url.encode() in client.get(reverse("nominations:focal-event", args=[invitation.event_id])).content
    html = client.get(url).content.decode()
    assert "Ana1 Silva1" in html
    assert "Declined: Not in the unit concerned" in html
    assert "notice 2026-01" in html
    assert "None attached" in html


def test_another_focal_points_nominee_is_not_found(client):
    mine, theirs = countries(2)
    me, other = focal_point(mine, "me"), focal_point(theirs, "other")
    invitation = invite_country(event=TrainingEventFactory(), country=theirs, seats=1, deadline=deadline())
    accepted = accept(
        nomination=nominate(invitation=invitation, values=nominee(1), consent=True, focal_point=other)
    )
    client.force_login(me.user)
    assert client.get(reverse("nominations:focal-nomination", args=[accepted.pk])).status_code == 404


def test_the_menu_leads_a_focal_point_to_their_invitations_only(client):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    client.force_login(fp.user)
    assert client.get(reverse("home"))["Location"] == reverse("nominations:focal-home")
    html = client.get(reverse("nominations:focal-home")).content.decode()
    assert reverse("nominations:focal-home") in html
    assert reverse("courses:event-list") not in html
    assert reverse("courses:module-list") not in html


def test_a_bad_filter_value_is_an_error_next_to_its_field(coordinator_client):
    (country,) = countries(1)
    kept = focal_point(country, "kept")
    page = coordinator_client.get(LIST, {"standing": "bogus", "country": "x"})
    assert page.status_code == 200
    assert {"standing", "country"} <= set(page.context["form"].errors)
    assert [fp.pk for fp in page.context["page_obj"]] == [kept.pk]
