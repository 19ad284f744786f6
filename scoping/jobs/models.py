"""Jobs, their result files, the workers' heartbeats, and named locks between jobs."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's own jobs: nobody sees another's job on the site (staff use the admin)."""
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def for_list(self, user):
        return self.visible_to(user).defer("input", "error_detail").order_by("-created")


class JobState(models.TextChoices):
    WAITING = "waiting", "Waiting"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class Job(models.Model):
    """One piece of long work, as the person who asked for it sees it."""

    State = JobState

    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)
    CANCELLABLE = (State.WAITING, State.RUNNING)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who asked; none for a job started from the command line.",
    )
    kind = models.CharField(max_length=50, help_text="Which work: the task's short name.")
    title = models.CharField(max_length=200, help_text="What the work is, in the user's words.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=20, default="rows")
    message = models.CharField(max_length=500, blank=True)
    error_detail = models.TextField(
        blank=True, help_text="For staff: the traceback of a job that raised."
    )
    params = models.JSONField(default=dict, blank=True)
    input = models.BinaryField(
        null=True, blank=True, editable=False, help_text="An uploaded file the work reads."
    )
    result_url = models.CharField(max_length=500, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "created"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=JobState.values),
                name="job_state_valid",
            )
        ]

    def __str__(self):
        return f"Job {self.pk}: {self.kind} ({self.state})"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.state in self.FINISHED

    @property
    def can_cancel(self):
        return self.state in self.CANCELLABLE and not self.cancel_requested

    def progress_text(self):
        """“12,300 of 49,900 rows”, or just the count when the total is not known yet."""
        if self.total is None:
            return f"{self.done:,} {self.unit}" if self.done else ""
        return f"{self.done:,} of {self.total:,} {self.unit}"

    def percent(self):
        if not self.total:
            return 100 if self.state == self.State.DONE else 0
        return min(100, round(100 * self.done / self.total))


class JobFile(models.Model):
    """A job's result file, kept in the database so any web server can hand it over
    (workers may run on other machines), and deleted after ``JOB_FILES_DAYS`` days."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    data = models.BinaryField()
    expires = models.DateTimeField()

    def __str__(self):
        return self.name

    @classmethod
    def expiry(cls, now=None):
        return (now or timezone.now()) + datetime.timedelta(days=settings.JOB_FILES_DAYS)


class WorkerHeartbeat(models.Model):
    """A worker process says it is alive every few seconds (``worker.Heartbeat``)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField(default=timezone.now)
    seen = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-seen"]

    def __str__(self):
        return f"worker {self.host}:{self.pid}"


class JobLock(models.Model):
    """A named lock a running job holds (``locks.exclusive``): one import at a time."""

    name = models.CharField(max_length=100, primary_key=True)
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    taken = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name
