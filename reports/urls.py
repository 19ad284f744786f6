from django.urls import path

from reports.figures import views
from reports.snapshots import views as change_views

app_name = "reports"
urlpatterns = [
    path("", views.region, name="region"),
    path("report.xlsx", views.workbook, name="region_xlsx"),
    path("report.pdf", views.report_pdf, name="region_pdf"),
    path("<str:table>.csv", views.table_csv, name="region_csv"),
    path("<slug:place_slug>/", views.place, name="place"),
    path("<slug:place_slug>/changes/", change_views.place_changes_page, name="place_changes"),
    path("<slug:place_slug>/report.xlsx", views.workbook, name="place_xlsx"),
    path("<slug:place_slug>/report.pdf", views.report_pdf, name="place_pdf"),
    path("<slug:place_slug>/<str:table>.csv", views.table_csv, name="place_csv"),
]
