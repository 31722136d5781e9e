"""The post-test pass mark an event may add to its completion rule (named results only): a
certificate of completion then also needs that score in the post-test. The certificates app
asks here, in SQL for whole events and per participant for the lists."""

from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _

from evaluation.models import EventEvaluation, Kind, Response


def pass_mark(event) -> int | None:
    """The event's pass mark; read once per event object (a certificates page asks three times)."""
    if not hasattr(event, "_evaluation_pass_mark"):
        event._evaluation_pass_mark = (
            EventEvaluation.objects.filter(event=event, anonymous=False)
            .values_list("pass_mark", flat=True)
            .first()
        )
    return event._evaluation_pass_mark


def _passed(mark: int):
    # correct / asked ≥ mark %  ⇔  100·correct ≥ mark·asked (whole numbers: no rounding at the edge)
    return (
        Response.objects.filter(enrolment=OuterRef("pk"), kind=Kind.POST, asked__gt=0)
        .alias(hundredfold=F("correct") * 100)
        .filter(hundredfold__gte=F("asked") * mark)
    )


def passing_among(enrolments, event):
    """Those of `enrolments` (of `event`) who reached the pass mark, or all when there is none."""
    mark = pass_mark(event)
    if not mark:
        return enrolments
    return enrolments.filter(Exists(_passed(mark)))


def post_tests(event, enrolment_ids) -> dict[int, Response]:
    """The named post-test responses of `event`, by enrolment id."""
    rows = Response.objects.filter(event=event, kind=Kind.POST, enrolment_id__in=list(enrolment_ids))
    return {r.enrolment_id: r for r in rows}


def refusal(mark: int | None, response: Response | None) -> str:
    """Why the post-test keeps a participant from completing, or "" when it does not."""
    if not mark:
        return ""
    if response is None or not response.asked:
        return _("The post-test (pass mark %(mark)d%%) is not answered.") % {"mark": mark}
    if 100 * response.correct < mark * response.asked:
        return _("Post-test score %(score)s%%; the pass mark is %(mark)d%%.") % {
            "score": response.score,
            "mark": mark,
        }
    return ""
