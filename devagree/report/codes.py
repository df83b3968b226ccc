"""The reference of problem codes, from the registry, for the terminal and the README."""

from __future__ import annotations

from collections.abc import Iterable

from devagree.checks import Code


def markdown_table(codes: Iterable[Code]) -> str:
    """A Markdown table: code, default severity, what it means, whether it can be changed."""
    lines = [
        "| code | severity | what it means | can be changed |",
        "|---|---|---|---|",
    ]
    for code in codes:
        doc = " ".join(code.doc.split())
        changeable = "yes" if code.adjustable else "no"
        lines.append(
            f"| {code.code} | {code.severity.value} | **{code.title}** {doc} | {changeable} |"
        )
    return "\n".join(lines) + "\n"


def text_reference(code: Code) -> str:
    """One code's documentation, as `devagree codes DA208` shows it."""
    state = "" if code.adjustable else " (cannot be changed in devagree.yaml)"
    return f"{code.code} ({code.severity.value}{state}): {code.title}\n\n{code.doc}\n"
