"""Filters for the list of events."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses import needs
from courses.models import TrainingEvent
from people.filters import YearFilter
from people.models import Country, Language, Region


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=TrainingEvent.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=TrainingEvent.Status.choices, label=_("Status"))
    format = django_filters.ChoiceFilter(choices=TrainingEvent.Format.choices, label=_("Format"))
    year = YearFilter(method="in_year", label=_("Year"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="in_region", label=_("Region")
    )
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(events__isnull=False).distinct(),
        field_name="host_country",
        label=_("Country"),
    )
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), field_name="languages", label=_("Language")
    )
    # The home page's to-do items link here; a callable, as apps above courses add needs.
    needs = django_filters.ChoiceFilter(choices=needs.choices, method="with_need", label=_("Needs"))

    class Meta:
        model = TrainingEvent
        fields = ["q", "kind", "status", "format", "year", "region", "country", "language", "needs"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(venue__icontains=word)
                | Q(platform__icontains=word)
                | Q(host_country__name__icontains=word)
                | Q(notes__icontains=word)
            )
        return queryset

    def in_year(self, queryset, name, value):
        # An event running over New Year belongs to both years.
        return queryset.filter(start_date__year__lte=value, end_date__year__gte=value)

    def in_region(self, queryset, name, value):
        return queryset.filter(Q(region=value) | Q(region__isnull=True, host_country__region=value))

    def with_need(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(needs.condition(value, user))
