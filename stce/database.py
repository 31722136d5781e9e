"""Database connection settings that Django cannot express in DATABASES."""


def use_sqlite_variable_limit(sender, connection, **kwargs):
    """Let bulk writes use the SQLite library's real limit of query parameters.

    Django 5.2 assumes 999 (SQLite before 3.32), so saving a 60 × 5 attendance grid with
    its history took a batch per 80 rows and the query count grew with the participants.
    The library reports its own limit (32766 since 3.32); Django 6.0 reads it the same way.
    """
    if connection.vendor != "sqlite":
        return
    import sqlite3

    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    # Capped at SQLite's own default so that one statement stays well under its 1 MB
    # SQL-length limit even where the library allows more variables.
    connection.features.max_query_params = max(999, min(limit, 32766))
