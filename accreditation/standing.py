"""An accreditation certificate's subject today: the expert's current standing.

Registered with certificates.standing for accreditation certificates. Says no more than the
verify page already shows: the state and its date, never the reason for a suspension or a
withdrawal.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accreditation.models import Decision, Expert, ExpertStatus
from certificates.standing import Standing

# state, sentence with a date, sentence without one
ENDED_STATES = {
    ExpertStatus.LAPSED: ("lapsed", _("The accreditation lapsed on %(date)s."),
                          _("The accreditation has lapsed.")),
    ExpertStatus.SUSPENDED: ("suspended", _("The accreditation is suspended since %(date)s."),
                             _("The accreditation is suspended.")),
    ExpertStatus.WITHDRAWN: ("withdrawn", _("The accreditation was withdrawn on %(date)s."),
                             _("The accreditation was withdrawn.")),
}


def _date(day) -> str:
    return formats.date_format(day, "j E Y")


def _entered_on(expert: Expert, status: str):
    """The day the expert's current status took effect (the latest approved decision to it)."""
    return (
        Decision.objects.filter(expert=expert, to_status=status, outcome=Decision.Outcome.APPROVED)
        .order_by("-effective_on", "-pk")
        .values_list("effective_on", flat=True)
        .first()
    )


def _expert_for(certificate) -> Expert | None:
    expert_id = (certificate.snapshot.get("subject") or {}).get("expert_id")
    if expert_id:
        return Expert.objects.filter(pk=expert_id).first()
    return Expert.objects.filter(person_id=certificate.holder_id).first()


def accreditation_standing(certificate) -> Standing | None:
    expert = _expert_for(certificate)
    if expert is None:
        return None
    status, until = expert.status, expert.valid_until
    if status == ExpertStatus.ACCREDITED:
        if until and until < timezone.localdate():
            ended = _("The accreditation ended on %(date)s.") % {"date": _date(until)}
            return Standing("expired", str(ended), valid_until=until, since=until)
        if until:
            return Standing("current", str(_("Accredited until %(date)s.") % {"date": _date(until)}),
                            valid_until=until)
        return Standing("current", str(_("Accredited.")))
    if status in ENDED_STATES:
        state, dated, undated = ENDED_STATES[status]
        since = (until if status == ExpertStatus.LAPSED else None) or _entered_on(expert, status)
        summary = dated % {"date": _date(since)} if since else undated
        return Standing(state, str(summary), valid_until=until, since=since)
    return Standing("ended", str(_("The holder is no longer accredited.")), valid_until=until)
