"""The client address behind proxies: read X-Forwarded-For only as far as trusted hops reach."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from people.client_address import client_address, trusted_proxies

PROXY = "10.0.0.2"


def address(settings, trusted, *, remote=PROXY, forwarded=None):
    settings.STCE_TRUSTED_PROXIES = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_without_the_setting_a_forwarded_header_is_ignored(settings):
    assert address(settings, 0, forwarded="198.51.100.7") == PROXY
    assert address(settings, "", remote="192.0.2.1", forwarded="198.51.100.7") == "192.0.2.1"


def test_one_proxy_reports_the_client_it_saw(settings):
    assert address(settings, 1, forwarded="198.51.100.7") == "198.51.100.7"
    assert address(settings, "1", forwarded="198.51.100.7") == "198.51.100.7"


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself(settings):
    # The proxy appends what it saw to what the client sent: only the right-most entry counts.
    assert address(settings, 1, forwarded="203.0.113.66, 198.51.100.7") == "198.51.100.7"
    assert address(settings, 1, forwarded="not an address, 198.51.100.7") == "198.51.100.7"


def test_two_proxies_in_a_row(settings):
    assert address(settings, 2, forwarded="203.0.113.66, 198.51.100.7, 10.0.0.1") == "198.51.100.7"


def test_a_request_that_skipped_a_proxy_keys_on_the_nearest_hop(settings):
    assert address(settings, 2, forwarded="198.51.100.7") == PROXY
    assert address(settings, 1) == PROXY


def test_trusted_networks_skip_every_hop_inside_them(settings):
    trusted = "10.0.0.0/8, fd00::/8"
    assert address(settings, trusted, forwarded="203.0.113.66, 198.51.100.7, 10.1.2.3") == "198.51.100.7"
    assert address(settings, trusted, forwarded="198.51.100.7, fd00::5", remote="fd00::1") == "198.51.100.7"
    # Not from a trusted proxy: the header is the client's own word and is ignored.
    assert address(settings, trusted, remote="198.51.100.9", forwarded="203.0.113.66") == "198.51.100.9"
    # Garbage beyond the trusted hops stops the walk at the last real address.
    assert address(settings, trusted, forwarded="<script>, 10.9.9.9") == "10.9.9.9"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [("198.51.100.7:5123", "198.51.100.7"), ("[2001:db8::7]:443", "2001:db8::7"),
     (" 2001:DB8::7 ", "2001:db8::7")],
)
def test_ports_and_spelling_do_not_make_a_new_address(settings, forwarded, expected):
    assert address(settings, 1, forwarded=forwarded) == expected


def test_a_garbled_entry_where_the_client_should_be_falls_back_to_the_proxy(settings):
    assert address(settings, 1, forwarded="unknown") == PROXY


@pytest.mark.parametrize("value", ["-1", "10.0.0.0/33", "proxy.example.org"])
def test_a_wrong_setting_is_refused(value):
    with pytest.raises(ImproperlyConfigured):
        trusted_proxies(value)
