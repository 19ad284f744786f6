"""django-import-export resources for the admin's simple tables: places, aliases, organisations.

The master sheet has its own importer (``master_sheet*.py``): one sheet per
place, tolerant headers and values, activities with their shared experiences.
These tables are flat, one column per field, so the library's admin import
(upload, preview, confirm) and export serve them as they are. What this module
adds to the library's defaults:

- **Identity by natural key**, so that importing a file again updates rather
  than duplicates: a place by its slug, an alias by vocabulary + spelling key,
  an organisation by its name key (case, spacing and punctuation ignored). A
  file naming one record twice is refused (the second row names the first).
- **The models' own validation** (``full_clean``, hence ``Alias.clean`` and
  ``Organisation.clean``) runs on every imported row; errors are keyed by the
  column a person can fix, never by a stored key they cannot see.
- **Formula escaping**: text cells are written through ``escape_formula`` and
  read back through ``unescape_formula``, as every other sheet the app writes,
  so an export imported again changes nothing.
- **History and figures**: each saved row's history names who imported it and
  from which file; a confirmed import of places or organisations renews the
  data version so cached figures are retired.
"""

from diff_match_patch import diff_match_patch
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from import_export import fields, resources, widgets
from import_export.results import RowResult

from activities.models import Alias, Organisation, Place
from activities.records.data_version import data_changed
from activities.vocabulary.spelling import clean_text, value_key
from activities.vocabulary.terms import Vocabulary
from scoping.shared.spreadsheets import escape_formula, unescape_formula


