"""A focal point nominates from a spreadsheet: upload → report (nothing written) → choices for
unknown values in the page → commit with one consent and one letter for the list. The same
steps, checks and report as the participant import (courses/views/participants.py), for one
of the focal point's own invitations (any other is a 404)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.forms.participants import ImportResolutionForm
from courses.services import participant_import as importer
from courses.services.import_template import template_csv, template_xlsx
from documents.downloads import CSV, XLSX, file_download
from people.errors import DomainError
from people.models import Organisation

from .access import focal_point_of, invitations_for
from .forms import NominationListCommitForm, NominationListForm
from .services import nomination_import as nominations

SESSION_KEY = "nomination_imports"


def _own_invitation(request, pk: int):
    focal_point = focal_point_of(request.user)
    return focal_point, get_object_or_404(invitations_for(focal_point), pk=pk)


def _page(request, invitation, form, report=None, token=None, commit_form=None, status=200):
    url = reverse("nominations:focal-import", args=[invitation.pk])
    context = {
        "invitation": invitation,
        "event": invitation.event,
        "form": form,
        "report": report,
        "token": token,
        "commit_form": commit_form or NominationListCommitForm(),
        "can_commit": report is not None and token is not None and not report.has_errors,
        "resolve_url": reverse("nominations:focal-import-resolve", args=[invitation.pk]),
        "commit_url": reverse("nominations:focal-import-commit", args=[invitation.pk]),
        "self_url": url,
        "countries": [invitation.country],
        "organisations": Organisation.objects.filter(country=invitation.country)
        .select_related("country")
        .order_by("name"),
    }
    return render(request, "nominations/focal_import.html", context, status=status)


def _expired(request) -> None:
    messages.error(request, _("This import has expired or was already committed; upload the file again."))


def _stashed(request, invitation, token: str):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    return entry if entry and entry["invitation"] == invitation.pk else None


def _report(request, invitation, token: str):
    """The report of the list kept under `token`, with the choices made since; None once gone."""
    entry = _stashed(request, invitation, token)
    if entry is None:
        _expired(request)
        return None
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        return nominations.validate_nominations(
            invitation=invitation, data=data, filename=entry["filename"], resolutions=entry.get("resolutions")
        )
    except DomainError as error:
        messages.error(request, error.message)
        return None


@login_required
def focal_import(request, pk: int):
    """Upload → the report by row and column. Nothing is written here."""
    focal_point, invitation = _own_invitation(request, pk)
    form = NominationListForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = nominations.validate_nominations(invitation=invitation, data=data, filename=upload.name)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            token = importer.stash_upload(data=data, filename=upload.name)
            stash = request.session.get(SESSION_KEY, {})
            stash[token] = {"invitation": invitation.pk, "filename": upload.name, "rows": len(report.rows)}
            request.session[SESSION_KEY] = stash
    elif request.method == "GET" and "token" in request.GET:
        report = _report(request, invitation, request.GET["token"])
        token = request.GET["token"] if report is not None else None
    return _page(request, invitation, form, report, token)


@login_required
def focal_import_resolve(request, pk: int):
    """Say once which organisation (or that it is your country) an unknown value means."""
    focal_point, invitation = _own_invitation(request, pk)
    page = reverse("nominations:focal-import", args=[invitation.pk])
    if request.method != "POST":
        return redirect(page)
    form = ImportResolutionForm(request.POST)
    token = request.POST.get("token", "")
    stash = request.session.get(SESSION_KEY, {})
    entry = _stashed(request, invitation, token)
    if entry is None:
        _expired(request)
        return redirect(page)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{page}?token={token}")
    column, value = form.cleaned_data["column"], form.cleaned_data["value"]
    # Only the invitation's country, and its organisations: the list is that country's.
    chosen = form.cleaned_data.get("country" if column == "country" else "organisation")
    chosen_country = getattr(chosen, "country_id", getattr(chosen, "pk", None))
    if chosen is None or chosen_country != invitation.country_id:
        messages.error(
            request,
            _("Choose %(country)s or one of its organisations.") % {"country": _(invitation.country.name)},
        )
        return redirect(f"{page}?token={token}")
    resolutions = stash[token].setdefault("resolutions", {})
    resolutions.setdefault(column, {})[importer.resolution_key(value)] = chosen.pk
    request.session[SESSION_KEY] = stash
    messages.success(request, _("“%(value)s” is resolved in every row of the file.") % {"value": value})
    return redirect(f"{page}?token={token}")


@login_required
def focal_import_commit(request, pk: int):
    """Nominate every new official of a checked list: all of them, or none."""
    focal_point, invitation = _own_invitation(request, pk)
    page = reverse("nominations:focal-import", args=[invitation.pk])
    if request.method != "POST":
        return redirect(page)
    token = request.POST.get("token", "")
    entry = _stashed(request, invitation, token)
    if entry is None:
        _expired(request)
        return redirect(page)
    commit_form = NominationListCommitForm(request.POST, request.FILES)
    if not commit_form.is_valid():
        report = _report(request, invitation, token)
        return _page(request, invitation, NominationListForm(), report, token, commit_form)
    options = {
        "invitation": invitation,
        "focal_point": focal_point,
        "consent": commit_form.cleaned_data["consent"],
        "letter": commit_form.cleaned_data.get("letter_file"),
        "by": request.user,
        "resolutions": entry.get("resolutions"),
    }
    return _commit(request, invitation, token, entry, options)


def _commit(request, invitation, token: str, entry: dict, options: dict):
    landing = reverse("nominations:focal-event", args=[invitation.event_id])
    if nominations.runs_in_background(entry.get("rows", 0)):
        # Too many rows to write while the browser waits: a worker writes them, this page follows.
        job = nominations.start_import(token=token, filename=entry["filename"], rows=entry["rows"], **options)
        _forget(request, token)
        return redirect(job)
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        outcome = nominations.commit_nominations(data=data, filename=entry["filename"], **options)
    except importer.ImportRefused as refused:
        # The list changed meaning since its report (someone nominated meanwhile): the new report.
        messages.error(request, refused.message)
        return _page(request, invitation, NominationListForm(), refused.report, None)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("nominations:focal-import", pk=invitation.pk)
    importer.discard_upload(token=token, filename=entry["filename"])
    _forget(request, token)
    messages.success(request, nominations.nominated_message(outcome))
    return redirect(landing)


def _forget(request, token: str) -> None:
    stash = request.session.get(SESSION_KEY, {})
    stash.pop(token, None)
    request.session[SESSION_KEY] = stash


TEMPLATE_FORMATS = {"xlsx": XLSX, "csv": CSV}


@login_required
def focal_import_template(request, language: str, fmt: str):
    """The blank list of nominees in one language (the participant list, e-mail required)."""
    focal_point_of(request.user)
    if language not in dict(settings.LANGUAGES) or fmt not in TEMPLATE_FORMATS:
        raise Http404
    if fmt == "xlsx":
        data = template_xlsx(language, required=nominations.REQUIRED_COLUMNS)
    else:
        data = template_csv(language)
    return file_download(data, filename=f"stce-nominees-{language}.{fmt}", content_type=TEMPLATE_FORMATS[fmt])
