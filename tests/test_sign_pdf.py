"""Signatures read from a signed PDF: render, sign as a service does, record, verify.

LibreOffice renders the PDF once for the module; every signed variant is made from it with
pyHanko and certificates made here (tests/pki.py), so the tests take seconds.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import assert_no_traceback, lock_held, run, standalone_seed_text
from pki import Authority, add_empty_field, authority, pem, sign_incrementally, signer

from devagree.signatures.digest import digest
from devagree.signatures.pdf_identity import fingerprint, read_identity
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"
CHANGED_GOAL = ("Det inkluderende perspektiv", "Det ekskluderende perspektiv")


@dataclass(frozen=True)
class Kit:
    """The rendered PDF, its signed variants, and the certificates behind them."""

    folder: Path
    rendered: Path
    signed: Path
    roots: Path
    other_roots: Path
    root: Authority


def _workbook(folder: Path) -> Path:
    (folder / "agreements").mkdir(parents=True)
    (folder / NAME).write_text(standalone_seed_text(), encoding="utf-8")
    (folder / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    folder = _workbook(tmp_path_factory.mktemp("render"))
    done = run("render", NAME, "--pdf", "-o", "out", cwd=folder)
    assert done.returncode == 0, done.stderr
    rendered = folder / "out" / "slagelse-chp-2016.pdf"
    certs = folder / "certs"
    certs.mkdir()
    root = authority("Testkommune Rod")
    intermediate = authority("Testkommune Medarbejder-CA", root)
    anne = signer(certs, "Anne Jensen", intermediate, (root,))
    bo = signer(certs, "Bo Hansen", intermediate, (root,))
    first = folder / "first.pdf"
    sign_incrementally(rendered, first, anne, "Underskrift1")
    signed = folder / "signed.pdf"
    sign_incrementally(first, signed, bo, "Underskrift2")
    other = authority("Fremmed Rod")
    return Kit(
        folder=certs,
        rendered=rendered,
        signed=signed,
        roots=pem(certs / "roots.pem", root),
        other_roots=pem(certs / "other.pem", other),
        root=root,
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "book")


def _record(
    book: Path, pdf: Path, *extra: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run(
        "sign",
        NAME,
        "--from-pdf",
        pdf,
        "--party",
        "committee",
        "--party",
        "chief",
        *extra,
        cwd=book,
        env=env,
    )


# --- the rendered PDF names its text ------------------------------------------------------


def test_rendered_pdf_carries_id_digest_and_fingerprint(kit: Kit) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    agreement = check_workbook([kit.rendered.parent.parent / NAME], date(2016, 3, 1)).agreements[0]
    agreed = digest(agreement.data)
    with kit.rendered.open("rb") as handle:
        reader = PdfFileReader(handle)
        identity = read_identity(reader.trailer_view)
        metadata = reader.root["/Metadata"].data
    assert identity is not None
    assert identity.agreement_id == "slagelse-chp-2016"
    assert identity.digest == agreed
    assert identity.rows["item-2.goal"].startswith("sha256:")
    assert b"<pdfaid:part>2</pdfaid:part>" in metadata or b'pdfaid:part="2"' in metadata
    text = subprocess.run(
        ["pdftotext", str(kit.rendered), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert fingerprint(agreed) in text
    assert "UDKAST" in text


def test_fingerprint_is_the_first_sixteen_hex_digits_in_fours() -> None:
    assert fingerprint("sha256:" + "0123456789abcdef" * 4) == "0123 4567 89ab cdef"


# --- recording ----------------------------------------------------------------------------


def test_two_signers_recorded_with_trust(kit: Kit, book: Path) -> None:
    path = book / NAME
    before = path.read_text(encoding="utf-8")
    done = _record(book, kit.signed, "--trust", kit.roots)
    assert done.returncode == 0, done.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before), "the signatures are only appended"
    added = after[len(before) :]
    assert "  - party: committee\n    name: Anne Jensen\n" in added
    assert "  - party: chief\n    name: Bo Hansen\n" in added
    assert added.count("    method: pades\n") == 2
    assert added.count("      issuer: CN=Testkommune Medarbejder-CA,O=Testkommune,C=DK\n") == 2
    assert added.count("      trusted: true\n") == 2
    import hashlib

    assert f"    pdf: sha256:{hashlib.sha256(kit.signed.read_bytes()).hexdigest()}\n" in added
    entries = added.split("\n  - ")[1:]  # each signature: at most 12 lines
    assert len(entries) == 2 and all(entry.count("\n") <= 12 for entry in entries), added
    assert added.count("    rows: r1/") == 2
    signatures = check_workbook([path], date(2016, 3, 1)).agreements[0].signatures
    assert [s.date for s in signatures] == [s.date for s in signatures[:1]] * 2
    assert all(
        s.certificate and s.certificate.fingerprint.startswith("sha256:") for s in signatures
    )

    checked = run("check", NAME, "--as-of", "2016-03-01", cwd=book)
    assert checked.returncode == 0, checked.stdout
    assert "DA215" not in checked.stdout
    verified = run("verify", NAME, "--pdf", kit.signed, "--trust", kit.roots, cwd=book)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count("signed.pdf: OK") == 2
    assert "chains to the trust roots" in verified.stdout

    again = _record(book, kit.signed)
    assert again.returncode == 2
    assert "already recorded" in again.stderr
    assert path.read_text(encoding="utf-8") == after


def test_without_trust_recorded_as_not_validated_and_warned(kit: Kit, book: Path) -> None:
    done = _record(book, kit.signed)
    assert done.returncode == 0, done.stderr
    assert "not validated against a trust root" in done.stdout
    text = (book / NAME).read_text(encoding="utf-8")
    assert text.count("      trusted: false\n") == 2
    checked = run("check", NAME, "--as-of", "2016-03-01", cwd=book)
    warnings = [line for line in checked.stdout.splitlines() if " DA215 " in line]
    assert len(warnings) == 2, checked.stdout
    line_no = text.splitlines().index("      trusted: false") + 1
    assert warnings[0].startswith(f"{NAME}:{line_no}:")
    assert checked.returncode == 0  # a warning


def test_recorded_signatures_survive_status_and_break_on_a_changed_row(
    kit: Kit, book: Path
) -> None:
    path = book / NAME
    assert _record(book, kit.signed, "--trust", kit.roots).returncode == 0
    status = run("status", NAME, "1", "--state", "in_progress", "--as-of", "2016-05-01", cwd=book)
    assert status.returncode == 0, status.stderr
    verified = run("verify", NAME, "--pdf", kit.signed, cwd=book)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "BROKEN" not in verified.stdout

    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGED_GOAL), encoding="utf-8")
    verified = run("verify", NAME, "--pdf", kit.signed, cwd=book)
    assert verified.returncode == 1
    assert verified.stdout.count("BROKEN") == 4, verified.stdout  # 2 recorded, 2 in the PDF
    assert "changed: item 2, Goal (`goal`)" in verified.stdout
    checked = run("check", NAME, "--as-of", "2016-03-01", cwd=book)
    assert checked.returncode == 1
    assert checked.stdout.count("DA210") == 2


def test_rendered_word_file_shows_the_signers(kit: Kit, book: Path) -> None:
    import docx

    assert _record(book, kit.signed, "--trust", kit.roots).returncode == 0
    done = run("render", NAME, "-o", "out", cwd=book)
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(book / "out" / "slagelse-chp-2016.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    agreed = digest(check_workbook([book / NAME], date(2016, 3, 1)).agreements[0].data)
    block = text[text.index(fingerprint(agreed)) :]
    assert block.index("Anne Jensen") < block.index("Bo Hansen")
    assert block.count("CN=Testkommune Medarbejder-CA,O=Testkommune,C=DK") == 2
    assert block.count("Underskrevet digitalt (PAdES), certifikat udstedt af CN=Testkommune") == 2
    assert "UDKAST" not in "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


# --- refusals: nothing written --------------------------------------------------------------


def _changed_byte(kit: Kit, target: Path) -> Path:
    """One byte of the rendered pages changed after both signatures."""
    data = bytearray(kit.signed.read_bytes())
    stream = data.index(b"stream", len(data) // 4)  # a page's content, inside the signed range
    data[stream + 40] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _outsider(kit: Kit, target: Path) -> Path:
    stranger = signer(kit.folder, "Carl Fremmed", authority("Fremmed Rod"))
    sign_incrementally(kit.rendered, target, stranger, "Underskrift1")
    return target


def _expired(kit: Kit, target: Path) -> Path:
    old = signer(kit.folder, "Dorte Udløbet", kit.root, expired=True)
    sign_incrementally(kit.rendered, target, old, "Underskrift1")
    return target


def _empty_field(kit: Kit, target: Path) -> Path:
    add_empty_field(kit.rendered, target)
    return target


REFUSALS = {
    "changed after signing": (_changed_byte, (), 1, "changed after"),
    "no signature": (lambda kit, target: kit.rendered, (), 1, "holds no signature"),
    "empty signature field": (_empty_field, (), 1, "nobody has signed it"),
    "outside the trust roots": (_outsider, ("--party", "committee"), 1, "does not chain"),
    "expired certificate": (_expired, ("--party", "committee"), 1, "was not valid when it signed"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_leave_the_file_as_it_was(kit: Kit, book: Path, case: str) -> None:
    make, parties, code, message = REFUSALS[case]
    pdf = make(kit, book / "returned.pdf")
    before = (book / NAME).read_bytes()
    done = run("sign", NAME, "--from-pdf", pdf, *parties, "--trust", kit.roots, cwd=book)
    assert done.returncode == code, done.stdout + done.stderr
    assert message in done.stderr
    assert "nothing was recorded" in done.stderr
    assert_no_traceback(done)
    assert (book / NAME).read_bytes() == before


def test_pdf_of_another_version_names_the_rows(kit: Kit, book: Path) -> None:
    path = book / NAME
    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGED_GOAL), encoding="utf-8")
    before = path.read_bytes()
    done = _record(book, kit.signed)
    assert done.returncode == 1
    assert "another version" in done.stderr
    assert "changed: item 2, Goal (`goal`)" in done.stderr
    assert done.stderr.count("changed:") == 1
    assert path.read_bytes() == before


def test_party_refusals(kit: Kit, book: Path) -> None:
    before = (book / NAME).read_bytes()
    wrong = run(
        "sign", NAME, "--from-pdf", kit.signed, "--party", "mayor", "--party", "chief", cwd=book
    )
    assert wrong.returncode == 2
    assert '"mayor" is not a party' in wrong.stderr and "committee, chief" in wrong.stderr
    missing = run("sign", NAME, "--from-pdf", kit.signed, cwd=book)
    assert missing.returncode == 2
    assert "1. Anne Jensen" in missing.stderr and "2. Bo Hansen" in missing.stderr
    too_few = run("sign", NAME, "--from-pdf", kit.signed, "--party", "chief", cwd=book)
    assert too_few.returncode == 2 and "has 2 signatures" in too_few.stderr
    for result in (wrong, missing, too_few):
        assert_no_traceback(result)
    assert (book / NAME).read_bytes() == before


def test_text_changed_while_checking_is_refused_under_the_lock(kit: Kit, book: Path) -> None:
    from devagree.core.errors import DevagreeError
    from devagree.render.docx_words import shown_in_workbook
    from devagree.signatures.from_pdf import prepare, record
    from devagree.workbook.signable import signable_agreement

    path = book / NAME
    prepared = prepare(
        path, kit.signed, None, date(2016, 3, 1), signable_agreement, shown_in_workbook
    )
    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGED_GOAL), encoding="utf-8")
    changed = path.read_bytes()
    with pytest.raises(DevagreeError, match="changed while the PDF was being checked"):
        record(prepared, ["committee", "chief"])
    assert path.read_bytes() == changed


def test_a_busy_file_waits_as_long_as_it_is_told(kit: Kit, book: Path) -> None:
    before = (book / NAME).read_bytes()
    with lock_held(book / NAME):
        waited = _record(book, kit.signed, env={"DEVAGREE_LOCK_TIMEOUT": "0.5"})
    assert waited.returncode == 2, waited.stdout + waited.stderr
    assert_no_traceback(waited)
    assert "gave up after waiting 0.5 s" in waited.stderr, waited.stderr
    assert (book / NAME).read_bytes() == before
    assert _record(book, kit.signed).returncode == 0


def test_parties_asked_on_a_terminal(kit: Kit, book: Path) -> None:
    import pexpect
    from conftest import devagree_command

    command = devagree_command()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "sign", NAME, "--from-pdf", str(kit.signed)],
        cwd=str(book),
        encoding="utf-8",
        timeout=60,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    child.expect("Anne Jensen")
    child.expect(r"\(committee, chief\)")
    child.sendline("chief")
    child.expect("Bo Hansen")
    child.expect(r"\(committee, chief\)")
    child.sendline("committee")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = (book / NAME).read_text(encoding="utf-8")
    assert text.index("party: chief\n    name: Anne Jensen") < text.index(
        "party: committee\n    name: Bo Hansen"
    )


def test_verify_pdf_says_what_is_not_recorded_or_broken(kit: Kit, book: Path) -> None:
    unrecorded = run("verify", NAME, "--pdf", kit.signed, cwd=book)
    assert unrecorded.returncode == 1
    assert unrecorded.stdout.count("NOT RECORDED") == 2, unrecorded.stdout
    assert _record(book, kit.signed).returncode == 0
    changed = _changed_byte(kit, book / "changed.pdf")
    broken = run("verify", NAME, "--pdf", changed, cwd=book)
    assert broken.returncode == 1
    assert "changed.pdf: BROKEN" in broken.stdout and "changed after" in broken.stdout
    assert "nothing was recorded" not in broken.stdout
    assert_no_traceback(broken)


def test_trust_file_that_holds_no_certificate(kit: Kit, book: Path) -> None:
    bad = book / "roots.pem"
    bad.write_text("not a certificate\n", encoding="utf-8")
    before = (book / NAME).read_bytes()
    done = run("sign", NAME, "--from-pdf", kit.signed, "--trust", bad, cwd=book)
    assert done.returncode == 2
    assert "not a file of certificates" in done.stderr
    assert (book / NAME).read_bytes() == before
