from django.contrib.auth.decorators import login_not_required
from django.urls import path

from activities.api import views

app_name = "api"


def route(pattern, view, name):
    # The API answers tokens (or everyone, when public), never the site's sign-in.
    return path(pattern, login_not_required(view.as_view()), name=name)


urlpatterns = [
    route("", views.ApiInfo, "info"),
    route("openapi.json", views.OpenApiDocument, "openapi"),
    route("services", views.ServiceList, "services"),
    route("services/<str:id>", views.ServiceDetail, "service"),
    route("service_at_locations", views.ServiceAtLocationList, "service_at_locations"),
    route("service_at_locations/<str:id>", views.ServiceAtLocationDetail, "service_at_location"),
    route("taxonomies", views.TaxonomyList, "taxonomies"),
    route("taxonomies/<str:id>", views.TaxonomyDetail, "taxonomy"),
    route("taxonomy_terms", views.TaxonomyTermList, "taxonomy_terms"),
    route("taxonomy_terms/<str:id>", views.TaxonomyTermDetail, "taxonomy_term"),
]
