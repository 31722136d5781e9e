"""The participants of a training delivered at home, from a spreadsheet: the participant
import's reading, row checks, directory matching and report (courses.services.participant_import),
with no event behind it. Each row names an official: one already in the directory (matched by
e-mail, else by name and country, as the participant import does) or a new Person; the commit
links them to the report (HomeTrainingParticipant), all rows or none. Nobody is enrolled.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accreditation.models import HomeTraining, HomeTrainingParticipant, ParticipantsGiven
from courses.services import participant_import as importer
from courses.services.bulk_rows import create_with_history
from people.errors import DomainError
from people.models import Person

from .home_trainings import check_editable, check_may_report

ADD, ALREADY = importer.RowAction.ENROL, importer.RowAction.ALREADY


@dataclass
class ParticipantsReport(importer.ImportReport):
    @property
    def to_add(self) -> int:
        return self.count(importer.RowAction.CREATE) + self.count(ADD)

    @property
    def already_listed(self) -> int:
        return self.count(ALREADY)


def validate_participants(
    *, home_training: HomeTraining, data: bytes, filename: str, resolutions: dict | None = None
) -> ParticipantsReport:
    """Read and check the whole file; writes nothing (as importer.validate_import)."""
    header, rows, problems = importer.read_rows(data=data, filename=filename)
    report = ParticipantsReport(filename, header, rows, problems)
    if not rows:
        return report
    directory = importer.Directory.for_rows(None, rows, resolutions)
    listed = set(home_training.participants.values_list("person_id", flat=True))
    seen = importer.SeenRows()
    for row in rows:
        _check_row(row, directory, seen, listed)
    for row in rows:
        problems.extend(row.problems)
    return report


def _check_row(row, directory, seen, listed: set[int]) -> None:
    importer.check_formulas(row)
    if row.has_errors:
        return
    checked = importer.check_values(row, directory)
    if row.has_errors:
        return
    email_key, name_key = importer.listing_keys(row, checked)
    if seen.already_listed(row, email_key=email_key, name_key=name_key):
        return
    person = importer.match_known_person(row, directory, email_key=email_key, name_key=name_key)
    if row.has_errors:
        return
    if person is None:
        importer.plan_new_person(row, checked)
        return
    row.person = person
    if person.pk in listed:
        row.action = ALREADY
        row.add_problem(
            "", _("%(name)s is already on this report.") % {"name": person.full_name}, error=False
        )
    else:
        row.action = ADD
        row.add_problem(
            "",
            _("Matches %(name)s, who is already in the directory; not created twice.")
            % {"name": person.full_name},
            error=False,
        )


@dataclass
class ParticipantsOutcome:
    people_created: int
    added: int
    unchanged: int


@transaction.atomic
def commit_participants(
    *, home_training: HomeTraining, data: bytes, filename: str, by=None, resolutions: dict | None = None
) -> ParticipantsOutcome:
    """Check the file again and put every official in it on the report, or nobody when any
    row has an error. Officials not yet in the directory are added to it."""
    home_training = HomeTraining.objects.select_for_update().select_related("expert").get(pk=home_training.pk)
    check_may_report(home_training.expert)
    check_editable(home_training)
    report = validate_participants(
        home_training=home_training, data=data, filename=filename, resolutions=resolutions
    )
    if report.has_errors:
        raise importer.ImportRefused(report)
    new_people = [row.new_person for row in report.rows if row.action == importer.RowAction.CREATE]
    for person in new_people:
        person.tidy()  # bulk inserts skip Person.save(), which keeps the search text tidy
    reason = (_("Imported from %(file)s") % {"file": filename})[:100]
    try:
        with transaction.atomic():
            create_with_history(Person, new_people, user=by, reason=reason)
            participants = [
                HomeTrainingParticipant(home_training=home_training, person=row.new_person or row.person)
                for row in report.rows
                if row.action in (importer.RowAction.CREATE, ADD)
            ]
            create_with_history(HomeTrainingParticipant, participants, user=by, reason=reason)
    except IntegrityError as exc:
        raise DomainError(
            _("Someone changed these people while you were importing; upload the file again."), field="file"
        ) from exc
    if home_training.participants_given != ParticipantsGiven.NAMED:
        home_training.participants_given = ParticipantsGiven.NAMED
        home_training._history_user = by
        home_training._change_reason = "Participants imported"
        home_training.save(update_fields=["participants_given"])
    return ParticipantsOutcome(len(new_people), len(participants), report.already_listed)


def imported_message(outcome: ParticipantsOutcome) -> str:
    message = ngettext(
        "%(n)s official added to the report.", "%(n)s officials added to the report.", outcome.added
    ) % {"n": outcome.added}
    if outcome.unchanged:
        message += " " + ngettext(
            "%(n)s was already on it.", "%(n)s were already on it.", outcome.unchanged
        ) % {"n": outcome.unchanged}
    return message
