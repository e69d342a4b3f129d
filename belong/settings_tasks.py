"""Belong's settings for background work and what it keeps: how workers recover, which
tasks recur, and how long data is kept. Read from the environment like the rest of
`belong.settings`, which takes them all from here."""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

# Recovery (belong/operations/recovery.py): each worker beats a heartbeat; a task whose
# worker has not beaten for the heartbeat timeout, or that ran past the task timeout, goes
# back to the queue; failed tasks run again after 30 s, 2 min, 8 min ... up to the maximum
# attempts; an e-mail claimed but not sent within the outbox timeout is sent again (with the
# same Message-ID, so a receiving server can drop a duplicate).
BELONG_WORKER_HEARTBEAT_SECONDS = env.float("BELONG_WORKER_HEARTBEAT_SECONDS", default=5)
BELONG_WORKER_HEARTBEAT_TIMEOUT = env.int("BELONG_WORKER_HEARTBEAT_TIMEOUT", default=60)
BELONG_REAP_SECONDS = env.int("BELONG_REAP_SECONDS", default=60)
BELONG_TASK_TIMEOUT = env.int("BELONG_TASK_TIMEOUT", default=3600)
BELONG_TASK_MAX_ATTEMPTS = env.int("BELONG_TASK_MAX_ATTEMPTS", default=5)
BELONG_TASK_RETRY_BASE_SECONDS = env.int("BELONG_TASK_RETRY_BASE_SECONDS", default=30)
BELONG_OUTBOX_CLAIM_TIMEOUT = env.int("BELONG_OUTBOX_CLAIM_TIMEOUT", default=600)
# /healthz/ready answers 503 when the oldest task waiting to run has waited longer than this.
BELONG_READY_MAX_QUEUE_AGE = env.int("BELONG_READY_MAX_QUEUE_AGE", default=300)
# The checks /healthz/ready needs to pass to answer 200 (all are reported either way).
BELONG_READY_CHECKS = env.list(
    "BELONG_READY_CHECKS", default=["database", "redis", "queue", "workers"]
)

# The recurring tasks `belong tick` enqueues (hourly; each is safe to run twice).
BELONG_PERIODIC_TASKS = (
    "belong.posts.tasks.expire_stale_posts",
    "belong.posts.tasks.send_expiry_reminders",
    "belong.posts.tasks.send_saved_search_digests",
    "belong.messaging.tasks.remind_unanswered",
    "belong.messaging.tasks.close_silent_conversations",
    "belong.messaging.tasks.send_checkins",
    "belong.messaging.tasks.send_daily_summaries",
    "belong.adulthood.tasks.move_adults_out_of_youth_space",
    "belong.activities.tasks.send_activity_reminders",
    "belong.privacy.tasks.erase_due_accounts",
    "belong.privacy.tasks.apply_retention",
    "belong.statistics.tasks.roll_up_monthly_figures",
    "belong.matching.tasks.refresh_suggestions",
    "belong.matching.tasks.offer_small_groups_daily",
    "belong.outcomes.tasks.send_questionnaire_reminders",
)

# Erasure ("Slet min konto"): the days in which logging in undoes it.
BELONG_ERASURE_GRACE_DAYS = env.int("BELONG_ERASURE_GRACE_DAYS", default=14)
# Retention: the daily task (`belong tick`) deletes what is older than these (docs/privacy.md).
BELONG_RETENTION_OUTBOX_DAYS = env.int("BELONG_RETENTION_OUTBOX_DAYS", default=30)
BELONG_RETENTION_DRAFT_DAYS = env.int("BELONG_RETENTION_DRAFT_DAYS", default=90)
BELONG_RETENTION_HELP_REQUEST_DAYS = env.int("BELONG_RETENTION_HELP_REQUEST_DAYS", default=365)
BELONG_RETENTION_CLOSED_CONVERSATION_DAYS = env.int(
    "BELONG_RETENTION_CLOSED_CONVERSATION_DAYS", default=730
)
# A citizen's data prepared in the background: the download link works this many days.
BELONG_EXPORT_LINK_DAYS = env.int("BELONG_EXPORT_LINK_DAYS", default=7)
# Inactive accounts (nobody logged in): one e-mail at the first, erased at the second.
BELONG_RETENTION_INACTIVE_WARNING_MONTHS = env.int(
    "BELONG_RETENTION_INACTIVE_WARNING_MONTHS", default=24
)
BELONG_RETENTION_INACTIVE_ERASURE_MONTHS = env.int(
    "BELONG_RETENTION_INACTIVE_ERASURE_MONTHS", default=25
)
if BELONG_RETENTION_INACTIVE_ERASURE_MONTHS <= BELONG_RETENTION_INACTIVE_WARNING_MONTHS:
    raise ImproperlyConfigured(
        "BELONG_RETENTION_INACTIVE_ERASURE_MONTHS must be later than the warning"
    )
# A post is shown this many days, with a reminder this many days before it ends.
BELONG_POST_LIFETIME_DAYS = env.int("BELONG_POST_LIFETIME_DAYS", default=90)
BELONG_POST_REMINDER_DAYS = env.int("BELONG_POST_REMINDER_DAYS", default=7)
