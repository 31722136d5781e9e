"""Coordinators invite experts to the portal: a password-less account linked to the Person,
a welcome e-mail in the expert's language with a once-only link; and they withdraw it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accreditation.models import Expert, ExpertStatus
from accreditation.services.portal_access import invite_expert, withdraw_portal_access
from mailing.models import Message
from people.errors import DomainError
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_expert(status=ExpertStatus.ACCREDITED, **person):
    person = {"email": "amina@customs.example", "family_name": "Okafor", "preferred_language": "fr", **person}
    return Expert.objects.create(person=PersonFactory(**person), status=status)


def welcome_link(message) -> str:
    return re.search(r"https?://\S+/accreditation/welcome/\S+/", message.body).group(0)


def test_an_invited_expert_gets_a_password_less_account_and_a_welcome_in_their_language(coordinator):
    expert = invite_expert(expert=make_expert(), by=coordinator)

    user = expert.person.user
    assert user.is_active and not user.has_usable_password() and user.email == "amina@customs.example"
    message = Message.objects.get(to="amina@customs.example")
    assert message.language == "fr" and "/accreditation/welcome/" in message.body
    assert expert.person.history.first().history_change_reason == "Invited to the experts' portal"
    assert expert.person.history.first().history_user == coordinator


@pytest.mark.parametrize("status", [ExpertStatus.NOMINATED, ExpertStatus.SUSPENDED, ExpertStatus.LAPSED])
def test_experts_the_portal_is_not_for_are_refused(coordinator, status):
    with pytest.raises(DomainError, match="Only accredited"):
        invite_expert(expert=make_expert(status), by=coordinator)


def test_an_expert_without_an_address_or_with_an_account_is_refused(coordinator):
    with pytest.raises(DomainError, match="no e-mail"):
        invite_expert(expert=make_expert(email=None), by=coordinator)
    with pytest.raises(DomainError, match="already has an account"):
        invite_expert(expert=make_expert(email="x@example.org", user=UserFactory()), by=coordinator)
    assert not Message.objects.exists()


def test_the_welcome_link_sets_a_password_once_and_signs_the_expert_in(client, coordinator):
    invite_expert(expert=make_expert(), by=coordinator)
    link = welcome_link(Message.objects.get())

    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.text
    password = "a long Passphrase 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert done["Location"] == reverse("accreditation:expert-home")
    assert client.get(reverse("accreditation:expert-home")).status_code == 200

    client.logout()
    again = client.get(link, follow=True)
    assert "new_password1" not in again.text  # once only


def test_the_coordinator_invites_from_the_expert_page_and_withdraws_after_confirming(client, coordinator):
    expert = make_expert()
    client.force_login(coordinator)
    detail = client.get(reverse("accreditation:expert-detail", args=[expert.pk]))
    assert reverse("accreditation:portal-invite", args=[expert.pk]) in detail.text

    client.post(reverse("accreditation:portal-invite", args=[expert.pk]))
    user = get_user_model().objects.get(person__pk=expert.person.pk)
    withdraw_url = reverse("accreditation:portal-withdraw", args=[expert.pk])
    assert client.get(withdraw_url).status_code == 200
    client.post(withdraw_url)
    user.refresh_from_db()
    assert not user.is_active


def test_an_account_with_a_role_is_not_closed_by_the_portal(coordinator):
    expert = make_expert(user=coordinator)
    with pytest.raises(DomainError, match="role of its own"):
        withdraw_portal_access(expert=expert, by=coordinator)


def test_the_invite_page_says_why_an_expert_cannot_be_invited(client, coordinator):
    expert = make_expert(ExpertStatus.NOMINATED)
    client.force_login(coordinator)
    page = client.post(reverse("accreditation:portal-invite", args=[expert.pk]))
    assert page.status_code == 200 and "Only accredited" in page.text
    assert expert.person.user_id is None
