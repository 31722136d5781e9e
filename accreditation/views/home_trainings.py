"""Trainings delivered at home (issue 17): the expert's reports under /accreditation/me/reports/,
and the coordinators' list and review page. An expert finds only their own reports (404 for
any other id); only accredited experts may report."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accreditation.access import expert_of
from accreditation.forms.home_trainings import (
    HomeTrainingFilter,
    HomeTrainingForm,
    OwnHomeTrainingFilter,
    ReviewForm,
)
from accreditation.models import HomeTraining, HomeTrainingStatus
from accreditation.services import home_training_certificates as report_certificates_service
from accreditation.services import home_training_import as participants_import
from accreditation.services import home_trainings as reports
from courses.forms.participants import ImportResolutionForm, ImportUploadForm
from courses.services import participant_import as importer
from courses.services.import_template import template_csv, template_xlsx
from documents.downloads import CSV, XLSX, file_download
from documents.spreadsheets import COUNT, DATE, DATETIME, Column
from people.errors import DomainError
from people.lists import Header, ListPage
from people.models import Country, Organisation
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

SESSION_KEY = "home_training_imports"


def _with_counts(queryset):
    return queryset.select_related("country", "language", "expert__person").annotate(
        named=Count("participants")
    )


_COMMON_COLUMNS = [
    Column(gettext_lazy("Title"), lambda r: r.title),
    Column(gettext_lazy("Start date"), lambda r: r.start_date, DATE),
    Column(gettext_lazy("End date"), lambda r: r.end_date, DATE),
    Column(gettext_lazy("Format"), lambda r: r.get_format_display()),
    Column(gettext_lazy("Place or platform"), lambda r: r.place),
    Column(gettext_lazy("Country"), lambda r: r.country),
    Column(gettext_lazy("Language"), lambda r: r.language),
    Column(gettext_lazy("Officials"), lambda r: r.officials, COUNT),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(gettext_lazy("Reviewer's notes"), lambda r: r.reviewer_notes),
    Column(gettext_lazy("Submitted at"), lambda r: r.submitted_at, DATETIME),
    Column(gettext_lazy("Decided at"), lambda r: r.decided_at, DATETIME),
]
_SORTS = {
    "start": ("-start_date", "-pk"),
    "-start": ("start_date", "pk"),
    "status": ("status", "-start_date", "-pk"),
    "-status": ("-status", "-start_date", "-pk"),
}

OWN_REPORTS = ListPage(
    name="my-trainings-at-home",
    title=gettext_lazy("Trainings I delivered at home"),
    filterset=OwnHomeTrainingFilter,
    sorts=_SORTS,
    default_sort="start",
    page_size=25,
    headers=[
        Header(gettext_lazy("Training")),
        Header(gettext_lazy("Dates"), sort="start"),
        Header(gettext_lazy("Country")),
        Header(gettext_lazy("Officials"), css="text-end"),
        Header(gettext_lazy("Status"), sort="status"),
    ],
    columns=_COMMON_COLUMNS,
)

REPORTS = ListPage(
    name="trainings-delivered-at-home",
    title=gettext_lazy("Trainings delivered at home by experts"),
    filterset=HomeTrainingFilter,
    sorts={
        **_SORTS,
        "expert": ("expert__person__family_name", "expert__person__given_name", "-start_date", "pk"),
        "-expert": ("-expert__person__family_name", "-expert__person__given_name", "-start_date", "pk"),
    },
    default_sort="start",
    page_size=25,
    headers=[
        Header(gettext_lazy("Expert"), sort="expert"),
        Header(gettext_lazy("Training")),
        Header(gettext_lazy("Dates"), sort="start"),
        Header(gettext_lazy("Country")),
        Header(gettext_lazy("Officials"), css="text-end"),
        Header(gettext_lazy("Status"), sort="status"),
    ],
    columns=[Column(gettext_lazy("Expert"), lambda r: r.expert.person.full_name), *_COMMON_COLUMNS],
)


def reports_block(expert) -> dict:
    """What the expert's home says of their reports: how many, and how many wait for them (one query)."""
    counts = HomeTraining.objects.filter(expert=expert).aggregate(
        total=Count("pk"),
        changes=Count("pk", filter=Q(status=HomeTrainingStatus.CHANGES_REQUESTED)),
        accepted=Count("pk", filter=Q(status=HomeTrainingStatus.ACCEPTED)),
    )
    return {**counts, "may_report": expert.status == expert.Status.ACCREDITED}


# ---------------------------------------------------------------- the expert's pages


def _own(request, pk: int):
    expert = expert_of(request.user)
    return expert, get_object_or_404(
        HomeTraining.objects.select_related("country", "language", "host_administration", "expert__person"),
        pk=pk,
        expert=expert,
    )


