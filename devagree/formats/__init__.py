"""Reporters: a workbook's problems, or its deadline list, in each output format.

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
    """Format name → reporter function, given as "module:function" and imported on use."""

    def __init__(self, targets: dict[str, str]) -> None:
        self._targets = targets

    def __getitem__(self, name: str) -> Callable[..., Any]:
        module, _, function = self._targets[name].partition(":")
        reporter: Callable[..., Any] = getattr(import_module(module), function)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


_PROBLEMS = "devagree.formats.problems"
_DEADLINES = "devagree.formats.deadlines"

PROBLEM_REPORTERS = Registry(
    {
        "text": f"{_PROBLEMS}:text",
        "json": f"{_PROBLEMS}:json_report",
        "github": f"{_PROBLEMS}:github",
        "junit": f"{_PROBLEMS}:junit",
    }
)

DEADLINE_REPORTERS = Registry(
    {
        "table": f"{_DEADLINES}:table",
        "json": f"{_DEADLINES}:json_report",
        "csv": f"{_DEADLINES}:csv_report",
        "ics": f"{_DEADLINES}:ics",
        "github": f"{_DEADLINES}:github",
        "xlsx": "devagree.render.deadlines_xlsx:xlsx",
    }
)

_COVERAGE = "devagree.formats.coverage"

COVERAGE_REPORTERS = Registry(
    {
        "table": f"{_COVERAGE}:table",
        "json": f"{_COVERAGE}:json_report",
        "markdown": f"{_COVERAGE}:markdown",
    }
)

__all__ = ["COVERAGE_REPORTERS", "DEADLINE_REPORTERS", "PROBLEM_REPORTERS", "Registry"]
