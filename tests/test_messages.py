"""Every message in the workbook's language: word for word per code, and no English in Danish.

The message of every problem code is compared, in Danish and in English, with the files in
``cases/messages``. Then every command runs on a Danish workbook, and its output may hold no
English function word outside quoted data, paths, codes and option names. Last, the Word
documents show no internal identifier (`committee`, `in_progress`, `part_of_year`, ...).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, DANISH, REPO, assert_no_traceback, devagree_command, run
from gitrepo import Repo

from devagree.checks import CODES

EVERY_PROBLEM = REPO / "examples" / "every-problem"
MESSAGES = CASES / "messages"
NOT_SHOWABLE_BY_A_COMMITTED_FILE = {"DA001", "DA010", "DA302"}
"""A missing file, a file over 2 MB and a git clone without the merge driver cannot be
committed as an example."""


@pytest.mark.parametrize(
    ("language", "env"), [("da", DANISH), ("en", {"DEVAGREE_LANG": "en"})], ids=["da", "en"]
)
def test_every_problem_message_word_for_word(language: str, env: dict[str, str]) -> None:
    expected = (MESSAGES / f"every-problem.{language}.txt").read_text(encoding="utf-8")
    result = run("check", "--as-of", "2016-03-01", cwd=EVERY_PROBLEM, env=env)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stdout.splitlines() == expected.splitlines()
    shown = {line.split()[1] for line in expected.splitlines() if re.match(r"\S+:? DA\d{3} ", line)}
    assert shown == set(CODES) - NOT_SHOWABLE_BY_A_COMMITTED_FILE


ENGLISH_WORDS = frozenset(
    (
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "not",
        "no",
        "none",
        "of",
        "and",
        "or",
        "with",
        "without",
        "from",
        "this",
        "that",
        "these",
        "which",
        "there",
        "their",
        "its",
        "it",
        "be",
        "been",
        "cannot",
        "can't",
        "should",
        "must",
        "will",
        "would",
        "item",
        "items",
        "file",
        "files",
        "folder",
        "folders",
        "agreement",
        "agreements",
        "strategy",
        "error",
        "errors",
        "warning",
        "warnings",
        "overdue",
        "due",
        "days",
        "ago",
        "checked",
        "wrote",
        "written",
        "signed",
        "signature",
        "signatures",
        "broken",
        "changed",
        "missing",
        "empty",
        "unknown",
        "please",
        "left",
        "out",
        "nothing",
        "problems",
        "found",
        "expected",
        "instead",
    )
)
"""Words that are not Danish, and that an English message can hardly do without."""

QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|`[^`]*`|'[^']*'|\([a-z_]+\)")
TOKENS_TO_SKIP = re.compile(
    r"\S*[/\\]\S*|\S+\.(?:yaml|yml|docx|md|pdf|json)\b|DA\d{3}|--?[a-z][\w-]*|\S*#\S*"
    r"|https?://\S+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b|::(?:error|warning)\b"
)


def english_words(text: str, data: str = "") -> list[str]:
    """English words in ``text``, outside quotes, paths, codes, options and the data."""
    allowed = {w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå]+", data)}
    found = []
    for line in text.splitlines():
        plain = TOKENS_TO_SKIP.sub(" ", QUOTED.sub(" ", line))
        for word in re.findall(r"[A-Za-zÆØÅæøå']+", plain):
            if word.lower() in ENGLISH_WORDS and word.lower() not in allowed:
                found.append(f"{word!r} in: {line.strip()}")
    return found


@pytest.fixture
def danish_book(tmp_path: Path) -> Path:
    """A Danish workbook: the repository's agreements and strategies."""
    book = tmp_path / "bog"
    shutil.copytree(REPO / "agreements", book / "agreements")
    shutil.copy(REPO / "devagree.yaml", book / "devagree.yaml")
    return book


def _workbook_data(book: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(book.rglob("*.yaml")))


