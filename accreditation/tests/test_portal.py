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
