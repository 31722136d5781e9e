"""Issue 16's acceptance journey: a coordinator invites two countries with 3 seats each; each
focal point nominates 4 officials (3 by the form, 1 from a list with a nomination letter); the
coordinator accepts 3 per country and the fourth is waitlisted; a withdrawal promotes them;
every e-mail arrives at the local SMTP server; the promoted participant opens their own page
from the link in their e-mail and, after the event, downloads their certificate.

The focal points' accounts are made through the services (the screens that invite them are
another piece of work); everything else a person does here, they do in the browser.
"""

import datetime
import json
import re
from collections import Counter

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out

PASSWORD = "focal-point-e2e-2026"
COUNTRIES = {"KZ": "Kazakhstan", "KG": "Kyrgyzstan"}
TITLE = "Regional STCE training, Central Asia (e2e)"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _setup(django_script) -> dict:
    """An event two months ahead, and a focal point for each country (through the services)."""
    return json.loads(
        django_script(
            "import datetime, json\n"
            "from django.contrib.auth.models import User\n"
            "from courses.models import TrainingEvent\n"
            "from nominations.services.focal_points import appoint_focal_point\n"
            "from people.models import Country\n"
            "start = datetime.date.today() + datetime.timedelta(days=60)\n"
            "event = TrainingEvent.objects.create(title='Regional STCE training, Central Asia (e2e)',"
            " kind='regional', status='confirmed', time_zone='Asia/Almaty', start_date=start,"
            " end_date=start + datetime.timedelta(days=2), host_country_id='KZ')\n"
            "users = {}\n"
            f"for code in {list(COUNTRIES)!r}:\n"
            "    name = f'fp-{code.lower()}'\n"
            f"    user = User.objects.create_user(name, f'{{name}}@customs.example.org', {PASSWORD!r},"
            " first_name='Focal', last_name=code)\n"
            "    appoint_focal_point(user=user, countries=[Country.objects.get(code=code)])\n"
            "    users[code] = user.username\n"
            "print(json.dumps({'event': event.pk, 'users': users}))"
        )
    )


def _link(message, marker: str) -> str:
    body = message.get_body(("plain",)).get_content()
    return next(line.strip() for line in body.splitlines() if marker in line)


def _received(smtp_server, before: int, expected: dict[str, str]) -> dict:
    """Wait until a message has arrived for each address (with its subject), then return them."""
    smtp_server.wait_for(before + len(expected))
    received = {m["To"]: m for m in smtp_server.messages[before:]}
    for address, subject in expected.items():
        assert address in received, f"no e-mail to {address}: {sorted(received)}"
        assert subject in received[address]["Subject"], received[address]["Subject"]
    return received


def _focal_point_signs_in(page: Page, link: str, username: str) -> None:
    """From the invitation e-mail's link: the sign-in page, then straight to the invitation."""
    page.goto(link)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.endswith(link.split("127.0.0.1", 1)[1].split("/", 1)[1]), page.url


def _nominate_by_form(page: Page, code: str, n: int) -> None:
    page.get_by_label("Given name").fill(f"Official{n}")
    page.get_by_label("Family name").fill(f"{COUNTRIES[code]}ova")
    page.get_by_label("Gender").select_option("female" if n % 2 else "male")
    page.get_by_label("E-mail").fill(f"official{n}@{code.lower()}.customs.example.org")
    page.get_by_label("The nominee has read the privacy notice").check()
    page.get_by_role("button", name="Nominate", exact=True).click()
    expect(page.get_by_text("The nomination is recorded.")).to_be_visible()


