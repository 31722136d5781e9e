from django.contrib.auth.models import Group, Permission

from stce import roles

DOMAIN_APPS = ("stce", "courses", "accreditation")

# Model-level permissions per role. The views check roles; these permissions drive the
# Django admin back office, which only administrators (staff) can open.
READ_ONLY_FOR_COORDINATORS = {"region", "country", "language"}


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """(app_label, codename) pairs each role should hold."""
    perms = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).select_related(
        "content_type"
    )
    coordinator, trainer, administrator = set(), set(), set()
    for perm in perms:
        key = (perm.content_type.app_label, perm.codename)
        model = perm.content_type.model
        action = perm.codename.split("_", 1)[0]
        administrator.add(key)
        if model.startswith("historical"):
            continue
        if action == "view" or (action in {"add", "change"} and model not in READ_ONLY_FOR_COORDINATORS):
            coordinator.add(key)
        if model in {"module", "trainingevent", "eventday", "agendaitem"} and action == "view":
            trainer.add(key)
        if model == "attendance" and action in {"view", "add", "change"}:
            trainer.add(key)
    for codename in ("view_user", "change_user", "add_user", "view_group"):
        administrator.add(("auth", codename))
    # Administrators see sign-in lockouts in the back office and unlock an account by
    # deleting its access attempt.
    for codename in ("view_accessattempt", "delete_accessattempt", "view_accessfailurelog", "view_accesslog"):
        administrator.add(("axes", codename))
    return {roles.COORDINATOR: coordinator, roles.TRAINER: trainer, roles.ADMINISTRATOR: administrator}


def sync_role_permissions(**kwargs):
    """Give each role exactly its permissions; idempotent, runs after every migrate."""
    wanted = role_permissions()
    for group_name, keys in wanted.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        ids = [
            pk
            for pk, app_label, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
            if (app_label, codename) in keys
        ]
        group.permissions.set(ids)


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
