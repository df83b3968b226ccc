"""A small certificate authority made in the tests: a root, an intermediate, and signers.

Nothing comes from the network. Keys are RSA, as MitID Erhverv's are. Signers are PKCS#12
files, as a municipality's employee certificate would be exported, and sign the way a
signing service does: one incremental PAdES update per signer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.now(UTC).replace(microsecond=0)
PASSWORD = b"test"


@dataclass(frozen=True)
class Authority:
    name: x509.Name
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def _name(common: str, organisation: str = "Testkommune") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DK"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _build(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: Authority | None,
    ca: bool,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.name if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
    return builder.sign(signing_key, hashes.SHA256())


def authority(common: str, parent: Authority | None = None) -> Authority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common)
    cert = _build(name, key, parent, True, NOW - timedelta(days=365), NOW + timedelta(days=3650))
    return Authority(name, key, cert)


def signer(
    folder: Path,
    common: str,
    issuer: Authority,
    chain: tuple[Authority, ...] = (),
    expired: bool = False,
    file_name: str = "",
) -> Path:
    """A PKCS#12 file (password ``test``) for a signer certified by ``issuer``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if expired:
        start, end = NOW - timedelta(days=400), NOW - timedelta(days=30)
    else:
        start, end = NOW - timedelta(days=30), NOW + timedelta(days=365)
    cert = _build(_name(common), key, issuer, False, start, end)
    extra = [issuer.certificate, *(a.certificate for a in chain)]
    data = pkcs12.serialize_key_and_certificates(
        common.encode(), key, cert, extra, serialization.BestAvailableEncryption(PASSWORD)
    )
    path = folder / (file_name or f"{common.replace(' ', '-').lower()}.p12")
    path.write_bytes(data)
    return path


def pem(path: Path, *authorities: Authority) -> Path:
    path.write_bytes(
        b"".join(a.certificate.public_bytes(serialization.Encoding.PEM) for a in authorities)
    )
    return path


def sign_incrementally(source: Path, target: Path, p12: Path, field: str) -> None:
    """Add one PAdES signature as an incremental update, as a signing service does."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer_ = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PASSWORD)
    assert signer_ is not None
    with source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        meta = signers.PdfSignatureMetadata(
            field_name=field, subfilter=fields.SigSeedSubFilter.PADES
        )
        out = signers.sign_pdf(writer, meta, signer=signer_)
        data = out.getvalue()
    target.write_bytes(data)


def add_empty_field(source: Path, target: Path, field: str = "Underskrift") -> None:
    """A signature field nobody has signed (as a service leaves before signing)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    with source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        fields.append_signature_field(
            writer, fields.SigFieldSpec(field, on_page=0, box=(50, 50, 250, 100))
        )
        with target.open("wb") as out:
            writer.write(out)


def time_stamping_authority(common: str, issuer: Authority) -> Authority:
    """A certificate for a time-stamping authority (TSA), as a signing service's provider has."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30))
        .not_valid_after(NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(issuer.key, hashes.SHA256())
    )
    return Authority(name, key, certificate)


def timestamp_incrementally(source: Path, target: Path, tsa: Authority) -> None:
    """Add a document timestamp (PAdES B-LTA) as an incremental update, from a test TSA."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    der_key = tsa.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(
            tsa.certificate.public_bytes(serialization.Encoding.DER)
        ),
        tsa_key=keys.PrivateKeyInfo.load(der_key),
    )
    with source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        out = signers.PdfTimeStamper(stamper, field_name="Tidsstempel").timestamp_pdf(
            writer, "sha256"
        )
        target.write_bytes(out.getvalue())


def add_validation_data(source: Path, target: Path, *authorities: Authority) -> None:
    """Add validation data (a DSS with the certificates) as an unsigned incremental update."""
    import io

    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    out = io.BytesIO(source.read_bytes())
    DocumentSecurityStore.add_dss(
        out,
        None,
        certs=[
            asn1_x509.Certificate.load(a.certificate.public_bytes(serialization.Encoding.DER))
            for a in authorities
        ],
        force_write=True,
    )
    target.write_bytes(out.getvalue())
