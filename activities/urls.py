from django.urls import path

from activities.currency import views as review_views
from activities.directory import views
from activities.duplicates import views as duplicate_views
from activities.submissions import views as submission_views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export.csv", views.activity_export_csv, name="export_csv"),
    path("export.xlsx", views.activity_export_xlsx, name="export_xlsx"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("review/", review_views.review_queue, name="review"),
    path("review/<int:pk>/", review_views.review_record, name="review_record"),
    path("review/<int:pk>/close/", review_views.review_close, name="review_close"),
    path("review/<int:pk>/undo/", review_views.review_undo, name="review_undo"),
    path("duplicates/", duplicate_views.duplicate_list, name="duplicates"),
    path(
        "duplicates/merge/<int:keep>/<int:other>/",
        duplicate_views.duplicate_merge,
        name="duplicates_merge",
    ),
    path("share/", submission_views.submission_form, name="share"),
    path("share/thanks/", submission_views.submission_thanks, name="share_thanks"),
]
