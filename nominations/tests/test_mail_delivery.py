"""The nominations' e-mails reach a real SMTP server through the real workers."""

import pytest

from courses.tests.factories import TrainingEventFactory
from nominations.services.decisions import accept, invite_country, nominate, withdraw_nomination

from .helpers import countries, deadline, focal_point, nominee


@pytest.mark.django_db(transaction=True)
def test_invitation_and_promotion_emails_arrive(smtp_server, workers, coordinator):
    (country,) = countries(1)
    fp = focal_point(country, "fp", "ru")
    invitation = invite_country(event=TrainingEventFactory(capacity=None), country=country, seats=1,
                                deadline=deadline(), by=coordinator)
    first, second = (
        nominate(invitation=invitation, values=nominee(n), consent=True, focal_point=fp) for n in range(2)
    )
    accept(nomination=first)
    accept(nomination=second)
    withdraw_nomination(nomination=first, reason="Ill", by=coordinator)
    workers.start("test-w1", "--no-maintenance")
    smtp_server.wait_for(4)
    received = {(m["To"], m["Content-Language"]) for m in smtp_server.messages}
    # The invitation and the promotion to the focal point (in Russian); the confirmation to the
    # first nominee, accepted, and the promotion to the second.
    assert received == {("fp@example.org", "ru"), ("ana0@example.org", "es"), ("ana1@example.org", "es")}
    assert smtp_server.count() == 4
    to_nominee = next(m for m in smtp_server.messages if m["To"] == "ana1@example.org")
    assert "/nominations/p/" in to_nominee.get_body(("plain",)).get_content()
