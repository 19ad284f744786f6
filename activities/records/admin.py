"""The activities and organisations in the admin: the champions' data-entry tool.

The activity form refuses a duplicate, a save over someone else's newer one, and a
"serves" that does not fit its places; the list filters by the place an activity serves.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from simple_history.admin import SimpleHistoryAdmin

from activities.duplicates.flags import activity_duplicates, activity_flag
from activities.master_sheet.admin_export import export_selected_as_master_sheet
from activities.models import Activity, Organisation, Place
from activities.records.concurrency import activity_changes_since
from activities.reference.admin_tables import TableImportExportMixin
from activities.reference.resources import OrganisationResource
from activities.vocabulary.definitions import help_with_definitions
from activities.vocabulary.terms import MainFocus, Status
from scoping.shared.admin_widgets import SafeModelMultipleChoiceField, SafeRelationsMixin

DEFAULTED_WHEN_MISSING = ("coverage", "access", "how_found", "delivered_by")


class ActivityForm(forms.ModelForm):
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = "__all__"
        field_classes = {
            "shared_experiences": SafeModelMultipleChoiceField,
            "places": SafeModelMultipleChoiceField,
        }
        widgets = {
            "shared_experiences": forms.CheckboxSelectMultiple(
                attrs={"class": "psd-checkbox-columns"}
            ),
            "places": forms.CheckboxSelectMultiple(attrs={"class": "psd-checkbox-columns"}),
            "contact": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "website": "Its own web page, if it has one, e.g. “leedsmind.org.uk/walks”.",
            "self_described_peer_support": (
                "Does it call itself peer support (its name, web page or leaflet)? Leave "
                "unknown if not sure."
            ),
            "notes": "Anything else worth knowing; shown on the directory's page.",
        }
        error_messages = {
            "main_focus": {
                "required": "Choose the main focus: is mental health its main purpose or not?"
            },
            "shared_experiences": {"required": "Tick at least one shared experience."},
            "place": {"required": "Choose the place where the activity happens."},
            "sector": {"required": "Choose the kind of organisation that runs it."},
            "delivery_model": {"required": "Choose how the support is mainly given."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version
        for name, field in self.fields.items():
            field.help_text = help_with_definitions(field.help_text, name)
        # A form posted without these (an older page, a script) keeps their defaults:
        # one place, as before, and "Not known".
        for name in DEFAULTED_WHEN_MISSING:
            if name in self.fields:
                self.fields[name].required = False
        self._ask_for_main_focus()

    def _ask_for_main_focus(self):
        """No silent default: a new activity's main focus starts blank and must be chosen."""
        field = self.fields.get("main_focus")
        if field is None:
            return
        field.required = True
        field.choices = [("", "Choose the main focus"), *MainFocus.choices]
        if not self.instance.pk:
            field.initial = None
            self.initial.pop("main_focus", None)

    def clean(self):
        cleaned = super().clean()
        for name in DEFAULTED_WHEN_MISSING:
            if name in self.fields and not cleaned.get(name) and name not in self.errors:
                cleaned[name] = Activity._meta.get_field(name).default
        self._refuse_lost_update(cleaned.get("version_seen"))
        self._clean_coverage(cleaned)
        if self.errors:
            return cleaned
        probe = Activity(
            pk=self.instance.pk,
            name=cleaned.get("name", ""),
            coverage=cleaned.get("coverage"),
            place=cleaned.get("place"),
            organisation=cleaned.get("organisation"),
        )
        duplicate = probe.find_duplicate(cleaned.get("places") or ())
        if duplicate:
            by = (
                f" by {duplicate.organisation}"
                if duplicate.organisation
                else " with no organisation"
            )
            raise forms.ValidationError(
                f"“{duplicate.name}”{by} in {duplicate.serves_text()} is already in the "
                "directory. Open that activity and update it instead, or give this one a "
                "different name."
            )
        return cleaned

    def _clean_coverage(self, cleaned):
        """One place needs its place; several need two or more places; the region needs neither.

        What does not belong to the chosen kind is dropped, so a champion who
        switches from one place to the region need not untick anything.
        """
        coverage = cleaned.get("coverage") or Activity.Coverage.PLACE
        if "coverage" not in self.errors:
            cleaned["coverage"] = coverage
        place, places = cleaned.get("place"), list(cleaned.get("places") or [])
        if coverage == Activity.Coverage.PLACE:
            if place is None and "place" not in self.errors:
                self.add_error("place", "Choose the place where the activity happens.")
            places = []
        elif coverage == Activity.Coverage.PLACES:
            if len(places) < 2:
                self.add_error(
                    "places",
                    "Tick the two or more places it serves (for one place, choose "
                    "“One place”; for all six, “Region-wide”).",
                )
            elif len(places) == Place.objects.count():
                # "Several places" is defined as not the whole region (coverage.py).
                self.add_error(
                    "places",
                    "All the places are ticked: choose “Region-wide” for an activity "
                    "serving the whole region.",
                )
            place = None
        elif coverage == Activity.Coverage.REGION:
            place, places = None, []
        else:
            return
        cleaned["place"], cleaned["places"] = place, places
        self.instance.set_coverage(coverage, [place] if place else places)

    def _refuse_lost_update(self, version_seen):
        """Refuse to overwrite changes saved by someone else after this form was opened."""
        if not self.instance.pk or version_seen is None:
            return
        conflict = activity_changes_since(activity_id=self.instance.pk, version=version_seen)
        if conflict is None:
            return
        who, when, changes = conflict
        # Saving again after reading the message keeps this person's version.
        self.data = self.data.copy()
        self.data["version_seen"] = Activity.objects.get(pk=self.instance.pk).version
        detail = "; ".join(changes) if changes else "see its history"
        raise forms.ValidationError(
            f"This activity was changed by someone else since you opened it ({who}, {when}): "
            f"{detail}. Your changes have not been saved. Look over the form, then save again "
            "to keep your version."
        )


