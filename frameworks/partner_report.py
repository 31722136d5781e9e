"""A partner organisation's record with the programme over a period: the events it took part
in (as organiser, partner or speaker), its speakers and the modules they delivered, and each
event's Information Note. A page, a PDF and an XLSX, in the user's language."""

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from courses.dates import format_date_range
from courses.models import AgendaItem, TrainerAssignment, TrainingEvent
from documents import pdftext
from documents.downloads import PDF, XLSX, file_download
from documents.spreadsheets import Column, xlsx_bytes
from people.models import Organisation
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@dataclass
class PartnerEvent:
    event: TrainingEvent
    roles: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    note_url: str = ""


def _period(request) -> tuple[datetime.date | None, datetime.date | None]:
    def read(name):
        try:
            return parse_date(request.GET.get(name, "") or "")
        except ValueError:
            return None
    return read("start"), read("end")


def partner_events(
    organisation: Organisation, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[PartnerEvent]:
    """The events of the period the organisation took part in, in date order, in a fixed
    number of queries."""
    items = list(
        AgendaItem.objects.filter(
            Q(speaker_organisations=organisation) | Q(speakers__organisation=organisation)
        )
        .select_related("module", "day")
        .prefetch_related("module__translations", "speakers")
        .distinct()
    )
    assignments = list(
        TrainerAssignment.objects.filter(person__organisation=organisation).select_related("person")
    )
    events = TrainingEvent.objects.filter(
        Q(organisers=organisation) | Q(partners=organisation)
        | Q(pk__in={i.day.event_id for i in items} | {a.event_id for a in assignments})
    ).distinct().prefetch_related("organisers", "partners").order_by("start_date", "title")
    if start:
        events = events.filter(end_date__gte=start)
    if end:
        events = events.filter(start_date__lte=end)
    return [_partner_row(event, organisation, items, assignments) for event in events]


def _partner_row(
    event: TrainingEvent, organisation: Organisation, items: list[AgendaItem],
    assignments: list[TrainerAssignment],
) -> PartnerEvent:
    """How the organisation took part in one event: its roles, its speakers, their modules."""
    row = PartnerEvent(event=event, note_url=reverse("courses:event-note-pdf", args=[event.pk]))
    if organisation in event.organisers.all():
        row.roles.append(_("Organiser"))
    if organisation in event.partners.all():
        row.roles.append(_("Partner"))
    event_items = [i for i in items if i.day.event_id == event.pk]
    trainers = [a.person.full_name for a in assignments if a.event_id == event.pk]
    if event_items or trainers:
        row.roles.append(_("Speaker"))
    names = [
        s.full_name for i in event_items for s in i.speakers.all() if s.organisation_id == organisation.pk
    ]
    row.speakers = list(dict.fromkeys(names + trainers))
    row.modules = list(dict.fromkeys(
        (f"{i.module.code} {i.module.localised().title}" if i.module_id else i.title) for i in event_items
    ))
    return row


def _columns() -> list[Column]:
    return [
        Column(_("Event"), lambda r: r.event.title),
        Column(_("Dates"), lambda r: format_date_range(r.event.start_date, r.event.end_date)),
        Column(_("Host country"), lambda r: str(r.event.host_country or "")),
        Column(_("Took part as"), lambda r: ", ".join(r.roles)),
        Column(_("Speakers"), lambda r: "; ".join(r.speakers)),
        Column(_("Modules delivered"), lambda r: "; ".join(r.modules)),
        Column(_("Information Note"), lambda r: r.note_url),
    ]


def _title(organisation: Organisation) -> str:
    return _("Partner report: %(organisation)s") % {"organisation": organisation.name}


def _period_text(start, end) -> str:
    if start and end:
        return format_date_range(start, end)
    if start:
        return _("from %(date)s") % {"date": start.isoformat()}
    if end:
        return _("until %(date)s") % {"date": end.isoformat()}
    return _("All periods")


def render_pdf(organisation: Organisation, rows: list[PartnerEvent], period: str, base_url: str) -> bytes:
    """The report as an A4 landscape PDF: a heading, the period, one table row per event."""
    pdftext.register_fonts()
    body = ParagraphStyle("body", fontName=pdftext.SANS, fontSize=9, leading=11)
    title = ParagraphStyle("title", parent=body, fontName=pdftext.SANS_BOLD, fontSize=14, leading=18)
    bold = ParagraphStyle("bold", parent=body, fontName=pdftext.SANS_BOLD)
    columns = _columns()

    def cell(text, style=body):
        return Paragraph(pdftext.markup(text, style.fontName), style)

    data = [[cell(c.label, bold) for c in columns[:-1]]]
    for row in rows:
        data.append([cell(str(c.value(row))) for c in columns[:-1]])
    width = landscape(A4)[0] - 30 * mm
    table = Table(data, colWidths=[width * f for f in (0.24, 0.14, 0.1, 0.12, 0.18, 0.22)], repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "grey"),
    ]))
    story = [cell(_title(organisation), title), cell(period), Spacer(1, 4 * mm)]
    if rows:
        story.append(table)
        story.append(Spacer(1, 4 * mm))
        story.append(cell(_("Information Notes:"), bold))
        story += [cell(f"{r.event.title}: {base_url}{r.note_url}") for r in rows]
    else:
        story.append(cell(_("The organisation took part in no event in this period.")))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                      title=_title(organisation), author="WCO STCE Programme").build(story)
    return buffer.getvalue()


@role_required(COORDINATOR, ADMINISTRATOR)
def partner_list(request):
    """The organisations that organised, partnered or spoke at an event: whom a report is for."""
    organisations = Organisation.objects.filter(
        Q(organised_events__isnull=False) | Q(partnered_events__isnull=False)
        | Q(agenda_items__isnull=False)
    ).distinct().order_by("name")
    return render(request, "frameworks/partner_list.html", {"organisations": organisations})


@role_required(COORDINATOR, ADMINISTRATOR)
def partner_report(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    start, end = _period(request)
    rows = partner_events(organisation, start, end)
    period = _period_text(start, end)
    filename = f"partner-report-{slugify(organisation.short_name or organisation.name)[:40]}-{get_language()}"
    fmt = request.GET.get("format")
    if fmt == "pdf":
        pdf = render_pdf(organisation, rows, period, request.build_absolute_uri("/")[:-1])
        return file_download(pdf, content_type=PDF, filename=f"{filename}.pdf")
    if fmt == "xlsx":
        data = xlsx_bytes(_columns(), rows, title=_("Partner report"),
                          heading=f"{_title(organisation)} – {period}")
        return file_download(data, content_type=XLSX, filename=f"{filename}.xlsx")
    return render(request, "frameworks/partner_report.html", {
        "organisation": organisation, "rows": rows, "period": period, "start": start, "end": end,
    })
