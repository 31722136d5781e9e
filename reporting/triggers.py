"""Database triggers that keep the dashboard summary rows (reporting.models) exact.

Every write path (forms, admin, imports with bulk_create, raw SQL) goes through the
database, so the database keeps the counts, in the same transaction as the write. The SQL
is generated here once for SQLite and PostgreSQL: the statements are the same, only the
trigger wrapping and the year extraction differ.

Definitions the triggers encode (and the tests count by hand):
- a *participation* is an enrolment with status "enrolled" on a *delivered* event (one that
  took place: its last day is past, and it is neither draft nor cancelled, as
  `TrainingEvent.objects.delivered()`); a training next year is the plan, not training
  received, and withdrawn enrolments are not counted either;
- where the event recorded any attendance, only enrolments present or late on at least one
  day take part; where it recorded none, every such enrolment does (the counts of records
  per enrolment and per event, `EnrolmentAttendance` and `EventCounts`, decide it, and
  their own triggers move the slices when an enrolment's first attended day comes or goes,
  or an event's first record arrives or its last one goes). One write they do not follow
  exactly on PostgreSQL: one UPDATE statement moving several enrolments that have
  attendance records to other trainings at once (nothing in the application moves an
  enrolment; `rebuild_figures` puts it right);
- an event's region is its own region, else its host country's region;
- the country and organisation are the trainee's own (who was reached);
- an event's languages are each of its languages of delivery, or "" when none is recorded.
"""

# The SQL below is assembled from constants of this module only, never from input.
# ruff: noqa: S608

from dataclasses import dataclass


def delivered(event: str) -> str:
    """SQL: the event row `event` is a delivered training (it took place; not draft, not
    cancelled), as `TrainingEvent.objects.delivered()`. `took_place` is a column because a
    trigger cannot know today's date when the day passes: courses marks it each day."""
    return f"{event}.status NOT IN ('cancelled', 'draft') AND {event}.took_place"


SLICE = "reporting_trainee_slice"
LANGUAGE_SLICE = "reporting_trainee_language_slice"
MEMBERSHIP = "reporting_trainee_membership"
FIGURE = "reporting_trainee_figure"
VERSION = "reporting_trainee_figures_version"
CELL = "reporting_trainee_cell"
COMPLETION_VERSION = "reporting_completion_version"
PACKED_COMPLETERS = "reporting_packed_completers"
PACKED_CELL = "reporting_packed_trainee_cell"
ENROLMENT_ATTENDANCE = "reporting_enrolment_attendance"
EVENT_COUNTS = "reporting_event_counts"
BUMP_VERSION = f"UPDATE {VERSION} SET counter = counter + 1"
SLICE_KEY = "person_id, year, region, kind, format"
SLICE_COLUMNS = "person_id, year, region, kind, format, gender, country, organisation_id, n"

# Dimension → expression over a slice row (X stands for NEW or OLD).
SLICE_DIMENSIONS = {
    "all": "''",
    "year": "CAST(X.year AS TEXT)",
    "region": "X.region",
    "kind": "X.kind",
    "format": "X.format",
    "country": "X.country",
    "organisation": "CAST(X.organisation_id AS TEXT)",
}
LANGUAGE_SLICE_DIMENSIONS = {"language": "X.language"}


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    condition: str
    statements: tuple[str, ...]
    # PostgreSQL fires AFTER ROW triggers at the end of a multi-row statement; triggers that
    # count sibling rows must run BEFORE there to see the rows processed so far.
    before_on_postgresql: bool = False


def _cell_changed(source: str, row: str) -> str:
    """The cell of the slice `row` (NEW or OLD) changed: bump its version (reporting.cells)."""
    language = f"{row}.language" if source == "language" else "''"
    return (
        f"INSERT INTO {CELL} (source, year, region, kind, format, language, version) "
        f"VALUES ('{source}', {row}.year, {row}.region, {row}.kind, {row}.format, {language}, 1) "
        f"ON CONFLICT (source, year, region, kind, format, language) "
        f"DO UPDATE SET version = {CELL}.version + 1"
    )


