"""A champion's decision on a public submission: accept it (creating the activity) or reject it."""

from django.db import transaction
from django.utils import timezone

from activities.currency.models import PlaceChampion
from activities.models import Activity, Organisation
from activities.submissions.messages import submission_outcome_tell
from activities.submissions.models import Submission
from activities.vocabulary.spelling import clean_text, value_key
from activities.vocabulary.terms import Status


class SubmissionRefused(ValueError):
    """A submission that cannot be accepted yet; the message says what to fix."""


def submissions_for(user):
    """The submissions ``user`` decides on: their places', or every one for a champion of none."""
    place_ids = PlaceChampion.objects.place_ids_for(user)
    submissions = Submission.objects.all()
    if place_ids is not None:
        submissions = submissions.filter(place_id__in=place_ids)
    return submissions


@transaction.atomic
def submission_accept(*, submission, by):
    """Create the activity a pending submission describes; the submission records it."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != Submission.State.PENDING:
        raise SubmissionRefused(f"Submission {submission.pk} has been decided already.")
    missing = [
        label
        for label, value in (
            ("sector", submission.sector),
            ("primary model of delivery", submission.delivery_model),
        )
        if not value
    ]
    if missing:
        raise SubmissionRefused(
            f"Submission {submission.pk} (“{submission.name}”): choose its "
            + " and ".join(missing)
            + " before accepting it."
        )
    organisation = None
    if submission.organisation.strip():
        ids = Organisation.objects.ids_by_key([submission.organisation], user=by)
        organisation = Organisation.objects.get(
            pk=ids[value_key(clean_text(submission.organisation))]
        )
    activity = Activity(
        name=submission.name,
        organisation=organisation,
        place=submission.place,
        sector=submission.sector,
        delivery_model=submission.delivery_model,
        delivered_by=submission.delivered_by,
        venue=submission.venue,
        website=submission.website,
        contact=submission.contact,
        online=submission.online,
        status=Status.UNKNOWN,
        date_scoped=timezone.localdate(),
        scoped_by=by,
        notes=f"Shared through the public form on {submission.submitted_at:%Y-%m-%d}. "
        + submission.description,
    )
    duplicate = activity.find_duplicate()
    if duplicate is not None:
        raise SubmissionRefused(
            f"Submission {submission.pk}: “{duplicate.name}” is already recorded for this "
            "place and organisation; reject this one or edit that activity."
        )
    activity._history_user = by
    activity.save()
    activity.shared_experiences.set(submission.shared_experiences.all())
    submission.state = Submission.State.ACCEPTED
    submission.activity = activity
    submission.decided_by, submission.decided_at = by, timezone.now()
    submission.save()
    submission_outcome_tell(submission)
    return activity


@transaction.atomic
def submission_reject(*, submission, by, note=""):
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != Submission.State.PENDING:
        raise SubmissionRefused(f"Submission {submission.pk} has been decided already.")
    submission.state = Submission.State.REJECTED
    submission.decided_by, submission.decided_at = by, timezone.now()
    if note:
        submission.decision_note = note
    submission.save()
    submission_outcome_tell(submission)
    return submission
