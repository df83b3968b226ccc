"""The README documents every command and every problem code; start-up stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from devagree.checks import CODES
from devagree.cli.app import app
from devagree.formats.codes import markdown_table
from devagree.i18n import in_language

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _table(text: str) -> str:
    start = text.index("<!-- codes:start -->\n") + len("<!-- codes:start -->\n")
    return text[start : text.index("<!-- codes:end -->")]


def test_readme_code_table_is_generated_from_the_registry() -> None:
    with in_language("en"):
        expected = markdown_table(CODES.values())
    assert _table(README) == expected, (
        "README's code table is stale: replace it with "
        "`DEVAGREE_LANG=en devagree codes --format markdown`"
    )


def test_the_danish_code_table_is_generated_from_the_registry_and_catalogue() -> None:
    koder = (REPO / "docs" / "koder.md").read_text(encoding="utf-8")
    with in_language("da"):
        expected = markdown_table(CODES.values())
    assert _table(koder) == expected, (
        "docs/koder.md is stale: replace its table with "
        "`DEVAGREE_LANG=da devagree codes --format markdown`"
    )
    assert "docs/koder.md" in README
    for code in CODES:
        assert f"| {code} |" in koder


def test_every_command_is_in_the_readme_and_has_help() -> None:
    names = [command.name for command in app.registered_commands]
    assert names
    for name in names:
        assert f"`devagree {name}" in README, f"devagree {name} is not in the README"
    for group in app.registered_groups:
        assert f"`devagree {group.name}" in README


def test_help_does_not_import_heavy_modules() -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['devagree', '--help']\n"
        "try:\n"
        "    runpy.run_module('devagree', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('jsonschema', 'fastjsonschema', 'docx', 'icalendar', 'babel',"
        " 'pyhanko', 'openpyxl') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stderr, result.stderr
    assert "check" in result.stdout


def test_ci_runs_the_readmes_test_command() -> None:
    """The quick start's test command is the whole set-up on a fresh machine, and CI runs it."""
    start = README.index("## Quick start")
    blocks = README[start:].split("```sh\n")[1:3]
    test_command = blocks[1].split("\n```")[0].strip()
    assert "python -m pytest" in test_command
    assert test_command.startswith("bash .ci/system-packages")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