def _refused(request, error: DomainError):
    return render(
        request, "accreditation/home_trainings/refused.html", {"message": error.message}, status=403
    )


@login_required
def my_reports(request):
    """The expert's reports with their state and the coordinator's reason."""
    expert = expert_of(request.user)
    listing = OWN_REPORTS.apply(request, _with_counts(HomeTraining.objects.filter(expert=expert)))
    return listing.response(
        "accreditation/home_trainings/my_list.html", {"expert": expert, **reports_block(expert)}
    )


@login_required
def report_create(request):
    expert = expert_of(request.user)
    try:
        reports.check_may_report(expert)
    except DomainError as error:
        return _refused(request, error)
    initial = {"country": expert.person.country_id, "host_administration": expert.nominating_administration}
    return _edit(request, expert, None, HomeTrainingForm(request.POST or None, initial=initial))


@login_required
def report_edit(request, pk: int):
    expert, report = _own(request, pk)
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect("accreditation:my-home-training", pk=report.pk)
    return _edit(request, expert, report, HomeTrainingForm(request.POST or None, instance=report))


def _edit(request, expert, report, form):
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in reports.FIELDS if name in form.cleaned_data}
        try:
            report = reports.save_home_training(
                expert=expert,
                values=values,
                modules=form.cleaned_data["modules"],
                by=request.user,
                home_training=report,
            )
        except reports.NotAccredited as error:
            return _refused(request, error)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The report is saved. Add its participants, then submit it."))
            return redirect("accreditation:my-home-training", pk=report.pk)
    return render(request, "accreditation/home_trainings/form.html", {"form": form, "report": report})


PARTICIPANTS_SHOWN = 200


def _participants(report: HomeTraining):
    return report.participants.select_related("person__country", "person__organisation")[:PARTICIPANTS_SHOWN]


@login_required
def my_report(request, pk: int):
    """One of the expert's reports: its state, the reviewer's reason, its participants."""
    expert, report = _own(request, pk)
    return render(
        request,
        "accreditation/home_trainings/my_detail.html",
        {
            "report": report,
            "modules": report.modules.all(),
            "participants": _participants(report),
            "named": report.participants.count(),
        },
    )


