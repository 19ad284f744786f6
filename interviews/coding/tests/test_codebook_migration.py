"""A database loaded from the earlier, paraphrased codebook gets the study's names
(the data migration's function, run on today's models, which hold the same fields)."""

import importlib

import pytest
from django.apps import apps

from interviews.models import Theme

pytestmark = pytest.mark.django_db
migration = importlib.import_module("interviews.migrations.0006_codebook_study_names")


def test_the_paraphrased_themes_are_renamed_to_the_studys():
    duties = Theme.objects.create(name="Duties")
    Theme.objects.create(name="Delivering peer support sessions", parent=duties)
    Theme.objects.create(name="Inclusivity")
    Theme.objects.create(name="Sharing lived experience")
    Theme.objects.create(name="Ability to share lived experience")  # already there

    migration.rename(apps, None)

    assert dict(Theme.objects.values_list("name", "source")) == {
        "WY&H peer support workforce – key duties": "interviews",
        "Delivering peer support models/activities": "interviews",
        "Inclusive": "literature",
        "Sharing lived experience": "interviews",  # its study name was taken: left alone
        "Ability to share lived experience": "interviews",
    }
    child = Theme.objects.get(name="Delivering peer support models/activities")
    assert child.parent.name == "WY&H peer support workforce – key duties"
