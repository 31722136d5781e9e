"""The programme report: the programme's record for a period, written from the records as the
programme's description writes it ("fifteen (15) accreditation workshops in English, French,
Spanish and Russian"), with the dashboards' tables and charts behind each sentence.

Every figure is the dashboards' own (reporting.figures, .programme, .delivery, .gender), for
the dashboards' filter of the period: the years the trainings started in. Experts are
counted by their current status, as on the dashboards (the period does not apply to them).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accreditation.models import Expert, ExpertStatus
from courses.models import TrainingEvent
from people.models import Organisation
from reporting.models import Dimension

from .delivery import delivery_tables, expert_delivered
from .exports import MASK
from .figures import (
    EventFigures,
    ExpertFigures,
    Filters,
    TraineeFigures,
    delivered_events,
    event_figures,
    expert_figures,
    scheduled_figures,
    trainee_figures,
)
from .gender import expert_status_table, headline_table
from .knowledge import knowledge_tables
from .number_words import in_words
from .programme import (
    _experts_by_region,
    _key_figures,
    _officials_by_year,
    _trainings_by_year,
    _ttt_by_language,
)
from .report_document import ReportDocument, masked_count
from .tables import LABEL, NUMBER, PEOPLE, PERCENT, SHARE, Column, Labels, Table, share, target_percent

STANDING = (ExpertStatus.ACCREDITED.value, ExpertStatus.PRE_ACCREDITED.value)


@dataclass(frozen=True)
class ProgrammeSelection:
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def filters(self) -> Filters:
        """The dashboards' filter for the period: the years the trainings started in."""
        return Filters(
            year_from=self.start.year if self.start else None, year_to=self.end.year if self.end else None
        )


def counted(n: int) -> str:
    """ "fifteen (15)" below a hundred, "2,134" from there, in the current language."""
    figure = number_format(n, force_grouping=True)
    words = in_words(n, get_language() or "en")
    return f"{words} ({figure})" if words else figure


def language_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


@dataclass
class ProgrammeRecord:
    """The figures the report's sentences state, each as a dashboard counts it."""

    workshops: int
    workshop_languages: list[str]
    wco_run: int
    national_and_regional: int
    expert_delivered: int
    officials: int
    women: int
    standing_experts: int
    expert_countries: int
    expert_regions: int
    partners: int


def _partners(filters: Filters) -> list[tuple[str, int]]:
    rows = (
        Organisation.objects.filter(partnered_events__in=delivered_events(filters).values("id"))
        .annotate(n=Count("partnered_events", distinct=True))
        .order_by("-n", "name")
        .values_list("name", "n")
    )
    return list(rows)


def programme_record(
    filters: Filters,
    labels: Labels,
    trainees: TraineeFigures,
    events: EventFigures,
    experts: ExpertFigures,
    partners: list,
) -> ProgrammeRecord:
    kinds = {}
    for (_year, kind), n in events.by_year_and_kind.items():
        kinds[kind] = kinds.get(kind, 0) + n
    standing = Expert.objects.filter(status__in=STANDING)
    if filters.region:
        standing = standing.filter(person__country__region_id=filters.region)
    regions = {code for s in STANDING for code, n in experts.by_status_and_region[s].items() if n and code}
    languages = sorted(
        (labels.of(Dimension.LANGUAGE, code) for code in events.ttt_by_language if code), key=str.casefold
    )
    return ProgrammeRecord(
        workshops=kinds.get(TrainingEvent.Kind.TTT.value, 0),
        workshop_languages=languages,
        wco_run=sum(kinds.values()),
        national_and_regional=kinds.get(TrainingEvent.Kind.NATIONAL.value, 0)
        + kinds.get(TrainingEvent.Kind.REGIONAL.value, 0),
        expert_delivered=expert_delivered(filters).total.trainings,
        officials=trainees.total.people,
        women=trainees.total["female"].people,
        standing_experts=sum(sum(experts.by_status[s].values()) for s in STANDING),
        expert_countries=standing.exclude(person__country__isnull=True)
        .values("person__country")
        .distinct()
        .count(),
        expert_regions=len(regions),
        partners=len(partners),
    )


