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
from reports.interview_figures.quote_cells import quote_words_blank


def withdrawn_quotes_blank(sender, excerpts, **kwargs):
    """Blank the words of the released quotes cut from ``excerpts``; returns how many."""
    if not excerpts:
        return 0
    return quote_words_blank(InterviewRelease.objects.all(), excerpts=set(excerpts))


def connect():
    participant_erased.connect(withdrawn_quotes_blank, dispatch_uid="withdrawn-quotes-blank")
