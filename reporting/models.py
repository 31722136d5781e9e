"""Summary rows behind the dashboards, kept in step with the records by database triggers.

Why triggers: enrolments arrive through forms, the admin and bulk imports
(`bulk_create_with_history`, which sends no signals), so only the database sees every
write. The triggers (reporting/triggers.py) run in the same transaction as the write
they count, so a figure is never ahead of or behind its records.

Three levels, each counted from the one below:
- `TraineeSlice` / `TraineeLanguageSlice`: one row per person and (year, region, kind,
  format[, language]) of the delivered events they took part in (by attendance where the
  event recorded any, by enrolment where it recorded none), with the number of such
  participations `n`. Filtered dashboards count distinct people here.
- `TraineeMembership`: one row per person and value of one dimension (year 2021, region
  AF, country KE…), so a person trained twice in 2021 is one member of "2021".
- `TraineeFigure`: per dimension value and gender, the number of people (memberships with
  n > 0) and of participations. The unfiltered dashboard reads only this small table.

The slices of one (year, region, kind, format[, language]) form a `TraineeCell`, whose
version the triggers bump at every change of its slices: filtered dashboards count over
packed copies of the cells (`PackedTraineeCell`, reporting.cells), packed again when stale.

Beside them, `EnrolmentAttendance` and `EventCounts` count attendance records per
enrolment and per training (and days per training), for that rule and for completion.

Rows whose `n` dropped to 0 are kept (deleting them from their own trigger is not portable);
every reader filters `n > 0` and `rebuild_figures` sweeps them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.uploads import UploadValidator

NO_VALUE = ""  # region, country or language not recorded
NO_ORGANISATION = 0


class Dimension(models.TextChoices):
    ALL = "all", "all"
    YEAR = "year", "year"
    REGION = "region", "region"
    COUNTRY = "country", "country"
    KIND = "kind", "kind"
    FORMAT = "format", "format"
    LANGUAGE = "language", "language"
    ORGANISATION = "organisation", "organisation"


# Every column of a slice, in the order the covering indexes below list them after their
# leading column: the filters first (year, region, kind), then what is counted.
SLICE_FIELDS = ["year", "region", "kind", "format", "gender", "country", "person_id", "organisation_id", "n"]
LANGUAGE_SLICE_FIELDS = [*SLICE_FIELDS[:4], "language", *SLICE_FIELDS[4:]]


def _covering_indexes(prefix: str, leading: list[str], fields: list[str]) -> list[models.Index]:
    """One index per filter, holding every column of the row: a filtered dashboard reads the
    slices of one region (or kind, language, period) as one run of index entries instead of
    fetching each row from the table (at `seed_scale` size: 4x faster on SQLite, where a row
    lookup costs more than counting it)."""
    return [
        models.Index(fields=[first, *(f for f in fields if f != first)], name=f"{prefix}_cover_{first}")
        for first in leading
    ]


class TraineeSlice(models.Model):
    person_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=8)
    kind = models.CharField(max_length=20)
    format = models.CharField(max_length=20)
    gender = models.CharField(max_length=10)
    country = models.CharField(max_length=2)
    organisation_id = models.BigIntegerField()
    n = models.IntegerField()

    class Meta:
        db_table = "reporting_trainee_slice"
        constraints = [
            models.UniqueConstraint(
                fields=["person_id", "year", "region", "kind", "format"], name="trainee_slice_key"
            ),
        ]
        indexes = _covering_indexes("trainee_slice", ["region", "kind", "year"], SLICE_FIELDS)

    def __str__(self):
        return f"person {self.person_id} {self.year} {self.region} {self.kind}: {self.n}"


class TraineeLanguageSlice(models.Model):
    person_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=8)
    kind = models.CharField(max_length=20)
    format = models.CharField(max_length=20)
    language = models.CharField(max_length=5)
    gender = models.CharField(max_length=10)
    country = models.CharField(max_length=2)
    organisation_id = models.BigIntegerField()
    n = models.IntegerField()

    class Meta:
        db_table = "reporting_trainee_language_slice"
        constraints = [
            models.UniqueConstraint(
                fields=["person_id", "year", "region", "kind", "format", "language"],
                name="trainee_language_slice_key",
            ),
        ]
        indexes = _covering_indexes(
            "trainee_lslice", ["language", "region", "kind", "year"], LANGUAGE_SLICE_FIELDS
        )

    def __str__(self):
        return f"person {self.person_id} {self.year} {self.language}: {self.n}"


class TraineeMembership(models.Model):
    person_id = models.BigIntegerField()
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    value = models.CharField(max_length=20)
    gender = models.CharField(max_length=10)
    n = models.IntegerField()

    class Meta:
        db_table = "reporting_trainee_membership"
        constraints = [
            models.UniqueConstraint(
                # Dimension first: a recount inserts one dimension at a time, in person order.
                fields=["dimension", "person_id", "value"],
                name="trainee_membership_key",
            ),
        ]

    def __str__(self):
        return f"person {self.person_id} {self.dimension}={self.value}: {self.n}"


class TraineeFigure(models.Model):
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    value = models.CharField(max_length=20)
    gender = models.CharField(max_length=10)
    people = models.IntegerField()
    participations = models.IntegerField()

    class Meta:
        db_table = "reporting_trainee_figure"
        constraints = [
            models.UniqueConstraint(fields=["dimension", "value", "gender"], name="trainee_figure_key"),
        ]

    def __str__(self):
        return f"{self.dimension}={self.value} {self.gender}: {self.people}"


class TraineeFiguresVersion(models.Model):
    """One row whose counter every change of a slice increments (by trigger): filtered figures
    are cached under it, so a cached figure can never outlive the records it counted."""

    counter = models.BigIntegerField(default=0)

    class Meta:
        db_table = "reporting_trainee_figures_version"

    def __str__(self):
        return str(self.counter)


class TraineeCell(models.Model):
    """One run of slices that a filter takes or leaves whole: a (year, region, kind, format)
    of `TraineeSlice`, or the same with a language of `TraineeLanguageSlice`. Its `version`
    is bumped by trigger whenever a slice of the run changes, so that the packed copy of the
    run (`PackedTraineeCell`) is known to be current or not without reading the slices."""

    SLICE = "slice"
    LANGUAGE = "language"

    source = models.CharField(max_length=8)  # SLICE or LANGUAGE
    year = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=8)
    kind = models.CharField(max_length=20)
    format = models.CharField(max_length=20)
    language = models.CharField(max_length=5)  # "" for the cells of TraineeSlice
    version = models.BigIntegerField()

    class Meta:
        db_table = "reporting_trainee_cell"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "year", "region", "kind", "format", "language"], name="trainee_cell_key"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.year} {self.region} {self.kind} {self.format} {self.language}"


class PackedTraineeCell(models.Model):
    """The slices of one cell with people in it, packed column by column (reporting.cells),
    as they were at `version` of the cell. Written by whoever reads a cell found stale; apart
    from `TraineeCell` so that packing never waits for the row locks of a write in progress."""

    cell_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField()
    people = models.BinaryField()  # int64 person ids
    organisations = models.BinaryField()  # int64 organisation ids (0: none)
    participations = models.BinaryField()  # int32 n
    genders = models.BinaryField()  # uint8 index into reporting.figures.GENDERS
    countries = models.BinaryField()  # uint16: the two ASCII letters of the code (0: none)

    class Meta:
        db_table = "reporting_packed_trainee_cell"

    def __str__(self):
        return f"cell {self.cell_id} at version {self.version}"


class CompletionVersion(models.Model):
    """Per training, a version that triggers bump whenever something its completion rule reads
    changes: its enrolments, days, attendance records, threshold or excused policy. The packed
    list of who completed it (`PackedCompleters`) is current when packed at this version."""

    event = models.OneToOneField(
        "courses.TrainingEvent",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="completion_version",
    )
    version = models.BigIntegerField()

    class Meta:
        db_table = "reporting_completion_version"

    def __str__(self):
        return f"event {self.event_id}: version {self.version}"


class PackedCompleters(models.Model):
    """The people who met a training's completion rule (reporting.completions), as they were
    at `version` of the training's `CompletionVersion`: the programme's "officials who
    completed" is the number of distinct people over the trainings a filter selects."""

    event = models.OneToOneField(
        "courses.TrainingEvent",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="packed_completers",
    )
    version = models.BigIntegerField()
    people = models.BinaryField()  # int64 person ids

    class Meta:
        db_table = "reporting_packed_completers"

    def __str__(self):
        return f"event {self.event_id} at version {self.version}"


