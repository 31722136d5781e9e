"""The Information Note written after every event, as the 1540 Committee's notes are laid out.

Event, Organizers, Date and Venue (with any postponement) and Participants come from the
records; Background, Highlights and Additional comments are written by the coordinator and
kept on the event. A generated paragraph on delivery (participants, gender balance, topics,
speakers by organisation) opens the Highlights. The note renders as a PDF and as plain text
for e-mail, in the language chosen for it.
"""

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from courses.dates import format_date_range
from courses.models import AgendaItem, Enrolment, TrainerAssignment, TrainingEvent
from documents import pdftext
from people.models import Gender


@dataclass
class NoteSection:
    """A section another app adds to the note (after the Highlights): a heading, sentences and
    optionally a table whose first row is the header and, when `total` is set, whose last row
    is a total."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    total: bool = False


# Apps above courses (nominations) add their sections here from AppConfig.ready(): courses may
# not import them. Each provider is called with the event inside the note's language and returns
# a section, or None when it has nothing to say about this event.
SECTION_PROVIDERS: list[Callable[[TrainingEvent], "NoteSection | None"]] = []


def register_section(provider: Callable[[TrainingEvent], "NoteSection | None"]) -> None:
    if provider not in SECTION_PROVIDERS:
        SECTION_PROVIDERS.append(provider)


@dataclass
class InformationNote:
    event: TrainingEvent
    language: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    delivery: str = ""
    background: str = ""
    highlights: str = ""
    additional_comments: str = ""
    sections: list[NoteSection] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Information Note")

    @property
    def footnote(self) -> str:
        return _(
            "For information – not an official report. The views expressed here do not "
            "necessarily represent those of the organizers or participants in the event."
        )


def join_names(names: list[str]) -> str:
    names = [n for n in dict.fromkeys(names) if n]
    if len(names) <= 1:
        return "".join(names)
    return _("%(list)s and %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def _venue(event: TrainingEvent) -> str:
    if event.format == TrainingEvent.Format.VIRTUAL:
        return _("virtually via %(platform)s") % {"platform": event.platform} if event.platform else _(
            "virtually"
        )
    place = event.venue or (str(event.host_country) if event.host_country else "")
    if event.format == TrainingEvent.Format.HYBRID:
        online = event.platform or _("online")
        return _("%(place)s and %(online)s (hybrid)") % {"place": place, "online": online}
    return place


def _date_and_venue(event: TrainingEvent, date_changes) -> str:
    text = format_date_range(event.start_date, event.end_date)
    venue = _venue(event)
    if venue:
        text = f"{text}, {venue}"
    if date_changes:
        first = date_changes[0]
        text += " " + _("(postponed from %(dates)s)") % {
            "dates": format_date_range(first.old_start_date, first.old_end_date)
        }
    return text


def gender_sentence(counts: Counter) -> str:
    """"21 women, 39 men": each gender present, in the note's language."""
    parts = []
    labels = [
        (Gender.FEMALE, lambda n: ngettext("%(n)d woman", "%(n)d women", n)),
        (Gender.MALE, lambda n: ngettext("%(n)d man", "%(n)d men", n)),
        (Gender.ANOTHER, lambda n: ngettext("%(n)d of another gender", "%(n)d of another gender", n)),
        (Gender.NOT_RECORDED, lambda n: ngettext("%(n)d not recorded", "%(n)d not recorded", n)),
    ]
    for gender, label in labels:
        if counts.get(gender):
            parts.append(label(counts[gender]) % {"n": counts[gender]})
    return ", ".join(parts)


def _in_order_added(through, event) -> list[str]:
    # Organisers are listed in the order the coordinator added them ("WCO and GACC").
    return [str(row.organisation) for row in
            through.objects.filter(trainingevent=event).select_related("organisation").order_by("pk")]