def _nominate_by_import(page: Page, code: str) -> None:
    page.get_by_role("link", name=f"Nominate officials of {COUNTRIES[code]} from a list").click()
    rows = (
        "Given name,Family name,Gender,E-mail,Position\n"
        f"Imported,{COUNTRIES[code]}ov,male,imported@{code.lower()}.customs.example.org,Senior inspector\n"
    )
    page.set_input_files(
        "input[name=file]", files=[{"name": "nominees.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("1 official to nominate")).to_be_visible()
    page.get_by_label("Every official on this list has read the privacy notice").check()
    page.set_input_files(
        "input[name=letter_file]",
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    shot(page, f"import-report-{code}")
    assert_accessible(page)
    page.get_by_role("button", name="Nominate 1 official").click()
    expect(page.get_by_text("1 official nominated.")).to_be_visible()


def _decide(page: Page, name: str, button: str) -> None:
    page.get_by_role("row").filter(has_text=name).get_by_role("button", name=button).click()
    expect(page.get_by_text(f"The decision on {name} is recorded.")).to_be_visible()


def _after_the_event(django_script, event: int, email: str) -> None:
    """The event took place (moved into the past), the participant attended every day, and
    their certificate of completion is issued: through the services."""
    django_script(
        "import datetime\n"
        "from django.contrib.auth.models import User\n"
        "from certificates.issuing import issue_certificate\n"
        "from courses.models import Enrolment, EventDay, TrainingEvent\n"
        "from courses.services.attendance import AttendanceEntry, save_attendance\n"
        "start = datetime.date.today() - datetime.timedelta(days=10)\n"
        f"TrainingEvent.objects.filter(pk={event}).update(start_date=start,"
        " end_date=start + datetime.timedelta(days=2))\n"
        f"event = TrainingEvent.objects.get(pk={event})\n"
        "coordinator = User.objects.get(username='coordinator')\n"
        f"enrolment = Enrolment.objects.get(event=event, person__email__iexact={email!r})\n"
        "for offset in range(3):\n"
        "    day = EventDay.objects.create(event=event, date=start + datetime.timedelta(days=offset))\n"
        "    save_attendance(day=day, entries=[AttendanceEntry(enrolment.pk, day.pk, 'present')],"
        " by=coordinator)\n"
        "issue_certificate(kind='completion', holder=enrolment.person, event=event, by=coordinator)\n"
    )


def test_nominations_from_invitation_to_certificate(page: Page, django_script, smtp_server):
    world = _setup(django_script)
    event = world["event"]
    deadline = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

    # The coordinator invites two countries, 3 seats each; the focal points are told by e-mail.
    start = smtp_server.count()
    sign_in(page, "coordinator")
    page.goto(f"/nominations/events/{event}/")
    before = smtp_server.count()
    for code in COUNTRIES:
        page.get_by_label("Country").select_option(code)
        page.get_by_label("Seats").fill("3")
        page.get_by_label("Nomination deadline").fill(deadline)
        page.get_by_role("button", name="Invite", exact=True).click()
        expect(page.get_by_text("The invitation is saved; the focal points are being told.")).to_be_visible()
    shot(page, "coordinator-invited")
    assert_accessible(page)
    invitations = _received(
        smtp_server,
        before,
        {f"fp-{code.lower()}@customs.example.org": "Invitation to nominate officials" for code in COUNTRIES},
    )
    sign_out(page)

    # Each focal point follows the e-mail's link and nominates 4: 3 by the form, 1 from a list.
    for code, username in world["users"].items():
        link = _link(invitations[f"{username}@customs.example.org"], "/nominations/mine/events/")
        _focal_point_signs_in(page, link, username)
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        for n in range(1, 4):
            _nominate_by_form(page, code, n)
        _nominate_by_import(page, code)
        expect(page.locator("tbody tr")).to_have_count(4)
        expect(page.get_by_role("link", name="Nomination letter")).to_have_count(1)
        shot(page, f"focal-point-nominees-{code}")
        assert_accessible(page)
        sign_out(page)

    # The coordinator accepts all four of each country: 3 seats each, so the 4th is waitlisted.
    sign_in(page, "coordinator")
    page.goto(f"/nominations/events/{event}/")
    for country in COUNTRIES.values():
        for name in [f"Official{n} {country}ova" for n in range(1, 4)] + [f"Imported {country}ov"]:
            _decide(page, name, "Accept")
    main = page.locator("main")
    expect(main).to_contain_text("3 of 3 seats used · 4 nominated · 1 waitlisted")
    expect(page.get_by_role("row").filter(has_text="Imported Kazakhstanov")).to_contain_text("Waitlisted (1)")
    shot(page, "coordinator-decided")
    assert_accessible(page)

    # A withdrawal in Kazakhstan gives its seat to Kazakhstan's waitlisted nominee; they and their
    # focal point are told.
    before = smtp_server.count()
    _decide(page, "Official2 Kazakhstanova", "Withdraw")
    expect(page.get_by_role("row").filter(has_text="Imported Kazakhstanov")).to_contain_text("Accepted")
    expect(page.get_by_role("row").filter(has_text="Imported Kyrgyzstanov")).to_contain_text("Waitlisted")
    shot(page, "coordinator-promoted")
    promoted = _received(
        smtp_server,
        before,
        {
            "imported@kz.customs.example.org": "A place is now available",
            "fp-kz@customs.example.org": "A place is now available",
        },
    )
    sign_out(page)

    # The promoted participant opens their own page from the link in their e-mail (no account).
    link = _link(promoted["imported@kz.customs.example.org"], "/nominations/p/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regional STCE training, Central Asia (e2e)")
    shot(page, "participant-page-before")
    assert_accessible(page)

    # After the event: attended, certificate issued; the same link now offers it.
    _after_the_event(django_script, event, "imported@kz.customs.example.org")
    page.goto(link)
    certificate = page.get_by_role("link", name=re.compile("Download", re.IGNORECASE)).first
    expect(certificate).to_be_visible()
    shot(page, "participant-page-certificate")
    assert_accessible(page)
    with page.expect_download() as download:
        certificate.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("STCE-")
    # Every message the outbox holds about the event was sent, and the SMTP server has each one.
    outbox = json.loads(
        django_script(
            "import json\n"
            "from mailing.models import Message\n"
            f"print(json.dumps(list(Message.objects.about('event', {event}).values_list('to', 'status'))))"
        )
    )
    # Invitations to the two focal points, the six confirmations of accepted nominees, and the
    # promotion told to the nominee and their focal point.
    assert len(outbox) == 10 and {status for _to, status in outbox} == {"sent"}, outbox
    delivered = Counter(m["To"] for m in smtp_server.messages[start:])
    assert not Counter(to for to, _status in outbox) - delivered, (outbox, delivered)
