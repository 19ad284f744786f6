"""The directory's queries: listing, search and facet counts, each in SQL.

On PostgreSQL the free-text search is full text (``websearch`` syntax, English
stemming) over an expression that a GIN index of migration 0004 covers: the
index and ``ActivityDocument`` must stay the same expression. SQLite has no
full text here, so it falls back to case-insensitive containment of every word.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL

from activities.reference.coverage import serving_condition

SEARCH_CONFIG = "english"

# The values of the yes/no/unknown fields, as they read in a URL.
YES_NO_UNKNOWN = {"yes": True, "no": False, "unknown": None}
BOOLEAN_FACETS = ["online", "self_described_peer_support"]


class ActivityDocument(Func):
    """to_tsvector('english', name || ' ' || venue || ' ' || notes), as indexed."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()

    def __init__(self, *fields):
        super().__init__(*[F(field) for field in fields or ("name", "venue", "notes")])


class NameDocument(Func):
    """The stored to_tsvector('english', name) column of migration 0006 (PostgreSQL only)."""

    template = '%(table)s."name_document"'
    output_field = SearchVectorField()

    def __init__(self, table="activities_activity"):
        super().__init__(table=table)

    def as_sql(self, compiler, connection, **extra):
        table = compiler.quote_name_unless_alias(self.extra["table"])
        return self.template % {"table": table}, []


class OrganisationDocument(Func):
    """to_tsvector('english', name) of an organisation, as indexed."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("name"))


def full_text_search():
    return connection.vendor == "postgresql"


def facet_key(field, value):
    """The key ``facet_counts`` gives one value's count under."""
    return f"{field}__{'none' if value is None else value}"


def all_of(conditions):
    combined = Q()
    for condition in conditions:
        combined &= condition
    return combined


class ActivityQuerySet(models.QuerySet):
    def with_pks(self, pks):
        """The rows whose pk is in ``pks``. On PostgreSQL the pks go as one array
        parameter: Django prepares each value of an ``IN`` list in Python, which for a
        few thousand pks cost more than the query."""
        pks = [int(pk) for pk in pks]
        if connection.vendor == "postgresql":
            return self.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [pks]))
        return self.filter(pk__in=pks)

    def serving(self, *places):
        """Activities serving any of ``places`` (Place or pk): their own, shared and region-wide."""
        return self.filter(serving_condition(getattr(p, "pk", p) for p in places))

    def for_directory(self):
        """The list page's rows: place, organisation, shared experiences and places in four queries."""
        return self.select_related("place", "organisation").prefetch_related(
            "shared_experiences", "places"
        )

    def search(self, text):
        """Rows matching free text in name, organisation, venue or notes.

        PostgreSQL: full text with ranking (annotated as ``rank``). Organisations
        are matched first in a query of their own, so the activity side of the
        OR is two index scans rather than a scan of every row.
        """
        text = (text or "").strip()
        if not text:
            return self
        Organisation = self.model._meta.get_field("organisation").related_model

        if full_text_search():
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            organisation_ids = list(
                Organisation.objects.alias(document=OrganisationDocument())
                .filter(document=query)
                .values_list("pk", flat=True)
            )
            return self.alias(document=ActivityDocument()).filter(
                Q(document=query) | Q(organisation_id__in=organisation_ids)
            )
        condition = Q()
        for word in text.replace('"', " ").split():
            condition &= (
                Q(name__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(venue__icontains=word)
                | Q(notes__icontains=word)
            )
        return self.filter(condition)

    def by_relevance(self, text):
        """Best matches first (PostgreSQL); SQLite has no ranking, so by name.

        The rank is that of the name alone: an activity named for what was
        searched comes before one that mentions it in its notes, and ranking
        thousands of matches costs a third of ranking their whole text. The
        name's vector is stored (``NameDocument``), so it is not computed per request.
        """
        if not full_text_search() or not (text or "").strip():
            return self.order_by("name", "pk")
        query = SearchQuery(text.strip(), search_type="websearch", config=SEARCH_CONFIG)
        return self.annotate(rank=SearchRank(NameDocument(), query)).order_by("-rank", "name", "pk")

    def shared_experience_names(self):
        """{activity id: [shared experience names]} for these rows, in one query."""
        names = {}
        links = self.model.shared_experiences.through.objects.filter(
            activity_id__in=self.order_by().values("pk")
        ).values_list("activity_id", "sharedexperience__name")
        for activity_id, name in links:
            names.setdefault(activity_id, []).append(name)
        return names

    def shared_place_names(self):
        """{activity id: [place names]} for the several-place activities among these rows."""
        names = {}
        links = self.model.places.through.objects.filter(
            activity_id__in=self.order_by().values("pk")
        ).values_list("activity_id", "place__name")
        for activity_id, name in links:
            names.setdefault(activity_id, []).append(name)
        return names
