"""With REDIS_URL set, caches and sign-in lockouts live in Redis, shared by every app server.

Runs only when REDIS_URL is set (CI runs it with REDIS_URL=redis://127.0.0.1:6379/15);
without it the same state lives in the database, which the rest of the suite covers.
"""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from people.tests.factories import UserFactory

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def read_from_another_server(key: str) -> str:
    """A separate process, as a second app server would be, reads the shared cache."""
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        f"print(cache.get({key!r}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stce.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cache_and_the_lockouts_use_redis():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.AXES_HANDLER == "axes.handlers.cache.AxesCacheHandler"


def test_a_value_cached_by_one_server_is_seen_by_another():
    cache.set("stce-shared-check", "seen by every server", 60)
    assert read_from_another_server("stce-shared-check") == "seen by every server"


@pytest.mark.django_db
def test_a_lockout_is_kept_in_redis_and_holds_for_a_new_connection():
    UserFactory(username="alice", password="correct-horse-battery")
    client = Client()
    for _ in range(5):
        response = client.post(
            reverse("login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR="10.0.0.1"
        )
    assert response.status_code == 429
    assert not AccessAttempt.objects.exists()  # not in the database ...

    cache.close()  # ... but in Redis: a fresh connection and a fresh browser are still locked out
    fresh = Client().post(
        reverse("login"), {"username": "alice", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.1"
    )
    assert fresh.status_code == 429

    cache.clear()  # what an administrator's unlock (axes_reset) amounts to with the cache handler
    unlocked = Client().post(
        reverse("login"), {"username": "alice", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.1"
    )
    assert unlocked.status_code == 302


@pytest.mark.django_db
def test_administrators_see_and_clear_lockouts_kept_in_redis():
    from people.lockouts import current_lockouts, unlock_sign_in

    UserFactory(username="alice", password="correct-horse-battery")
    for address in ("10.0.0.1", "10.0.0.2"):
        for _ in range(5):
            Client().post(reverse("login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR=address)
    cache.close()  # read back over a fresh connection, as another app server would
    assert sorted((lockout.username, lockout.ip_address) for lockout in current_lockouts()) == [
        ("alice", "10.0.0.1"), ("alice", "10.0.0.2"),
    ]
    assert unlock_sign_in(username="alice") == 2
    assert current_lockouts() == []
    signed_in = Client().post(
        reverse("login"), {"username": "alice", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.2"
    )
    assert signed_in.status_code == 302
