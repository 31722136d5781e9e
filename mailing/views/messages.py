"""One message as it was sent, with its log, and sending it again after a failure."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mailing.attachments import names
from mailing.models import Message
from mailing.services.outbox import send_again
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@role_required(COORDINATOR, ADMINISTRATOR)
def message_detail(request, pk):
    message = get_object_or_404(Message.objects.with_log().select_related("created_by"), pk=pk)
    return render(
        request,
        "mailing/message_detail.html",
        {"message": message, "attachment_names": names(message.attachments)},
    )


@require_POST
@role_required(COORDINATOR, ADMINISTRATOR)
def message_send_again(request, pk):
    message = get_object_or_404(Message, pk=pk)
    try:
        send_again(message=message, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The message is queued to be sent again."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("mailing:message-detail", pk=message.pk)
