"""`devagree import`: existing Word and PDF agreements into the model's terms.

The reader never writes YAML itself: it returns the agreement's plain data (the shape the
loader gives), which the one YAML writer (`drafting.document_text`) turns into a devagree
file, and `editing.create_file` writes. What the document does not say becomes a `TODO`
placeholder that `check` reports (DA209); what fits no field goes to `unplaced`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from devagree.core.files import read_regular
from devagree.i18n import _, in_language
from devagree.importing.collected import Source
from devagree.importing.safety import ImportFailure, kind_of
from devagree.importing.wordread import Block, Para

__all__ = ["ImportFailure", "Imported", "Source", "digest_of_file", "import_document", "slug_for"]


@dataclass(slots=True)
class Imported:
    """One document read: the agreement's data, what fits nowhere, and notes for the user."""

    source: Path
    data: dict[str, Any]
    unplaced: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    """Where each item's title and fields were read, for `import --explain`."""
    sha256: str = ""


MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_MAINS = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def without_macros(data: bytes) -> bytes:
    """The package with its macro project removed and the document typed as plain .docx.

    Only XML is ever read from it; the macros are dropped unread, never run.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            name = member.filename
            if re.search(r"vba(Project\.bin|Data\.xml)$", name, re.IGNORECASE):
                continue
            content = source.read(member)
            if name == "[Content_Types].xml":
                text = content.decode("utf-8")
                for main in (MACRO_MAIN, *TEMPLATE_MAINS):
                    text = text.replace(main, DOCX_MAIN)
                content = text.encode("utf-8")
            elif name.endswith(".rels"):
                text = content.decode("utf-8")
                text = re.sub(r"<Relationship [^>]*vba[^>]*/>", "", text, flags=re.IGNORECASE)
                content = text.encode("utf-8")
            target.writestr(member, content)
    return out.getvalue()


def _open(path: Path, kind: str) -> tuple[Any, bool]:
    """The python-docx document, and whether it had macros (left out unread)."""
    from docx import Document

    if kind == "convert":
        from devagree.importing.convert import to_docx

        data, converted = to_docx(path), True
    else:
        data, converted = read_regular(path), False
    had_macros = b"vbaProject" in data or MACRO_MAIN.encode() in data
    data = without_macros(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx raises many types, naming its own objects
        raise ImportFailure(
            _("{file}: the document cannot be read (it is damaged, or not a Word document)").format(
                file=path
            )
        ) from None
    return document, had_macros and not converted


def _read(path: Path) -> tuple[list[Block], dict[str, str], bool]:
    """The document's blocks, its properties, and whether macros were left out."""
    kind = kind_of(path)
    if kind == "pdf":
        from devagree.importing.pdfblocks import pdf_blocks
        from devagree.importing.pdfcontents import without_contents
        from devagree.importing.pdfread import read_pages

        pages = without_contents(read_pages(path))
        properties = _pdf_properties(pages.info)
        blocks, printed = _without_fingerprint(
            pdf_blocks(pages), properties.get("devagree.digest", "")
        )
        if printed:  # devagree rendered it, and printed its fingerprint
            properties.setdefault("devagree.period-line", "unstated")
        return blocks, properties, False
    from devagree.importing.wordread import read_blocks

    document, had_macros = _open(path, kind)
    properties = _custom_properties(document)
    blocks, _printed = _without_fingerprint(
        read_blocks(document), properties.get("devagree.digest", "")
    )
    properties["category"] = document.core_properties.category or ""
    return blocks, properties, had_macros


def _pdf_properties(info: dict[str, str]) -> dict[str, str]:
    """What a PDF devagree rendered says of its agreement in its document information (see
    ``devagree.signatures.pdf_identity``), under the names of the Word file's properties."""
    import json

    properties = {
        key: info[name]
        for key, name in (("devagree.id", "DevagreeId"), ("devagree.digest", "DevagreeDigest"))
        if name in info
    }
    try:
        rows = json.loads(info.get("DevagreeRows", "{}"))
    except ValueError:
        rows = {}
    if isinstance(rows, dict) and isinstance(rows.get("agreement.purpose"), str):
        properties["devagree.purpose-digest"] = rows["agreement.purpose"]
    if properties:
        properties["devagree.period-line"] = "unstated"  # (a Word file says "added")
    return properties


