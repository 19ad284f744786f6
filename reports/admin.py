"""The reports app's admin, one module a room; Django's admin finds them through this one.

- ``reports.study.admin``: highlights, recommendations and their progress, the literature review;
- ``reports.snapshots.admin``: snapshots of the report figures (and taking one, as a job);
- ``reports.interview_figures.admin``: the interview figures' releases, and the disclosure
  audit and release started as jobs by the interview team.
"""

from reports.interview_figures import admin as interview_figures_admin  # noqa: F401
from reports.snapshots import admin as snapshots_admin  # noqa: F401  (registers snapshots)
from reports.study import admin as study_admin  # noqa: F401  (registers the study's models)