@login_required
@require_POST
def report_submit(request, pk: int):
    expert, report = _own(request, pk)
    try:
        reports.submit_home_training(home_training=report, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report is with the programme's coordinators."))
    return redirect("accreditation:my-home-training", pk=report.pk)


@login_required
@require_POST
def participant_remove(request, pk: int, participant: int):
    expert, report = _own(request, pk)
    try:
        reports.remove_participant(home_training=report, participant_id=participant, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("accreditation:my-home-training", pk=report.pk)


# ---------------------------------------------------------------- participants by import


def _import_page(request, report, form, report_of_file=None, token=None, status=200):
    return render(
        request,
        "accreditation/home_trainings/import.html",
        {
            "home_training": report,
            "form": form,
            "report": report_of_file,
            "token": token,
            "can_commit": report_of_file is not None and token is not None and not report_of_file.has_errors,
            "resolve_url": reverse("accreditation:my-home-training-import-resolve", args=[report.pk]),
            "countries": Country.objects.order_by("name"),
            "organisations": Organisation.objects.select_related("country").order_by("country__name", "name"),
        },
        status=status,
    )


def _stashed(request, report, token: str):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    return entry if entry and entry["report"] == report.pk else None


def _expired(request) -> None:
    messages.error(request, _("This import has expired or was already committed; upload the file again."))


def _checked_again(request, report, token: str):
    entry = _stashed(request, report, token)
    if entry is None:
        _expired(request)
        return None
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        return participants_import.validate_participants(
            home_training=report, data=data, filename=entry["filename"], resolutions=entry.get("resolutions")
        )
    except DomainError as error:
        messages.error(request, error.message)
        return None


@login_required
def participants_upload(request, pk: int):
    """Upload → the report by row and column (the participant import's). Nothing is written here."""
    expert, report = _own(request, pk)
    if not report.is_editable:
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    checked = token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            checked = participants_import.validate_participants(
                home_training=report, data=data, filename=upload.name
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            token = importer.stash_upload(data=data, filename=upload.name)
            stash = request.session.get(SESSION_KEY, {})
            stash[token] = {"report": report.pk, "filename": upload.name}
            request.session[SESSION_KEY] = stash
    elif "token" in request.GET:
        checked = _checked_again(request, report, request.GET["token"])
        token = request.GET["token"] if checked is not None else None
    return _import_page(request, report, form, checked, token)


@login_required
@require_POST
def participants_resolve(request, pk: int):
    """Say once which country or organisation an unknown value of the file means."""
    expert, report = _own(request, pk)
    page = reverse("accreditation:my-home-training-import", args=[report.pk])
    form = ImportResolutionForm(request.POST)
    token = request.POST.get("token", "")
    if _stashed(request, report, token) is None:
        _expired(request)
        return redirect(page)
    if not form.is_valid() or form.cleaned_data.get("create"):
        messages.error(request, _("Choose one of the values offered."))
        return redirect(f"{page}?token={token}")
    column = form.cleaned_data["column"]
    chosen = form.cleaned_data["country" if column == "country" else "organisation"]
    stash = request.session[SESSION_KEY]
    stash[token].setdefault("resolutions", {}).setdefault(column, {})[
        importer.resolution_key(form.cleaned_data["value"])
    ] = chosen.pk
    request.session[SESSION_KEY] = stash
    return redirect(f"{page}?token={token}")


@login_required
@require_POST
def participants_commit(request, pk: int):
    """Put every official of a checked list on the report: all of them, or none."""
    expert, report = _own(request, pk)
    token = request.POST.get("token", "")
    entry = _stashed(request, report, token)
    if entry is None:
        _expired(request)
        return redirect("accreditation:my-home-training-import", pk=report.pk)
    try:
        data = importer.load_upload(token=token, filename=entry["filename"])
        outcome = participants_import.commit_participants(
            home_training=report,
            data=data,
            filename=entry["filename"],
            by=request.user,
            resolutions=entry.get("resolutions"),
        )
    except importer.ImportRefused as refused:
        messages.error(request, refused.message)
        return _import_page(request, report, ImportUploadForm(), refused.report, None)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accreditation:my-home-training-import", pk=report.pk)
    importer.discard_upload(token=token, filename=entry["filename"])
    stash = request.session.get(SESSION_KEY, {})
    stash.pop(token, None)
    request.session[SESSION_KEY] = stash
    messages.success(request, participants_import.imported_message(outcome))
    return redirect("accreditation:my-home-training", pk=report.pk)


TEMPLATE_FORMATS = {"xlsx": (template_xlsx, XLSX), "csv": (template_csv, CSV)}


@login_required
def participants_template(request, language: str, fmt: str):
    """The blank participant list (the participant import's) in one language."""
    expert_of(request.user)
    if language not in dict(settings.LANGUAGES) or fmt not in TEMPLATE_FORMATS:
        raise Http404
    build, content_type = TEMPLATE_FORMATS[fmt]
    return file_download(
        build(language), filename=f"stce-participants-{language}.{fmt}", content_type=content_type
    )


# ---------------------------------------------------------------- the coordinators' pages


@role_required(COORDINATOR, ADMINISTRATOR)
def report_list(request):
    listing = REPORTS.apply(request, _with_counts(HomeTraining.objects.all()))
    return listing.response("accreditation/home_trainings/list.html")


@role_required(COORDINATOR, ADMINISTRATOR)
def report_review(request, pk: int):
    """A report, its participants and history; accept, ask for changes or decline."""
    report = get_object_or_404(
        HomeTraining.objects.select_related(
            "country", "language", "host_administration", "expert__person__country", "decided_by"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(report, form.cleaned_data, request.user)
        except DomainError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("accreditation:home-training-list")
    return render(
        request,
        "accreditation/home_trainings/review.html",
        {
            "report": report,
            "form": form,
            "modules": report.modules.all(),
            "participants": _participants(report),
            "named": report.participants.count(),
            "certificates": report_certificates_service.certificates_of(report).count(),
            "history": report.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


@role_required(COORDINATOR)
@require_POST
def report_certificates(request, pk: int):
    """Issue certificates of participation to the named officials of an accepted report."""
    report = get_object_or_404(HomeTraining, pk=pk)
    try:
        outcome = report_certificates_service.issue_home_training_certificates(
            home_training=report, by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext("%(n)s certificate issued.", "%(n)s certificates issued.", outcome.issued)
            % {"n": outcome.issued},
        )
        for refusal in outcome.refused:
            messages.warning(request, refusal)
    return redirect("accreditation:home-training-review", pk=report.pk)


def _decide(report: HomeTraining, data: dict, by) -> None:
    decision, reason = data["decision"], data["reason"]
    if decision == ReviewForm.ACCEPT:
        reports.accept_home_training(home_training=report, by=by, notes=reason)
    elif decision == ReviewForm.CHANGES:
        reports.request_changes(home_training=report, by=by, reason=reason)
    else:
        reports.decline_home_training(home_training=report, by=by, reason=reason)
