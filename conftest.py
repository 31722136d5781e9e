"""Shared personas for every test: anonymous, coordinator, trainer, other trainer, administrator.

A trainer is a user with the Trainer role *and* a Person record (events are assigned to
people, and a user sees the events of their person).
"""

import pytest
from django.utils import translation

from stce import roles
from stce.tests.factories import PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _interface_language_does_not_leak():
    # The language middleware activates the user's language for the whole thread and the
    # test client runs requests in the test's thread: after a test that switched to Russian,
    # the next test on the same worker would otherwise read every message in Russian.
    yield
    translation.deactivate()


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
def persona_client(db, client, coordinator, administrator, trainer, other_trainer):
    """Returns a function: persona name -> a client signed in as that persona."""
    from django.test import Client

    users = {
        "coordinator": coordinator,
        "administrator": administrator,
        "trainer": trainer,
        "other_trainer": other_trainer,
    }

    def make(persona: str) -> Client:
        c = Client()
        if persona != "anonymous":
            c.force_login(users[persona])
        return c

    return make
