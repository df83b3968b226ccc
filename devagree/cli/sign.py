"""devagree sign"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devagree.cli.options import lock_timeout_from_environment
from devagree.core.errors import ExitCode, UsageError
from devagree.core.paths import display_path
from devagree.i18n import _, say_date

if TYPE_CHECKING:
    from devagree.signatures.from_pdf import PdfSigning


def sign(
    file: Annotated[
        Path,
        typer.Argument(
            help="The agreement file to sign, or its id.", metavar="FILE|ID", show_default=False
        ),
    ],
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            help="The signing party's role, as in `parties`. With --from-pdf: once per "
            "signature, in signing order.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Who signs.")] = None,
    title: Annotated[str, typer.Option("--title", help='Their title, e.g. "Formand".')] = "",
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Day of signing. Default: today."),
    ] = None,
    place: Annotated[str, typer.Option("--place", help="Where it was signed.")] = "",
    from_pdf: Annotated[
        Path | None,
        typer.Option(
            "--from-pdf",
            metavar="SIGNED.pdf",
            help="Record the signers of a PDF signed digitally (PAdES), e.g. by a MitID "
            "signing service, after proving it shows this agreement's text.",
            show_default=False,
        ),
    ] = None,
    trust: Annotated[
        Path | None,
        typer.Option(
            "--trust",
            metavar="ROOTS.pem",
            help="With --from-pdf: refuse signers whose certificate does not chain to these "
            "root certificates.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Record a signature: who signed, when, and the digest of the agreed text.

    The file is checked first and refused when it has errors. The signature is added at the
    end of `signatures:`; every comment and line of the file stays as it was. The check and
    the digest are made under the file's lock, from the text on disk at that moment. A
    --date before the agreement's own date, or after today, is refused. With --from-pdf the
    signers are read from the signed PDF instead of typed.
    """
    from devagree.workbook.resolve import resolve

    file = resolve(file)
    if from_pdf is not None:
        if name is not None or title or place or day is not None:
            raise UsageError(
                _(
                    "--from-pdf reads name and date from the PDF; leave out --name, --title, "
                    "--place and --date"
                )
            )
        return _from_pdf(file, from_pdf, list(party or []), trust)
    if trust is not None:
        raise UsageError(_("--trust only applies with --from-pdf"))
    from devagree.signatures.signing import SignRequest
    from devagree.signatures.signing import sign as sign_file
    from devagree.workbook.signable import signable_agreement

    if not party or len(party) != 1:
        raise UsageError(_("give --party once (the signing party's role)"))
    if name is None:
        raise UsageError(_("give --name (who signs), or --from-pdf SIGNED.pdf"))
    today = date.today()
    if day is None:
        signed_on = today
    else:
        try:
            signed_on = date.fromisoformat(day.strip())
        except ValueError:
            raise UsageError(
                _('--date "{day}" is not a date; write it as YYYY-MM-DD').format(day=day)
            ) from None
    record = sign_file(
        file,
        SignRequest(party[0], name, signed_on, title, place),
        today=today,
        checked=signable_agreement,
        lock_timeout=lock_timeout_from_environment(),
    )
    print(
        _("{path}: signed by {name} ({date})").format(
            path=display_path(file), name=record["name"], date=say_date(signed_on)
        )
        + "\n  "
        + _("digest {digest}").format(digest=record["digest"]),
        file=sys.stdout,
    )
    return ExitCode.OK


def _from_pdf(file: Path, pdf: Path, parties: list[str], trust: Path | None) -> int:
    from devagree.render.docx_words import shown_in_workbook
    from devagree.signatures.from_pdf import prepare, record
    from devagree.signatures.signed_pdf import load_roots
    from devagree.workbook.signable import signable_agreement

    roots = load_roots(trust) if trust is not None else None
    prepared = prepare(file, pdf, roots, date.today(), signable_agreement, shown_in_workbook)
    if not parties:
        parties = _ask_parties(prepared)
    records = record(prepared, parties, lock_timeout=lock_timeout_from_environment())
    shown = display_path(file)
    for entry in records:
        print(
            _("{path}: signed by {party} ({name}, {day}), certificate issued by {issuer}").format(
                path=shown,
                party=entry["party"],
                name=entry["name"],
                day=say_date(entry["date"]),
                issuer=entry["certificate"]["issuer"],
            )
        )
        if not entry["certificate"]["trusted"]:
            print("  " + _("not validated against a trust root (give --trust ROOTS.pem to do so)"))
    print("  " + _("digest {digest}").format(digest=prepared.agreed))
    return ExitCode.OK


def _ask_parties(prepared: PdfSigning) -> list[str]:
    """Which party each signer signed for, asked on a terminal; refused without one."""
    roles = prepared.roles
    if not sys.stdin.isatty():
        raise UsageError(
            _(
                "say which party each signature is for: give --party once per signature, "
                "in this order:\n  {signers}\nthe roles are: {roles}"
            ).format(signers="\n  ".join(prepared.describe_signers()), roles=", ".join(roles))
        )
    chosen: list[str] = []
    for line in prepared.describe_signers():
        print(line)
        answer = ""
        while answer not in roles:
            if answer:
                print(
                    _('"{answer}" is not a party; the roles are: {roles}').format(
                        answer=answer, roles=", ".join(roles)
                    )
                )
            answer = str(
                typer.prompt(_("Which party signed here? ({roles})").format(roles=", ".join(roles)))
            ).strip()
        chosen.append(answer)
    return chosen
