from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.forms.people import PersonForm
from people.models import Country, Language, Organisation, Person, Region

admin.site.site_header = "STCE Training & Accreditation Manager"
admin.site.site_title = "STCE back office"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "wco_member"]
    list_filter = ["region", "wco_member"]
    search_fields = ["code", "name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["country"]


class PersonAdminForm(forms.ModelForm):
    # The same check as the directory's form, so that a clash names the person who has the
    # address instead of the database constraint.
    clean_email = PersonForm.clean_email


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    form = PersonAdminForm
    list_display = ["family_name", "given_name", "latin_name", "gender", "country", "organisation"]
    list_filter = ["gender", "preferred_language", "country__region"]
    # The directory's search (people.names.search_text): any script, any case, NFC or NFD,
    # a name written solid (王秀英) or spaced. The search box shows because search_fields is set.
    search_fields = ["search_text"]
    autocomplete_fields = ["country", "organisation", "user"]
    list_select_related = ["country", "organisation"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False
