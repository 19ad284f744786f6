"""Admin pieces shared by the apps."""

from django.contrib.admin.widgets import AutocompleteSelect


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget fails re-rendering a submitted value that is not an id."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if str(v).isdigit() and int(v) < 2**63]
        return super().optgroups(name, ids, attr)


class SafeAutocompleteMixin:
    """For a ModelAdmin: its autocomplete fields survive hostile input (see above)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
