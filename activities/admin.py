"""The admin: the champions' data-entry tool."""

import datetime

from django import forms
from django.contrib import admin
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from simple_history.admin import SimpleHistoryAdmin

from scoping.admin_widgets import SafeModelMultipleChoiceField, SafeRelationsMixin

from .admin_import import export_selected_as_master_sheet
from .admin_tables import TableImportExportMixin
from .concurrency import activity_changes_since
from .models import Activity, Alias, Organisation, Place, SharedExperience, canonical_labels
from .resources import AliasResource, OrganisationResource, PlaceResource
from .vocabulary import ENUMERATION, Status, Vocabulary


class ActivityForm(forms.ModelForm):
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = "__all__"
        field_classes = {"shared_experiences": SafeModelMultipleChoiceField}
        widgets = {
            "shared_experiences": forms.CheckboxSelectMultiple(
                attrs={"class": "psd-checkbox-columns"}
            ),
            "contact": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "shared_experiences": {"required": "Tick at least one shared experience."},
            "place": {"required": "Choose the place where the activity happens."},
            "sector": {"required": "Choose the kind of organisation that runs it."},
            "delivery_model": {"required": "Choose how the support is mainly given."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self._refuse_lost_update(cleaned.get("version_seen"))
        if self.errors:
            return cleaned
        probe = Activity(
            pk=self.instance.pk,
            name=cleaned.get("name", ""),
            place=cleaned.get("place"),
            organisation=cleaned.get("organisation"),
        )
        duplicate = probe.find_duplicate()
        if duplicate:
            by = (
                f" by {duplicate.organisation}"
                if duplicate.organisation
                else " with no organisation"
            )
            raise forms.ValidationError(
                f"“{duplicate.name}”{by} in {duplicate.place} is already in the directory. "
                "Open that activity and update it instead, or give this one a different name."
            )
        return cleaned

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
            f"{detail}. Your changes have not been saved. Check the form, then save again "
            "to keep your version."
        )


@admin.register(Activity)
class ActivityAdmin(SafeRelationsMixin, SimpleHistoryAdmin):
    form = ActivityForm
    list_display = [
        "name",
        "organisation",
        "place",
        "sector",
        "main_focus",
        "delivery_model",
        "status",
        "date_scoped",
    ]
    list_filter = [
        "place",
        "sector",
        "main_focus",
        "delivery_model",
        "funding_type",
        "shared_experiences",
        "status",
    ]
    search_fields = ["name", "organisation__name", "venue", "notes"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "date_scoped"
    list_select_related = ["place", "organisation"]
    show_full_result_count = False
    list_per_page = 50
    actions = [export_selected_as_master_sheet]
    readonly_fields = ["scoped_by", "created", "updated", "version"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "organisation", "place", "sector", "version_seen"],
                "description": format_lazy(
                    'Does it count as peer support? See <a href="{}#inclusion">the study\'s '
                    "inclusion rule</a> (a peer-to-peer element and a support outcome).",
                    reverse_lazy("study:about"),
                ),
            },
        ),
        (
            "What it offers",
            {"fields": ["main_focus", "shared_experiences", "delivery_model", "online"]},
        ),
        (
            "Where and how to reach it",
            {"fields": ["venue", "website", "contact"]},
        ),
        (
            "Scoping record",
            {
                "fields": [
                    "status",
                    "funding_type",
                    "self_described_peer_support",
                    "date_scoped",
                    "last_verified",
                    "scoped_by_name",
                    "notes",
                    "scoped_by",
                    "created",
                    "updated",
                    "version",
                ]
            },
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

    def save_model(self, request, obj, form, change):
        if not change and obj.scoped_by_id is None:
            obj.scoped_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "website"]
    search_fields = ["name"]
    show_full_result_count = False


@admin.register(Place)
class PlaceAdmin(TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PlaceResource]
    list_display = ["name", "population", "population_source", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SharedExperience)
class SharedExperienceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AliasForm(forms.ModelForm):
    """One 'means' drop-down, grouped by vocabulary, sets both vocabulary and value."""

    means = forms.ChoiceField(
        label="Means", help_text="The canonical value this spelling stands for."
    )

    class Meta:
        model = Alias
        fields = ["spelling"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = []
        for vocabulary in Vocabulary:
            labels = canonical_labels(vocabulary)
            options = [(f"{vocabulary.value}:{value}", label) for value, label in labels.items()]
            groups.append((vocabulary.label, sorted(options, key=lambda o: o[1])))
        self.fields["means"].choices = [("", "---------"), *groups]
        if self.instance.pk:
            self.initial["means"] = f"{self.instance.vocabulary}:{self.instance.canonical}"

    def _update_errors(self, errors):
        """The model speaks of vocabulary and canonical; this form shows them as 'means'."""
        if hasattr(errors, "error_dict"):
            for field in ("vocabulary", "canonical"):
                if field in errors.error_dict:
                    errors.error_dict.setdefault("means", []).extend(errors.error_dict.pop(field))
        super()._update_errors(errors)

    def clean(self):
        cleaned = super().clean()
        means = cleaned.get("means")
        if means:
            self.instance.vocabulary, self.instance.canonical = means.split(":", 1)
        return cleaned


@admin.register(Alias)
class AliasAdmin(TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [AliasResource]
    form = AliasForm
    list_display = ["spelling", "vocabulary", "means"]
    list_filter = ["vocabulary"]
    search_fields = ["spelling", "canonical"]

    def get_queryset(self, request):
        """Annotate place and shared-experience names so the list runs one query."""
        names = {
            Vocabulary.PLACE: Place,
            Vocabulary.SHARED_EXPERIENCE: SharedExperience,
        }
        return (
            super()
            .get_queryset(request)
            .annotate(
                table_label=Case(
                    *[
                        When(
                            vocabulary=vocabulary,
                            then=Subquery(
                                model.objects.filter(slug=OuterRef("canonical")).values("name")[:1]
                            ),
                        )
                        for vocabulary, model in names.items()
                    ],
                    default=Value(""),
                )
            )
        )

    @admin.display(description="Means", ordering="canonical")
    def means(self, alias):
        enumeration = ENUMERATION.get(alias.vocabulary)
        label = enumeration.labels.get(alias.canonical) if enumeration else alias.table_label
        return format_html("<strong>{}</strong>", label or alias.canonical)
