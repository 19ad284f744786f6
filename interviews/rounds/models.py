"""Research rounds: the 2019-20 study is the first; a later round of interviews is another.

Participants belong to a round, and with them their interviews, coded excerpts and the
report figures released from them; a round sets its own withdrawal deadline and the day
its interview data are deleted, and names the question guides and consent form in use.
"""

from django.db import models
from django.db.models import F, Q


class ResearchRoundQuerySet(models.QuerySet):
    def current(self):
        """The round new participants join unless told otherwise: the latest to start."""
        return self.order_by("-starts_on", "-pk").first()

    def expired(self, today):
        """Rounds whose retention date has come: their interview data must be gone."""
        return self.filter(retention_until__lte=today)


class ResearchRound(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="For example 2019-20 study.")
    slug = models.SlugField(
        max_length=50, unique=True, help_text="Short name used in addresses, e.g. 2019-20."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The day the round's project ends.")
    withdrawal_deadline = models.DateField(
        help_text="Participants of this round may withdraw until the end of this day."
    )
    retention_until = models.DateField(
        "data deleted on",
        help_text="From this day the round's interview data are deleted (purge_expired).",
    )
    guides = models.ManyToManyField(
        "interviews.InterviewGuide",
        blank=True,
        related_name="rounds",
        help_text="The question guides interviewers of this round choose from.",
    )
    consent_form = models.ForeignKey(
        "interviews.ConsentFormVersion",
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text="The consent form version participants of this round sign.",
    )

    objects = ResearchRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = "research round"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="round_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(retention_until__gt=F("withdrawal_deadline")),
                name="round_data_kept_past_withdrawal",
            ),
        ]

    def __str__(self):
        return self.name


def current_round_pk():
    """The default round of a new participant (``ResearchRound.objects.current``)."""
    current = ResearchRound.objects.current()
    return current.pk if current else None