def test_every_command_speaks_danish_on_a_danish_workbook(danish_book: Path) -> None:
    seed = "agreements/slagelse-chp-2016.yaml"
    out = danish_book / "ud"
    out.mkdir()
    data = _workbook_data(danish_book)
    runs: list[tuple[str, ...]] = [
        ("check", "--as-of", "2026-11-30"),
        ("check", "--as-of", "2026-11-30", "--verbose"),
        ("check", "--as-of", "2016-03-01"),
        ("deadlines", "--as-of", "2016-09-30"),
        ("deadlines", "--as-of", "2016-09-30", "--format", "github"),
        ("deadlines", "--as-of", "2016-09-30", "--within", "abc"),
        ("codes", "--format", "markdown"),  # the table's words, not wrapped inside `code`
        ("codes", "DA208"),
        ("codes", "DA999"),
        ("show", "slagelse-chp-2016", "--as-of", "2016-09-30"),
        ("show", "slagelse-chp-2016", "--item", "9", "--as-of", "2016-09-30"),
        ("show", "ukendt-id", "--as-of", "2016-09-30"),
        ("show", "slagelse-vision-pejlemaerker-2020"),
        ("coverage",),
        ("coverage", "--fail-under", "100"),
        ("coverage", "--format", "markdown"),
        ("report", "--as-of", "2016-09-30", "-o", "ud/rapport.md"),
        ("report", "--as-of", "2016-09-30", "-o", "ud/rapport.txt"),
        ("render", seed, "-o", "ud"),
        ("render", seed, "-o", "mangler/x.docx"),
        ("verify",),
        ("status", seed, "1", "--state", "in_progress", "--as-of", "2016-05-01"),
        ("status", seed, "9", "--state", "done", "--as-of", "2016-05-01"),
        ("status", seed, "1", "--state", "færdig", "--as-of", "2016-05-01"),
        ("status", seed, "1", "--state", "done", "--as-of", "2016-04-01"),
        ("sign", seed, "--party", "committee", "--name", "Anne Jensen", "--date", "2016-03-01"),
        ("sign", seed, "--party", "borgmester", "--name", "Anne Jensen", "--date", "2016-03-01"),
        ("sign", seed, "--party", "committee", "--name", "Anne Jensen", "--date", "2016-03-01"),
        ("verify",),
        ("new", "--no-input", "--id", "ny-aftale-2027", "--year", "2027"),
        ("new", "--no-input", "--id", "ny-aftale-2027", "--year", "2027"),
        ("check", "--as-of", "2027-03-01"),
        ("template", "export", "-o", "ud/skabelon.docx"),
        ("template", "export", "-o", "ud/skabelon.docx"),
        ("check", "ikke-her.yaml", "--as-of", "2016-03-01"),
        ("check", "--as-of", "i morgen"),
        ("site", "-o", "ud/site", "--as-of", "2016-09-30"),
        ("export", "-o", "ud/opfoelgning.xlsx", "--as-of", "2016-09-30"),
        ("export", "ud/opfoelgning.xlsx", "--as-of", "2016-09-30"),
        ("collect", "ud/opfoelgning.xlsx", "--as-of", "2016-09-30"),
        ("collect", "ikke-her.xlsx", "--as-of", "2016-09-30"),
        ("deadlines", "--as-of", "2016-09-30", "--format", "xlsx", "-o", "ud/frister.xlsx"),
        ("import", "ikke-her.docx"),
        ("import", "ud/aftale.docx", "--dry-run"),
        ("new", "--from", seed, "--year", "2017"),
        ("sign", seed, "--from-pdf", "ikke-her.pdf"),
        ("verify", seed, "--pdf", "ikke-her.pdf"),
    ]
    problems: list[str] = []
    for args in runs:
        result = run(*args, cwd=danish_book, env=DANISH)
        assert_no_traceback(result)
        found = english_words(result.stdout + "\n" + result.stderr, data)
        problems += [f"devagree {' '.join(args)}: {word}" for word in found]
    outside = danish_book.parent / "ny"
    init = run("init", str(outside), cwd=danish_book.parent, env={**DANISH, "LANG": "da_DK.UTF-8"})
    problems += [f"devagree init: {w}" for w in english_words(init.stdout + init.stderr)]
    report = (out / "rapport.md").read_text(encoding="utf-8")
    problems += [f"rapport.md: {w}" for w in english_words(report, data)]
    for page in sorted((out / "site").rglob("*.html")):
        found = english_words(_html_text(page), data)
        problems += [f"{page.relative_to(out)}: {w}" for w in found]
    for sheet in ("opfoelgning.xlsx", "frister.xlsx"):
        problems += [f"{sheet}: {w}" for w in english_words(_xlsx_text(out / sheet), data)]
    assert not problems, "\n".join(problems)


