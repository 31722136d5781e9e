"""Nominations from member administrations on the dashboards: by invited country and by
gender, nominated against accepted, seats offered against used, waitlisted and no-shows.

Counted live (nominations are a few thousand rows a year) by nominations.figures in two
queries per table, over the trainings the dashboard's filters select.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from courses.models import TrainingEvent
from nominations.figures import ProgrammeNominations, Tally, programme_nominations
from people.models import Gender
from reporting.models import Dimension

from .figures import Filters, filtered_events
from .tables import GENDER_COLOURS, LABEL, NUMBER, PEOPLE, SHARE, Column, Labels, Table, bar_chart, share

NO_SHOW_RULE = gettext_lazy(
    "No-shows: accepted for a delivered training whose attendance was recorded for them, and "
    "never present or late."
)


def nominations_for(filters: Filters) -> ProgrammeNominations:
    """Nominations to trainings that are neither draft nor cancelled, delivered or still to come
    (nominating happens before a training), narrowed by the training's period, region, kind
    and language like every other training figure."""
    events = TrainingEvent.objects.exclude(
        status__in=[TrainingEvent.Status.DRAFT, TrainingEvent.Status.CANCELLED]
    )
    return programme_nominations(filtered_events(events, filters).values("pk"))


def _country_row(label: str, seats: int, genders: dict[str, Tally]) -> list:
    women = genders.get(Gender.FEMALE, Tally())
    accepted = sum(t.accepted for t in genders.values())
    return [
        label,
        seats,
        sum(t.nominated for t in genders.values()),
        women.nominated,
        accepted,
        women.accepted,
        share(women.accepted, accepted),
        sum(t.waitlisted for t in genders.values()),
        sum(t.no_shows for t in genders.values()),
    ]


def nominations_by_country(figures: ProgrammeNominations, labels: Labels) -> Table:
    codes = sorted(
        set(figures.seats) | set(figures.by_country),
        key=lambda code: labels.of(Dimension.COUNTRY, code).casefold(),
    )
    rows = [
        _country_row(labels.of(Dimension.COUNTRY, c), figures.seats.get(c, 0), figures.by_country.get(c, {}))
        for c in codes
    ]
    if rows:
        rows.append(
            _country_row(_("All invited countries"), sum(figures.seats.values()), figures.by_gender())
        )
    return Table(
        "nominations-by-country",
        _("Nominations by invited country"),
        [
            Column(_("Country"), LABEL),
            Column(_("Seats offered"), NUMBER),
            Column(pgettext("people counted", "Nominated"), PEOPLE),
            Column(_("Women nominated"), PEOPLE),
            Column(_("Accepted (seats used)"), PEOPLE),
            Column(_("Women accepted"), PEOPLE),
            Column(_("Women among the accepted (%)"), SHARE),
            Column(_("Waitlisted"), PEOPLE),
            Column(_("No-shows"), PEOPLE),
        ],
        rows,
        note=_(
            "Countries invited to trainings that are neither draft nor cancelled; every nomination "
            "made counts as nominated, and each accepted nominee uses one of the country's seats."
        )
        + " "
        + str(NO_SHOW_RULE),
    )


def nominations_by_gender(figures: ProgrammeNominations) -> Table:
    tallies = figures.by_gender()
    rows = []
    if tallies:
        for gender in Gender:
            t = tallies.get(gender.value, Tally())
            rows.append(
                [
                    str(gender.label),
                    t.nominated,
                    t.accepted,
                    share(t.accepted, t.nominated),
                    t.waitlisted,
                    t.no_shows,
                ]
            )
        whole = [
            sum(getattr(t, f) for t in tallies.values())
            for f in ("nominated", "accepted", "waitlisted", "no_shows")
        ]
        rows.append([_("Total"), whole[0], whole[1], share(whole[1], whole[0]), whole[2], whole[3]])
    return Table(
        "nominations-by-gender",
        _("Nominated and accepted by gender"),
        [
            Column(_("Gender"), LABEL),
            Column(pgettext("people counted", "Nominated"), PEOPLE),
            Column(pgettext("people counted", "Accepted"), PEOPLE),
            Column(_("Accepted of those nominated (%)"), SHARE),
            Column(_("Waitlisted"), PEOPLE),
            Column(_("No-shows"), PEOPLE),
        ],
        rows,
        chart=bar_chart(
            [pgettext("people counted", "Nominated"), pgettext("people counted", "Accepted")],
            [
                (str(g.label), [r[1], r[2]], GENDER_COLOURS[g.value])
                for g, r in zip(Gender, rows, strict=False)
            ],
        )
        if rows
        else None,
        note=_(
            "Nominations by member administrations to trainings that are neither draft nor "
            "cancelled, by the nominee's gender as the focal point recorded it; every nomination "
            "made counts as nominated, whatever became of it."
        )
        + " "
        + str(NO_SHOW_RULE),
    )


__all__ = ["nominations_by_country", "nominations_by_gender", "nominations_for"]
