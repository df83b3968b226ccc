"""devagree sign"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.errors import ExitCode, UsageError
from devagree.i18n import _, say_date
from devagree.paths import display_path

if TYPE_CHECKING:
    pass


def sign(
    file: Annotated[Path, typer.Argument(help="The agreement file to sign.", show_default=False)],
    party: Annotated[
        str, typer.Option("--party", help="The signing party's role, as in `parties`.")
    ],
    name: Annotated[str, typer.Option("--name", help="Who signs.")],
    title: Annotated[str, typer.Option("--title", help='Their title, e.g. "Formand".')] = "",
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Day of signing. Default: today."),
    ] = None,
    place: Annotated[str, typer.Option("--place", help="Where it was signed.")] = "",
) -> int:
    """Record a signature: who signed, when, and the digest of the agreed text.

    The file is checked first and refused when it has errors. The signature is added at the
    end of `signatures:`; every comment and line of the file stays as it was.
    """
    from devagree.signing import SignRequest
    from devagree.signing import sign as sign_file

    if day is None:
        signed_on = date.today()
    else:
        try:
            signed_on = date.fromisoformat(day.strip())
        except ValueError:
            raise UsageError(
                _('--date "{day}" is not a date; write it as YYYY-MM-DD').format(day=day)
            ) from None
    record = sign_file(file, SignRequest(party, name, signed_on, title, place))
    print(
        _("{path}: signed by {name} ({date})").format(
            path=display_path(file), name=record["name"], date=say_date(signed_on)
        )
        + "\n  "
        + _("digest {digest}").format(digest=record["digest"]),
        file=sys.stdout,
    )
    return ExitCode.OK