def test_the_merge_driver_and_its_set_up_speak_danish(danish_book: Path, tmp_path: Path) -> None:
    repo = Repo(danish_book, tmp_path / "home")
    env = {**repo.env, **DANISH}
    repo.git("init", "-q", "-b", "main")
    seed = "agreements/slagelse-chp-2016.yaml"
    text = repo.read(seed)
    goal = "Målet for 2016 er en samlet strategi"
    versions = {
        "base.yaml": text,
        "ours.yaml": text.replace(goal, "Målet for 2016 er en fælles strategi"),
        "theirs.yaml": text.replace(goal, "Målet for 2016 er en ny strategi"),
        "ikke-yaml.yaml": "kind: [agreement\n",
    }
    for name, content in versions.items():
        repo.write(f"ud/{name}", content)
    outputs = []
    for args in (
        ("init",),
        ("init",),
        ("merge-file", "ud/base.yaml", "ud/ours.yaml", "ud/theirs.yaml", seed),
        ("merge-file", "ud/base.yaml", "ud/ikke-yaml.yaml", "ud/theirs.yaml", seed),
    ):
        result = run(*args, cwd=danish_book, env=env)
        assert_no_traceback(result)
        outputs.append((args, result.stdout + result.stderr))
    repo.git("config", "--unset", "merge.devagree.driver")
    checked = run("check", "--as-of", "2016-03-01", cwd=danish_book, env=env)
    assert ".gitattributes:3:22: DA302 advarsel" in checked.stdout
    outputs.append((("check",), checked.stdout + checked.stderr))
    assert "registreret devagrees flettedriver" in outputs[0][1]
    assert "begge sider har ændret `goal` i punkt 1" in outputs[2][1]
    data = _workbook_data(danish_book)
    problems = [
        f"devagree {' '.join(args)}: {word}"
        for args, said in outputs
        for word in english_words(said, data)
    ]
    assert not problems, "\n".join(problems)


def _html_text(page: Path) -> str:
    """What a reader of the page sees: its text, and the text alternatives of its pictures."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("script", "style"):
                self.hidden += 1
            self.lines.extend(v or "" for k, v in attrs if k in ("alt", "aria-label", "title"))

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style"):
                self.hidden -= 1

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.lines.append(data)

    parser = Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(parser.lines)


def _xlsx_text(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )


def test_the_word_list_finds_english(danish_book: Path) -> None:
    """The check above can fail: the English output of the same commands is caught."""
    result = run("check", "--as-of", "2026-11-30", cwd=danish_book)
    assert english_words(result.stdout, _workbook_data(danish_book))
    assert not english_words("punkt 1 «the item is not done» i agreements/a-b.yaml `goal`")


INTERNAL = (
    "committee",
    "chief",
    "planned",
    "in_progress",
    "partly_done",
    "not_met",
    "part_of_year",
    "part_of_month",
    "half_year",
    "continuous",
)


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(texts)


def test_word_documents_show_no_internal_identifier(danish_book: Path) -> None:
    seed = "agreements/slagelse-chp-2016.yaml"
    steps = [
        ("status", seed, "1", "--state", "in_progress", "--as-of", "2016-05-01"),
        ("status", seed, "2", "--state", "partly_done", "--as-of", "2016-06-01"),
        ("status", seed, "3", "--state", "not_met", "--as-of", "2016-06-01"),
        ("sign", seed, "--party", "committee", "--name", "Anne Jensen", "--date", "2016-03-01"),
        ("render", seed, "-o", "aftale.docx"),
        ("report", "--as-of", "2016-09-30", "-o", "rapport.docx"),
    ]
    for args in steps:
        result = run(*args, cwd=danish_book, env=DANISH)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    for name in ("aftale.docx", "rapport.docx"):
        text = _docx_text(danish_book / name)
        shown = [word for word in INTERNAL if re.search(rf"\b{word}\b", text)]
        assert not shown, f"{name} shows {shown}"
    assert "Handicap og Psykiatriudvalget (udvalg)" in _docx_text(danish_book / "aftale.docx")


def test_deadline_table_names_precisions_in_danish(danish_book: Path) -> None:
    result = run("deadlines", "--as-of", "2016-09-30", cwd=danish_book, env=DANISH)
    assert result.returncode == 0
    for identifier in ("part_of_year", "part_of_month", "half_year", "month ", "season"):
        assert identifier not in result.stdout
    assert "måned" in result.stdout


def test_help_is_english_and_says_so() -> None:
    """Help texts stay English (typer builds them at import); --lang is documented in them."""
    result = subprocess.run(
        [*devagree_command(), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "--lang" in result.stdout