class EnrolmentAttendance(models.Model):
    """Per enrolment, how many attendance records it has, and how many say attended (present
    or late) or excused: kept by trigger on every attendance write, so that the programme's
    attended and completed figures read one row per enrolment instead of every record (a
    million at `seed_scale` size). Every day counts here, also days before a late joiner's
    `joined_on`: late joiners are counted by courses.completion's own rule."""

    # No foreign key constraint: the row follows its enrolment's records by trigger (an
    # enrolment goes with its records), and a bulk load fills it after the records.
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="attendance_counts",
    )
    records = models.IntegerField()
    attended = models.IntegerField()
    excused = models.IntegerField()

    class Meta:
        db_table = "reporting_enrolment_attendance"

    def __str__(self):
        return f"enrolment {self.enrolment_id}: {self.attended}/{self.records}"


class EventCounts(models.Model):
    """Per training, its number of days and of attendance records, kept by trigger: the
    completion rule compares each participant's attended days with the days, and whether a
    training recorded any attendance decides how its participants count as trained (by
    attendance, or by enrolment where it recorded none)."""

    event = models.OneToOneField(
        "courses.TrainingEvent",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="counts",
    )
    days = models.IntegerField()
    records = models.IntegerField()

    class Meta:
        db_table = "reporting_event_counts"

    def __str__(self):
        return f"event {self.event_id}: {self.days} days, {self.records} attendance records"


