"""What a certificate says, written once at issue time in the holder's language.

The snapshot is plain JSON: the printed strings (from the translation catalogue, under
`translation.override`), the signatories and logos then in force, and the facts behind
them (event, dates, hours, modules). Rendering only reads it.
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from certificates.models import Certificate, Signatory
from courses.dates import format_date
from people.models import Gender, Person

CERTIFICATE_LANGUAGES = ("en", "fr", "es", "ru")


def _date(value: datetime.date) -> str:
    return format_date(value)


def certificate_language(holder: Person, language: str | None = None) -> str:
    language = (language or holder.preferred_language or "en").lower()
    return language if language in CERTIFICATE_LANGUAGES else "en"


def kind_title(kind: str) -> str:
    """The printed title; call under the holder's language."""
    return {
        Certificate.Kind.COMPLETION: _("Certificate of completion"),
        Certificate.Kind.PARTICIPATION: _("Certificate of participation"),
        Certificate.Kind.ACCREDITATION: _("Certificate of accreditation"),
        Certificate.Kind.HOME_TRAINING: _("Certificate of participation"),
    }[kind]


def _date_range(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return _("on %(date)s") % {"date": _date(start)}
    return _("from %(start)s to %(end)s") % {
        "start": _date(start),
        "end": _date(end),
    }


def issued_line(language: str | None = None) -> str:
    """ "Issued on <today>" in `language` (or the active language)."""
    with translation.override(language or translation.get_language()):
        return _("Issued on %(date)s") % {"date": _date(timezone.localdate())}


def _place(event) -> str:
    if event.format == event.Format.VIRTUAL:
        return ""
    parts = [p for p in (event.venue, str(event.host_country) if event.host_country_id else "") if p]
    return ", ".join(parts)


def _hours(value: Decimal) -> str:
    value = value.quantize(Decimal("0.1"))
    text = formats.number_format(value.normalize() if value == value.to_integral() else value)
    if value != value.to_integral():
        # "7.5 hours": Russian and Polish-style plurals have a form of their own for fractions.
        return pgettext("a fractional number of hours", "%(hours)s hours") % {"hours": text}
    return ngettext("%(hours)s hour", "%(hours)s hours", int(value)) % {"hours": text}


def agenda_summary(event) -> tuple[Decimal, list[dict]]:
    """Hours taught and the curriculum modules covered, from the event's agenda.

    An item with start and end times counts its length; one without counts its module's
    nominal hours.
    """
    from courses.models import AgendaItem

    items = (
        AgendaItem.objects.filter(day__event=event)
        .select_related("module")
        .prefetch_related("module__translations")
    )
    total = Decimal(0)
    modules: dict[int, dict] = {}
    for item in items:
        if item.start_time and item.end_time and item.end_time > item.start_time:
            start = datetime.datetime.combine(datetime.date.min, item.start_time)
            end = datetime.datetime.combine(datetime.date.min, item.end_time)
            total += Decimal((end - start).seconds) / 3600
        elif item.module_id:
            total += item.module.hours
        if item.module_id:
            # In the certificate's language (active here), English where no translation exists.
            modules[item.module_id] = {"code": item.module.code, "title": item.module.localised().title}
    return total, sorted(modules.values(), key=lambda m: m["code"])


def _signatories() -> list[dict]:
    return [
        {"name": s.name, "title": s.title, "signature": s.signature.name or ""}
        for s in Signatory.objects.filter(active=True)[:3]
    ]


def _logos(event) -> list[str]:
    if event is None:
        return []
    return [o.logo.name for o in event.organisers.exclude(logo="").order_by("name")[:4]]


def holder_names(holder: Person) -> tuple[str, str]:
    """The name in its own script and, when it differs, its Latin transliteration."""
    latin = holder.latin_name if holder.latin_name and holder.latin_name != holder.full_name else ""
    return holder.full_name, latin


def build_snapshot(
    *, kind: str, holder: Person, language: str, event=None, subject: dict | None = None
) -> dict:
    """The printed text of a certificate, in `language`, and the facts it rests on.

    For a training, the lines come from the event; otherwise `subject["lines"]` (strings
    or lazy translations, evaluated here in the holder's language) say what is certified.
    """
    subject = dict(subject or {})
    name, latin = holder_names(holder)
    with translation.override(language):
        snapshot = {
            "title": str(subject.get("title") or kind_title(kind)),
            "intro": _("This is to certify that"),
            "holder_name": name,
            "holder_latin_name": latin,
            "programme_line": _(
                "World Customs Organization · Strategic Trade Control Enforcement (STCE) Programme"
            ),
            "serial_label": _("Serial number"),
            "verify_hint": _("Scan the code or visit the address to verify"),
            "issued_line": issued_line(),
            "signatories": _signatories(),
            "logos": _logos(event),
            "language": language,
        }
        if event is not None:
            snapshot.update(_training_text(kind, event, holder.gender))
        else:
            snapshot.update(_subject_text(kind, subject, holder.gender))
        snapshot["subject"] = {k: v for k, v in subject.items() if k not in {"title", "lines", "details"}}
    return snapshot


def _for_holder(gender: str, *, female: str, male: str, neutral: str) -> str:
    """French, Spanish and Russian agree a verb or title with the holder ("accréditée",
    "acreditada", "завершила"); where no gender is recorded the wording avoids needing one."""
    return {Gender.FEMALE: female, Gender.MALE: male}.get(gender, neutral)


def _training_text(kind: str, event, gender: str = "") -> dict:
    """What a certificate of a training says: the event, where and when, hours and modules."""
    hours, modules = agenda_summary(event)
    verb = (
        _for_holder(
            gender,
            female=pgettext("female holder", "has successfully completed the training"),
            male=pgettext("male holder", "has successfully completed the training"),
            neutral=_("has successfully completed the training"),
        )
        if kind == Certificate.Kind.COMPLETION
        else _for_holder(
            gender,
            female=pgettext("female holder", "has participated in the training"),
            male=pgettext("male holder", "has participated in the training"),
            neutral=_("has participated in the training"),
        )
    )
    place = _place(event)
    when = _date_range(event.start_date, event.end_date)
    where = (
        _("held online %(dates)s") % {"dates": when}
        if not place
        else _("held in %(place)s %(dates)s") % {"place": place, "dates": when}
    )
    lines = [verb, f"“{event.title}”", where]
    return dict(
        lines=lines,
        details=[_hours(hours)] if hours else [],
        # Printed as a list that wraps, shrinks and continues on a second page when long.
        modules_heading=_("Modules covered:"),
        modules=[f"{m['code']} {m['title']}" for m in modules],
        event={
            "id": event.pk,
            "title": event.title,
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
            "place": place or "online",
            "hours": str(hours),
            "modules": modules,
        },
    )


def _subject_text(kind: str, subject: dict, gender: str = "") -> dict:
    """What a certificate of anything but a training says: its subject's lines and details."""
    lines = subject.get("lines") or (
        [
            _for_holder(
                gender,
                female=pgettext("female holder", "is accredited by the World Customs Organization as an"),
                male=pgettext("male holder", "is accredited by the World Customs Organization as an"),
                neutral=_("is accredited by the World Customs Organization as an"),
            ),
            _for_holder(
                gender,
                female=pgettext(
                    "female holder", "Accredited Customs Expert (ACE) for Strategic Trade Control Enforcement"
                ),
                male=pgettext(
                    "male holder", "Accredited Customs Expert (ACE) for Strategic Trade Control Enforcement"
                ),
                neutral=_("Accredited Customs Expert (ACE) for Strategic Trade Control Enforcement"),
            ),
        ]
        if kind == Certificate.Kind.ACCREDITATION
        else []
    )
    details = [str(line) for line in subject.get("details", [])]
    if subject.get("valid_until"):
        details.append(
            _("Valid until %(date)s") % {"date": _date(datetime.date.fromisoformat(subject["valid_until"]))}
        )
    return dict(lines=[str(line) for line in lines], details=details)


def statement_of(snapshot: dict) -> str:
    """One paragraph of what is certified, for the registry and the verify page."""
    modules = snapshot.get("modules") or []
    parts = [*snapshot.get("lines", []), *snapshot.get("details", [])]
    if modules:
        parts.append(f"{snapshot.get('modules_heading', '')} {'; '.join(modules)}.")
    return " ".join(part for part in parts if part)


def sample_snapshot(*, name: str, language: str) -> dict:
    """A completion certificate for a made-up training, to preview the layout."""
    language = language if language in CERTIFICATE_LANGUAGES else "en"
    with translation.override(language):
        when = _date_range(datetime.date(2021, 10, 18), datetime.date(2021, 10, 22))
        return {
            "title": kind_title(Certificate.Kind.COMPLETION),
            "intro": _("This is to certify that"),
            "holder_name": name,
            "holder_latin_name": "",
            "programme_line": _(
                "World Customs Organization · Strategic Trade Control Enforcement (STCE) Programme"
            ),
            "serial_label": _("Serial number"),
            "verify_hint": _("Scan the code or visit the address to verify"),
            "issued_line": _("Issued on %(date)s") % {"date": _date(datetime.date(2021, 10, 22))},
            "signatories": _signatories()
            or [
                {
                    "name": "Ana Hinojosa",
                    "title": _("Director, Compliance and Facilitation"),
                    "signature": "",
                },
                {"name": "Programme Manager", "title": _("STCE Programme"), "signature": ""},
            ],
            "logos": [],
            "lines": [
                _("has successfully completed the training"),
                "“National training on Strategic Trade Control Enforcement”",
                _("held in %(place)s %(dates)s") % {"place": "Beijing, China", "dates": when},
            ],
            "details": [_hours(Decimal(30))],
            "modules_heading": _("Modules covered:"),
            "modules": ["T-01 Definition and importance of STCE", "T-02 International legal framework"],
            "language": language,
        }
