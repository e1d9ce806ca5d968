"""The `fazhi` command: Django's management commands plus fazhi's own (calendar, rules, …)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fazhi", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
