import pytest
from django.db import IntegrityError, transaction

from activities.models import Activity, Organisation, Place
from activities.tests.factories import make_activity
from activities.vocabulary.terms import DeliveryModel, FundingType, MainFocus, Sector, Status

pytestmark = pytest.mark.django_db


def test_it_shows_the_canonical_names_of_the_master_sheet():
    activity = Activity(
        sector=Sector.THIRD_SECTOR,
        main_focus=MainFocus.NON_MENTAL_HEALTH,
        delivery_model=DeliveryModel.COURSE_WORKSHOP,
        funding_type=FundingType.NON_STATUTORY,
        status=Status.ACTIVE,
    )
    assert activity.get_sector_display() == "Third Sector"
    assert activity.get_main_focus_display() == "Non-mental health focused"
    assert activity.get_delivery_model_display() == "Course/workshop"
    assert activity.get_funding_type_display() == "Non-statutory"
    assert activity.get_status_display() == "Active"
    assert Sector.PARTNERSHIP_NHS.label == "Partnership incl. NHS"
    assert DeliveryModel.DROP_IN.label == "Drop-in"


@pytest.mark.parametrize(
    "field", ["sector", "main_focus", "delivery_model", "funding_type", "status"]
)
def test_it_rejects_a_value_outside_the_vocabulary_in_the_database(field):
    activity = make_activity()
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(**{field: "made_up"})
    activity.refresh_from_db()
    assert getattr(activity, field) != "made_up"


def test_it_keeps_one_activity_per_place_organisation_and_name():
    make_activity("Armley Walk and Talk", organisation="Armley Mind")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity("  armley walk-and-talk ", organisation="Armley Mind")
    # Same name elsewhere, or by another organisation, is a different activity.
    make_activity("Armley Walk and Talk", organisation="Armley Mind", place="wakefield")
    make_activity("Armley Walk and Talk", organisation="Leeds Pride")
    assert Activity.objects.filter(name_key="armleywalkandtalk").count() == 3


def test_it_treats_no_organisation_as_one_value_for_identity():
    make_activity("Knit and Natter")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity("KNIT & NATTER")
    assert Activity.objects.filter(organisation=None).count() == 1


def test_it_stores_tidy_names_and_their_keys():
    activity = make_activity("  Headingley   Crafternoon ")
    assert activity.name == "Headingley Crafternoon"
    assert activity.name_key == "headingleycrafternoon"


def test_organisation_names_are_unique_once_normalised():
    Organisation.objects.create(name="St. Mary's & Friends")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="st marys and friends")


def test_places_carry_their_population_and_source():
    leeds = Place.objects.get(slug="leeds")
    assert leeds.name == "Leeds"
    assert leeds.population == 818_085
    assert "2019" in leeds.population_source
    assert Place.objects.get(slug="harrogate-rural-district").population == 75_070


def test_str_is_the_name_only():
    activity = make_activity("Seacroft Drop-in", organisation="Seacroft Friends")
    assert str(activity) == "Seacroft Drop-in"
