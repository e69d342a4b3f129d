"""Settings for a worker process that a test starts: Belong's own, with a mail backend the
test chooses (one that blocks until the worker is killed, or files on disk)."""

import os

from belong.settings import *  # noqa: F403

if os.environ.get("BELONG_TEST_MAIL") == "block":
    EMAIL_BACKEND = "tests.operations.blocking_mail.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["BELONG_TEST_MAIL_DIR"]
