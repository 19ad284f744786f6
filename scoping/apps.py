from django.apps import AppConfig


class ScopingConfig(AppConfig):
    name = "scoping"
    verbose_name = "Peer Support Directory"

    def ready(self):
        # Signal receivers: deactivating a user ends their sessions; signing in sets the
        # two-factor gate for the session.
        from scoping.accounts import sessions  # noqa: F401
        from scoping.accounts.two_factor import gate  # noqa: F401
