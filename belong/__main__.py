"""The `belong` console script: Django's manage.py with Belong's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    # The demo is the one place where debugging aids are on by default; the
    # environment is read when settings load, so it must be set before that.
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        os.environ.setdefault("DEBUG", "true")
        os.environ.setdefault("EMAIL_URL", "consolemail://")
        os.environ.setdefault("BELONG_STATIC_COLLECTED", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
