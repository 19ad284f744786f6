"""Quotes fit to publish: the one rule for when a coded excerpt may be shown to report
readers (commissioners among them), and the attributes it may be shown with.

An excerpt is published when the interview team approved it for publication and,
at the time it is read, every condition still holds:

- the interview rests on the participant's consent to be interviewed (``consent_holds``:
  signed on or before it), and the consent form agrees that their contributions may be
  used in the final report and that their personal details are anonymised (the study's
  form has no separate statement about being quoted; these two are what quoting relies on);
- the transcript is approved (the anonymiser found nothing more to replace);
- the excerpt has no open anonymisation flag (``_has_open_anonymisation_flag``).

Withdrawal deletes the participant's excerpts and so their approvals: the quotes go
from every page at once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from interviews.anonymisation.flag_decisions import excerpt_has_open_flags, excerpts_with_open_flags
from interviews.disclosure.control import THRESHOLD
from interviews.models import (
    AnonymisationStatus,
    CodingLayer,
    Excerpt,
    Interview,
    Participant,
    consent_holds,
    final_coding,
)
from interviews.publication.models import PublicationApproval

CONSENTED = consent_holds("interview__") & Q(
    interview__participant__consent__contributions_in_report=True,
    interview__participant__consent__details_anonymised=True,
)
APPROVED_TRANSCRIPT = Q(interview__status=AnonymisationStatus.APPROVED)
FINAL = final_coding()  # a coder's own excerpt, while two code a transcript, is never a quote


def _has_open_anonymisation_flag(excerpt, flagged=None):
    """Whether the excerpt's quote holds an anonymisation flag nobody has resolved, or a
    name the anonymiser would replace now (``flag_decisions.excerpt_has_open_flags``).

    ``flagged``: the pks ``flag_decisions.excerpts_with_open_flags`` found for a whole list,
    so a page of quotes costs a fixed number of queries.
    """
    if flagged is not None:
        return excerpt.pk in flagged
    return excerpt_has_open_flags(excerpt)


def publication_blockers(excerpt, flagged=None):
    """Why ``excerpt`` may not be published, in words for the interview team; [] if it may.

    ``flagged``: as for ``_has_open_anonymisation_flag``, when checking a list."""
    participant = excerpt.interview.participant
    consent = getattr(participant, "consent", None)
    reasons = []
    if not excerpt.interview.consent_holds():
        reasons.append(
            f"{participant.code}'s consent to be interviewed does not cover this interview."
        )
    if not (consent and consent.contributions_in_report and consent.details_anonymised):
        reasons.append(
            f"{participant.code}'s consent form does not agree both that their contributions "
            "may be used in the final report and that their details are anonymised."
        )
    if excerpt.coding != CodingLayer.FINAL:
        reasons.append("The excerpt is a coder's own, not the transcript's final coding.")
    if excerpt.interview.status != AnonymisationStatus.APPROVED:
        reasons.append("The transcript is not approved.")
    if _has_open_anonymisation_flag(excerpt, flagged):
        reasons.append("The excerpt has an open anonymisation flag.")
    return reasons


@transaction.atomic
def excerpt_publish(*, excerpt, by):
    """Approve ``excerpt`` for publication, or raise ValidationError saying why not."""
    reasons = publication_blockers(excerpt)
    if reasons:
        raise ValidationError(reasons)
    approval, _ = PublicationApproval.objects.get_or_create(
        excerpt=excerpt, defaults={"approved_by": by}
    )
    return approval


def excerpt_unpublish(*, excerpt):
    PublicationApproval.objects.filter(excerpt=excerpt).delete()


def published_excerpts(research_round=None):
    """The excerpts report readers may see (of one research round, if given): approved, and
    ``publication_blockers`` finds nothing now. The query narrows by consent, transcript and
    round; the rule decides."""
    in_round = Q() if research_round is None else Q(interview__participant__round=research_round)
    queryset = (
        Excerpt.objects.filter(
            CONSENTED, APPROVED_TRANSCRIPT, FINAL, in_round, publication__isnull=False
        )
        .select_related("interview__participant__place", "interview__participant__consent")
        .defer("interview__transcript", "memo")
        .prefetch_related("themes")
        .order_by("interview__participant__sector", "pk")
    )
    excerpts = list(queryset)
    flagged = excerpts_with_open_flags(excerpts)
    return [excerpt for excerpt in excerpts if not publication_blockers(excerpt, flagged)]


# The attributes a quote may carry, most detailed first: a reader sees the first whose
# group of people interviewed has at least THRESHOLD members, so no attribute set
# narrows a quote down to one or two people.
ATTRIBUTE_SETS = [("sector", "role", "place"), ("sector", "role"), ("sector",), ()]


def group_sizes(research_round=None):
    """{(sector, role, place_id): people interviewed} (in one research round, if given): one
    query. Counted as the interview figures count people (an interview resting on a consent
    signed beforehand), so the quotes' labels and the figures released with them agree."""
    interviewed = Exists(Interview.objects.consented().filter(participant=OuterRef("pk")))
    participants = Participant.objects.filter(interviewed)
    if research_round is not None:
        participants = participants.filter(round=research_round)
    rows = participants.values("sector", "role", "place_id").annotate(n=Count("pk", distinct=True))
    return {(r["sector"], r["role"], r["place_id"]): r["n"] for r in rows}


def shown_attribute_names(participant, sizes):
    """The attributes of ``participant`` that may be shown beside their quote, e.g.
    ("sector", "role"): the most detailed set that at least THRESHOLD people share."""
    mine = {"sector": participant.sector, "role": participant.role, "place": participant.place_id}
    for attributes in ATTRIBUTE_SETS:
        size = sum(
            n
            for (sector, role, place), n in sizes.items()
            if all(
                {"sector": sector, "role": role, "place": place}[a] == mine[a] for a in attributes
            )
        )
        if size >= THRESHOLD:
            return attributes
    return ()


def shown_attributes(participant, sizes):
    """[(label, value)] of ``participant`` that may be shown beside their quote."""
    return [_attribute(participant, a) for a in shown_attribute_names(participant, sizes)]


def _attribute(participant, name):
    if name == "sector":
        return ("Sector", participant.get_sector_display())
    if name == "role":
        return ("Role", participant.get_role_display())
    return ("Place", participant.place.name)