def _year(vendor: str, column: str) -> str:
    if vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%Y', {column}) AS INTEGER)"


def _differs(vendor: str, a: str, b: str) -> str:
    return f"{a} IS DISTINCT FROM {b}" if vendor == "postgresql" else f"{a} IS NOT {b}"


def _region(ev: str) -> str:
    return (
        f"COALESCE({ev}.region_id, (SELECT c.region_id FROM people_country c "
        f"WHERE c.code = {ev}.host_country_id), '')"
    )


def _slice_upsert(vendor, *, table, ev, from_where, sign, language=None) -> str:
    """One statement adding `sign` participations to the slices selected by `from_where`.

    `from_where` provides `p` (the person) and whatever `ev` (the event's columns) names.
    """
    columns, key = SLICE_COLUMNS, SLICE_KEY
    values = (
        f"p.id, {_year(vendor, ev + '.start_date')}, {_region(ev)}, {ev}.kind, {ev}.format, "
        "p.gender, COALESCE(p.country_id, ''), COALESCE(p.organisation_id, 0)"
    )
    if language is not None:
        columns = columns.replace(", n", ", language, n")
        key += ", language"
        values += f", {language}"
    return (
        f"INSERT INTO {table} ({columns}) SELECT {values}, {sign} {from_where} "
        f"ON CONFLICT ({key}) DO UPDATE SET n = {table}.n + excluded.n"
    )


def _both_slices(vendor, *, ev, from_where, sign, event_id) -> list[str]:
    languages = f"LEFT JOIN courses_trainingevent_languages el ON el.trainingevent_id = {event_id}"
    head, _, tail = from_where.partition(" WHERE ")
    return [
        _slice_upsert(vendor, table=SLICE, ev=ev, from_where=from_where, sign=sign),
        _slice_upsert(
            vendor,
            table=LANGUAGE_SLICE,
            ev=ev,
            from_where=f"{head} {languages} WHERE {tail}",
            sign=sign,
            language="COALESCE(el.language_id, '')",
        ),
    ]


def _counted(event_id: str, enrolment_id: str) -> tuple[str, str]:
    """(joins, condition): the enrolment counts as trained by attendance where its training
    recorded any, by enrolment where it recorded none (as the programme dashboard's attended)."""
    joins = (
        f"LEFT JOIN {EVENT_COUNTS} ec ON ec.event_id = {event_id} "
        f"LEFT JOIN {ENROLMENT_ATTENDANCE} k ON k.enrolment_id = {enrolment_id}"
    )
    return joins, "(COALESCE(ec.records, 0) = 0 OR COALESCE(k.attended, 0) > 0)"


def _one_enrolment(vendor, row: str, sign: int) -> list[str]:
    joins, counted = _counted("ev.id", f"{row}.id")
    from_where = (
        f"FROM people_person p JOIN courses_trainingevent ev ON ev.id = {row}.event_id {joins} "
        f"WHERE p.id = {row}.person_id AND {row}.status = 'enrolled' AND {delivered('ev')} AND {counted}"
    )
    return _both_slices(vendor, ev="ev", from_where=from_where, sign=sign, event_id="ev.id")


def _all_enrolments_of_event(vendor, row: str, sign: int) -> list[str]:
    joins, counted = _counted(f"{row}.id", "e.id")
    from_where = (
        f"FROM courses_enrolment e JOIN people_person p ON p.id = e.person_id {joins} "
        f"WHERE e.event_id = {row}.id AND e.status = 'enrolled' AND {delivered(row)} AND {counted}"
    )
    return _both_slices(vendor, ev=row, from_where=from_where, sign=sign, event_id=f"{row}.id")


