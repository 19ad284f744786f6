"""Small factories for activities; reference data comes from the session set-up."""

from activities.models import Activity, Organisation, Place, SharedExperience
from activities.spelling import value_key
from activities.vocabulary import DeliveryModel, Sector


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
