"""The directory's records: organisations, the activities they run (each with its
history), and the data version row whose token changes after every write to them."""

from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from activities.directory.querysets import ActivityQuerySet
from activities.reference.coverage import (
    PLACES_SEPARATOR,
    REGION_LABEL,
    Coverage,
    places_key,
)
from activities.reference.models import Place, SharedExperience
from activities.vocabulary.spelling import clean_text, value_key
from activities.vocabulary.terms import (
    ENUMERATIONS,
    Access,
    DeliveredBy,
    DeliveryModel,
    FundingType,
    HowFound,
    MainFocus,
    Sector,
    Status,
)


class WebsiteField(models.URLField):
    """A URL field whose form reads "example.org" as https://example.org."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class OrganisationManager(models.Manager):
    def ids_by_key(self, names=(), *, user=None, change_reason=None, batch_size=2000):
        """{name key: pk} for every organisation, after creating those ``names`` that are missing.

        Missing names are created in bulk, each with a history row (by ``user``,
        for ``change_reason``); blank names and spellings of one name count once.
        """
        ids = dict(self.values_list("name_key", "pk"))
        missing = {}
        for name in names:
            name = clean_text(name)
            key = value_key(name)
            if key and key not in ids:
                missing.setdefault(key, self.model(name=name, name_key=key))
        if missing:
            created = bulk_create_with_history(
                list(missing.values()),
                self.model,
                batch_size=batch_size,
                default_user=user,
                default_change_reason=change_reason,
                default_date=timezone.now(),
            )
            ids.update((organisation.name_key, organisation.pk) for organisation in created)
        return ids


class Organisation(models.Model):
    """A provider. Names are unique once case, spacing and punctuation are ignored."""

    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, unique=True, editable=False)
    website = WebsiteField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    # The record's id in the Open Referral UK API (activities/api/): made once, kept
    # through every edit and re-import, never reused.
    uuid = models.UUIDField("published id", default=uuid4, unique=True, editable=False)

    objects = OrganisationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = clean_text(self.name)
        self.name_key = value_key(self.name)
        if not self.name_key:
            raise ValidationError({"name": "Enter the organisation's name."})
        clash = Organisation.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
        if clash:
            raise ValidationError(
                {"name": f"“{clash.name}” is already recorded; use that organisation instead."}
            )

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.name_key = value_key(self.name)
        super().save(*args, **kwargs)


def _in_choices(enumeration):
    field = enumeration.key
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": enumeration.choices.values}),
        name=f"activity_{field}_valid",
        violation_error_message=f"{field.replace('_', ' ').capitalize()} must be one of: "
        + ", ".join(enumeration.choices.labels),
    )


class Activity(models.Model):
    """A peer support activity found while scoping.

    It serves one place, several places or the whole region (``coverage``;
    see ``activities.reference.coverage``). Identity (for re-import) is its published id
    (``uuid``) when a sheet's row carries it; otherwise, and in the unique
    constraints, what it serves (the place, the set of places, or the region) +
    organisation (none counts as one value) + the name's spelling key.
    """

    Coverage = Coverage

    name = models.CharField(
        "project name / support type",
        max_length=300,
        help_text="What the activity is called, e.g. “Headingley Walk and Talk”.",
    )
    name_key = models.CharField(max_length=300, editable=False, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text="Who runs it. Leave empty for an informal group with no organisation.",
    )
    coverage = models.CharField(
        "serves",
        max_length=10,
        choices=Coverage.choices,
        default=Coverage.PLACE,
        help_text="One of the six places, several of them, or the whole region (WY&H wide).",
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text="For an activity serving one place: the place (of the six) where it happens.",
    )
    places = models.ManyToManyField(
        Place,
        blank=True,
        related_name="shared_activities",
        verbose_name="places served",
        help_text="For an activity serving several places: tick each one (two or more).",
    )
    places_key = models.CharField(max_length=200, blank=True, default="", editable=False)
    sector = models.CharField(
        max_length=20,
        choices=Sector.choices,
        help_text="The kind of organisation that runs it.",
    )
    main_focus = models.CharField(
        max_length=20,
        choices=MainFocus.choices,
        default=MainFocus.MENTAL_HEALTH,
        help_text="Is mental health the main purpose, or is it, say, a walking or craft group?",
    )
    shared_experiences = models.ManyToManyField(
        SharedExperience,
        related_name="activities",
        help_text="Tick every shared experience the peers have in common (at least one).",
    )
    delivery_model = models.CharField(
        "primary model of delivery",
        max_length=20,
        choices=DeliveryModel.choices,
        help_text="How the support is mainly given.",
    )
    funding_type = models.CharField(
        max_length=20,
        choices=FundingType.choices,
        default=FundingType.UNKNOWN,
        help_text="Leave as Unknown if you could not find out.",
    )
    delivered_by = models.CharField(
        max_length=20,
        choices=DeliveredBy.choices,
        default=DeliveredBy.UNKNOWN,
        help_text="Who gives the peer support: people paid for a peer role, volunteers, or both.",
    )
    website = WebsiteField(max_length=500, blank=True)
    contact = models.TextField(
        blank=True,
        help_text="Public contact details only: an office phone or e-mail, not a person's.",
    )
    venue = models.CharField(
        "venue / area",
        max_length=300,
        blank=True,
        help_text="Where it meets, or the area it covers.",
    )
    online = models.BooleanField(
        null=True, blank=True, help_text="Does it run online? Leave unknown if not sure."
    )
    self_described_peer_support = models.BooleanField(
        "calls itself peer support", null=True, blank=True
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.UNKNOWN,
        help_text="Active if you saw evidence it runs now; Closed if it has stopped.",
    )
    access = models.CharField(
        "who can access it",
        max_length=20,
        choices=Access.choices,
        default=Access.UNKNOWN,
        help_text="Whether anyone can go, or a referral, membership or belonging to a group is needed.",
    )
    access_details = models.CharField(
        max_length=300,
        blank=True,
        help_text="Anything more about who can go, e.g. “women over 50”, “via the community "
        "mental health team”.",
    )
    how_found = models.CharField(
        "how it was found",
        max_length=20,
        choices=HowFound.choices,
        default=HowFound.UNKNOWN,
        help_text="How the scoping came across it.",
    )
    found_through_network = models.CharField(
        "network",
        max_length=200,
        blank=True,
        help_text="For one found through a network: which, e.g. “Kirklees Mental Health Alliance”.",
    )
    date_scoped = models.DateField(null=True, blank=True, help_text="When it was found.")
    last_verified = models.DateField(
        null=True, blank=True, help_text="When someone last checked it still runs."
    )
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Who recorded the last check from the review queue.",
    )
    scoped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    scoped_by_name = models.CharField(
        "scoped by (as written)",
        max_length=100,
        blank=True,
        help_text="Initials or name of the champion, as recorded in the master sheet.",
    )
    notes = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one on every save; a save based on an older version is refused.",
    )
    # The record's id in the Open Referral UK API (activities/api/): made once, kept
    # through every edit and re-import, never reused.
    uuid = models.UUIDField("published id", default=uuid4, unique=True, editable=False)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[shared_experiences, places], excluded_fields=["name_key", "places_key"]
    )

    class Meta:
        verbose_name_plural = "activities"
        ordering = ["name", "pk"]
        constraints = [
            *(_in_choices(enumeration) for enumeration in ENUMERATIONS),
            models.UniqueConstraint(
                fields=["place", "organisation", "name_key"],
                condition=Q(organisation__isnull=False),
                name="activity_identity_with_organisation",
            ),
            models.UniqueConstraint(
                fields=["place", "name_key"],
                condition=Q(organisation__isnull=True),
                name="activity_identity_without_organisation",
            ),
            models.CheckConstraint(
                condition=Q(coverage__in=Coverage.values),
                name="activity_coverage_valid",
                violation_error_message="Serves must be one place, several places or the region.",
            ),
            models.CheckConstraint(
                condition=(Q(coverage=Coverage.PLACE) & Q(place__isnull=False))
                | (~Q(coverage=Coverage.PLACE) & Q(place__isnull=True)),
                name="activity_place_only_for_one_place",
                violation_error_message="Choose the place for an activity serving one place "
                "(and only then).",
            ),
            models.UniqueConstraint(
                fields=["places_key", "organisation", "name_key"],
                condition=~Q(coverage=Coverage.PLACE) & Q(organisation__isnull=False),
                name="activity_shared_identity_with_organisation",
            ),
            models.UniqueConstraint(
                fields=["places_key", "name_key"],
                condition=~Q(coverage=Coverage.PLACE) & Q(organisation__isnull=True),
                name="activity_shared_identity_without_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["place", "status"]),
            models.Index(fields=["date_scoped"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:activities_activity_change", args=[self.pk])

    def set_name(self, name):
        self.name = clean_text(name)
        self.name_key = value_key(self.name)

    def set_coverage(self, coverage, places=()):
        """Serve one place (``places`` is that one), several or the region.

        Sets ``place`` and ``places_key``; the caller links ``places`` (the
        many-to-many is saved after the row) for a several-place activity.
        """
        places = list(places)
        self.coverage = coverage
        self.place = None
        if coverage == Coverage.PLACE and places:
            if isinstance(places[0], Place):
                self.place = places[0]
            else:
                self.place_id = places[0]
        self.places_key = places_key(coverage, [getattr(p, "pk", p) for p in places])

    def places_served(self):
        """The places this activity serves: its place, its places, or all six."""
        if self.coverage == Coverage.REGION:
            return list(Place.objects.all())
        if self.coverage == Coverage.PLACES:
            return sorted(self.places.all(), key=lambda place: place.name)
        return [self.place] if self.place_id else []

    def serves_text(self, place_names=None):
        """What it serves as a Place cell reads: "Leeds", "Leeds; Wakefield" or "WY&H wide".

        ``place_names`` are a several-place activity's places' names when the
        caller fetched them in bulk; otherwise ``places`` is read (prefetched or not).
        """
        if self.coverage == Coverage.REGION:
            return REGION_LABEL
        if self.coverage == Coverage.PLACES:
            if place_names is None:
                place_names = [place.name for place in self.places.all()]
            return PLACES_SEPARATOR.join(sorted(place_names))
        return self.place.name if self.place_id else ""

    def find_duplicate(self, places=()):
        """Another activity with the same identity, if one exists.

        ``places`` are the places of a several-place activity (not yet linked
        when a form checks them).
        """
        name_key = value_key(clean_text(self.name))
        if self.coverage in (Coverage.PLACE, "", None):
            if not self.place_id:
                return None
            same = Activity.objects.filter(coverage=Coverage.PLACE, place_id=self.place_id)
        else:
            key = places_key(self.coverage, [getattr(p, "pk", p) for p in places])
            if self.coverage == Coverage.PLACES and "," not in key:
                return None
            same = Activity.objects.exclude(coverage=Coverage.PLACE).filter(places_key=key)
        return (
            same.filter(organisation_id=self.organisation_id, name_key=name_key)
            .exclude(pk=self.pk)
            .first()
        )

    def save(self, *args, **kwargs):
        self.set_name(self.name)
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


class DataVersion(models.Model):
    """One row whose token changes after every committed write to the directory's data.

    Figures computed from activities (facet counts, report tables) are cached
    under the token they were computed at, so a changed token retires them all
    at once. ``activities.records.data_version`` keeps it current.
    """

    token = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)
    # Writes are numbered as they commit (``claimed``, the last number handed out); a
    # token is published with its write's number (``generation``) only over an earlier
    # one, so a slow preparation for one write cannot publish over a later write's.
    claimed = models.BigIntegerField(default=0)
    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"Data version {self.token}"