def _event_languages_changed(vendor, row: str, *, language: str, sign: int, when: str = "") -> str:
    joins, counted = _counted("ev.id", "e.id")
    from_where = (
        "FROM courses_enrolment e JOIN people_person p ON p.id = e.person_id "
        f"JOIN courses_trainingevent ev ON ev.id = e.event_id {joins} "
        f"WHERE e.event_id = {row}.trainingevent_id AND e.status = 'enrolled' "
        f"AND {delivered('ev')} AND {counted}{when}"
    )
    return _slice_upsert(
        vendor, table=LANGUAGE_SLICE, ev="ev", from_where=from_where, sign=sign, language=language
    )


def _membership_add(row: str, dimension: str, value: str) -> str:
    value = value.replace("X.", f"{row}.")
    return (
        f"INSERT INTO {MEMBERSHIP} (person_id, dimension, value, gender, n) "
        f"VALUES ({row}.person_id, '{dimension}', {value}, {row}.gender, {row}.n) "
        f"ON CONFLICT (dimension, person_id, value) DO UPDATE SET "
        f"n = {MEMBERSHIP}.n + excluded.n, gender = excluded.gender"
    )


def _membership_remove(row: str, dimension: str, value: str) -> str:
    value = value.replace("X.", f"{row}.")
    return (
        f"UPDATE {MEMBERSHIP} SET n = n - {row}.n WHERE person_id = {row}.person_id "
        f"AND dimension = '{dimension}' AND value = {value}"
    )


def _figure_add(row: str) -> str:
    return (
        f"INSERT INTO {FIGURE} (dimension, value, gender, people, participations) "
        f"VALUES ({row}.dimension, {row}.value, {row}.gender, "
        f"CASE WHEN {row}.n > 0 THEN 1 ELSE 0 END, {row}.n) "
        f"ON CONFLICT (dimension, value, gender) DO UPDATE SET "
        f"people = {FIGURE}.people + excluded.people, "
        f"participations = {FIGURE}.participations + excluded.participations"
    )


def _figure_remove(row: str) -> str:
    return (
        f"UPDATE {FIGURE} SET people = people - CASE WHEN {row}.n > 0 THEN 1 ELSE 0 END, "
        f"participations = participations - {row}.n "
        f"WHERE dimension = {row}.dimension AND value = {row}.value AND gender = {row}.gender"
    )


def _attendance_count(row: str, sign: int) -> str:
    """Add (or take away) one attendance record `row` to its enrolment's counts."""
    attended = f"CASE WHEN {row}.status IN ('present', 'late') THEN {sign} ELSE 0 END"
    excused = f"CASE WHEN {row}.status = 'excused' THEN {sign} ELSE 0 END"
    return (
        f"INSERT INTO {ENROLMENT_ATTENDANCE} (enrolment_id, records, attended, excused) "
        f"VALUES ({row}.enrolment_id, {sign}, {attended}, {excused}) "
        f"ON CONFLICT (enrolment_id) DO UPDATE SET "
        f"records = {ENROLMENT_ATTENDANCE}.records + excluded.records, "
        f"attended = {ENROLMENT_ATTENDANCE}.attended + excluded.attended, "
        f"excused = {ENROLMENT_ATTENDANCE}.excused + excluded.excused"
    )


def _day_count(row: str, sign: int) -> str:
    return (
        f"INSERT INTO {EVENT_COUNTS} (event_id, days, records) VALUES ({row}.event_id, {sign}, 0) "
        f"ON CONFLICT (event_id) DO UPDATE SET days = {EVENT_COUNTS}.days + excluded.days"
    )


def _event_records(event_id: str, records: str, from_where: str) -> str:
    return (
        f"INSERT INTO {EVENT_COUNTS} (event_id, days, records) SELECT {event_id}, 0, {records} "
        f"{from_where} ON CONFLICT (event_id) DO UPDATE SET "
        f"records = {EVENT_COUNTS}.records + excluded.records"
    )


def _record_of_event(row: str, sign: int) -> str:
    """One attendance record `row` more (or fewer) for its enrolment's training."""
    return _event_records(
        "e.event_id", str(sign), f"FROM courses_enrolment e WHERE e.id = {row}.enrolment_id"
    )


