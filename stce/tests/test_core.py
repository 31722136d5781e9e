import subprocess
import sys
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("stce.views.core.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_unknown_page_gets_the_helpful_404(coordinator_client):
    response = coordinator_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_500_page_is_helpful_and_in_the_visitors_language(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("fr"):
        page = server_error(rf.get("/")).content.decode()
    assert '<html lang="fr">' in page
    assert "Aller à la page" in page


@pytest.mark.django_db
def test_wrong_role_gets_the_403_page(trainer_client):
    response = trainer_client.get(reverse("people:person-list"))
    assert response.status_code == 403
    assert "You do not have access" in response.content.decode()


def _start_settings(env: dict) -> subprocess.CompletedProcess:
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='stce.settings'; django.setup()"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


@pytest.mark.parametrize("secret", ["", "short", "x" * 60])
def test_production_refuses_a_missing_or_weak_secret_key(secret):
    import os

    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secret}
    result = _start_settings(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_strong_secret_key():
    import os
    import secrets

    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DJANGO_ALLOWED_HOSTS": "example.org",
           "STCE_PUBLIC_URL": "https://example.org"}
    result = _start_settings(env)
    assert result.returncode == 0, result.stderr


def test_deploy_checks_pass_under_production_settings():
    import os
    import secrets

    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DJANGO_ALLOWED_HOSTS": "example.org",
           "STCE_PUBLIC_URL": "https://example.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("healthz"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_production_refuses_to_start_without_a_public_address():
    """Certificates printed with a development address could never be verified."""
    import os
    import secrets

    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DJANGO_ALLOWED_HOSTS": "example.org"}
    env.pop("STCE_PUBLIC_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "stce.E001" in result.stderr and "STCE_PUBLIC_URL is not set" in result.stderr


def test_a_public_address_that_is_not_a_site_address_is_refused(settings):
    from stce.checks import public_url_is_set

    settings.STCE_PUBLIC_URL = "stce.example.org/verify"
    assert [error.id for error in public_url_is_set()] == ["stce.E002"]
    settings.STCE_PUBLIC_URL = "https://stce.example.org"
    assert public_url_is_set() == []


@pytest.mark.django_db
def test_in_development_links_follow_the_address_the_site_is_served_at(client, settings):
    from django.core.cache import cache

    from people.links import absolute_url, public_host

    settings.STCE_PUBLIC_URL = ""
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    cache.clear()
    assert absolute_url("/verify/x/") == "http://127.0.0.1:8000/verify/x/"
    client.get(reverse("healthz"), HTTP_HOST="192.168.1.20:8000")
    assert absolute_url("/verify/x/") == "http://192.168.1.20:8000/verify/x/"
    assert public_host() == "192.168.1.20:8000"


@pytest.mark.django_db
def test_a_configured_public_address_wins_over_the_served_one(client, settings):
    from people.links import absolute_url

    settings.STCE_PUBLIC_URL = "https://stce.example.org"
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    client.get(reverse("healthz"), HTTP_HOST="192.168.1.20:8000")
    assert absolute_url("/verify/x/") == "https://stce.example.org/verify/x/"
