"""Importing a participant list from CSV or XLSX: read, validate the whole file, commit all or none.

The coordinator uploads a file, sees a report of every problem by row and column, fixes the
file and uploads it again; only a file without errors can be committed, and the commit
validates it again inside the transaction (the database may have changed since the preview).

Encoding: we accept UTF-8 (with or without a BOM) and UTF-16 with a BOM, and refuse anything
else with a message saying how to save the file. We do not fall back to cp1252: a Cyrillic
file saved as cp1251, or a Chinese one saved as GBK, decodes "successfully" as cp1252 into
plausible-looking garbage that would then be written into people's names.
"""

import csv
import datetime
import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from courses.models import Enrolment, TrainingEvent
from courses.services.bulk_rows import create_with_history
from courses.services.event_rules import enrolment_refusal
from people.errors import DomainError
from people.models import Country, Gender, Organisation, Person
from people.models.people import fold_for_search
from people.names import name_problems, normalise_name

# Canonical column → the header spellings we recognise (compared after `_header_key`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "given_name": ("given name", "given names", "first name", "first names", "forename", "prenom", "nombre"),
    "family_name": ("family name", "last name", "surname", "nom", "apellido", "apellidos"),
    "latin_name": ("latin name", "name in latin script", "transliteration", "name latin"),
    "gender": ("gender", "sex", "sexe", "genre", "sexo", "genero", "пол"),
    "country": ("country", "country code", "pays", "pais"),
    "organisation": ("organisation", "organization", "administration", "agency"),
    "position": ("position", "job title", "rank", "function"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "mail",
        "courriel",
        "correo",
        "correo electronico",
    ),
    "preferred_language": ("preferred language", "language"),
}
REQUIRED_COLUMNS = ("given_name", "family_name", "country")
COLUMN_LABELS = {
    "given_name": gettext_lazy("given name"),
    "family_name": gettext_lazy("family name"),
    "latin_name": gettext_lazy("name in Latin script"),
    "gender": gettext_lazy("gender"),
    "country": gettext_lazy("country"),
    "organisation": gettext_lazy("organisation"),
    "position": pgettext_lazy("job", "position"),
    "email": gettext_lazy("e-mail"),
    "preferred_language": gettext_lazy("preferred language"),
}

GENDER_WORDS = {
    Gender.FEMALE: {
        "f",
        "female",
        "woman",
        "w",
        "femme",
        "mujer",
        "feminin",
        "femenino",
        "ж",
        "женский",
        "女",
    },
    Gender.MALE: {"m", "male", "man", "homme", "hombre", "masculin", "masculino", "м", "мужской", "男"},
    Gender.ANOTHER: {"another", "other", "x", "non-binary", "nonbinary", "diverse", "autre", "otro"},
    Gender.NOT_RECORDED: {"", "unknown", "not recorded", "prefer not to say", "n/a", "na", "-"},
}
LANGUAGE_WORDS = {
    code: {code, str(label).casefold(), name}
    for (code, label), name in zip(
        Person.PreferredLanguage.choices, ("english", "french", "spanish", "russian"), strict=True
    )
}
# A value a spreadsheet would execute. Plain numbers such as "+41 22 ..." or "-5" are fine.
FORMULA = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+\-]?[\d\s().]+$")

SIGNATURES = [
    (b"PK\x03\x04", gettext_lazy("an Excel workbook or another ZIP file")),
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an old-format Office document (.xls or .doc)")),
    (b"\x89PNG", gettext_lazy("a PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"GIF8", gettext_lazy("a GIF image")),
]
LOOKUP_CHUNK = 900  # stays under SQLite's old 999-parameter limit


class ImportFileError(DomainError):
    """The file as a whole cannot be read; nothing about its rows can be said."""

    def __init__(self, message):
        super().__init__(message, field="file", code="unreadable")


@dataclass
class Problem:
    row: int  # 1 = the first participant (the row under the header); 0 = the whole file
    column: str  # canonical column name, or "" for the whole row
    message: str
    value: str = ""
    is_error: bool = True
    code: str = ""  # UNKNOWN_COUNTRY or UNKNOWN_ORGANISATION: the page offers a choice for them

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))

    @property
    def line(self) -> int:
        """The line number a spreadsheet shows (the header is line 1)."""
        return self.row + 1 if self.row else 0


