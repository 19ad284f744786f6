"""Admin pieces shared by the apps: choice fields and widgets that survive hostile ids."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect

from scoping.shared.ids import fits_database_integer, is_database_id


def _invalid_choice(field, value):
    return forms.ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
    )


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget fails re-rendering a submitted value that is not an id."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if is_database_id(v)]
        return super().optgroups(name, ids, attr)


class SafeModelChoiceField(forms.ModelChoiceField):
    """Django looks a submitted id up as it is; one beyond a database integer
    raises OverflowError instead of a form error."""

    def to_python(self, value):
        if value not in self.empty_values and not fits_database_integer(value):
            raise _invalid_choice(self, value)
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The same for a list of ids."""

    def _check_values(self, value):
        for pk in value or ():
            if not fits_database_integer(pk):
                raise _invalid_choice(self, pk)
        return super()._check_values(value)


class SafeRelationsMixin:
    """For a ModelAdmin: its relation fields survive hostile ids (see above)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", SafeModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
