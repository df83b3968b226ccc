"""devagree sign"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import lock_timeout_from_environment
from devagree.errors import ExitCode, UsageError
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
    end of `signatures:`; every comment and line of the file stays as it was. The check and
    the digest are made under the file's lock, from the text on disk at that moment. A
    --date before the agreement's own date, or after today, is refused.
    """
    from devagree.signing import SignRequest
    from devagree.signing import sign as sign_file

    today = date.today()
    if day is None:
        signed_on = today
    else:
        try:
            signed_on = date.fromisoformat(day.strip())
        except ValueError:
            raise UsageError(f'--date "{day}" is not a date; write it as YYYY-MM-DD') from None
    record = sign_file(
        file,
        SignRequest(party, name, signed_on, title, place),
        today=today,
        lock_timeout=lock_timeout_from_environment(),
    )
    print(
        f"{display_path(file)}: signed by {record['party']} ({record['name']}, "
        f"{signed_on.isoformat()})\n  digest {record['digest']}",
        file=sys.stdout,
    )
    return ExitCode.OK
