from django import template
from django.db.models import Prefetch

from accreditation.models import Decision, Evidence, EvidenceKind

register = template.Library()


@register.simple_tag
def workshop_candidates(event) -> list[dict]:
    """Each candidate of a TtT workshop with their evaluation and the decisions relying on it."""
    evidence = (
        Evidence.objects.filter(event=event, kind=EvidenceKind.WORKSHOP)
        .select_related("expert__person__country")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("decided_at"))
        )
        .order_by("expert__person__family_name", "expert__person__given_name")
    )
    return [{"expert": e.expert, "evidence": e, "decisions": list(e.decisions.all())} for e in evidence]
