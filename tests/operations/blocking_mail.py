"""A mail backend that says it has begun sending, then never returns: the test kills the
worker there, in the middle of the task."""

import os
import threading
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        Path(os.environ["BELONG_TEST_MAIL_MARKER"]).write_text(
            "\n".join(m.extra_headers.get("Message-ID", "") for m in email_messages)
        )
        threading.Event().wait()
        return 0