def _one_enrolment_by_id(vendor, enrolment_id: str, sign: int, when: str) -> list[str]:
    """`sign` participations for one enrolment of a training that recorded attendance, when
    its attended days start or stop being 0 (condition `when`)."""
    from_where = (
        "FROM courses_enrolment e JOIN people_person p ON p.id = e.person_id "
        f"JOIN courses_trainingevent ev ON ev.id = e.event_id JOIN {EVENT_COUNTS} ec ON ec.event_id = ev.id "
        f"WHERE e.id = {enrolment_id} AND e.status = 'enrolled' AND {delivered('ev')} "
        f"AND ec.records > 0 AND {when}"
    )
    return _both_slices(vendor, ev="ev", from_where=from_where, sign=sign, event_id="ev.id")


def _not_attended_of_event(vendor, event_id: str, sign: int, when: str) -> list[str]:
    """`sign` participations for every enrolment of a training with no attended day, when the
    training's first attendance record arrives (-1: they now count by attendance) or its last
    one goes (+1: they count by enrolment again)."""
    from_where = (
        "FROM courses_enrolment e JOIN people_person p ON p.id = e.person_id "
        "JOIN courses_trainingevent ev ON ev.id = e.event_id "
        f"LEFT JOIN {ENROLMENT_ATTENDANCE} k ON k.enrolment_id = e.id "
        f"WHERE e.event_id = {event_id} AND e.status = 'enrolled' AND {delivered('ev')} "
        f"AND COALESCE(k.attended, 0) = 0 AND {when}"
    )
    return _both_slices(vendor, ev="ev", from_where=from_where, sign=sign, event_id="ev.id")


def attendance_triggers(vendor: str) -> list[Trigger]:
    """The counts of days and attendance records, and what changes in the slices when they
    change. The order matters: an attendance record updates its enrolment's counts first and
    its training's second, so that the training's first record (present) leaves its own
    enrolment counted, by attendance now instead of by enrolment."""
    differs = lambda a, b: _differs(vendor, a, b)  # noqa: E731
    flipped = "(OLD.attended > 0) <> (NEW.attended > 0)"
    return [
        Trigger("stce_fig_day_ins", "courses_eventday", "INSERT", "1 = 1", (_day_count("NEW", 1),)),
        Trigger("stce_fig_day_del", "courses_eventday", "DELETE", "1 = 1", (_day_count("OLD", -1),)),
        Trigger(
            "stce_fig_day_upd",
            "courses_eventday",
            "UPDATE",
            differs("OLD.event_id", "NEW.event_id"),
            (_day_count("OLD", -1), _day_count("NEW", 1)),
        ),
        Trigger(
            "stce_fig_attendance_ins",
            "courses_attendance",
            "INSERT",
            "1 = 1",
            (_attendance_count("NEW", 1), _record_of_event("NEW", 1)),
        ),
        Trigger(
            "stce_fig_attendance_del",
            "courses_attendance",
            "DELETE",
            "1 = 1",
            (_attendance_count("OLD", -1), _record_of_event("OLD", -1)),
        ),
        Trigger(
            "stce_fig_attendance_upd",
            "courses_attendance",
            "UPDATE",
            f"{differs('OLD.status', 'NEW.status')} OR {differs('OLD.enrolment_id', 'NEW.enrolment_id')}",
            (
                _attendance_count("OLD", -1),
                _record_of_event("OLD", -1),
                _attendance_count("NEW", 1),
                _record_of_event("NEW", 1),
            ),
        ),
        Trigger(
            "stce_fig_counts_ins",
            ENROLMENT_ATTENDANCE,
            "INSERT",
            "NEW.attended > 0",
            tuple(_one_enrolment_by_id(vendor, "NEW.enrolment_id", 1, "1 = 1")),
        ),
        Trigger(
            "stce_fig_counts_upd",
            ENROLMENT_ATTENDANCE,
            "UPDATE",
            flipped,
            tuple(
                _one_enrolment_by_id(vendor, "NEW.enrolment_id", 1, "NEW.attended > 0")
                + _one_enrolment_by_id(vendor, "NEW.enrolment_id", -1, "NEW.attended <= 0")
            ),
        ),
        Trigger(
            "stce_fig_event_counts_ins",
            EVENT_COUNTS,
            "INSERT",
            "NEW.records > 0",
            tuple(_not_attended_of_event(vendor, "NEW.event_id", -1, "1 = 1")),
        ),
        Trigger(
            "stce_fig_event_counts_upd",
            EVENT_COUNTS,
            "UPDATE",
            "(OLD.records > 0) <> (NEW.records > 0)",
            tuple(
                _not_attended_of_event(vendor, "NEW.event_id", -1, "NEW.records > 0")
                + _not_attended_of_event(vendor, "NEW.event_id", 1, "NEW.records <= 0")
            ),
        ),
    ]


