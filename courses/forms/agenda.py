"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""


from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.dates import format_day
from courses.models import AgendaItem, EventDay, Module, TrainingEvent
from people.models import Organisation, Person


def _day_label(day: EventDay) -> str:
    return format_day(day.date)


def _module_label(module: Module) -> str:
    """"T-01 Définition…" in the reader's language; "[EN]" where English stands in."""
    localised = module.localised()
    return f"{module.code} {localised.title}" + (" [EN]" if localised.is_fallback else "")


# Titles in the reader's language come from the prefetched translations (one query in all).
_ACTIVE_MODULES = Module.objects.filter(active=True).prefetch_related("translations")


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["day", "start_time", "end_time", "module", "title", "speakers", "speaker_organisations"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "speakers": forms.SelectMultiple(attrs={"size": 6}),
            "speaker_organisations": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EventDay.objects.filter(event=event)
        self.fields["day"].label_from_instance = _day_label
        self.fields["module"].queryset = (
            Module.objects.filter(active=True) | Module.objects.filter(pk=self.instance.module_id or 0)
        ).prefetch_related("translations")
        self.fields["module"].label_from_instance = _module_label
        # Speakers: the event's trainers first; anyone else is added through "Trainers".
        self.fields["speakers"].queryset = Person.objects.filter(assignments__event=event).distinct()
        self.fields["speaker_organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["title"].help_text = _("Leave empty to use the module's title.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("day"), Column("start_time"), Column("end_time")),
            Row(Column("module"), Column("title")),
            Row(Column("speakers"), Column("speaker_organisations")),
            Submit("save", _("Save")),
        )

    def clean(self):
        data = super().clean()
        if not data.get("module") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("Choose a curriculum module or give a title."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The item must end after it starts."))
        return data


class AddModulesForm(forms.Form):
    day = forms.ModelChoiceField(EventDay.objects.none(), label=_("Day"))
    modules = forms.ModelMultipleChoiceField(
        _ACTIVE_MODULES, label=_("Curriculum modules"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EventDay.objects.filter(event=event)
        self.fields["day"].label_from_instance = _day_label
        self.fields["modules"].label_from_instance = _module_label


class CopyAgendaForm(forms.Form):
    source = forms.ModelChoiceField(TrainingEvent.objects.none(), label=_("Copy the agenda of"))

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            TrainingEvent.objects.filter(days__items__isnull=False).exclude(pk=event.pk)
            .distinct().order_by("-start_date")
        )


class StandardAgendaForm(forms.Form):
    modules = forms.ModelMultipleChoiceField(
        _ACTIVE_MODULES.order_by("code"),
        label=_("Modules of the training"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ticked: the standard national training (every module but the senior managers' "
            "briefing and the whole-day courses). They are laid out in this order over the days."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].label_from_instance = _module_label


class ItemTimesForm(forms.Form):
    day = forms.ModelChoiceField(EventDay.objects.none(), label=_("Day"))
    start_time = forms.TimeField(label=_("start"), required=False)
    end_time = forms.TimeField(label=_("end"), required=False)

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EventDay.objects.filter(event=event)
