"""django-import-export resources for the study's tables in the admin: recommendation
progress and literature sources, on the same footing as the directory's simple tables
(``activities.reference.resources.SheetResource``: natural keys, validation, formula escaping,
history naming the importer)."""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from activities.models import Organisation, Place
from activities.reference.resources import SheetResource, SheetTextWidget, WholeNumberWidget, text
from activities.vocabulary.spelling import value_key
from reports.study.literature_models import LiteratureSource, SourceFocus, SourceType
from reports.study.recommendation_models import ActionProgress, ProgressStatus, SuggestedAction


class ChoiceWidget(SheetTextWidget):
    """One of ``choices`` by its value or its label, any case; empty if ``blank``."""

    def __init__(self, choices, *, blank=False, **kwargs):
        self.choices, self.blank = choices, blank
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        written = super().clean(value, row=row, **kwargs)
        if not written and self.blank:
            return ""
        for choice in self.choices:
            if value_key(written) in (value_key(choice.value), value_key(choice.label)):
                return choice.value
        allowed = ", ".join(choice.label for choice in self.choices)
        raise ValueError(f"“{written}” is not one of: {allowed}.")

    def render(self, value, obj=None, **kwargs):
        labels = {choice.value: choice.label for choice in self.choices}
        return super().render(labels.get(value, value), obj, **kwargs)


class ActionWidget(widgets.Widget):
    """A suggested action by its number, area first: ``3.2``."""

    def clean(self, value, row=None, **kwargs):
        written = str(value or "").strip()
        area, _, number = written.partition(".")
        if area.isdigit() and number.isdigit() and len(written) < 10:
            action = SuggestedAction.objects.filter(area__number=area, number=number).first()
            if action:
                return action
        raise ValueError(
            f"“{written}” is not a suggested action: write its number as the report shows it, "
            "e.g. 3.2 (area 3, action 2)."
        )

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


class PlaceWidget(SheetTextWidget):
    """A place by its slug or its name."""

    def clean(self, value, row=None, **kwargs):
        written = super().clean(value, row=row, **kwargs)
        key = value_key(written)
        for place in Place.objects.all():
            if key in (value_key(place.slug), value_key(place.name)):
                return place
        names = ", ".join(Place.objects.values_list("name", flat=True))
        raise ValueError(f"“{written}” is not a place; the places are {names}.")

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class OrganisationWidget(SheetTextWidget):
    """An existing organisation by name (case, spacing and punctuation ignored), or none."""

    def clean(self, value, row=None, **kwargs):
        written = super().clean(value, row=row, **kwargs)
        if not written:
            return None
        organisation = Organisation.objects.filter(name_key=value_key(written)).first()
        if organisation is None:
            raise ValueError(
                f"No organisation is called “{written}”: add it under Organisations first, "
                "or leave the cell empty for the place as a whole."
            )
        return organisation

    def render(self, value, obj=None, **kwargs):
        return super().render(value.name if value else "", obj, **kwargs)


class ActionProgressResource(SheetResource):
    action = fields.Field(attribute="action", column_name="action", widget=ActionWidget())
    place = fields.Field(attribute="place", column_name="place", widget=PlaceWidget())
    organisation = fields.Field(
        attribute="organisation", column_name="organisation", widget=OrganisationWidget()
    )
    status = fields.Field(
        attribute="status", column_name="status", widget=ChoiceWidget(ProgressStatus)
    )
    note = text("note")
    noted_on = fields.Field(
        attribute="noted_on", column_name="noted_on", widget=widgets.DateWidget("%Y-%m-%d")
    )

    identity_columns = ("action", "place")
    identity_column = "action"

    class Meta(SheetResource.Meta):
        model = ActionProgress
        fields = ("action", "place", "organisation", "status", "note", "noted_on")

    def identity(self, row):
        try:
            action = self.fields["action"].clean(row)
            place = self.fields["place"].clean(row)
            organisation = self.fields["organisation"].clean(row) if "organisation" in row else None
        except (ValueError, ValidationError):
            return None
        return (action.pk, place.pk, organisation.pk if organisation else None)

    def find(self, key):
        action, place, organisation = key
        return ActionProgress.objects.filter(
            action_id=action, place_id=place, organisation_id=organisation
        ).first()

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance.updated_by = user


class LiteratureSourceResource(SheetResource):
    cited_as = text("cited_as")
    author = text("author")
    year = fields.Field(attribute="year", column_name="year", widget=WholeNumberWidget())
    title = text("title")
    source_type = fields.Field(
        attribute="source_type", column_name="type", widget=ChoiceWidget(SourceType, blank=True)
    )
    focus = fields.Field(
        attribute="focus", column_name="focus", widget=ChoiceWidget(SourceFocus, blank=True)
    )
    pages_cited = text("pages_cited")
    note = text("note")

    identity_columns = ("cited_as",)
    identity_column = "cited_as"

    class Meta(SheetResource.Meta):
        model = LiteratureSource
        fields = (
            "cited_as",
            "author",
            "year",
            "title",
            "source_type",
            "focus",
            "pages_cited",
            "note",
        )

    def identity(self, row):
        cited_as = self.cleaned(row, "cited_as")
        return (cited_as,) if cited_as else None

    def find(self, key):
        return LiteratureSource.objects.filter(cited_as=key[0]).first()
