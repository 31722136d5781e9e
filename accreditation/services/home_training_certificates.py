"""Certificates of participation for the named officials of an accepted training delivered at
home, issued through the one certificate registry (certificates.issuing).

The registry knows nothing of accreditation: it gets the holder, the kind (HOME_TRAINING), a
subject key ("home-training:<pk>", one valid certificate per official and training) and the
printed lines, written here in the holder's certificate language.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accreditation.models import HomeTraining, HomeTrainingStatus, ParticipantsGiven
from certificates.issuing import CertificateAlreadyIssued, issue_certificate
from certificates.models import Certificate
from certificates.snapshot import certificate_language
from courses.dates import format_date
from people.errors import DomainError
from people.models import Gender

logger = logging.getLogger(__name__)


@dataclass
class IssueOutcome:
    issued: int = 0
    already: int = 0
    refused: list[str] = field(default_factory=list)  # "name: why", for the coordinator


def subject_key(home_training: HomeTraining) -> str:
    return f"home-training:{home_training.pk}"


def _dates(home_training: HomeTraining) -> str:
    if home_training.start_date == home_training.end_date:
        return _("on %(date)s") % {"date": format_date(home_training.start_date)}
    return _("from %(start)s to %(end)s") % {
        "start": format_date(home_training.start_date),
        "end": format_date(home_training.end_date),
    }


def _subject(home_training: HomeTraining, modules: list, gender: str) -> dict:
    """The printed lines, in the active language (the holder's, see issue_home_training_certificates)."""
    verb = {
        Gender.FEMALE: pgettext("female holder", "has participated in the training"),
        Gender.MALE: pgettext("male holder", "has participated in the training"),
    }.get(gender, _("has participated in the training"))
    place = ", ".join(p for p in (home_training.place, _(home_training.country.name)) if p)
    details = [
        _("Delivered by %(expert)s, Accredited Customs Expert, with the WCO Training Curriculum.")
        % {"expert": home_training.expert.person.full_name}
    ]
    if modules:
        details.append(f"{_('Modules covered:')} {'; '.join(f'{m.code} {m.title}' for m in modules)}")
    return {
        "title": _("Certificate of participation"),
        "lines": [
            verb,
            f"“{home_training.title}”",
            _("held in %(place)s %(dates)s") % {"place": place, "dates": _dates(home_training)},
        ],
        "details": details,
        "home_training_id": home_training.pk,
        "expert_id": home_training.expert_id,
        "start": home_training.start_date.isoformat(),
        "end": home_training.end_date.isoformat(),
    }


@transaction.atomic
def issue_home_training_certificates(*, home_training: HomeTraining, by) -> IssueOutcome:
    """Issue a certificate of participation to every named official of an accepted report who
    has none for it yet. An official whose name cannot be printed (or whose data was erased)
    is left out and named in the outcome; the others are issued all the same."""
    home_training = HomeTraining.objects.select_related("expert__person", "country").get(pk=home_training.pk)
    if home_training.status != HomeTrainingStatus.ACCEPTED:
        raise DomainError(_("Certificates are issued for accepted reports only."), code="not_accepted")
    if home_training.participants_given != ParticipantsGiven.NAMED:
        raise DomainError(_("Only named participants can receive a certificate."), code="not_named")
    modules = list(home_training.modules.all())
    outcome = IssueOutcome()
    key = subject_key(home_training)
    for participant in home_training.participants.select_related("person"):
        person = participant.person
        language = certificate_language(person)
        with translation.override(language):
            subject = _subject(home_training, modules, person.gender)
        try:
            with transaction.atomic():
                issue_certificate(
                    kind=Certificate.Kind.HOME_TRAINING,
                    holder=person,
                    by=by,
                    subject=subject,
                    language=language,
                    subject_key=key,
                    year=home_training.end_date.year,
                )
        except CertificateAlreadyIssued:
            outcome.already += 1
        except DomainError as error:
            outcome.refused.append(f"{person.full_name}: {error.message}")
        else:
            outcome.issued += 1
    return outcome


def certificates_of(home_training: HomeTraining):
    """The valid certificates issued for this report."""
    return Certificate.objects.valid().filter(
        kind=Certificate.Kind.HOME_TRAINING, subject_key=subject_key(home_training)
    )
