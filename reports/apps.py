from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        # registers the report counts' preparation before publishing, after the facet
        # index's (activities is earlier in INSTALLED_APPS)
        from reports.figures import prepared  # noqa: F401
        from reports.interview_figures import withdrawn_quotes

        withdrawn_quotes.connect()
