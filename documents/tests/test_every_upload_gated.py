"""Every upload passes the gate: a new file field without it fails here, not in production."""

from pathlib import Path

from django.apps import apps
from django.db import models

from documents.images import validate_image_upload
from documents.uploads import UploadValidator

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = {"people", "documents", "background", "mailing", "courses", "certificates", "evaluation",
                "nominations", "accreditation", "reporting", "stce"}


def test_every_model_file_field_has_a_gate_validator():
    fields = [
        field
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not field.name.startswith("history")
    ]
    assert fields  # the signatures and the logos at least
    ungated = [
        f"{field.model.__name__}.{field.name}"
        for field in fields
        if not any(v is validate_image_upload or isinstance(v, UploadValidator) for v in field.validators)
    ]
    assert ungated == []


def test_every_form_file_field_is_checked_by_the_gate():
    """Forms declaring a file field call sniff_upload (in clean_<field>) or use UploadValidator,
    and views hand request.FILES to a form only (never read an upload past the form)."""
    offenders = []
    for app in sorted(PROJECT_APPS):
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            name = str(path.relative_to(ROOT))
            declares = "forms.FileField(" in text or "forms.ImageField(" in text
            if declares and "sniff_upload" not in text and "UploadValidator" not in text:
                offenders.append(name)
            offenders += [
                f"{name}: {line.strip()}"
                for line in text.splitlines()
                if "request.FILES" in line and "Form(" not in line
            ]
    assert offenders == []