@dataclass
class ProblemGroup:
    is_error: bool
    column: str
    message: str
    value: str
    code: str = ""
    lines: list[int] = field(default_factory=list)  # 0 = the whole file
    country: str | None = None  # the country of the group's first row, when known

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))

    @property
    def rows(self) -> int:
        return len(self.lines)

    @property
    def is_whole_file(self) -> bool:
        return self.lines == [0]

    def line_ranges(self, limit: int = 8) -> str:
        """ "2–31, 40, 45–47", the spreadsheet's line numbers; "…" after `limit` ranges."""
        ranges: list[list[int]] = []
        for line in sorted(set(self.lines)):
            if ranges and line == ranges[-1][1] + 1:
                ranges[-1][1] = line
            else:
                ranges.append([line, line])
        shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges[:limit]]
        return ", ".join(shown) + (", …" if len(ranges) > limit else "")


UNKNOWN_COUNTRY, UNKNOWN_ORGANISATION = "unknown_country", "unknown_organisation"


def resolution_key(value: str) -> str:
    """How a value chosen for in the page is matched to the file's cells (case and accents aside)."""
    return _header_key(value)


class RowAction:
    CREATE = "create"  # a new person, enrolled
    ENROL = "enrol"  # an existing person, enrolled
    ALREADY = "already"  # already enrolled on this event: nothing to do
    WITHDRAWN = "withdrawn"  # withdrawn earlier: left alone


@dataclass
class ImportRow:
    number: int
    values: dict[str, str]
    action: str = RowAction.CREATE
    person: Person | None = None  # the existing person this row matches
    new_person: Person | None = None
    country: str | None = None  # the row's country code, once understood
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def add_problem(self, column: str, message: str, *, error: bool = True, code: str = "") -> None:
        self.problems.append(Problem(self.number, column, message, self.values.get(column, ""), error, code))


@dataclass
class ImportReport:
    filename: str
    columns: list[str]
    rows: list[ImportRow]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @cached_property
    def problem_groups(self) -> list["ProblemGroup"]:
        """The same problem with the same value on many rows, said once: errors first, then
        notes, each in the order of its first row. An unknown organisation on 30 rows is one
        line to fix, not 30 notes to read past."""
        groups: dict[tuple, ProblemGroup] = {}
        for problem in self.problems:
            key = (not problem.is_error, problem.column, problem.message, problem.value.casefold())
            group = groups.get(key)
            if group is None:
                groups[key] = group = ProblemGroup(
                    problem.is_error, problem.column, problem.message, problem.value, problem.code
                )
                if problem.row and problem.row <= len(self.rows):
                    group.country = self.rows[problem.row - 1].country
            group.lines.append(problem.line)
        return sorted(groups.values(), key=lambda g: (not g.is_error, min(g.lines)))

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def to_create(self) -> int:
        return self.count(RowAction.CREATE)

    @property
    def to_enrol(self) -> int:
        return self.count(RowAction.ENROL)

    @property
    def already_enrolled(self) -> int:
        return self.count(RowAction.ALREADY) + self.count(RowAction.WITHDRAWN)


@dataclass
class ImportOutcome:
    people_created: int
    enrolled: int
    unchanged: int


# ---------------------------------------------------------------- reading the file


