from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"

    def ready(self):
        # Each registers what it prepares before a new data version is published.
        from activities.directory import facet_index, figures  # noqa: F401
        from activities.records.data_version import connect_signals

        connect_signals()
