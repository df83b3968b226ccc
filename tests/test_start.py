"""`check` starts fast: it loads only what the command and the files at hand need.

Timing is measured by benchmarks/bench_check_startup.py; what a test can hold is what is
imported. A check of an unchanged workbook from the cache parses no YAML, validates nothing,
prints no colour into a pipe and formats dates from the catalogue: neither the YAML, the
schema nor the terminal libraries, nor Babel, are loaded for it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devagree.core import schema

PROBE = """
import sys
from devagree.cli.app import main
code = main(["check"])
loaded = sorted(set(sys.modules) & set(sys.argv[1:]))
print("LOADED", loaded, file=sys.stderr)
sys.exit(code)
"""
NOT_FROM_THE_CACHE = (
    "ruamel.yaml",
    "_ruamel_yaml",
    "rich",
    "babel",
    "jsonschema",
    "fastjsonschema",
)
NOT_FOR_A_CHECK = ("docx", "openpyxl", "jinja2", "matplotlib", "pyhanko", "icalendar")


def _loaded(workbook: Path, names: tuple[str, ...]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *names], cwd=workbook, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()[-1]


def test_a_check_from_the_cache_loads_no_parser_nor_terminal(repo_workbook: Path) -> None:
    first = _loaded(repo_workbook, NOT_FOR_A_CHECK)
    assert first == "LOADED []", first  # the first check reads and writes the cache
    again = _loaded(repo_workbook, NOT_FROM_THE_CACHE + NOT_FOR_A_CHECK)
    assert again == "LOADED []", again


def test_a_changed_settings_file_is_read_again(repo_workbook: Path) -> None:
    _loaded(repo_workbook, ())
    config = repo_workbook / "devagree.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "rules:\n  DA208: off\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "devagree", "check"], cwd=repo_workbook, capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "DA208" not in done.stdout and "ingen problemer" in done.stdout


@pytest.mark.parametrize("kind", ["agreement", "strategy", "workbook"])
def test_the_build_made_each_validator_from_the_schema_as_it_is(kind: str) -> None:
    made = schema._made_by_the_build(kind)
    if not (schema.GENERATED / f"{kind}.py").is_file():
        pytest.skip("devagree is not built here: pip install -e . makes the validators")
    assert made is not None, f"devagree/_validators/{kind}.py is stale: reinstall devagree"


def test_the_validators_agree_with_jsonschema() -> None:
    """Every case file, valid or not, is judged alike by the fast path and by jsonschema."""
    from devagree.core.loader import LoadError, load

    cases = Path(__file__).resolve().parent / "cases"
    judged = 0
    for path in sorted(cases.rglob("*.yaml")):
        try:
            data = load(str(path), path.read_text(encoding="utf-8")).data
        except (LoadError, UnicodeDecodeError):
            continue
        kind = data.get("kind")
        if kind not in schema.SCHEMA_FILES:
            continue
        assert schema.is_valid(kind, data) == schema._validator(kind).is_valid(data), path
        judged += 1
    assert judged > 30
