"""The study's own pages: about the study, its recommendations' progress downloads,
its literature review, its interview findings and the quotes approved for publication
(and approving them)."""

from django.urls import path
from django.views.generic import RedirectView

from reports.study import views

app_name = "study"
urlpatterns = [
    path("about/", views.about, name="about"),
    path("recommendations.csv", views.recommendations_csv, name="recommendations_csv"),
    path("recommendations.xlsx", views.recommendations_xlsx, name="recommendations_xlsx"),
    path("literature/", views.literature, name="literature"),
    path("findings/", views.findings, name="findings"),
    path("quotes/", views.quotes, name="quotes"),
    path("quotes/approval/", views.quotes_approval, name="quotes_approval"),
    # Its old path (before "review" came to mean only the champions' review queue).
    path(
        "quotes/review/",
        RedirectView.as_view(pattern_name="study:quotes_approval", permanent=True),
        name="quotes_approval_old_path",
    ),
    path("quotes/<int:pk>/publish", views.quote_publish, name="quote_publish"),
    path("quotes/<int:pk>/unpublish", views.quote_unpublish, name="quote_unpublish"),
]
