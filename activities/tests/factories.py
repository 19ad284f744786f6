"""Small factories for activities; reference data comes from the session set-up."""

from activities.models import Activity, Organisation, Place, SharedExperience
from activities.vocabulary.spelling import value_key
from activities.vocabulary.terms import DeliveryModel, Sector


def make_activity(
    name="Walk and Talk", place="leeds", organisation=None, experiences=("anxiety",), **fields
):
    fields.setdefault("sector", Sector.THIRD_SECTOR)
    fields.setdefault("delivery_model", DeliveryModel.SUPPORT_GROUP)
    org = None
    if organisation:
        org, _ = Organisation.objects.get_or_create(
            name_key=value_key(organisation),
            defaults={"name": organisation},
        )
    activity = Activity.objects.create(
        name=name, place=Place.objects.get(slug=place), organisation=org, **fields
    )
    activity.shared_experiences.set(SharedExperience.objects.filter(slug__in=experiences))
    return activity


def make_shared_activity(name, places=(), organisation=None, experiences=("anxiety",), **fields):
    """An activity serving several places (their slugs) or, with no places, the whole region."""
    fields.setdefault("sector", Sector.THIRD_SECTOR)
    fields.setdefault("delivery_model", DeliveryModel.SUPPORT_GROUP)
    org = None
    if organisation:
        org, _ = Organisation.objects.get_or_create(
            name_key=value_key(organisation), defaults={"name": organisation}
        )
    served = list(Place.objects.filter(slug__in=places))
    assert len(served) == len(places), places
    activity = Activity(name=name, organisation=org, **fields)
    activity.set_coverage(Activity.Coverage.PLACES if places else Activity.Coverage.REGION, served)
    activity.save()
    activity.places.set(served)
    activity.shared_experiences.set(SharedExperience.objects.filter(slug__in=experiences))
    return activity
