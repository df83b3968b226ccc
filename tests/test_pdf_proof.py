"""A signed PDF proves the text its pages show, and every signature covers the file to its end.

The forged PDF of the issue is built here: a changed agreement rendered, the original PDF's
three identity keys copied into its document information in an incremental update, and two
trusted signers signing it. It, bytes appended after the last signature, and the other
hostile PDFs below are refused by `sign --from-pdf` and by `verify --pdf`, and the file stays
byte for byte as it was. What PAdES allows after a signature (a document timestamp,
validation data) and what LibreOffice legitimately makes of a document (hyphenation, a
letterhead's header and footer, a signature block recorded before rendering) is accepted.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_traceback, run, standalone_seed_text
from pki import (
    Authority,
    add_empty_field,
    add_validation_data,
    authority,
    pem,
    sign_incrementally,
    signer,
    time_stamping_authority,
    timestamp_incrementally,
)

from devagree.signatures.digest import digest
from devagree.signatures.pdf_identity import fingerprint
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"
CHANGED_GOAL = ("Det inkluderende perspektiv", "Det ekskluderende perspektiv")
IDENTITY_KEYS = ("/DevagreeId", "/DevagreeDigest", "/DevagreeRows")


@dataclass(frozen=True)
class Kit:
    folder: Path
    rendered: Path
    signed: Path
    forged: Path
    roots: Path
    root: Authority
    anne: Path
    bo: Path
    changed_digest: str


def _workbook(folder: Path, text: str | None = None, config: str = "") -> Path:
    (folder / "agreements").mkdir(parents=True)
    (folder / NAME).write_text(text or standalone_seed_text(), encoding="utf-8")
    (folder / "devagree.yaml").write_text(f"kind: workbook\nversion: 1\n{config}", encoding="utf-8")
    return folder


def _render(folder: Path) -> Path:
    done = run("render", NAME, "--pdf", "-o", "out", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "out" / "slagelse-chp-2016.pdf"


def _update(source: Path, target: Path, edit: Any) -> Path:
    """One incremental update of ``source``, made by ``edit(writer)``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        edit(writer)
        out = io.BytesIO()
        writer.write(out)
    target.write_bytes(out.getvalue())
    return target


