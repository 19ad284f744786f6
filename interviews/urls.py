from django.urls import path

from interviews import views
from interviews.recording import views as flow_views
from interviews.transcripts import views as transcript_views

app_name = "interviews"

urlpatterns = [
    path("", views.interview_list, name="list"),
    path("<int:pk>/", views.interview_detail, name="interview"),
    path("<int:pk>/flags/", views.transcript_flags, name="flags"),
    path("excerpts/<int:pk>/edit/", views.excerpt_edit, name="excerpt_edit"),
    path("excerpts/<int:pk>/delete/", transcript_views.excerpt_delete, name="excerpt_delete"),
    path(
        "<int:pk>/anonymise/",
        transcript_views.transcript_action,
        {"action": "anonymise"},
        name="transcript_anonymise",
    ),
    path(
        "<int:pk>/check/",
        transcript_views.transcript_action,
        {"action": "check"},
        name="transcript_check",
    ),
    path(
        "<int:pk>/approve/",
        transcript_views.transcript_action,
        {"action": "approve"},
        name="transcript_approve",
    ),
    path("participants/", flow_views.participant_list, name="participants"),
    path("participants/new/", flow_views.participant_new, name="flow_participant"),
    path("participants/<int:pk>/progress/", flow_views.participant_progress, name="participant"),
    path(
        "participants/<int:pk>/identity/",
        flow_views.participant_identity_step,
        name="flow_identity",
    ),
    path(
        "participants/<int:pk>/consent/", flow_views.participant_consent_step, name="flow_consent"
    ),
    path(
        "participants/<int:pk>/interview/",
        flow_views.participant_interview_step,
        name="flow_interview",
    ),
    path("excerpts/export.xlsx", views.excerpts_export, name="excerpts_export"),
    path("participants/<int:pk>/", views.participant_identity, name="identity"),
    path(
        "participants/<int:pk>/subject-access.json",
        views.subject_access,
        name="subject_access",
    ),
    path("themes/", views.codebook, name="codebook"),
    path("themes/<int:pk>/", views.theme_detail, name="theme"),
    path("themes/merge/", views.theme_merge, name="theme_merge"),
    path("themes/export.csv", views.codebook_export, name="codebook_export"),
    path("themes/import/", views.codebook_upload, name="codebook_import"),
    path("themes/matrix/", views.matrix, name="matrix"),
    path("themes/matrix.xlsx", views.matrix_export, name="matrix_export"),
]
