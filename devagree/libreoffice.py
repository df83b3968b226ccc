"""LibreOffice headless: where it is, and the command that converts with a private profile.

Each conversion gets a user profile of its own in a temporary folder, so parallel runs
(tests, CI, several renders or imports at once) never fight over one profile.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path


def find_soffice() -> str | None:
    """The LibreOffice executable on the PATH, or None; callers say what it was needed for."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_command(
    soffice: str, profile: Path | str, convert_to: str, out: Path | str, files: Sequence[Path]
) -> list[str]:
    """LibreOffice converting ``files`` to ``convert_to`` in the folder ``out``."""
    return [
        soffice,
        f"-env:UserInstallation={Path(profile).as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_to,
        "--outdir",
        str(out),
        *(str(file) for file in files),
    ]
