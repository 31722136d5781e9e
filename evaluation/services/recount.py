"""The kept per-module results, counted again from the answers (after bulk loads: the demo and
the benchmarks write answers in bulk rather than one submission at a time)."""

from django.db import transaction
from django.db.models import Count, Q

from evaluation.models import Answer, Kind, ModuleResult


@transaction.atomic
def recount_module_results(event_ids) -> int:
    event_ids = list(event_ids)
    ModuleResult.objects.filter(event_id__in=event_ids).delete()
    rows = (
        Answer.objects.filter(
            response__event_id__in=event_ids, item__isnull=False, response__kind__in=[Kind.PRE, Kind.POST]
        )
        .values_list("response__event", "item__module", "response__kind")
        .annotate(
            responses=Count("response", distinct=True),
            asked=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
        )
        .order_by()
    )
    results = [
        ModuleResult(event_id=event, module_id=module, kind=kind, responses=n, asked=asked, correct=correct)
        for event, module, kind, n, asked, correct in rows
    ]
    ModuleResult.objects.bulk_create(results, batch_size=1000)
    return len(results)