class ServesPlaceFilter(admin.SimpleListFilter):
    """Activities serving a place: its own, those shared with other places and region-wide ones."""

    title = "serves place"
    parameter_name = "serves"

    def lookups(self, request, model_admin):
        return list(Place.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        place = Place.objects.filter(slug=self.value()).first()
        return queryset.serving(place) if place else queryset.none()


@admin.register(Activity)
class ActivityAdmin(SafeRelationsMixin, SimpleHistoryAdmin):
    form = ActivityForm
    list_display = [
        "name",
        "organisation",
        "serves",
        "sector",
        "main_focus",
        "delivery_model",
        "status",
        "date_scoped",
    ]
    list_filter = [
        ServesPlaceFilter,
        "coverage",
        "sector",
        "main_focus",
        "delivery_model",
        "funding_type",
        "delivered_by",
        "shared_experiences",
        "status",
        "access",
        "how_found",
    ]
    search_fields = ["name", "organisation__name", "venue", "notes"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "date_scoped"
    list_select_related = ["place", "organisation"]
    show_full_result_count = False
    list_per_page = 50
    actions = [export_selected_as_master_sheet]
    radio_fields = {"coverage": admin.VERTICAL}
    readonly_fields = ["scoped_by", "created", "updated", "version"]
    # The essentials first (what a champion must give for every activity), open; the rest
    # collapsed, each a short group (a champion opens what they have found out).
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "organisation", "sector", "version_seen"],
                "description": format_lazy(
                    'Does it count as peer support? See <a href="{}#inclusion">the study\'s '
                    "inclusion rule</a> (a peer-to-peer element and a support outcome).",
                    reverse_lazy("study:about"),
                ),
            },
        ),
        ("Where it serves", {"fields": ["coverage", "place", "places"]}),
        ("What it offers", {"fields": ["main_focus", "shared_experiences", "delivery_model"]}),
        (
            "Who delivers it and who can go",
            {
                "classes": ["collapse"],
                "fields": ["delivered_by", "access", "access_details", "online"],
            },
        ),
        (
            "Where and how to reach it",
            {"classes": ["collapse"], "fields": ["venue", "website", "contact"]},
        ),
        (
            "Status and funding",
            {
                "classes": ["collapse"],
                "fields": [
                    "status",
                    "last_verified",
                    "funding_type",
                    "self_described_peer_support",
                ],
            },
        ),
        (
            "How it was found",
            {
                "classes": ["collapse"],
                "fields": [
                    "how_found",
                    "found_through_network",
                    "date_scoped",
                    "scoped_by_name",
                    "notes",
                ],
            },
        ),
        (
            "Record keeping",
            {"classes": ["collapse"], "fields": ["scoped_by", "created", "updated", "version"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_changeform_initial_data(self, request):
        """A champion in the field has usually just seen the activity running."""
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("status", Status.ACTIVE)
        initial.setdefault("date_scoped", datetime.date.today())
        initial.setdefault(
            "scoped_by_name", request.user.get_full_name() or request.user.get_username()
        )
        return initial

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("places")

    @admin.display(description="serves", ordering="place__name")
    def serves(self, activity):
        """The place, the places, or "WY&H wide", said plainly."""
        if activity.coverage == Activity.Coverage.PLACE:
            return activity.serves_text()
        kind = "several places" if activity.coverage == Activity.Coverage.PLACES else "region"
        return f"{activity.serves_text()} ({kind})"

    def save_model(self, request, obj, form, change):
        if not change and obj.scoped_by_id is None:
            obj.scoped_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """Once its places are saved, say if the activity may be one already recorded for
        another place (activities/duplicates/)."""
        super().save_related(request, form, formsets, change)
        matches = activity_duplicates(form.instance)
        if matches:
            self.message_user(request, activity_flag(form.instance, matches), messages.WARNING)


@admin.register(Organisation)
class OrganisationAdmin(TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "website"]
    search_fields = ["name"]
    show_full_result_count = False
