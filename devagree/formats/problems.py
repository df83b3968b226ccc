"""Problems as text for people, JSON for programs, annotations for GitHub, JUnit for CI."""

from __future__ import annotations

import json
from dataclasses import dataclass

from devagree.core.printable import printable
from devagree.core.problems import SEVERITY_WORDS, Problem, Severity
from devagree.formats.styled import Styled
from devagree.i18n import _, ngettext
from devagree.workbook.pipeline import Workbook

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


@dataclass(frozen=True, slots=True)
class ProblemOptions:
    verbose: bool = False


def text(workbook: Workbook, options: ProblemOptions) -> Styled:
    """One `file:line:col CODE message` line per problem and a summary line."""
    parts: list[tuple[str, str]] = []
    for problem in workbook.problems:
        parts.append((problem.location, "bold"))
        parts.append((": ", ""))
        severity = _(SEVERITY_WORDS[problem.severity])
        parts.append((f"{problem.code} {severity}", _STYLE[problem.severity]))
        parts.append((f" {printable(problem.message)}\n", ""))
        if options.verbose and problem.detail:
            detail = "    " + _("detail: {detail}").format(detail=problem.detail) + "\n"
            parts.append((detail, "dim"))
    parts.append((summary(workbook), "bold red" if workbook.errors else "bold green"))
    return Styled(tuple(parts))


def summary(workbook: Workbook) -> str:
    agreements = len(workbook.agreements)
    documents = [
        ngettext("{count} agreement", "{count} agreements", agreements).format(count=agreements)
    ]
    if workbook.strategies:
        count = len(workbook.strategies)
        documents.append(
            ngettext("{count} strategy", "{count} strategies", count).format(count=count)
        )
    files = len(workbook.sources)
    head = ngettext(
        "{count} file checked, {documents}: ", "{count} files checked, {documents}: ", files
    ).format(count=files, documents=", ".join(documents))
    if not workbook.problems:
        return head + _("no problems.")
    errors = ngettext("{count} error", "{count} errors", workbook.errors).format(
        count=workbook.errors
    )
    warnings = ngettext("{count} warning", "{count} warnings", workbook.warnings).format(
        count=workbook.warnings
    )
    return head + _("{errors}, {warnings}.").format(errors=errors, warnings=warnings)


def _as_dict(problem: Problem, verbose: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
    }
    if verbose and problem.detail:
        record["detail"] = problem.detail
    return record


def as_json(workbook: Workbook, options: ProblemOptions) -> str:
    """A JSON list of problems, each with path, line, column, code, severity, message."""
    records = [_as_dict(p, options.verbose) for p in workbook.problems]
    return json.dumps(records, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(workbook: Workbook, options: ProblemOptions) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for problem in workbook.problems:
        level = "error" if problem.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(printable(problem.path.replace(chr(92), '/')))}"]
        if problem.line:
            props += [f"line={problem.line}", f"col={problem.column}"]
        props.append(f"title={_escape_property(problem.code)}")
        message = _escape_data(printable(problem.message))
        lines.append(f"::{level} {','.join(props)}::{message}")
    lines.append(summary(workbook))
    return "\n".join(lines)


def junit(workbook: Workbook, options: ProblemOptions) -> str:
    """JUnit XML: one test case per file, failing when the file has errors."""
    from xml.etree import ElementTree  # only this format needs it

    by_file: dict[str, list[Problem]] = {source: [] for source in workbook.sources}
    for problem in workbook.problems:
        by_file.setdefault(problem.path, []).append(problem)
    suite = ElementTree.Element(
        "testsuite",
        name="devagree check",
        tests=str(len(by_file)),
        failures=str(sum(1 for ps in by_file.values() if _errors(ps))),
        errors="0",
        skipped="0",
    )
    for source, problems in by_file.items():
        case = ElementTree.SubElement(
            suite, "testcase", classname="devagree", name=printable(source)
        )
        errors = _errors(problems)
        if errors:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{len(errors)} error(s)", type="devagree"
            )
            failure.text = "\n".join(_line(p) for p in errors)
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        if warnings:
            ElementTree.SubElement(case, "system-out").text = "\n".join(_line(p) for p in warnings)
    suites = ElementTree.Element("testsuites")
    suites.append(suite)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(
        suites, encoding="unicode"
    )


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def _line(problem: Problem) -> str:
    """One problem for JUnit's text: XML holds no control characters, so they are escaped."""
    message = printable(problem.message)
    return f"{problem.location}: {problem.code} {problem.severity.value} {message}"
