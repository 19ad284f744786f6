from django.apps import AppConfig


class ScopingConfig(AppConfig):
    name = "scoping"
    verbose_name = "Peer Support Directory"

    def ready(self):
        # Deactivating a user ends their sessions (a signal receiver).
        from scoping.accounts import sessions  # noqa: F401
