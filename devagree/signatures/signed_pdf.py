"""Reading a PDF that a signing service returned: who signed, and is it what devagree rendered.

A signing service (MitID Erhverv through Penneo, Visma Addo and the like) adds one PAdES
signature per signer to the PDF devagree rendered, each as an incremental update. This
module proves, with pyHanko, that

- every signature is intact and its signed bytes are the whole revision it signed;
- every signature covers the file to its end, apart from what PAdES allows after it, and
  the pages carry no annotation over the text (``devagree.signatures.pdf_updates``);
- every signer's certificate was valid when it signed, and, given trust roots, chains to
  one of them;

and returns the signers with the revision each one signed. It never decides whether the
pages show the agreement's text: ``devagree.signatures.from_pdf`` compares their words.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from devagree.core.errors import DevagreeError, UsageError
from devagree.core.files import read_regular
from devagree.core.printable import printable
from devagree.i18n import _
from devagree.signatures.pdf_identity import PdfIdentity, read_identity
from devagree.signatures.pdf_updates import (
    PdfRefused,
    after_signing,
    check_annotations,
    check_before_first,
    check_file_end,
    covers_to_the_end,
)

__all__ = ["PdfRefused", "PdfSigner", "SignedPdf", "load_roots", "read_signed_pdf"]

LOCAL_ZONE = "Europe/Copenhagen"
"""Signing times are recorded as the date in Danish time."""


@dataclass(frozen=True, slots=True)
class PdfSigner:
    """One signature of the PDF, in the model's terms."""

    field: str
    name: str
    """The certificate subject's common name (CN)."""
    issuer: str
    """The issuing authority, as an RFC 4514 name (``CN=...,O=...,C=DK``)."""
    fingerprint: str
    """``sha256:`` + the SHA-256 of the certificate (DER)."""
    signed_at: datetime
    trusted: bool
    """Whether the certificate chains to the trust roots given (False when none were)."""
    identity: PdfIdentity | None
    """What the signed revision's document information names (None when it names nothing):
    a hint to the agreement, never a proof of the text."""
    revision_end: int
    """Where the revision this signer signed ends in the file: its bytes are the file's
    bytes up to here."""

    @property
    def day(self) -> date:
        return local_day(self.signed_at)


@dataclass(frozen=True, slots=True)
class SignedPdf:
    path: Path
    sha256: str
    """``sha256:`` + the SHA-256 of the whole file."""
    signers: tuple[PdfSigner, ...]
    data: bytes = field(repr=False)
    """The file's bytes, as they were checked."""

    def revision(self, signer: PdfSigner) -> bytes:
        """The bytes of the revision ``signer`` signed: the file as it was then."""
        return self.data[: signer.revision_end]


