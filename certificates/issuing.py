"""Issuing, revoking and reissuing certificates: the only code that writes the registry.

Every function here is one transaction. Issuing twice never makes two valid
certificates: the database refuses a second valid one per kind, holder and event
(see Certificate.Meta.constraints) and `issue_certificate` turns that refusal into
`CertificateAlreadyIssued`, whichever process got there first.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import Certificate, SerialCounter
from documents.pdftext import unprintable_characters
from evaluation import passing
from people.errors import DomainError
from people.models import Person

from .snapshot import build_snapshot, certificate_language, holder_names, issued_line, statement_of

EVENT_KINDS = (Certificate.Kind.COMPLETION, Certificate.Kind.PARTICIPATION)


class CertificateAlreadyIssued(DomainError):
    def __init__(self, certificate: Certificate):
        super().__init__(
            _("%(name)s already holds a valid certificate of this kind (%(serial)s).")
            % {"name": certificate.holder_name, "serial": certificate.serial},
            code="already_issued",
        )
        self.certificate = certificate


def new_verification_code() -> str:
    """192 random bits, URL-safe: unguessable, and short enough to type."""
    return secrets.token_urlsafe(24)


def check_printable(holder: Person) -> None:
    """Refuse a name that no shipped font can draw rather than print empty boxes."""
    missing = unprintable_characters(f"{holder.full_name} {holder.latin_name}")
    if missing:
        raise DomainError(
            _(
                "The name “%(name)s” contains characters that no certificate font can print "
                "(%(chars)s). Correct the name in the person's record before issuing."
            )
            % {"name": holder.full_name, "chars": " ".join(missing)},
            code="unprintable_name",
        )


def check_issuable(holder: Person) -> None:
    """Refuse a holder whose data was erased (a certificate would name "Erased person #12")
    or whose name cannot be printed."""
    if holder.is_erased:
        raise DomainError(
            _("This person's data was erased on request; no certificate can be issued to them."),
            code="holder_erased",
        )
    check_printable(holder)


def _serial_country(holder: Person, event) -> str:
    if event is not None and event.host_country_id:
        return event.host_country_id
    return holder.country_id or "XX"


def _next_serial(*, year: int, country: str) -> str:
    """STCE-<year>-<country>-<6 digits>, numbered per year and country without gaps."""
    counter, _created = SerialCounter.objects.get_or_create(year=year, country=country)
    # The row lock queues concurrent issuers for the same year and country.
    SerialCounter.objects.select_for_update().filter(pk=counter.pk).update(last=F("last") + 1)
    number = SerialCounter.objects.values_list("last", flat=True).get(pk=counter.pk)
    return f"STCE-{year}-{country}-{number:06d}"


def _valid_for(*, kind: str, holder: Person, event, subject_key: str = "") -> Certificate | None:
    found = Certificate.objects.valid().filter(kind=kind, holder=holder, event=event)
    if event is None:
        found = found.filter(subject_key=subject_key)
    return found.first()


def _check_event_rules(*, kind: str, holder: Person, event) -> None:
    from courses.completion import completion_for_enrolment
    from courses.models import Enrolment

    enrolment = Enrolment.objects.filter(event=event, person=holder).select_related("event").first()
    if enrolment is None:
        raise DomainError(_("%(name)s is not enrolled on this event.") % {"name": holder.full_name})
    other = (
        Certificate.Kind.PARTICIPATION if kind == Certificate.Kind.COMPLETION else Certificate.Kind.COMPLETION
    )
    existing_other = _valid_for(kind=other, holder=holder, event=event)
    if existing_other:
        raise DomainError(
            _("%(name)s already holds a %(kind)s certificate for this event (%(serial)s); revoke it first.")
            % {
                "name": holder.full_name,
                "kind": existing_other.get_kind_display().lower(),
                "serial": existing_other.serial,
            },
            code="other_kind_issued",
        )
    if kind == Certificate.Kind.COMPLETION:
        completion = completion_for_enrolment(enrolment)
        mark = passing.pass_mark(event)
        reason = completion.reason if not completion.completed else passing.refusal(
            mark, passing.post_tests(event, [enrolment.pk]).get(enrolment.pk)
        )
        if reason:
            raise DomainError(
                _("%(name)s has not completed this training: %(reason)s")
                % {"name": holder.full_name, "reason": reason},
                code="not_completed",
            )


def _snapshot(*, kind: str, holder: Person, language: str, event, subject, supersedes) -> dict:
    if supersedes is not None and subject is None:
        # A reissue certifies exactly what the old certificate did, under the corrected name.
        name, latin = holder_names(holder)
        return {
            **supersedes.snapshot,
            "holder_name": name,
            "holder_latin_name": latin,
            "issued_line": issued_line(language),
            "reason": "correction",
        }
    snapshot = build_snapshot(kind=kind, holder=holder, language=language, event=event, subject=subject)
    if supersedes is not None:
        snapshot["reason"] = "renewal"
    return snapshot


@transaction.atomic
def issue_certificate(
    *,
    kind: str,
    holder: Person,
    by,
    event=None,
    subject: dict | None = None,
    expert=None,
    language: str | None = None,
    supersedes: Certificate | None = None,
    subject_key: str = "",
    year: int | None = None,
) -> Certificate:
    """Issue one certificate to `holder` and return it.

    `event` is required for completion and participation certificates (completion needs
    the completion rule met). Accreditation certificates need no event: `expert` (any
    object with a pk) is recorded as `expert_id`, and `subject` may give `title`, `lines`
    and `details` (strings or lazy translations, rendered in the holder's language) and any
    other JSON facts to keep; the default lines say "Accredited Customs Expert".
    Without an event, `subject_key` names what is certified when a holder may hold several
    certificates of the kind (a training delivered at home: "home-training:12", one valid each),
    and `year` the year of the serial number (this year by default).
    Raises `CertificateAlreadyIssued` when a valid one exists and `DomainError` when the
    rules or the holder's name do not allow it.
    """
    if supersedes is not None and not subject_key:
        subject_key = supersedes.subject_key
    if expert is not None:
        # Kept as a plain id in the snapshot: the registry does not depend on accreditation.
        subject = {"expert_id": expert.pk, **(subject or {})}
    if kind not in Certificate.Kind.values:
        raise DomainError(_("Unknown kind of certificate."))
    if kind in EVENT_KINDS and event is None:
        raise DomainError(_("A certificate of completion or participation needs a training event."))
    check_issuable(holder)
    existing = _valid_for(kind=kind, holder=holder, event=event, subject_key=subject_key)
    if existing:
        raise CertificateAlreadyIssued(existing)
    if kind in EVENT_KINDS and supersedes is None:
        _check_event_rules(kind=kind, holder=holder, event=event)
    language = certificate_language(holder, language)
    snapshot = _snapshot(kind=kind, holder=holder, language=language, event=event, subject=subject,
                         supersedes=supersedes)
    year = event.end_date.year if event is not None else (year or timezone.localdate().year)
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                serial=_next_serial(year=year, country=_serial_country(holder, event)),
                code=new_verification_code(),
                kind=kind,
                holder=holder,
                event=event,
                holder_name=snapshot["holder_name"],
                title=snapshot["title"],
                statement=statement_of(snapshot),
                snapshot=snapshot,
                language=language,
                issued_by=by,
                supersedes=supersedes,
                subject_key=subject_key,
            )
    except IntegrityError:
        # Another request issued the same certificate between our check and our insert.
        existing = _valid_for(kind=kind, holder=holder, event=event, subject_key=subject_key)
        if existing is None:
            raise
        raise CertificateAlreadyIssued(existing)


@dataclass
class Eligibility:
    enrolment: object
    completed: bool
    reason: str
    certificate: Certificate | None
    unprintable: str = ""
    attended_days: int = 0
    counted_days: int = 0

    @property
    def person(self) -> Person:
        return self.enrolment.person

    @property
    def will_receive_completion(self) -> bool:
        return self.completed and self.certificate is None and not self.unprintable

    @property
    def printed_names(self) -> tuple[str, str]:
        """The name as the certificate prints it: own script, and Latin letters when they differ."""
        return holder_names(self.person)

    @property
    def attendance(self) -> str:
        """ "attended 3 of 5 days": what the completion rule was applied to."""
        if not self.counted_days:
            return ""
        return ngettext(
            "attended %(attended)d of %(counted)d day",
            "attended %(attended)d of %(counted)d days",
            self.counted_days,
        ) % {"attended": self.attended_days, "counted": self.counted_days}


def event_enrolments(event):
    """The event's participants in the order the certificates page lists them."""
    from courses.models import Enrolment

    return (
        Enrolment.objects.filter(event=event)
        .select_related("person__organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )


@dataclass
class EventSummary:
    """What the certificates page says of the whole event, whatever page of it is shown."""

    participants: int
    completed: int
    held: int
    to_issue: int

    @property
    def not_completed(self) -> int:
        return self.participants - self.completed


def event_issue_summary(event) -> EventSummary:
    """Participants, how many completed, certificates held and completed participants without
    one yet, over the whole event, in four queries whatever its size."""
    from courses.completion import completed_enrolments
    from courses.models import Enrolment

    held = Certificate.objects.valid().filter(event=event, kind__in=EVENT_KINDS)
    completed = passing.passing_among(completed_enrolments(event), event)
    return EventSummary(
        participants=Enrolment.objects.filter(event=event).count(),
        completed=completed.count(),
        held=held.count(),
        to_issue=completed.exclude(person__in=held.values("holder")).count(),
    )


def eligibility_for_event(event, enrolments=None) -> list[Eligibility]:
    """The participants of the event (all, or the `enrolments` given, e.g. a page of them):
    completed or not (and why), certificate already held."""
    from courses.completion import completion_for_event

    enrolments = list(event_enrolments(event) if enrolments is None else enrolments)
    completions = completion_for_event(event, enrolments)
    mark = passing.pass_mark(event)
    post_tests = passing.post_tests(event, [e.pk for e in enrolments]) if mark else {}
    held = {
        c.holder_id: c
        for c in Certificate.objects.valid().filter(
            event=event, kind__in=EVENT_KINDS, holder__in=[e.person_id for e in enrolments]
        )
    }
    rows = []
    for enrolment in enrolments:
        completion = completions[enrolment.pk]
        try:
            check_issuable(enrolment.person)
            unprintable = ""
        except DomainError as exc:
            unprintable = exc.message
        post_test = passing.refusal(mark, post_tests.get(enrolment.pk)) if completion.completed else ""
        rows.append(
            Eligibility(
                enrolment=enrolment,
                completed=completion.completed and not post_test,
                reason=completion.reason or post_test,
                certificate=held.get(enrolment.person_id),
                unprintable=unprintable,
                attended_days=completion.attended_days,
                counted_days=completion.counted_days,
            )
        )
    return rows


@dataclass
class Planned:
    person: Person
    kind: str


@dataclass
class BatchPlan:
    """Who gets which certificate in a batch, and how many are left out and why."""

    planned: list[Planned] = field(default_factory=list)
    already_held: int = 0
    not_eligible: int = 0


def plan_batch(event, participation_for: Iterable[int] = ()) -> BatchPlan:
    """Completion for those who completed, participation for the chosen enrolments; those who
    hold a certificate already, and those who neither completed nor were chosen, are counted."""
    chosen = set(participation_for)
    plan = BatchPlan()
    for row in eligibility_for_event(event):
        if row.certificate is not None:
            plan.already_held += 1
        elif row.completed:
            plan.planned.append(Planned(row.person, Certificate.Kind.COMPLETION))
        elif row.enrolment.pk in chosen:
            plan.planned.append(Planned(row.person, Certificate.Kind.PARTICIPATION))
        else:
            plan.not_eligible += 1
    return plan


@dataclass
class BatchResult:
    issued: list[Certificate] = field(default_factory=list)
    skipped: list[tuple[Person, str]] = field(default_factory=list)
    already_held: int = 0
    not_eligible: int = 0


def batch_summary(*, issued: int, already_held: int, not_eligible: int, skipped: int = 0) -> str:
    """What a batch did, counted: the same words after issuing at once and in the background."""
    parts = [
        ngettext("%(count)d certificate was issued.", "%(count)d certificates were issued.", issued)
        % {"count": issued},
        ngettext(
            "%(n)d participant already had a certificate.",
            "%(n)d participants already had a certificate.",
            already_held,
        )
        % {"n": already_held},
        ngettext(
            "%(n)d participant not eligible (did not complete, and no certificate of participation "
            "was asked for).",
            "%(n)d participants not eligible (did not complete, and no certificate of participation "
            "was asked for).",
            not_eligible,
        )
        % {"n": not_eligible},
    ]
    if skipped:
        parts.append(
            ngettext(
                "%(n)d could not be issued (see below).", "%(n)d could not be issued (see below).", skipped
            )
            % {"n": skipped}
        )
    return " ".join(parts)


@transaction.atomic
def issue_for_event(*, event, by, participation_for: Iterable[int] = ()) -> BatchResult:
    """Completion certificates for everyone who completed, participation for those chosen.

    `participation_for` holds enrolment ids of participants who did not complete and get a
    certificate of participation. Participants who already hold one are skipped (and
    counted), so running the batch twice issues nothing the second time.
    """
    plan = plan_batch(event, participation_for)
    result = BatchResult(already_held=plan.already_held, not_eligible=plan.not_eligible)
    for planned in plan.planned:
        try:
            result.issued.append(
                issue_certificate(kind=planned.kind, holder=planned.person, event=event, by=by)
            )
        except DomainError as exc:
            result.skipped.append((planned.person, exc.message))
    return result


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Revoke a valid certificate; the reason is kept and the verify page shows it."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the certificate is revoked."), field="reason")
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not locked.is_valid:
        raise DomainError(
            _("This certificate is already %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason
    locked._history_user = by  # outside a request (commands, tests) the middleware cannot say who
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return locked


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, by) -> Certificate:
    """Replace a valid certificate after the holder's name was corrected.

    The new certificate certifies the same thing under the holder's current name, with a
    new serial and code, and points back at the old one, which becomes superseded.
    """
    locked = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("holder", "event")
        .get(pk=certificate.pk)
    )
    if not locked.is_valid:
        raise DomainError(
            _("Only a valid certificate can be reissued; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    holder = locked.holder
    check_issuable(holder)
    locked.superseded_at = timezone.now()
    locked.save(update_fields=["superseded_at"])
    return issue_certificate(
        kind=locked.kind,
        holder=holder,
        event=locked.event,
        by=by,
        language=locked.language,
        supersedes=locked,
    )


@transaction.atomic
def renew_certificate(*, certificate: Certificate, subject: dict, by, expert=None) -> Certificate:
    """Replace a valid certificate by one that restates its subject (e.g. a renewed
    accreditation with its new end date); the old one becomes superseded and points to it."""
    locked = (
        Certificate.objects.select_for_update(of=("self",)).select_related("holder").get(pk=certificate.pk)
    )
    if not locked.is_valid:
        raise DomainError(
            _("Only a valid certificate can be renewed; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    check_issuable(locked.holder)
    locked.superseded_at = timezone.now()
    locked.save(update_fields=["superseded_at"])
    return issue_certificate(
        kind=locked.kind,
        holder=locked.holder,
        event=locked.event,
        by=by,
        expert=expert,
        language=locked.language,
        subject=subject,
        supersedes=locked,
    )
