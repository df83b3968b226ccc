"""Rendering: the Word file read back, the PDF read back, determinism, templates, PDF signing."""

from __future__ import annotations

import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from devagree.core.model import ROWS
from devagree.core.richtext import parse_texts, plain
from devagree.workbook.pipeline import check_workbook

ROOT = Path(__file__).resolve().parent.parent
SEED_YAML = ROOT / "agreements" / "slagelse-chp-2016.yaml"
SEED_TEXT = ROOT / "tests" / "fixtures" / "seed-003-slagelse-chp-2016.txt"
NAME = "agreements/slagelse-chp-2016.yaml"


def devagree(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "devagree"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "devagree"]
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def need_soffice() -> None:
    """LibreOffice is part of the test environment (.ci/run installs it): missing is a failure."""
    if shutil.which("soffice") is None:
        if os.environ.get("DEVAGREE_NO_LIBREOFFICE") == "1":
            pytest.skip("DEVAGREE_NO_LIBREOFFICE=1: LibreOffice tests switched off")
        pytest.fail(
            "soffice (LibreOffice) is not installed: apt-get install -y "
            "--no-install-recommends libreoffice-writer-nogui poppler-utils "
            "(or set DEVAGREE_NO_LIBREOFFICE=1 to switch these tests off)"
        )


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


