"""PDF through LibreOffice headless, and PAdES signatures with pyHanko.

LibreOffice runs with a private user profile per conversion, so parallel runs (tests, CI)
never fight over one profile. The PDF is PDF/A-2b (``SelectPdfVersion=2``), the format public
archives take; devagree's identity stamp and PAdES signatures are added to it as incremental
updates (see ``devagree.pdf_identity``). Signing loads the PKCS#12 file once, before anything is
rendered, so a wrong password fails early with nothing written.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from devagree.errors import DevagreeError, ExitCode
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
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfError(_(SOFFICE_MISSING))
    return found


def docx_to_pdf(docx: Path, folder: Path, timeout: float = 300) -> Path:
    """Convert ``docx`` to ``folder/<stem>.pdf`` with LibreOffice headless."""
    soffice = find_soffice()
    with (
        tempfile.TemporaryDirectory(prefix="devagree-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="devagree-pdf-", dir=folder) as out,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            out,
            str(docx),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                _("LibreOffice did not convert {file} in {seconds} s").format(
                    file=docx.name, seconds=f"{timeout:.0f}"
                )
            ) from None
        produced = Path(out) / (docx.stem + ".pdf")
        if done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise PdfError(
                _("LibreOffice could not convert {file}").format(file=docx.name)
                + (f": {detail[-1]}" if detail else "")
            )
        target = folder / produced.name
        produced.replace(target)
    return target


def load_signer(certificate: Path, password: bytes) -> Any:
    """A pyHanko signer from a PKCS#12 file, or a clear error (wrong password, bad file)."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    if not certificate.is_file():
        raise PdfError(_("the certificate {path} does not exist").format(path=certificate))
    try:
        # Checked here first: pyHanko logs a traceback for a wrong password.
        pkcs12.load_key_and_certificates(certificate.read_bytes(), password)
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

    from devagree.editing import write_atomic

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
