"""A deactivated user's sessions end at once, wherever they are signed in."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone


def sessions_end(user):
    """Delete every live session of ``user``; how many."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@receiver(pre_save, sender=get_user_model(), dispatch_uid="sessions_end_on_deactivation")
def end_sessions_on_deactivation(sender, instance, **kwargs):
    if instance.pk is None or instance.is_active:
        return
    was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        sessions_end(instance)
