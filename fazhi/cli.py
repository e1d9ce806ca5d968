"""The `fazhi` command: Django's management commands plus fazhi's own (calendar, rules, …)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["fazhi", *(sys.argv[1:] if argv is None else argv)])
    except (OperationalError, ProgrammingError) as error:
        sys.stderr.write(
            f"数据库无法使用：{error}\n如果这是新安装，请先运行 `fazhi migrate`（或 `make run`）。\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
