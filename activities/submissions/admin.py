"""Champions decide on public submissions here: edit, then accept (creating the activity) or reject.

A champion assigned to places sees only those places' submissions; one with no
place (and an administrator) sees all. Nothing here shows who sent a submission: the
form asks only for an optional e-mail address to tell them the outcome, and the admin
shows only whether they will be told (the decision note is the reason they are sent).
"""

from django.contrib import admin, messages
from django.db import models

from activities.currency.models import PlaceChampion
from activities.duplicates.flags import (
    activity_duplicates,
    activity_flag,
    links_to,
    submission_duplicates,
)
from activities.records.models import Activity
from activities.submissions.decisions import (
    SubmissionRefused,
    submission_accept,
    submission_reject,
    submissions_for,
)
from activities.submissions.models import Submission
from scoping.shared.admin_widgets import SafeRelationsMixin


@admin.action(description="Accept: add to the directory", permissions=["change"])
def accept_submissions(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, submission_accept, "accepted and added")


@admin.action(description="Reject", permissions=["change"])
def reject_submissions(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, submission_reject, "rejected")


def _decide(modeladmin, request, queryset, decide, done):
    count = 0
    for submission in queryset.order_by("pk"):
        try:
            decided = decide(submission=submission, by=request.user)
        except SubmissionRefused as refusal:
            modeladmin.message_user(request, str(refusal), messages.ERROR)
        else:
            count += 1
            _flag_duplicates(modeladmin, request, decided)
    if count:
        modeladmin.message_user(request, f"{count} submission(s) {done}.", messages.SUCCESS)


def _flag_duplicates(modeladmin, request, decided):
    """An accepted submission's new activity that may be one recorded for another place
    (activities/duplicates/): say so, with a link to compare and merge."""
    if isinstance(decided, Activity):
        matches = activity_duplicates(decided)
        if matches:
            modeladmin.message_user(request, activity_flag(decided, matches), messages.WARNING)


@admin.register(Submission)
class SubmissionAdmin(SafeRelationsMixin, admin.ModelAdmin):
    list_display = ["name", "place", "state", "submitted_at"]
    list_filter = ["state", "place"]
    list_select_related = ["place"]
    search_fields = ["name", "organisation"]
    actions = [accept_submissions, reject_submissions]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "place", "possible_duplicates", "description"]}),
        (
            "Complete before accepting",
            {
                "fields": [
                    "sector",
                    "delivery_model",
                    "delivered_by",
                    "shared_experiences",
                    "online",
                ]
            },
        ),
        ("Where and how to reach it", {"fields": ["venue", "website", "contact"]}),
        (
            "Decision",
            {
                "fields": [
                    "state",
                    "sender_is_told",
                    "decision_note",
                    "submitted_at",
                    "decided_by",
                    "decided_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        "state",
        "sender_is_told",
        "submitted_at",
        "decided_by",
        "decided_at",
        "possible_duplicates",
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return submissions_for(request.user).select_related("place")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "place":
            place_ids = PlaceChampion.objects.place_ids_for(request.user)
            if place_ids is not None:
                kwargs["queryset"] = db_field.related_model.objects.filter(pk__in=place_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # submissions come from the public form

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != Submission.State.PENDING:
            return [f.name for f in Submission._meta.fields] + [
                "shared_experiences",
                "sender_is_told",
                "possible_duplicates",
            ]
        return self.readonly_fields

    @admin.display(description="The sender is told the decision by e-mail")
    def sender_is_told(self, obj):
        if obj.sender_email:
            return "Yes: with the decision note as the reason. Their address is not shown."
        return "No: they gave no e-mail address, or have been told already."

    @admin.display(description="Possible duplicates")
    def possible_duplicates(self, submission):
        """Activities in another place it may be (activities/duplicates/): decide with them in view."""
        if submission.pk is None or submission.state != Submission.State.PENDING:
            return "—"
        matches = submission_duplicates(submission)
        return links_to(matches) if matches else "None found in other places"
