"""Everything a master-sheet plan compares rows with, fetched once per plan.

Places, the taxonomy, aliases (through the vocabulary matcher), organisations and the
existing activities with their identities: a handful of queries whatever the number
of rows.
"""

from collections import Counter, defaultdict

from activities.master_sheet import cells
from activities.master_sheet.layout import COMPARED
from activities.models import Activity, Organisation, Place, SharedExperience
from activities.reference.coverage import (
    PLACES_SEPARATOR,
    REGION_LABEL,
    Coverage,
    coverage_of,
    place_cell_parts,
)
from activities.vocabulary.matching import UnknownValue, VocabularyMatcher
from activities.vocabulary.spelling import value_key
from activities.vocabulary.terms import Vocabulary


class Lookups:
    """Everything a plan compares rows with, fetched once."""

    def __init__(self):
        self.matcher = VocabularyMatcher()
        places = Place.objects.values_list("slug", "pk", "name")
        self.place_ids = {slug: pk for slug, pk, _name in places}
        self.place_names = {pk: name for _slug, pk, name in places}
        self.experience_ids = dict(SharedExperience.objects.values_list("slug", "pk"))
        self.experience_names = dict(SharedExperience.objects.values_list("pk", "name"))
        self.organisation_ids = {}  # name key -> pk
        self.organisation_names = {}
        self.organisation_uuids = {}
        for pk, key, name, published_id in Organisation.objects.values_list(
            "pk", "name_key", "name", "uuid"
        ):
            self.organisation_ids[key] = pk
            self.organisation_names[pk] = name
            self.organisation_uuids[pk] = published_id
        self.organisation_by_uuid = {uuid: pk for pk, uuid in self.organisation_uuids.items()}
        self.organisation_keys = organisation_keys = {
            pk: key for key, pk in self.organisation_ids.items()
        }
        # Name keys of the organisations there are after the import (``organisations_final``).
        self.organisation_keys_final = set(self.organisation_ids)
        experiences = defaultdict(set)
        for activity_id, experience_id in Activity.shared_experiences.through.objects.values_list(
            "activity_id", "sharedexperience_id"
        ):
            experiences[activity_id].add(experience_id)
        self.existing = {}  # identity -> the activity's values
        self.by_uuid = {}  # published id -> the same values
        for values in Activity.objects.values(
            "id",
            "uuid",
            "version",
            "coverage",
            "place_id",
            "places_key",
            "organisation_id",
            "name_key",
            *COMPARED,
        ):
            values["shared_experiences"] = frozenset(experiences.get(values["id"], ()))
            key = (
                served_key(values["coverage"], values["place_id"], values["places_key"]),
                organisation_keys.get(values["organisation_id"], ""),
                values["name_key"],
            )
            values["identity"] = key
            self.existing[key] = values
            self.by_uuid[values["uuid"]] = values
        self.by_id = {values["id"]: values for values in self.by_uuid.values()}
        self._cache = {}
        # (vocabulary, spelling as written, the term it was read as) -> cells: what the
        # preview lists as "read as", so no spelling becomes a term unseen.
        self.mapped = Counter()

    def organisations_final(self, final_keys, held_keys):
        """The organisations after this import's renames (``{pk: name key}``) and the
        name keys held then: existing activities' identities use the new names."""
        self.organisation_keys_final = held_keys
        self.existing = {}
        for values in self.by_id.values():
            served, _organisation, name_key = values["identity"]
            key = (served, final_keys.get(values["organisation_id"], ""), name_key)
            values["identity"] = key
            self.existing[key] = values

    def existing_identity(self, pk):
        return self.by_id[pk]["identity"]

    def serves_text(self, coverage, place_id, key):
        """What an activity serves as a Place cell reads, from its stored identity fields."""
        if coverage == Coverage.REGION:
            return REGION_LABEL
        if coverage == Coverage.PLACES:
            names = (self.place_names[int(pk)] for pk in key.split(",") if pk)
            return PLACES_SEPARATOR.join(sorted(names))
        return self.place_names.get(place_id, "")

    def coverage(self, raw):
        """(coverage, place slugs) a Place cell or sheet name says; raises ``UnknownValue``.

        One place, several ("Leeds; Wakefield", "Leeds and Wakefield") or the
        region ("WY&H wide" and its aliases).
        """

        def is_known(spelling):
            try:
                self.match(Vocabulary.PLACE, spelling, note=False)
            except UnknownValue:
                return False
            return True

        parts = place_cell_parts(cells.as_text(raw), is_known)
        if not parts:
            # Raises the matcher's own message, naming every accepted place.
            self.match(Vocabulary.PLACE, "" if parts == [] else cells.as_text(raw))
        coverage, slugs = coverage_of(self.match(Vocabulary.PLACE, part) for part in parts)
        if coverage == Coverage.PLACES and set(slugs) == set(self.place_ids):
            # Every place is the whole region: "Several places" excludes it (coverage.py).
            return Coverage.REGION, []
        return coverage, slugs

    def match(self, vocabulary, raw, *, note=True):
        """Canonical value for a cell, memoised: sheets repeat the same spellings a lot.

        A spelling that is not the term's name ("Charity" for Third Sector, "Mental
        health" for Mental health focused) is counted in ``mapped``, unless ``note`` is
        false (a probe, not a cell); whether it is one is worked out once per spelling."""
        key = (vocabulary, raw)
        try:
            found, mapped = self._cache[key]
        except KeyError:
            try:
                found = self.matcher.match(vocabulary, raw)
            except UnknownValue as unknown:
                found = unknown
            mapped = None if isinstance(found, UnknownValue) else self._mapping(*key, found)
            self._cache[key] = found, mapped
        if isinstance(found, UnknownValue):
            raise found.with_traceback(None)  # reused: do not let tracebacks pile up on it
        if note and mapped:
            self.mapped[mapped] += 1
        return found

    def _mapping(self, vocabulary, raw, value):
        """(vocabulary, spelling, term) when ``raw`` is not the term's own name, else None."""
        spelling = cells.as_text(raw).strip()
        label = self.matcher.labels[vocabulary].get(value, value)
        if spelling and value_key(spelling) != value_key(label):
            return vocabulary, spelling, label
        return None


def served_key(coverage, place_id, key):
    """What an activity serves, as identities compare it: its place's pk, or its places key."""
    return place_id if coverage == Coverage.PLACE else key