def build_note(event: TrainingEvent, language: str = "en") -> InformationNote:
    """Everything the note says, computed in a fixed number of queries."""
    with translation.override(language):
        event = (
            TrainingEvent.objects.select_related("host_country", "region")
            .prefetch_related("date_changes")
            .get(pk=event.pk)
        )
        enrolments = list(
            Enrolment.objects.active().filter(event=event).select_related("person__organisation")
        )
        assignments = list(
            TrainerAssignment.objects.filter(event=event).select_related("person__organisation")
        )
        items = list(
            AgendaItem.objects.filter(day__event=event)
            .select_related("module")
            .prefetch_related(
                "speaker_organisations", "speakers__organisation", "module__translations"
            )
            .order_by("day__date", "position", "start_time")
        )
        organisers = _in_order_added(TrainingEvent.organisers.through, event)
        partner_names = _in_order_added(TrainingEvent.partners.through, event)
        speaker_orgs = _speaker_organisations(items, assignments)
        participant_orgs = [str(e.person.organisation) for e in enrolments if e.person.organisation]
        participants_line = join_names(list(dict.fromkeys(participant_orgs + partner_names + speaker_orgs)))

        note = InformationNote(event=event, language=language)
        note.rows = [
            (_("Event"), event.title),
            (_("Organizers"), join_names(organisers) or "—"),
            (_("Date and Venue"), _date_and_venue(event, list(event.date_changes.all()))),
            (_("Participants"), participants_line or "—"),
        ]
        note.delivery = _delivery(event, enrolments, speaker_orgs, items)
        note.background = event.background.strip()
        note.highlights = event.highlights.strip()
        note.additional_comments = event.additional_comments.strip()
        note.sections = [section for provider in SECTION_PROVIDERS if (section := provider(event))]
    return note


def _speaker_organisations(items: list[AgendaItem], assignments: list[TrainerAssignment]) -> list[str]:
    """Who spoke, by organisation: those named on agenda items, the speakers', the trainers'."""
    names = [str(o) for item in items for o in item.speaker_organisations.all()]
    names += [str(s.organisation) for item in items for s in item.speakers.all() if s.organisation]
    names += [str(a.person.organisation) for a in assignments if a.person.organisation]
    return names


def _delivery(
    event: TrainingEvent, enrolments: list[Enrolment], speaker_orgs: list[str], items: list[AgendaItem]
) -> str:
    """The generated paragraph that opens the Highlights: who came, who spoke, what was discussed."""
    genders = Counter(e.person.gender for e in enrolments)
    topics = [item.module.localised().title if item.module_id else item.title for item in items]
    length = ngettext("%(days)d-day", "%(days)d-day", event.duration_days) % {"days": event.duration_days}
    sentences = [
        # Two counts, two plurals: the length ("5-day") is worded apart from the headcount.
        ngettext(
            "The %(length)s %(kind)s brought together %(count)d participant",
            "The %(length)s %(kind)s brought together %(count)d participants",
            len(enrolments),
        ) % {"length": length,
             "kind": event.get_kind_display().lower(), "count": len(enrolments)}
        + (f" ({gender_sentence(genders)})" if enrolments else "")
        + "."
    ]
    if speaker_orgs:
        sentences.append(
            _("Speakers came from %(orgs)s.") % {"orgs": join_names(list(dict.fromkeys(speaker_orgs)))}
        )
    if topics:
        sentences.append(
            _("They discussed %(topics)s.") % {"topics": join_names(list(dict.fromkeys(topics)))}
        )
    return " ".join(sentences)


def render_text(note: InformationNote) -> str:
    """Plain text for an e-mail body."""
    with translation.override(note.language):
        lines = [f"{note.title}¹", ""]
        width = max(len(label) for label, _value in note.rows) + 2
        lines += [f"{(label + ':').ljust(width)} {value}" for label, value in note.rows]
        sections = [
            (_("Background"), note.background),
            (_("Highlights"), "\n\n".join(filter(None, [note.delivery, note.highlights]))),
            *[(section.heading, _section_text(section)) for section in note.sections],
            (_("Additional comments"), note.additional_comments),
        ]
        for heading, body in sections:
            if body:
                lines += ["", heading, "", body]
        lines += ["", "—", f"¹ {note.footnote}"]
        return "\n".join(lines) + "\n"


