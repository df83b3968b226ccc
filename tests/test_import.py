"""`devagree import` and `devagree new --from`: a corpus of Word layouts, round trips through
the renderer, LibreOffice formats, renewal, and bad input."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DANISH, REPO, SEED, assert_no_traceback, run
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from word_corpus import CUSTOM_LABELS, LAYOUTS, build

from devagree.checks.placeholders import MARKER
from devagree.core.loader import load
from devagree.core.model import ROWS, agreement_from_data
from devagree.core.richtext import parse_texts
from devagree.importing import import_document
from devagree.render.docx import RenderOptions, render_docx

EXAMPLE = REPO / "examples" / "english" / "agreements" / "exampleton-family-2026.yaml"
RICH = {"purpose", *(row.key for row in ROWS if row.key != "deadline")}


def _workbook(folder: Path, labels: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = "kind: workbook\nversion: 1\n"
    if labels:
        text += "import:\n  labels:\n" + "".join(f'    "{k}": {v}\n' for k, v in labels.items())
    (folder / "devagree.yaml").write_text(text, encoding="utf-8")
    (folder / "agreements").mkdir(exist_ok=True)
    return folder


def _same(expected: Any, got: Any, key: str = "") -> bool:
    """Equal data; a placeholder matches any placeholder, rich text compares as blocks."""
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and set(expected) == set(got)
            and all(_same(expected[k], got[k], k) for k in expected)
        )
    if isinstance(expected, list) and key not in ("indicators", "documentation"):
        return (
            isinstance(got, list)
            and len(expected) == len(got)
            and all(_same(e, g, key) for e, g in zip(expected, got, strict=True))
        )
    if expected == "<TODO>":
        return isinstance(got, str) and bool(MARKER.search(got))
    if key in RICH or key == "text":
        return isinstance(got, str | list) and parse_texts(expected) == parse_texts(got)
    return bool(expected == got)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_corpus_layout_imports_to_the_expected_data(layout: str, tmp_path: Path) -> None:
    labels = CUSTOM_LABELS if layout == "custom-template" else None
    folder = _workbook(tmp_path, labels)
    document, expected = build(layout, tmp_path)
    result = run("import", document, "--id", "imported-2027", cwd=folder)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    target = folder / "agreements" / "imported-2027.yaml"
    text = target.read_text("utf-8")
    data = load(str(target), text).data
    assert data.pop("kind") == "agreement" and data.pop("version") == 1
    assert data.pop("id") == "imported-2027"
    digest = hashlib.sha256(document.read_bytes()).hexdigest()
    assert data.pop("imported_from") == {"file": document.name, "sha256": digest}
    assert _same(expected, data), (expected, data)
    for entry in expected.get("unplaced", ()):
        assert f"{entry['where']}:" in result.stdout
    # a devagree file: the layout's field order, and only placeholders for `check` to report
    assert text.index("title:") < text.index("parties:") < text.index("items:")
    checked = run("check", "--as-of", expected["period"]["start"], cwd=folder)
    codes = {line.split()[1] for line in checked.stdout.splitlines() if line.startswith("agree")}
    assert codes <= {"DA209"}, checked.stdout
    rendered = run("render", target, "-o", tmp_path / "out", cwd=folder)
    assert_no_traceback(rendered)
    assert (tmp_path / "out" / "imported-2027.docx").is_file(), rendered.stderr


def test_an_imported_agreement_renders_back_to_word(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("bold-label-paragraphs", tmp_path)
    assert run("import", document, "--id", "x-2027", cwd=folder).returncode == 0
    rendered = run("render", "-o", tmp_path / "out", cwd=folder)
    assert rendered.returncode == 0, rendered.stderr
    words = " ".join(p.text for p in Document(str(tmp_path / "out" / "x-2027.docx")).paragraphs)
    assert "Forebyggelse" in words and "Frivillighed" in words


# --- round trip: import(render(agreement)) ----------------------------------------------------


def _agreed(data: dict[str, Any]) -> dict[str, Any]:
    """What a rendered Word document carries: no links, status, signatures or pins."""
    out = {k: v for k, v in data.items() if k not in ("kind", "version", "id", "signatures")}
    out["items"] = [
        {k: v for k, v in item.items() if k not in ("links", "status", "due")}
        for item in data["items"]
    ]
    return out


def _round_trip(data: dict[str, Any], folder: Path, language: str = "da") -> dict[str, Any]:
    agreement = agreement_from_data("x.yaml", data)
    path = folder / f"{data['id']}.docx"
    path.write_bytes(render_docx(agreement, RenderOptions(language=language)))
    imported = import_document(path, municipality=data["municipality"])
    assert imported.unplaced == []
    return imported.data


@pytest.mark.parametrize("source", [SEED, EXAMPLE], ids=["seed", "english-example"])
def test_round_trip_through_word(source: Path, tmp_path: Path) -> None:
    data = load(str(source), source.read_text("utf-8")).data
    language = "en" if source == EXAMPLE else "da"
    got = _round_trip(data, tmp_path, language)
    assert _same(_agreed(data), got), got


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=2, max_size=8)
sentences = st.lists(words, min_size=1, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")
rich = st.one_of(
    sentences,
    st.lists(sentences, min_size=2, max_size=3).map("\n\n".join),
    st.lists(sentences, min_size=1, max_size=3).map(lambda s: "\n".join(f"- {x}" for x in s)),
    st.tuples(words, sentences).map(lambda p: f"**{p[0].capitalize()}** {p[1]}"),
)
deadlines = st.sampled_from(["Juni 2016", "Ultimo 2016", "løbende", "1. kvartal 2016", "2016"])


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    items = []
    for number in range(1, count + 1):
        item: dict[str, Any] = {"number": number, "title": draw(sentences).rstrip(".")}
        for row in ROWS:
            item[row.key] = draw(deadlines) if row.key == "deadline" else draw(rich)
        items.append(item)
    return {
        "kind": "agreement",
        "version": 1,
        "id": "genereret-2016",
        "title": "Udviklingsaftale for 2016",
        "municipality": "Slagelse Kommune",
        "organisation": "Center for " + draw(words).capitalize(),
        "parties": [
            {"role": "committee", "name": draw(words).capitalize() + "udvalget"},
            {"role": "chief", "name": draw(words).capitalize() + "chefen"},
        ],
        "date": "2016-02-29",
        "period": {"start": "2016-02-29", "end": "2016-12-31"},
        "purpose": draw(rich),
        "vision": {"title": "Udvalgets vision", "text": draw(rich)},
        "items": items,
    }


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(agreements())
def test_round_trip_of_generated_agreements(tmp_path: Path, data: dict[str, Any]) -> None:
    got = _round_trip(data, tmp_path)
    assert _same(_agreed(data), got), (data, got)


# --- LibreOffice formats -------------------------------------------------------------------


CONVERSIONS = [
    ("label-tables-with-header", "doc"),
    ("word-lists-in-cells", "doc"),
    ("word-lists-in-cells", "odt"),
    ("seed-original", "rtf"),
]


def _convert(document: Path, suffix: str, folder: Path) -> Path:
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice is needed (see .ci/run)"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            str(folder / suffix),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / suffix / f"{document.stem}.{suffix}"


@pytest.mark.parametrize(("layout", "suffix"), CONVERSIONS)
def test_legacy_formats_made_by_libreoffice_import_to_the_same_result(
    layout: str, suffix: str, tmp_path: Path
) -> None:
    document, _expected = build(layout, tmp_path)
    legacy = _convert(document, suffix, tmp_path)
    if suffix == "doc":
        assert legacy.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert import_document(legacy).data == import_document(document).data


def test_without_libreoffice_a_doc_is_refused_clearly(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    document, _expected = build("bold-label-paragraphs", tmp_path)
    legacy = _convert(document, "doc", tmp_path)
    result = run("import", legacy, cwd=folder, env={"PATH": str(Path(sys.executable).parent)})
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "LibreOffice" in result.stdout + result.stderr and legacy.name in result.stdout + (
        result.stderr
    )
    assert list((folder / "agreements").iterdir()) == []


# --- batches and never overwriting ----------------------------------------------------------


def test_a_folder_imports_as_a_batch_and_failures_do_not_stop_it(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    build("label-tables-with-header", inbox)
    build("english-word-numbered", inbox)
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    result = run("import", inbox, cwd=folder)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "broken.docx" in result.stdout + result.stderr
    written = sorted(p.name for p in (folder / "agreements").iterdir())
    assert written == [
        "center-for-sundhed-og-omsorg-2027.yaml",
        "centre-for-children-and-families-2027.yaml",
    ]
    again = run(
        "import",
        inbox / "english-word-numbered.docx",
        "-o",
        folder / "agreements" / "centre-for-children-and-families-2027.yaml",
        "--again",
        cwd=folder,
    )
    assert again.returncode == 2 and "never overwrites" in again.stdout + again.stderr


def test_dry_run_writes_nothing_and_shows_the_yaml(tmp_path: Path) -> None:
    folder = _workbook(tmp_path)
    document, _expected = build("word-lists-in-cells", tmp_path)
    result = run("import", document, "--dry-run", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "kind: agreement" in result.stdout
    assert list((folder / "agreements").iterdir()) == []


# --- bad input ------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    out = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Udviklingsaftale for 2027")
    doc.save(out)
    return out.getvalue()


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "text.docx": b"just text, not a Word file\n",
        "truncated.docx": _docx_bytes()[:700],
        "empty.docx": b"",
    }
    # a password-protected .docx is an OLE container holding EncryptionInfo
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    ole += "EncryptionInfo".encode("utf-16-le") + b"\0" * 512
    files["protected.docx"] = bytes(ole)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 << 20))
    files["bomb.docx"] = bomb.getvalue()
    paths = {}
    for name, content in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    return paths


def test_bad_input_is_refused_with_the_file_named_and_nothing_written(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, path in _bad_files(inbox).items():
        result = run("import", path, cwd=folder)
        assert_no_traceback(result)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert name in result.stdout + result.stderr
        assert list((folder / "agreements").iterdir()) == [], name
    protected = run("import", inbox / "protected.docx", cwd=folder)
    assert "password" in protected.stdout + protected.stderr
    bomb = run("import", inbox / "bomb.docx", cwd=folder)
    assert "zip bomb" in bomb.stdout + bomb.stderr


def test_a_docm_is_read_without_its_macros(tmp_path: Path) -> None:
    document, expected = build("label-tables-with-header", tmp_path)
    source = zipfile.ZipFile(document)
    docm = tmp_path / "with-macros.docm"
    with zipfile.ZipFile(docm, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    b".main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(member, content)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro project")
    imported = import_document(docm)
    assert imported.data["items"][0]["title"] == expected["items"][0]["title"]
    assert any("macro" in note for note in imported.notes)


# --- renewal ----------------------------------------------------------------------------------


def _state(folder: Path, number: int, state: str) -> None:
    result = run(
        "status",
        "agreements/slagelse-chp-2016.yaml",
        str(number),
        "--state",
        state,
        "--as-of",
        "2016-10-01",
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr


def test_renewal_carries_items_over_and_leaves_history_behind(repo_workbook: Path) -> None:
    folder = repo_workbook
    _state(folder, 2, "done")
    _state(folder, 4, "cancelled")
    result = run(
        "new",
        "--from",
        "agreements/slagelse-chp-2016.yaml",
        "--year",
        "2017",
        "--open-only",
        cwd=folder,
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    target = folder / "agreements" / "slagelse-chp-2017.yaml"
    data = load(str(target), target.read_text("utf-8")).data
    old = load(str(SEED), SEED.read_text("utf-8")).data
    assert data["renews"] == "slagelse-chp-2016"
    assert data["title"] == "Udviklingsaftale 2017 for Center for Handicap og Psykiatri"
    assert data["parties"] == old["parties"]
    assert data["period"] == {"start": "2017-02-28", "end": "2017-12-31"}
    assert [item["title"] for item in data["items"]] == [
        old["items"][0]["title"],
        old["items"][2]["title"],
    ]
    assert [item["number"] for item in data["items"]] == [1, 2]
    assert "signatures" not in data
    assert all("status" not in item for item in data["items"])
    for item in data["items"]:
        assert MARKER.search(item["deadline"]) and "2016" in item["deadline"]
        assert item["goal"] == next(o for o in old["items"] if o["title"] == item["title"])["goal"]
    checked = run("check", "--as-of", "2017-03-01", cwd=folder)
    flagged = [line for line in checked.stdout.splitlines() if "slagelse-chp-2017" in line]
    assert flagged and all(" DA209 " in line and "deadline" in line for line in flagged), flagged
    rendered = run("render", "agreements/slagelse-chp-2017.yaml", "-o", folder / "out", cwd=folder)
    assert rendered.returncode in (0, 1), rendered.stderr
    assert (folder / "out" / "slagelse-chp-2017.docx").is_file()


def test_renewal_never_overwrites(repo_workbook: Path) -> None:
    args = (
        "new",
        "--from",
        "agreements/slagelse-chp-2016.yaml",
        "--year",
        "2016",
        "--id",
        "slagelse-chp-2016",
    )
    result = run(*args, cwd=repo_workbook)
    assert result.returncode == 2
    assert date(2016, 1, 1)  # the clock is never read: --year is given


def test_a_document_without_a_year_needs_year(tmp_path: Path) -> None:
    folder = _workbook(tmp_path / "wb")
    doc = Document()
    doc.add_paragraph().add_run("1. Trivsel").bold = True
    table = doc.add_table(rows=0, cols=2)
    for label, text in [
        ("Mål", "Bedre trivsel."),
        ("Aktivitet", "Workshops."),
        ("Deadline", "Juni"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, text
    doc.add_paragraph()
    doc.save(str(tmp_path / "no-year.docx"))
    refused = run("import", tmp_path / "no-year.docx", cwd=folder)
    assert refused.returncode == 2 and "--year" in refused.stdout + refused.stderr
    assert list((folder / "agreements").iterdir()) == []
    done = run("import", tmp_path / "no-year.docx", "--year", "2027", cwd=folder)
    assert done.returncode == 0, done.stderr
    data = load("x", (folder / "agreements" / "udviklingsaftale-2027.yaml").read_text("utf-8")).data
    assert data["period"] == {"start": "2027-01-01", "end": "2027-12-31"}
    assert data["items"][0]["goal"] == "Bedre trivsel."


def test_a_bad_id_is_explained_in_the_readers_language(repo_workbook: Path) -> None:
    made = run("render", "agreements/slagelse-chp-2016.yaml", "-o", "seed.docx", cwd=repo_workbook)
    assert made.returncode == 0, made.stderr
    for args in (
        ("import", "seed.docx", "--id", "Bad Id"),
        ("new", "--from", "agreements/slagelse-chp-2016.yaml", "--id", "Bad Id"),
    ):
        refused = run(*args, cwd=repo_workbook, env=DANISH)
        assert refused.returncode == 2, refused.stderr
        assert "et id må kun have små bogstaver" in refused.stderr, refused.stderr
        english = run(*args, cwd=repo_workbook)
        assert "an id may hold only lowercase letters" in english.stderr, english.stderr
