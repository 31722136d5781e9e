"""A focal point nominates officials from a spreadsheet: the participant import's reading and
row checks (courses.services.participant_import), the same report and the same all-or-nothing
commit, but every row becomes a nomination for the invitation's country.

Differences from the participant import, and why:
- the e-mail address is required (the nominee's page and certificate are sent to it) and the
  country may be left out (it is the invitation's; another country is refused);
- nobody is matched to the directory or enrolled here: that happens when the coordinator
  accepts (services.decisions.accept), so the seats do not cap the list either — nominees
  beyond them are waitlisted on decision;
- an official already nominated for the invitation is left as is (a corrected list can be
  uploaded again);
- consent is confirmed once for the whole list, and one nomination letter (the
  administration's letter naming its nominees) is kept once and attached to every new row.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from background.models import Job
from background.queue import enqueue
from background.services.jobs import attach_task, start_job
from courses.models import TrainingEvent
from courses.services import participant_import as importer
from courses.services.bulk_rows import create_with_history
from courses.services.import_jobs import run_checked_import
from people.errors import DomainError
from people.models import Person

from ..models import FocalPoint, Invitation, Nomination
from .decisions import PRIVACY_NOTICE_VERSION

REQUIRED_COLUMNS = ("given_name", "family_name", "email")
NOMINATE, ALREADY = "nominate", "already"


@dataclass
class NominationReport(importer.ImportReport):
    planned: list[Nomination] = field(default_factory=list)

    @property
    def to_nominate(self) -> int:
        return self.count(NOMINATE)

    @property
    def already_nominated(self) -> int:
        return self.count(ALREADY)


@dataclass
class NominationOutcome:
    nominated: int
    unchanged: int


def runs_in_background(rows: int) -> bool:
    return rows > settings.STCE_BACKGROUND_IMPORT_ROWS


def _refusals(invitation: Invitation) -> list[importer.Problem]:
    refusals = []
    if invitation.event.status == TrainingEvent.Status.CANCELLED:
        refusals.append(importer.Problem(0, "", _("Officials cannot be nominated for a cancelled event.")))
    if invitation.deadline < timezone.localdate():
        refusals.append(importer.Problem(0, "", _("The nomination deadline has passed.")))
    return refusals


def validate_nominations(
    *, invitation: Invitation, data: bytes, filename: str, progress=None, resolutions: dict | None = None
) -> NominationReport:
    """Read and check the whole file; writes nothing (as importer.validate_import)."""
    header, rows, problems = importer.read_rows(
        data=data, filename=filename, required=REQUIRED_COLUMNS, refusals=_refusals(invitation)
    )
    report = NominationReport(filename, header, rows, problems)
    if not rows:
        return report
    for row in rows:
        # The invitation's country unless the row says otherwise (then it must agree).
        row.values["country"] = row.values.get("country") or invitation.country_id
    directory = importer.Directory.for_rows(invitation.event, rows, resolutions)
    nominated = set(invitation.nominations.annotate(key=Lower("email")).values_list("key", flat=True))
    seen = importer.SeenRows()
    for checked, row in enumerate(rows, start=1):
        nomination = _check_row(row, invitation, directory, seen, nominated)
        if nomination is not None:
            report.planned.append(nomination)
        if progress is not None and checked % importer.PROGRESS_EVERY == 0:
            progress(checked)
    for row in rows:
        problems.extend(row.problems)
    return report


def _check_row(row, invitation, directory, seen, nominated: set[str]) -> Nomination | None:
    """Check one row with the participant import's checks and the nomination's own; the
    nomination to write, or None (an error, or an official already nominated)."""
    importer.check_formulas(row)
    if row.has_errors:
        return None
    checked = importer.check_values(row, directory)
    if not checked.email:
        row.add_problem("email", _("The e-mail address is missing; the nominee's page is sent to it."))
    if checked.country and checked.country != invitation.country_id:
        row.add_problem(
            "country",
            _("This invitation is for %(country)s; nominate officials of another country under its own.")
            % {"country": _(invitation.country.name)},
        )
    if row.has_errors:
        return None
    email_key, name_key = importer.listing_keys(row, checked)
    if seen.already_listed(row, email_key=email_key, name_key=name_key):
        return None
    if email_key in nominated:
        row.action = ALREADY
        row.add_problem("", _("Already nominated for this event; left as is."), error=False)
        return None
    row.action = NOMINATE
    return _planned(row, invitation, checked, _own_organisation(row, directory, checked, invitation))


def _own_organisation(row, directory, checked, invitation: Invitation) -> int | None:
    """The row's organisation when it is one of the invitation's country (or was chosen in the
    page, where only those are offered); another country's of the same name is not theirs."""
    if checked.organisation is None:
        return None
    key = importer.resolution_key(row.values.get("organisation", ""))
    if key in directory.resolutions.get("organisation", {}):
        return checked.organisation
    if (checked.organisation, invitation.country_id) in directory.organisations.get(key, []):
        return checked.organisation
    row.add_problem(
        "organisation",
        _("No organisation of that name in %(country)s; it was left empty.")
        % {"country": _(invitation.country.name)},
        error=False,
        code=importer.UNKNOWN_ORGANISATION,
    )
    return None


