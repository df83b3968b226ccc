"""Legacy formats (.doc, .odt, .rtf) to .docx through LibreOffice headless.

Each conversion runs in a temporary folder with a private LibreOffice profile (see
``devagree.libreoffice``); the converted file is read from that folder and removed.
Macros never run: LibreOffice's headless conversion does not execute document macros.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from devagree.i18n import _
from devagree.importing.safety import ImportFailure, check_zip
from devagree.libreoffice import convert_command, find_soffice


def to_docx(path: Path, timeout: float = 120) -> bytes:
    """The bytes of ``path`` converted to .docx."""
    soffice = find_soffice()
    if soffice is None:
        raise ImportFailure(
            _(
                "{file}: reading {suffix} files needs LibreOffice, and `soffice` is not on the "
                "PATH; install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or "
                "save the document as .docx in Word"
            ).format(file=path, suffix=path.suffix.lower())
        )
    with tempfile.TemporaryDirectory(prefix="devagree-import-") as work:
        folder = Path(work)
        source = folder / ("source" + path.suffix.lower())
        shutil.copyfile(path, source)
        command = convert_command(
            soffice, folder / "profile", "docx:MS Word 2007 XML", folder / "out", [source]
        )
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise ImportFailure(
                _("{file}: LibreOffice did not convert it in {seconds} s").format(
                    file=path, seconds=int(timeout)
                )
            ) from None
        produced = folder / "out" / "source.docx"
        if done.returncode != 0 or not produced.is_file():
            raise ImportFailure(
                _("{file}: LibreOffice could not read the document").format(file=path)
            )
        check_zip(produced)
        return produced.read_bytes()
