import pytest
from django.test import Client
from django.urls import reverse

from people.models import UserPreference
from people.tests.factories import UserFactory


def html_lang(response) -> str:
    content = response.content.decode()
    start = content.index('<html lang="') + len('<html lang="')
    return content[start:content.index('"', start)]


@pytest.mark.django_db
def test_a_users_language_follows_them_to_another_browser():
    UserFactory(username="marie", password="s3cret-pass-word", role="Programme coordinator")
    laptop = Client()
    laptop.post(reverse("login"), {"username": "marie", "password": "s3cret-pass-word"})
    laptop.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert UserPreference.objects.get(user__username="marie").language == "fr"

    phone = Client()
    phone.post(reverse("login"), {"username": "marie", "password": "s3cret-pass-word"})
    response = phone.get(reverse("home"))
    assert html_lang(response) == "fr"
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_anonymous_visitors_can_switch_language_for_their_browser(client):
    client.post(reverse("set_language"), {"language": "ru", "next": "/verify/"})
    assert html_lang(client.get(reverse("verify-lookup"))) == "ru"
    assert not UserPreference.objects.exists()


@pytest.mark.django_db
def test_an_unknown_language_is_ignored(coordinator_client):
    coordinator_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert html_lang(coordinator_client.get(reverse("home"))) == "en"
    assert not UserPreference.objects.exists()


@pytest.mark.django_db
def test_set_language_is_post_only(client):
    assert client.get(reverse("set_language")).status_code == 405