def _completion_changed(event_id: str) -> str:
    """What the completion rule reads of training `event_id` changed: bump its version
    (reporting.completions)."""
    return (
        f"INSERT INTO {COMPLETION_VERSION} (event_id, version) VALUES ({event_id}, 1) "
        f"ON CONFLICT (event_id) DO UPDATE SET version = {COMPLETION_VERSION}.version + 1"
    )


def _completion_changed_for_enrolment(enrolment_id: str) -> str:
    # Nothing when the enrolment is gone already (a flush deletes table by table).
    return (
        f"INSERT INTO {COMPLETION_VERSION} (event_id, version) SELECT e.event_id, 1 "
        f"FROM courses_enrolment e WHERE e.id = {enrolment_id} "
        f"ON CONFLICT (event_id) DO UPDATE SET version = {COMPLETION_VERSION}.version + 1"
    )


def completion_triggers(vendor: str) -> list[Trigger]:
    """Every write that can change who completed a training bumps the training's completion
    version: its enrolments, its days, their attendance records, its threshold and policy."""
    differs = lambda a, b: _differs(vendor, a, b)  # noqa: E731
    changed = lambda columns: " OR ".join(differs(f"OLD.{c}", f"NEW.{c}") for c in columns)  # noqa: E731
    by_event = (_completion_changed("OLD.event_id"), _completion_changed("NEW.event_id"))
    result = []
    for table, columns, bump in (
        ("courses_enrolment", ("status", "joined_on", "event_id", "person_id"), _completion_changed),
        ("courses_eventday", ("date", "event_id"), _completion_changed),
        ("courses_attendance", ("status", "enrolment_id", "day_id"), None),
    ):
        short = table.removeprefix("courses_")
        if bump is None:  # an attendance record: its enrolment's training
            new, old = (_completion_changed_for_enrolment(f"{row}.enrolment_id") for row in ("NEW", "OLD"))
            both = (old, new)
        else:
            new, old, both = bump("NEW.event_id"), bump("OLD.event_id"), by_event
        result += [
            Trigger(f"stce_fig_cpl_{short}_ins", table, "INSERT", "1 = 1", (new,)),
            Trigger(f"stce_fig_cpl_{short}_del", table, "DELETE", "1 = 1", (old,)),
            Trigger(f"stce_fig_cpl_{short}_upd", table, "UPDATE", changed(columns), both),
        ]
    result.append(
        Trigger(
            "stce_fig_cpl_event_upd",
            "courses_trainingevent",
            "UPDATE",
            changed(("completion_threshold", "excused_policy")),
            (_completion_changed("NEW.id"),),
        )
    )
    return result