def _custom_properties(document: Any) -> dict[str, str]:
    """The document's custom properties (devagree writes its id and digest there)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    found: dict[str, str] = {}
    for rel in document.part.package.rels.values():
        if rel.reltype != RT.CUSTOM_PROPERTIES or rel.is_external:
            continue
        from lxml import etree  # type: ignore[import-untyped]

        root = etree.fromstring(rel.target_part.blob)
        for prop in root:
            name = prop.get("name")
            if name and len(prop):
                found[name] = prop[0].text or ""
    return found


def import_document(
    path: Path,
    labels: Mapping[str, str] | None = None,
    municipality: str = "",
    language: str = "da",
    year: int | None = None,
) -> Imported:
    """Read one Word document or PDF into an agreement's data (without ``id``).

    Raises ImportFailure for a file that is not a readable Word document or PDF.
    """
    from devagree.importing.assemble import assemble
    from devagree.importing.labels import Labels

    blocks, properties, had_macros = _read(path)
    with in_language(language):  # its placeholders are written in the workbook's words
        reading = assemble(blocks, Labels.build(labels), municipality, language, properties)
    notes = list(reading.notes)
    if had_macros:
        notes.insert(0, _("the document's macros were left out unread; none was run"))
    if reading.data.get("period") is None and year is not None:
        reading.data["period"] = (date(year, 1, 1), date(year, 12, 31))
        notes.append(
            _(
                "the document gives no period; the calendar year {year} given with --year is used"
            ).format(year=year)
        )
    if reading.data.get("period") is None:
        raise ImportFailure(
            _(
                "{file}: the document names no period and no year; add the period "
                '(e.g. "Aftalen er gældende for d. 1. januar 2027 til d. 31. december 2027") '
                "and import it again, or give the year with --year"
            ).format(file=path)
        )
    start, end = reading.data["period"]
    reading.data["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    return Imported(
        path, reading.data, reading.unplaced, notes, reading.sources, digest_of_file(path)
    )


def digest_of_file(path: Path) -> str:
    """The SHA-256 of the file's bytes, in hex: what `imported_from` records."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def slug_for(data: Mapping[str, Any]) -> str:
    """An id from the organisation (or title) and the year: "center-for-sundhed-2027"."""
    from devagree.checks.placeholders import MARKER
    from devagree.drafting.names import agreement_id, slug

    year = str(data["period"]["start"])[:4]
    organisation = str(data.get("organisation", ""))
    base = organisation if not MARKER.search(organisation) else str(data.get("title", ""))
    if MARKER.search(base) or not slug(base):
        return f"udviklingsaftale-{year}"
    return agreement_id(base, year)


_FINGERPRINT = re.compile(r"^(?P<label>[^:]{1,60}): (?:[0-9a-f]{4} ){3}[0-9a-f]{4}$")


def _without_fingerprint(blocks: list[Block], agreed: str = "") -> tuple[list[Block], bool]:
    """The blocks less the fingerprint line devagree prints above the signatures, and
    whether there was one.

    It is the rendered text's own digest, not agreed text: "Tekstens fingeraftryk: 7d3a
    69bc edbf 5a00" in either language devagree writes, or any line that ends with the
    fingerprint of ``agreed`` (the digest the document's properties record).
    """
    from devagree.i18n import LANGUAGES, gettext_in
    from devagree.signatures.pdf_identity import fingerprint

    labels = {gettext_in(language, "Digest of the text") for language in LANGUAGES}
    mark = ": " + fingerprint(agreed) if agreed else None

    def furniture(block: Block) -> bool:
        if not isinstance(block, Para):
            return False
        text = " ".join(block.text.split())
        found = _FINGERPRINT.match(text)
        return (found is not None and found.group("label") in labels) or bool(
            mark and text.endswith(mark)
        )

    kept = [block for block in blocks if not furniture(block)]
    return kept, len(kept) < len(blocks)
