"""Certificate pages: public verification, and what coordinators do with certificates."""

import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from certificates.issuing import issue_certificate, reissue_certificate, revoke_certificate
from certificates.models import Certificate, CertificateDelivery
from certificates.tests.certificate_helpers import enrol, event_with_days, pdf_text
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return event_with_days(title="National training on STCE")


@pytest.fixture
def certificate(event, coordinator):
    person = enrol(event, given_name="Amélie", family_name="Dupré", email="amelie@example.org").person
    return issue_certificate(kind=Certificate.Kind.COMPLETION, holder=person, event=event, by=coordinator)


# ----------------------------------------------------------------- verify (public)


def test_anyone_can_verify_a_valid_certificate(client, certificate):
    response = client.get(reverse("verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valid" in page
    assert "Amélie Dupré" in page
    assert "National training on STCE" in page
    assert "amelie@example.org" not in page  # nothing else personal


def test_a_revoked_certificate_says_revoked_and_when(client, certificate, coordinator):
    revoke_certificate(certificate=certificate, reason="Issued by mistake", by=coordinator)
    page = client.get(reverse("verify", args=[certificate.code])).content.decode()
    assert "Revoked" in page
    assert "was revoked on" in page
    assert "Issued by mistake" not in page


def test_a_superseded_certificate_says_superseded(client, certificate, coordinator):
    new = reissue_certificate(certificate=certificate, by=coordinator)
    page = client.get(reverse("verify", args=[certificate.code])).content.decode()
    assert "Superseded" in page
    assert new.serial in page
    assert "Valid" in client.get(reverse("verify", args=[new.code])).content.decode()


def test_a_random_code_is_plainly_not_found(client, certificate):
    response = client.get(reverse("verify", args=["not-a-real-code-0000000000000000"]))
    assert response.status_code == 404
    assert "Amélie" not in response.content.decode()


def test_the_lookup_form_takes_a_code_or_the_whole_printed_address(client, certificate):
    response = client.get(reverse("verify-lookup"), {"code": f" {certificate.verify_url} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify", args=[certificate.code])


def test_verification_is_rate_limited_per_address(client, certificate, settings, monkeypatch):
    from django.core.cache import cache
    from django.utils import timezone

    from certificates.views import verify as verify_views

    cache.clear()
    moment = timezone.now()
    monkeypatch.setattr(verify_views.timezone, "now", lambda: moment)  # all requests in one minute
    settings.STCE_VERIFY_RATE_PER_MINUTE = 3
    url = reverse("verify", args=["guess-0000000000000000000000000"])
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    limited = client.get(reverse("verify", args=[certificate.code]))
    assert limited.status_code == 429
    assert "wait a minute" in limited.content.decode()
    other_address = client.get(reverse("verify", args=[certificate.code]), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_behind_a_proxy_the_verification_limit_is_per_real_client(client, certificate, settings, monkeypatch):
    from django.core.cache import cache
    from django.utils import timezone

    from certificates.views import verify as verify_views

    cache.clear()
    moment = timezone.now()
    monkeypatch.setattr(verify_views.timezone, "now", lambda: moment)
    settings.STCE_VERIFY_RATE_PER_MINUTE = 3
    settings.STCE_TRUSTED_PROXIES = 1
    url = reverse("verify", args=[certificate.code])

    def through_proxy(forwarded):
        return client.get(url, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [through_proxy("198.51.100.7") for _ in range(4)] == [200, 200, 200, 429]
    # Another visitor behind the same proxy is not held back by the first one ...
    assert through_proxy("203.0.113.20") == 200
    # ... and the first cannot escape by sending its own X-Forwarded-For.
    assert through_proxy("203.0.113.99, 198.51.100.7") == 429


def test_without_the_proxy_setting_the_verification_limit_ignores_forwarded_for(
    client, certificate, settings, monkeypatch
):
    from django.core.cache import cache
    from django.utils import timezone

    from certificates.views import verify as verify_views

    cache.clear()
    moment = timezone.now()
    monkeypatch.setattr(verify_views.timezone, "now", lambda: moment)
    settings.STCE_VERIFY_RATE_PER_MINUTE = 2
    settings.STCE_TRUSTED_PROXIES = 0
    url = reverse("verify", args=[certificate.code])
    statuses = [
        client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


# ----------------------------------------------------------------- coordinators


def test_coordinators_list_certificates_with_filters(coordinator_client, certificate, event, coordinator):
    other = enrol(event, family_name="Zed").person
    revoked = issue_certificate(kind=Certificate.Kind.COMPLETION, holder=other, event=event, by=coordinator)
    revoke_certificate(certificate=revoked, reason="Mistake", by=coordinator)
    url = reverse("certificates:certificate-list")
    page = coordinator_client.get(url).content.decode()
    assert certificate.serial in page and revoked.serial in page
    page = coordinator_client.get(url, {"status": "revoked"}).content.decode()
    assert revoked.serial in page and certificate.serial not in page
    page = coordinator_client.get(url, {"q": "dupre"}).content.decode()
    assert certificate.serial in page and revoked.serial not in page


def test_an_impossible_issue_year_is_a_message_not_a_crash(coordinator_client, certificate):
    response = coordinator_client.get(
        reverse("certificates:certificate-list"), {"year": "99999999999999999999"}
    )
    assert response.status_code == 200
    assert certificate.serial in response.content.decode()


def test_the_certificate_list_does_not_grow_in_queries(
    coordinator_client, event, coordinator, django_assert_max_num_queries
):
    for _ in range(3):
        issue_certificate(
            kind=Certificate.Kind.COMPLETION, holder=enrol(event).person, event=event, by=coordinator
        )
    with django_assert_max_num_queries(8):
        coordinator_client.get(reverse("certificates:certificate-list"))
    for _ in range(10):
        issue_certificate(
            kind=Certificate.Kind.COMPLETION, holder=enrol(event).person, event=event, by=coordinator
        )
    with django_assert_max_num_queries(8):
        coordinator_client.get(reverse("certificates:certificate-list"))


def test_the_batch_preview_lists_non_qualifiers_with_the_reason(coordinator_client, event):
    enrol(event, family_name="Done")
    enrol(event, family_name="Short", attended_days=1)
    page = coordinator_client.get(reverse("certificates:certificate-event", args=[event.pk])).content.decode()
    assert "Certificate of completion" in page
    assert "attended 1 of 5 days" in page and "attended 5 of 5 days" in page
    assert "Attended 20.0% of days; 80% needed." in page


def test_issuing_a_batch_twice_issues_once(coordinator_client, event):
    enrol(event, family_name="Done")
    chosen = enrol(event, family_name="Chosen", attended_days=1)
    url = reverse("certificates:certificate-event", args=[event.pk])
    coordinator_client.post(url, {"participation": [chosen.pk]})
    coordinator_client.post(url, {"participation": [chosen.pk]})
    assert sorted(Certificate.objects.values_list("kind", flat=True)) == ["completion", "participation"]


def test_a_tampered_participation_choice_is_ignored_not_a_server_error(coordinator_client, event):
    enrol(event, family_name="Done")
    url = reverse("certificates:certificate-event", args=[event.pk])
    response = coordinator_client.post(url, {"participation": ["²", "x", "99999999999999999999999"]})
    assert response.status_code == 302
    assert list(Certificate.objects.values_list("kind", flat=True)) == ["completion"]


def test_issuing_one_certificate_by_hand(coordinator_client, event):
    person = enrol(event, attended_days=1).person
    url = reverse("certificates:certificate-issue", args=[event.pk, person.pk])
    response = coordinator_client.post(url, {"kind": "completion"})
    assert "has not completed" in response.content.decode()
    response = coordinator_client.post(url, {"kind": "participation"})
    certificate = Certificate.objects.get(holder=person)
    assert response["Location"] == certificate.get_absolute_url()


def test_revoking_asks_for_confirmation_and_a_reason(coordinator_client, certificate):
    url = reverse("certificates:certificate-revoke", args=[certificate.pk])
    assert "cannot be undone" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, {"reason": ""})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.is_valid
    coordinator_client.post(url, {"reason": "Attendance corrected"})
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Attendance corrected"


def test_reissuing_after_a_name_correction_links_both_ways(coordinator_client, certificate):
    holder = certificate.holder
    holder.given_name = "Amélie-Anne"
    holder.save()
    detail = coordinator_client.get(certificate.get_absolute_url()).content.decode()
    assert "Reissue the certificate to print the corrected name" in detail
    response = coordinator_client.post(reverse("certificates:certificate-reissue", args=[certificate.pk]))
    new = Certificate.objects.get(supersedes=certificate)
    assert response["Location"] == new.get_absolute_url()
    assert new.holder_name == "Amélie-Anne Dupré"
    assert certificate.serial in coordinator_client.get(new.get_absolute_url()).content.decode()


def test_the_holder_is_emailed_once_unless_sent_again_on_purpose(coordinator_client, certificate, run_tasks):
    url = reverse("certificates:certificate-send", args=[certificate.pk])
    coordinator_client.post(url)
    coordinator_client.post(url)
    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amelie@example.org"]
    assert certificate.verify_url in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and certificate.serial in pdf_text(content)
    coordinator_client.post(url, {"resend": "1"})
    run_tasks()
    assert len(mail.outbox) == 2
    deliveries = list(certificate.deliveries.order_by("sent_at"))
    assert [d.resend for d in deliveries] == [False, True]
    log = coordinator_client.get(certificate.get_absolute_url()).content.decode()
    assert "amelie@example.org" in log and "sent again" in log


def test_the_certificate_page_previews_the_email_in_its_language(coordinator_client, event, coordinator):
    person = enrol(event, preferred_language="fr", email="amelie@example.org").person
    certificate = issue_certificate(
        kind=Certificate.Kind.COMPLETION, holder=person, event=event, by=coordinator
    )
    page = coordinator_client.get(certificate.get_absolute_url()).content.decode()
    assert "Votre certificat" in page and certificate.verify_url in page


def test_the_email_is_in_the_holders_language(coordinator_client, event, coordinator, run_tasks):
    person = enrol(event, preferred_language="es", email="jose@example.org").person
    certificate = issue_certificate(
        kind=Certificate.Kind.COMPLETION, holder=person, event=event, by=coordinator
    )
    coordinator_client.post(reverse("certificates:certificate-send", args=[certificate.pk]))
    run_tasks()
    assert mail.outbox[0].subject == "Su certificado: Certificado de finalización"


def test_a_failed_email_is_logged(coordinator_client, certificate, settings, run_tasks):
    settings.EMAIL_BACKEND = "certificates.tests.test_certificate_views.BrokenBackend"
    coordinator_client.post(reverse("certificates:certificate-send", args=[certificate.pk]))
    run_tasks()
    delivery = certificate.deliveries.get()
    assert delivery.state == CertificateDelivery.Outcome.FAILED
    assert "ConnectionRefusedError" in delivery.answer


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


def test_event_downloads_zip_and_merged_pdf(coordinator_client, event, certificate, coordinator):
    second = issue_certificate(
        kind=Certificate.Kind.COMPLETION,
        holder=enrol(event, given_name="Дмитрий").person,
        event=event,
        by=coordinator,
    )
    archive = zipfile.ZipFile(
        io.BytesIO(
            coordinator_client.get(reverse("certificates:certificate-event-zip", args=[event.pk])).getvalue()
        )
    )
    assert sorted(archive.namelist()) == sorted([f"{certificate.serial}.pdf", f"{second.serial}.pdf"])
    merged = coordinator_client.get(reverse("certificates:certificate-event-pdf", args=[event.pk]))
    assert merged["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(merged.getvalue())).pages) == 2


def test_the_layout_preview_is_a_pdf_in_the_chosen_language(coordinator_client):
    response = coordinator_client.get(
        reverse("certificates:certificate-preview"), {"name": "王伟", "language": "fr"}
    )
    text = pdf_text(response.getvalue())
    assert "王伟" in text and "Certificat d’achèvement" in text


def test_the_person_page_lists_their_certificates(
    coordinator_client, certificate, django_assert_max_num_queries
):
    page = coordinator_client.get(certificate.holder.get_absolute_url()).content.decode()
    assert certificate.serial in page
    empty = coordinator_client.get(PersonFactory().get_absolute_url()).content.decode()
    assert "No certificate issued yet." in empty


def test_filtering_by_training_offers_its_batch_page(coordinator_client, certificate, event, coordinator):
    other_event = event_with_days(title="Another training")
    other = issue_certificate(
        kind=Certificate.Kind.COMPLETION, holder=enrol(other_event).person, event=other_event, by=coordinator
    )
    list_url = reverse("certificates:certificate-list")
    page = coordinator_client.get(list_url, {"event": event.pk}).content.decode()
    assert certificate.serial in page and other.serial not in page
    assert reverse("certificates:certificate-event", args=[event.pk]) in page


def test_a_reissued_certificate_is_dated_the_day_of_reissue(certificate, coordinator):
    certificate.snapshot["issued_line"] = "Issued on 1 January 2000"
    certificate.save()
    new = reissue_certificate(certificate=certificate, by=coordinator)
    assert new.snapshot["issued_line"] != "Issued on 1 January 2000"
    assert new.snapshot["issued_line"].startswith("Issued on")


# ----------------------------------------------------------------- erased holders


def test_verifying_the_certificate_of_an_erased_holder_says_their_data_was_erased(
    client, coordinator_client, certificate, administrator
):
    from certificates.files import certificate_pdf, merged_pdf
    from people.privacy import erase_person

    coordinator_client.post(reverse("certificates:certificate-send", args=[certificate.pk]))
    assert "Amélie Dupré" in pdf_text(certificate_pdf(certificate))  # now cached
    assert "Amélie Dupré" in pdf_text(merged_pdf([certificate], title="Batch"))

    erase_person(person=certificate.holder, reason="Request of 3 March", erased_by=administrator)

    response = client.get(reverse("verify", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in page and certificate.serial in page  # verification still works
    assert "data was erased at their request" in page
    assert "Amélie" not in page and "Dupré" not in page
    certificate.refresh_from_db()
    assert "Amélie" not in certificate.holder_name
    assert "Amélie" not in str(certificate.snapshot)
    assert "Amélie" not in pdf_text(certificate_pdf(certificate))
    assert "Amélie" not in pdf_text(merged_pdf([certificate], title="Batch"))
    assert not certificate.deliveries.filter(sent_to__contains="amelie").exists()


def test_a_revoked_or_superseded_certificate_downloads_stamped_not_valid(
    coordinator_client, certificate, event, coordinator
):
    url = reverse("certificates:certificate-pdf", args=[certificate.pk])
    assert "NOT VALID" not in pdf_text(coordinator_client.get(url).getvalue())  # cached while valid
    revoke_certificate(certificate=certificate, reason="Issued by mistake", by=coordinator)
    revoked = pdf_text(coordinator_client.get(url).getvalue())
    assert "REVOKED" in revoked and "NOT VALID" in revoked and "Amélie Dupré" in revoked

    other = issue_certificate(
        kind=Certificate.Kind.COMPLETION, holder=enrol(event, preferred_language="fr").person,
        event=event, by=coordinator,
    )
    reissue_certificate(certificate=other, by=coordinator)
    superseded_url = reverse("certificates:certificate-pdf", args=[other.pk])
    superseded = pdf_text(coordinator_client.get(superseded_url).getvalue())
    assert "REMPLACÉ" in superseded
