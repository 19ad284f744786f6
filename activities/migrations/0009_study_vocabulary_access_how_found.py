"""The study's vocabulary and fields: the sector "Arts"; who can access an activity
and how it was found (with the network); a definition for every shared experience.

Existing activities get "Not known" for both new choices. Shared experiences
whose description is still blank get the plain-English one the reference data
now has (an administrator's own description is kept). On SQLite the altered
columns rebuild the table, so migration 0004's ordering indexes are made again.
"""

from django.conf import settings
from django.db import migrations, models


DESCRIPTIONS = {
    "anxiety": "Living with anxiety, panic or worry that gets in the way of life.",
    "depression": "Living with depression or low mood.",
    "crisis-prevention-management": "Support to prevent a mental health crisis, or to get through and recover from one.",
    "disability-incl-learning-disability": "Disabled people, including people with a learning disability.",
    "domestic-violence": "People who have lived through domestic violence or abuse.",
    "financial-issues-and-or-debt": "People struggling with money worries or debt.",
    "hiv-and-or-aids": "People living with HIV or AIDS.",
    "migrant-communities": "Migrants, refugees and people seeking asylum.",
    "older-people": "Older people.",
    "self-harm": "People who self-harm or have done.",
    "substance-misuse": "People recovering from, or living with, drug or alcohol use.",
    "young-people": "Children and young people.",
    "hearing-voices": "People who hear voices or have other unusual experiences.",
    "eating-disorders": "People living with, or recovering from, an eating disorder.",
    "autism": "Autistic people.",
    "loneliness-and-isolation": "People who are lonely or cut off, including in rural areas.",
}

ORDERING_INDEXES = [
    ("activity_directory_name", "activities_activity", "(name, id)"),
    ("activity_directory_place_name", "activities_activity", "(place_id, name, id)"),
]


def describe_shared_experiences(apps, schema_editor):
    SharedExperience = apps.get_model("activities", "SharedExperience")
    for slug, description in DESCRIPTIONS.items():
        SharedExperience.objects.filter(slug=slug, description="").update(description=description)


