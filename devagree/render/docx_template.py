"""The Word template every devagree document starts from: opened and checked once per
process, and the finished document saved as deterministic bytes."""

from __future__ import annotations

import copy
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.files import read_regular
from devagree.i18n import _, ngettext

if TYPE_CHECKING:
    from docx.document import Document

    from devagree.render.docx_build import StyleIds

REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "List Bullet 2",
    "List Number",
    "Table Grid",
)
"""Styles the renderer uses; a template must define every one (by its English name)."""


class RenderError(DevagreeError):
    """An agreement or template that cannot become a Word document, and why."""

    exit_code = ExitCode.PROBLEMS


_PREPARED: dict[bytes, tuple[Document, StyleIds]] = {}
"""Templates already opened and checked in this process, by the SHA-256 of their bytes,
with the style ids found in their copies so far."""


def open_template(template: Path | None) -> Document:
    """The template (or the built-in one) with its styles checked and its body emptied.

    Shared by every Word output (agreements, strategies, follow-up reports), so they look
    alike. A template is opened and checked once per process: later calls get a copy of
    that document, which costs less than opening the file (and, in the render workers,
    nothing is read at all).
    """
    from devagree.render.docx_build import Builder

    raw, shown = _template_bytes(template)
    key = hashlib.sha256(raw).digest()
    if key not in _PREPARED:
        _PREPARED.clear()  # a batch uses one template; keep only the latest
        _PREPARED[key] = (_prepare_template(raw, shown), {})
    prepared, style_ids = _PREPARED[key]
    copied: Document = copy.deepcopy(prepared)
    Builder.of(copied).share_style_ids(style_ids)
    return copied


def _template_bytes(template: Path | None) -> tuple[bytes, str]:
    from devagree.core.resources import data_file

    if template is None:
        return data_file("templates", "default.docx").read_bytes(), _("the built-in template")
    shown = str(template)
    try:
        return read_regular(template), shown
    except FileNotFoundError:
        raise RenderError(_("the template {path} does not exist").format(path=shown)) from None
    except OSError as err:
        raise RenderError(
            _("the template {path} cannot be read ({reason})").format(
                path=shown, reason=err.strerror
            )
        ) from None


def _prepare_template(raw: bytes, shown: str) -> Document:
    from docx import Document as open_document

    try:
        document: Document = open_document(io.BytesIO(raw))
    except Exception:  # python-docx raises several types, naming its own objects
        raise RenderError(
            _(
                "the template {path} is not a Word .docx file (it is damaged, or another "
                "kind of file); export a template with `devagree template export`"
            ).format(path=shown)
        ) from None
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise RenderError(
            ngettext(
                "the template {path} lacks the style {styles} that devagree needs; add it in "
                "Word (Styles pane) or start from `devagree template export`",
                "the template {path} lacks the styles {styles} that devagree needs; add them in "
                "Word (Styles pane) or start from `devagree template export`",
                len(missing),
            ).format(path=shown, styles=", ".join(f'"{name}"' for name in missing))
        )
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def document_bytes(document: Document) -> bytes:
    """The saved document as deterministic bytes (fixed zip metadata).

    The package's members are handed straight to ``zip_bytes`` instead of being zipped by
    python-docx and then unzipped and zipped again: each member is compressed once.
    """
    from devagree.render.determinism import normalise_zip, zip_bytes

    members = _package_members(document)
    if members is None:  # a python-docx without the writer's steps: save, then rewrite
        out = io.BytesIO()
        document.save(out)
        return normalise_zip(out.getvalue())
    return zip_bytes(members)


class _Members:
    """Collects what python-docx's package writer would put in the zip, by member name."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, uri: Any, blob: bytes) -> None:
        self.members.append((uri.membername, blob))


def _package_members(document: Document) -> list[tuple[str, bytes]] | None:
    """The package's members as ``Document.save`` writes them, or None if it cannot tell."""
    from docx.opc.pkgwriter import PackageWriter

    writer: Any = PackageWriter  # its steps are static methods, called with our collector
    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    if not all(hasattr(writer, step) for step in steps):
        return None
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    collector = _Members()
    writer._write_content_types_stream(collector, parts)
    writer._write_pkg_rels(collector, package.rels)
    writer._write_parts(collector, parts)
    return collector.members
