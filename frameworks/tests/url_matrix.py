from frameworks.models import FundingSource, OperativeParagraph
from frameworks.reference import load_paragraphs
from people.models import Organisation
from people.tests.permissions import Case, ladder


def _event(w):
    return {"pk": w.event.pk}


def _paragraph(w):
    load_paragraphs()  # a transactional test before this one may have flushed the reference data
    return {"pk": OperativeParagraph.objects.get(resolution__number=2663, number=9).pk}


def _funding(w):
    donor = w.person.organisation or w.event.organisers.first()
    if donor is None:
        donor = Organisation.objects.create(name="Matrix donor")
    source = FundingSource.objects.create(event=w.event, donor=donor, grant="Matrix grant")
    return {"pk": w.event.pk, "source_pk": source.pk}


def _partner(w):
    return {"pk": Organisation.objects.get_or_create(name="Matrix partner")[0].pk}


CASES = [
    Case("frameworks:paragraph-list", ladder()),
    Case("frameworks:paragraph-create", ladder(admin=403)),
    Case("frameworks:paragraph-edit", ladder(admin=403), kwargs=_paragraph),
    Case("frameworks:event-frameworks", ladder(admin=403), kwargs=_event),
    Case("frameworks:funding-remove", ladder(coord=302, admin=403), method="post", kwargs=_funding),
    Case("frameworks:partner-list", ladder()),
    Case("frameworks:partner-report", ladder(), kwargs=_partner),
    *[
        Case("frameworks:partner-report", ladder(), kwargs=_partner, query={"format": fmt})
        for fmt in ("pdf", "xlsx")
    ],
]