def triggers(vendor: str) -> list[Trigger]:
    differs = lambda a, b: _differs(vendor, a, b)  # noqa: E731
    event_changed = " OR ".join(
        [
            differs(f"OLD.{c}", f"NEW.{c}")
            for c in ("status", "took_place", "kind", "format", "region_id", "host_country_id")
        ]
        + [differs(_year(vendor, "OLD.start_date"), _year(vendor, "NEW.start_date"))]
    )
    person_changed = " OR ".join(
        differs(f"OLD.{c}", f"NEW.{c}") for c in ("gender", "country_id", "organisation_id")
    )
    slice_changed = " OR ".join(
        differs(f"OLD.{c}", f"NEW.{c}") for c in ("n", "gender", "country", "organisation_id")
    )
    count_languages = (
        "(SELECT COUNT(*) FROM courses_trainingevent_languages x "
        "WHERE x.trainingevent_id = {row}.trainingevent_id)"
    )
    result = [
        Trigger(
            "stce_fig_enrolment_ins",
            "courses_enrolment",
            "INSERT",
            "NEW.status = 'enrolled'",
            tuple(_one_enrolment(vendor, "NEW", 1)),
        ),
        Trigger(
            "stce_fig_enrolment_del",
            "courses_enrolment",
            "DELETE",
            "OLD.status = 'enrolled'",
            tuple(_one_enrolment(vendor, "OLD", -1)),
        ),
        Trigger(
            "stce_fig_enrolment_upd",
            "courses_enrolment",
            "UPDATE",
            " OR ".join(differs(f"OLD.{c}", f"NEW.{c}") for c in ("status", "event_id", "person_id")),
            tuple(
                _one_enrolment(vendor, "OLD", -1)
                + _one_enrolment(vendor, "NEW", 1)
                + [
                    # Its attendance records go with it to the other training (after its own
                    # participations, which followed the records' old place).
                    _event_records(
                        f"{row}.event_id",
                        f"{sign} * k.records",
                        f"FROM {ENROLMENT_ATTENDANCE} k WHERE k.enrolment_id = NEW.id AND k.records <> 0 "
                        f"AND {differs('OLD.event_id', 'NEW.event_id')}",
                    )
                    for row, sign in (("OLD", -1), ("NEW", 1))
                ]
            ),
        ),
        Trigger(
            "stce_fig_event_upd",
            "courses_trainingevent",
            "UPDATE",
            event_changed,
            tuple(_all_enrolments_of_event(vendor, "OLD", -1) + _all_enrolments_of_event(vendor, "NEW", 1)),
        ),
        Trigger(
            "stce_fig_person_upd",
            "people_person",
            "UPDATE",
            person_changed,
            tuple(
                f"UPDATE {table} SET gender = NEW.gender, country = COALESCE(NEW.country_id, ''), "
                f"organisation_id = COALESCE(NEW.organisation_id, 0) WHERE person_id = NEW.id"
                for table in (SLICE, LANGUAGE_SLICE)
            ),
        ),
        # The first language of an event replaces its "not recorded" slices; removing the
        # last one brings them back.
        Trigger(
            "stce_fig_language_ins",
            "courses_trainingevent_languages",
            "INSERT",
            "1 = 1",
            (
                _event_languages_changed(vendor, "NEW", language="NEW.language_id", sign=1),
                _event_languages_changed(
                    vendor,
                    "NEW",
                    language="''",
                    sign=-1,
                    when=" AND "
                    + count_languages.format(row="NEW")
                    + (" = 0" if vendor == "postgresql" else " = 1"),
                ),
            ),
            before_on_postgresql=True,
        ),
        Trigger(
            "stce_fig_language_del",
            "courses_trainingevent_languages",
            "DELETE",
            "1 = 1",
            (
                _event_languages_changed(vendor, "OLD", language="OLD.language_id", sign=-1),
                _event_languages_changed(
                    vendor,
                    "OLD",
                    language="''",
                    sign=1,
                    when=" AND "
                    + count_languages.format(row="OLD")
                    + (" = 1" if vendor == "postgresql" else " = 0"),
                ),
            ),
            before_on_postgresql=True,
        ),
    ]
    for table, dimensions, short, source in (
        (SLICE, SLICE_DIMENSIONS, "slice", "slice"),
        (LANGUAGE_SLICE, LANGUAGE_SLICE_DIMENSIONS, "lslice", "language"),
    ):
        add = lambda row, dims=dimensions: tuple(_membership_add(row, d, v) for d, v in dims.items())  # noqa: E731
        remove = lambda row, dims=dimensions: tuple(  # noqa: E731
            _membership_remove(row, d, v) for d, v in dims.items()
        )
        result += [
            Trigger(
                f"stce_fig_{short}_ins",
                table,
                "INSERT",
                "1 = 1",
                (*add("NEW"), BUMP_VERSION, _cell_changed(source, "NEW")),
            ),
            Trigger(
                f"stce_fig_{short}_upd",
                table,
                "UPDATE",
                slice_changed,
                # A slice's cell (its key) never changes: only what it counts does.
                (*remove("OLD"), *add("NEW"), BUMP_VERSION, _cell_changed(source, "NEW")),
            ),
            Trigger(
                f"stce_fig_{short}_del",
                table,
                "DELETE",
                "1 = 1",
                (*remove("OLD"), BUMP_VERSION, _cell_changed(source, "OLD")),
            ),
        ]
    membership_changed = " OR ".join(differs(f"OLD.{c}", f"NEW.{c}") for c in ("n", "gender"))
    result += [
        Trigger("stce_fig_membership_ins", MEMBERSHIP, "INSERT", "1 = 1", (_figure_add("NEW"),)),
        Trigger(
            "stce_fig_membership_upd",
            MEMBERSHIP,
            "UPDATE",
            membership_changed,
            (_figure_remove("OLD"), _figure_add("NEW")),
        ),
        Trigger("stce_fig_membership_del", MEMBERSHIP, "DELETE", "1 = 1", (_figure_remove("OLD"),)),
    ]
    return result + attendance_triggers(vendor) + completion_triggers(vendor)


