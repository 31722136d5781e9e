"""Participants of an event: enrol, withdraw, import, export."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from courses.access import event_for
from courses.forms.participants import ImportResolutionForm, ImportUploadForm, ParticipantFilter, WithdrawForm
from courses.models import Enrolment
from courses.services import import_jobs
from courses.services import participant_import as importer
from courses.services.enrolment import enrol, enrol_new_person, places_left, withdraw
from courses.services.import_template import template_csv, template_xlsx
from documents.downloads import CSV, XLSX, file_download
from documents.spreadsheets import DATE, DATETIME, Column
from people.errors import DomainError
from people.forms.people import PersonForm
from people.lists import Header, ListPage
from people.models import Country, Organisation, Person
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, role_required
from people.services.organisations import find_or_create_organisation

SESSION_KEY = "participant_imports"
# Where each committed import of this session went, by token: a second press of Commit (a
# double click, a resent form) lands on the same result instead of an error.
DONE_KEY = "participant_imports_done"
PREVIEW_ROWS = 200

PARTICIPANTS = ListPage(
    name="participants",
    title=gettext_lazy("Participants"),
    filterset=ParticipantFilter,
    sorts={
        "status": ("status", "person__family_name", "person__given_name", "pk"),
        "-status": ("-status", "person__family_name", "person__given_name", "pk"),
        "name": ("person__family_name", "person__given_name", "pk"),
        "-name": ("-person__family_name", "-person__given_name", "-pk"),
        "country": ("person__country__name", "person__family_name", "pk"),
        "-country": ("-person__country__name", "person__family_name", "pk"),
        "organisation": ("person__organisation__name", "person__family_name", "pk"),
        "-organisation": ("-person__organisation__name", "person__family_name", "pk"),
    },
    default_sort="status",
    page_size=50,
    headers=[
        Header(gettext_lazy("Name"), sort="name"),
        Header(gettext_lazy("Gender")),
        Header(gettext_lazy("Country"), sort="country"),
        Header(gettext_lazy("Organisation"), sort="organisation"),
        Header(gettext_lazy("Status"), sort="status"),
    ],
    columns=[
        Column(gettext_lazy("Given name"), lambda e: e.person.given_name),
        Column(gettext_lazy("Family name"), lambda e: e.person.family_name),
        Column(gettext_lazy("Name in Latin script"), lambda e: e.person.latin_name),
        Column(gettext_lazy("Gender"), lambda e: e.person.get_gender_display()),
        Column(gettext_lazy("Country"), lambda e: e.person.country),
        Column(gettext_lazy("Organisation"), lambda e: e.person.organisation),
        Column(pgettext_lazy("job", "Position"), lambda e: e.person.position),
        Column(gettext_lazy("E-mail"), lambda e: e.person.email),
        Column(gettext_lazy("Status"), lambda e: e.get_status_display()),
        Column(gettext_lazy("Enrolled at"), lambda e: e.enrolled_at, DATETIME),
        Column(gettext_lazy("Joined on"), lambda e: e.joined_on, DATE),
        Column(gettext_lazy("Withdrawn at"), lambda e: e.withdrawn_at, DATETIME),
        Column(gettext_lazy("Reason for withdrawal"), lambda e: e.withdrawal_reason),
    ],
    # Trainers see who takes part in their event; the list with e-mail addresses leaves the
    # system only through the programme's staff.
    export_roles=(COORDINATOR, ADMINISTRATOR),
)


@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def participant_list(request, pk: int):
    event = event_for(request.user, pk)
    enrolments = Enrolment.objects.filter(event=event).select_related(
        "person__country", "person__organisation"
    )
    return PARTICIPANTS.apply(request, enrolments).response(
        "courses/participant_list.html", {"event": event, "places_left": places_left(event)}
    )


@role_required(COORDINATOR)
def participant_add(request, pk: int):
    """Search the directory first; create the person only when they are not there yet."""
    event = event_for(request.user, pk)
    query = request.GET.get("q", "").strip()
    results = (
        Person.objects.with_relations().filter(erased_at__isnull=True).search(query)[:25] if query else []
    )
    enrolled_ids = set(Enrolment.objects.active().filter(event=event).values_list("person_id", flat=True))
    person_form = PersonForm(request.POST if request.POST.get("action") == "create" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "create":
                if person_form.is_valid():
                    person = enrol_new_person(event=event, values=person_form.cleaned_data, by=request.user)
                    messages.success(
                        request, _("%(name)s was added and enrolled.") % {"name": person.full_name}
                    )
                    return redirect(request.get_full_path())
            else:
                person_id = request.POST.get("person", "")
                if not person_id.isdigit():
                    raise Http404
                person = get_object_or_404(Person, pk=person_id, erased_at__isnull=True)
                enrol(event=event, person=person, by=request.user)
                messages.success(request, _("%(name)s is enrolled.") % {"name": person.full_name})
                return redirect(request.get_full_path())
        except DomainError as error:
            if person_form.is_bound and error.field in person_form.fields:
                person_form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
    return render(
        request,
        "courses/participant_add.html",
        {
            "event": event,
            "query": query,
            "results": results,
            "enrolled_ids": enrolled_ids,
            "person_form": person_form,
            "places_left": places_left(event),
        },
    )


@role_required(COORDINATOR)
def participant_withdraw(request, pk: int, enrolment_pk: int):
    event = event_for(request.user, pk)
    enrolment = get_object_or_404(Enrolment.objects.select_related("person"), pk=enrolment_pk, event=event)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdraw(enrolment=enrolment, reason=form.cleaned_data["reason"])
        messages.success(request, _("%(name)s is marked withdrawn.") % {"name": enrolment.person.full_name})
        return redirect("courses:participant-list", pk=event.pk)
    return render(
        request,
        "courses/participant_withdraw.html",
        {
            "event": event,
            "enrolment": enrolment,
            "form": form,
        },
    )


@role_required(COORDINATOR)
def participant_import(request, pk: int):
    """Upload → preview with a report by row and column. Nothing is written here.

    The upload is kept (under a token in the session) even when it has errors: unknown
    countries and organisations can then be resolved in the page, for all their rows at once,
    without editing the file and uploading it again.
    """
    event = event_for(request.user, pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = importer.validate_import(event=event, data=data, filename=upload.name)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            token = importer.stash_upload(data=data, filename=upload.name)
            stash = request.session.get(SESSION_KEY, {})
            stash[token] = {"event": event.pk, "filename": upload.name, "rows": len(report.rows)}
            request.session[SESSION_KEY] = stash
    elif request.method == "GET" and "token" in request.GET:
        token, report = _report_of_stashed_upload(request, event, request.GET["token"])
    return render(request, "courses/participant_import.html", _import_context(event, form, report, token))


def _report_of_stashed_upload(request, event, token: str):
    """The report of an upload kept earlier, with the choices made since; (None, None) once
    the upload has expired or was committed."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["event"] != event.pk:
        messages.error(request, _("This import has expired or was already committed; upload the file again."))
        return None, None
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        report = importer.validate_import(
            event=event, data=data, filename=entry["filename"], resolutions=entry.get("resolutions")
        )
    except DomainError as error:
        messages.error(request, error.message)
        return None, None
    return token, report


