"""Browser tests: a real server, the system Chromium, screenshots and accessibility checks.

A session starts one server (`manage.py runserver` in a subprocess) on a free port against a
throw-away SQLite database seeded with `seed_demo`, a background worker beside it (`manage.py
run_worker`, as `make run` does), a real SMTP server on 127.0.0.1 that both send to (aiosmtpd,
in this process: `smtp_server` reads what it received), and one Chromium (/usr/bin/chromium,
never a downloaded browser). Each test gets a fresh browser context (no shared cookies).
`django_script` runs Python against the live database (to build large scenarios quickly).

Helpers for journeys are in e2e/helpers.py (sign_in, sign_out, shot, assert_accessible).
A test also fails when the browser reports a Content Security Policy violation.

Every HTML page the server sends the browser (redirect targets and answers to POSTs too) is
saved under e2e/artifacts/html/, and at the end of the session the Nu HTML Checker (vnu,
tools/vnu.py) checks them all in one run: an error fails the session.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Response, sync_playwright

from tools.vnu import format_errors, unavailable_reason, validate_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("STCE_E2E_CHROMIUM", "/usr/bin/chromium")
SERVED_HTML = ARTIFACTS / "html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def smtp_server():
    from mailing.tests.smtp import start_server

    recorder, controller = start_server()
    yield recorder
    controller.stop()


LIVE: dict = {}


@pytest.fixture(scope="session")
def live_url(smtp_server):
    """Base URL of a server with the demo data, on its own database, for the whole session."""
    folder = Path(tempfile.mkdtemp(prefix="stce-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stce.settings",
        # Production settings (DEBUG off), as users get them: real error pages, manifest static
        # files, secure cookies (Chromium accepts them from http://127.0.0.1).
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "STCE_PENDING_IMPORTS_ROOT": str(folder / "pending-imports"),
        "AXES_FAILURE_LIMIT": "50",  # journeys sign in many times from one address
        "STCE_REQUIRE_2FA": "1",  # as in production; helpers.sign_in sets up and uses an authenticator
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp_server.port),
        "DJANGO_DEFAULT_FROM_EMAIL": "stce-programme@example.org",
    }
    env.pop("REDIS_URL", None)

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)

    port = _free_port()
    # Links, QR codes and calendar UIDs are built from the public address, as in production.
    env["STCE_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    manage("migrate", "--noinput", "-v0")
    manage("createcachetable")
    manage("seed_demo", "--force")
    manage("collectstatic", "--noinput", "-v0")
    log = folder / "server.log"
    with log.open("w") as log_file, (folder / "worker.log").open("w") as worker_log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--queue-name", "*", "--interval", "0.2",
             "--worker-id", "e2e-w1"],
            cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    LIVE.update(env=env, folder=folder)
    try:
        _wait_until_up(url, server, log)
        yield url
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def django_script(live_url):
    """Runs Python code against the live server's database; returns what it prints."""

    def run(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            cwd=ROOT, env=LIVE["env"], check=True, capture_output=True, text=True,
        ).stdout

    return run


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run e2e/setup.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def pytest_sessionstart(session):
    # Pages of an earlier run must not be checked (or blamed) again.
    shutil.rmtree(SERVED_HTML, ignore_errors=True)


def pytest_sessionfinish(session, exitstatus):
    pages = sorted(SERVED_HTML.glob("*.html")) if SERVED_HTML.is_dir() else []
    if not pages:
        return
    say = session.config.pluginmanager.get_plugin("terminalreporter").write_line
    reason = unavailable_reason()
    if reason:
        say(f"!! vnu cannot run ({reason}): the {len(pages)} served pages were NOT checked")
        if os.environ.get("STCE_REQUIRE_VNU") == "1":
            session.exitstatus = 1
        return
    errors = validate_html([SERVED_HTML])
    if errors:
        say(f"Nu HTML Checker: errors in the pages the browser was served\n{format_errors(errors)}")
        session.exitstatus = 1
    else:
        say(f"Nu HTML Checker: {len(pages)} pages the browser was served, no error")


def _keep_served_html(slug: str):
    """A response listener saving each HTML document the server sends into SERVED_HTML."""

    def keep(response: Response) -> None:
        request = response.request
        if request.resource_type != "document" or request.frame.parent_frame is not None:
            return
        # Redirects have no page; the Django admin's HTML is Django's own (it is not vnu-clean).
        if 300 <= response.status < 400 or "/admin/" in request.url:
            return
        if "text/html" not in response.headers.get("content-type", ""):
            return
        keep.count += 1
        (SERVED_HTML / f"{slug}-{keep.count:03d}.html").write_bytes(response.body())

    keep.count = 0
    return keep


@pytest.fixture
def page(browser, live_url, request):
    context = browser.new_context(base_url=live_url, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    policy_violations: list[str] = []
    page.on(
        "console",
        lambda message: policy_violations.append(message.text)
        if "Content Security Policy" in message.text else None,
    )
    slug = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = ARTIFACTS / slug
    folder.mkdir(parents=True, exist_ok=True)
    SERVED_HTML.mkdir(parents=True, exist_ok=True)
    # The server's HTML, not page.content() (the DOM after scripts ran). A listener on the
    # context, not route(): fetching through a route would follow redirects itself.
    context.on("response", _keep_served_html(slug))
    page.stce_artifacts = folder
    page.stce_shots = 0
    yield page
    context.close()
    assert not policy_violations, f"Content Security Policy violations: {policy_violations}"

