"""Every maintenance pass runs the clean-ups named in BACKGROUND_HOUSEKEEPING; one that fails
is logged and the others still run."""

import logging

from background.maintenance import maintenance_pass

RAN = []


def clean_up():
    RAN.append("clean_up")


def broken():
    raise RuntimeError("storage unreachable")


def test_each_pass_runs_the_housekeeping_even_after_one_fails(db, settings, caplog):
    RAN.clear()
    settings.BACKGROUND_SCHEDULES = {}
    settings.BACKGROUND_HOUSEKEEPING = [
        "background.tests.test_housekeeping.broken",
        "background.tests.test_housekeeping.clean_up",
    ]
    with caplog.at_level(logging.ERROR, logger="background.maintenance"):
        maintenance_pass()
        maintenance_pass()
    assert RAN == ["clean_up", "clean_up"]
    assert "housekeeping background.tests.test_housekeeping.broken failed" in caplog.text


def test_the_shipped_settings_delete_stale_previewed_imports():
    from django.conf import settings

    assert "courses.services.participant_import.forget_stale_uploads" in settings.BACKGROUND_HOUSEKEEPING
