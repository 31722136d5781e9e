import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from people import audit
from people.forms.widgets import DateInput


class AuditFilter(django_filters.FilterSet):
    """Filters of the audit log. The log is one UNION over every history table, which cannot
    be filtered after the fact: the filters go inside each table's query instead."""

    model = django_filters.ChoiceFilter(label=_("Kind of record"), empty_label=_("All kinds"))
    user = django_filters.ModelChoiceFilter(label=_("Changed by"), queryset=None)
    date_from = django_filters.DateFilter(label=_("From"), widget=DateInput)
    date_to = django_filters.DateFilter(label=_("To"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["model"].extra["choices"] = [
            (m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in audit.audited_models()
        ]
        self.filters["user"].queryset = get_user_model().objects.order_by("username")

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return audit.recent_changes(
            model=apps.get_model(data["model"]) if data.get("model") else None,
            user_id=data["user"].pk if data.get("user") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
