"""Strategies shown and rendered: every word of the YAML in the Word file, in order; the PDF."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, STRATEGIES, assert_no_traceback, run
from docx import Document
from ruamel.yaml import YAML
from test_render import need_soffice

NAMES = sorted(path.stem for path in STRATEGIES.glob("*.yaml"))
VISION = "slagelse-vision-pejlemaerker-2020"
NOT_TEXT = frozenset({"kind", "version", "id", "due", "period", "date"})
"""Keys whose values are not prose (ids, dates): left out of the word comparison."""


def test_the_four_seed_strategies_are_there() -> None:
    assert len(NAMES) == 4 and VISION in NAMES


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's workbook rendered once: the agreement and the four strategies."""
    folder = tmp_path_factory.mktemp("book")
    shutil.copy(REPO / "devagree.yaml", folder / "devagree.yaml")
    shutil.copytree(REPO / "agreements", folder / "agreements")
    done = run("render", "-o", "out", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("wrote ") == 5
    return folder


def _strings(value: Any, key: str | None = None) -> Iterator[str]:
    """Every text of the YAML document, in the file's order."""
    if key in NOT_TEXT:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield value


def _docx_text(path: Path) -> str:
    """The body's paragraphs and table cells, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    texts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append(Paragraph(child, document).text)
        elif tag == "tbl":
            texts.extend(c.text for row in Table(child, document).rows for c in row.cells)
    return "\n".join(texts)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _yaml_words(name: str) -> list[str]:
    data = YAML(typ="safe").load((STRATEGIES / f"{name}.yaml").read_text(encoding="utf-8"))
    return _words("\n".join(_strings(data)))


def _ratio(expected: list[str], found: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


@pytest.mark.parametrize("name", NAMES)
def test_every_word_of_the_strategy_is_in_the_document_in_order(rendered: Path, name: str) -> None:
    expected = _yaml_words(name)
    ratio = _ratio(expected, _words(_docx_text(rendered / "out" / f"{name}.docx")))
    print(f"{name}: {ratio:.4f} of {len(expected)} words in order")
    assert ratio >= 0.98


def test_vision_document_structure(rendered: Path) -> None:
    path = rendered / "out" / f"{VISION}.docx"
    document = Document(str(path))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Vision og politiske pejlemærker"
    assert [p.text for p in paragraphs[1:4]] == [
        "Revideret juni 2020",
        "Udvalget for Specialiserede Borgerindsatser",
        "Slagelse Kommune",
    ]
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert "Første pejlemærke: Recovery og rehabilitering" in headings
    assert "Femte pejlemærke: Slagelse som Sælgerkommune" in headings
    assert headings[-1] == "Noter"
    subheadings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert subheadings.count("Budgetmæssige implikationer") == 5
    assert subheadings.count("Relation til FN's verdensmål") == 5
    styles = {p.style.name for p in paragraphs}
    assert {"List Bullet", "List Number"} <= styles
    text = "\n".join(p.text for p in paragraphs)
    assert "\u2013 efteråret 2020 (30. november 2020)" in text
    assert "Underskrifter" not in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Tekst", "Fase", "Beløb"]
    assert [r.cells[2].text for r in table.rows[1:]] == [
        "40.000 kr.",
        "75.000-125.000 kr.",
        "75.000-225.000 kr.",
        "ca. 100.000 kr.",
    ]
    assert table.rows[2].cells[1].text == "Udviklingsfasen"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "UDKAST" not in "".join(p.text for p in section.header.paragraphs)
    core = document.core_properties
    assert core.title == "Vision og politiske pejlemærker"
    assert core.author == "Udvalget for Specialiserede Borgerindsatser"
    assert core.language == "da-DK" and core.identifier == VISION
    with zipfile.ZipFile(path) as package:
        footer = "".join(package.read(n).decode() for n in package.namelist() if "footer" in n)
        custom = package.read("docProps/custom.xml").decode()
    assert " PAGE " in footer and "Side " in footer
    assert f'name="devagree.id"><vt:lpwstr>{VISION}<' in custom


def test_two_renders_are_byte_identical(rendered: Path) -> None:
    done = run("render", "-o", "again", cwd=rendered)
    assert done.returncode == 0, done.stderr
    for name in NAMES:
        first = (rendered / "out" / f"{name}.docx").read_bytes()
        assert (rendered / "again" / f"{name}.docx").read_bytes() == first, name


def test_one_strategy_to_pdf_with_libreoffice(rendered: Path) -> None:
    need_soffice()
    source = f"agreements/strategier/{VISION}.yaml"
    done = run("render", source, "-o", "pdf", "--pdf", cwd=rendered)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (rendered / "pdf").iterdir()) == [
        f"{VISION}.docx",
        f"{VISION}.pdf",
    ]
    text = subprocess.run(
        ["pdftotext", "-raw", str(rendered / "pdf" / f"{VISION}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expected = _yaml_words(VISION)
    ratio = _ratio(expected, _words(text))
    print(f"PDF: {ratio:.4f} of {len(expected)} words in order")
    assert ratio >= 0.98
    assert "Side 1 af" in text and "UDKAST" not in text
    assert "Første pejlemærke: Recovery og rehabilitering" in text


# --- show ---------------------------------------------------------------------------------


def _show(*args: str) -> str:
    result = run("show", *args, "--as-of", "2020-06-01", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    return result.stdout


def test_show_a_strategy_by_id() -> None:
    out = _show(VISION)
    for title in (
        "Første pejlemærke: Recovery og rehabilitering",
        "Andet pejlemærke: Udsathed og hjemløshed",
        "Femte pejlemærke: Slagelse som Sælgerkommune",
    ):
        assert title in out
    for goal in ("3. Sundhed og trivsel", "10. Mindre ulighed", "17. Partnerskaber for handling"):
        assert goal in out
    assert "75.000-125.000 kr." in out and "ca. 100.000 kr." in out
    assert "efteråret 2020 (30. november 2020)" in out
    assert "Visionen for det specialiserede borgerområde er:" in out
    assert "**" not in out and "\x1b[" not in out


def test_show_a_strategy_by_file_and_one_track() -> None:
    out = _show("agreements/strategier/faxe-voksenstrategi.yaml", "--track", "p2")
    assert "Sammen og på tværs" in out and "FOR SAMMEN KAN VI MERE!" in out
    assert "• når vi har en åben dialog mellem ledelse og medarbejdere" in out
    assert "Medborgerskab og ansvar  (p1)" not in out and "Forord" not in out
    vision = _show(VISION, "--track", "p1")
    assert "Recovery og rehabilitering" in vision and "Andet pejlemærke" not in vision


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((VISION, "--item", "1"), "--item applies to agreements"),
        ((VISION, "--track", "p9"), "has no track «p9»"),
        (("slagelse-chp-2016", "--track", "p1"), "--track applies to strategies"),
    ],
)
def test_show_option_errors(args: tuple[str, ...], message: str) -> None:
    result = run("show", *args, "--as-of", "2020-06-01", cwd=REPO)
    assert result.returncode == 2
    assert message in result.stderr
    assert_no_traceback(result)
