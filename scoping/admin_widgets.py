"""Admin pieces shared by the apps."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect

from .ids import is_database_id


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget fails re-rendering a submitted value that is not an id."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if is_database_id(v)]
        return super().optgroups(name, ids, attr)


class SafeAutocompleteMixin:
    """For a ModelAdmin: its autocomplete fields survive hostile input (see above)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django looks each submitted id up as it is; one too large for a database integer
    raises OverflowError instead of a form error."""

    def _check_values(self, value):
        for pk in value or ():
            if str(pk).isascii() and str(pk).isdigit() and not is_database_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
