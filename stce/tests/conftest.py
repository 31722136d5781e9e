import os
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


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
    return settings.MEDIA_ROOT
