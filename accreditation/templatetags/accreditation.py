from django import template
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce

from accreditation.models import CoDeliveryReport, Decision, DeliveryInvitation, Evidence, EvidenceKind

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


@register.simple_tag
def delivery_invitations(event) -> list:
    """Everyone invited to deliver the event, with their answer, newest first (1 query)."""
    return list(
        DeliveryInvitation.objects.filter(event=event).select_related("expert__person")
        .order_by("-invited_at", "-pk")
    )


@register.simple_tag
def filed_co_delivery_reports() -> list:
    """Co-delivery reports that either expert filed (the delivering expert their part, the
    assessor their evaluation) and that no proposal relies on yet (the review queue's list of
    evidence waiting for a proposal)."""
    return list(
        CoDeliveryReport.objects.filter(Q(filed_at__isnull=False) | Q(assessed_at__isnull=False))
        .filter(evidence__proposals__isnull=True)
        .select_related("expert__person", "assignment__event", "assessor", "evidence")
        .order_by(Coalesce("filed_at", "assessed_at").desc())[:50]
    )
