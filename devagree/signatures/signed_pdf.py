"""Reading a PDF that a signing service returned: who signed, and is it what devagree rendered.

A signing service (MitID Erhverv through Penneo, Visma Addo and the like) adds one PAdES
signature per signer to the PDF devagree rendered, each as an incremental update. This
module proves, with pyHanko, that

- every signature is intact and its signed bytes are the whole revision it signed;
- the first signer saw the pages of the revision devagree stamped
  (``devagree.signatures.pdf_identity``) unchanged, and after each signature nothing was added but
  signatures and their fields (pyHanko's modification analysis: form filling at most);
- every signer's certificate was valid when it signed, and, given trust roots, chains to
  one of them;

and returns the signers with the identity of the text each one signed. It never decides
whether that text is the agreement's: ``devagree.signatures.signing`` does.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from devagree.core.errors import DevagreeError, ExitCode, UsageError
from devagree.i18n import _
from devagree.signatures.pdf_identity import PdfIdentity, read_identity

LOCAL_ZONE = "Europe/Copenhagen"
"""Signing times are recorded as the date in Danish time."""


class PdfRefused(DevagreeError):
    """A signed PDF that does not prove what it should (the message says why, and only why)."""

    exit_code = ExitCode.PROBLEMS


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
    """The text the signed revision names (None when devagree did not render it)."""

    @property
    def day(self) -> date:
        return local_day(self.signed_at)


@dataclass(frozen=True, slots=True)
class SignedPdf:
    path: Path
    sha256: str
    """``sha256:`` + the SHA-256 of the whole file."""
    signers: tuple[PdfSigner, ...]


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

    if not path.is_file():
        raise UsageError(_("--trust {path}: no such file").format(path=path))
    data = path.read_bytes()
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


def read_signed_pdf(path: Path, roots: list[bytes] | None) -> SignedPdf:
    """The PDF's signers, after every check above; ``PdfRefused`` says which one failed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not path.is_file():
        raise UsageError(_("{path}: no such file").format(path=path))
    data = path.read_bytes()
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
    try:
        _check_updates(reader, path, min(s.signed_revision for s in regular))
        signers = tuple(_signer(reader, signature, path, roots) for signature in regular)
    except DevagreeError:
        raise
    except Exception:  # pyHanko, zlib and asn1crypto raise many types for damaged bytes
        raise PdfRefused(
            _(
                "{path} is damaged or was changed after signing (its revisions cannot be read)"
            ).format(path=path)
        ) from None
    return SignedPdf(path, "sha256:" + hashlib.sha256(data).hexdigest(), signers)


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


def _stamped_revision(reader: Any) -> int | None:
    """The first revision that carries devagree's identity stamp."""
    for revision in range(reader.xrefs.total_revisions):
        if read_identity(reader.get_historical_resolver(revision).trailer_view) is not None:
            return revision
    return None


def _check_updates(reader: Any, path: Path, first_signed: int) -> None:
    """The first signer saw the pages devagree rendered, unchanged.

    pyHanko's modification analysis covers what came after each signature; what lies between
    devagree's stamp and the first signature (the signing service's own fields and the first
    signature) is compared here page by page: contents, resources and page size.
    """
    stamped = _stamped_revision(reader)
    if stamped is None:
        raise PdfRefused(
            _(
                "{path} was not rendered by devagree (it names no agreement digest); "
                "sign the PDF that `devagree render --pdf` writes"
            ).format(path=path)
        )
    before = _page_hashes(reader.get_historical_resolver(stamped))
    after = _page_hashes(reader.get_historical_resolver(first_signed))
    if before != after:
        raise PdfRefused(
            _(
                "{path}: the pages were changed after devagree rendered them and before the "
                "first signature"
            ).format(path=path)
        )


_PAGE_KEYS = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _page_hashes(resolver: Any) -> list[str]:
    """A hash per page of what it shows (its content streams and the resources they use)."""
    from pyhanko.pdf_utils import generic

    pages: list[str] = []
    stack: list[Any] = [resolver.root["/Pages"]]
    while stack:
        node = stack.pop().get_object()
        if node.get("/Type") == "/Pages":
            stack.extend(reversed(list(node["/Kids"])))
            continue
        page = generic.DictionaryObject(  # type: ignore[no-untyped-call]
            {k: node.raw_get(k) for k in _PAGE_KEYS if k in node}
        )
        pages.append(_object_hash(page))
    return pages


def _object_hash(start: Any) -> str:
    """SHA-256 over an object graph, each indirect object visited once (no recursion)."""
    from pyhanko.pdf_utils import generic

    digest = hashlib.sha256()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [start]
    while stack:
        value = stack.pop()
        if isinstance(value, generic.IndirectObject):
            key = (value.idnum, value.generation)
            digest.update(f"R{key}".encode())
            if key in seen:
                continue
            seen.add(key)
            stack.append(value.get_object())  # type: ignore[no-untyped-call]
        elif isinstance(value, generic.StreamObject):
            digest.update(b"S" + hashlib.sha256(value.data).digest())
            stack.extend(value.raw_get(k) for k in sorted(value))
        elif isinstance(value, generic.DictionaryObject):
            digest.update(b"D")
            for k in sorted(value):
                if k == "/Parent":
                    continue
                digest.update(str(k).encode())
                stack.append(value.raw_get(k))
        elif isinstance(value, generic.ArrayObject):
            digest.update(f"A{len(value)}".encode())
            stack.extend(value.raw_get(i) for i in range(len(value)))
        else:
            digest.update(repr(value).encode())
    return digest.hexdigest()


def _signer(reader: Any, signature: Any, path: Path, roots: list[bytes] | None) -> PdfSigner:
    from cryptography import x509 as cx509
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    certificate = signature.signer_cert
    parsed = cx509.load_der_x509_certificate(certificate.dump())
    names = parsed.subject.get_attributes_for_oid(cx509.NameOID.COMMON_NAME)
    name = str(names[0].value) if names else parsed.subject.rfc4514_string()
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
    coverage_ok = status is not None and (
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.FORM_FILLING
            and bool(status.docmdp_ok)
        )
    )
    if status is None or not status.intact or not status.valid or not coverage_ok:
        raise PdfRefused(
            _(
                "{path} was changed after {name} signed it (the signature no longer matches "
                "the bytes it signed)"
            ).format(path=path, name=name)
        )
    if roots is not None and not status.trusted:
        raise PdfRefused(
            _(
                "the certificate of {name} (issued by {issuer}) does not chain to the trust "
                "roots given with --trust"
            ).format(name=name, issuer=parsed.issuer.rfc4514_string())
        )
    identity = read_identity(reader.get_historical_resolver(signature.signed_revision).trailer_view)
    return PdfSigner(
        field=field,
        name=name,
        issuer=parsed.issuer.rfc4514_string(),
        fingerprint="sha256:" + hashlib.sha256(certificate.dump()).hexdigest(),
        signed_at=signed_at,
        trusted=roots is not None and bool(status.trusted),
        identity=identity,
    )
