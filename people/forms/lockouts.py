import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class UnlockForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    ip_address = forms.GenericIPAddressField(
        label=_("Address"), required=False,
        help_text=_("Leave empty to clear the attempts from every address."),
    )


class LockoutFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Username"), field_name="username", lookup_expr="icontains")
