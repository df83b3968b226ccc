"""devagree: development agreements (udviklingsaftaler) as checked YAML.

The public API: read and check a workbook, list its deadlines, read one deadline expression.
Names are imported on first use, so that `import devagree` (and `devagree --help`) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from devagree.version import __version__

_API = {
    "Deadline": "devagree.deadlines.deadline",
    "DeadlineError": "devagree.deadlines.deadline",
    "Precision": "devagree.deadlines.deadline",
    "parse_deadline": "devagree.deadlines.deadline",
    "Problem": "devagree.core.problems",
    "Severity": "devagree.core.problems",
    "DeadlineRow": "devagree.followup.schedule",
    "deadline_rows": "devagree.followup.schedule",
    "Workbook": "devagree.workbook.pipeline",
    "check_workbook": "devagree.workbook.pipeline",
}

__all__ = [
    "Deadline",
    "DeadlineError",
    "DeadlineRow",
    "Precision",
    "Problem",
    "Severity",
    "Workbook",
    "__version__",
    "check_workbook",
    "deadline_rows",
    "parse_deadline",
]

if TYPE_CHECKING:
    from devagree.core.problems import Problem, Severity
    from devagree.deadlines.deadline import Deadline, DeadlineError, Precision, parse_deadline
    from devagree.followup.schedule import DeadlineRow, deadline_rows
    from devagree.workbook.pipeline import Workbook, check_workbook


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'devagree' has no attribute {name!r}")
