from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from frameworks.models import OperativeParagraph, ParagraphTranslation, Resolution


class ParagraphTranslationInline(admin.TabularInline):
    model = ParagraphTranslation
    extra = 0


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "title"]


@admin.register(OperativeParagraph)
class OperativeParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "is_summary"]
    list_filter = ["resolution", "is_summary"]
    search_fields = ["text"]
    inlines = [ParagraphTranslationInline]
