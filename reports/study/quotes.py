"""The quotes page's data: published excerpts grouped by theme, each with the
attributes the small-number rule allows, and the interview team's list of excerpts to
approve for publication."""

from interviews.anonymisation.flag_decisions import excerpts_with_open_flags
from interviews.models import Excerpt
from interviews.publication.rules import (
    group_sizes,
    publication_blockers,
    published_excerpts,
    shown_attributes,
)


def quotes_by_theme():
    """[(theme, [(quote, [(label, value)])])] by theme name: three queries."""
    excerpts = list(published_excerpts())
    sizes = group_sizes()
    themes = {}
    for excerpt in excerpts:
        shown = (excerpt.quote, shown_attributes(excerpt.interview.participant, sizes))
        for theme in excerpt.themes.all():
            themes.setdefault(theme, []).append(shown)
    return sorted(themes.items(), key=lambda item: item[0].name)


def excerpts_for_approval():
    """Every coded excerpt with whether it is approved and what stops it: a fixed few queries."""
    excerpts = (
        Excerpt.objects.select_related(
            "interview__participant__consent", "interview__participant__place", "publication"
        )
        .defer("interview__transcript")
        .order_by("interview__participant__code", "interview_id", "start")
    )
    excerpts = list(excerpts)
    flagged = excerpts_with_open_flags(excerpts)
    return [
        (excerpt, getattr(excerpt, "publication", None), publication_blockers(excerpt, flagged))
        for excerpt in excerpts
    ]
