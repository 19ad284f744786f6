"""One of everything, so the role matrix can open every detail URL."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from activities.api.identifiers import paired_id, taxonomy_id, term_id
from activities.api.models import ApiPartner, ApiUse
from activities.master_sheet.apply import master_sheet_import
from activities.models import Activity, Alias, ImportRowResult, Place, SharedExperience
from activities.submissions.models import Submission
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import (
    AccessLogEntry,
    InterviewGuide,
    SafeWord,
    ShadowingVisit,
    Signposting,
    StaffName,
)
from interviews.personal_data.access_log import access_record
from interviews.tests.factories import make_interview, make_participant, make_theme
from interviews.transcripts.services import transcript_anonymise
from reports.interview_figures.release import interview_figures_release
from reports.models import Highlight
from reports.snapshots.store import study_snapshot_load
from reports.study.recommendation_models import ActionProgress, SuggestedAction
from reports.study.services import study_conclusions_load
from scoping.accounts.invitations import invitation_create
from scoping.jobs.models import Job, JobFile, WorkerHeartbeat
from scoping.mail.preferences import unsubscribe_token
from scoping.serving.models import BACKUP_KIND


def build_world(users):
    activity = make_activity("Matrix Walk", organisation="Matrix Mind")
    _run, _plan = master_sheet_import(
        data=workbook_bytes({"Leeds": [CANONICAL, row("Matrix Import Group")]}),
        file_name="matrix.xlsx",
        user=users["champion"],
        source="admin",
        dry_run=True,
    )
    participant = make_participant(name="Jane Smith")
    interview = make_interview(participant)
    ShadowingVisit.objects.create(participant=participant, started_on=datetime.date(2020, 2, 3))
    Signposting.objects.create(place=participant.place, text="Samaritans: 116 123")
    theme = make_theme("Boundaries")
    start = interview.transcript.index("Boundaries")
    excerpt = excerpt_create(
        interview=interview, start=start, end=start + 10, themes=[theme], by=users["interviewer"]
    )
    access_record(user=users["interviewer"], participant=participant, event="identity")
    withdrawn = make_participant(code="LDS-99", name="Sam Jones")
    withdraw_participant(participant=withdrawn, by=users["interviewer"])
    StaffName.objects.create(name="Dr Example")
    transcript_anonymise(
        interview=make_interview(
            make_participant(), transcript="Call 0113 496 0000", approved=False
        ),
        by=users["interviewer"],
    )
    SafeWord.objects.create(word="Sunrise", note="A drop-in's name")
    Highlight.objects.create(place=Place.objects.get(slug="leeds"), text="A highlight", order=1)
    study_snapshot_load()
    Submission.objects.create(name="Matrix Share", place=Place.objects.get(slug="leeds"))
    study_conclusions_load()
    ActionProgress.objects.create(
        action=SuggestedAction.objects.first(),
        place=Place.objects.get(slug="leeds"),
        status="planned",
        noted_on="2026-11-01",
    )
    AccessAttempt.objects.create(username="x", ip_address="127.0.0.1", failures_since_start=1)
    AccessFailureLog.objects.create(username="x", ip_address="127.0.0.1")
    AccessLog.objects.create(username="x", ip_address="127.0.0.1")
    InterviewGuide.objects.first() or make_interview().guide
    assert AccessLogEntry.objects.exists()

    api_partner = ApiPartner(name="Matrix Council")
    api_partner.issue_token()
    api_partner.save()
    ApiUse.objects.create(partner=api_partner, at=timezone.now(), path="/api/", status=200)

    job = Job.objects.create(
        owner=users["champion"], kind="count", title="Matrix job", state="done"
    )
    JobFile.objects.create(
        job=job, name="m.csv", content_type="text/csv", data=b"a", expires=JobFile.expiry()
    )
    WorkerHeartbeat.objects.create(worker_id="matrix", host="matrix", pid=1)
    Job.objects.create(
        owner=users["superuser"], kind=BACKUP_KIND, title="Matrix backup", state="done"
    )
    interview_figures_release(by=users["interviewer"], note="Matrix release")
    _invitation, invitation_token = invitation_create(email="matrix@example.org", role="Analysts")

    first = {
        model._meta.label_lower: model._default_manager.order_by("pk").first()
        for model in admin.site._registry
    }
    first["activities.activity"] = activity
    first["auth.group"] = Group.objects.get(name="Champions")
    first["activities.alias"] = Alias.objects.first()
    first["activities.sharedexperience"] = SharedExperience.objects.first()
    first["activities.importrowresult"] = ImportRowResult.objects.first()
    missing = [label for label, obj in first.items() if obj is None]
    assert not missing, f"the matrix world has no {missing}"
    for obj in first.values():  # reference data is bulk-loaded without history
        if hasattr(obj, "history") and not obj.history.exists():
            obj.save()

    run_pk = first["activities.importrun"].pk
    venue_activity = make_activity("Matrix Venue Group", venue="Matrix Hall")
    kwargs = {
        "activities:detail": {"pk": activity.pk},
        "api:service": {"id": activity.uuid},
        "api:service_at_location": {"id": paired_id(venue_activity.uuid, "service_at_location")},
        "api:taxonomy": {"id": taxonomy_id("sector")},
        "api:taxonomy_term": {"id": term_id("sector", "nhs")},
        "reports:region_csv": {"table": "sector"},
        "reports:place": {"place_slug": "leeds"},
        "reports:place_xlsx": {"place_slug": "leeds"},
        "reports:place_pdf": {"place_slug": "leeds"},
        "reports:place_csv": {"place_slug": "leeds", "table": "sector"},
        "reports:place_changes": {"place_slug": "leeds"},
        "activities:review_record": {"pk": activity.pk},
        "activities:review_close": {"pk": activity.pk},
        "activities:review_undo": {"pk": activity.pk},
        "activities:duplicates_merge": {"keep": activity.pk, "other": venue_activity.pk},
        "interviews:interview": {"pk": interview.pk},
        "interviews:flags": {"pk": interview.pk},
        "interviews:excerpt_edit": {"pk": excerpt.pk},
        "interviews:excerpt_delete": {"pk": excerpt.pk},
        "interviews:identity": {"pk": participant.pk},
        "interviews:participant": {"pk": participant.pk},
        "interviews:flow_identity": {"pk": participant.pk},
        "interviews:flow_consent": {"pk": participant.pk},
        "interviews:flow_interview": {"pk": participant.pk},
        "interviews:transcript_anonymise": {"pk": interview.pk},
        "interviews:transcript_read_through": {"pk": interview.pk},
        "interviews:transcript_read_through_old_path": {"pk": interview.pk},
        "interviews:transcript_approve": {"pk": interview.pk},
        "interviews:transcript_file": {"pk": interview.pk},
        "interviews:double_coding_start": {"pk": interview.pk},
        "interviews:double_coding_finished": {"pk": interview.pk},
        "interviews:agreement": {"pk": interview.pk},
        "interviews:agreement_settle": {"pk": interview.pk},
        "interviews:subject_access": {"pk": participant.pk},
        "interviews:consent_pdf": {"pk": participant.pk},
        "admin:interviews_consentformversion_copy": {"pk": participant.consent.form_id},
        "interviews:theme": {"pk": theme.pk},
        "study:quote_publish": {"pk": excerpt.pk},
        "study:quote_unpublish": {"pk": excerpt.pk},
        "invitation": {"token": invitation_token},
        "unsubscribe": {"token": unsubscribe_token(users["champion"], "digest")},
        "password_reset_confirm": {"uidb64": "MQ", "token": "not-a-valid-token"},
        "jobs:detail": {"pk": job.pk},
        "jobs:cancel": {"pk": job.pk},
        "jobs:file": {"pk": job.pk},
        "admin:activities_importrun_preview": {"pk": run_pk},
        "admin:activities_importrun_confirm": {"pk": run_pk},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Activity).pk,
            "object_id": activity.pk,
        },
    }
    return {"admin": first, "kwargs": kwargs}
