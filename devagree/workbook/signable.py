"""One agreement file checked in its workbook before a signature is recorded on it.

Signing (``devagree.signatures``) sits below the pipeline and takes this as a parameter:
the commands that sign hand it down.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from devagree.core.errors import UsageError
from devagree.core.model import Agreement
from devagree.core.paths import display_path
from devagree.core.problems import listing
from devagree.core.settings import Settings
from devagree.i18n import _
from devagree.signatures.signing import SignRefused
from devagree.workbook.pipeline import check_workbook


def signable_agreement(path: Path, as_of: date) -> tuple[Agreement, Settings]:
    """The agreement in ``path`` as it is on disk now, and its workbook's settings; refused
    when the file has errors."""
    shown = display_path(path)
    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=shown))
    workbook = check_workbook([path], as_of=as_of)
    errors = [p for p in workbook.problems if p.severity.value == "error"]
    if errors:
        raise SignRefused(
            _("{path} has errors; fix them before signing (devagree check {path}):").format(
                path=shown
            )
            + "\n"
            + listing(errors)
        )
    if len(workbook.agreements) != 1:
        raise UsageError(_("{path} is not an agreement file (kind: agreement)").format(path=shown))
    return workbook.agreements[0], workbook.settings
