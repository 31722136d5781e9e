"""People: one row per human, whether trainee, trainer or expert."""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from people.names import fold_for_search, name_problems, normalise_name, search_text

from .reference import Country, Organisation


class Gender(models.TextChoices):
    # "Not recorded" is a real answer: it is never guessed and never dropped from reports.
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another gender")
    NOT_RECORDED = "unknown", _("Not recorded")


class Language(models.Model):
    """A language of delivery (ISO 639-1)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=50)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return str(_(self.name))


_EAST_ASIAN_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def _is_east_asian(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    return bool(letters) and all(unicodedata.name(c, "").startswith(_EAST_ASIAN_SCRIPTS) for c in letters)


__all__ = ["Gender", "Language", "Person", "PersonQuerySet", "UserPreference", "fold_for_search"]

class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        """Every word must appear in a name (any script or its transliteration, spaced or
        written solid in either order: see people.names.search_text), the e-mail, or the name
        of the person's country or organisation. Any case, NFC or NFD."""
        qs = self
        for raw, word in zip(query.split(), fold_for_search(query).split(), strict=False):
            qs = qs.filter(
                models.Q(search_text__contains=word)
                | models.Q(country__name__icontains=raw)
                | models.Q(organisation__name__icontains=raw)
                | models.Q(organisation__short_name__iexact=raw)
            )
        return qs

    def with_relations(self):
        return self.select_related("country", "organisation")


class Person(models.Model):
    class PreferredLanguage(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        ES = "es", _("Spanish")
        RU = "ru", _("Russian")

    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150)
    latin_name = models.CharField(
        _("name in Latin script"),
        max_length=300,
        blank=True,
        help_text=_("Transliteration for names written in another script, e.g. Ivanov Dmitry."),
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.NOT_RECORDED
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="people",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people",
        verbose_name=_("organisation"),
    )
    position = models.CharField(pgettext_lazy("job", "position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=PreferredLanguage.choices,
        default=PreferredLanguage.EN,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="person", verbose_name=_("user account"),
    )
    search_text = models.TextField(editable=False, blank=True, db_index=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    NAME_FIELDS = ("given_name", "family_name", "latin_name")

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # An e-mail identifies one person, whatever its case; blank e-mails are stored as NULL.
            models.UniqueConstraint(Lower("email"), name="person_unique_email_ci"),
            models.CheckConstraint(condition=~models.Q(email=""), name="person_email_null_not_blank"),
        ]
        indexes = [models.Index(fields=["country", "gender"], name="person_country_gender")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.tidy()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:person-detail", args=[self.pk])

    def tidy(self) -> None:
        """What save() does before writing; bulk_create skips save(), so call it first there:
        names normalised (people.names), blank e-mail as NULL, the search text filled."""
        self.email = (self.email or "").strip() or None
        for field in self.NAME_FIELDS:
            setattr(self, field, normalise_name(getattr(self, field)))
        self.search_text = search_text(
            given_name=self.given_name, family_name=self.family_name, latin_name=self.latin_name,
            email=self.email or "",
        )

    def clean(self):
        """Names normalised and checked by the rules of people.names (the form, the admin and
        the services all come through here); a refused name is an error on its field."""
        super().clean()
        self.email = (self.email or "").strip() or None
        errors = {}
        for field in self.NAME_FIELDS:
            value = normalise_name(getattr(self, field))
            setattr(self, field, value)
            if problems := name_problems(value):
                errors[field] = problems
        if errors:
            raise ValidationError(errors)

    @property
    def is_erased(self) -> bool:
        """True once the person's data was erased on request (see people.privacy.erase_person).

        Pages that show the holder of a certificate say "holder's data erased" instead.
        """
        return self.erased_at is not None

    @property
    def full_name(self) -> str:
        """The name as its owner writes it: family name first, unspaced, in Chinese,
        Japanese and Korean scripts (王伟), given name first otherwise (José Núñez)."""
        if _is_east_asian(self.family_name):
            return f"{self.family_name}{self.given_name}"
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def display_name(self) -> str:
        """Name in its own script, with the Latin transliteration when it differs."""
        if self.latin_name and self.latin_name != self.full_name:
            return f"{self.full_name} ({self.latin_name})"
        return self.full_name


class UserPreference(models.Model):
    """What a user chose for themselves, remembered across browsers and devices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"
