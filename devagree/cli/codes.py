"""devagree codes"""

from __future__ import annotations

from typing import Annotated

import typer

from devagree.cli.options import format_choices
from devagree.cli.output import emit
from devagree.core.errors import ExitCode, UsageError
from devagree.formats import CODE_FORMATS
from devagree.i18n import _

CodeFormat = format_choices("CodeFormat", CODE_FORMATS)


def codes(
    code: Annotated[
        str | None,
        typer.Argument(help="One code to explain, e.g. DA208.", show_default=False),
    ] = None,
    output_format: Annotated[
        CodeFormat,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="table for the terminal; markdown for a wiki or a README (the table in "
            "devagree's README is made so).",
        ),
    ] = CodeFormat.table,  # type: ignore[attr-defined]
) -> int:
    """List every problem code `check` can report, or explain one.

    The list is a table that fits the terminal, or Markdown with --format markdown; the
    severity of rule codes (DA2xx) can be changed, or a code switched off, under `rules:`
    in devagree.yaml.
    """
    from devagree.checks import CODES
    from devagree.formats.codes import text_reference

    if code is None:
        emit(CODE_FORMATS[output_format.value](CODES.values()))  # type: ignore[attr-defined]
        return ExitCode.OK
    found = CODES.get(code.strip().upper())
    if found is None:
        raise UsageError(
            _("{code} is not a devagree problem code; `devagree codes` lists them").format(
                code=code
            )
        )
    emit(text_reference(found))
    return ExitCode.OK
