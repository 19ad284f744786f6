"""The reports app's admin, one module a room; Django's admin finds them through this one.

- ``reports.study.admin``: highlights, recommendations and their progress, the literature review;
- ``reports.snapshots.admin``: snapshots of the report figures.

The released interview figures have no admin: ``manage.py release_interview_figures`` makes them.
"""

from reports.snapshots import admin as snapshots_admin  # noqa: F401  (registers snapshots)
from reports.study import admin as study_admin  # noqa: F401  (registers the study's models)
