"""PDF through LibreOffice headless, and PAdES signatures with pyHanko.

LibreOffice runs with a private user profile per conversion, so parallel runs (tests, CI)
never fight over one profile. The PDF is PDF/A-2b (``SelectPdfVersion=2``), the format public
archives take; devagree's identity stamp and PAdES signatures are added to it as incremental
updates (see ``devagree.signatures.pdf_identity``). Signing loads the PKCS#12 file once,
before anything is rendered, so a wrong password fails early with nothing written.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from devagree import libreoffice
from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.files import read_regular
from devagree.core.write_path import move_into_place
from devagree.i18n import N_, _


class PdfError(DevagreeError):
    exit_code = ExitCode.PROBLEMS


SOFFICE_MISSING = N_(
    "--pdf needs LibreOffice, and `soffice` is not on the PATH; install it "
    "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or leave out --pdf"
)


PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b: LibreOffice 7.4 and newer read export options as JSON after the filter name."""


def find_soffice() -> str:
    """The LibreOffice executable, or a clear error."""
    found = libreoffice.find_soffice()
    if found is None:
        raise PdfError(_(SOFFICE_MISSING))
    return found


BATCH_FILES = 200
"""Files one LibreOffice process converts at most (its memory grows with the documents)."""


def docx_to_pdfs(
    files: Sequence[Path],
    converted: Callable[[], None] | None = None,
    timeout_per_file: float = 60,
) -> dict[Path, Path | PdfError]:
    """Convert each .docx to a PDF beside it, with one LibreOffice process per batch.

    LibreOffice takes seconds to start and a fraction of that to convert a document, so a
    batch is converted by one process (per folder, up to ``BATCH_FILES`` files).
    ``converted()`` is called as LibreOffice reports each file done. Returns each file's
    PDF, or the PdfError that says why it has none; the others are converted all the same.
    """
    soffice = find_soffice()
    results: dict[Path, Path | PdfError] = {}
    folders: dict[Path, list[Path]] = {}
    for file in files:
        folders.setdefault(file.parent, []).append(file)
    for folder, group in folders.items():
        for start in range(0, len(group), BATCH_FILES):
            batch = group[start : start + BATCH_FILES]
            results.update(_convert_batch(soffice, folder, batch, converted, timeout_per_file))
    return results


def _convert_batch(
    soffice: str,
    folder: Path,
    batch: Sequence[Path],
    converted: Callable[[], None] | None,
    timeout_per_file: float,
) -> dict[Path, Path | PdfError]:
    timeout = 120 + timeout_per_file * len(batch)
    results: dict[Path, Path | PdfError] = {}
    with (
        tempfile.TemporaryDirectory(prefix="devagree-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="devagree-pdf-", dir=folder) as out,
    ):
        process = subprocess.Popen(
            libreoffice.convert_command(soffice, profile, PDF_FILTER, out, batch),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            process.kill()

        watchdog = threading.Timer(timeout, expire)
        watchdog.start()
        said: list[str] = []
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("convert ") and converted is not None:
                    converted()
                elif line.strip():
                    said.append(line.strip())
            process.wait()
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
        for docx in batch:
            produced = Path(out) / (docx.stem + ".pdf")
            if produced.is_file():
                target = folder / produced.name
                move_into_place(produced, target)
                results[docx] = target
            elif expired.is_set():
                results[docx] = PdfError(
                    _("LibreOffice did not convert {name} in {seconds} s").format(
                        name=docx.name, seconds=f"{timeout:.0f}"
                    )
                )
            elif said:
                results[docx] = PdfError(
                    _("LibreOffice could not convert {name}: {detail}").format(
                        name=docx.name, detail=said[-1]
                    )
                )
            else:
                results[docx] = PdfError(
                    _("LibreOffice could not convert {name}").format(name=docx.name)
                )
    return results


def load_signer(certificate: Path, password: bytes) -> Any:
    """A pyHanko signer from a PKCS#12 file, or a clear error (wrong password, bad file)."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    try:
        data = read_regular(certificate)
    except FileNotFoundError:
        raise PdfError(
            _("the certificate {path} does not exist").format(path=certificate)
        ) from None
    except OSError as err:
        raise PdfError(f"{certificate}: {err.strerror or err}") from None
    try:
        # Checked here first: pyHanko logs a traceback for a wrong password.
        pkcs12.load_key_and_certificates(data, password)
    except (ValueError, TypeError):
        raise PdfError(
            _(
                "cannot open the certificate {path}: wrong password or not a "
                "PKCS#12 (.p12/.pfx) file; nothing was written"
            ).format(path=certificate)
        ) from None
    try:
        signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
            str(certificate), passphrase=password
        )
    except Exception as err:  # cryptography raises ValueError for a wrong password
        raise PdfError(
            _(
                "cannot open the certificate {path}: wrong password or not a "
                "PKCS#12 (.p12/.pfx) file ({reason})"
            ).format(path=certificate, reason=type(err).__name__)
        ) from None
    if signer is None:
        raise PdfError(
            _(
                "cannot open the certificate {path}: wrong password or not a "
                "PKCS#12 (.p12/.pfx) file"
            ).format(path=certificate)
        )
    return signer


def sign_pdf(pdf: Path, signer: Any, reason: str = "") -> None:
    """Sign ``pdf`` in place (PAdES baseline), writing through a temporary file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from devagree.core.write_path import write_atomic

    with pdf.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        meta = signers.PdfSignatureMetadata(
            field_name="Signature1",
            reason=reason or None,
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        signed = signers.sign_pdf(writer, meta, signer=signer)
        data = signed.getvalue()
    write_atomic(pdf, data)
