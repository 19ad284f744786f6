"""The activities app's admin: the one place that loads every room's admin module.

Django's admin imports ``activities.admin``; each room registers its own models in
its ``admin`` module, and this module imports each of them, explicitly, so that no
room's admin registers another's by a side effect of being imported:

- ``api.admin``: API partners (their tokens) and their use log.
- ``currency.admin``: a place's champions (an inline on the place's page; registers nothing).
- ``master_sheet.admin``: import runs and their row results (upload, preview, confirm, export).
- ``records.admin``: activities and organisations.
- ``reference.admin``: places, shared experiences and aliases.
- ``submissions.admin``: the public form's submissions, accepted or rejected.
"""

from activities.api import admin as api_admin  # noqa: F401
from activities.currency import admin as currency_admin  # noqa: F401
from activities.master_sheet import admin as master_sheet_admin  # noqa: F401
from activities.records import admin as records_admin  # noqa: F401
from activities.reference import admin as reference_admin  # noqa: F401
from activities.submissions import admin as submissions_admin  # noqa: F401