def _copy_identity(original: Path) -> Any:
    """An edit that puts the original PDF's identity keys in the document information."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    with original.open("rb") as handle:
        info = PdfFileReader(handle).trailer_view["/Info"]
        values = {key: str(info[key]) for key in IDENTITY_KEYS}

    def edit(writer: Any) -> None:
        reference = writer.trailer_view.raw_get("/Info")
        target = reference.get_object()
        for key, value in values.items():
            target[generic.NameObject(key)] = generic.TextStringObject(value)
        writer.mark_update(reference)

    return edit


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    rendered = _render(_workbook(tmp_path_factory.mktemp("original")))
    changed_text = standalone_seed_text().replace(*CHANGED_GOAL)
    changed_book = _workbook(tmp_path_factory.mktemp("changed"), changed_text)
    changed = _render(changed_book)
    certs = tmp_path_factory.mktemp("certs")
    root = authority("Testkommune Rod")
    intermediate = authority("Testkommune Medarbejder-CA", root)
    anne = signer(certs, "Anne Jensen", intermediate, (root,))
    bo = signer(certs, "Bo Hansen", intermediate, (root,))
    signed = _sign_twice(rendered, certs / "signed.pdf", anne, bo)
    stamped = _update(changed, certs / "forged-unsigned.pdf", _copy_identity(rendered))
    forged = _sign_twice(stamped, certs / "forged.pdf", anne, bo)
    changed_agreement = check_workbook([changed_book / NAME], date(2016, 3, 1)).agreements[0]
    return Kit(
        folder=certs,
        rendered=rendered,
        signed=signed,
        forged=forged,
        roots=pem(certs / "roots.pem", root),
        root=root,
        anne=anne,
        bo=bo,
        changed_digest=digest(changed_agreement.data),
    )


def _sign_twice(source: Path, target: Path, first: Path, second: Path) -> Path:
    halfway = target.with_name(target.stem + "-1.pdf")
    sign_incrementally(source, halfway, first, "Underskrift1")
    sign_incrementally(halfway, target, second, "Underskrift2")
    return target


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "book")


def _record(book: Path, pdf: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return run(
        "sign", NAME, "--from-pdf", pdf, "--party", "committee", "--party", "chief", *extra,
        cwd=book,
    )  # fmt: skip


def _verify(book: Path, pdf: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return run("verify", NAME, "--pdf", pdf, *extra, cwd=book)


def _refused_by_both(kit: Kit, book: Path, pdf: Path, reason: str) -> tuple[str, str]:
    """Refused by `sign --from-pdf` (nothing written) and by `verify --pdf`: both outputs."""
    before = (book / NAME).read_bytes()
    signing = _record(book, pdf, "--trust", kit.roots)
    assert_no_traceback(signing)
    assert signing.returncode == 1, signing.stdout + signing.stderr
    assert reason in signing.stderr, signing.stderr
    assert "nothing was recorded" in signing.stderr
    assert (book / NAME).read_bytes() == before
    verifying = _verify(book, pdf, "--trust", kit.roots)
    assert_no_traceback(verifying)
    assert verifying.returncode == 1, verifying.stdout + verifying.stderr
    assert "BROKEN" in verifying.stdout and reason in verifying.stdout, verifying.stdout
    assert (book / NAME).read_bytes() == before
    return signing.stderr, verifying.stdout


# --- the forged PDF: another text under the original's identity ----------------------------


def test_the_forged_pdf_is_refused_naming_the_row_and_the_fingerprint(kit: Kit, book: Path) -> None:
    agreed = digest(check_workbook([book / NAME], date(2016, 3, 1)).agreements[0].data)
    refusal, verified = _refused_by_both(kit, book, kit.forged, "another version of the text")
    for said in (refusal, verified):
        assert "changed: item 2, Goal (`goal`)" in said
        assert (
            f"the fingerprint printed on the signature page is {fingerprint(kit.changed_digest)}; "
            f"the agreement's is {fingerprint(agreed)}"
        ) in said
    assert refusal.count("changed:") == 1
    assert verified.count(": BROKEN") == 2  # both signers signed the forged pages


def test_the_genuine_pdf_is_recorded_and_verified(kit: Kit, book: Path) -> None:
    done = _record(book, kit.signed, "--trust", kit.roots)
    assert done.returncode == 0, done.stderr
    verified = _verify(book, kit.signed, "--trust", kit.roots)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count("signed.pdf: OK") == 2


def test_a_pdf_without_devagrees_stamp_that_shows_the_text_is_recorded(
    kit: Kit, book: Path, tmp_path: Path
) -> None:
    """The document information is a hint: a PDF of the same pages without it proves too."""
    from pyhanko.pdf_utils import generic

    def drop(writer: Any) -> None:
        reference = writer.trailer_view.raw_get("/Info")
        target = reference.get_object()
        for key in IDENTITY_KEYS:
            del target[generic.NameObject(key)]
        writer.mark_update(reference)

    bare = _update(kit.rendered, tmp_path / "bare.pdf", drop)
    signed = _sign_twice(bare, tmp_path / "bare-signed.pdf", kit.anne, kit.bo)
    done = _record(book, signed, "--trust", kit.roots)
    assert done.returncode == 0, done.stderr


# --- bytes and updates no signature covers ---------------------------------------------------


def test_bytes_appended_after_the_last_signature_are_refused(
    kit: Kit, book: Path, tmp_path: Path
) -> None:
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(kit.signed.read_bytes() + b"\n999 0 obj\n(not covered)\nendobj\n")
    _refused_by_both(kit, book, appended, "33 bytes after the end of its last revision")


def _orphan(writer: Any) -> None:
    from pyhanko.pdf_utils import generic

    writer.add_object(generic.TextStringObject("an object no signature covers"))


def _new_digest(writer: Any) -> None:
    from pyhanko.pdf_utils import generic

    reference = writer.trailer_view.raw_get("/Info")
    reference.get_object()[generic.NameObject("/DevagreeDigest")] = generic.TextStringObject(
        "sha256:" + "0" * 64
    )
    writer.mark_update(reference)


def _free_text(writer: Any) -> None:
    """A text box laid over page 1 ("Punkt 2 udgår")."""
    from pyhanko.pdf_utils import generic

    page_reference = writer.root["/Pages"]["/Kids"].raw_get(0)
    page = page_reference.get_object()
    box = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (50, 50, 300, 100)]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("Punkt 2 udgår"),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        }
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([writer.add_object(box)])
    writer.mark_update(page_reference)


UNCOVERED = {
    "an object nothing uses": (_orphan, "adds more than validation data"),
    "a new digest in the document information": (_new_digest, "adds more than validation data"),
    "a text box over the page": (_free_text, "after Anne Jensen signed, the document was changed"),
    "an empty signature field": (None, "the form field Underskrift3 was added or filled in"),
}


@pytest.mark.parametrize("case", list(UNCOVERED))
def test_an_update_after_the_last_signature_is_refused(
    kit: Kit, book: Path, tmp_path: Path, case: str
) -> None:
    edit, reason = UNCOVERED[case]
    target = tmp_path / "updated.pdf"
    if edit is None:
        add_empty_field(kit.signed, target, "Underskrift3")
    else:
        _update(kit.signed, target, edit)
    _refused_by_both(kit, book, target, reason)


def test_a_text_box_laid_over_the_pages_before_signing_is_refused(
    kit: Kit, book: Path, tmp_path: Path
) -> None:
    boxed = _update(kit.rendered, tmp_path / "boxed.pdf", _free_text)
    signed = _sign_twice(boxed, tmp_path / "boxed-signed.pdf", kit.anne, kit.bo)
    _refused_by_both(kit, book, signed, "page 1 carries an annotation (FreeText)")


# --- what PAdES allows after the signatures --------------------------------------------------


def _stamped(kit: Kit, tmp_path: Path) -> Path:
    tsa = time_stamping_authority("Test TSA", kit.root)
    target = tmp_path / "stamped.pdf"
    timestamp_incrementally(kit.signed, target, tsa)
    return target


def _validation_data(kit: Kit, tmp_path: Path) -> Path:
    target = tmp_path / "dss.pdf"
    add_validation_data(kit.signed, target, kit.root)
    return target


def _both(kit: Kit, tmp_path: Path) -> Path:
    tsa = time_stamping_authority("Test TSA", kit.root)
    target = tmp_path / "dss-stamped.pdf"
    timestamp_incrementally(_validation_data(kit, tmp_path), target, tsa)
    return target


ALLOWED = {"a document timestamp": _stamped, "validation data": _validation_data}
ALLOWED["validation data, then a timestamp"] = _both


@pytest.mark.parametrize("case", list(ALLOWED))
def test_what_pades_allows_after_the_signatures_is_accepted(
    kit: Kit, book: Path, tmp_path: Path, case: str
) -> None:
    pdf = ALLOWED[case](kit, tmp_path)
    done = _record(book, pdf, "--trust", kit.roots)
    assert done.returncode == 0, done.stdout + done.stderr
    verified = _verify(book, pdf, "--trust", kit.roots)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_timestamp_changed_after_it_was_added_is_refused(
    kit: Kit, book: Path, tmp_path: Path
) -> None:
    stamped = _stamped(kit, tmp_path).read_bytes()
    name = stamped.rindex(b"(Tidsstempel)")  # the timestamp's field, in the bytes it covers
    changed = tmp_path / "changed-stamp.pdf"
    changed.write_bytes(stamped[:name] + b"(Tidsstempem)" + stamped[name + 13 :])
    _refused_by_both(kit, book, changed, "was changed after its document timestamp")


# --- what LibreOffice legitimately makes of the document ------------------------------------


def test_a_pdf_rendered_after_a_signature_was_recorded(tmp_path: Path, kit: Kit) -> None:
    """Its signature block shows the recorded signature and its header no draft mark."""
    book = _workbook(tmp_path / "signed-first")
    manual = run(
        "sign", NAME, "--party", "committee", "--name", "Anne Jensen", "--title", "Formand",
        "--date", "2016-03-01", "--place", "Slagelse", cwd=book,
    )  # fmt: skip
    assert manual.returncode == 0, manual.stderr
    rendered = _render(book)
    text = subprocess.run(
        ["pdftotext", str(rendered), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "UDKAST" not in text and "Anne Jensen, Formand" in text
    signed = tmp_path / "chief.pdf"
    sign_incrementally(rendered, signed, kit.bo, "Underskrift2")
    done = run("sign", NAME, "--from-pdf", signed, "--party", "chief", cwd=book)
    assert done.returncode == 0, done.stdout + done.stderr
    verified = _verify(book, signed)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_letterhead_with_page_fields_and_hyphenation(tmp_path: Path, kit: Kit) -> None:
    """A template's own header and footer ("side 3 / 7") and words LibreOffice hyphenated."""
    from docx import Document
    from docx.oxml import OxmlElement

    from devagree.render.docx_fields import add_field

    assert Path("/usr/share/hyphen/hyph_da_DK.dic").is_file(), "hyphen-da (.ci/system-packages)"
    book = _workbook(tmp_path / "letterhead", config="template: letterhead.docx\n")
    assert run("template", "export", "letterhead.docx", cwd=book).returncode == 0
    template = Document(str(book / "letterhead.docx"))
    section = template.sections[0]
    section.header.paragraphs[0].text = "Slagelse Kommune · Center for Handicap og Psykiatri"
    footer = section.footer.paragraphs[0]
    footer.text = "Sagsnr. 27.00.00-A00-1-16 — side "
    add_field(footer, "PAGE")
    footer.add_run(" / ")
    add_field(footer, "NUMPAGES")
    template.settings.element.append(OxmlElement("w:autoHyphenation"))
    template.save(str(book / "letterhead.docx"))
    rendered = _render(book)
    text = subprocess.run(
        ["pdftotext", "-raw", "-nopgbrk", str(rendered), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "side 3 / 7" in text
    broken = [line.split()[-1] for line in text.splitlines() if line.endswith("-")]
    source = (book / NAME).read_text(encoding="utf-8")
    assert any(word not in source for word in broken), "LibreOffice hyphenated no word"
    signed = _sign_twice(rendered, tmp_path / "letterhead-signed.pdf", kit.anne, kit.bo)
    done = _record(book, signed, "--trust", kit.roots)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_proof_needs_no_libreoffice(kit: Kit, book: Path, tmp_path: Path) -> None:
    """`verify --pdf` with no `soffice` on the PATH."""
    bare_path = tmp_path / "bin"
    bare_path.mkdir()
    for tool in ("python3",):
        found = shutil.which(tool)
        if found:
            (bare_path / tool).symlink_to(found)
    assert _record(book, kit.signed).returncode == 0
    verified = run("verify", NAME, "--pdf", kit.signed, cwd=book, env={"PATH": str(bare_path)})
    assert verified.returncode == 0, verified.stdout + verified.stderr
