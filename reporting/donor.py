"""The donor report: what a donor's (or one grant's) funding produced over a period.

The trainings are those with a funding source of the donor (and grant, when one is named)
that started in the period. They are counted with the dashboards' rules
(reporting.figures): delivered once their last day has passed, neither draft nor cancelled;
an official is trained by attendance where the training recorded it, by enrolment where it
recorded none; each person once. Trainings not yet over are the plan, counted apart.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import Certificate
from courses.dates import format_date_range
from courses.models import TrainerAssignment, TrainingEvent
from frameworks.models import FundingSource
from people.models import Gender, Organisation
from reporting.models import Dimension

from .exports import MASK, SMALL_COUNT
from .figures import GENDERS, trained_enrolments
from .knowledge import knowledge_tables_of
from .report_document import ReportDocument, masked_count
from .tables import (
    GENDER_COLOURS,
    LABEL,
    NUMBER,
    Column,
    Labels,
    Table,
    gender_bar_chart,
    gender_cells,
    gender_total_columns,
    sort_key,
)


@dataclass(frozen=True)
class DonorSelection:
    donor: Organisation
    grant: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None

    def events(self):
        sources = FundingSource.objects.filter(donor=self.donor)
        if self.grant:
            sources = sources.filter(grant=self.grant)
        events = TrainingEvent.objects.filter(pk__in=sources.values("event_id"))
        if self.start:
            events = events.filter(start_date__gte=self.start)
        if self.end:
            events = events.filter(start_date__lte=self.end)
        return events.order_by()


@dataclass
class DonorFigures:
    delivered: list[TrainingEvent]
    scheduled: list[TrainingEvent]
    # event pk → gender → people trained in it
    trained_by_event: dict[int, dict[str, int]]
    # gender → people trained (each once) over the donor's trainings
    trained: dict[str, int]
    # country code ('' not recorded) → gender → people
    trained_by_country: dict[str, dict[str, int]]
    # role → gender → experts (each once per role)
    experts_by_role: dict[str, dict[str, int]]
    experts: dict[str, int]
    # certificate kind → valid certificates issued for the donor's trainings
    certificates: dict[str, int]
    # event pk → officials enrolled so far (scheduled trainings)
    enrolled_by_event: dict[int, int]

    @property
    def officials(self) -> int:
        return sum(self.trained.values())


def donor_figures(selection: DonorSelection) -> DonorFigures:
    """Counted live over the donor's trainings (a few dozen at most), in six queries."""
    events = selection.events()
    delivered_qs = events.filter(pk__in=TrainingEvent.objects.delivered().values("id"))
    delivered = list(delivered_qs.select_related("host_country").order_by("start_date", "title"))
    scheduled = list(
        events.filter(pk__in=TrainingEvent.objects.scheduled().values("id"))
        .select_related("host_country")
        .order_by("start_date", "title")
    )
    rows = list(
        trained_enrolments(delivered_qs).values_list(
            "event_id", "person_id", "person__gender", "person__country_id"
        )
    )
    by_event: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(GENDERS, 0))
    people: dict[int, tuple[str, str]] = {}
    for event_id, person_id, gender, country in rows:
        by_event[event_id][gender] += 1
        people[person_id] = (gender, country or "")
    trained = dict.fromkeys(GENDERS, 0)
    by_country: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(GENDERS, 0))
    for gender, country in people.values():
        trained[gender] += 1
        by_country[country][gender] += 1
    experts_by_role: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(GENDERS, 0))
    experts: dict[int, str] = {}
    for role, person_id, gender in (
        TrainerAssignment.objects.filter(event__in=delivered_qs.values("id"))
        .values_list("role", "person_id", "person__gender")
        .distinct()
    ):
        experts_by_role[role][gender] += 1
        experts[person_id] = gender
    expert_totals = dict.fromkeys(GENDERS, 0)
    for gender in experts.values():
        expert_totals[gender] += 1
    certificates = dict(
        Certificate.objects.valid()
        .filter(event__in=events.values("id"))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    enrolled = dict(
        TrainingEvent.objects.filter(pk__in=[e.pk for e in scheduled])
        .filter(enrolments__status="enrolled")
        .values_list("pk")
        .annotate(n=Count("enrolments"))
        .order_by()
    )
    return DonorFigures(
        delivered,
        scheduled,
        dict(by_event),
        trained,
        dict(by_country),
        dict(experts_by_role),
        expert_totals,
        certificates,
        enrolled,
    )


def _event_row(event: TrainingEvent, counts: dict[str, int] | None) -> list:
    counts = counts or dict.fromkeys(GENDERS, 0)
    return [
        event.title,
        format_date_range(event.start_date, event.end_date),
        str(event.host_country or ""),
        *gender_cells([counts[g] for g in GENDERS]),
    ]


def _events_table(figures: DonorFigures) -> Table:
    return Table(
        "donor-events",
        _("Trainings funded and delivered"),
        [
            Column(_("Training"), LABEL),
            Column(_("Dates"), LABEL),
            Column(_("Host country"), LABEL),
            *gender_total_columns(_("Officials trained")),
        ],
        [_event_row(e, figures.trained_by_event.get(e.pk)) for e in figures.delivered],
        note=_(
            "Delivered: the training's last day has passed, neither draft nor cancelled. Trained: present "
            "or late on at least one day where the training recorded attendance, enrolled and not "
            "withdrawn where it recorded none."
        ),
    )


def _gender_table(figures: DonorFigures) -> Table:
    counts = [figures.trained[g] for g in GENDERS]
    return Table(
        "donor-gender",
        _("Officials trained by gender"),
        [Column(_("Measure"), LABEL), *gender_total_columns(_("Total"))],
        [[_("People trained"), *gender_cells(counts)]],
        chart={
            "type": "pie",
            "data": {
                "labels": [str(g.label) for g in Gender],
                "datasets": [
                    {
                        "label": _("People trained"),
                        "data": counts,
                        "backgroundColor": [GENDER_COLOURS[g] for g in GENDERS],
                    }
                ],
            },
        },
        note=_("Each person once, however many of the donor's trainings they took part in."),
    )


def _country_table(figures: DonorFigures, labels: Labels) -> Table:
    rows = [
        [labels.of(Dimension.COUNTRY, code), *gender_cells([counts[g] for g in GENDERS])]
        for code, counts in figures.trained_by_country.items()
    ]
    codes = {labels.of(Dimension.COUNTRY, code): code for code in figures.trained_by_country}
    rows.sort(key=lambda r: sort_key(Dimension.COUNTRY, codes[r[0]], r[0]))
    return Table(
        "donor-countries",
        _("Officials trained by country and gender"),
        [Column(_("Country"), LABEL), *gender_total_columns(_("Total"))],
        rows,
        chart=gender_bar_chart(rows, horizontal=True) if rows else None,
        note=_("The officials' own countries."),
    )


def _experts_table(figures: DonorFigures) -> Table:
    roles = dict(TrainerAssignment.Role.choices)
    rows = [
        [str(roles.get(role, role)), *gender_cells([counts[g] for g in GENDERS])]
        for role, counts in sorted(figures.experts_by_role.items())
    ]
    if rows:
        rows.append([_("All experts (each once)"), *gender_cells([figures.experts[g] for g in GENDERS])])
    return Table(
        "donor-experts",
        _("Experts and trainers involved"),
        [Column(_("Role"), LABEL), *gender_total_columns(_("Total"))],
        rows,
        note=_("The trainers assigned to the donor's delivered trainings, by role."),
    )


def _certificates_table(figures: DonorFigures) -> Table:
    kinds = dict(Certificate.Kind.choices)
    rows = [[str(kinds.get(kind, kind)), n] for kind, n in sorted(figures.certificates.items())]
    return Table(
        "donor-certificates",
        _("Certificates issued"),
        [Column(_("Certificate"), LABEL), Column(_("Issued"), NUMBER)],
        rows,
        note=_("Valid certificates (neither revoked nor superseded) of the donor's trainings."),
    )


def _scheduled_table(figures: DonorFigures) -> Table:
    return Table(
        "donor-scheduled",
        _("Trainings scheduled (the plan)"),
        [
            Column(_("Training"), LABEL),
            Column(_("Dates"), LABEL),
            Column(_("Host country"), LABEL),
            Column(_("Officials enrolled so far"), NUMBER),
        ],
        [
            [
                e.title,
                format_date_range(e.start_date, e.end_date),
                str(e.host_country or ""),
                figures.enrolled_by_event.get(e.pk, 0),
            ]
            for e in figures.scheduled
        ],
        note=_(
            "Funded trainings that have not ended yet: not counted above until their last day has passed."
        ),
    )


def _plural(n: int) -> int:
    """The count that picks the plural form: a masked count ("<5") reads as several."""
    return SMALL_COUNT if masked_count(n) == MASK else n


def _summary(selection: DonorSelection, figures: DonorFigures) -> str:
    delivered, scheduled = len(figures.delivered), len(figures.scheduled)
    experts = sum(figures.experts.values())
    parts = [
        ngettext("%(n)s training delivered", "%(n)s trainings delivered", delivered) % {"n": delivered},
        ngettext("%(n)s official trained", "%(n)s officials trained", _plural(figures.officials))
        % {"n": masked_count(figures.officials)},
        ngettext("%(n)s expert involved", "%(n)s experts involved", _plural(experts))
        % {"n": masked_count(experts)},
        ngettext("%(n)s certificate issued", "%(n)s certificates issued", sum(figures.certificates.values()))
        % {"n": sum(figures.certificates.values())},
        ngettext("%(n)s training scheduled", "%(n)s trainings scheduled", scheduled) % {"n": scheduled},
    ]
    return _("Funded by %(donor)s: %(figures)s.") % {
        "donor": donor_name(selection),
        "figures": "; ".join(parts),
    }


def donor_name(selection: DonorSelection) -> str:
    if selection.grant:
        return f"{selection.donor.name} ({selection.grant})"
    return selection.donor.name


def period_text(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return format_date_range(start, end)
    if start:
        return _("from %(date)s") % {"date": start.isoformat()}
    if end:
        return _("until %(date)s") % {"date": end.isoformat()}
    return _("All periods")


def evaluation_results(selection: DonorSelection) -> list[Table]:
    """Knowledge gain (the same test before and after) over the donor's delivered trainings,
    by module, counted as the programme dashboard counts it."""
    delivered = TrainingEvent.objects.delivered().filter(pk__in=selection.events().values("pk"))
    by_module, _by_year, _by_region = knowledge_tables_of(delivered, Labels())
    return [by_module]


def donor_report(selection: DonorSelection, figures: DonorFigures | None = None) -> ReportDocument:
    figures = figures or donor_figures(selection)
    labels = Labels()
    return ReportDocument(
        title=_("Donor report: %(donor)s") % {"donor": donor_name(selection)},
        period=period_text(selection.start, selection.end),
        paragraphs=[_summary(selection, figures)],
        tables=[
            _events_table(figures),
            _gender_table(figures),
            _country_table(figures, labels),
            _experts_table(figures),
            _certificates_table(figures),
            _scheduled_table(figures),
            *evaluation_results(selection),
        ],
    )


def donors():
    """The organisations that fund at least one training, with their grants."""
    return Organisation.objects.filter(funded_events__isnull=False).distinct().order_by("name")


def grants_of(donor: Organisation) -> list[str]:
    return list(
        FundingSource.objects.filter(donor=donor)
        .exclude(grant="")
        .values_list("grant", flat=True)
        .distinct()
        .order_by("grant")
    )
