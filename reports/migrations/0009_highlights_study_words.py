"""The study's own highlight bullets, word for word, replace the paraphrases loaded before.

Highlights gain ``study_line`` (the study's own bullets carry the line of its text they come
from) and may be about the total or who was interviewed. The paraphrased demo highlights
that ``highlights_demo_load`` used to add are deleted where they are still exactly as it
wrote them; one an administrator edited is theirs now and stays, as do their own.
``load_study_conclusions`` (run by ``make run`` and ``make serve``) then adds the study's
own bullets from ``fixtures/highlights.json``.
"""

from django.db import migrations, models

# (place slug, or None for the region; text): the paraphrases, exactly as loaded.
PARAPHRASES = [
    (None, 'Support groups are the most common way peer support is delivered across the region, with activity groups a close second.'),
    (None, 'Most peer support is run by the Third Sector; community groups are the next largest provider.'),
    (None, "General mental health is the most common shared experience, followed by men's mental health and LGBTQI+."),
    (None, 'Most of the people interviewed were paid workers; volunteers were the next largest group.'),
    (None, 'The team found fewer activities run by local authorities than it had expected.'),
    ('bradford-craven', 'Support groups lead, but the place has a healthy mix of delivery models.'),
    ('bradford-craven', 'The main shared experiences are general mental health, substance misuse and physical health.'),
    ('bradford-craven', 'Community groups were better represented among interviewees than the NHS.'),
    ('bradford-craven', 'More than half of the people interviewed were paid for their role.'),
    ('calderdale', "The main shared experiences are general mental health, disability, parenthood and women's mental health."),
    ('calderdale', 'Most services are in Halifax.'),
    ('calderdale', 'Little peer support was found for Black, Asian and minority ethnic communities.'),
    ('calderdale', 'The way support is delivered changes when it reaches rural and isolated people.'),
    ('harrogate-rural-district', 'Activity clusters in the town centre and in rural hotspots such as Ripon and Knaresborough.'),
    ('harrogate-rural-district', 'The main shared experiences are general mental health, physical health and disability.'),
    ('harrogate-rural-district', 'Community groups are relatively numerous, with a fair NHS presence; support groups make up nearly half of what is delivered.'),
    ('harrogate-rural-district', 'More than half of interviewees were paid, and services reported pressure on capacity, including waiting lists.'),
    ('kirklees', "The main shared experiences are general mental health, men's mental health, anxiety, depression and bereavement."),
    ('kirklees', 'Many arts organisations host peer support that grows naturally out of their activities.'),
    ('kirklees', 'Most interviewees were paid; some had moved from member to volunteer to staff.'),
    ('kirklees', 'Getting back into work is a strong theme, and services reported pressure on capacity.'),
    ('leeds', 'The Third Sector runs most peer support, with NHS and partnership provision growing.'),
    ('leeds', "The main shared experiences are general mental health, men's mental health and LGBTQI+."),
    ('leeds', 'Peer support for physical health is built into the teaching hospitals, for example after major trauma.'),
    ('leeds', 'Most of the people interviewed were paid workers.'),
    ('wakefield', 'A lively arts scene means much peer support happens in creative activity groups.'),
    ('wakefield', 'The main shared experiences are general mental health, anxiety and depression.'),
    ('wakefield', 'The NHS presence is established and growing: talking therapies, a recovery college and the mental health trust.'),
    ('wakefield', 'Most of the people interviewed were volunteers.'),
]


def paraphrases_delete(apps, schema_editor):
    Highlight = apps.get_model("reports", "Highlight")
    for slug, text in PARAPHRASES:
        rows = Highlight.objects.filter(text=text, study_line__isnull=True)
        if slug is None:
            rows.filter(place__isnull=True).delete()
        else:
            rows.filter(place__slug=slug).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_study_conclusions_roles'),
    ]

    operations = [
        migrations.AddField(
            model_name='highlight',
            name='study_line',
            field=models.PositiveIntegerField(blank=True, editable=False, help_text="The study's own bullet: the line of the study's text it comes from.", null=True, unique=True),
        ),
        migrations.AddField(
            model_name='historicalhighlight',
            name='study_line',
            field=models.PositiveIntegerField(blank=True, db_index=True, editable=False, help_text="The study's own bullet: the line of the study's text it comes from.", null=True),
        ),
        migrations.AlterField(
            model_name='highlight',
            name='about',
            field=models.CharField(blank=True, choices=[('sector', 'Sector'), ('main_focus', 'Main focus'), ('delivery_model', 'Primary model of delivery'), ('funding_type', 'Funding type'), ('status', 'Status'), ('access', 'Who can access it'), ('how_found', 'How it was found'), ('shared_experience', 'Shared experience'), ('total', 'The number of activities'), ('interview_sector', 'Who was interviewed: sector'), ('interview_paid', 'Who was interviewed: paid or volunteer')], help_text="What the text describes, if a figure: the page shows today's beside it.", max_length=30),
        ),
        migrations.AlterField(
            model_name='historicalhighlight',
            name='about',
            field=models.CharField(blank=True, choices=[('sector', 'Sector'), ('main_focus', 'Main focus'), ('delivery_model', 'Primary model of delivery'), ('funding_type', 'Funding type'), ('status', 'Status'), ('access', 'Who can access it'), ('how_found', 'How it was found'), ('shared_experience', 'Shared experience'), ('total', 'The number of activities'), ('interview_sector', 'Who was interviewed: sector'), ('interview_paid', 'Who was interviewed: paid or volunteer')], help_text="What the text describes, if a figure: the page shows today's beside it.", max_length=30),
        ),
        migrations.RunPython(paraphrases_delete, migrations.RunPython.noop),
    ]
