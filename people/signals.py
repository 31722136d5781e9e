from django.contrib.auth.models import Group, Permission

from people import roles

DOMAIN_APPS = ("people", "background", "mailing", "courses", "accreditation", "certificates", "reporting")

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
    # Administrators read failed background tasks (with their error) and run them again.
    for codename in ("view_dbtaskresult", "change_dbtaskresult"):
        administrator.add(("django_tasks_database", codename))
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
