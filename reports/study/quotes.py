"""The quotes page's data, and the interview team's list of excerpts to approve.

Quotes are released with the interview figures (``reports.interview_figures.release``):
the excerpts published when the team releases, each with the attributes the
small-number rule allows, are frozen in the release and audited with its figures,
since their labels are counts a reader can combine with the panels. The page shows
the latest release's quotes, never live ones: a quote dropped or relabelled the moment
someone withdrew would say who left and what they said. After a withdrawal, or when a
released quote may no longer be published (consent, transcript, approval), the page
shows none until the next release.
"""

from interviews.anonymisation.flag_decisions import excerpts_with_open_flags
from interviews.coding.double_coding import second_coder_hidden
from interviews.models import Excerpt, Withdrawal
from interviews.publication.rules import (
    publication_blockers,
    published_excerpts,
    shown_attribute_names,
    shown_attributes,
)
from reports.interview_figures.models import InterviewRelease
from reports.interview_figures.quote_cells import released_quotes

NOT_RELEASED = "No quotes have been released yet."
BEING_REVISED = (
    "The quotes are being revised after a participant withdrew or a quote was taken back; "
    "the interview team will release them again."
)


def quotes_to_release(sizes, research_round=None):
    """The quotes a release of a round's figures made now would freeze: [{excerpt, themes,
    quote, attributes, labels}], with ``sizes`` from ``group_sizes``. The excerpt's pk says which quotes a
    later change takes down; nothing else about the person is kept."""
    quotes = []
    for excerpt in published_excerpts(research_round):
        participant = excerpt.interview.participant
        names = shown_attribute_names(participant, sizes)
        mine = {
            "sector": participant.sector,
            "role": participant.role,
            "place": participant.place_id,
        }
        quotes.append(
            {
                "excerpt": excerpt.pk,
                "themes": sorted(theme.name for theme in excerpt.themes.all()),
                "quote": excerpt.quote,
                "attributes": {name: mine[name] for name in names},
                "labels": [list(label) for label in shown_attributes(participant, sizes)],
            }
        )
    return quotes


def quotes_by_theme(research_round, hidden=()):
    """(why none are shown or "", [(theme name, [(quote, [(label, value)])])] by theme name)
    from the latest release of a round's figures: its query, the latest withdrawal's, and
    those of ``published_excerpts`` to check every released quote may still be shown. A
    withdrawal from any round takes them down until the next release, as it does the
    figures (the tombstone does not keep the round). ``hidden``: excerpts left out (of
    transcripts the reader is coding blind)."""
    release = InterviewRelease.objects.latest_release(research_round) if research_round else None
    if release is None:
        return NOT_RELEASED, []
    last_withdrawal = Withdrawal.objects.order_by("-withdrawn_on").first()
    quotes = released_quotes(release)
    if last_withdrawal is not None and last_withdrawal.withdrawn_on > release.released_on:
        return BEING_REVISED, []
    shown = {e.pk for e in published_excerpts(research_round)}
    if quotes and not {q["excerpt"] for q in quotes} <= shown:
        return BEING_REVISED, []
    themes = {}
    for quote in quotes:
        if quote["excerpt"] in hidden:
            continue
        for theme in quote["themes"]:
            themes.setdefault(theme, []).append((quote["quote"], quote["labels"]))
    return "", sorted(themes.items())


def blind_excerpts(user):
    """The final coding's excerpts of the transcripts ``user`` is coding second, blind to the
    first coder: hidden from them (one query, for the interview team only)."""
    if not user.has_perm("interviews.add_excerpt"):
        return set()
    return set(
        Excerpt.objects.final()
        .filter(interview__in=second_coder_hidden(user))
        .values_list("pk", flat=True)
    )


def excerpts_for_approval(research_round):
    """A research round's coded excerpts with whether each is approved and what stops it: a
    fixed few queries."""
    excerpts = (
        Excerpt.objects.final()
        .filter(interview__participant__round=research_round)
        .select_related(
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
