"""devagree: development agreements (udviklingsaftaler) as checked YAML.

The public API: read and check a workbook, list its deadlines, read one deadline expression.
"""

from devagree.deadlines import Deadline, DeadlineError, Precision, parse_deadline
from devagree.problems import Problem, Severity
from devagree.schedule import DeadlineRow, deadline_rows
from devagree.workbook import Workbook, check_workbook

__version__ = "0.1.0"

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
