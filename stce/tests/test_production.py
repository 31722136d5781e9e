"""What a production deployment runs before it serves anyone."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.slow
def test_collectstatic_succeeds_under_production_settings(tmp_path):
    """The vendored libraries name source maps we do not ship; collecting must still work."""
    env = {
        **os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.org",
           "STCE_PUBLIC_URL": "https://example.org", "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/axe-core/axe.min.js" in manifest
    assert (tmp_path / "static" / "css" / "stce.css.gz").exists()
