"""Browser tests: a real server, the system Chromium, screenshots and accessibility checks.

A session starts one server (`manage.py runserver` in a subprocess) on a free port against a
throw-away SQLite database seeded with `seed_demo`, a background worker beside it (`manage.py
run_worker`, as `make run` does), a real SMTP server on 127.0.0.1 that both send to (aiosmtpd,
in this process: `smtp_server` reads what it received), and one Chromium (/usr/bin/chromium,
never a downloaded browser). Each test gets a fresh browser context (no shared cookies).
`django_script` runs Python against the live database (to build large scenarios quickly).

Helpers for journeys are in e2e/helpers.py (sign_in, sign_out, shot, assert_accessible).
A test also fails when the browser reports a Content Security Policy violation.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("STCE_E2E_CHROMIUM", "/usr/bin/chromium")
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
        "AXES_FAILURE_LIMIT": "50",  # journeys sign in many times from one address
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
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    page.stce_artifacts = folder
    page.stce_shots = 0
    yield page
    context.close()
    assert not policy_violations, f"Content Security Policy violations: {policy_violations}"

