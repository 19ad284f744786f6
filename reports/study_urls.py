"""The study's own pages: about the study, its recommendations' progress downloads,
its literature review and the quotes approved for publication."""

from django.urls import path

from reports import study_views

app_name = "study"
urlpatterns = [
    path("about/", study_views.about, name="about"),
    path("recommendations.csv", study_views.recommendations_csv, name="recommendations_csv"),
    path("recommendations.xlsx", study_views.recommendations_xlsx, name="recommendations_xlsx"),
    path("literature/", study_views.literature, name="literature"),
    path("quotes/", study_views.quotes, name="quotes"),
    path("quotes/review/", study_views.quotes_review, name="quotes_review"),
    path("quotes/<int:pk>/publish", study_views.quote_publish, name="quote_publish"),
    path("quotes/<int:pk>/unpublish", study_views.quote_unpublish, name="quote_unpublish"),
]
