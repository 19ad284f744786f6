"""Rename the paraphrased starting codebook's themes to the study's own names.

A database loaded from the earlier fixture keeps its themes (and the excerpts
coded with them) under the names the study uses; ``load_interview_materials``
then adds the themes still missing. A theme already renamed, or whose study
name is taken, is left alone. Sets each theme's source from the study.
"""

from django.db import migrations

RENAMES = {
    "Meaning of peer support": "What does peer support mean in WY&H?",
    "Non-clinical, social model": "Non-clinical",
    "Organic, naturally occurring": "Organic",
    "Authentic, human approach": "Authentic and human approach",
    "Values": "Values and principles of peer support",
    "Equal relationships and attention to power": (
        "Equal relationships and overcoming power dynamics"
    ),
    "Safe space": "Creating a safe space",
    "Recovery focused": "Being recovery focused",
    "Inclusivity": "Inclusive",
    "Duties": "WY&H peer support workforce – key duties",
    "Delivering peer support sessions": "Delivering peer support models/activities",
    "Supporting people to access the community": (
        "Supporting service users to access the community"
    ),
    "Building relationships with organisations": (
        "Building relationships with key organisations and charities"
    ),
    "Advocacy": "Advocating for service users",
    "Benefits for the workforce": "Benefits of working in peer support across WY&H",
    "Sharing lived experience": "Ability to share lived experience",
    "Paid work and return to work": (
        "Volunteering, gaining paid employment and/or returning to work"
    ),
    "Benefits for people supported": "Benefits for service users",
    "Less isolation": "A reduced sense of isolation",
    "Progression to volunteering or employment": (
        "Progression to volunteering and/or employment in service"
    ),
    "Co-production": "Increased opportunities for co-production",
    "Partnership working across organisations": (
        "Greater partnership working across organisations"
    ),
    "Challenges for the workforce": "Challenges of working in peer support across WY&H",
    "Managing one's own mental health": "Managing their own mental health",
    "Being triggered": "Becoming triggered",
    "Capacity and waiting lists": "Capacity",
    "Integrated contexts: benefits": "Benefits of peer support in integrated contexts",
    "Shifting the power hierarchy in the NHS": "Changing the power hierarchy in the NHS",
    "New approaches: co-production, experts by experience": "Introducing new approaches",
    "Enriching services with emotional support": (
        "Enriching services and dimensions of support"
    ),
    "More staff support (two kinds of supervision)": "Multiple staff support opportunities",
    "Better signposting routes and pathways": "Enhanced signposting routes and pathways",
    "Integrated contexts: institutional challenges": "Institutional challenges",
    "Lack of understanding of peer support": "A lack of understanding of peer support",
    "Negative or dismissive attitudes, stigma, tokenism": "Negative attitudes",
    "Balancing the medical model and NHS rules with peer support values": (
        "Balancing different approaches to working"
    ),
    "Payment and quality": "Payment and the quality of peer support",
}
LITERATURE = [
    "Recovery focussed", "Authentic", "Mutual trust", "Choice and control", "Safety",
    "Empathy", "Inclusive", "Non-directive", "Holistic", "Burnout", "Managing boundaries",
    "Confidence", "Decreased self-stigma", "Interpersonal skills", "Earning money",
    "Improved wellbeing", "Greater diversity and inclusivity", "Reduced stigma", "Resistance",
    "Peer support workers being undermined and dismissed",
]  # fmt: skip
BOTH = [
    "Values and principles of peer support", "Shared experience", "Becoming triggered",
    "Benefits of working in peer support across WY&H",
    "Challenges of working in peer support across WY&H",
    "Benefits of peer support in integrated contexts", "Institutional challenges",
]  # fmt: skip


def rename(apps, schema_editor):
    Theme = apps.get_model("interviews", "Theme")
    taken = set(Theme.objects.values_list("name", flat=True))
    for old, new in RENAMES.items():
        if old in taken and new not in taken:
            Theme.objects.filter(name=old).update(name=new)
            taken.discard(old)
            taken.add(new)
    Theme.objects.filter(name__in=LITERATURE).update(source="literature")
    Theme.objects.filter(name__in=BOTH).update(source="both")


class Migration(migrations.Migration):
    dependencies = [("interviews", "0005_shadowing_signposting_permissions")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
