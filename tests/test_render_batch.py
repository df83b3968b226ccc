"""Rendering many documents: in parallel and serially the same bytes, order and failures.

Also the pieces that make it fast without changing a byte: the deterministic zip writer,
the template opened once per process, and core properties cut to what Word holds.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, assert_no_traceback, run
from docx import Document

from devagree.render.batch import Renderer, render_document
from devagree.render.determinism import FIXED_TIME, zip_bytes
from devagree.render.docx import RenderOptions
from devagree.render.docx_fields import CORE_LIMIT, clip
from devagree.workbook.pipeline import check_workbook

AGREEMENT = "agreements/slagelse-chp-2016.yaml"


def _copies(workbook: Path, count: int) -> None:
    """``count`` more agreements: the seed under other ids (and titles)."""
    text = (workbook / AGREEMENT).read_text(encoding="utf-8")
    for number in range(count):
        copy = text.replace("id: slagelse-chp-2016", f"id: copy-{number:02d}").replace(
            "title: Udviklingsaftale for 2016", f"title: Udviklingsaftale for 2016, nr. {number}"
        )
        (workbook / "agreements" / f"copy-{number:02d}.yaml").write_text(copy, encoding="utf-8")


def _sums(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def _written(stdout: str, folder: str) -> list[str]:
    return [line.removeprefix(f"wrote {folder}/") for line in stdout.splitlines()]


def test_parallel_render_is_byte_identical_and_in_the_same_order(repo_workbook: Path) -> None:
    _copies(repo_workbook, 5)
    serial = run("render", "-o", "serial", "--jobs", "1", cwd=repo_workbook)
    parallel = run("render", "-o", "parallel", "--jobs", "3", cwd=repo_workbook)
    again = run("render", "-o", "again", "--jobs", "2", cwd=repo_workbook)
    for done in (serial, parallel, again):
        assert done.returncode == 0, done.stderr
        assert_no_traceback(done)
    assert len(_sums(repo_workbook / "serial")) == 10  # 6 agreements and 4 strategies
    assert _sums(repo_workbook / "parallel") == _sums(repo_workbook / "serial")
    assert _sums(repo_workbook / "again") == _sums(repo_workbook / "serial")
    order = _written(serial.stdout, "serial")
    assert _written(parallel.stdout, "parallel") == order
    assert _written(again.stdout, "again") == order
    workbook = check_workbook([], date(2016, 3, 1), start=repo_workbook)
    expected = [f"{d.id}.docx" for d in (*workbook.agreements, *workbook.strategies)]
    assert order == expected


def test_a_failing_document_is_reported_and_the_others_written(repo_workbook: Path) -> None:
    _copies(repo_workbook, 3)
    broken = repo_workbook / "agreements" / "copy-01.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, x in enumerate(lines) if x.startswith("    couplings: Ved "))
    lines[index] = '    couplings: "Ved\\vrealiseringen"\n'
    broken.write_text("".join(lines), encoding="utf-8")
    done = run("render", "-o", "out", "--jobs", "2", cwd=repo_workbook)
    assert done.returncode == 1
    assert_no_traceback(done)
    failed = [line for line in done.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "copy-01" in failed[0] and "U+000B" in failed[0]
    names = sorted(path.name for path in (repo_workbook / "out").iterdir())
    assert "copy-01.docx" not in names
    assert {"copy-00.docx", "copy-02.docx", "slagelse-chp-2016.docx"} <= set(names)
    assert len(names) == 7  # 3 of the 4 agreements and the 4 strategies
    workbook = check_workbook([], date(2016, 3, 1), start=repo_workbook)
    expected = [f"{d.id}.docx" for d in (*workbook.agreements, *workbook.strategies)]
    assert _written(done.stdout, "out") == [name for name in expected if name != "copy-01.docx"]


def test_renderer_hands_results_on_in_order_with_honest_progress(repo_workbook: Path) -> None:
    _copies(repo_workbook, 6)
    workbook = check_workbook([], date(2016, 3, 1), start=repo_workbook)
    documents = [*workbook.agreements, *workbook.strategies]
    options = RenderOptions(language="da")
    steps: list[int] = []
    with Renderer(options, 2) as renderer:
        results = list(renderer.render(documents, steps.append))
    assert [r.index for r in results] == list(range(len(documents)))
    assert sum(steps) == len(documents) and all(step > 0 for step in steps)
    for result, document in zip(results, documents, strict=True):
        assert result.error == ""
        assert result.data == render_document(document, options)


def test_template_copies_do_not_leak_between_documents(repo_workbook: Path) -> None:
    """A document rendered after others is the one rendered first in a fresh process."""
    workbook = check_workbook([], date(2016, 3, 1), start=repo_workbook)
    options = RenderOptions(language="da")
    agreement = workbook.agreements[0]
    first = render_document(agreement, options)
    for strategy in workbook.strategies:
        render_document(strategy, options)
    assert render_document(agreement, options) == first
    out = repo_workbook / "alone"
    done = run("render", AGREEMENT, "-o", "alone", "-j", "1", cwd=repo_workbook)
    assert done.returncode == 0, done.stderr
    assert (out / "slagelse-chp-2016.docx").read_bytes() == first


def _zipfile_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """What the standard zipfile module writes with the same fixed settings."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()