def _section_text(section: NoteSection) -> str:
    """The sentences, then the table in aligned columns (numbers to the right)."""
    parts = list(section.paragraphs)
    if section.table:
        widths = [max(len(row[i]) for row in section.table) for i in range(len(section.table[0]))]
        lines = [
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in section.table
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


PAGE_MARGIN = 25 * mm
TEXT_WIDTH = A4[0] - 2 * PAGE_MARGIN
LABEL_WIDTH = 40 * mm
VALUE_WIDTH = TEXT_WIDTH - LABEL_WIDTH - 6  # the value cell keeps its right padding


def _paragraphs(text: str, style) -> list:
    """Blank-line separated paragraphs, each wrapped then put in reading order; a paragraph
    written in a right-to-left script is right-aligned."""
    rtl = style.clone(f"{style.name}-rtl", alignment=TA_RIGHT)
    return [
        Paragraph(
            pdftext.wrapped_markup(chunk, style.fontName, style.fontSize, TEXT_WIDTH),
            rtl if pdftext.base_direction(chunk) == "R" else style,
        )
        for chunk in (part.strip() for part in text.split("\n\n"))
        if chunk
    ]


def _section_story(section: NoteSection, heading, body, bold) -> list:
    story = [Paragraph(pdftext.markup(section.heading), heading)]
    for paragraph in section.paragraphs:
        story += _paragraphs(paragraph, body)
    if not section.table:
        return story
    plain = body.clone(f"{body.name}-cell", fontSize=9, leading=11, spaceAfter=0)
    strong = bold.clone(f"{bold.name}-cell", fontSize=9, leading=11, spaceAfter=0)
    last = len(section.table) - 1
    columns = len(section.table[0])
    first = TEXT_WIDTH * 0.22
    cells = []
    for r, row in enumerate(section.table):
        style = strong if r == 0 or (section.total and r == last) else plain
        number = style.clone(f"{style.name}-number", alignment=TA_RIGHT)
        # A long name (in any script) is wrapped by pdftext, then each line put in reading order.
        cells.append([
            Paragraph(pdftext.wrapped_markup(row[0], style.fontName, style.fontSize, first - 3), style),
            *[Paragraph(pdftext.markup(cell, style.fontName), number) for cell in row[1:]],
        ])
    table = Table(cells, colWidths=[first] + [(TEXT_WIDTH - first) / max(1, columns - 1)] * (columns - 1),
                  repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("LEFTPADDING", (1, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        *([("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)] if section.total else []),
    ]))
    return [*story, Spacer(1, 2 * mm), table]


def render_pdf(note: InformationNote) -> bytes:
    """The note as an A4 PDF laid out like the 1540 Committee's Information Notes."""
    pdftext.register_fonts()
    with translation.override(note.language):
        body = ParagraphStyle("body", fontName=pdftext.SERIF, fontSize=11, leading=15, spaceAfter=6)
        label = ParagraphStyle("label", parent=body, fontName=pdftext.SERIF_BOLD)
        heading = ParagraphStyle("heading", parent=body, fontName=pdftext.SERIF_BOLD, fontSize=12,
                                 spaceBefore=10)
        title = ParagraphStyle("title", parent=body, fontName=pdftext.SERIF_BOLD, fontSize=14,
                               alignment=TA_CENTER, spaceAfter=12)
        footnote_style = ParagraphStyle("footnote", parent=body, fontSize=8, leading=10,
                                        textColor=colors.HexColor("#333333"))

        def footer(canvas, doc):
            canvas.saveState()
            canvas.setStrokeColor(colors.grey)
            canvas.line(doc.leftMargin, 22 * mm, doc.leftMargin + 60 * mm, 22 * mm)
            p = Paragraph(f"<super>1</super> {pdftext.markup(note.footnote)}", footnote_style)
            _w, h = p.wrap(doc.width, 20 * mm)
            p.drawOn(canvas, doc.leftMargin, 20 * mm - h)
            canvas.restoreState()

        story = [Paragraph(f"{pdftext.markup(note.title)}<super>1</super>", title)]
        # The values are sentences in the note's language, left to right even when they start
        # with an Arabic name (a paragraph's own text decides only in _paragraphs).
        table = Table(
            [[Paragraph(pdftext.markup(lbl + ":"), label),
              Paragraph(pdftext.wrapped_markup(value, pdftext.SERIF, 11, VALUE_WIDTH, base_dir="L"), body)]
             for lbl, value in note.rows],
            colWidths=[LABEL_WIDTH, None],
        )
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story += [table, Spacer(1, 6 * mm)]
        if note.background:
            story += [Paragraph(pdftext.markup(_("Background")), heading),
                      *_paragraphs(note.background, body)]
        story += [Paragraph(pdftext.markup(_("Highlights")), heading), *_paragraphs(note.delivery, body)]
        if note.highlights:
            story += _paragraphs(note.highlights, body)
        for section in note.sections:
            story += _section_story(section, heading, body, label)
        if note.additional_comments:
            story += [Paragraph(pdftext.markup(_("Additional comments")), heading),
                      *_paragraphs(note.additional_comments, body)]
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN, topMargin=25 * mm,
            bottomMargin=35 * mm, title=f"{note.title} – {note.event.title}", author="WCO STCE Programme",
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()
