"""The reference tables: the six places, the shared-experience taxonomy, and the
alternative spellings (aliases) that map spreadsheet cells onto them and onto the
enumerations."""

from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from activities.reference.coverage import REGION, REGION_LABEL
from activities.vocabulary.spelling import clean_text, value_key
from activities.vocabulary.terms import ENUMERATION, Vocabulary


class SlugManager(models.Manager):
    """For reference tables whose natural key (in fixtures) is their slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Place(models.Model):
    """One of the six places of the integrated care system."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    population = models.PositiveIntegerField(
        help_text="Used for activities per 100,000 people in the reports."
    )
    population_source = models.CharField(
        max_length=200, blank=True, help_text="Where the population figure comes from."
    )
    gss_code = models.CharField(
        "GSS code", max_length=9, blank=True, help_text="ONS area code, where known."
    )
    # The record's id in the Open Referral UK API (activities/api/): made once, kept
    # through every edit and re-import, never reused.
    uuid = models.UUIDField("published id", default=uuid4, unique=True, editable=False)

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SharedExperience(models.Model):
    """A kind of lived experience peers share: the taxonomy activities are tagged with."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    # The record's id in the Open Referral UK API (activities/api/): made once, kept
    # through every edit and re-import, never reused.
    uuid = models.UUIDField("published id", default=uuid4, unique=True, editable=False)

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "shared experience"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class AliasManager(models.Manager):
    def get_by_natural_key(self, vocabulary, spelling_key):
        return self.get(vocabulary=vocabulary, spelling_key=spelling_key)


class Alias(models.Model):
    """An alternative spelling found in the field, and the canonical value it means.

    ``canonical`` holds the enumeration value (e.g. ``third_sector``) or the
    slug of a place or shared experience.
    """

    vocabulary = models.CharField(max_length=20, choices=Vocabulary.choices)
    spelling = models.CharField(max_length=200, help_text="The spelling as found in a sheet.")
    spelling_key = models.CharField(max_length=200, editable=False)
    canonical = models.CharField(max_length=100, help_text="The value it stands for.")

    objects = AliasManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["vocabulary", "spelling"]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "spelling_key"], name="alias_unique_per_vocabulary"
            ),
            models.CheckConstraint(
                condition=Q(vocabulary__in=Vocabulary.values), name="alias_vocabulary_valid"
            ),
        ]

    def __str__(self):
        return f"{self.spelling} ({self.get_vocabulary_display().lower()})"

    def natural_key(self):
        return (self.vocabulary, self.spelling_key)

    def canonical_label(self):
        return canonical_labels(self.vocabulary).get(self.canonical, self.canonical)

    def clean(self):
        self.spelling = clean_text(self.spelling)
        self.spelling_key = value_key(self.spelling)
        if not self.spelling_key:
            raise ValidationError({"spelling": "Enter the alternative spelling."})
        if self.vocabulary not in Vocabulary.values:
            raise ValidationError({"vocabulary": "Choose what this spelling stands for."})
        labels = canonical_labels(self.vocabulary)
        if self.canonical not in labels:
            raise ValidationError(
                {"canonical": "Choose one of: " + ", ".join(sorted(labels.values()))}
            )
        clash = (
            Alias.objects.filter(vocabulary=self.vocabulary, spelling_key=self.spelling_key)
            .exclude(pk=self.pk)
            .first()
        )
        if clash:
            raise ValidationError(
                {"spelling": f"“{clash.spelling}” already means {clash.canonical_label()}."}
            )

    def save(self, *args, **kwargs):
        self.spelling = clean_text(self.spelling)
        self.spelling_key = value_key(self.spelling)
        super().save(*args, **kwargs)


def canonical_labels(vocabulary):
    """{canonical value: label} for one vocabulary (queries the table ones).

    The place vocabulary also has the region (``coverage.REGION``), so its
    spellings ("WY&H wide", "All places") are aliases like any other.
    """
    if vocabulary in ENUMERATION:
        return ENUMERATION[vocabulary].labels
    model = {Vocabulary.PLACE: Place, Vocabulary.SHARED_EXPERIENCE: SharedExperience}.get(
        vocabulary
    )
    if model is None:
        return {}
    labels = dict(model.objects.values_list("slug", "name"))
    if vocabulary == Vocabulary.PLACE:
        labels[REGION] = REGION_LABEL
    return labels
