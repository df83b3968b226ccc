"""The words of the Word document devagree renders from an agreement, for proving a PDF.

A signed PDF is held against what devagree renders from the agreement now
(``signatures.shown_text``). The agreement is rendered as for ``devagree render``
(python-docx only, no LibreOffice), and its words are read back in reading order: the body
paragraph by paragraph, a table row by row and cell by cell, each word with the part of the
agreement it shows (``build_docx`` records them). The page headers and footers are read with
their page-number fields as placeholders, and the signature block once for each number of
signatures the agreement has had recorded, because a PDF shows those recorded when it was
made.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from devagree.core.model import Agreement
from devagree.core.settings import Settings
from devagree.render.docx import BuiltDocx, RenderOptions, build_docx, draft_word
from devagree.signatures.shown_text import (
    FINGERPRINT,
    PAGE_COUNT,
    PAGE_NUMBER,
    SIGNATURES,
    ShownText,
    ShownWord,
)

if TYPE_CHECKING:
    from docx.document import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIST_STYLES = ("List Bullet", "List Bullet 2", "List Number")


def shown_in_workbook(agreement: Agreement, settings: Settings) -> ShownText:
    """``shown_text`` with the workbook's language and Word template, as ``render`` uses them."""
    template = (settings.root / settings.template).resolve() if settings.template else None
    return shown_text(agreement, RenderOptions(language=settings.language, template=template))


def shown_text(agreement: Agreement, options: RenderOptions) -> ShownText:
    """The words devagree renders from ``agreement``, as a signed PDF must show them."""
    signatures = agreement.signatures
    built = [
        build_docx(dataclasses.replace(agreement, signatures=signatures[:count]), options)
        for count in range(len(signatures) + 1)
    ]
    words, fingerprint = _body(built[0])
    endings = tuple(tuple(w.text for w in _ending(variant)) for variant in built)
    draft = draft_word(built[0].language)
    headers: set[tuple[str, ...]] = set()
    for variant in built:
        for header in _margins(variant.document, "header"):
            headers.add(header)
            headers.add(tuple(word for word in header if word != draft))
    footers = set(_margins(built[0].document, "footer"))
    return ShownText(
        words=tuple(words),
        fingerprint=fingerprint,
        endings=endings,
        headers=tuple(sorted(headers)),
        footers=tuple(sorted(footers)),
        heads=tuple(_heads(built[0])),
    )


def _reading(built: BuiltDocx) -> list[ShownWord]:
    """Every word of the body in reading order, with its part."""
    words: list[ShownWord] = []
    list_styles = _list_style_ids(built.document)
    for element in built.document.element.body:
        tag = element.tag
        if tag == _W + "p":
            words.extend(_paragraph(element, built.parts.get(element, ""), list_styles))
        elif tag == _W + "tbl":
            table_part = built.parts.get(element, "")
            for row in element.iter(_W + "tr"):
                part = built.parts.get(row, table_part)
                for paragraph in row.iter(_W + "p"):
                    words.extend(_paragraph(paragraph, part, list_styles))
    return words


def _body(built: BuiltDocx) -> tuple[list[ShownWord], str]:
    """The words up to and with the fingerprint, and the fingerprint."""
    words = _reading(built)
    last = max(index for index, word in enumerate(words) if word.part == FINGERPRINT)
    first = min(index for index, word in enumerate(words) if word.part == FINGERPRINT)
    fingerprint = " ".join(word.text for word in words[first : last + 1][-4:])
    return words[: last + 1], fingerprint


def _ending(built: BuiltDocx) -> list[ShownWord]:
    words = _reading(built)
    last = max(index for index, word in enumerate(words) if word.part == FINGERPRINT)
    return [word for word in words[last + 1 :] if word.part == SIGNATURES]


def _paragraph(paragraph: Any, part: str, list_styles: set[str]) -> list[ShownWord]:
    texts = _text(paragraph).split()
    listed = _is_list(paragraph, list_styles)
    return [ShownWord(text, part, listed and index == 0) for index, text in enumerate(texts)]


def _text(paragraph: Any) -> str:
    """A paragraph's text as a reader sees it (tabs and breaks are spaces)."""
    pieces: list[str] = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"):
        if node.tag == _W + "t":
            pieces.append(node.text or "")
        elif node.tag == _W + "noBreakHyphen":
            pieces.append("-")
        else:
            pieces.append(" ")
    return "".join(pieces)


def _is_list(paragraph: Any, list_styles: set[str]) -> bool:
    properties = paragraph.find(_W + "pPr")
    if properties is None:
        return False
    if properties.find(_W + "numPr") is not None:
        return True
    style = properties.find(_W + "pStyle")
    return style is not None and style.get(_W + "val") in list_styles


def _list_style_ids(document: Document) -> set[str]:
    names = {style.name: style.style_id for style in document.styles}
    return {names[name] for name in _LIST_STYLES if name in names}


def _heads(built: BuiltDocx) -> list[tuple[str, ...]]:
    """The words of each table row that repeats as a head on every page."""
    heads: list[tuple[str, ...]] = []
    for row in built.document.element.body.iter(_W + "tr"):
        properties = row.find(_W + "trPr")
        if properties is not None and properties.find(_W + "tblHeader") is not None:
            words = tuple(
                word for paragraph in row.iter(_W + "p") for word in _text(paragraph).split()
            )
            if words not in heads:
                heads.append(words)
    return heads


def _margins(document: Document, kind: str) -> list[tuple[str, ...]]:
    """The words of each section's headers (or footers): default, first page, even pages."""
    found: list[tuple[str, ...]] = []
    for section in document.sections:
        for name in (kind, f"first_page_{kind}", f"even_page_{kind}"):
            part = getattr(section, name)
            if name != kind and part.is_linked_to_previous:
                continue
            words = tuple(
                word
                for paragraph in part._element.iter(_W + "p")
                for word in _field_text(paragraph).split()
            )
            if words not in found:
                found.append(words)
    return found or [()]


def _field_text(paragraph: Any) -> str:
    """A header's or footer's text with its page fields as placeholders.

    A field (complex: begin, instruction, separate, result, end; or simple) shows its
    result: PAGE and NUMPAGES become ``PAGE_NUMBER`` and ``PAGE_COUNT``, filled in for each
    page; any other field shows the result it holds.
    """
    pieces: list[str] = []
    mode = "text"
    code: list[str] = []

    def walk(node: Any) -> None:  # a paragraph nests a few levels (lxml caps it at 256)
        nonlocal mode, code
        for child in node:
            tag = child.tag
            if tag == _W + "fldSimple":
                placeholder = _placeholder(child.get(_W + "instr") or "")
                if placeholder:
                    pieces.append(f" {placeholder} ")
                else:
                    walk(child)
                continue
            if tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    mode, code = "code", []
                elif kind == "separate":
                    placeholder = _placeholder(" ".join(code))
                    mode = "hidden" if placeholder else "text"
                    if placeholder:
                        pieces.append(f" {placeholder} ")
                elif kind == "end":
                    mode = "text"
            elif tag == _W + "instrText" and mode == "code":
                code.append(child.text or "")
            elif tag == _W + "t" and mode == "text":
                pieces.append(child.text or "")
            elif tag in (_W + "tab", _W + "br", _W + "cr"):
                pieces.append(" ")
            walk(child)

    walk(paragraph)
    return "".join(pieces)


def _placeholder(instruction: str) -> str:
    words = instruction.split()
    name = words[0].upper() if words else ""
    return {"PAGE": PAGE_NUMBER, "NUMPAGES": PAGE_COUNT, "SECTIONPAGES": PAGE_COUNT}.get(name, "")
