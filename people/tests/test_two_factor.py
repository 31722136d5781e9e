"""Two-factor sign-in: set-up, verification, recovery codes, the back-off and the lockout."""

import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from people import roles
from people.tests.factories import UserFactory
from people.tests.two_factor_helpers import next_totp_code, sign_in, sign_in_verified

PASSWORD = "correct-horse-battery"
SETUP = reverse("people:two-factor-setup")
VERIFY = reverse("people:two-factor-verify")
CODES = reverse("people:two-factor-recovery-codes")
CODE_PATTERN = re.compile(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>")


@pytest.fixture(autouse=True)
def _require_two_factor(settings):
    settings.STCE_REQUIRE_2FA = True


@pytest.fixture
def carla(db):
    return UserFactory(username="carla", role=roles.COORDINATOR)


def sign_out(client):
    client.post(reverse("logout"))


def test_a_coordinator_sets_up_an_authenticator_then_signs_in_with_it(client, carla):
    # The password step signs in, but every page leads to the set-up page first.
    assert sign_in(client, "carla", PASSWORD).status_code == 302
    response = client.get(reverse("people:person-list"))
    assert response["Location"] == f"{SETUP}?next=%2Fpeople%2F"

    response = client.get(response["Location"])
    html = response.content.decode()
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=carla, confirmed=False)
    assert client.get(SETUP).context["secret"] == response.context["secret"]  # same QR code on reload

    response = client.post(SETUP, {"code": "000000", "next": "/people/"})
    assert "That code is not right" in response.content.decode()
    device.throttle_reset()  # the back-off after a wrong code: 1 s
    response = client.post(SETUP, {"code": next_totp_code(device), "next": "/people/"})
    assert response.status_code == 302
    codes = CODE_PATTERN.findall(client.get(response["Location"]).content.decode())
    assert len(codes) == 10
    assert client.get(reverse("people:person-list")).status_code == 200  # verified
    assert CODE_PATTERN.findall(client.get(CODES).content.decode()) == []  # codes are shown once

    # Next sign-in: the verify page, which sends her where she was going.
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    response = client.get(reverse("people:person-list"))
    assert response["Location"] == f"{VERIFY}?next=%2Fpeople%2F"
    code = next_totp_code(device)
    response = client.post(VERIFY, {"code": code[:3] + " " + code[3:], "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert client.get(reverse("people:person-list")).status_code == 200

    # A code works once: not again at the next sign-in.
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    assert "That code is not right" in client.post(VERIFY, {"code": code}).content.decode()


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, carla):
    device = sign_in_verified(client, carla)
    client.post(CODES)
    codes = CODE_PATTERN.findall(client.get(CODES).content.decode())
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": "/people/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/people/"
    assert "9 are left" in response.content.decode()
    assert StaticToken.objects.filter(device__user=carla).count() == 9
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    assert "That code is not right" in client.post(VERIFY, {"code": codes[0]}).content.decode()
    # The wrong recovery code counted on the recovery codes only, not on the authenticator.
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_after_signing_in_with_a_recovery_code_new_codes_keep_the_session_verified(client, carla):
    sign_in_verified(client, carla)
    client.post(CODES)
    codes = CODE_PATTERN.findall(client.get(CODES).content.decode())
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    client.post(VERIFY, {"code": codes[0]})
    client.post(CODES)
    assert len(CODE_PATTERN.findall(client.get(CODES).content.decode())) == 10
    assert client.get(reverse("people:person-list")).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, carla):
    sign_in_verified(client, carla)
    client.post(CODES)
    old = CODE_PATTERN.findall(client.get(CODES).content.decode())
    client.post(CODES)
    new = CODE_PATTERN.findall(client.get(CODES).content.decode())
    assert len(new) == 10 and not set(old) & set(new)
    assert StaticDevice.objects.filter(user=carla).count() == 1
    assert "You have 10 unused recovery codes" in client.get(CODES).content.decode()


