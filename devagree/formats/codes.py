"""The reference of problem codes, from the registry, for the terminal and the README."""

from __future__ import annotations

from collections.abc import Iterable

from devagree.checks import Code
from devagree.core.problems import SEVERITY_WORDS
from devagree.i18n import _


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