def _render(workbook: Path, *args: str) -> Path:
    done = devagree(workbook, "render", "-o", "out", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return workbook / "out" / "slagelse-chp-2016.docx"


def _cell_text(cell: object) -> str:
    return "\n".join(p.text for p in cell.paragraphs)  # type: ignore[attr-defined]


def test_every_row_reads_back_as_in_the_yaml(workbook: Path) -> None:
    docx = _render(workbook)
    document = Document(str(docx))
    agreement = check_workbook([SEED_YAML], datetime(2016, 3, 1).date()).agreements[0]
    assert len(document.tables) == len(agreement.items)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for item, table in zip(agreement.items, document.tables, strict=True):
        assert f"{item.number}. {item.title}" in headings
        assert [c.text for c in table.rows[0].cells] == ["Aftale #", "Indhold"]
        assert len(table.rows) == 1 + len(ROWS)
        for row_def, row in zip(ROWS, table.rows[1:], strict=True):
            label, content = row.cells
            assert label.text == row_def.da
            if row_def.key == "deadline":
                continue
            assert _cell_text(content) == plain(parse_texts(item.rows[row_def.key]))
    deadline = document.tables[0].rows[1 + 5].cells[1].text
    assert deadline == "Juni 2016. (30. juni 2016)"
    assert document.tables[2].rows[6].cells[1].text == "Ultimo 2016 (31. december 2016)"
    # Real Word lists, not dashes typed into text.
    styles = {
        p.style.name for t in document.tables for c in t.columns[1].cells for p in c.paragraphs
    }
    assert {"List Bullet", "List Number"} <= styles
    body = [p.text for p in document.paragraphs]
    assert body[:2] == ["Center for Handicap og Psykiatri", "29. februar 2016"]
    assert "Udviklingsaftale mellem" in body
    assert "Handicap og Psykiatriudvalget og Handicap og Psykiatrichefen" in body
    validity = "Aftalen er gældende for d. 29. februar 2016 til d. 31. december 2016."
    assert body.count(validity) == 1, "the purpose says it already: not repeated"


def test_document_properties_page_setup_and_draft_mark(workbook: Path) -> None:
    docx = _render(workbook)
    document = Document(str(docx))
    core = document.core_properties
    assert core.title == "Udviklingsaftale for 2016"
    assert core.author == "Center for Handicap og Psykiatri"
    assert "python-docx" not in (core.comments or "")
    fixed = datetime(2016, 2, 29, tzinfo=UTC)
    assert core.created == fixed and core.modified == fixed
    assert core.language == "da-DK"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "UDKAST" in section.header.paragraphs[0].text
    with zipfile.ZipFile(docx) as package:
        names = package.namelist()
        custom = package.read("docProps/custom.xml").decode()
        styles = package.read("word/styles.xml").decode()
        footer = "".join(package.read(n).decode() for n in names if "footer" in n)
        doc_xml = package.read("word/document.xml").decode()
        core_xml = package.read("docProps/core.xml").decode()
    assert names[0] == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in names
    assert "python-docx" not in core_xml
    assert 'name="devagree.id"><vt:lpwstr>slagelse-chp-2016<' in custom
    assert 'name="devagree.digest"><vt:lpwstr>sha256:' in custom
    assert 'w:lang w:val="da-DK"' in styles
    assert " PAGE " in footer and " NUMPAGES " in footer and "Side " in footer
    assert doc_xml.count("<w:cantSplit/>") == 4 * 13
    assert doc_xml.count("<w:tblHeader/>") == 4
    assert 'w:fill="D9D9D9"' in doc_xml
    table = document.tables[0]
    assert table.columns[0].width == table.rows[1].cells[0].width


def test_two_renders_are_byte_identical(workbook: Path, tmp_path: Path) -> None:
    first = _render(workbook).read_bytes()
    again = devagree(workbook, "render", "-o", "again")
    assert again.returncode == 0
    assert (workbook / "again" / "slagelse-chp-2016.docx").read_bytes() == first


def test_signed_agreement_has_no_draft_mark_and_prints_the_signature(workbook: Path) -> None:
    done = devagree(
        workbook,
        "sign",
        NAME,
        "--party",
        "chief",
        "--name",
        "Ole Hansen",
        "--date",
        "2016-03-02",
        "--place",
        "Slagelse",
    )
    assert done.returncode == 0, done.stderr
    document = Document(str(_render(workbook)))
    assert "UDKAST" not in document.sections[0].header.paragraphs[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Underskrevet af: Ole Hansen" in text
    assert "Sted og dato: Slagelse, 2. marts 2016" in text
    assert "Tekstens fingeraftryk: sha256:" in text


def _seed_words() -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", SEED_TEXT.read_text(encoding="utf-8")))
    return re.findall(r"\w+", text.lower())


def test_pdf_holds_the_seed_words_in_order(workbook: Path) -> None:
    need_soffice()
    done = devagree(workbook, "render", "-o", "out", "--pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = workbook / "out" / "slagelse-chp-2016.pdf"
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    ours = re.findall(r"\w+", text.lower())
    seed = _seed_words()
    matcher = difflib.SequenceMatcher(None, seed, ours, autojunk=False)
    ratio = sum(block.size for block in matcher.get_matching_blocks()) / len(seed)
    print(f"words in order: {ratio:.4f} of {len(seed)}")
    assert ratio >= 0.98
    assert "Side 1 af" in text and "UDKAST" in text


def test_control_character_is_a_clear_message_and_others_still_render(workbook: Path) -> None:
    text = (workbook / NAME).read_text(encoding="utf-8")
    bad = text.replace("id: slagelse-chp-2016", "id: broken-2016")
    lines = bad.splitlines(keepends=True)
    start = "    couplings: Ved realiseringen af dette mål"
    index = next(i for i, x in enumerate(lines) if x.startswith(start))
    lines[index] = '    couplings: "Ved\\vrealiseringen"\n'
    (workbook / "agreements" / "broken-2016.yaml").write_text("".join(lines), encoding="utf-8")
    done = devagree(workbook, "render", "-o", "out")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    # The workbook is Danish, and so is the message.
    assert "punkt 2, Koblinger (`couplings`)" in done.stderr and "U+000B" in done.stderr
    assert (workbook / "out" / "slagelse-chp-2016.docx").is_file()
    assert not (workbook / "out" / "broken-2016.docx").exists()
    assert not list((workbook / "out").glob(".*"))


def test_template_export_and_missing_style(workbook: Path) -> None:
    done = devagree(workbook, "template", "export", "letterhead.docx")
    assert done.returncode == 0, done.stderr
    document = Document(str(workbook / "letterhead.docx"))
    style = document.styles["List Number"].element
    style.getparent().remove(style)
    document.save(str(workbook / "letterhead.docx"))
    config = workbook / "devagree.yaml"
    config.write_text(config.read_text() + "template: letterhead.docx\n")
    done = devagree(workbook, "render", "-o", "out")
    assert done.returncode == 1
    assert '"List Number"' in done.stderr and "Traceback" not in done.stderr


def test_workbook_template_is_used(workbook: Path) -> None:
    assert devagree(workbook, "template", "export", "letterhead.docx").returncode == 0
    document = Document(str(workbook / "letterhead.docx"))
    document.sections[0].footer.paragraphs[0].text = "Slagelse Kommune · Brevpapir"
    document.save(str(workbook / "letterhead.docx"))
    config = workbook / "devagree.yaml"
    config.write_text(config.read_text() + "template: letterhead.docx\n")
    rendered = Document(str(_render(workbook)))
    footer = [p.text for p in rendered.sections[0].footer.paragraphs]
    assert footer[0] == "Slagelse Kommune · Brevpapir"
    assert any(text.startswith("Side ") for text in footer)


def test_english_labels(workbook: Path) -> None:
    config = workbook / "devagree.yaml"
    config.write_text(config.read_text().replace("language: da", "language: en"))
    document = Document(str(_render(workbook)))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels == ["Agreement #", *(row.en for row in ROWS)]
    assert document.core_properties.language == "en-GB"


def _certificate(folder: Path, password: bytes) -> tuple[Path, bytes]:
    """A throwaway self-signed signing certificate as PKCS#12, and the certificate (DER)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Sekretær")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        b"test", key, cert, None, serialization.BestAvailableEncryption(password)
    )
    path = folder / "cert.p12"
    path.write_bytes(blob)
    return path, cert.public_bytes(serialization.Encoding.DER)


def test_signed_pdf_validates_with_pyhanko(workbook: Path) -> None:
    need_soffice()
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    p12, der = _certificate(workbook, b"hemmeligt")
    wrong = devagree(
        workbook,
        "render",
        "-o",
        "out",
        "--certificate",
        str(p12),
        env={"DEVAGREE_CERT_PASSWORD": "forkert"},
    )
    assert wrong.returncode != 0
    assert "forkert adgangskode" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (workbook / "out" / "slagelse-chp-2016.pdf").exists()

    done = devagree(
        workbook,
        "render",
        "-o",
        "out",
        "--certificate",
        str(p12),
        env={"DEVAGREE_CERT_PASSWORD": "hemmeligt"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = workbook / "out" / "slagelse-chp-2016.pdf"
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    with pdf.open("rb") as handle:
        reader = PdfFileReader(handle)
        assert len(reader.embedded_signatures) == 1
        status = validate_pdf_signature(reader.embedded_signatures[0], context)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
