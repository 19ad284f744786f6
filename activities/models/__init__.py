"""Every model of the activities app, gathered from the rooms that define them.

Django loads an app's models from ``activities.models``; each feature keeps its own
models beside its code, and this package imports them all, explicitly, so that
``from activities.models import X`` works for every one of them:

- ``reference.models``: places, shared experiences, aliases (alternative spellings).
- ``records.models``: organisations, activities (with their history), the data version.
- ``master_sheet.models``: import runs and what each row of a run did.
- ``currency.models``: which places each champion looks after.
- ``submissions.models``: activities proposed through the public form.
- ``api.models``: the Open Referral UK API's partners and their use log.
- ``duplicates.models``: activities merged into another, whose old ids lead to it.

The tables keep their names: the app label is still ``activities``.
"""

from activities.api.models import ApiPartner, ApiUse
from activities.currency.models import PlaceChampion
from activities.duplicates.models import MergedActivity
from activities.master_sheet.models import ImportRowResult, ImportRun
from activities.records.models import Activity, DataVersion, Organisation, WebsiteField
from activities.reference.models import Alias, Place, SharedExperience, canonical_labels
from activities.submissions.models import Submission

# WebsiteField is named by migrations 0001 and 0002 as ``activities.models.WebsiteField``.
__all__ = [
    "Activity",
    "Alias",
    "ApiPartner",
    "ApiUse",
    "DataVersion",
    "ImportRowResult",
    "ImportRun",
    "MergedActivity",
    "Organisation",
    "Place",
    "PlaceChampion",
    "SharedExperience",
    "Submission",
    "WebsiteField",
    "canonical_labels",
]