def _planned(row, invitation: Invitation, checked, organisation: int | None) -> Nomination | None:
    values = row.values
    nomination = Nomination(
        invitation=invitation,
        given_name=values.get("given_name", ""),
        family_name=values["family_name"],
        latin_name=values.get("latin_name", ""),
        gender=checked.gender,
        position=values.get("position", "")[:200],
        organisation_id=organisation,
        email=checked.email,
        preferred_language=checked.language or Person.PreferredLanguage.EN,
    )
    for name in ("given_name", "family_name", "latin_name"):
        if len(getattr(nomination, name)) > Nomination._meta.get_field(name).max_length:
            row.add_problem(name, _("Too long."))
    return None if row.has_errors else nomination


def _require_consent(consent: bool) -> None:
    if not consent:
        raise DomainError(
            _("Confirm that every official on the list agreed to the privacy notice."), field="consent"
        )


def _store_letter(invitation: Invitation, letter) -> str:
    """The batch's letter, kept once under a name of its own (never the uploaded name)."""
    storage = Nomination._meta.get_field("letter").storage
    name = f"nominations/letters/{invitation.pk}/list-{secrets.token_hex(8)}.pdf"
    letter.seek(0)
    return storage.save(name, letter)


@transaction.atomic
def commit_nominations(
    *,
    invitation: Invitation,
    data: bytes,
    filename: str,
    focal_point: FocalPoint | None,
    consent: bool,
    letter=None,
    by=None,
    resolutions: dict | None = None,
) -> NominationOutcome:
    """Check the file again and nominate every new official in it, or nobody when any row has
    an error. `consent` confirms that every listed official agreed to the privacy notice."""
    _require_consent(consent)
    invitation = (
        Invitation.objects.select_for_update().select_related("event", "country").get(pk=invitation.pk)
    )
    report = validate_nominations(
        invitation=invitation, data=data, filename=filename, resolutions=resolutions
    )
    if report.has_errors:
        raise importer.ImportRefused(report)
    nominations, now = report.planned, timezone.now()
    letter_name = _store_letter(invitation, letter) if letter is not None and nominations else ""
    for nomination in nominations:
        nomination.nominated_by = focal_point
        nomination.consent_given_at = now
        nomination.privacy_notice_version = PRIVACY_NOTICE_VERSION
        nomination.letter = letter_name
    reason = _("Nominated from %(file)s") % {"file": filename}
    try:
        with transaction.atomic():
            create_with_history(Nomination, nominations, user=by, reason=reason[:100])
    except IntegrityError as exc:
        if letter_name:
            Nomination._meta.get_field("letter").storage.delete(letter_name)
        raise DomainError(
            _("Someone nominated some of these officials while you were importing; upload the file again."),
            field="file",
        ) from exc
    return NominationOutcome(nominated=len(nominations), unchanged=report.already_nominated)


def nominated_message(outcome: NominationOutcome) -> str:
    message = ngettext("%(n)s official nominated.", "%(n)s officials nominated.", outcome.nominated) % {
        "n": outcome.nominated
    }
    if outcome.unchanged:
        message += " " + ngettext(
            "%(n)s official already nominated was left as is.",
            "%(n)s officials already nominated were left as they were.",
            outcome.unchanged,
        ) % {"n": outcome.unchanged}
    return message


LETTER_NAME = "letter.pdf"


@transaction.atomic
def start_import(
    *,
    invitation: Invitation,
    token: str,
    filename: str,
    rows: int,
    focal_point: FocalPoint,
    consent: bool,
    letter=None,
    by=None,
    resolutions: dict | None = None,
) -> Job:
    """Hand a previewed list to a worker (the letter waits beside it); the job's page follows it."""
    from nominations.tasks import commit_nomination_import

    _require_consent(consent)
    letter_token = ""
    if letter is not None:
        letter.seek(0)
        letter_token = importer.stash_upload(data=letter.read(), filename=LETTER_NAME)
    landing = reverse("nominations:focal-event", args=[invitation.event_id])
    job = start_job(
        kind="nomination-import",
        title=_("Nominations from %(file)s for %(title)s")
        % {"file": filename, "title": invitation.event.title},
        by=by,
        total=rows,
        result_url=landing,
    )
    attach_task(
        job=job,
        result=enqueue(
            commit_nomination_import,
            str(job.pk),
            invitation.pk,
            token,
            filename,
            focal_point.pk,
            by.pk if getattr(by, "is_authenticated", False) else None,
            letter_token,
            resolutions or {},
        ),
    )
    return job


def run_import(
    *,
    job_id,
    invitation_id: int,
    token: str,
    filename: str,
    focal_point_id: int | None,
    by_id: int | None,
    letter_token: str = "",
    resolutions: dict | None = None,
) -> str:
    """The task's work, through the participant import's runner (import_jobs.run_checked_import)."""
    invitation = Invitation.objects.select_related("event", "country").get(pk=invitation_id)
    focal_point = FocalPoint.objects.filter(pk=focal_point_id).first() if focal_point_id else None
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None

    def validate(data, progress):
        return validate_nominations(
            invitation=invitation, data=data, filename=filename, progress=progress, resolutions=resolutions
        )

    def commit(data):
        letter = None
        if letter_token:
            letter = ContentFile(importer.load_upload(token=letter_token, filename=LETTER_NAME))
        outcome = commit_nominations(
            invitation=invitation,
            data=data,
            filename=filename,
            focal_point=focal_point,
            consent=True,
            letter=letter,
            by=by,
            resolutions=resolutions,
        )
        return nominated_message(outcome)

    done = run_checked_import(
        job_id=job_id,
        token=token,
        filename=filename,
        retry_url=reverse("nominations:focal-import", args=[invitation_id]),
        validate=validate,
        commit=commit,
    )
    if letter_token and done == "imported":
        importer.discard_upload(token=letter_token, filename=LETTER_NAME)
    return done
