"""The champions' weekly digest: activities in their places due for a check.

``manage.py send_digests`` (weekly, from cron or a scheduler) sends each active champion
with an e-mail address, who has not turned it off, a list of their review queue's
activities not checked in the last 12 months, only when there are some. The message's
key is the champion and the ISO week, so a second run in the same week sends nothing.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from activities.currency.measure import verified_since
from activities.currency.queue import queue_for
from scoping.accounts.roles import CHAMPIONS
from scoping.mail.preferences import PERIODIC, unsubscribe_url
from scoping.mail.sending import absolute, message_queue

LISTED = 20  # activities named in one message; the rest are counted


def due_for(user, today=None):
    """The activities in ``user``'s queue not checked since ``verified_since()``."""
    since = verified_since(today)
    return queue_for(user).filter(Q(last_verified__isnull=True) | Q(last_verified__lt=since))


def champions_for_digest():
    return (
        get_user_model()
        .objects.filter(groups__name=CHAMPIONS, is_active=True)
        .exclude(email="")
        .exclude(mail_unsubscribes__kind=PERIODIC.DIGEST)
        .distinct()
        .order_by("pk")
    )


def digests_send(today=None):
    """Queue this week's digest for each champion with activities due; how many."""
    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    sent = 0
    for user in champions_for_digest():
        due = list(due_for(user, today)[: LISTED + 1])
        if not due:
            continue
        total = due_for(user, today).count() if len(due) > LISTED else len(due)
        places = [link.place.name for link in user.champion_places.select_related("place")]
        message_queue(
            key=f"digest:{user.pk}:{year}-W{week:02d}",
            kind="digest",
            to=user.email,
            subject=f"{total} {'activity' if total == 1 else 'activities'} due for a check",
            template="digest",
            context={
                "name": user.get_short_name() or user.get_username(),
                "places": places,
                "activities": [
                    {
                        "name": activity.name,
                        "place": activity.place.name if activity.place else "Several places",
                        "last_checked": activity.last_verified,
                        "link": absolute(reverse("activities:detail", args=[activity.pk])),
                    }
                    for activity in due[:LISTED]
                ],
                "more": total - min(total, LISTED),
                "queue_link": absolute(reverse("activities:review")),
            },
            unsubscribe_url=unsubscribe_url(user, PERIODIC.DIGEST),
        )
        sent += 1
    return sent
