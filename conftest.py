"""Shared personas for every test: anonymous, coordinator, trainer, other trainer, administrator.

A trainer is a user with the Trainer role *and* a Person record (events are assigned to
people, and a user sees the events of their person).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from people import roles
from people.tests.factories import PersonFactory, UserFactory

LOCALE = Path(__file__).resolve().parent / "locale"

# Settings every test runs with (the autouse fixtures below), and the module-scoped
# fixtures that write data before a module's first test (module_settings).
# PBKDF2 is slow on purpose; tests create many users.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# As in production: links, QR codes and calendar UIDs use the configured address.
PUBLIC_URL = "https://stce.example.org"


@pytest.fixture(scope="session", autouse=True)
def _certificate_catalogues():
    """Certificates print in the holder's language: compile the catalogues when stale.

    `make test` compiles every catalogue; a bare `pytest` run gets them here. Each file is
    written aside and renamed, so parallel workers never read half a catalogue.
    """
    if not shutil.which("msgfmt"):
        return
    compiled = False
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_suffix(f".mo.{os.getpid()}")
        subprocess.run(["msgfmt", "-o", str(partial), str(po)], check=True)
        partial.replace(mo)
        compiled = True
    if compiled:
        from django.utils.translation import trans_real

        trans_real._translations = {}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Rendered certificates and uploads go to a throw-away storage, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "pending_imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "pending-imports"},
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    # Whatever DJANGO_DEBUG says: tests of two-factor sign-in turn it on themselves
    # (people/tests/test_two_factor.py); the others sign in with force_login.
    settings.STCE_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.STCE_PUBLIC_URL = PUBLIC_URL


@pytest.fixture(autouse=True)
def _interface_language_does_not_leak():
    # The language middleware activates the user's language for the whole thread and the
    # test client runs requests in the test's thread: after a test that switched to Russian,
    # the next test on the same worker would otherwise read every message in Russian.
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory):
    """The settings of the autouse fixtures above, for data a module-scoped fixture writes.

    Function-scoped fixtures (`settings`, `media_root`) are not there yet when a module-scoped
    fixture runs; without this, its files would land in var/media and its users would be
    hashed with PBKDF2.
    """
    with override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("module-media"),
        PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
        STCE_PUBLIC_URL=PUBLIC_URL,
    ):
        yield


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=roles.COORDINATOR)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=roles.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def trainer(db):
    user = UserFactory(username="trainer", role=roles.TRAINER)
    PersonFactory(user=user, given_name="Tess", family_name="Trainer")
    return user


@pytest.fixture
def other_trainer(db):
    user = UserFactory(username="other_trainer", role=roles.TRAINER)
    PersonFactory(user=user, given_name="Otto", family_name="Other")
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def focal_point_user(db):
    """The focal-point persona's account (no role; stce/tests/world.py gives it the focal-point
    role for the world's country). The username is fixed so that the world finds the same user."""
    return UserFactory(username="focal_point", email="focal_point@example.org")


@pytest.fixture
def expert_user(db):
    """The expert persona's account (no role; stce/tests/world.py links it to an accredited
    expert's Person). The username is fixed so that the world finds the same user."""
    return UserFactory(username="expert", email="expert@example.org")


@pytest.fixture
def persona_client(
    db, client, coordinator, administrator, trainer, other_trainer, focal_point_user, expert_user
):
    """Returns a function: persona name -> a client signed in as that persona."""
    from django.test import Client

    users = {
        "coordinator": coordinator,
        "administrator": administrator,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "focal_point": focal_point_user,
        "expert": expert_user,
    }

    def make(persona: str) -> Client:
        c = Client()
        if persona != "anonymous":
            c.force_login(users[persona])
        return c

    return make


@pytest.fixture
def run_tasks(db):
    """Run the background tasks queued so far (and those they queue), as a worker would.

    E-mail, batch issues and large imports are queued, not done, by the request; a test calls
    `run_tasks()` where it wants the work done and reads the outcome afterwards.
    """
    from background.inline import run_ready_tasks

    return run_ready_tasks


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 that records what it receives (mailing/tests/smtp.py)."""
    from mailing.tests.smtp import start_server

    recorder, controller = start_server()
    yield recorder
    controller.stop()


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path):
    """Starts real workers on the test database, sending to `smtp_server`; stops them after."""
    from background.tests.workers import Workers

    started = Workers(tmp_path, smtp_port=smtp_server.port)
    yield started
    started.stop_all()
