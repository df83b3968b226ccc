"""What a file must be before the importer opens it: a Word document or a PDF, whole,
unencrypted, and not a zip that would expand to gigabytes nor a PDF beyond the limits.

Checked on the bytes alone, before python-docx or LibreOffice sees the file. A macro-enabled
`.docm` is read without its macros: only the document's XML is parsed, and no program in it
ever runs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.files import NotRegularFile, read_regular
from devagree.i18n import _
from devagree.office_files import OLE_MAGIC, unpacks_too_far

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 100 * 1024 * 1024
"""Largest PDF read (an agreement with pictures is a few MB; a scanned report 50 MB)."""
MAX_TOTAL = 200 * 1024 * 1024
"""Largest total uncompressed size of a .docx's parts (a 300-page report is about 20 MB)."""
MAX_RATIO = 200
"""Largest compression ratio of a part worth reading; XML compresses about 10:1."""
MAX_MEMBERS = 5000

WORD_ZIP = (".docx", ".docm", ".dotx", ".dotm")
CONVERTED = (".doc", ".odt", ".rtf", ".dot")


class ImportFailure(DevagreeError):
    """A file that cannot be imported, and why (exit code 2: unreadable input)."""

    exit_code = ExitCode.USAGE


def kind_of(path: Path) -> str:
    """ "docx" for a Word zip to read directly, "convert" for a file LibreOffice converts.

    Raises ImportFailure with a message naming the file for anything else.
    """
    name = str(path)
    try:
        head = read_regular(path, 8)
    except FileNotFoundError:
        raise ImportFailure(_("{file}: no such file").format(file=name)) from None
    except IsADirectoryError:
        raise ImportFailure(_("{file}: is a folder").format(file=name)) from None
    except NotRegularFile as err:
        raise ImportFailure(f"{name}: {err.what}") from None
    except OSError as err:
        raise ImportFailure(
            _("{file}: cannot be read ({reason})").format(file=name, reason=err.strerror)
        ) from None
    suffix = path.suffix.lower()
    if head.startswith(PDF_MAGIC) or (suffix == ".pdf" and PDF_MAGIC in _first_kb(path)):
        check_pdf(path)
        return "pdf"
    if suffix == ".pdf":
        if not head:
            raise ImportFailure(_("{file}: the file is empty").format(file=name))
        raise ImportFailure(_("{file}: not a PDF (it does not begin as one)").format(file=name))
    if head.startswith(OLE_MAGIC):
        if _encrypted_ole(path):
            raise ImportFailure(
                _(
                    "{file}: the document is protected by a password; open it in Word, remove "
                    "the password (File > Info > Protect Document) and import it again"
                ).format(file=name)
            )
        if suffix in (".doc", ".dot"):
            return "convert"
        raise ImportFailure(_("{file}: not a Word document").format(file=name))
    if head.startswith(ZIP_MAGIC):
        check_zip(path)
        if suffix in (".odt", ".ott"):
            return "convert"
        return "docx"
    if head.startswith(b"{\\rtf"):
        return "convert"
    if suffix in (*WORD_ZIP, *CONVERTED) or not head:
        if not head:
            raise ImportFailure(_("{file}: the file is empty").format(file=name))
        raise ImportFailure(_("{file}: the file is damaged or not a Word file").format(file=name))
    raise ImportFailure(
        _("{file}: not a Word document or a PDF (.docx, .doc, .odt, .rtf or .pdf)").format(
            file=name
        )
    )


def _first_kb(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(1024)


def check_pdf(path: Path) -> None:
    """Refuse a PDF that is too large or cut short, before pdfminer parses it."""
    name = str(path)
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ImportFailure(
            _("{file}: the PDF is {size} MB; at most {limit} MB are read").format(
                file=name, size=size >> 20, limit=MAX_PDF_BYTES >> 20
            )
        )
    with path.open("rb") as handle:
        handle.seek(max(size - 2048, 0))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise ImportFailure(
            _("{file}: the PDF is cut short (it does not end as a PDF does)").format(file=name)
        )


def _encrypted_ole(path: Path) -> bool:
    """An OLE container holding an encrypted Office document (a password-protected .docx
    is stored this way), or a .doc whose header says it is encrypted."""
    data = read_regular(path)
    if "EncryptionInfo".encode("utf-16-le") in data or b"E\x00n\x00c\x00r\x00y\x00p" in data:
        return True
    word_marker = b"\xec\xa5"  # the FIB of a Word 97-2003 document
    position = data.find(word_marker, 512)
    if position >= 0 and position + 12 <= len(data):
        flags = int.from_bytes(data[position + 10 : position + 12], "little")
        return bool(flags & 0x0100)  # fEncrypted
    return False


def check_zip(path: Path) -> None:
    """Refuse a zip that is damaged or would expand beyond reason, before opening it."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ImportFailure(
                    _(
                        "{file}: the document holds {count} parts; that is not a Word document"
                    ).format(file=name, count=len(members))
                )
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members)
            if unpacks_too_far(members, MAX_TOTAL, MAX_RATIO):
                raise ImportFailure(
                    _(
                        "{file}: the document would expand to {size} MB from {packed} MB; "
                        "refused as a possible zip bomb"
                    ).format(file=name, size=total // (1 << 20), packed=max(packed >> 20, 1))
                )
            names = {m.filename for m in members}
            if path.suffix.lower() in (".odt", ".ott"):
                return
            if "word/document.xml" not in names:
                raise ImportFailure(
                    _("{file}: a zip file, but not a Word document (no word/document.xml)").format(
                        file=name
                    )
                )
            bad = archive.testzip()
            if bad is not None:
                raise ImportFailure(
                    _("{file}: the document is damaged ({part})").format(file=name, part=bad)
                )
    except zipfile.BadZipFile as err:
        raise ImportFailure(
            _("{file}: the document is damaged or cut short ({reason})").format(
                file=name, reason=err
            )
        ) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as err:
        raise ImportFailure(
            _("{file}: the document is damaged or cut short ({reason})").format(
                file=name, reason=err
            )
        ) from None
