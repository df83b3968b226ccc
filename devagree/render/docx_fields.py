"""What python-docx has no API for: page-number fields, custom properties, document language.

Each function edits the document's XML the way Word itself writes it (see WORD-NOTES.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

CUSTOM_PROPS_PARTNAME = "/docProps/custom.xml"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: object) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = OxmlElement("w:t")
    shown.text = placeholder
    run_with(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def has_field(paragraphs: list[Paragraph], instruction: str) -> bool:
    """Whether a header/footer already shows the field (a letterhead may bring its own)."""
    from docx.oxml.ns import qn

    for paragraph in paragraphs:
        for node in paragraph._p.iter(qn("w:instrText"), qn("w:fldSimple")):
            code = node.text or node.get(qn("w:instr")) or ""
            if code.split() and code.split()[0].upper() == instruction:
                return True
    return False


def set_custom_properties(document: Document, values: dict[str, str]) -> None:
    """Write string custom properties, editing the template's part when it has one."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = _custom_xml(values)
    package = document.part.package
    for part in package.iter_parts():
        if part.partname == CUSTOM_PROPS_PARTNAME:
            part._blob = xml
            return
    part = Part(PackURI(CUSTOM_PROPS_PARTNAME), CUSTOM_PROPS_CT, xml, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _custom_xml(values: dict[str, str]) -> bytes:
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(values.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{props}</Properties>'
    ).encode()


def set_app_properties(document: Document, company: str) -> None:
    """Replace the template's application properties (python-docx's name a Mac Word 2013)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_APP_NS}"><Application>devagree</Application>'
        f"<Company>{escape(company)}</Company></Properties>"
    ).encode()
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = xml


def set_language(document: Document, tag: str) -> None:
    """The document's language in the styles' docDefaults (edited, never duplicated)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    document.core_properties.language = tag


def drop_thumbnail(document: Document) -> None:
    """python-docx's template carries a thumbnail of an unrelated page: remove it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


CORE_LIMIT = 255
"""The longest text a core property holds (python-docx refuses more, Word shows less)."""


def clip(text: str) -> str:
    """``text`` cut to a core property's limit, with an ellipsis that shows it was cut.

    A report on hundreds of agreements lists all their titles in its subject and keywords.
    """
    return text if len(text) <= CORE_LIMIT else text[: CORE_LIMIT - 1] + "\u2026"


@dataclass(frozen=True, slots=True)
class DocumentProperties:
    """What a rendered document says about itself, in Word's File > Info."""

    title: str
    subject: str
    author: str
    keywords: str
    category: str
    identifier: str
    day: date
    """Created, modified and printed: a date of the document, never the clock."""
    language: str
    custom: dict[str, str]
    content_status: str = ""


def set_properties(document: Document, properties: DocumentProperties) -> None:
    """Every core, app and custom property, so nothing of python-docx's template is left."""
    stamp = datetime(properties.day.year, properties.day.month, properties.day.day)
    core = document.core_properties
    core.title = clip(properties.title)
    core.subject = clip(properties.subject)
    core.author = clip(properties.author)
    core.last_modified_by = clip(properties.author)
    core.comments = ""
    core.keywords = clip(properties.keywords)
    core.category = clip(properties.category)
    core.content_status = clip(properties.content_status)
    core.identifier = clip(properties.identifier)
    core.created = stamp
    core.modified = stamp
    core.last_printed = stamp
    core.revision = 1
    core.version = ""
    set_language(document, properties.language)
    set_custom_properties(document, properties.custom)
    set_app_properties(document, properties.author)
