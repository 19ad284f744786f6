"""Help texts are read by champions and the interview team in the admin, so none is
written for developers: no data-structure notation, no code names."""

import re

from django.apps import apps

DEVELOPERS_WORDS = re.compile(
    r"[{}\[\]]|``|\bpk\b|\bJSON\b|one per line|\bNone\b|\bTrue\b|\bFalse\b"
)


def test_no_help_text_is_written_for_developers():
    found = [
        f"{model._meta.label}.{field.name}: {field.help_text}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if DEVELOPERS_WORDS.search(str(getattr(field, "help_text", "") or ""))
    ]
    assert found == []
