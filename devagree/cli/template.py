"""devagree template export"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devagree.core.errors import ExitCode, UsageError
from devagree.i18n import _

app = typer.Typer(help="The Word template devagree renders with.", no_args_is_help=True)


@app.command("export")
def export(
    file: Annotated[
        Path, typer.Argument(help="Where to write the template (.docx).", show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> int:
    """Write the built-in template, to restyle in Word and name as `template:` in devagree.yaml.

    Keep the style names devagree uses (Normal, Title, Heading 1, Heading 2, List Bullet,
    List Bullet 2, List Number, Table Grid); change their fonts, colours and spacing, the page
    margins, and the header and footer (a logo, the municipality's letterhead) as you like.
    """
    from devagree.core.resources import data_file
    from devagree.core.write_path import write_atomic

    if file.suffix.lower() != ".docx":
        raise UsageError(_("{path}: the template must be a .docx file").format(path=file))
    if file.exists() and not force:
        raise UsageError(_("{path} exists; use --force to replace it").format(path=file))
    if not file.parent.is_dir():
        raise UsageError(_("{path}: no such folder").format(path=file.parent))
    write_atomic(file, data_file("templates", "default.docx").read_bytes())
    typer.echo(_("wrote {path}").format(path=file))
    return ExitCode.OK
