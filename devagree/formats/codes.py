"""The reference of problem codes, from the registry: a table for the terminal, Markdown for
the README and docs/koder.md, and one code's text."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from devagree.checks import Code
from devagree.core.problems import SEVERITY_WORDS
from devagree.formats.fit import Column, FittedTable, Row, Step
from devagree.i18n import _


def table(codes: Iterable[Code]) -> FittedTable:
    """The codes as a terminal table that fits its width (the same columns as Markdown)."""
    rows = []
    for code in codes:
        meaning = Text()
        meaning.append(_(code.title), style="bold")
        if code.doc:
            meaning.append(" " + " ".join(_(code.doc).split()))
        cells: dict[str, str | Text] = {
            "code": code.code,
            "severity": _(SEVERITY_WORDS[code.severity]),
            "meaning": meaning,
            "changeable": _("yes") if code.adjustable else _("no"),
        }
        rows.append(Row(cells))
    columns = [
        Column("code", _("code")),
        Column("severity", _("severity")),
        Column("meaning", _("what it means"), wraps=True, least=24),
        Column("changeable", _("can be changed"), wraps=True, least=7),
    ]
    return FittedTable(columns, rows, [Step("changeable", into="severity")], heading=("code",))


def markdown_table(codes: Iterable[Code]) -> str:
    """A Markdown table: code, default severity, what it means, whether it can be changed.

    In the current language: the titles and texts are the rules' docstrings as message ids.
    """
    lines = [
        "| "
        + " | ".join((_("code"), _("severity"), _("what it means"), _("can be changed")))
        + " |",
        "|---|---|---|---|",
    ]
    for code in codes:
        doc = " ".join(_(code.doc).split()) if code.doc else ""
        changeable = _("yes") if code.adjustable else _("no")
        severity = _(SEVERITY_WORDS[code.severity])
        lines.append(f"| {code.code} | {severity} | **{_(code.title)}** {doc} | {changeable} |")
    return "\n".join(lines) + "\n"


def text_reference(code: Code) -> str:
    """One code's documentation, as `devagree codes DA208` shows it."""
    severity = _(SEVERITY_WORDS[code.severity])
    if code.adjustable:
        head = f"{code.code} ({severity}): {_(code.title)}"
    else:
        head = _("{code} ({severity}, cannot be changed in devagree.yaml): {title}").format(
            code=code.code, severity=severity, title=_(code.title)
        )
    doc = _(code.doc) if code.doc else ""
    return f"{head}\n\n{doc}\n"
