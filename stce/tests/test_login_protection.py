"""Sign-in protection: lockouts, the same answer for every failure, safe redirects, clean logs."""

import logging
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from people.tests.factories import UserFactory
from stce.security import PersonalDataLogFilter

PASSWORD = "correct-horse-battery"


@pytest.fixture
def member(db):
    return UserFactory(username="alice", password=PASSWORD, email="alice@example.org")


def sign_in(client: Client, username: str, password: str, *, ip: str = "10.0.0.1", next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR=ip)


def fail_times(client: Client, n: int, *, username: str = "alice", ip: str = "10.0.0.1"):
    for _ in range(n):
        response = sign_in(client, username, "wrong password", ip=ip)
    return response


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client, member):
    wrong_password = sign_in(client, "alice", "not her password")
    unknown_user = sign_in(client, "nobody-by-that-name", "not her password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert "did not match" in wrong_password.content.decode()
    assert without_csrf_token(wrong_password.content.decode()).replace("alice", "X") == (
        without_csrf_token(unknown_user.content.decode()).replace("nobody-by-that-name", "X")
    )


def test_five_failures_lock_the_account_from_that_address_with_a_clear_message(client, member):
    fail_times(client, 4)
    assert sign_in(client, "alice", PASSWORD, ip="10.0.0.9").status_code == 302  # other address still fine
    client.logout()
    fail_times(client, 4)  # a success from another address does not wipe this one's count
    locked = fail_times(client, 1)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    # Even the right password is refused while locked.
    right_password = sign_in(client, "alice", PASSWORD)
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_username_and_address(client, member):
    UserFactory(username="bob", password=PASSWORD)
    fail_times(client, 5)
    assert sign_in(client, "bob", PASSWORD).status_code == 302  # same address, other user
    client.logout()
    assert sign_in(client, "alice", PASSWORD, ip="10.0.0.2").status_code == 302  # same user, other address


def test_an_unknown_username_is_locked_out_like_a_real_one(client, member):
    assert fail_times(client, 5, username="nobody-by-that-name").status_code == 429


def test_an_administrator_unlocks_an_account_in_the_back_office(client, member, administrator):
    fail_times(client, 5)
    assert AccessAttempt.objects.filter(username="alice").exists()

    admin = Client()
    admin.force_login(administrator)
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = admin.get(changelist)
    assert listing.status_code == 200
    assert "alice" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="alice")
    response = admin.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302

    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_coordinators_cannot_see_or_clear_lockouts(coordinator_client):
    response = coordinator_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_next_goes_to_a_page_of_this_site(client, member):
    response = sign_in(client, "alice", PASSWORD, next_url="/people/")
    assert response["Location"] == "/people/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/phish", "//evil.example/phish", "http://testserver.evil.example/",
     "javascript:alert(1)", "/\\evil.example"],
)
def test_next_to_another_site_is_ignored(client, member, next_url):
    response = sign_in(client, "alice", PASSWORD, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_login_form_does_not_carry_an_external_next_onwards(client, db):
    html = client.get(reverse("login"), {"next": "https://evil.example/"}).content.decode()
    assert '<input type="hidden" name="next" value="">' in html


def test_a_failed_sign_in_leaves_no_username_or_address_in_the_logs(client, member, caplog):
    caplog.set_level(logging.INFO, logger="axes")
    fail_times(client, 5)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "AXES" in text  # the failures and the lockout were logged ...
    assert "alice" not in text  # ... without naming the account
    assert "10.0.0.1" not in text


def test_the_log_filter_removes_email_addresses():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "sent to %s", ("alice@example.org",), None)
    assert PersonalDataLogFilter().filter(record)
    assert record.getMessage() == "sent to [e-mail removed]"


def test_the_console_log_handler_uses_the_personal_data_filter(settings):
    assert "no_personal_data" in settings.LOGGING["handlers"]["console"]["filters"]


def test_sign_in_works_with_the_real_user_model(client, member):
    assert User.objects.get(username="alice").check_password(PASSWORD)
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_an_administrator_sees_lockouts_and_unlocks_in_the_app(member, administrator_client):
    client = Client()
    fail_times(client, 5)
    page = administrator_client.get(reverse("people:lockout-list")).content.decode()
    assert "alice" in page and "10.0.0.1" in page

    response = administrator_client.post(
        reverse("people:lockout-list"), {"username": "alice", "ip_address": "10.0.0.1"}, follow=True
    )
    assert "alice can sign in again" in response.content.decode()
    assert "Nobody is locked out" in response.content.decode()
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_unlocking_by_username_alone_clears_every_address(member, administrator_client):
    client = Client()
    fail_times(client, 5, ip="10.0.0.1")
    fail_times(client, 5, ip="10.0.0.2")
    administrator_client.post(reverse("people:lockout-list"), {"username": "alice", "ip_address": ""})
    assert not AccessAttempt.objects.exists()


@pytest.fixture
def cache_lockouts(settings):
    """Lockouts in the cache, as with REDIS_URL (here in the test database's cache table)."""
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"