def local_day(moment: datetime) -> date:
    """The date of ``moment`` in Danish time (UTC when no time zone data is installed)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return moment.astimezone(ZoneInfo(LOCAL_ZONE)).date()
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata missing
        return moment.date()


def load_roots(path: Path) -> list[bytes]:
    """The certificates (DER) of a PEM or DER file of trust roots, or a clear refusal."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    data = _read(path, "--trust ")
    try:
        if b"-----BEGIN" in data:
            found = x509.load_pem_x509_certificates(data)
        else:
            found = [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise UsageError(
            _("--trust {path}: not a file of certificates (PEM or DER)").format(path=path)
        ) from None
    return [certificate.public_bytes(Encoding.DER) for certificate in found]


def _read(path: Path, option: str = "") -> bytes:
    """The bytes of a file named on the command line, or a refusal saying what it is."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise UsageError(_("{path}: no such file").format(path=f"{option}{path}")) from None
    except OSError as err:
        raise UsageError(f"{option}{path}: {err.strerror or err}") from None


def read_signed_pdf(path: Path, roots: list[bytes] | None) -> SignedPdf:
    """The PDF's signers, after every check above; ``PdfRefused`` says which one failed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = _read(path)
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    import io

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:  # any reader error means "cannot read"
        raise UsageError(_("{path}: not a PDF file that can be read").format(path=path)) from None
    regular = [s for s in signatures if s.sig_object_type == "/Sig"]
    if not regular:
        raise PdfRefused(_no_signature(reader, path))
    stamps = [s for s in signatures if s.sig_object_type == "/DocTimeStamp"]
    checked = [*regular, *stamps]  # a signature dictionary of another type covers nothing
    try:
        check_before_first(reader, path, min(s.signed_revision for s in regular))
        signers = tuple(
            _signer(reader, signature, path, roots, _later_fields(signature, checked))
            for signature in regular
        )
        for stamp in stamps:
            _check_timestamp(stamp, path, _later_fields(stamp, checked))
        check_file_end(reader, data, path, max(s.signed_revision for s in checked))
        for revision in sorted({s.signed_revision for s in regular}):
            check_annotations(reader, revision, path)
    except DevagreeError:
        raise
    except Exception:  # pyHanko, zlib and asn1crypto raise many types for damaged bytes
        raise PdfRefused(
            _(
                "{path} is damaged or was changed after signing (its revisions cannot be read)"
            ).format(path=path)
        ) from None
    return SignedPdf(path, "sha256:" + hashlib.sha256(data).hexdigest(), signers, data)


def _later_fields(signature: Any, signatures: list[Any]) -> set[str]:
    """The fields of the signatures and timestamps added after ``signature``."""
    return {
        str(other.field_name)
        for other in signatures
        if other.signed_revision > signature.signed_revision
    }


def _check_timestamp(stamp: Any, path: Path, later_fields: set[str]) -> None:
    """A document timestamp covers its revision intact, and only signatures follow it."""
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    try:
        status = validate_pdf_timestamp(stamp, ValidationContext(allow_fetching=False))
    except Exception:
        status = None
    if status is None or not status.intact or not covers_to_the_end(status, later_fields):
        raise PdfRefused(
            _(
                "{path} was changed after its document timestamp ({field}) was added (the "
                "timestamp no longer matches the bytes it covers)"
            ).format(path=path, field=stamp.field_name)
        )


def _no_signature(reader: Any, path: Path) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        empty = [name for name, _value, _ref in enumerate_sig_fields(reader, filled_status=False)]
    except Exception:
        empty = []
    if empty:
        return _("{path} has a signature field ({fields}) but nobody has signed it").format(
            path=path, fields=", ".join(empty)
        )
    return _("{path} holds no signature").format(path=path)


def _signer(
    reader: Any, signature: Any, path: Path, roots: list[bytes] | None, later_fields: set[str]
) -> PdfSigner:
    from cryptography import x509 as cx509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    certificate = signature.signer_cert
    parsed = cx509.load_der_x509_certificate(certificate.dump())
    names = parsed.subject.get_attributes_for_oid(cx509.NameOID.COMMON_NAME)
    # A certificate's names come from outside: a line break or an escape character in them
    # is kept visible (printable), never passed on to messages, files and documents.
    name = printable(str(names[0].value) if names else parsed.subject.rfc4514_string(), 200)
    issuer = printable(parsed.issuer.rfc4514_string(), 400)
    signed_at = signature.self_reported_timestamp
    field = str(signature.field_name)
    if signed_at is None:
        raise PdfRefused(
            _("the signature of {name} in {path} has no signing time").format(name=name, path=path)
        )
    if not parsed.not_valid_before_utc <= signed_at <= parsed.not_valid_after_utc:
        raise PdfRefused(
            _(
                "the certificate of {name} was not valid when it signed ({signed}; valid from "
                "{start} to {end})"
            ).format(
                name=name,
                signed=signed_at.date().isoformat(),
                start=parsed.not_valid_before_utc.date().isoformat(),
                end=parsed.not_valid_after_utc.date().isoformat(),
            )
        )
    from asn1crypto import x509 as asn1_x509

    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(der) for der in roots or []],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=signed_at,
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception:
        status = None
    if status is None or not status.intact or not status.valid:
        raise PdfRefused(
            _(
                "{path} was changed after {name} signed it (the signature no longer matches "
                "the bytes it signed)"
            ).format(path=path, name=name)
        )
    if not covers_to_the_end(status, later_fields):
        raise PdfRefused(after_signing(status, later_fields, path, name))
    if roots is not None and not status.trusted:
        raise PdfRefused(
            _(
                "the certificate of {name} (issued by {issuer}) does not chain to the trust "
                "roots given with --trust"
            ).format(name=name, issuer=issuer)
        )
    revision = reader.get_historical_resolver(signature.signed_revision)
    _start, _length, after, rest = (int(value) for value in signature.byte_range)
    return PdfSigner(
        field=field,
        name=name,
        issuer=issuer,
        fingerprint="sha256:" + hashlib.sha256(certificate.dump()).hexdigest(),
        signed_at=signed_at,
        trusted=roots is not None and bool(status.trusted),
        identity=read_identity(revision.trailer_view),
        revision_end=after + rest,
    )
