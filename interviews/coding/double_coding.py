"""Two coders, blind to each other, then settled into the final coding.

- ``double_coding_start``: two members of the team are named first and second coder. The
  excerpts coded so far (the final coding) become the first coder's coding too, so a
  transcript one person has coded can be checked by a second.
- While it is open each coder sees and codes only their own coding (``layer_for``); nobody
  changes the final coding, and the second coder's theme pages leave the transcript out.
- ``coder_finish``: each says when they have finished; their coding is then fixed. Once
  both have, the comparison opens (``comparison``) to the interview team.
- ``double_coding_settle``: the pair choose, for each disagreement, whose excerpts to keep;
  what both coded alike is kept as it is. The final coding becomes that, keeping any final
  excerpt that is unchanged (and its approval for publication); the two codings stay as
  the record of the agreement.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from interviews.coding.agreement import match_codings, pooled, theme_agreement
from interviews.models import CodingLayer, DoubleCoding, Excerpt

FIRST, SECOND, FINAL = CodingLayer.FIRST, CodingLayer.SECOND, CodingLayer.FINAL


def open_double_coding(interview):
    """The transcript's double coding while it is open, else None (no query when the
    interview was loaded with ``select_related("double_coding")``)."""
    try:
        double_coding = interview.double_coding
    except DoubleCoding.DoesNotExist:
        return None
    return double_coding if double_coding.is_open else None


def layer_for(interview, user):
    """The coding ``user`` sees and codes on this transcript's page: the final coding, a
    coder's own while two code it, or None (not one of the pair: they see the final coding
    and cannot code)."""
    double_coding = open_double_coding(interview)
    if double_coding is None:
        return FINAL
    return double_coding.layer_of(user)


def excerpt_change_blockers(excerpt, user):
    """Why ``user`` may not code into, change or delete ``excerpt``'s coding now ([]: they
    may). The same message whether the excerpt is hidden from them or not. Reads the
    double coding afresh (one query): the other coder may have just finished."""
    double_coding = DoubleCoding.objects.filter(
        interview_id=excerpt.interview_id, settled_on__isnull=True
    ).first()
    if excerpt.coding == FINAL:
        if double_coding is not None:
            return [
                "Two coders are coding this transcript: its final coding is settled from "
                "theirs on its agreement page, and is not changed meanwhile."
            ]
        return []
    if double_coding is None:
        return ["The two coders' codings are kept as they were settled: change the final coding."]
    if double_coding.layer_of(user) != excerpt.coding:
        return ["Only the coder whose excerpt this is may change it."]
    if double_coding.finished_on(excerpt.coding) is not None:
        return ["You have said you finished coding this transcript: your coding is fixed."]
    return []


@transaction.atomic
def double_coding_start(*, interview, first_coder, second_coder, by):
    if not interview.is_approved:
        raise ValidationError("Only an approved transcript can be coded.")
    if first_coder == second_coder:
        raise ValidationError("Choose two different people: a first and a second coder.")
    if DoubleCoding.objects.filter(interview=interview).exists():
        raise ValidationError("This transcript has had two coders already.")
    double_coding = DoubleCoding.objects.create(
        interview=interview, first_coder=first_coder, second_coder=second_coder
    )
    finals = list(interview.excerpts.filter(coding=FINAL).prefetch_related("themes"))
    _copy(finals, layer=FIRST)
    interview.double_coding = double_coding
    return double_coding


def _copy(excerpts, *, layer):
    """Copies of ``excerpts`` (themes loaded) in ``layer``, keeping who coded each."""
    copies = Excerpt.objects.bulk_create(
        Excerpt(
            interview_id=e.interview_id,
            start=e.start,
            end=e.end,
            quote=e.quote,
            memo=e.memo,
            coded_by_id=e.coded_by_id,
            coding=layer,
        )
        for e in excerpts
    )
    Excerpt.themes.through.objects.bulk_create(
        Excerpt.themes.through(excerpt_id=copy.pk, theme_id=theme.pk)
        for copy, e in zip(copies, excerpts, strict=True)
        for theme in e.themes.all()
    )
    return copies


@transaction.atomic
def coder_finish(*, double_coding, by):
    double_coding = DoubleCoding.objects.select_for_update().get(pk=double_coding.pk)
    layer = double_coding.layer_of(by)
    if layer is None or not double_coding.is_open:
        raise ValidationError("Only the first or the second coder says they have finished.")
    field = "first_finished_on" if layer == FIRST else "second_finished_on"
    if getattr(double_coding, field) is None:
        setattr(double_coding, field, timezone.now())
        double_coding.save(update_fields=[field])
    return double_coding


class Comparison:
    """The two codings of a transcript side by side: agreement per theme and pooled, what
    both coded alike, and the disagreements (a fixed number of queries)."""

    def __init__(self, interview):
        excerpts = list(
            interview.excerpts.filter(coding__in=[FIRST, SECOND])
            .prefetch_related("themes")
            .order_by("start", "end", "pk")
        )
        self.first = [e for e in excerpts if e.coding == FIRST]
        self.second = [e for e in excerpts if e.coding == SECOND]
        size = len(interview.transcript)
        spans = {}  # theme: ([first spans], [second spans])
        for excerpt in excerpts:
            for theme in excerpt.themes.all():
                side = 0 if excerpt.coding == FIRST else 1
                spans.setdefault(theme, ([], []))[side].append((excerpt.start, excerpt.end))
        self.themes = sorted(
            (theme_agreement(theme.name, size, *pair) for theme, pair in spans.items()),
            key=lambda a: a.label,
        )
        self.overall = pooled("All themes either coded", self.themes)
        self.agreed, self.disagreements = match_codings(self.first, self.second)


def comparison(interview):
    return Comparison(interview)


@transaction.atomic
def double_coding_settle(*, double_coding, choices, by):
    """Settle the two codings into the final coding: ``choices`` {disagreement number:
    "first" | "second" | "both" | "neither"}. Returns (kept, removed) final excerpts."""
    double_coding = DoubleCoding.objects.select_for_update().get(pk=double_coding.pk)
    if not double_coding.is_open:
        raise ValidationError("The two codings are settled already.")
    if double_coding.layer_of(by) is None:
        raise ValidationError("Only the two coders settle their codings.")
    if not double_coding.both_finished:
        raise ValidationError("Both coders must finish coding before the codings are settled.")
    interview = double_coding.interview
    compared = comparison(interview)
    undecided = [
        d.number
        for d in compared.disagreements
        if choices.get(d.number) not in {value for value, _ in d.choices}
    ]
    if undecided:
        raise ValidationError(
            "Choose what to keep for each disagreement: not yet chosen for "
            + ", ".join(f"disagreement {n}" for n in undecided)
            + "."
        )
    chosen = list(compared.agreed)
    for disagreement in compared.disagreements:
        chosen += disagreement.kept(choices[disagreement.number])
    removed = _final_coding_becomes(interview, chosen)
    double_coding.settled_on, double_coding.settled_by = timezone.now(), by
    double_coding.save(update_fields=["settled_on", "settled_by"])
    return len(chosen), removed


def _final_coding_becomes(interview, chosen):
    """Make the final coding ``chosen``: an unchanged final excerpt stays (with its
    approval for publication), the others are deleted, the rest copied in."""

    def key(excerpt):
        return (excerpt.start, excerpt.end, frozenset(t.pk for t in excerpt.themes.all()))

    staying = {}
    for excerpt in interview.excerpts.filter(coding=FINAL).prefetch_related("themes"):
        staying.setdefault(key(excerpt), []).append(excerpt)
    new = []
    for excerpt in chosen:
        twins = staying.get(key(excerpt))
        if twins:
            twins.pop(0)
        else:
            new.append(excerpt)
    gone = [e.pk for twins in staying.values() for e in twins]
    Excerpt.objects.filter(pk__in=gone).delete()
    _copy(new, layer=FINAL)
    return len(gone)


def second_coder_hidden(user):
    """The interviews whose final coding ``user`` must not see while coding them second."""
    return DoubleCoding.objects.filter(second_coder=user, settled_on__isnull=True).values(
        "interview_id"
    )
