"""Maintaining the curriculum: modules, their translations, retiring and reactivating them."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import Module, ModuleTranslation
from people.errors import DomainError
from people.services.fields import save_fields

# Language code -> {"title": ..., "summary": ...}: a ModuleTranslationForm's cleaned data.
Translations = Mapping[str, Mapping[str, str]]


def _save_module(module: Module, values: Mapping[str, Any], translations: Translations | None, by) -> Module:
    try:
        with transaction.atomic():
            save_fields(module, values, by=by)
    except IntegrityError as exc:
        # The form checks the code first; this is another request that took it meanwhile.
        code = values.get("code", module.code)
        if not Module.objects.filter(code=code).exclude(pk=module.pk).exists():
            raise
        raise DomainError(
            _("Another module already has the code %(code)s.") % {"code": code}, field="code",
            code="duplicate_code",
        ) from exc
    _save_translations(module, translations or {}, by)
    return module


def _save_translations(module: Module, translations: Translations, by) -> None:
    for language, data in translations.items():
        if language not in ModuleTranslation.Language.values:
            raise ValueError(f"No module translations in {language!r}")
        title = (data.get("title") or "").strip()
        summary = (data.get("summary") or "").strip()
        if title:
            # No race on the row: the module is locked (or new) for the whole transaction.
            translation = (
                ModuleTranslation.objects.filter(module=module, language=language).first()
                or ModuleTranslation(module=module, language=language)
            )
            save_fields(translation, {"title": title, "summary": summary}, by=by)
        else:
            # Leaving both blank removes the translation; English stands in again.
            ModuleTranslation.objects.filter(module=module, language=language).delete()


@transaction.atomic
def create_module(*, values: Mapping[str, Any], translations: Translations | None = None, by=None) -> Module:
    """Add a module with the given field values (a ModuleForm's cleaned data) and its titles
    and summaries in other languages. Refuses a code another module has."""
    return _save_module(Module(), values, translations, by)


@transaction.atomic
def update_module(
    *, module: Module, values: Mapping[str, Any], translations: Translations | None = None, by=None
) -> Module:
    """Change a module and its translations; a translation left without a title is removed.
    Refuses a code another module has."""
    module = Module.objects.select_for_update().get(pk=module.pk)
    return _save_module(module, values, translations, by)


def _set_active(module: Module, active: bool, by) -> Module:
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.active != active:
        module.active = active
        if by is not None:
            module._history_user = by
        module.save(update_fields=["active"])
    return module


@transaction.atomic
def retire_module(*, module: Module, by=None) -> Module:
    """Retire a module: it stays in the agendas that use it (past or planned) and in experts'
    profiles, but can no longer be added to an agenda. Retiring twice changes nothing."""
    return _set_active(module, False, by)


@transaction.atomic
def reactivate_module(*, module: Module, by=None) -> Module:
    """Make a retired module available to new agendas again."""
    return _set_active(module, True, by)
