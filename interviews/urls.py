"""The interview study's URLs (``/interviews/``): each room's pages, same paths and names."""

from django.urls import path

from interviews.anonymisation import views as anonymisation_views
from interviews.coding import double_coding_views
from interviews.coding import views as coding_views
from interviews.consent_forms import views as consent_form_views
from interviews.exchange import views as exchange_views
from interviews.personal_data import views as personal_data_views
from interviews.recording import views as recording_views
from interviews.transcripts import views as transcript_views

app_name = "interviews"

urlpatterns = [
    # Transcripts: the list, a transcript (read and code it), its three steps.
    path("", transcript_views.interview_list, name="list"),
    path("<int:pk>/", transcript_views.interview_detail, name="interview"),
    path(
        "<int:pk>/anonymise/",
        transcript_views.transcript_action,
        {"action": "anonymise"},
        name="transcript_anonymise",
    ),
    path("<int:pk>/transcript-file/", transcript_views.transcript_file, name="transcript_file"),
    path(
        "<int:pk>/read-through/",
        transcript_views.transcript_action,
        {"action": "read_through"},
        name="transcript_read_through",
    ),
    path(
        "<int:pk>/check/",
        transcript_views.transcript_read_through_old_path,
        name="transcript_read_through_old_path",
    ),
    path(
        "<int:pk>/approve/",
        transcript_views.transcript_action,
        {"action": "approve"},
        name="transcript_approve",
    ),
    # Two coders: naming them, each finishing, the comparison and settling it.
    path(
        "<int:pk>/two-coders/", double_coding_views.double_coding_start, name="double_coding_start"
    ),
    path(
        "<int:pk>/two-coders/finished/",
        double_coding_views.coder_finished,
        name="double_coding_finished",
    ),
    path("<int:pk>/agreement/", double_coding_views.agreement, name="agreement"),
    path(
        "<int:pk>/agreement/settle/", double_coding_views.agreement_settle, name="agreement_settle"
    ),
    # Anonymisation: the flagged words of a transcript, each decided.
    path("<int:pk>/flags/", anonymisation_views.transcript_flags, name="flags"),
    # Recording: participants and the guided flow.
    path("participants/", recording_views.participant_list, name="participants"),
    path("participants/new/", recording_views.participant_new, name="flow_participant"),
    path(
        "participants/<int:pk>/progress/", recording_views.participant_progress, name="participant"
    ),
    path(
        "participants/<int:pk>/identity/",
        recording_views.participant_identity_step,
        name="flow_identity",
    ),
    path(
        "participants/<int:pk>/consent/",
        recording_views.participant_consent_step,
        name="flow_consent",
    ),
    path(
        "participants/<int:pk>/interview/",
        recording_views.participant_interview_step,
        name="flow_interview",
    ),
    # Personal data: identity and consent, the subject access file.
    path("participants/<int:pk>/", personal_data_views.participant_identity, name="identity"),
    path(
        "participants/<int:pk>/subject-access.json",
        personal_data_views.subject_access,
        name="subject_access",
    ),
    path("participants/<int:pk>/consent.pdf", consent_form_views.consent_pdf, name="consent_pdf"),
    # Coding: excerpts, the codebook, themes, the matrix.
    path("excerpts/<int:pk>/edit/", coding_views.excerpt_edit, name="excerpt_edit"),
    path("excerpts/<int:pk>/delete/", coding_views.excerpt_delete, name="excerpt_delete"),
    path("excerpts/export.xlsx", coding_views.excerpts_export, name="excerpts_export"),
    path("themes/", coding_views.codebook, name="codebook"),
    path("themes/<int:pk>/", coding_views.theme_detail, name="theme"),
    path("themes/merge/", coding_views.theme_merge, name="theme_merge"),
    path("themes/export.csv", coding_views.codebook_export, name="codebook_export"),
    path("themes/import/", coding_views.codebook_upload, name="codebook_import"),
    path("themes/matrix/", coding_views.matrix, name="matrix"),
    path("themes/matrix.xlsx", coding_views.matrix_export, name="matrix_export"),
    # REFI-QDA exchange: the coded interviews as .qdpx, a .qdpx's codebook read in.
    path("exchange/", exchange_views.exchange, name="exchange"),
    path("exchange/coded-interviews.qdpx", exchange_views.exchange_export, name="exchange_export"),
    path(
        "exchange/codebook/",
        exchange_views.exchange_codebook_import,
        name="exchange_codebook_import",
    ),
    path("themes/co-occurrence/", double_coding_views.co_occurrence, name="co_occurrence"),
    path(
        "themes/co-occurrence.csv",
        double_coding_views.co_occurrence_export,
        name="co_occurrence_export",
    ),
]
