"""Output formats: a workbook's problems, its deadline list or its coverage, as text, JSON,
GitHub annotations, JUnit, CSV, iCalendar or a spreadsheet.

Each registry maps a ``--format`` name to the function that returns what to print (or, for a
binary format such as xlsx, the bytes to write to a file), so the
CLI takes its choices from the keys and the core never prints. The functions are imported
when first used: the keys alone must not cost the start-up of every command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import Any


class Registry(Mapping[str, Callable[..., Any]]):
    """Format name → the function that writes it, given as "module:function", imported on use."""

    def __init__(self, targets: dict[str, str]) -> None:
        self._targets = targets

    def __getitem__(self, name: str) -> Callable[..., Any]:
        module, _, function = self._targets[name].partition(":")
        writer: Callable[..., Any] = getattr(import_module(module), function)
        return writer

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


_PROBLEMS = "devagree.formats.problems"
_DEADLINES = "devagree.formats.deadlines"

PROBLEM_FORMATS = Registry(
    {
        "text": f"{_PROBLEMS}:text",
        "json": f"{_PROBLEMS}:as_json",
        "github": f"{_PROBLEMS}:github",
        "junit": f"{_PROBLEMS}:junit",
    }
)

DEADLINE_FORMATS = Registry(
    {
        "table": f"{_DEADLINES}:table",
        "json": f"{_DEADLINES}:as_json",
        "csv": f"{_DEADLINES}:as_csv",
        "ics": f"{_DEADLINES}:ics",
        "github": f"{_DEADLINES}:github",
        "xlsx": "devagree.render.deadlines_xlsx:xlsx",
    }
)

_COVERAGE = "devagree.formats.coverage"

COVERAGE_FORMATS = Registry(
    {
        "table": f"{_COVERAGE}:table",
        "json": f"{_COVERAGE}:as_json",
        "markdown": f"{_COVERAGE}:markdown",
    }
)

CODE_FORMATS = Registry(
    {
        "table": "devagree.formats.codes:table",
        "markdown": "devagree.formats.codes:markdown_table",
    }
)

__all__ = ["CODE_FORMATS", "COVERAGE_FORMATS", "DEADLINE_FORMATS", "PROBLEM_FORMATS", "Registry"]
