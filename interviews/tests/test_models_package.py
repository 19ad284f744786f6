"""``interviews.models`` is the one place every model of the app is found, whichever room
defines it: ``from interviews.models import X`` works for each, and each keeps its table."""

from django.apps import apps

import interviews.models


def test_every_model_of_the_app_is_importable_from_interviews_models():
    models = apps.get_app_config("interviews").get_models(include_auto_created=False)
    missing = [m.__name__ for m in models if getattr(interviews.models, m.__name__, None) is not m]
    assert missing == []
    assert set(interviews.models.__all__) >= {m.__name__ for m in models}


def test_the_rooms_models_keep_the_app_label_and_their_tables():
    tables = {m.__name__: m._meta.db_table for m in apps.get_app_config("interviews").get_models()}
    assert tables["Participant"] == "interviews_participant"
    assert tables["RedactionLogEntry"] == "interviews_redactionlogentry"
    assert tables["HistoricalTheme"] == "interviews_historicaltheme"
    assert tables["AccessLogEntry"] == "interviews_accesslogentry"
    assert all(table.startswith("interviews_") for table in tables.values())
