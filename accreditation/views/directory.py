"""The expert directory: how coordinators find trainers, and assign them to an event."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.forms.directory import AssignForm, ExpertFilterForm
from accreditation.models import Expert, ExpertStatus
from courses.models import TrainerAssignment, TrainingEvent
from courses.services.assignments import assign_trainer
from people.errors import DomainError
from people.models.people import fold_for_search
from people.roles import ADMINISTRATOR, COORDINATOR, is_coordinator, role_required

DIRECTORY_SORTS = {
    "name": ("person__family_name", "person__given_name"),
    "-name": ("-person__family_name", "-person__given_name"),
    "country": ("person__country__name", "person__family_name"),
    "-country": ("-person__country__name", "person__family_name"),
    "status": ("status", "person__family_name"),
    "-status": ("-status", "person__family_name"),
    "last_delivery": (F("last_delivery").asc(nulls_first=True), "person__family_name"),
    "-last_delivery": (F("last_delivery").desc(nulls_last=True), "person__family_name"),
    "valid_until": (F("valid_until").asc(nulls_last=True), "person__family_name"),
    "-valid_until": (F("valid_until").desc(nulls_last=True), "person__family_name"),
}
TRAINER_STATUSES = (ExpertStatus.ACCREDITED, ExpertStatus.PRE_ACCREDITED)


def filters_for_event(event: TrainingEvent) -> QueryDict:
    """The directory filters that find trainers for an event: its language, region and dates."""
    data = QueryDict(mutable=True)
    language = event.languages.order_by("sort_order").first()
    if language:
        data["language"] = language.pk
    region_id = event.region_id or (event.host_country.region_id if event.host_country_id else None)
    if region_id:
        data["region"] = region_id
    data["available_from"] = event.start_date.isoformat()
    data["available_to"] = event.end_date.isoformat()
    return data


def filter_experts(experts, data: dict):
    if data.get("q"):
        for word in fold_for_search(data["q"]).split():
            experts = experts.filter(person__search_text__contains=word)
    status = data.get("status")
    if not status:
        experts = experts.filter(status__in=TRAINER_STATUSES)
    elif status != "all":
        experts = experts.filter(status=status)
    if data.get("language"):
        experts = experts.filter(languages=data["language"])
    if data.get("region"):
        experts = experts.filter(person__country__region=data["region"])
    if data.get("country"):
        experts = experts.filter(person__country=data["country"])
    if data.get("module"):
        experts = experts.filter(modules=data["module"])
    if data.get("gender"):
        experts = experts.filter(person__gender=data["gender"])
    if data.get("available_from") and data.get("available_to"):
        experts = experts.available_between(data["available_from"], data["available_to"])
    return experts


@role_required(COORDINATOR, ADMINISTRATOR)
def expert_list(request):
    event = None
    if request.GET.get("event"):
        event = get_object_or_404(
            TrainingEvent.objects.visible_to(request.user).select_related("host_country"),
            pk=request.GET["event"] if request.GET["event"].isdigit() else 0,
        )
    params = request.GET.copy()
    filter_keys = set(ExpertFilterForm.base_fields)
    if event is not None and not filter_keys & set(params):
        params.update(filters_for_event(event))
    form = ExpertFilterForm(params if filter_keys & set(params) else None)
    # Erased people asked to be forgotten: they are nobody to find or to assign as a trainer.
    experts = Expert.objects.filter(person__erased_at__isnull=True).with_relations().with_last_delivery()
    experts = filter_experts(experts, form.cleaned_data if form.is_valid() else {})
    if form.is_bound and not form.is_valid():
        experts = experts.none()
    sort = request.GET.get("sort", "name")
    # Each filter on a many-to-many matches one value, so no expert appears twice: no DISTINCT.
    experts = experts.order_by(*DIRECTORY_SORTS.get(sort, DIRECTORY_SORTS["name"]))
    page = Paginator(experts, 25).get_page(request.GET.get("page"))
    return render(request, "accreditation/expert_list.html", {
        "form": form, "page_obj": page, "sort": sort,
        "event": event, "can_assign": event is not None and is_coordinator(request.user),
        "roles": TrainerAssignment.Role.choices,
    })


@role_required(COORDINATOR)
@require_POST
def expert_assign(request, pk: int):
    expert = get_object_or_404(Expert.objects.select_related("person"), pk=pk)
    form = AssignForm(request.POST, user=request.user)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if not form.is_valid():
        messages.error(request, _("Choose an event and a role."))
        return redirect(back or expert)
    event = form.cleaned_data["event"]
    try:
        assign_trainer(
            event=event, person=expert.person, role=form.cleaned_data["role"], by=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s is assigned to %(event)s.")
                         % {"name": expert.person.full_name, "event": event.title})
    return redirect(back or expert)