def test_zip_writer_gives_the_same_bytes_for_the_same_members() -> None:
    large = ("<styles>" + "x" * 70_000 + "</styles>").encode()
    members = [
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", "<body>æøå</body>".encode()),
        ("word/styles.xml", large),
        ("word/ø-name.xml", b""),
    ]
    assert zip_bytes(members) == _zipfile_bytes(members)
    assert zip_bytes(reversed(members)) == zip_bytes(members)  # order is the writer's
    changed = [*members[:3], ("word/styles.xml", large.replace(b"x", b"y", 1)), members[4]]
    assert zip_bytes(changed) == _zipfile_bytes(changed)  # a changed member is written anew
    with zipfile.ZipFile(io.BytesIO(zip_bytes(members))) as archive:
        assert archive.testzip() is None
        assert archive.read("word/styles.xml") == large


def test_long_core_properties_are_cut(tmp_path: Path, repo_workbook: Path) -> None:
    assert clip("a" * CORE_LIMIT) == "a" * CORE_LIMIT
    assert clip("a" * 300) == "a" * (CORE_LIMIT - 1) + "\u2026"
    _copies(repo_workbook, 12)
    done = run("report", "--as-of", "2016-09-30", "-o", "report.docx", cwd=repo_workbook)
    assert done.returncode == 0, done.stderr
    core = Document(str(repo_workbook / "report.docx")).core_properties
    assert len(core.subject) == CORE_LIMIT and core.subject.endswith("\u2026")
    assert core.subject.startswith("Udviklingsaftale for 2016")


def test_pdfs_of_a_batch_and_a_file_libreoffice_cannot_read(tmp_path: Path) -> None:
    from devagree.render.pdf import PdfError, docx_to_pdfs

    if shutil.which("soffice") is None:
        pytest.fail("soffice (LibreOffice) is not installed; .ci/run installs it")
    workbook = check_workbook([], date(2016, 3, 1), start=REPO)
    good = [tmp_path / "a.docx", tmp_path / "b.docx"]
    data = render_document(workbook.agreements[0], RenderOptions(language="da"))
    for path in good:
        path.write_bytes(data)
    bad = tmp_path / "c.docx"
    bad.write_bytes(data[:3000])  # a cut-off zip: LibreOffice cannot load it
    seen: list[int] = []
    results = docx_to_pdfs([*good, bad], converted=lambda: seen.append(1))
    for path in good:
        made = results[path]
        assert made == path.with_suffix(".pdf") and made.read_bytes().startswith(b"%PDF")
    assert isinstance(results[bad], PdfError)
    assert "c.docx" in str(results[bad]) and "could not be loaded" in str(results[bad])
    assert len(seen) >= 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.docx",
        "a.pdf",
        "b.docx",
        "b.pdf",
        "c.docx",
    ]


def test_a_rendered_document_is_not_kept_in_memory() -> None:
    """Each document's builder goes with it (a table of builders kept every document)."""
    import gc
    import weakref

    from devagree.render.docx_build import Builder
    from devagree.render.docx_template import open_template

    document = open_template(None)
    Builder.of(document).add_paragraph("text", "Heading 1")
    gone = weakref.ref(document)
    del document
    gc.collect()
    assert gone() is None


def test_the_builder_keeps_python_docx_calls_in_order() -> None:
    """Its own calls and python-docx's (through it) all end up before the final section."""
    from devagree.render.docx_build import Builder
    from devagree.render.docx_template import open_template

    document = open_template(None)
    builder = Builder.of(document)
    builder.add_heading("Overskrift", level=1)
    builder.add_table(rows=1, cols=2)  # python-docx's own, forwarded
    grid = builder.add_grid([builder.text_width // 2] * 2, rows=2, header=True)
    builder.add_paragraph("slut")
    tags = [child.tag.rsplit("}", 1)[1] for child in document.element.body]
    assert tags == ["p", "tbl", "tbl", "p", "sectPr"]
    assert len(grid.rows) == 2 and len(grid.rows[0].cells) == 2
    assert grid.rows[0].tr.trPr.xpath("./w:tblHeader")  # the header row repeats
    assert not grid.rows[1].tr.trPr.xpath("./w:tblHeader")
