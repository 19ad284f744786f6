from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export.csv", views.activity_export_csv, name="export_csv"),
    path("export.xlsx", views.activity_export_xlsx, name="export_xlsx"),
    path("<int:pk>/", views.activity_detail, name="detail"),
]
