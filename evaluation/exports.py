"""The results' tables as CSV or XLSX. Comments are exported without anything that names or
orders their authors; masked groups show "<5" and no scores."""

from django.utils.translation import gettext as _

from documents import spreadsheets
from people.lists import export_response

MASK = "<5"


def _count(group, kind):
    return MASK if group.masked else getattr(group, kind).respondents


def _score(group, kind):
    return None if group.masked else getattr(group, kind).percent


def _gain(group):
    return None if group.masked else group.gain


def _comparison_columns(label: str):
    return [
        spreadsheets.Column(label, lambda g: g.label, spreadsheets.TEXT),
        spreadsheets.Column(_("Answered before"), lambda g: _count(g, "pre"), spreadsheets.COUNT),
        spreadsheets.Column(_("Before (%)"), lambda g: _score(g, "pre"), spreadsheets.PERCENT),
        spreadsheets.Column(_("Answered after"), lambda g: _count(g, "post"), spreadsheets.COUNT),
        spreadsheets.Column(_("After (%)"), lambda g: _score(g, "post"), spreadsheets.PERCENT),
        spreadsheets.Column(_("Gain (points)"), _gain, spreadsheets.DECIMAL),
    ]


def _questions():
    return [
        spreadsheets.Column(_("Question"), lambda q: q.text, spreadsheets.TEXT),
        spreadsheets.Column(_("Module"), lambda q: q.module, spreadsheets.TEXT),
        spreadsheets.Column(_("Version"), lambda q: q.version, spreadsheets.INTEGER),
        spreadsheets.Column(_("Answered before"), lambda q: q.pre.asked, spreadsheets.COUNT),
        spreadsheets.Column(_("Correct before (%)"), lambda q: q.pre.percent, spreadsheets.PERCENT),
        spreadsheets.Column(_("Answered after"), lambda q: q.post.asked, spreadsheets.COUNT),
        spreadsheets.Column(_("Correct after (%)"), lambda q: q.post.percent, spreadsheets.PERCENT),
    ]


def _ratings():
    return [
        spreadsheets.Column(_("Question"), lambda r: r.question, spreadsheets.TEXT),
        spreadsheets.Column(_("Day or module"), lambda r: r.subject, spreadsheets.TEXT),
        spreadsheets.Column(_("Ratings"), lambda r: r.answers, spreadsheets.COUNT),
        spreadsheets.Column(_("Average (1–5)"), lambda r: r.average, spreadsheets.DECIMAL),
    ]


def _comments():
    return [
        spreadsheets.Column(_("Question"), lambda row: row[0], spreadsheets.TEXT),
        spreadsheets.Column(_("Comment"), lambda row: row[1], spreadsheets.TEXT),
    ]


EXPORTS = {
    "modules": (lambda: _comparison_columns(_("Module")), lambda r: r.modules),
    "genders": (lambda: _comparison_columns(_("Gender")), lambda r: r.genders),
    "countries": (lambda: _comparison_columns(_("Country")), lambda r: r.countries),
    "questions": (_questions, lambda r: r.questions),
    "ratings": (_ratings, lambda r: r.ratings),
    # Sorted within each question, so the file's order says nothing of who wrote what when.
    "comments": (_comments, lambda r: [(q, t) for q, texts in r.comments for t in sorted(texts)]),
}


def results_download(results, table: str, fmt: str):
    columns, rows = EXPORTS[table]
    return export_response(
        columns(),
        rows(results),
        fmt=fmt,
        name=f"evaluation-{results.event.pk}-{table}",
        title=table,
        heading=f"{results.event.title} – {_('Evaluation')}",
        notes=[_("Groups of fewer than 5 respondents are shown as <5, without their scores.")],
    )
