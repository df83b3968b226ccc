"""The exception root and the exit-code table.

Every command returns one of these codes; the CLI maps exceptions to them in one place so
that a user never sees a traceback for a problem they caused.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `devagree` returns to the shell (and to CI)."""

    OK = 0
    PROBLEMS = 1  # the input was read and has problems of error severity
    USAGE = 2  # bad arguments, or input that cannot be read at all
    INTERNAL = 3  # a bug in devagree; rerun with --debug and report it
    INTERRUPTED = 130  # Ctrl-C


class DevagreeError(Exception):
    """A problem the user can fix; its message is shown as it is, without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(DevagreeError):
    """Arguments that make no sense together, a missing file, a bad option value."""


class InputError(DevagreeError):
    """Input that cannot be read; carries a position when there is one."""

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if where and self.line:
            where = f"{where}:{self.line}:{self.column}"
        return f"{where}: {self.message}" if where else self.message


class OutputError(DevagreeError):
    """An output file cannot be written where it was asked for."""
