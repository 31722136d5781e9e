import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Module, ModuleTranslation


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = [
            "code", "title", "topic_area", "hours", "summary", "learning_objectives",
            "introduced_in", "active",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "learning_objectives": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("code", css_class="col-md-3"), Column("title", css_class="col-md-9")),
            Row(Column("topic_area"), Column("hours"), Column("introduced_in")),
            "summary",
            "learning_objectives",
            "active",
        )
        # The page renders the translation forms after these fields and one submit button.
        self.helper.form_tag = False

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


MODULE_STATUSES = {"active": Q(active=True), "retired": Q(active=False), "all": Q()}


class ModuleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Code, title or summary")}),
    )
    topic_area = django_filters.ChoiceFilter(
        choices=Module.TopicArea.choices, empty_label=_("All topic areas"), label=_("Topic area")
    )
    status = django_filters.ChoiceFilter(
        choices=[("active", _("Active")), ("retired", _("Retired")), ("all", _("All"))],
        empty_label=None, label=_("Status"), method="by_status",
    )

    class Meta:
        model = Module
        fields = ["q", "topic_area", "status"]

    def __init__(self, data=None, *args, **kwargs):
        # The curriculum in use is what people look for: retired modules only when asked.
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = "active"
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        if "status" not in self.form.cleaned_data:  # a bad status is an error; keep to the active ones
            queryset = queryset.filter(MODULE_STATUSES["active"])
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(title__icontains=value) | Q(summary__icontains=value)
        )

    def by_status(self, queryset, name, value):
        return queryset.filter(MODULE_STATUSES.get(value, Q()))


class ModuleTranslationForm(forms.Form):
    """Title and summary of a module in one language; leaving both blank removes it."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, language: str, language_name, **kwargs):
        super().__init__(*args, prefix=f"tr-{language}", **kwargs)
        self.language = language
        self.language_name = language_name

    def clean(self):
        data = super().clean()
        if data.get("summary") and not data.get("title"):
            self.add_error("title", _("A translated summary needs a translated title."))
        return data


def module_translation_forms(module, data=None) -> list[ModuleTranslationForm]:
    existing = {t.language: t for t in module.translations.all()} if module.pk else {}
    forms_ = []
    for code, name in ModuleTranslation.Language.choices:
        current = existing.get(code)
        initial = {"title": current.title, "summary": current.summary} if current else {}
        forms_.append(ModuleTranslationForm(data, language=code, language_name=name, initial=initial))
    return forms_


def translation_values(translation_forms) -> dict[str, dict[str, str]]:
    """The cleaned title and summary of each language, for the curriculum service."""
    return {form.language: form.cleaned_data for form in translation_forms}
