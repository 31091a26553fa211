"""What Coso's management commands share: a first argument naming what to do
(`coso petitions remind`) and the daily reminders built on it; backup and restore,
both on a directory."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coso.core.backup import BackupError


class ActionCommand(BaseCommand):
    """A command whose first argument is one of its `actions`; `add_options` adds the
    rest."""

    actions: Sequence[str] = ()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=list(self.actions))
        self.add_options(parser)

    def add_options(self, parser: CommandParser) -> None:
        """The command's options after its action (none unless a command adds them)."""


class ReminderCommand(ActionCommand):
    """`coso <app> remind`, run daily (a run again the same day sends nothing twice):
    `remind` sends the app's reminders and says what it did."""

    actions = ("remind",)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(self.remind())

    def remind(self) -> str:
        raise NotImplementedError


class BackupCommand(BaseCommand):
    """`coso backup DIR` and `coso restore DIR`: `run` does the work on the directory
    and says what it did; a backup's error is the command's."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            said = self.run(directory, **options)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(said)

    def run(self, directory: Path, **options: Any) -> str:
        raise NotImplementedError