def _header_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.replace("_", " ")).split())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def _extension(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if re.fullmatch(r"[a-z]{1,5}", extension) else "bin"


def read_table(*, data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as lists of text (header first); raises ImportFileError when unreadable."""
    limit = settings.STCE_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ImportFileError(
            _(
                "The file is %(size).1f MB; files up to %(limit).0f MB can be imported. "
                "Split the list into several files."
            )
            % {"size": len(data) / 1024 / 1024, "limit": limit / 1024 / 1024}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    extension = _extension(filename)
    if extension in ("xlsx", "xlsm"):
        return _read_xlsx(data)
    if extension == "xls":
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or as CSV UTF-8.")
        )
    if extension in ("csv", "txt", "tsv"):
        return _read_csv(data)
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def _read_csv(data: bytes) -> list[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        for signature, kind in SIGNATURES:
            if data.startswith(signature):
                raise ImportFileError(
                    _(
                        "This is not a CSV text file: it looks like %(kind)s. Upload an .xlsx "
                        "workbook with its own extension, or save the list as CSV UTF-8."
                    )
                    % {"kind": kind}
                )
        if b"\x00" in data[:4096]:
            raise ImportFileError(_("This is not a CSV text file: it contains binary data."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportFileError(
                _(
                    "The file is not UTF-8 text (the first unreadable character is on line %(line)s). "
                    "Names in Cyrillic, Chinese or with accents would be garbled, so nothing was "
                    "read. In Excel use “Save as… CSV UTF-8”; in LibreOffice choose the "
                    "“Unicode (UTF-8)” character set."
                )
                % {"line": line}
            ) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([_cell_text(c) for c in row])
            _check_size(len(rows), len(row))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file could not be read: %(error)s.") % {"error": exc}) from exc
    return rows


def _check_size(rows: int, columns: int) -> None:
    if rows > settings.STCE_MAX_IMPORT_ROWS + 1:  # the header row aside
        raise ImportFileError(
            ngettext(
                "The file has more than %(limit)s row; split the list into several files.",
                "The file has more than %(limit)s rows; split the list into several files.",
                settings.STCE_MAX_IMPORT_ROWS,
            )
            % {"limit": f"{settings.STCE_MAX_IMPORT_ROWS:,}"}
        )
    if columns > settings.STCE_MAX_IMPORT_COLUMNS:
        raise ImportFileError(
            ngettext(
                "The file has more than %(limit)s column; a participant list needs at most 9.",
                "The file has more than %(limit)s columns; a participant list needs at most 9.",
                settings.STCE_MAX_IMPORT_COLUMNS,
            )
            % {"limit": settings.STCE_MAX_IMPORT_COLUMNS}
        )


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("This file has an .xlsx name but is not an Excel workbook."))
    try:
        # data_only=False keeps formulas as their text ("=…") so that we can refuse them.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        # Read row by row (openpyxl streams the sheet in read-only mode) and stop at the limits,
        # so that a sheet of a million rows or columns is refused before it is all in memory.
        _check_size(sheet.max_row or 0, sheet.max_column or 0)
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(c) for c in row[: settings.STCE_MAX_IMPORT_COLUMNS + 1]])
            _check_size(len(rows), len(row))
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        raise ImportFileError(
            _("The workbook could not be read; open it in Excel and save it again.")
        ) from exc
    return rows


# ---------------------------------------------------------------- validating


def _known_headings() -> dict[str, str]:
    """Every heading we recognise → its column: the usual spellings, the column's own name and
    the template's heading in each interface language."""
    known = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    known |= {_header_key(column): column for column in COLUMNS}
    known |= {_header_key(label): column for column, label in template_headers_in_every_language()}
    return known


def _map_header(
    header: list[str], required: tuple[str, ...] = REQUIRED_COLUMNS
) -> tuple[dict[str, int], list[Problem]]:
    known = _known_headings()
    positions: dict[str, int] = {}
    problems = []
    for index, title in enumerate(header):
        key = _header_key(title)
        if not key:
            continue
        column = known.get(key)
        if column is None:
            problems.append(
                Problem(
                    0,
                    "",
                    _("Column “%(title)s” is not used and was ignored.") % {"title": title},
                    is_error=False,
                )
            )
        elif column in positions:
            problems.append(Problem(0, column, _("Two columns are headed “%(title)s”.") % {"title": title}))
        else:
            positions[column] = index
    missing = [c for c in required if c not in positions]
    if missing:
        problems.append(
            Problem(
                0,
                "",
                _("Missing columns: %(missing)s. The first row must name the columns; found: %(found)s.")
                % {
                    "missing": ", ".join(str(COLUMN_LABELS[c]) for c in missing),
                    "found": ", ".join(f"“{h}”" for h in header if h) or _("nothing"),
                },
            )
        )
    return positions, problems


def template_headers(language: str) -> list[str]:
    """The column headings of the template file in one interface language."""
    with translation.override(language):
        return [str(COLUMN_LABELS[column]).capitalize() for column in COLUMNS]


def template_headers_in_every_language() -> list[tuple[str, str]]:
    return [
        (column, heading)
        for language, _label in settings.LANGUAGES
        for column, heading in zip(COLUMNS, template_headers(language), strict=True)
    ]


def _name_key(given: str, family: str, country: str) -> str:
    return f"{fold_for_search(given, family)}|{country}"


def country_names() -> dict[str, str]:
    """Every way a file may name a country → its code: the ISO code and the name in each
    interface language (administrations fill the template in their own language)."""
    countries = list(Country.objects.values_list("code", "name"))
    keys: dict[str, str] = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                keys.setdefault(_header_key(_(name)), code)
    for code, _name in countries:
        keys[code.casefold()] = code
    return keys


class Directory:
    """Everything the validation needs from the database, fetched in a handful of queries."""

    def __init__(
        self,
        event: TrainingEvent | None,
        emails: set[str],
        countries_wanted: set[str],
        resolutions: dict | None = None,
    ):
        # What the coordinator chose in the page for values the directory did not know:
        # {"country": {key: code}, "organisation": {key: pk}}.
        self.resolutions = resolutions or {}
        self.countries = country_names() | self.resolutions.get("country", {})
        self.organisations: dict[str, list[tuple[int, str | None]]] = {}
        for pk, name, short, country in Organisation.objects.values_list(
            "pk", "name", "short_name", "country_id"
        ):
            for key in {_header_key(name), _header_key(short)} - {""}:
                self.organisations.setdefault(key, []).append((pk, country))
        self.by_email: dict[str, Person] = {}
        emails = sorted(emails)
        for start in range(0, len(emails), LOOKUP_CHUNK):
            chunk = emails[start : start + LOOKUP_CHUNK]
            for person in Person.objects.annotate(email_key=Lower("email")).filter(email_key__in=chunk):
                self.by_email[person.email.lower()] = person
        codes = {self.countries[c] for c in countries_wanted if c in self.countries}
        self.by_name: dict[str, list[Person]] = {}
        people = Person.objects.filter(country_id__in=codes, erased_at__isnull=True).only(
            "pk", "given_name", "family_name", "country_id", "email"
        )
        for person in people:
            key = _name_key(person.given_name, person.family_name, person.country_id)
            self.by_name.setdefault(key, []).append(person)
        # No event: a list of officials that enrols nobody (an expert's training at home).
        self.enrolment_status = dict(event.enrolments.values_list("person_id", "status")) if event else {}
        self.active_enrolments = sum(
            1 for s in self.enrolment_status.values() if s == Enrolment.Status.ENROLLED
        )

    @classmethod
    def for_rows(
        cls, event: TrainingEvent | None, rows: list[ImportRow], resolutions: dict | None = None
    ) -> "Directory":
        return cls(
            event,
            emails={r.values.get("email", "").lower() for r in rows} - {""},
            countries_wanted={r.values.get("country", "").casefold() for r in rows}
            | {_header_key(r.values.get("country", "")) for r in rows},
            resolutions=resolutions,
        )

    def country(self, text: str) -> str | None:
        return self.countries.get(text.casefold()) or self.countries.get(_header_key(text))

    def organisation(self, text: str, country: str | None) -> int | None:
        chosen = self.resolutions.get("organisation", {}).get(resolution_key(text))
        if chosen is not None:
            return int(chosen)
        candidates = self.organisations.get(_header_key(text), [])
        for pk, org_country in candidates:
            if org_country == country:
                return pk
        return candidates[0][0] if candidates else None


PROGRESS_EVERY = 500


def validate_import(
    *, event: TrainingEvent, data: bytes, filename: str, progress=None, resolutions: dict | None = None
) -> ImportReport:
    """Read and check the whole file against the database; writes nothing. `progress`, when
    given, is called with the number of rows checked so far, every PROGRESS_EVERY rows;
    `resolutions` are the countries and organisations chosen in the page for unknown values."""
    refusals = []
    refusal = enrolment_refusal(event)
    if refusal:
        refusals.append(Problem(0, "", refusal))
    header, rows, problems = read_rows(data=data, filename=filename, refusals=refusals)
    if not rows:
        return ImportReport(filename, header, [], problems)
    directory = Directory.for_rows(event, rows, resolutions)
    seen = SeenRows()
    for checked, row in enumerate(rows, start=1):
        _check_row(row, directory, seen)
        if progress is not None and checked % PROGRESS_EVERY == 0:
            progress(checked)
    _check_capacity(event, rows, directory)
    for row in rows:
        problems.extend(row.problems)
    return ImportReport(filename, header, rows, problems)


def read_rows(
    *, data: bytes, filename: str, required: tuple[str, ...] = REQUIRED_COLUMNS, refusals: list[Problem] = ()
) -> tuple[list[str], list[ImportRow], list[Problem]]:
    """The file's header, its rows and the problems of the whole file (`refusals` are the
    caller's own); no rows when the file as a whole has an error. Shared with the nominations
    import, which needs other columns (`required`) but reads and checks files the same way."""
    header, body = _header_and_body(read_table(data=data, filename=filename))
    positions, problems = _map_header(header, required)
    problems.extend(refusals)
    if any(p.is_error for p in problems):
        return header, [], problems
    return header, _participant_rows(body, positions), problems


def _header_and_body(table: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise ImportFileError(_("The file is empty."))
    return table[0], table[1:]


def _participant_rows(body: list[list[str]], positions: dict[str, int]) -> list[ImportRow]:
    rows = []
    for number, cells in enumerate(body, start=1):
        if not any(cells):
            continue  # blank lines, often at the end of a sheet
        values = {column: (cells[index] if index < len(cells) else "") for column, index in positions.items()}
        rows.append(ImportRow(number=number, values=values))
    if not rows:
        raise ImportFileError(_("The file has a header row but no participants."))
    return rows


class SeenRows:
    """The rows checked so far, to report a participant listed twice in the same file."""

    def __init__(self):
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, tuple[int, str]] = {}

    def already_listed(self, row: ImportRow, *, email_key: str, name_key: str) -> bool:
        """Reports the row and returns True when an earlier row lists the same participant:
        the same e-mail, or the same name and country unless both rows give an e-mail."""
        if email_key and email_key in self.by_email:
            row.add_problem("email", _("Same e-mail as row %(row)s.") % {"row": self.by_email[email_key]})
            return True
        earlier = self.by_name.get(name_key)
        if earlier and not (email_key and earlier[1]):
            row.add_problem("family_name", _("Same name and country as row %(row)s.") % {"row": earlier[0]})
            return True
        if email_key:
            self.by_email[email_key] = row.number
        self.by_name.setdefault(name_key, (row.number, email_key))
        return False


def _check_row(row: ImportRow, directory: Directory, seen: SeenRows) -> None:
    """Check one row, then decide what the commit does with it: create, enrol or leave alone."""
    check_formulas(row)
    if row.has_errors:
        return
    checked = check_values(row, directory)
    if row.has_errors:
        return
    email_key, name_key = listing_keys(row, checked)
    if seen.already_listed(row, email_key=email_key, name_key=name_key):
        return
    person = match_known_person(row, directory, email_key=email_key, name_key=name_key)
    if row.has_errors:
        return
    if person is None:
        plan_new_person(row, checked)
    else:
        _plan_enrolment(row, person, directory)


def listing_keys(row: ImportRow, checked: "CheckedValues") -> tuple[str, str]:
    """What tells two rows apart (SeenRows): the e-mail in any case, and the names with the country."""
    return checked.email.lower(), _name_key(
        row.values.get("given_name", ""), row.values["family_name"], checked.country
    )


@dataclass(frozen=True)
class CheckedValues:
    """A row's values as the directory knows them; None where the row's text was not understood."""

    country: str | None
    email: str
    gender: str | None
    language: str | None
    organisation: int | None


def check_values(row: ImportRow, directory: Directory) -> CheckedValues:
    # Every check runs, so that the report names all the problems of a row at once.
    check_names(row)
    check_family_name(row)
    country = row.country = check_country(row, directory)
    return CheckedValues(
        country=country,
        email=check_email(row),
        gender=check_gender(row),
        language=check_language(row),
        organisation=check_organisation(row, directory, country),
    )


# The row checks: each reports its problems on the row and returns what it understood.


def check_formulas(row: ImportRow) -> None:
    for column, value in row.values.items():
        if FORMULA.match(value) and not PLAIN_NUMBER.match(value):
            row.add_problem(column, _("Looks like a spreadsheet formula; type the value itself."))


def check_family_name(row: ImportRow) -> None:
    if not row.values.get("family_name"):
        row.add_problem("family_name", _("The family name is missing."))


def check_country(row: ImportRow, directory: Directory) -> str | None:
    """The country's code, from its name in an interface language or its ISO code, any case."""
    text = row.values.get("country")
    if not text:
        row.add_problem("country", _("The country is missing."))
        return None
    country = directory.country(text)
    if country is None:
        row.add_problem(
            "country",
            _(
                "Unknown country; use its name in English, French, Spanish or Russian, or its "
                "two-letter ISO code."
            ),
            code=UNKNOWN_COUNTRY,
        )
    return country


def check_email(row: ImportRow) -> str:
    email = row.values.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.add_problem("email", _("Not a valid e-mail address."))
    return email


def check_gender(row: ImportRow) -> str | None:
    """The gender from a word in one of the programme's languages; empty is "not recorded"."""
    text = row.values.get("gender", "").casefold()
    gender = next((g for g, words in GENDER_WORDS.items() if text in words), None)
    if gender is None:
        row.add_problem(
            "gender", _("Unknown gender; use female, male, another or leave it empty (not recorded).")
        )
    return gender


def check_language(row: ImportRow) -> str | None:
    """The preferred language; an unknown one only warns, and English is used."""
    text = row.values.get("preferred_language", "").casefold()
    language = next((code for code, words in LANGUAGE_WORDS.items() if text in words), None)
    if text and language is None:
        row.add_problem("preferred_language", _("Unknown language; English was used."), error=False)
    return language


def check_organisation(row: ImportRow, directory: Directory, country: str | None) -> int | None:
    """The organisation, preferably the one of that name in the row's country; an unknown one
    only warns and is left empty."""
    text = row.values.get("organisation")
    if not text:
        return None
    organisation = directory.organisation(text, country)
    if organisation is None:
        row.add_problem(
            "organisation",
            _("Unknown organisation; it was left empty."),
            error=False,
            code=UNKNOWN_ORGANISATION,
        )
    return organisation


def match_known_person(
    row: ImportRow, directory: Directory, *, email_key: str, name_key: str
) -> Person | None:
    """The person of the directory this row names, found by e-mail, else by name and country.

    Reports the row (and returns None) when several known people fit and nothing tells them apart.
    """
    person = directory.by_email.get(email_key) if email_key else None
    if person is not None:
        return person
    # Same name in the same country is the same official only when the e-mails cannot
    # tell them apart: two Wang Weis with different addresses are two people.
    candidates = [p for p in directory.by_name.get(name_key, []) if not (email_key and p.email)]
    if len(candidates) > 1:
        row.add_problem(
            "family_name",
            # Always two or more here, but Russian says "21 человек" like "1 человек".
            ngettext(
                "%(n)s person with this name and country is already known; add "
                "the e-mail address to tell which one.",
                "%(n)s people with this name and country are already known; add "
                "the e-mail address to tell which one.",
                len(candidates),
            )
            % {"n": len(candidates)},
        )
        return None
    return candidates[0] if candidates else None


def _plan_enrolment(row: ImportRow, person: Person, directory: Directory) -> None:
    row.person = person
    status = directory.enrolment_status.get(person.pk)
    if status == Enrolment.Status.ENROLLED:
        row.action = RowAction.ALREADY
        row.add_problem("", _("%(name)s is already enrolled.") % {"name": person.full_name}, error=False)
    elif status == Enrolment.Status.WITHDRAWN:
        row.action = RowAction.WITHDRAWN
        row.add_problem(
            "",
            _("%(name)s withdrew from this event and was left withdrawn.") % {"name": person.full_name},
            error=False,
        )
    else:
        row.action = RowAction.ENROL
        row.add_problem(
            "",
            _("Matches %(name)s, who is already in the directory; not created twice.")
            % {"name": person.full_name},
            error=False,
        )


def plan_new_person(row: ImportRow, checked: CheckedValues) -> None:
    values = row.values
    row.new_person = Person(
        given_name=values.get("given_name", ""),
        family_name=values["family_name"],
        latin_name=values.get("latin_name", ""),
        gender=checked.gender,
        country_id=checked.country,
        organisation_id=checked.organisation,
        position=values.get("position", "")[:200],
        email=checked.email or None,
        preferred_language=checked.language or Person.PreferredLanguage.EN,
    )
    for name_field in ("given_name", "family_name", "latin_name"):
        if len(getattr(row.new_person, name_field)) > Person._meta.get_field(name_field).max_length:
            row.add_problem(name_field, _("Too long."))


def check_names(row: ImportRow) -> None:
    """The names by the rules of the person form (people.names): normalised in place, and
    refused with the same messages when they hold line breaks, emoji or unprintable characters."""
    for column in Person.NAME_FIELDS:
        if column not in row.values:
            continue
        value = row.values[column] = normalise_name(row.values[column])
        for refusal in name_problems(value):
            row.add_problem(column, " ".join(refusal.messages))


def _check_capacity(event: TrainingEvent, rows: list[ImportRow], directory: Directory) -> None:
    if event.capacity is None:
        return
    places = event.capacity - directory.active_enrolments
    for row in rows:
        if row.action in (RowAction.CREATE, RowAction.ENROL) and not row.has_errors:
            places -= 1
            if places < 0:
                row.problems.append(
                    Problem(
                        row.number,
                        "",
                        ngettext(
                            "Over capacity: the event has %(capacity)s place and %(enrolled)s are taken.",
                            "Over capacity: the event has %(capacity)s places and %(enrolled)s are taken.",
                            event.capacity,
                        )
                        % {"capacity": event.capacity, "enrolled": directory.active_enrolments},
                    )
                )


# ---------------------------------------------------------------- committing


class ImportRefused(DomainError):
    def __init__(self, report: ImportReport):
        super().__init__(
            ngettext(
                "The file has %(n)s problem; nothing was imported.",
                "The file has %(n)s problems; nothing was imported.",
                len(report.errors),
            )
            % {"n": len(report.errors)},
            field="file",
            code="invalid_rows",
        )
        self.report = report


@transaction.atomic
def commit_import(
    *, event: TrainingEvent, data: bytes, filename: str, by=None, resolutions: dict | None = None
) -> ImportOutcome:
    """Validate the file again and write every row, or nothing when any row has an error."""
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    report = validate_import(event=event, data=data, filename=filename, resolutions=resolutions)
    if report.has_errors:
        raise ImportRefused(report)
    new_people = [row.new_person for row in report.rows if row.action == RowAction.CREATE]
    for person in new_people:
        # bulk_create skips Person.save(), which keeps the search text and e-mail tidy.
        person.tidy()
    reason = _("Imported from %(file)s") % {"file": filename}
    try:
        with transaction.atomic():
            create_with_history(Person, new_people, user=by, reason=reason)
            enrolments = [
                Enrolment(event=event, person=row.new_person or row.person, enrolled_by=by)
                for row in report.rows
                if row.action in (RowAction.CREATE, RowAction.ENROL)
            ]
            create_with_history(Enrolment, enrolments, user=by, reason=reason)
    except IntegrityError as exc:
        raise DomainError(
            _("Someone changed these people while you were importing; upload the file again."),
            field="file",
        ) from exc
    return ImportOutcome(
        people_created=len(new_people), enrolled=len(enrolments), unchanged=report.already_enrolled
    )


# ---------------------------------------------------- keeping the upload between preview and commit

STASH_DIR = "participant-imports"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
# A previewed upload is a whole list of people; kept for the time a coordinator takes to fix
# the unknown values and commit, then deleted (by every worker's housekeeping, and on access).
PENDING_MAX_AGE = datetime.timedelta(hours=1)


def pending_storage():
    """Where previewed uploads wait: a storage of their own (settings.STORAGES["pending_imports"]),
    outside the media storage that backups copy."""
    return storages["pending_imports"]


def stash_upload(*, data: bytes, filename: str) -> str:
    """Keep the uploaded file in the shared pending storage (not process memory, so any app
    server can commit it); returns the token that names it."""
    forget_stale_uploads()
    token = secrets.token_urlsafe(24)
    pending_storage().save(f"{STASH_DIR}/{token}.{_extension(filename)}", ContentFile(data))
    return token


def _pending_files() -> list[str]:
    try:
        _dirs, files = pending_storage().listdir(STASH_DIR)
    except (FileNotFoundError, NotImplementedError):
        return []
    return [f"{STASH_DIR}/{name}" for name in files]


def _is_stale(path: str, now: datetime.datetime | None = None) -> bool:
    cutoff = (now or timezone.now()) - PENDING_MAX_AGE
    return pending_storage().get_modified_time(path) < cutoff


def forget_stale_uploads(now: datetime.datetime | None = None) -> int:
    """Previews that were never committed leave their file behind; an hour later it goes.
    Returns how many files were deleted."""
    storage, deleted = pending_storage(), 0
    for path in _pending_files():
        try:
            if _is_stale(path, now):
                storage.delete(path)
                deleted += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return deleted


def forget_uploads_naming(words: list[str]) -> int:
    """On a person's erasure: delete the previewed uploads that hold any of these words (their
    e-mail address, their names). Another upload deleted by a coincidence only has to be
    uploaded again; a list naming an erased person must not stay."""
    needles = [w.casefold() for w in words if w and len(w) >= 2]
    storage, deleted = pending_storage(), 0
    for path in _pending_files():
        with storage.open(path, "rb") as handle:
            data = handle.read()
        try:
            text = "\n".join("\t".join(row) for row in read_table(data=data, filename=path))
        except DomainError:
            text = data.decode("utf-8", "replace")
        text = unicodedata.normalize("NFC", text).casefold()
        if any(needle in text for needle in needles):
            storage.delete(path)
            deleted += 1
    return deleted


def _stash_path(token: str, filename: str) -> str:
    if not TOKEN.match(token or ""):
        raise DomainError(_("This import has expired; upload the file again."), field="file")
    return f"{STASH_DIR}/{token}.{_extension(filename)}"


def load_upload(*, token: str, filename: str) -> bytes:
    path = _stash_path(token, filename)
    storage = pending_storage()
    if storage.exists(path) and _is_stale(path):
        storage.delete(path)
    if not storage.exists(path):
        raise DomainError(
            _("This import has expired or was already committed; upload the file again."), field="file"
        )
    with storage.open(path, "rb") as handle:
        return handle.read()


def discard_upload(*, token: str, filename: str) -> None:
    path = _stash_path(token, filename)
    storage = pending_storage()
    if storage.exists(path):
        storage.delete(path)
