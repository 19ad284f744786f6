"""The directory's vocabularies as published taxonomies, and activities' terms in them.

Every filter of the directory has a taxonomy here, so a partner can rebuild the
filters from the API alone: the places, what an activity serves (one place,
several, the region), each enumerated vocabulary of
``vocabulary.ENUMERATIONS`` (sector, main focus, delivery model, funding type,
status and any added later), the shared experiences, and the yes/no facts (runs
online, calls itself peer support: a "Yes" or "No" term, none when not known). A
term's ``term`` is the value the directory's own URLs use (``?sector=third_sector``).
Terms of the fixed vocabularies have derived ids; places and shared experiences
use their stored ones.
"""

from dataclasses import dataclass, field
from functools import cache
from uuid import UUID

from django.db.models import Q

from activities.api import areas
from activities.api.identifiers import taxonomy_id, term_id
from activities.directory.querysets import BOOLEAN_FACETS
from activities.models import Activity, Place, SharedExperience
from activities.reference.coverage import COVERAGE_DEFINITIONS, Coverage
from activities.vocabulary.terms import ENUMERATIONS, Status

# The directory's status, in the profile's service statuses. "Unknown" (no evidence
# it runs now) is not "active"; the status taxonomy keeps the directory's own value.
SERVICE_STATUS = {Status.ACTIVE: "active", Status.UNKNOWN: "inactive", Status.CLOSED: "defunct"}

YES_NO = {True: ("yes", "Yes"), False: ("no", "No")}


@dataclass
class Taxonomy:
    key: str
    name: str
    description: str
    terms: list = field(default_factory=list)

    @property
    def id(self):
        return taxonomy_id(self.key)


@dataclass
class Term:
    id: UUID
    name: str
    description: str
    term: str
    taxonomy: Taxonomy
    # Which activities carry the term, as a condition on Activity.
    condition: Q = field(repr=False, default_factory=Q)

    @property
    def taxonomy_id(self):
        return self.taxonomy.id


def _description(title):
    return f"The Peer Support Directory's {title.lower()} vocabulary (West Yorkshire & Harrogate)."


@cache
def fixed_taxonomies():
    """The taxonomies of the fixed vocabularies, keyed by their key. No queries."""
    taxonomies = {}
    for enumeration in ENUMERATIONS:
        taxonomy = Taxonomy(enumeration.key, enumeration.title, _description(enumeration.title))
        taxonomy.terms = [
            Term(
                term_id(enumeration.key, value),
                label,
                f"{enumeration.title}: {label}",
                value,
                taxonomy,
                Q(**{enumeration.key: value}),
            )
            for value, label in enumeration.choices.choices
        ]
        taxonomies[enumeration.key] = taxonomy
    for key in BOOLEAN_FACETS:
        title = str(Activity._meta.get_field(key).verbose_name).capitalize()
        taxonomy = Taxonomy(key, title, _description(title))
        taxonomy.terms = [
            Term(term_id(key, value), label, f"{title}: {label}", value, taxonomy, Q(**{key: flag}))
            for flag, (value, label) in YES_NO.items()
        ]
        taxonomies[key] = taxonomy
    return taxonomies


COVERAGE = Taxonomy("coverage", "Serves", _description("Serves"))
COVERAGE.terms = [
    Term(
        term_id("coverage", value),
        label,
        f"Serves: {label}. {COVERAGE_DEFINITIONS[value]}",
        value,
        COVERAGE,
        Q(coverage=value),
    )
    for value, label in Coverage.choices
]


@cache
def _fixed_terms():
    taxonomies = [*fixed_taxonomies().values(), COVERAGE]
    return {term.id: term for taxonomy in taxonomies for term in taxonomy.terms}


PLACE = Taxonomy("place", "Place", _description("Place"))
SHARED_EXPERIENCE = Taxonomy(
    "shared_experience", "Shared experience", _description("Shared experience")
)


def place_term(place):
    gss = f" (GSS code {place.gss_code})" if place.gss_code else ""
    return Term(
        place.uuid,
        place.name,
        f"Place: {place.name}{gss}",
        place.slug,
        PLACE,
        areas.serving_place(place.pk),
    )


def experience_term(experience):
    links = Activity.shared_experiences.through.objects.filter(sharedexperience_id=experience.pk)
    return Term(
        experience.uuid,
        experience.name,
        experience.description or f"Shared experience: {experience.name}",
        experience.slug,
        SHARED_EXPERIENCE,
        Q(pk__in=links.values("activity_id")),
    )


def published_taxonomies():
    """Every taxonomy with its terms, in the directory's filter order (two queries)."""
    fixed = fixed_taxonomies()
    place = Taxonomy(PLACE.key, PLACE.name, PLACE.description)
    place.terms = [place_term(p) for p in Place.objects.order_by("name")]
    experience = Taxonomy(
        SHARED_EXPERIENCE.key, SHARED_EXPERIENCE.name, SHARED_EXPERIENCE.description
    )
    experience.terms = [experience_term(e) for e in SharedExperience.objects.order_by("name")]
    enumerated = [fixed[e.key] for e in ENUMERATIONS]
    yes_no = [fixed[key] for key in BOOLEAN_FACETS]
    return [place, COVERAGE, *enumerated, experience, *yes_no]


def find_term(uuid):
    """The term with this id, in any taxonomy, or None (at most two queries)."""
    if uuid in _fixed_terms():
        return _fixed_terms()[uuid]
    place = Place.objects.filter(uuid=uuid).first()
    if place:
        return place_term(place)
    experience = SharedExperience.objects.filter(uuid=uuid).first()
    return experience_term(experience) if experience else None


def taxonomy_condition(uuid):
    """Activities carrying any term of the taxonomy with this id; None if there is none."""
    for taxonomy in fixed_taxonomies().values():
        if taxonomy.id == uuid:
            if taxonomy.key in BOOLEAN_FACETS:
                return Q(**{f"{taxonomy.key}__isnull": False})
            return Q()
    if uuid in (PLACE.id, COVERAGE.id):
        return Q()
    if uuid == SHARED_EXPERIENCE.id:
        links = Activity.shared_experiences.through.objects.all()
        return Q(pk__in=links.values("activity_id"))
    return None


def activity_terms(activity):
    """The terms an activity carries, in taxonomy order; no queries for an activity from
    ``queries.services()`` that has been through ``areas.with_places``."""
    terms = [place_term(place) for place in areas.service_places(activity)]
    terms.append(_fixed_terms()[term_id("coverage", activity.coverage)])
    for enumeration in ENUMERATIONS:
        value = getattr(activity, enumeration.key)
        terms.append(_fixed_terms()[term_id(enumeration.key, value)])
    terms.extend(experience_term(e) for e in activity.shared_experiences.all())
    for key in BOOLEAN_FACETS:
        flag = getattr(activity, key)
        if flag is not None:
            terms.append(_fixed_terms()[term_id(key, YES_NO[flag][0])])
    return terms
