"""The `coso` command: Django's management commands plus Coso's own.

Commands may be written with hyphens as in the documentation (`coso import-units`);
they map onto Django command modules with underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coso.config.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coso", *args])


if __name__ == "__main__":
    main()
