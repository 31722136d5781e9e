"""Counting every summary row from scratch, and keeping the triggers through migrations.

A set-based recount is what the triggers would have produced row by row; it serves bulk
loads that set the triggers aside (seed_scale) and migrations, during which they are off.
"""

# The SQL below is assembled from constants only, never from input.
# ruff: noqa: S608

import contextlib

from django.db import transaction

from .cells import CannotPack, pack_every_cell
from .completions import pack_every_training
from .triggers import (
    BUMP_VERSION,
    CELL,
    COMPLETION_VERSION,
    ENROLMENT_ATTENDANCE,
    EVENT_COUNTS,
    FIGURE,
    LANGUAGE_SLICE,
    LANGUAGE_SLICE_DIMENSIONS,
    MEMBERSHIP,
    PACKED_CELL,
    PACKED_COMPLETERS,
    SLICE,
    SLICE_COLUMNS,
    SLICE_DIMENSIONS,
    VERSION,
    _check_vendor,
    _counted,
    _year,
    delivered,
    drop_triggers,
    install_triggers,
    missing_triggers,
)


def _rebuild_statements(vendor: str) -> list[str]:
    event_columns = (
        f"e.person_id, {_year(vendor, 'ev.start_date')}, COALESCE(ev.region_id, hc.region_id, ''), "
        "ev.kind, ev.format, p.gender, COALESCE(p.country_id, ''), COALESCE(p.organisation_id, 0)"
    )
    counted_joins, counted = _counted("ev.id", "e.id")
    joins = (
        "FROM courses_enrolment e JOIN courses_trainingevent ev ON ev.id = e.event_id "
        "JOIN people_person p ON p.id = e.person_id "
        f"LEFT JOIN people_country hc ON hc.code = ev.host_country_id {counted_joins}"
    )
    where = f"WHERE e.status = 'enrolled' AND {delivered('ev')} AND {counted}"
    statements = [
        f"DELETE FROM {table}"
        for table in (
            FIGURE,
            MEMBERSHIP,
            LANGUAGE_SLICE,
            SLICE,
            ENROLMENT_ATTENDANCE,
            EVENT_COUNTS,
            PACKED_CELL,
            CELL,
            PACKED_COMPLETERS,
            COMPLETION_VERSION,
        )
    ]
    # Every training at version 1, its list of who completed not worked out yet (rebuild_figures
    # does it).
    statements.append(
        f"INSERT INTO {COMPLETION_VERSION} (event_id, version) SELECT id, 1 FROM courses_trainingevent"
    )
    # The counts first: whether an enrolment counts as trained reads them.
    statements.append(
        f"INSERT INTO {EVENT_COUNTS} (event_id, days, records) SELECT event_id, SUM(day), SUM(record) "
        "FROM (SELECT event_id, 1 AS day, 0 AS record FROM courses_eventday UNION ALL "
        "SELECT e.event_id, 0, 1 FROM courses_attendance a "
        "JOIN courses_enrolment e ON e.id = a.enrolment_id) "
        "AS counted GROUP BY event_id"
    )
    statements.append(
        f"INSERT INTO {ENROLMENT_ATTENDANCE} (enrolment_id, records, attended, excused) "
        "SELECT enrolment_id, COUNT(*), SUM(CASE WHEN status IN ('present', 'late') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'excused' THEN 1 ELSE 0 END) FROM courses_attendance GROUP BY enrolment_id"
    )
    statements += [
        f"INSERT INTO {SLICE} ({SLICE_COLUMNS}) SELECT {event_columns}, COUNT(*) {joins} {where} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
        f"INSERT INTO {LANGUAGE_SLICE} ({SLICE_COLUMNS.replace(', n', ', language, n')}) "
        f"SELECT {event_columns}, COALESCE(el.language_id, ''), COUNT(*) {joins} "
        "LEFT JOIN courses_trainingevent_languages el ON el.trainingevent_id = ev.id "
        f"{where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
    ]
    # Every cell with slices, at version 1 and not packed yet (rebuild_figures packs them).
    statements += [
        f"INSERT INTO {CELL} (source, year, region, kind, format, language, version) "
        f"SELECT '{source}', year, region, kind, format, {language}, 1 FROM {table} "
        f"GROUP BY year, region, kind, format{group_language}"
        for source, table, language, group_language in (
            ("slice", SLICE, "''", ""),
            ("language", LANGUAGE_SLICE, "language", ", language"),
        )
    ]
    for table, dimensions in ((SLICE, SLICE_DIMENSIONS), (LANGUAGE_SLICE, LANGUAGE_SLICE_DIMENSIONS)):
        for dimension, value in dimensions.items():
            value = value.replace("X.", "")
            # PostgreSQL refuses a constant in GROUP BY.
            group_by = "person_id" if value == "''" else f"person_id, {value}"
            statements.append(
                f"INSERT INTO {MEMBERSHIP} (person_id, dimension, value, gender, n) "
                f"SELECT person_id, '{dimension}', {value}, MAX(gender), SUM(n) FROM {table} "
                f"GROUP BY {group_by}"
            )
    statements += [
        f"INSERT INTO {VERSION} (id, counter) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM {VERSION})",
        BUMP_VERSION,
    ]
    statements.append(
        f"INSERT INTO {FIGURE} (dimension, value, gender, people, participations) "
        f"SELECT dimension, value, gender, COUNT(*), SUM(n) FROM {MEMBERSHIP} WHERE n > 0 "
        "GROUP BY dimension, value, gender"
    )
    return statements