def test_a_password_alone_cannot_replace_the_authenticator_or_open_the_back_office(client, db):
    admin = UserFactory(username="ada", role=roles.ADMINISTRATOR, is_staff=True)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    sign_in(client, "ada", PASSWORD)
    assert client.get(SETUP)["Location"].startswith(f"{VERIFY}?next=")
    assert client.get(CODES)["Location"].startswith(f"{VERIFY}?next=")
    assert client.get(reverse("admin:index"))["Location"].startswith(f"{VERIFY}?next=")
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_a_verified_user_replaces_the_phone(client, carla):
    old = sign_in_verified(client, carla)
    page = client.get(SETUP)
    assert "replaces the one you use now" in page.content.decode()
    new = TOTPDevice.objects.get(user=carla, confirmed=False)
    assert client.post(SETUP, {"code": next_totp_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=carla)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_trainers_are_not_asked_and_the_setting_turns_it_off(client, trainer, carla, settings):
    sign_in(client, "trainer", PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    sign_out(client)
    settings.STCE_REQUIRE_2FA = False
    sign_in(client, "carla", PASSWORD)
    assert client.get(reverse("people:person-list")).status_code == 200


def test_a_half_signed_in_user_may_still_sign_out_change_language_and_verify_certificates(client, carla):
    sign_in(client, "carla", PASSWORD)
    assert client.get(reverse("verify-lookup")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "fr"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("people:person-list"))["Location"].startswith(reverse("login"))


def test_after_a_form_is_sent_the_user_comes_back_to_the_page_it_was_sent_from(client, carla):
    sign_in(client, "carla", PASSWORD)
    response = client.post(
        reverse("people:person-create"), {}, HTTP_REFERER="http://testserver/people/?q=x"
    )
    assert response["Location"] == f"{SETUP}?next=http%3A%2F%2Ftestserver%2Fpeople%2F%3Fq%3Dx"
    elsewhere = client.post(reverse("people:person-create"), {}, HTTP_REFERER="https://evil.example/")
    assert elsewhere["Location"] == f"{SETUP}?next=%2F"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_next_never_leads_to_another_site(client, carla, next_url):
    device = TOTPDevice.objects.create(user=carla, name="phone", confirmed=True)
    sign_in(client, "carla", PASSWORD)
    response = client.post(VERIFY, {"code": next_totp_code(device), "next": next_url})
    assert response["Location"] == reverse("home")


def test_wrong_codes_count_towards_the_sign_in_lockout(client, carla, settings):
    settings.AXES_FAILURE_LIMIT = 3
    TOTPDevice.objects.create(user=carla, name="phone", confirmed=True)
    sign_in(client, "carla", PASSWORD)
    statuses = [client.post(VERIFY, {"code": "123456"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # the 2nd is refused by the back-off, and still counted
    assert AccessAttempt.objects.get(username="carla").failures_since_start == 3
    assert "123456" not in AccessAttempt.objects.get(username="carla").post_data  # typed codes are masked
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))  # signed out
    assert sign_in(client, "carla", PASSWORD).status_code == 429  # the password is refused too


def test_the_back_off_survives_a_new_password_sign_in(client, carla):
    """A successful password clears axes' count, but django-otp's back-off is kept on the
    device and ends only with a right code: knowing the password does not buy more guesses."""
    device = TOTPDevice.objects.create(user=carla, name="phone", confirmed=True)
    sign_in(client, "carla", PASSWORD)
    client.post(VERIFY, {"code": "123456"})
    sign_out(client)
    sign_in(client, "carla", PASSWORD)
    assert not AccessAttempt.objects.exists()
    response = client.post(VERIFY, {"code": next_totp_code(device)})
    assert "Too many wrong codes. Wait" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_lost_phone_is_reset_from_the_command_line(client, carla):
    sign_in_verified(client, carla)
    client.post(CODES)
    call_command("reset_two_factor", "carla", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=carla).exists()
    assert not StaticDevice.objects.filter(user=carla).exists()
    fresh = Client()
    sign_in(fresh, "carla", PASSWORD)
    assert fresh.get(reverse("home"))["Location"].startswith(SETUP)
