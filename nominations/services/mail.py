"""The e-mails of nominations, queued in the outbox (workers send them) in each recipient's
language, inside the caller's transaction: no e-mail announces a decision that was rolled back."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from courses.dates import format_date, format_date_range
from mailing.services.outbox import Draft, queue_messages
from people.links import absolute_url

from ..links import participant_url, welcome_url
from ..messages import ACCEPTED, FOCAL_POINT_WELCOME, INVITATION, PARTICIPANT_LINK, PROMOTED
from ..models import FocalPoint, Invitation, Nomination


def _focal_points(country_id: str) -> list[FocalPoint]:
    return list(
        FocalPoint.objects.active().filter(countries=country_id).exclude(user__email="").select_related("user")
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def queue_invitation(*, invitation: Invitation, by=None) -> int:
    """Tell the invited country's focal points; a changed invitation (seats, deadline) is sent again."""
    event = invitation.event
    link = absolute_url(reverse("nominations:focal-event", args=[event.pk]))
    drafts = []
    for focal_point in _focal_points(invitation.country_id):
        with translation.override(focal_point.preferred_language):
            values = {
                "name": _name(focal_point.user),
                "event": event.title,
                "dates": format_date_range(event.start_date, event.end_date),
                "country": str(translation.gettext(invitation.country.name)),
                "seats": str(invitation.seats),
                "deadline": format_date(invitation.deadline),
                "link": link,
            }
        drafts.append(
            Draft(
                kind=INVITATION, to=focal_point.user.email, language=focal_point.preferred_language,
                values=values,
                dedupe_key=f"{INVITATION}:{invitation.pk}:{focal_point.pk}:{invitation.seats}:{invitation.deadline}",
                topic=("event", event.pk),
            )
        )
    return len(queue_messages(drafts=drafts, by=by))


def queue_focal_point_welcome(*, focal_point: FocalPoint, by=None) -> int:
    """The invitation of a new focal point, with the link to choose their password. Each
    invitation is a new message (a second one, after a withdrawal, must reach them too)."""
    user = focal_point.user
    with translation.override(focal_point.preferred_language):
        countries = ", ".join(
            sorted(str(translation.gettext(c.name)) for c in focal_point.countries.all())
        )
    values = {
        "name": _name(user), "countries": countries, "link": welcome_url(user),
        "days": str(getattr(settings, "STCE_FOCAL_POINT_LINK_DAYS", 14)),
    }
    draft = Draft(
        kind=FOCAL_POINT_WELCOME, to=user.email, language=focal_point.preferred_language, values=values,
        dedupe_key=f"{FOCAL_POINT_WELCOME}:{focal_point.pk}:{timezone.now().isoformat()}",
    )
    return len(queue_messages(drafts=[draft], by=by))


def queue_promotion(*, nomination: Nomination, by=None) -> int:
    """Tell a nominee promoted from the waitlist, and the focal point who nominated them."""
    event = nomination.invitation.event
    nominee = str(nomination)
    recipients = [
        (nominee, nomination.email, nomination.preferred_language, participant_url(nomination),
         nomination.person_id, nomination.gender),
    ]
    focal_point = nomination.nominated_by
    if focal_point is not None and focal_point.user.email:
        link = absolute_url(reverse("nominations:focal-event", args=[event.pk]))
        recipients.append(
            (_name(focal_point.user), focal_point.user.email, focal_point.preferred_language, link, None, "")
        )
    drafts = []
    for name, to, language, link, person_id, gender in recipients:
        with translation.override(language):
            dates = format_date_range(event.start_date, event.end_date)
        drafts.append(
            Draft(
                kind=PROMOTED, to=to, language=language,
                values={"name": name, "event": event.title, "dates": dates, "nominee": nominee, "link": link},
                dedupe_key=f"{PROMOTED}:{nomination.pk}:{to.lower()}", person_id=person_id, gender=gender,
                topic=("event", event.pk),
            )
        )
    return len(queue_messages(drafts=drafts, by=by))


def _to_nominee(nomination: Nomination, *, kind: str, dedupe_key: str) -> Draft:
    """A message to a nominee about their event, in their language, with the link to their page."""
    event = nomination.invitation.event
    with translation.override(nomination.preferred_language):
        dates = format_date_range(event.start_date, event.end_date)
    return Draft(
        kind=kind, to=nomination.email, language=nomination.preferred_language,
        values={"name": str(nomination), "event": event.title, "dates": dates,
                "link": participant_url(nomination)},
        dedupe_key=dedupe_key, person_id=nomination.person_id, gender=nomination.gender,
        topic=("event", event.pk),
    )


def queue_acceptance(*, nomination: Nomination, by=None) -> int:
    """Tell an accepted nominee that their place is confirmed, with the link to their own page
    (the focal point follows the decision on their nominations page)."""
    draft = _to_nominee(nomination, kind=ACCEPTED, dedupe_key=f"{ACCEPTED}:{nomination.pk}")
    return len(queue_messages(drafts=[draft], by=by))


def queue_participant_links(*, email: str) -> int:
    """A fresh link to each page the address has (accepted nominations on events); nothing
    for an unknown address. The dedupe key lets one request through per address a minute."""
    nominations = Nomination.objects.filter(
        email__iexact=email.strip(), status=Nomination.Status.ACCEPTED, person__erased_at__isnull=True,
    ).select_related("invitation__event")
    minute = timezone.now().strftime("%Y%m%d%H%M")
    drafts = [
        _to_nominee(
            nomination, kind=PARTICIPANT_LINK, dedupe_key=f"{PARTICIPANT_LINK}:{nomination.pk}:{minute}"
        )
        for nomination in nominations
    ]
    return len(queue_messages(drafts=drafts))
