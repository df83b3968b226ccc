"""The `devagree` command, its subcommands, and the one place exceptions become exit codes."""

from __future__ import annotations

import functools
import logging
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated

import typer

from devagree.cli import (
    check,
    codes,
    collect,
    coverage,
    deadlines,
    export,
    import_,
    init,
    merge_file,
    new,
    render,
    report,
    show,
    sign,
    site,
    status,
    template,
    verify,
)
from devagree.cli.language import remember_arguments
from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.printable import printable_lines
from devagree.i18n import _
from devagree.version import __version__

app = typer.Typer(
    name="devagree",
    help=(
        "Development agreements (udviklingsaftaler) kept as YAML: check them, follow their "
        "deadlines, render them for the committee."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help imports rich.markdown and markdown-it, which more than
    # doubles the start-up of every `--help` (benchmarks/bench_startup.py).
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"devagree {__version__}")
        raise typer.Exit()


class Language(StrEnum):
    da = "da"
    en = "en"


@app.callback()
def root(
    context: typer.Context,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language of messages: da or en. Default: DEVAGREE_LANG, else the "
            "workbook's `language`, else the locale (English outside a Danish one).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Development agreements (udviklingsaftaler) kept as YAML: check them, follow their
    deadlines, render them for the committee.

    Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input, 3 internal
    error.
    """
    from devagree.cli.language import arguments_after, choose_language

    following = arguments_after(context.invoked_subcommand)
    if not {"--help", "-h"} & set(following):  # help is English: no workbook to read for it
        choose_language(lang.value if lang else None, following)


def command(name: str, function: Callable[..., int], parent: typer.Typer = app) -> None:
    """Register a command that returns an exit code (typer itself ignores return values)."""

    @functools.wraps(function)
    def run(*args: object, **kwargs: object) -> None:
        raise typer.Exit(int(function(*args, **kwargs)))

    parent.command(name)(run)


command("check", check.check)
command("deadlines", deadlines.deadlines)
command("codes", codes.codes)
command("render", render.render)
command("sign", sign.sign)
command("verify", verify.verify)
command("init", init.init)
command("new", new.new)
command("import", import_.import_)
command("status", status.status)
command("show", show.show)
command("report", report.report)
command("coverage", coverage.coverage)
command("export", export.export)
command("collect", collect.collect)
command("site", site.site)
command("merge-file", merge_file.merge_file)
app.add_typer(template.app, name="template")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and map every outcome to the exit-code table."""
    args = list(sys.argv[1:] if argv is None else argv)
    remember_arguments(args)
    debug = "--debug" in args
    if not debug:
        # A library's warning or log line (openpyxl, pdfminer) names its own source files
        # and objects: no message for a user. --debug shows them.
        warnings.simplefilter("ignore")
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        app(args=args, prog_name="devagree")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else ExitCode.USAGE
    except KeyboardInterrupt:
        print("\n" + _("Interrupted; nothing was written."), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except DevagreeError as err:
        print(f"devagree: {printable_lines(str(err))}", file=sys.stderr)
        return int(err.exit_code)
    except Exception:
        if debug:
            traceback.print_exc()
        else:
            exc = sys.exc_info()[1]
            print(
                "devagree: "
                + _(
                    "internal error ({error}).\n"
                    "This is a bug in devagree, not in your files. Rerun with --debug and "
                    "send the output to the maintainers."
                ).format(error=f"{type(exc).__name__}: {exc}"),
                file=sys.stderr,
            )
        return ExitCode.INTERNAL
    return ExitCode.OK
