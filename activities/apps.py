from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"

    def ready(self):
        from activities.directory import facet_index  # noqa: F401  (registers its preparation before publishing)
        from activities.records.data_version import connect_signals

        connect_signals()
