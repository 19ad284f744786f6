"""Coding: excerpts of approved transcripts (created, changed), the themes a person used
last, and merging two themes of the codebook."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_update_with_history

from interviews.coding.double_coding import excerpt_change_blockers
from interviews.models import CodingLayer, Excerpt, Interview, Theme
from interviews.recording.services import normalise_transcript

RECENT_THEMES = 8


def recent_themes(user, limit=RECENT_THEMES):
    """The themes this person coded with most recently, newest first (one query)."""
    rows = (
        Excerpt.themes.through.objects.filter(excerpt__coded_by=user)
        .values("theme_id")
        .annotate(last=Max("excerpt__coded_on"))
        .order_by("-last", "theme_id")[:limit]
    )
    return [row["theme_id"] for row in rows]


def span_from_quote(*, interview, quote):
    """The offsets of a quote typed or pasted in (the page without JavaScript)."""
    quote = normalise_transcript(quote).strip()
    if not quote:
        raise ValidationError("Enter the offsets or paste the passage.")
    text = interview.transcript
    count = text.count(quote)
    if count == 0:
        raise ValidationError("That passage is not in the transcript, word for word.")
    if count > 1:
        raise ValidationError(
            f"That passage appears {count} times in the transcript: "
            "paste a longer one, or give the start and end offsets."
        )
    start = text.index(quote)
    return start, start + len(quote)


def _validate_span(interview, start, end):
    if not interview.is_approved:
        raise ValidationError("Only an approved transcript can be coded.")
    if not Interview.objects.consented().filter(pk=interview.pk).exists():
        raise ValidationError(
            "This interview has no consent signed on or before its date: it cannot be coded."
        )
    if not (0 <= start < end <= len(interview.transcript)):
        raise ValidationError(
            f"The passage must lie within the transcript: start and end between 0 and "
            f"{len(interview.transcript)}, start before end."
        )


def _may_change(excerpt, by):
    blockers = excerpt_change_blockers(excerpt, by)
    if blockers:
        raise ValidationError(blockers)


@transaction.atomic
def excerpt_create(*, interview, start, end, themes, by, memo="", coding=CodingLayer.FINAL):
    """A coded passage in ``coding``: the final coding, or a coder's own while two code the
    transcript (``double_coding.layer_for``)."""
    _may_change(Excerpt(interview=interview, coding=coding), by)
    _validate_span(interview, start, end)
    if not themes:
        raise ValidationError("Choose at least one theme.")
    excerpt = Excerpt.objects.create(
        interview=interview,
        start=start,
        end=end,
        quote=interview.transcript[start:end],
        memo=memo,
        coded_by=by,
        coding=coding,
    )
    excerpt.themes.set(themes)
    return excerpt


@transaction.atomic
def excerpt_update(*, excerpt, start, end, themes, memo, by):
    _may_change(excerpt, by)
    _validate_span(excerpt.interview, start, end)
    if not themes:
        raise ValidationError("Choose at least one theme.")
    excerpt.start, excerpt.end, excerpt.memo = start, end, memo
    excerpt.quote = excerpt.interview.transcript[start:end]
    excerpt.save()
    excerpt.themes.set(themes)
    return excerpt


@transaction.atomic
def excerpt_delete(*, excerpt, by):
    _may_change(excerpt, by)
    excerpt.delete()


@transaction.atomic
def theme_merge(*, source, target):
    """Move every excerpt and child of ``source`` to ``target``, then delete ``source``."""
    if source.pk == target.pk:
        raise ValidationError("Choose two different themes to merge.")
    if target.is_within(source):
        raise ValidationError(f"“{target}” sits under “{source}”: merge the other way.")
    through = Excerpt.themes.through
    already = set(through.objects.filter(theme=target).values_list("excerpt_id", flat=True))
    moving = through.objects.filter(theme=source)
    through.objects.bulk_create(
        through(excerpt_id=e, theme=target)
        for e in moving.values_list("excerpt_id", flat=True)
        if e not in already
    )
    moving.delete()
    children = list(Theme.objects.filter(parent=source))
    for child in children:
        child.parent = target
    bulk_update_with_history(children, Theme, ["parent"])  # the move shows in their history
    source.delete()
