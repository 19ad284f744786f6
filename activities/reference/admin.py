"""The reference tables in the admin: places (with their champions), shared
experiences, and aliases, whose one "means" drop-down sets vocabulary and value."""

from django import forms
from django.contrib import admin
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from activities.currency.admin import PlaceChampionInline
from activities.models import Alias, Place, SharedExperience, canonical_labels
from activities.reference.admin_tables import TableImportExportMixin
from activities.reference.coverage import REGION, REGION_LABEL
from activities.reference.resources import AliasResource, PlaceResource
from activities.vocabulary.terms import ENUMERATION, Vocabulary


@admin.register(Place)
class PlaceAdmin(TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PlaceResource]
    list_display = ["name", "population", "population_source", "gss_code"]
    inlines = [PlaceChampionInline]
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
        if alias.vocabulary == Vocabulary.PLACE and alias.canonical == REGION:
            label = REGION_LABEL
        return format_html("<strong>{}</strong>", label or alias.canonical)
