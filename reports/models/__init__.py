"""The reports app's models, each living in its room and imported here so Django finds
them (the app label stays ``reports``, so their tables keep their names):

- the study's conclusions (``reports.study``): highlights, the recommendations and the
  progress recorded against them, the literature review;
- snapshots of the report figures (``reports.snapshots``);
- the released interview figures (``reports.interview_figures``).
"""

from reports.interview_figures.models import InterviewRelease, InterviewReleaseQuerySet
from reports.snapshots.models import Snapshot, SnapshotArea
from reports.study.highlight_models import HIGHLIGHT_SUBJECTS, Highlight, HighlightQuerySet
from reports.study.literature_models import LiteratureSource, ReviewTheme
from reports.study.recommendation_models import ActionProgress, RecommendationArea, SuggestedAction

__all__ = [
    "HIGHLIGHT_SUBJECTS",
    "ActionProgress",
    "Highlight",
    "HighlightQuerySet",
    "InterviewRelease",
    "InterviewReleaseQuerySet",
    "LiteratureSource",
    "RecommendationArea",
    "ReviewTheme",
    "Snapshot",
    "SnapshotArea",
    "SuggestedAction",
]
