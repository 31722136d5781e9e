"""Administrators see who is locked out of signing in, and unlock them."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.spreadsheets import DATETIME, INTEGER, Column
from people.errors import DomainError
from people.forms.lockouts import LockoutFilter, UnlockForm
from people.lists import Header, ListPage
from people.lockouts import current_lockouts, unlock_sign_in
from people.roles import ADMINISTRATOR, role_required

LOCKOUTS = ListPage(
    name="lockouts",
    title=gettext_lazy("Locked-out accounts"),
    filterset=LockoutFilter,
    sorts={
        "-last": ("-attempt_time", "-pk"),
        "last": ("attempt_time", "pk"),
        "username": ("username", "-attempt_time", "pk"),
        "-username": ("-username", "-attempt_time", "pk"),
        "-attempts": ("-failures_since_start", "-attempt_time", "pk"),
        "attempts": ("failures_since_start", "-attempt_time", "pk"),
    },
    default_sort="-last",
    page_size=50,
    headers=[
        Header(gettext_lazy("Username"), sort="username"),
        Header(gettext_lazy("Address")),
        Header(gettext_lazy("Failed attempts"), sort="attempts"),
        Header(gettext_lazy("Last attempt"), sort="last"),
        Header(gettext_lazy("Actions"), hidden=True),
    ],
    columns=[
        Column(gettext_lazy("Username"), lambda a: a.username),
        Column(gettext_lazy("Address"), lambda a: a.ip_address),
        Column(gettext_lazy("Failed attempts"), lambda a: a.failures_since_start, INTEGER),
        Column(gettext_lazy("Last attempt"), lambda a: a.attempt_time, DATETIME),
    ],
)


@role_required(ADMINISTRATOR)
def lockout_list(request):
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cleared = unlock_sign_in(
                username=form.cleaned_data["username"], ip_address=form.cleaned_data["ip_address"]
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            if cleared:
                messages.success(request, _("%(username)s can sign in again.") % form.cleaned_data)
            else:
                messages.info(request, _("There were no failed sign-ins to clear for %(username)s.")
                              % form.cleaned_data)
            return redirect("people:lockout-list")
    lockouts = current_lockouts()
    if isinstance(lockouts, list):  # kept in the shared cache: filtered and sorted here
        listing = LOCKOUTS.apply(request, AccessAttempt.objects.none())
        listing.use_rows(_in_memory(lockouts, listing))
    else:
        listing = LOCKOUTS.apply(request, lockouts)
    return listing.response("people/lockout_list.html", {"unlock_form": form})


# The same sorts as LOCKOUTS.sorts, on the attributes of cache lockouts.
MEMORY_SORTS = {"last": "attempt_time", "username": "username", "attempts": "failures_since_start"}


def _in_memory(lockouts: list, listing) -> list:
    query = (listing.cleaned("q") or "").casefold()
    rows = [lockout for lockout in lockouts if query in lockout.username.casefold()]
    attribute = MEMORY_SORTS[listing.sort.lstrip("-")]
    return sorted(rows, key=lambda lockout: getattr(lockout, attribute), reverse=listing.sort.startswith("-"))