def rebuild_figures(connection) -> None:
    """Recount every summary row from the records, set-based, and re-install the triggers.

    Used after bulk loads that bypass the triggers (seed_scale) and whenever a migration
    dropped a trigger (SQLite drops them with a table it rebuilds).
    """
    vendor = _check_vendor(connection)
    with transaction.atomic(using=connection.alias):
        drop_triggers(connection)
        with connection.cursor() as cursor:
            for sql in _rebuild_statements(vendor):
                cursor.execute(sql)
        install_triggers(connection)
    # Where a slice holds what the packed columns cannot, filtered views count in the database.
    with contextlib.suppress(CannotPack):
        pack_every_cell(using=connection.alias)
    pack_every_training(using=connection.alias)


def suspend_triggers(using: str = "default", plan=None, **kwargs) -> None:
    """pre_migrate: set the triggers aside while migrations run.

    SQLite rebuilds a table to alter it (copy, drop, rename) and refuses the rename while a
    trigger names the table, so any other app's migration of events, enrolments or people
    would fail. post_migrate (`ensure_triggers`) puts them back and recounts.
    """
    from django.db import connections

    connection = connections[using]
    if plan and SLICE in connection.introspection.table_names():
        drop_triggers(connection)


def ensure_triggers(using: str = "default", **kwargs) -> None:
    """post_migrate: re-install missing triggers and recount what changed without them."""
    from django.db import connections

    connection = connections[using]
    if not {SLICE, ENROLMENT_ATTENDANCE, EVENT_COUNTS} <= set(connection.introspection.table_names()):
        return  # migrated back to before the summary tables: nothing to keep
    if missing_triggers(connection) or _left_over_after_flush(connection):
        rebuild_figures(connection)


def _left_over_after_flush(connection) -> bool:
    """`flush` (which ends every transactional test) deletes table by table in any order,
    with the triggers on: summary rows can outlive the records they counted. Flush sends
    post_migrate, so recounting an emptied database here is cheap and puts that right."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {VERSION}) OR (NOT EXISTS "
            f"(SELECT 1 FROM courses_enrolment) AND (EXISTS (SELECT 1 FROM {SLICE}) "
            f"OR EXISTS (SELECT 1 FROM {LANGUAGE_SLICE}) OR EXISTS (SELECT 1 FROM {MEMBERSHIP}) "
            f"OR EXISTS (SELECT 1 FROM {FIGURE}) OR EXISTS (SELECT 1 FROM {CELL}) "
            f"OR EXISTS (SELECT 1 FROM {COMPLETION_VERSION}))) "
            f"OR (NOT EXISTS (SELECT 1 FROM courses_attendance) "
            f"AND EXISTS (SELECT 1 FROM {ENROLMENT_ATTENDANCE})) "
            f"OR (NOT EXISTS (SELECT 1 FROM courses_eventday) AND EXISTS (SELECT 1 FROM {EVENT_COUNTS}))"
        )
        return cursor.fetchone() is not None
