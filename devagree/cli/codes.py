"""devagree codes"""

from __future__ import annotations

from typing import Annotated

import typer

from devagree.cli.output import emit
from devagree.core.errors import ExitCode, UsageError
from devagree.i18n import _


def codes(
    code: Annotated[
        str | None,
        typer.Argument(help="One code to explain, e.g. DA208.", show_default=False),
    ] = None,
) -> int:
    """List every problem code `check` can report, or explain one.

    The list is a Markdown table (the same as in the README); the severity of rule codes
    (DA2xx) can be changed, or a code switched off, under `rules:` in devagree.yaml.
    """
    from devagree.checks import CODES
    from devagree.formats.codes import markdown_table, text_reference

    if code is None:
        emit(markdown_table(CODES.values()))
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