@role_required(COORDINATOR)
def participant_import_resolve(request, pk: int):
    """Say once which country or organisation an unknown value means, for all its rows."""
    event = event_for(request.user, pk)
    if request.method != "POST":
        return redirect("courses:participant-import", pk=event.pk)
    form = ImportResolutionForm(request.POST)
    stash = request.session.get(SESSION_KEY, {})
    token = request.POST.get("token", "")
    entry = stash.get(token)
    if not entry or entry["event"] != event.pk:
        messages.error(request, _("This import has expired or was already committed; upload the file again."))
        return redirect("courses:participant-import", pk=event.pk)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{reverse('courses:participant-import', args=[event.pk])}?token={token}")
    column, value = form.cleaned_data["column"], form.cleaned_data["value"]
    try:
        chosen = _resolution_choice(form.cleaned_data, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        resolutions = entry.setdefault("resolutions", {})
        resolutions.setdefault(column, {})[importer.resolution_key(value)] = chosen
        request.session[SESSION_KEY] = stash
        messages.success(request, _("“%(value)s” is resolved in every row of the file.") % {"value": value})
    return redirect(f"{reverse('courses:participant-import', args=[event.pk])}?token={token}")


def _resolution_choice(cleaned: dict, user):
    if cleaned["column"] == "country":
        return cleaned["country"].code
    if cleaned.get("organisation"):
        return cleaned["organisation"].pk
    return find_or_create_organisation(name=cleaned["value"], country=cleaned.get("country"), by=user).pk


def _import_context(event, form, report, token) -> dict:
    context = {"event": event, "form": form, "report": report, "token": token}
    if report is not None:
        shown = [row for row in report.rows if row.problems][:PREVIEW_ROWS]
        context["preview_rows"] = shown or report.rows[:PREVIEW_ROWS]
        context["columns"] = list(importer.COLUMNS)
        context["column_labels"] = importer.COLUMN_LABELS
        context["can_commit"] = token is not None and not report.has_errors
        if any(g.code for g in report.problem_groups):
            context["countries"] = Country.objects.order_by("name")
            context["organisations"] = Organisation.objects.select_related("country").order_by(
                "country__name", "name"
            )
    return context


@role_required(COORDINATOR)
def participant_import_commit(request, pk: int):
    event = event_for(request.user, pk)
    if request.method != "POST":
        return redirect("courses:participant-import", pk=event.pk)
    token = request.POST.get("token", "")
    stash = request.session.get(SESSION_KEY, {})
    entry = stash.get(token)
    done = request.session.get(DONE_KEY, {}).get(token)
    if not entry and done:
        messages.info(request, _("This import was already committed."))
        return redirect(done)
    if not entry or entry["event"] != event.pk:
        messages.error(request, _("This import has expired or was already committed; upload the file again."))
        return redirect("courses:participant-import", pk=event.pk)
    if import_jobs.runs_in_background(entry.get("rows", 0)):
        # Too many rows to write while the browser waits: a worker writes them, this page follows.
        job = import_jobs.start_import(
            event=event,
            token=token,
            filename=entry["filename"],
            rows=entry["rows"],
            by=request.user,
            resolutions=entry.get("resolutions"),
        )
        _finish(request, stash, token, job.get_absolute_url())
        return redirect(job)
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        outcome = importer.commit_import(
            event=event,
            data=data,
            filename=entry["filename"],
            by=request.user,
            resolutions=entry.get("resolutions"),
        )
    except importer.ImportRefused as refused:
        # The file changed meaning since its report (places taken meanwhile): the new report.
        # A message, not an error on the blank form: an unbound form cannot hold one.
        messages.error(request, refused.message)
        return render(
            request,
            "courses/participant_import.html",
            _import_context(event, ImportUploadForm(), refused.report, None),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("courses:participant-import", pk=event.pk)
    importer.discard_upload(token=token, filename=entry["filename"])
    landing = reverse("courses:participant-list", args=[event.pk])
    _finish(request, stash, token, landing)
    messages.success(request, import_jobs.imported_message(outcome))
    return redirect(landing)


def _finish(request, stash: dict, token: str, landing: str) -> None:
    """Forget the committed preview and remember where it led (the last few only)."""
    stash.pop(token, None)
    request.session[SESSION_KEY] = stash
    done = request.session.get(DONE_KEY, {})
    done[token] = landing
    request.session[DONE_KEY] = dict(list(done.items())[-10:])


TEMPLATE_FORMATS = {"xlsx": (template_xlsx, XLSX), "csv": (template_csv, CSV)}


@role_required(COORDINATOR)
def participant_import_template(request, language: str, fmt: str):
    """The blank participant list in one language, to send to administrations."""
    if language not in dict(settings.LANGUAGES) or fmt not in TEMPLATE_FORMATS:
        raise Http404
    build, content_type = TEMPLATE_FORMATS[fmt]
    return file_download(
        build(language), filename=f"stce-participants-{language}.{fmt}", content_type=content_type
    )
