"""The results' charts: the same figures as the tables beside them."""

from django.utils.translation import gettext as _

from documents.charts import SERIES_COLOURS, bar_chart

PRE_COLOUR, POST_COLOUR = SERIES_COLOURS[1], SERIES_COLOURS[0]


def _pre_post(groups) -> dict | None:
    shown = [g for g in groups if not g.masked]
    if not shown:
        return None
    chart = bar_chart(
        [g.label for g in shown],
        [
            (_("Before (%)"), [g.pre.percent for g in shown], PRE_COLOUR),
            (_("After (%)"), [g.post.percent for g in shown], POST_COLOUR),
        ],
        stacked=False,
    )
    chart["options"]["scales"]["y"]["max"] = 100
    return chart


def _ratings(ratings) -> dict | None:
    if not ratings:
        return None
    labels = [r.subject or r.question for r in ratings]  # "Day 1", a module, or the question asked once
    chart = bar_chart(
        labels,
        [(_("Average rating (1–5)"), [r.average for r in ratings], SERIES_COLOURS[3])],
        stacked=False,
        horizontal=True,
    )
    chart["options"]["scales"]["x"]["max"] = 5
    return chart


def results_charts(results) -> dict[str, dict | None]:
    return {
        "modules": _pre_post(results.modules),
        "genders": _pre_post(results.genders),
        "ratings": _ratings(results.ratings),
    }
