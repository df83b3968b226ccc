"""Writers stay inside their folder, and readers read regular files only.

A symbolic link inside the folder a command writes to (site, render, report, export, init's
.gitignore) is never followed, written over nor removed through: the command refuses, says
why in one line, and every file inside and outside stays as it was. A named pipe or a device
given to a reader is refused at once (``import`` of a FIFO used to wait forever).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import assert_no_traceback, run, standalone_seed_text

NAME = "agreements/slagelse-chp-2016.yaml"
LINK_REFUSAL = "is a symbolic link; devagree writes only inside"


def _snapshot(*folders: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and link (its target) under the folders."""
    found: dict[str, bytes | str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                found[str(path)] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path)] = path.read_bytes()
            else:
                found[str(path)] = "folder"
    return found


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    (folder / "agreements").mkdir(parents=True)
    (folder / NAME).write_text(standalone_seed_text(), encoding="utf-8")
    second = standalone_seed_text().replace("id: slagelse-chp-2016", "id: anden-aftale-2016")
    (folder / "agreements/anden.yaml").write_text(second, encoding="utf-8")
    (folder / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "keep.txt").write_text("not devagree's\n", encoding="utf-8")
    (folder / "anden-aftale-2016.html").write_text("someone else's page\n", encoding="utf-8")
    return folder


def _refused(done: object, *, code: int = 2) -> None:
    assert_no_traceback(done)  # type: ignore[arg-type]
    assert done.returncode == code, done.stdout + done.stderr  # type: ignore[attr-defined]
    assert LINK_REFUSAL in done.stderr  # type: ignore[attr-defined]


# --- site ------------------------------------------------------------------------------------


def test_site_never_writes_through_a_linked_folder(book: Path, outside: Path) -> None:
    assert run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book).returncode == 0
    site = book / "site"
    shutil.rmtree(site / "agreements")
    (site / "agreements").symlink_to(outside, target_is_directory=True)
    before = _snapshot(site, outside)
    done = run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book)
    _refused(done)
    assert _snapshot(site, outside) == before


def test_site_never_removes_through_a_linked_folder(book: Path, outside: Path) -> None:
    assert run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book).returncode == 0
    pages = book / "site" / "agreements"
    shutil.rmtree(pages)
    pages.symlink_to(outside, target_is_directory=True)  # outside holds anden-aftale-2016.html
    (book / "agreements/anden.yaml").unlink()  # its page is now stale, and would be removed
    before = _snapshot(book / "site", outside)
    done = run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book)
    _refused(done)
    assert _snapshot(book / "site", outside) == before


def test_site_never_writes_over_a_linked_page(book: Path, outside: Path) -> None:
    assert run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book).returncode == 0
    page = book / "site" / "index.html"
    page.unlink()
    page.symlink_to(outside / "keep.txt")
    before = _snapshot(book / "site", outside)
    _refused(run("site", "-o", "site", "--as-of", "2016-09-01", cwd=book))
    assert _snapshot(book / "site", outside) == before


# --- render, report, export --------------------------------------------------------------------


def test_render_never_writes_through_a_linked_document(book: Path, outside: Path) -> None:
    out = book / "out"
    out.mkdir()
    (out / "slagelse-chp-2016.docx").symlink_to(outside / "keep.txt")
    before = _snapshot(outside)
    done = run("render", "-o", "out", cwd=book)
    _refused(done, code=1)
    assert (out / "anden-aftale-2016.docx").is_file()  # the others are rendered
    assert (out / "slagelse-chp-2016.docx").is_symlink()
    assert _snapshot(outside) == before


@pytest.mark.parametrize(
    "command",
    [
        ("report", "-o", "linked.md", "--as-of", "2016-09-01"),
        ("export", "linked.xlsx", "--as-of", "2016-09-01"),
    ],
)
def test_report_and_export_never_write_through_a_link(
    book: Path, outside: Path, command: tuple[str, ...]
) -> None:
    (book / command[-3]).symlink_to(outside / "keep.txt")
    before = _snapshot(book, outside)
    _refused(run(*command, cwd=book))
    assert _snapshot(book, outside) == before


