"""A withdrawn participant's words leave every release at once.

A release freezes its quotes' words and labels (``reports.interview_figures.release``).
After a withdrawal the quotes page shows none until the next release, but the words
would still sit in the release's stored figures: the consent form promises that
everything a participant contributed goes when they withdraw. So the withdrawal's
signal blanks the words of their quotes in every release now, and keeps the labels,
which the next release's audit needs and which say nothing a published page did not.
"""

from interviews.erasure.signals import participant_erased
from reports.interview_figures.models import InterviewRelease
from reports.interview_figures.quote_cells import released_quotes


def withdrawn_quotes_blank(sender, excerpts, **kwargs):
    """Blank the words of the released quotes cut from ``excerpts``; returns how many."""
    gone, blanked = set(excerpts), 0
    if not gone:
        return 0
    for release in InterviewRelease.objects.all():
        quotes = [q for q in released_quotes(release) if q["excerpt"] in gone and q["quote"]]
        for quote in quotes:
            quote["quote"] = ""
        if quotes:
            release.save(update_fields=["figures"])
            blanked += len(quotes)
    return blanked


def connect():
    participant_erased.connect(withdrawn_quotes_blank, dispatch_uid="withdrawn-quotes-blank")
