"""Backups started from the admin, seen there as the jobs that made them."""

from django.db import models

from scoping.jobs.models import Job

BACKUP_KIND = "database_backup"


class DatabaseBackupManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=BACKUP_KIND).defer("input")


class DatabaseBackup(Job):
    """A backup job (``scoping/serving/backup_jobs.py``): when, how it ended, and where its
    file is. The file itself stays in the backup folder and is never offered for download."""

    objects = DatabaseBackupManager()

    class Meta:
        proxy = True
        app_label = "scoping"
        ordering = ["-created"]
        verbose_name = "database backup"

    def __str__(self):
        return f"Backup {self.pk} ({self.get_state_display().lower()})"
