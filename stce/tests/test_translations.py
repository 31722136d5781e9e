"""The interface exists in French, Spanish and Russian, completely."""

import os
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from stce.tests.test_permission_matrix import ALL_CASES
from stce.tests.world import build_world

LANGUAGES = ["fr", "es", "ru"]


# Every first-party package (each holds messages) and the templates, so that a new app is
# checked without being listed here.
SOURCES = sorted(
    p.name for p in settings.BASE_DIR.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"bench", "e2e"}
) + ["templates", "locale", "manage.py"]


@pytest.fixture(scope="module")
def regenerated_catalogues(tmp_path_factory):
    """Run makemessages on today's code in a copy of the tree, leaving the real one alone."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed")
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tree / name)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"-l{lang}" for lang in LANGUAGES],
         "--no-obsolete", "--verbosity=0"],
        cwd=tree, env={**env, "DJANGO_SETTINGS_MODULE": "stce.settings"}, check=True,
    )
    return tree / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_code_is_translated(regenerated_catalogues, language):
    po = polib.pofile(str(regenerated_catalogues / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]
    assert not missing, f"{len(missing)} untranslated in {language}, e.g. {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogues_compile(language):
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext (msgfmt) is not installed")
    po_file = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(po_file)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_every_coordinator_page_renders_in_each_language(language, coordinator, trainer, other_trainer):
    world = build_world(trainer=trainer, other_trainer=other_trainer)
    client = Client()
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    pages = [c for c in ALL_CASES if c.method == "get" and c.expect["coordinator"] == 200]
    assert pages
    for case in pages:
        response = client.get(case.url(world))
        assert response.status_code == 200, case.id
        if response["Content-Type"].startswith("text/html"):
            assert f'<html lang="{language}">' in response.content.decode(), case.id