def record_paragraphs(record: ProgrammeRecord) -> list[str]:
    """The programme's record in sentences, as its description states it."""
    n = record.workshops
    workshops = ngettext(
        "%(count)s Train-the-Trainer accreditation workshop was delivered in %(languages)s.",
        "%(count)s Train-the-Trainer accreditation workshops were delivered in %(languages)s.",
        n,
    ) % {
        "count": counted(n),
        "languages": language_list(record.workshop_languages) or _("no recorded language"),
    }
    n = record.standing_experts
    experts = ngettext(
        "The programme counts %(count)s accredited and pre-accredited expert from %(countries)s countries "
        "in %(regions)s of the six WCO regions.",
        "The programme counts %(count)s accredited and pre-accredited experts from %(countries)s countries "
        "in %(regions)s of the six WCO regions.",
        n,
    ) % {
        "count": counted(n),
        "countries": number_format(record.expert_countries, force_grouping=True),
        "regions": record.expert_regions,
    }
    n = record.wco_run
    trainings = ngettext(
        "The WCO ran %(count)s training directly (%(national)s national and regional); accredited experts "
        "reported %(experts)s trainings delivered in their own countries.",
        "The WCO ran %(count)s trainings directly (%(national)s national and regional); accredited experts "
        "reported %(experts)s trainings delivered in their own countries.",
        n,
    ) % {
        "count": counted(n),
        "national": counted(record.national_and_regional),
        "experts": counted(record.expert_delivered),
    }
    n = record.officials
    women = share(record.women, record.officials) if masked_count(n) != MASK else None
    officials = ngettext(
        "%(count)s official was trained in the WCO's own trainings; women were %(share)s%% of them, "
        "against a target of %(target)s%% (parity).",
        "%(count)s officials were trained in the WCO's own trainings; women were %(share)s%% of them, "
        "against a target of %(target)s%% (parity).",
        n,
    ) % {
        "count": counted(n),
        "share": number_format(women or 0, 1),
        "target": number_format(target_percent(), 0),
    }
    n = record.partners
    partners = ngettext(
        "%(count)s partner organisation took part in the trainings delivered.",
        "%(count)s partner organisations took part in the trainings delivered.",
        n,
    ) % {"count": counted(n)}
    return [capfirst(sentence) for sentence in (workshops, experts, trainings, officials, partners)]


def _parity_table(trainees: TraineeFigures, experts: ExpertFigures) -> Table:
    target = target_percent()
    standing_women = sum(experts.by_status[s]["female"] for s in STANDING)
    standing_all = sum(sum(experts.by_status[s].values()) for s in STANDING)
    rows = [
        [
            _("Officials trained"),
            trainees.total["female"].people,
            trainees.total.people,
            share(trainees.total["female"].people, trainees.total.people),
            target,
        ],
        [
            _("Accredited and pre-accredited experts"),
            standing_women,
            standing_all,
            share(standing_women, standing_all),
            target,
        ],
    ]
    return Table(
        "parity",
        _("Parity against the target"),
        [
            Column(_("Measure"), LABEL),
            Column(_("Women"), PEOPLE),
            Column(_("Total"), PEOPLE),
            Column(_("Women (%)"), SHARE),
            Column(_("Target (%)"), PERCENT),
        ],
        rows,
        note=_("The programme's goal is parity between women and men."),
    )


def _partners_table(partners: list[tuple[str, int]]) -> Table:
    return Table(
        "partners",
        _("Partner organisations"),
        [Column(_("Organisation"), LABEL), Column(_("Trainings delivered with the programme"), NUMBER)],
        [[name, n] for name, n in partners],
        note=_("Organisations recorded as partners of the delivered trainings of the period."),
    )


def evaluation_results(selection: ProgrammeSelection) -> list[Table]:
    """What the same test before and after each training of the period says participants
    learned: the programme dashboard's knowledge-gain tables, by module and by region."""
    by_module, _by_year, by_region = knowledge_tables(selection.filters, Labels())
    return [by_module, by_region]


def _period(selection: ProgrammeSelection) -> str:
    start, end = selection.filters.year_from, selection.filters.year_to
    if start and end:
        text = _("Trainings that started from %(first)s to %(last)s") % {"first": start, "last": end}
    elif start:
        text = _("Trainings that started from %(first)s on") % {"first": start}
    elif end:
        text = _("Trainings that started until %(last)s") % {"last": end}
    else:
        text = _("The programme's whole record")
    return text


def programme_report(selection: ProgrammeSelection) -> ReportDocument:
    filters = selection.filters
    labels = Labels()
    trainees = trainee_figures(filters)
    experts = expert_figures(filters)
    events = event_figures(filters)
    partners = _partners(filters)
    record = programme_record(filters, labels, trainees, events, experts, partners)
    officials = _officials_by_year(trainees, labels)
    tables = [
        _key_figures(trainees, experts, events, scheduled_figures(filters)),
        *delivery_tables(filters, labels, trainees, events)[:2],
        _trainings_by_year(events),
        _ttt_by_language(events, labels),
        expert_status_table(experts),
        _experts_by_region(experts, labels),
        headline_table(trainees),
        officials,
        _parity_table(trainees, experts),
        _partners_table(partners),
        *evaluation_results(selection),
    ]
    return ReportDocument(
        title=_("STCE Programme report"),
        period=_period(selection),
        paragraphs=record_paragraphs(record),
        tables=tables,
    )