def test_with_the_cache_handler_administrators_see_current_lockouts(
    cache_lockouts, member, administrator_client, django_assert_max_num_queries
):
    UserFactory(username="bob", password=PASSWORD)
    client = Client()
    fail_times(client, 5, ip="10.0.0.1")
    fail_times(client, 7, ip="10.0.0.2")  # failures during a lockout keep one row
    fail_times(client, 3, ip="10.0.0.3")  # not locked out (yet)
    fail_times(client, 5, username="bob", ip="10.0.0.1")
    assert not AccessAttempt.objects.exists()
    with django_assert_max_num_queries(12):
        page = administrator_client.get(reverse("people:lockout-list")).content.decode()
    rows = re.findall(r"<tr>\s*<td>(\w+)</td><td>([\d.]+)</td><td>(\d+)</td>", page)
    assert sorted(rows) == [("alice", "10.0.0.1", "5"), ("alice", "10.0.0.2", "7"), ("bob", "10.0.0.1", "5")]
    assert rows[0][0] == "bob"  # newest first


def test_with_the_cache_handler_an_unlock_by_username_clears_every_listed_address(
    cache_lockouts, member, administrator_client
):
    client = Client()
    fail_times(client, 5, ip="10.0.0.1")
    fail_times(client, 5, ip="10.0.0.2")
    response = administrator_client.post(reverse("people:lockout-list"), {"username": "alice"}, follow=True)
    assert "alice can sign in again" in response.content.decode()
    assert "Nobody is locked out" in response.content.decode()
    assert sign_in(client, "alice", PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    assert sign_in(client, "alice", PASSWORD, ip="10.0.0.2").status_code == 302


def test_with_the_cache_handler_an_unlock_of_someone_not_listed_asks_for_the_address(
    cache_lockouts, administrator_client
):
    response = administrator_client.post(reverse("people:lockout-list"), {"username": "alice"})
    assert response.status_code == 200
    assert "alice is not locked out" in response.content.decode()


def test_with_the_cache_handler_a_lockout_that_cooled_off_leaves_the_list(
    cache_lockouts, member, administrator_client
):
    from axes.helpers import get_cache

    from people.lockouts import _counter_key

    fail_times(Client(), 5)
    assert "10.0.0.1" in administrator_client.get(reverse("people:lockout-list")).content.decode()
    get_cache().delete(_counter_key("alice", "10.0.0.1"))  # what the cool-off expiry does
    assert "Nobody is locked out" in administrator_client.get(reverse("people:lockout-list")).content.decode()


def test_the_lockout_list_has_bounded_queries(administrator_client, django_assert_max_num_queries):
    for n in range(30):
        AccessAttempt.objects.create(
            username=f"user{n}", ip_address=f"10.0.1.{n}", user_agent="", failures_since_start=5,
            get_data="", post_data="", http_accept="", path_info="/accounts/login/",
        )
    with django_assert_max_num_queries(8):
        response = administrator_client.get(reverse("people:lockout-list"))
    assert response.content.decode().count("btn-sm btn-outline-primary\" type=\"submit\">Unlock") == 30


# ----------------------------------------------------------------- behind a reverse proxy

PROXY = "10.0.0.254"


def sign_in_through_proxy(client: Client, username: str, password: str, *, client_ip: str, sent: str = ""):
    """What the app sees behind one proxy: the proxy's address, and X-Forwarded-For with the
    client's address appended to whatever the client sent itself."""
    forwarded = f"{sent}, {client_ip}" if sent else client_ip
    return client.post(
        reverse("login"), {"username": username, "password": password},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_one_proxy_one_clients_failures_do_not_lock_out_another(client, member, settings):
    settings.STCE_TRUSTED_PROXIES = 1
    for _ in range(5):
        locked = sign_in_through_proxy(client, "alice", "wrong password", client_ip="198.51.100.7")
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    # Alice herself, from her own address through the same proxy, still gets in.
    assert sign_in_through_proxy(Client(), "alice", PASSWORD, client_ip="203.0.113.20").status_code == 302
    # The attacker stays locked out, whatever X-Forwarded-For it sends itself.
    spoofed = sign_in_through_proxy(
        Client(), "alice", PASSWORD, client_ip="198.51.100.7", sent="203.0.113.20"
    )
    assert spoofed.status_code == 429


def test_without_the_proxy_setting_a_forwarded_header_does_not_change_the_key(client, member, settings):
    settings.STCE_TRUSTED_PROXIES = 0
    for n in range(5):  # a new made-up address each time would escape the lockout if it were read
        locked = client.post(
            reverse("login"), {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert locked.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.1"]


def test_a_wrong_proxy_setting_stops_start_up(settings):
    from stce.checks import trusted_proxies_are_valid

    settings.STCE_TRUSTED_PROXIES = "proxy.example.org"
    assert [error.id for error in trusted_proxies_are_valid()] == ["stce.E003"]
    settings.STCE_TRUSTED_PROXIES = "10.0.0.0/8,192.168.0.0/16"
    assert trusted_proxies_are_valid() == []
