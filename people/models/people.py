"""People: one row per human, whether trainee, trainer or expert."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
    name = models.CharField(_("name"), max_length=50)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return str(_(self.name))


def fold_for_search(*parts: str) -> str:
    """Case- and accent-insensitive text for searching names in any script.

    SQLite's LIKE folds ASCII only, so "Дмитрий" would not match "дмитрий"; we keep a folded
    copy of every searchable name and search that instead.
    """
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_EAST_ASIAN_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def _is_east_asian(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    return bool(letters) and all(unicodedata.name(c, "").startswith(_EAST_ASIAN_SCRIPTS) for c in letters)


class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        """Every word must appear in a name (any script or its transliteration), the e-mail, or
        the name of the person's country or organisation."""
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
    position = models.CharField(_("position"), max_length=200, blank=True)
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
        self.email = (self.email or "").strip() or None
        self.search_text = fold_for_search(
            self.given_name, self.family_name, self.latin_name, self.email or ""
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:person-detail", args=[self.pk])

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip() or None
        for field in ("given_name", "family_name", "latin_name"):
            setattr(self, field, unicodedata.normalize("NFC", (getattr(self, field) or "").strip()))

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