def _create_sql(vendor: str, trigger: Trigger) -> list[str]:
    if vendor == "postgresql":
        timing = "BEFORE" if trigger.before_on_postgresql else "AFTER"
        returned = "OLD" if trigger.event == "DELETE" else "NEW"
        body = ";\n    ".join(trigger.statements)
        return [
            f"CREATE OR REPLACE FUNCTION {trigger.name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  IF {trigger.condition} THEN\n    {body};\n  END IF;\n  RETURN {returned};\nEND\n$$",
            f"DROP TRIGGER IF EXISTS {trigger.name} ON {trigger.table}",
            f"CREATE TRIGGER {trigger.name} {timing} {trigger.event} ON {trigger.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {trigger.name}_fn()",
        ]
    body = ";\n  ".join(trigger.statements)
    # SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (parser ambiguity with JOIN … ON);
    # every generated SELECT has one.
    return [
        f"DROP TRIGGER IF EXISTS {trigger.name}",
        f"CREATE TRIGGER {trigger.name} AFTER {trigger.event} ON {trigger.table} FOR EACH ROW "
        f"WHEN {trigger.condition}\nBEGIN\n  {body};\nEND",
    ]


def _drop_sql(vendor: str, trigger: Trigger) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {trigger.name} ON {trigger.table}",
            f"DROP FUNCTION IF EXISTS {trigger.name}_fn()",
        ]
    return [f"DROP TRIGGER IF EXISTS {trigger.name}"]


def _check_vendor(connection) -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise NotImplementedError(
            f"Dashboard triggers exist for SQLite and PostgreSQL, not {connection.vendor}"
        )
    return connection.vendor


def install_triggers(connection) -> None:
    """Create (or re-create) every trigger; idempotent."""
    vendor = _check_vendor(connection)
    with connection.cursor() as cursor:
        for trigger in triggers(vendor):
            for sql in _create_sql(vendor, trigger):
                cursor.execute(sql)


def drop_triggers(connection) -> None:
    vendor = _check_vendor(connection)
    with connection.cursor() as cursor:
        for trigger in triggers(vendor):
            for sql in _drop_sql(vendor, trigger):
                cursor.execute(sql)


def installed_trigger_names(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'stce_fig_%%' AND NOT tgisinternal"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stce_fig_%'")
        return {row[0] for row in cursor.fetchall()}


def missing_triggers(connection) -> set[str]:
    return {t.name for t in triggers(_check_vendor(connection))} - installed_trigger_names(connection)