class SheetTextWidget(widgets.CharWidget):
    """Text as every sheet of the app holds it: formulas escaped out, unescaped in, trimmed."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row=row, **kwargs)
        return unescape_formula(text).strip()

    def render(self, value, obj=None, **kwargs):
        return escape_formula(super().render(value, obj, **kwargs))


class WholeNumberWidget(widgets.Widget):
    """A whole number; "818,085" and 818085.0 (a spreadsheet's number) are read too."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = unescape_formula(str(value)).replace(",", "").replace(" ", "")
        if not text.isdigit():  # also refuses "1e400" and 4,000-digit numbers' signs
            raise ValueError(f"“{value}” is not a whole number; write it like 818085.")
        if len(text) > 18:
            raise ValueError(f"“{value}” is far too large a number.")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class VocabularyWidget(SheetTextWidget):
    """A vocabulary by its value (``sector``) or its label (``Sector``), any case."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row=row, **kwargs)
        if not text:
            return text
        for vocabulary in Vocabulary:
            if value_key(text) in (value_key(vocabulary.value), value_key(vocabulary.label)):
                return vocabulary.value
        raise ValueError(
            f"“{text}” is not a vocabulary; use one of: {', '.join(Vocabulary.values)}."
        )


class WebsiteWidget(SheetTextWidget):
    """A website as the admin's form reads it: "example.org" is https://example.org."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row=row, **kwargs)
        try:
            return forms.URLField(assume_scheme="https", required=False).to_python(text)
        except ValidationError:
            return text  # the model's validation names it


def text(name):
    return fields.Field(attribute=name, column_name=name, widget=SheetTextWidget())


class CspSafeDiff(resources.Diff):
    """The preview's changed-text highlighting, without the inline ``style`` attributes
    that ``diff_match_patch.diff_prettyHtml`` writes (the site's CSP refuses them);
    the library's own ``import.css`` colours ``ins`` and ``del``."""

    TAGS = {diff_match_patch.DIFF_DELETE: "del", diff_match_patch.DIFF_INSERT: "ins"}

    def as_html(self):
        cells = []
        matcher = diff_match_patch()
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            parts = matcher.diff_main(force_str(before), force_str(after))
            matcher.diff_cleanupSemantic(parts)
            cells.append(
                format_html_join(
                    "", "<{0}>{1}</{0}>", ((self.TAGS.get(op, "span"), part) for op, part in parts)
                )
            )
        return cells


class SheetResource(resources.ModelResource):
    """What the three tables share; subclasses say how a row names its record."""

    #: columns a row's identity is read from (they must be in the file)
    identity_columns = ()
    #: the column that identity errors are reported against
    identity_column = None
    #: stored keys derived from a column: {derived field: the column it comes from}
    derived_fields = {}
    #: whether a confirmed import must retire the directory's cached figures
    changes_figures = False

    class Meta:
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False  # one save per row: signals, history and validation all apply

    def get_diff_class(self):
        return CspSafeDiff

    def get_import_id_fields(self):
        return list(self.identity_columns)

    # -- identity -------------------------------------------------------------

    def identity(self, row):
        """The natural key this row names, or None when it names nothing."""
        raise NotImplementedError

    def find(self, key):
        """The stored record with this natural key, or None."""
        raise NotImplementedError

    def cleaned(self, row, column):
        """A column's value as imported; "" when absent or unreadable (its import says why)."""
        try:
            return self.fields[column].clean(row) if column in row else ""
        except ValueError:
            return ""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._first_row_of = {}

    def before_import(self, dataset, **kwargs):
        """Headers are matched as the master sheet matches them: "Population source" is
        ``population_source``; a row's identity is checked once per file."""
        self._first_row_of = {}
        columns = {
            value_key(field.column_name): field.column_name for field in self.fields.values()
        }
        if dataset.headers:
            dataset.headers = [
                columns.get(value_key(header), header) if isinstance(header, str) else header
                for header in dataset.headers
            ]
        missing = [
            column for column in self.identity_columns if column not in (dataset.headers or [])
        ]
        if missing:
            raise ValueError(
                f"The file has no {' or '.join(missing)} column, so no row can be matched. "
                f"The first row must hold the headers: {', '.join(self.fields)}."
            )

    def get_instance(self, instance_loader, row):
        key = self.identity(row)
        return self.find(key) if key else None

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for derived, source in self.derived_fields.items():
            setattr(instance, derived, value_key(clean_text(getattr(instance, source))))
        key = self.identity(row)
        if key:
            number = kwargs.get("row_number")
            first = self._first_row_of.setdefault(key, number)
            if first != number:
                errors.setdefault(self.identity_column, []).append(
                    ValidationError(
                        f"row {sheet_row(first)} of this file is the same "
                        f"{self._meta.model._meta.verbose_name}; each may appear once."
                    )
                )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation, with errors on stored keys told against their column."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            by_column = {}
            derived = {}
            for field, messages in error.message_dict.items():
                if field in self.derived_fields:
                    derived[self.derived_fields[field]] = messages
                    continue
                if field == NON_FIELD_ERRORS and self.identity_column:
                    field = self.identity_column  # e.g. a unique constraint on the keys
                kept = by_column.setdefault(field, [])
                kept.extend(message for message in messages if message not in kept)
            for column, messages in derived.items():
                by_column.setdefault(column, messages)  # only when the column has none
            raise ValidationError(by_column) from None

    # -- saving -----------------------------------------------------------------

    def before_save_instance(self, instance, row, **kwargs):
        """History names the person and the file, as an admin save names the person."""
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        file_name = kwargs.get("file_name")
        instance._change_reason = f"Imported from {file_name}" if file_name else "Imported"

    def after_import(self, dataset, result, **kwargs):
        """Saves renew the data version through signals; say so once more for the import
        as a whole, so a future bulk mode (which sends none) cannot forget it."""
        if kwargs.get("dry_run") or not self.changes_figures:
            return
        written = (
            result.totals[RowResult.IMPORT_TYPE_NEW] + result.totals[RowResult.IMPORT_TYPE_UPDATE]
        )
        if written and not result.has_errors() and not result.has_validation_errors():
            data_changed()


def sheet_row(number):
    """The spreadsheet's own row number of the library's 1-based data row (row 1 is headers)."""
    return number + 1 if number else number


class PlaceResource(SheetResource):
    name = text("name")
    slug = text("slug")
    population = fields.Field(
        attribute="population", column_name="population", widget=WholeNumberWidget()
    )
    population_source = text("population_source")
    gss_code = text("gss_code")

    identity_columns = ("slug",)
    identity_column = "slug"
    changes_figures = True

    class Meta(SheetResource.Meta):
        model = Place
        fields = ("name", "slug", "population", "population_source", "gss_code")

    def identity(self, row):
        slug = self.cleaned(row, "slug")
        return (slug,) if slug else None

    def find(self, key):
        return Place.objects.filter(slug=key[0]).first()


class AliasResource(SheetResource):
    vocabulary = fields.Field(
        attribute="vocabulary", column_name="vocabulary", widget=VocabularyWidget()
    )
    spelling = text("spelling")
    canonical = text("canonical")

    identity_columns = ("vocabulary", "spelling")
    identity_column = "spelling"
    derived_fields = {"spelling_key": "spelling"}

    class Meta(SheetResource.Meta):
        model = Alias
        fields = ("vocabulary", "spelling", "canonical")

    def identity(self, row):
        vocabulary = self.cleaned(row, "vocabulary")
        spelling_key = value_key(clean_text(self.cleaned(row, "spelling")))
        return (vocabulary, spelling_key) if vocabulary and spelling_key else None

    def find(self, key):
        vocabulary, spelling_key = key
        return Alias.objects.filter(vocabulary=vocabulary, spelling_key=spelling_key).first()


class OrganisationResource(SheetResource):
    name = text("name")
    website = fields.Field(attribute="website", column_name="website", widget=WebsiteWidget())
    notes = text("notes")

    identity_columns = ("name",)
    identity_column = "name"
    derived_fields = {"name_key": "name"}
    changes_figures = True

    class Meta(SheetResource.Meta):
        model = Organisation
        fields = ("name", "website", "notes")

    def identity(self, row):
        name_key = value_key(clean_text(self.cleaned(row, "name")))
        return (name_key,) if name_key else None

    def find(self, key):
        return Organisation.objects.filter(name_key=key[0]).first()
