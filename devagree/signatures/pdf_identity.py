"""What a rendered PDF says about the text it shows: the agreement's id and digests.

LibreOffice does not carry a Word file's custom properties into the PDF (measured with
LibreOffice 7.4: ``pdfinfo`` reports no custom metadata), so devagree adds them to the PDF's
document information dictionary itself, as one incremental update right after the export and
before anyone signs:

``/DevagreeId``
    the agreement's id;
``/DevagreeDigest``
    the digest of the agreed text (``sha256:...``, see ``devagree.signatures.digest``);
``/DevagreeRows``
    the digest of every part (compact JSON, ``{"item-2.goal": "sha256:...", ...}``).

The keys live in the information dictionary only: PDF/A-2 permits keys of one's own there,
while custom XMP properties would need an extension schema. They are a hint to the agreement
a PDF belongs to and mark the revision devagree made, never a proof of the text: anyone can
write them into any PDF. What proves the text is the words on the pages
(``devagree.signatures.shown_text``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ID_KEY = "/DevagreeId"
DIGEST_KEY = "/DevagreeDigest"
ROWS_KEY = "/DevagreeRows"


@dataclass(frozen=True, slots=True)
class PdfIdentity:
    """The text a PDF shows, as devagree wrote it into the PDF."""

    agreement_id: str
    digest: str
    rows: dict[str, str]


def fingerprint(digest: str) -> str:
    """The short form printed on the signature page: the first 16 hex digits in fours."""
    hexdigits = digest.removeprefix("sha256:")[:16]
    return " ".join(hexdigits[i : i + 4] for i in range(0, len(hexdigits), 4))


def stamp_pdf(pdf: Path, identity: PdfIdentity) -> None:
    """Write ``identity`` into the information dictionary of ``pdf`` (an incremental update)."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR

    from devagree.core.write_path import write_atomic

    with pdf.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        info_ref = writer.trailer_view.raw_get("/Info") if "/Info" in writer.trailer_view else None
        if isinstance(info_ref, generic.IndirectObject):
            info = info_ref.get_object()  # type: ignore[no-untyped-call]
        else:
            info = generic.DictionaryObject()  # type: ignore[no-untyped-call]
            info_ref = writer.set_info(info)
        info[generic.NameObject(ID_KEY)] = generic.TextStringObject(identity.agreement_id)
        info[generic.NameObject(DIGEST_KEY)] = generic.TextStringObject(identity.digest)
        info[generic.NameObject(ROWS_KEY)] = generic.TextStringObject(
            json.dumps(identity.rows, separators=(",", ":"), sort_keys=False)
        )
        # pyHanko writes its own name as the XMP producer; the same in the dictionary keeps
        # the two equal, as PDF/A requires (it would otherwise append it to LibreOffice's).
        info[generic.NameObject("/Producer")] = generic.TextStringObject(VENDOR)
        writer.mark_update(info_ref)
        out = io.BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]
    write_atomic(pdf, out.getvalue())


def read_identity(trailer: Any) -> PdfIdentity | None:
    """The identity in a trailer's information dictionary, or None when it has none."""
    try:
        info = trailer["/Info"]
    except KeyError:
        return None
    try:
        agreement_id = str(info[ID_KEY])
        digest = str(info[DIGEST_KEY])
    except KeyError:
        return None
    rows: dict[str, str] = {}
    try:
        parsed = json.loads(str(info[ROWS_KEY]))
    except (KeyError, ValueError):
        parsed = {}
    if isinstance(parsed, dict):
        rows = {str(k): str(v) for k, v in parsed.items()}
    return PdfIdentity(agreement_id, digest, rows)
