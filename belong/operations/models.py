"""What operators need to keep Belong running: the workers' heartbeats and the cache's
fallback table for when Redis is gone."""

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """One row per task worker, touched every few seconds while it runs; the readiness
    check reads how long ago the freshest one beat."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class CacheFallbackEntry(models.Model):
    """The table Django's database cache reads and writes (the shape `createcachetable`
    makes), used by belong.operations.cache while Redis does not answer."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "belong_cache_fallback"

    def __str__(self) -> str:
        return self.cache_key
