"""The registry of problem codes: complete, documented, and every code shown by a test."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from conftest import CASES

from devagree.checks import CODES, RULES, Code
from devagree.checks.reading import READING_CODES
from devagree.core.problems import Severity

TESTS = Path(__file__).resolve().parent
TESTED_ELSEWHERE = frozenset({"DA001", "DA002", "DA010", "DA301", "DA302"})
"""Codes that no committed case file can show well; a test module shows each of them."""


def test_codes_are_unique_and_well_formed() -> None:
    listed = [code.code for code in (*READING_CODES, *RULES)]
    assert len(listed) == len(set(listed))
    assert set(CODES) == set(listed)
    for key, code in CODES.items():
        assert key == code.code
        assert re.fullmatch(r"DA\d{3}", key), key


def test_codes_are_listed_in_order() -> None:
    """The registry is the source of the README's code table, which reads in code order."""
    assert list(CODES) == sorted(CODES)


@pytest.mark.parametrize("key", sorted(CODES))
def test_every_code_is_documented(key: str) -> None:
    code = CODES[key]
    assert isinstance(code.severity, Severity)
    assert code.title.strip() and code.title == code.title.strip()
    assert code.title.endswith("."), code.title
    assert len(code.doc.split()) >= 8, f"{key}: the doc is too short to help: {code.doc!r}"
    assert "\n\n\n" not in code.doc


def test_reading_and_schema_codes_are_fixed_and_rules_adjustable() -> None:
    for code in READING_CODES:
        assert code.check is None
        assert code.code.startswith(("DA0", "DA1", "DA3"))
        if code.code == "DA302":  # a clone's set-up: a warning CI may switch off
            assert code.adjustable and code.severity is Severity.WARNING
            continue
        assert not code.adjustable
        assert code.severity is Severity.ERROR
    for code in RULES:
        assert callable(code.check)
        assert code.adjustable
        assert code.code.startswith("DA2")


def test_default_severities() -> None:
    warnings = {key for key, code in CODES.items() if code.severity is Severity.WARNING}
    assert warnings == {"DA207", "DA208", "DA214", "DA215", "DA302"}


@pytest.mark.parametrize("code", RULES, ids=lambda c: c.code)
def test_every_rule_module_documents_itself(code: Code) -> None:
    assert code.check is not None
    module = importlib.import_module(code.check.__module__)
    doc = (module.__doc__ or "").strip()
    title, _, body = doc.partition("\n")
    assert title.strip() == code.title
    assert body.strip() == code.doc
    assert len(body.split()) >= 25, f"{module.__name__}: say what, why and how to fix"
    assert code.code == module.CODE
    assert module.SEVERITY is code.severity


def test_the_reading_module_documents_itself() -> None:
    from devagree.checks import reading

    assert len((reading.__doc__ or "").split()) >= 25


def _codes_in_case_files() -> set[str]:
    found: set[str] = set()
    for expected in [*CASES.glob("invalid/*.expected"), *CASES.glob("invalid/*/expected")]:
        found |= set(re.findall(r"\bDA\d{3}\b", expected.read_text(encoding="utf-8")))
    return found


def _codes_in_test_modules() -> set[str]:
    found: set[str] = set()
    for module in TESTS.glob("test_*.py"):
        if module.name == Path(__file__).name:
            continue
        found |= set(re.findall(r"\bDA\d{3}\b", module.read_text(encoding="utf-8")))
    return found


def test_every_code_is_shown_by_a_case_or_a_test() -> None:
    in_cases = _codes_in_case_files()
    in_tests = _codes_in_test_modules()
    missing = [
        key
        for key in CODES
        if key not in in_cases and not (key in TESTED_ELSEWHERE and key in in_tests)
    ]
    assert missing == [], "codes no case file (or, for the exceptions, no test) shows"


def test_case_files_name_only_real_codes() -> None:
    assert _codes_in_case_files() <= set(CODES)


def test_a_listing_shows_ten_problems_and_counts_the_rest() -> None:
    from devagree.core.problems import Problem, listing
    from devagree.i18n import in_language

    found = [Problem("a.yaml", n, 1, "DA201", Severity.ERROR, f"row {n}") for n in range(1, 13)]
    with in_language("en"):
        lines = listing(found).splitlines()
    assert lines[0] == "  a.yaml:1:1 DA201 row 1"
    assert len(lines) == 11
    assert lines[-1] == "  ... and 2 more"
    assert listing(found[:3]).count("\n") == 2