def recreate_ordering_indexes(apps, schema_editor):
    for name, table, definition in ORDERING_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0008_activity_coverage"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="activity",
            name="activity_sector_valid",
        ),
        migrations.RemoveConstraint(
            model_name="alias",
            name="alias_vocabulary_valid",
        ),
        migrations.AddField(
            model_name="activity",
            name="access",
            field=models.CharField(
                choices=[
                    ("open_to_all", "Open to all"),
                    ("referral", "Referral needed"),
                    ("members_only", "Members only"),
                    ("specific_group", "Specific group"),
                    ("unknown", "Not known"),
                ],
                default="unknown",
                help_text="Whether anyone can go, or a referral, membership or belonging to a group is needed.",
                max_length=20,
                verbose_name="who can access it",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="access_details",
            field=models.CharField(
                blank=True,
                help_text="Anything more about who can go, e.g. “women over 50”, “via the community mental health team”.",
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="found_through_network",
            field=models.CharField(
                blank=True,
                help_text="For one found through a network: which, e.g. “Kirklees Mental Health Alliance”.",
                max_length=200,
                verbose_name="network",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="how_found",
            field=models.CharField(
                choices=[
                    ("desk_research", "Desk research"),
                    ("local_visit", "Local visit"),
                    ("network", "Network"),
                    ("self_submitted", "Self-submitted"),
                    ("other", "Other"),
                    ("unknown", "Not known"),
                ],
                default="unknown",
                help_text="How the scoping came across it.",
                max_length=20,
                verbose_name="how it was found",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="access",
            field=models.CharField(
                choices=[
                    ("open_to_all", "Open to all"),
                    ("referral", "Referral needed"),
                    ("members_only", "Members only"),
                    ("specific_group", "Specific group"),
                    ("unknown", "Not known"),
                ],
                default="unknown",
                help_text="Whether anyone can go, or a referral, membership or belonging to a group is needed.",
                max_length=20,
                verbose_name="who can access it",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="access_details",
            field=models.CharField(
                blank=True,
                help_text="Anything more about who can go, e.g. “women over 50”, “via the community mental health team”.",
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="found_through_network",
            field=models.CharField(
                blank=True,
                help_text="For one found through a network: which, e.g. “Kirklees Mental Health Alliance”.",
                max_length=200,
                verbose_name="network",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="how_found",
            field=models.CharField(
                choices=[
                    ("desk_research", "Desk research"),
                    ("local_visit", "Local visit"),
                    ("network", "Network"),
                    ("self_submitted", "Self-submitted"),
                    ("other", "Other"),
                    ("unknown", "Not known"),
                ],
                default="unknown",
                help_text="How the scoping came across it.",
                max_length=20,
                verbose_name="how it was found",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="sector",
            field=models.CharField(
                choices=[
                    ("third_sector", "Third Sector"),
                    ("community", "Community"),
                    ("nhs", "NHS"),
                    ("local_authority", "Local Authority"),
                    ("partnership_nhs", "Partnership incl. NHS"),
                    ("arts", "Arts"),
                    ("other", "Other"),
                ],
                help_text="The kind of organisation that runs it.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="alias",
            name="vocabulary",
            field=models.CharField(
                choices=[
                    ("place", "Place"),
                    ("shared_experience", "Shared experience"),
                    ("sector", "Sector"),
                    ("main_focus", "Main focus"),
                    ("delivery_model", "Primary model of delivery"),
                    ("funding_type", "Funding type"),
                    ("status", "Status"),
                    ("access", "Who can access it"),
                    ("how_found", "How it was found"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="sector",
            field=models.CharField(
                choices=[
                    ("third_sector", "Third Sector"),
                    ("community", "Community"),
                    ("nhs", "NHS"),
                    ("local_authority", "Local Authority"),
                    ("partnership_nhs", "Partnership incl. NHS"),
                    ("arts", "Arts"),
                    ("other", "Other"),
                ],
                help_text="The kind of organisation that runs it.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalalias",
            name="vocabulary",
            field=models.CharField(
                choices=[
                    ("place", "Place"),
                    ("shared_experience", "Shared experience"),
                    ("sector", "Sector"),
                    ("main_focus", "Main focus"),
                    ("delivery_model", "Primary model of delivery"),
                    ("funding_type", "Funding type"),
                    ("status", "Status"),
                    ("access", "Who can access it"),
                    ("how_found", "How it was found"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "sector__in",
                        [
                            "third_sector",
                            "community",
                            "nhs",
                            "local_authority",
                            "partnership_nhs",
                            "arts",
                            "other",
                        ],
                    )
                ),
                name="activity_sector_valid",
                violation_error_message="Sector must be one of: Third Sector, Community, NHS, Local Authority, Partnership incl. NHS, Arts, Other",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "access__in",
                        ["open_to_all", "referral", "members_only", "specific_group", "unknown"],
                    )
                ),
                name="activity_access_valid",
                violation_error_message="Access must be one of: Open to all, Referral needed, Members only, Specific group, Not known",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "how_found__in",
                        [
                            "desk_research",
                            "local_visit",
                            "network",
                            "self_submitted",
                            "other",
                            "unknown",
                        ],
                    )
                ),
                name="activity_how_found_valid",
                violation_error_message="How found must be one of: Desk research, Local visit, Network, Self-submitted, Other, Not known",
            ),
        ),
        migrations.AddConstraint(
            model_name="alias",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "vocabulary__in",
                        [
                            "place",
                            "shared_experience",
                            "sector",
                            "main_focus",
                            "delivery_model",
                            "funding_type",
                            "status",
                            "access",
                            "how_found",
                        ],
                    )
                ),
                name="alias_vocabulary_valid",
            ),
        ),
        migrations.RunPython(describe_shared_experiences, migrations.RunPython.noop),
        migrations.RunPython(recreate_ordering_indexes, migrations.RunPython.noop, elidable=False),
    ]
