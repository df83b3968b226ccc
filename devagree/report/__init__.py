"""Reporters: a workbook's problems, or its deadline list, in each output format.

Each registry maps a ``--format`` name to a function that returns what to print, so the CLI
takes its choices from the keys and the core never prints.
"""

from __future__ import annotations

from collections.abc import Callable

from devagree.report import deadlines_formats, problem_formats
from devagree.report.problem_formats import ReportOptions
from devagree.schedule import DeadlineRow
from devagree.workbook import Workbook

PROBLEM_REPORTERS: dict[str, Callable[[Workbook, ReportOptions], object]] = {
    "text": problem_formats.text,
    "json": problem_formats.json_report,
    "github": problem_formats.github,
    "junit": problem_formats.junit,
}

DEADLINE_REPORTERS: dict[
    str, Callable[[list[DeadlineRow], deadlines_formats.ListOptions], object]
] = {
    "table": deadlines_formats.table,
    "json": deadlines_formats.json_report,
    "csv": deadlines_formats.csv_report,
    "ics": deadlines_formats.ics,
    "github": deadlines_formats.github,
}

__all__ = ["DEADLINE_REPORTERS", "PROBLEM_REPORTERS", "ReportOptions"]
