"""A participant's identity and consent form, and their subject access file: the
interview team only (``view_participantidentity``, ``view_consent``); each view is logged."""

import json

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from interviews.models import AccessEvent, Participant
from interviews.personal_data.access_log import access_record
from interviews.personal_data.subject_access import subject_access_export
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import download


@require("interviews.view_participantidentity", "interviews.view_consent")
def participant_identity(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related("place", "round", "identity", "consent__form"), pk=pk
    )
    access_record(user=request.user, participant=participant, event=AccessEvent.IDENTITY)
    consent = getattr(participant, "consent", None)
    statements = (
        [(text, ticked) for _, rows in consent.statement_groups() for _, text, ticked in rows]
        if consent
        else []
    )
    return render(
        request,
        "interviews/personal_data/participant_identity.html",
        {
            "participant": participant,
            "identity": getattr(participant, "identity", None),
            "consent": consent,
            "statements": statements,
        },
    )


@require(
    "interviews.view_participantidentity", "interviews.view_consent", "interviews.view_interview"
)
@never_cache  # personal data: no copy in a browser's or a proxy's cache
def subject_access(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("place"), pk=pk)
    data = subject_access_export(participant=participant, by=request.user)
    return download(
        json.dumps(data, indent=2, ensure_ascii=False),
        f"subject-access-{participant.code}-{timezone.localdate():%Y-%m-%d}.json",
    )
