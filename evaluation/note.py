"""The Information Note quotes the event's evaluation: who answered, how they rated it and
what the test says they learned, module by module."""

from django.db.models import Avg, Count
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.information_note import NoteSection
from courses.models import TrainingEvent
from evaluation.models import Answer, Kind, Response
from evaluation.results import event_results


def _figure(value) -> str:
    return number_format(value, decimal_pos=1) if value is not None else "–"


def _feedback_sentence(results) -> str:
    given = results.responses.get(Kind.FEEDBACK, 0)
    if not given:
        return ""
    sentence = ngettext(
        "%(n)d of %(total)d participants gave their feedback.",
        "%(n)d of %(total)d participants gave their feedback.",
        given,
    ) % {"n": given, "total": results.participants}
    rated = Answer.objects.filter(
        response__event=results.event, response__kind=Kind.FEEDBACK, rating__isnull=False
    ).aggregate(n=Count("pk"), average=Avg("rating"))
    if rated["n"]:
        sentence += " " + ngettext(
            "Their average rating was %(average)s out of 5 (%(n)d rating).",
            "Their average rating was %(average)s out of 5 (%(n)d ratings).",
            rated["n"],
        ) % {
            "average": number_format(rated["average"], decimal_pos=1),
            "n": rated["n"],
        }
    return sentence


def note_section(event: TrainingEvent) -> NoteSection | None:
    if not Response.objects.filter(event=event).exists():
        return None
    results = event_results(event, translation.get_language() or "en")
    section = NoteSection(heading=_("Evaluation"))
    feedback = _feedback_sentence(results)
    if feedback:
        section.paragraphs.append(feedback)
    overall = results.overall
    if overall.pre.respondents and overall.post.respondents:
        section.paragraphs.append(
            _(
                "The knowledge test's average score went from %(pre)s%% before the training to %(post)s%% "
                "after it (%(n_pre)d and %(n_post)d participants answered)."
            )
            % {
                "pre": _figure(overall.pre.percent),
                "post": _figure(overall.post.percent),
                "n_pre": overall.pre.respondents,
                "n_post": overall.post.respondents,
            }
        )
        section.table = [[_("Module"), _("Before (%)"), _("After (%)"), _("Gain (points)")]] + [
            [m.label, _figure(m.pre.percent), _figure(m.post.percent), _figure(m.gain)]
            for m in results.modules
        ]
    return section


def register() -> None:
    from courses.information_note import register_section

    register_section(note_section)