class ReportKind(models.TextChoices):
    DONOR = "donor", _("Donor report")
    PROGRAMME = "programme", _("Programme report")


class ReportFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


REPORT_LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ru", "Русский")]


class ReportSchedule(models.Model):
    """A report a coordinator asked for every month, quarter or year: produced by the task
    queue once the period is over and e-mailed to the recipients named here."""

    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    frequency = models.CharField(_("frequency"), max_length=20, choices=ReportFrequency.choices)
    donor = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("donor"),
    )
    grant = models.CharField(_("grant or project"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=REPORT_LANGUAGES, default="en")
    recipients = models.TextField(_("recipients"), help_text=_("E-mail addresses, one a line."))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-active", "kind", "pk"]
        verbose_name = _("scheduled report")
        verbose_name_plural = _("scheduled reports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="donor") | models.Q(donor__isnull=False),
                name="report_schedule_donor",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_frequency_display()})"

    def recipient_list(self) -> list[str]:
        return recipient_list(self.recipients)


def recipient_list(text: str) -> list[str]:
    words = text.replace(",", " ").replace(";", " ").split()
    return list(dict.fromkeys(word.strip() for word in words if word.strip()))


class ProducedReport(models.Model):
    """Every report produced (by a schedule or on request), kept with what it was for, to be
    downloaded again as it was sent."""

    schedule = models.ForeignKey(
        ReportSchedule, on_delete=models.SET_NULL, null=True, blank=True, related_name="produced",
        verbose_name=_("schedule"),
    )
    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    donor = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("donor"),
    )
    grant = models.CharField(_("grant or project"), max_length=200, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    language = models.CharField(_("language"), max_length=2, choices=REPORT_LANGUAGES, default="en")
    recipients = models.TextField(_("recipients"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", validators=[UploadValidator(kinds={"pdf"})])
    xlsx = models.FileField(_("XLSX"), upload_to="reports/%Y/", validators=[UploadValidator(kinds={"xlsx"})])
    produced_at = models.DateTimeField(_("produced at"), auto_now_add=True)

    class Meta:
        ordering = ["-produced_at", "-pk"]
        verbose_name = _("produced report")
        verbose_name_plural = _("produced reports")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_start", "period_end"], name="produced_report_once_per_period",
                condition=models.Q(schedule__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end} ({self.language})"
