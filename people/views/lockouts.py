"""Administrators see who is locked out of signing in, and unlock them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from people.errors import DomainError
from people.forms.lockouts import UnlockForm
from people.lockouts import current_lockouts, unlock_sign_in
from people.roles import ADMINISTRATOR, role_required


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
    page = Paginator(current_lockouts(), 50).get_page(request.GET.get("page"))
    return render(request, "people/lockout_list.html", {"form": form, "page_obj": page})
