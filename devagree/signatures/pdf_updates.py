"""What a signed PDF may hold besides the pages devagree rendered and their signatures.

Every signature covers the file to its end, apart from what the PAdES profile allows after
it: further signatures (with their fields), document timestamps, and validation data (the
document security store, DSS). So:

- before the first signature: the pages are the ones devagree stamped, unchanged (when
  devagree's stamp is there; the words on the pages are compared anyway, see
  ``shown_text``);
- after each signature: only later signatures and their fields (pyHanko's modification
  analysis, and the fields it saw filled must be those of later signatures or timestamps);
- after the last signature or timestamp: only updates that add validation data (pyHanko's
  analysis with a policy that allows nothing else, new objects that nothing uses included),
  and after the file's last ``%%EOF`` nothing but its line break;
- on the pages each signer signed: no annotation laid over the text (a comment, a stamp, a
  text box), only form fields (the signatures) and links.

Each ``check_*`` raises ``PdfRefused`` naming what it found.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.printable import printable
from devagree.i18n import _
from devagree.signatures.pdf_identity import read_identity

ALLOWED_ANNOTATIONS = frozenset({"/Widget", "/Link"})
"""Form fields (a signature's field) and links; anything else lies over the text."""


class PdfRefused(DevagreeError):
    """A signed PDF that does not prove what it should (the message says why, and only why)."""

    exit_code = ExitCode.PROBLEMS


def stamped_revision(reader: Any) -> int | None:
    """The first revision that carries devagree's identity stamp."""
    for revision in range(reader.xrefs.total_revisions):
        if read_identity(reader.get_historical_resolver(revision).trailer_view) is not None:
            return revision
    return None


def check_before_first(reader: Any, path: Path, first_signed: int) -> None:
    """The first signer saw the pages devagree stamped, unchanged (when it stamped them).

    pyHanko's modification analysis covers what came after each signature; what lies between
    devagree's stamp and the first signature (the signing service's own fields and the first
    signature) is compared here page by page: contents, resources and page size.
    """
    stamped = stamped_revision(reader)
    if stamped is None or stamped >= first_signed:
        return
    before = page_hashes(reader.get_historical_resolver(stamped))
    after = page_hashes(reader.get_historical_resolver(first_signed))
    if before != after:
        raise PdfRefused(
            _(
                "{path}: the pages were changed after devagree rendered them and before the "
                "first signature"
            ).format(path=path)
        )


def covers_to_the_end(status: Any, later_fields: set[str]) -> bool:
    """Whether a signature's status allows only later signatures after it.

    The signature covers the whole file, or its whole revision and after it only signature
    fields were added and filled (at most pyHanko's form filling, allowed by the signature's
    own rules), each of them a later signature's or timestamp's.
    """
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    result = status.diff_result
    return (
        isinstance(result, DiffResult)
        and result.modification_level <= ModificationLevel.FORM_FILLING
        and status.docmdp_ok is not False  # a timestamp has no DocMDP: None
        and set(result.changed_form_fields) <= later_fields
    )


def after_signing(status: Any, later_fields: set[str], path: Path, name: str) -> str:
    """Why a signature does not cover the file to its end, for the refusal."""
    from pyhanko.sign.diff_analysis import DiffResult

    result = status.diff_result
    if isinstance(result, DiffResult):
        fields = sorted(set(result.changed_form_fields) - later_fields)
        if fields:
            return _(
                "{path}: after {name} signed, the form field {fields} was added or filled in; "
                "only later signatures, timestamps and validation data may follow a signature"
            ).format(path=path, name=name, fields=printable(", ".join(fields), 200))
    return _(
        "{path}: after {name} signed, the document was changed by an update that no later "
        "signature covers (only later signatures, timestamps and validation data may follow a "
        "signature)"
    ).format(path=path, name=name)


def check_file_end(reader: Any, data: bytes, path: Path, last_covered: int) -> None:
    """After the last signed revision: validation data only, and nothing after ``%%EOF``."""
    last = reader.xrefs.total_revisions - 1
    end = _revision_end(reader, data, last)
    if end is None or data[end:].strip(b"\r\n"):
        extra = len(data) - end if end is not None else len(data)
        raise PdfRefused(
            _(
                "{path} has {count} bytes after the end of its last revision (after %%EOF), "
                "which no signature covers"
            ).format(path=path, count=extra)
        )
    if last_covered >= last:
        return
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel

    result = _validation_data_only().review_file(reader, last_covered)
    if not isinstance(result, DiffResult) or result.modification_level > (
        ModificationLevel.LTA_UPDATES
    ):
        raise PdfRefused(
            _(
                "{path}: an update after the last signature (revision {revision} of {count}) "
                "adds more than validation data, and no signature covers it"
            ).format(path=path, revision=last_covered + 2, count=last + 1)
        )


def _revision_end(reader: Any, data: bytes, revision: int) -> int | None:
    """Where a revision ends: just after the ``%%EOF`` that follows its cross-reference data."""
    xref_end = reader.xrefs.get_xref_container_info(revision).end_location
    marker = data.find(b"%%EOF", xref_end)
    return None if marker < 0 else marker + len(b"%%EOF")


def _validation_data_only() -> Any:
    """pyHanko's standard policy without its form rules and document-information rule, and
    with objects nothing refers to counted as changes: the DSS, the XMP metadata's dates and
    the file's own structure may change, nothing else."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.diff_analysis.policies import StandardDiffPolicy
    from pyhanko.sign.diff_analysis.rules.file_structure_rules import (
        CatalogModificationRule,
        ObjectStreamRule,
        XrefStreamRule,
    )
    from pyhanko.sign.diff_analysis.rules.form_field_rules import DSSCompareRule
    from pyhanko.sign.diff_analysis.rules.metadata_rules import MetadataUpdateRule

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(),  # type: ignore[no-untyped-call]
            XrefStreamRule().as_qualified(lta),
            ObjectStreamRule().as_qualified(lta),
            DSSCompareRule().as_qualified(lta),
            # The writer of the validation data updates the XMP dates (pyHanko does).
            MetadataUpdateRule().as_qualified(lta),  # type: ignore[no-untyped-call]
        ],
        form_rule=None,
        ignore_orphaned_objects=False,
    )


def check_annotations(reader: Any, revision: int, path: Path) -> None:
    """No annotation but form fields and links on the pages of ``revision``."""
    resolver = reader.get_historical_resolver(revision)
    for number, page in enumerate(_pages(resolver), start=1):
        annotations = page.get("/Annots")
        for annotation in annotations.get_object() if annotations is not None else ():
            kind = str(annotation.get_object().get("/Subtype"))
            if kind not in ALLOWED_ANNOTATIONS:
                raise PdfRefused(
                    _(
                        "{path}: page {page} carries an annotation ({kind}) laid over the text; "
                        "what the pages show must be the text devagree rendered"
                    ).format(path=path, page=number, kind=kind.lstrip("/"))
                )


def _pages(resolver: Any) -> list[Any]:
    """The page dictionaries, in order (the page tree walked without recursion)."""
    pages: list[Any] = []
    stack: list[Any] = [resolver.root["/Pages"]]
    seen: set[int] = set()
    while stack:
        node = stack.pop().get_object()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.get("/Type") == "/Pages":
            stack.extend(reversed(list(node["/Kids"])))
            continue
        pages.append(node)
    return pages


_PAGE_KEYS = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate")


def page_hashes(resolver: Any) -> list[str]:
    """A hash per page of what it shows (its content streams and the resources they use)."""
    from pyhanko.pdf_utils import generic

    return [
        _object_hash(
            generic.DictionaryObject(  # type: ignore[no-untyped-call]
                {k: node.raw_get(k) for k in _PAGE_KEYS if k in node}
            )
        )
        for node in _pages(resolver)
    ]


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
