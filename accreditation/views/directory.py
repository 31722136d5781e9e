"""The expert directory: how coordinators find trainers, and assign them to an event."""

from django.contrib import messages
from django.db.models import F
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accreditation.forms.directory import AssignForm, ExpertFilter
from accreditation.models import Expert
from courses.models import TrainerAssignment, TrainingEvent
from courses.services.assignments import assign_trainer
from documents.spreadsheets import DATE, Column
from people.errors import DomainError
from people.lists import Header, ListPage
from people.roles import ADMINISTRATOR, COORDINATOR, is_coordinator, role_required


def _names(related) -> str:
    return ", ".join(str(item) for item in related.all())


EXPERTS = ListPage(
    name="experts",
    title=gettext_lazy("Experts"),
    filterset=ExpertFilter,
    sorts={
        "name": ("person__family_name", "person__given_name", "pk"),
        "-name": ("-person__family_name", "-person__given_name", "-pk"),
        "country": ("person__country__name", "person__family_name", "pk"),
        "-country": ("-person__country__name", "person__family_name", "pk"),
        "status": ("status", "person__family_name", "pk"),
        "-status": ("-status", "person__family_name", "pk"),
        "last_delivery": (F("last_delivery").asc(nulls_first=True), "person__family_name", "pk"),
        "-last_delivery": (F("last_delivery").desc(nulls_last=True), "person__family_name", "pk"),
        "valid_until": (F("valid_until").asc(nulls_last=True), "person__family_name", "pk"),
        "-valid_until": (F("valid_until").desc(nulls_last=True), "person__family_name", "pk"),
    },
    default_sort="name",
    page_size=25,
    headers=[
        Header(gettext_lazy("Name"), sort="name"),
        Header(gettext_lazy("Country"), sort="country"),
        Header(gettext_lazy("Status"), sort="status"),
        Header(gettext_lazy("Languages")),
        Header(gettext_lazy("Last delivery"), sort="last_delivery"),
        Header(gettext_lazy("Valid until"), sort="valid_until"),
    ],
    columns=[
        Column(gettext_lazy("Given name"), lambda x: x.person.given_name),
        Column(gettext_lazy("Family name"), lambda x: x.person.family_name),
        Column(gettext_lazy("Name in Latin script"), lambda x: x.person.latin_name),
        Column(gettext_lazy("Gender"), lambda x: x.person.get_gender_display()),
        Column(gettext_lazy("Country"), lambda x: x.person.country),
        Column(gettext_lazy("WCO region"), lambda x: x.person.country.region if x.person.country else None),
        Column(gettext_lazy("Nominating administration"), lambda x: x.nominating_administration),
        Column(gettext_lazy("E-mail"), lambda x: x.person.email),
        Column(gettext_lazy("Status"), lambda x: x.get_status_display()),
        Column(gettext_lazy("Languages"), lambda x: _names(x.languages)),
        Column(gettext_lazy("Nominated on"), lambda x: x.nominated_on, DATE),
        Column(gettext_lazy("Accredited on"), lambda x: x.accredited_on, DATE),
        Column(gettext_lazy("Valid until"), lambda x: x.valid_until, DATE),
        Column(gettext_lazy("Last delivery"), lambda x: x.last_delivery, DATE),
    ],
)


def filters_for_event(event: TrainingEvent) -> QueryDict:
    """The directory filters that find trainers for an event: every language it is taught in,
    its region, its dates, and an accreditation that lasts to its last day."""
    data = QueryDict(mutable=True)
    data.setlist("language", [language.pk for language in event.languages.all()])
    region_id = event.region_id or (event.host_country.region_id if event.host_country_id else None)
    if region_id:
        data["region"] = region_id
    data["available_from"] = event.start_date.isoformat()
    data["available_to"] = event.end_date.isoformat()
    data["valid_through"] = event.end_date.isoformat()
    return data


@role_required(COORDINATOR, ADMINISTRATOR)
def expert_list(request):
    event = None
    if request.GET.get("event"):
        event = get_object_or_404(
            TrainingEvent.objects.visible_to(request.user).select_related("host_country"),
            pk=request.GET["event"] if request.GET["event"].isdigit() else 0,
        )
    params = request.GET.copy()
    if event is not None and not set(ExpertFilter.base_filters) & set(params):
        params.update(filters_for_event(event))
    # Erased people asked to be forgotten: they are nobody to find or to assign as a trainer.
    experts = Expert.objects.filter(person__erased_at__isnull=True).with_relations().with_last_delivery()
    listing = EXPERTS.apply(request, experts, data=params)
    return listing.response("accreditation/expert_list.html", {
        "event": event, "can_assign": event is not None and is_coordinator(request.user),
        "roles": TrainerAssignment.Role.choices,
        # Rows show which of these each expert teaches in, and flag a validity ending before this day.
        "wanted_languages": {language.pk for language in listing.cleaned("language") or ()},
        "valid_through": listing.cleaned("valid_through"),
        "unavailable_count": _declared_unavailable(experts, listing),
    })


def _declared_unavailable(experts, listing) -> int:
    """How many experts the dates leave out because they said they cannot come (not because
    they are booked): the coordinator sees why someone they expected is missing."""
    start, end = listing.cleaned("available_from"), listing.cleaned("available_to")
    if not (start and end):
        return 0
    return experts.unavailable_between(start, end).count()


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