# --- init --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [".gitignore", ".gitattributes"])
def test_init_never_appends_to_a_linked_git_file(tmp_path: Path, outside: Path, name: str) -> None:
    workbook = tmp_path / "new"
    workbook.mkdir()
    (workbook / name).symlink_to(outside / "keep.txt")
    before = _snapshot(workbook, outside)
    _refused(run("init", "new", cwd=tmp_path))
    assert _snapshot(workbook, outside) == before


def test_init_never_creates_files_in_a_linked_folder(tmp_path: Path, outside: Path) -> None:
    workbook = tmp_path / "new"
    workbook.mkdir()
    (workbook / "schemas").symlink_to(outside, target_is_directory=True)
    before = _snapshot(workbook, outside)
    _refused(run("init", "new", cwd=tmp_path))
    assert _snapshot(workbook, outside) == before


# --- readers refuse what is not a file -----------------------------------------------------------


@pytest.fixture
def pipes(book: Path) -> Path:
    for name in ("pipe.docx", "pipe.yaml", "pipe.xlsx", "pipe.pdf", "pipe.pem", "pipe.p12"):
        os.mkfifo(book / name)
    return book


READERS = {
    "import": (("import", "pipe.docx", "--dry-run"), 2),
    "check": (("check", "pipe.yaml", "--as-of", "2016-03-01"), 2),
    "collect": (("collect", "pipe.xlsx", "--as-of", "2016-09-01"), 2),
    "status": (("status", "pipe.yaml", "1", "-s", "done", "--as-of", "2016-09-01"), 2),
    "sign": (("sign", "pipe.yaml", "--party", "chief", "--name", "Bo", "--date", "2016-03-01"), 2),
    "sign --from-pdf": (("sign", NAME, "--from-pdf", "pipe.pdf", "--party", "chief"), 2),
    "--trust": (("verify", NAME, "--pdf", "pipe.pdf", "--trust", "pipe.pem"), 2),
    "--certificate": (("render", NAME, "--certificate", "pipe.p12"), 1),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("case", list(READERS))
def test_a_named_pipe_is_refused_at_once(pipes: Path, case: str) -> None:
    command, code = READERS[case]
    before = _snapshot(pipes / "agreements")
    done = run(*command, cwd=pipes, env={"DEVAGREE_CERT_PASSWORD": "x"})
    assert_no_traceback(done)
    assert done.returncode == code, done.stdout + done.stderr
    assert "named pipe (FIFO), not a file" in done.stdout + done.stderr
    assert _snapshot(pipes / "agreements") == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_in_the_workbook_is_reported(pipes: Path) -> None:
    os.mkfifo(pipes / "agreements" / "pipe.yaml")
    done = run("check", "--as-of", "2016-03-01", cwd=pipes)
    assert done.returncode == 2, done.stdout
    assert (
        "agreements/pipe.yaml: DA001 error this is a named pipe (FIFO), not a file" in done.stdout
    )


def test_a_device_is_refused_at_once(book: Path) -> None:
    done = run("check", "/dev/zero", "--as-of", "2016-03-01", cwd=book)
    assert done.returncode == 2
    assert "/dev/zero: DA001 error this is a device, not a file" in done.stdout


def test_a_template_that_is_a_pipe_is_refused(pipes: Path) -> None:
    config = pipes / "devagree.yaml"
    config.write_text(config.read_text() + "template: pipe.docx\n", encoding="utf-8")
    done = run("render", NAME, "-o", "out", cwd=pipes)
    assert_no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "pipe.docx named in devagree.yaml: a named pipe (FIFO), not a file" in done.stderr
    assert not (pipes / "out" / "slagelse-chp-2016.docx").exists()
