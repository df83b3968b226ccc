"""The `devagree` command, its subcommands, and the one place exceptions become exit codes."""

from __future__ import annotations

import functools
import logging
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from importlib import import_module
from typing import Annotated, Any

import typer

from devagree.cli.language import remember_arguments
from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.printable import printable_lines
from devagree.i18n import _
from devagree.version import __version__

COMMANDS: dict[str, str] = {
    "check": "devagree.cli.check:check",
    "deadlines": "devagree.cli.deadlines:deadlines",
    "codes": "devagree.cli.codes:codes",
    "render": "devagree.cli.render:render",
    "sign": "devagree.cli.sign:sign",
    "verify": "devagree.cli.verify:verify",
    "init": "devagree.cli.init:init",
    "new": "devagree.cli.new:new",
    "import": "devagree.cli.import_:import_",
    "status": "devagree.cli.status:status",
    "show": "devagree.cli.show:show",
    "report": "devagree.cli.report:report",
    "coverage": "devagree.cli.coverage:coverage",
    "export": "devagree.cli.export:export",
    "collect": "devagree.cli.collect:collect",
    "site": "devagree.cli.site:site",
    "merge-file": "devagree.cli.merge_file:merge_file",
}
"""Each command and the function that runs it, imported only when the command is built."""
GROUPS: dict[str, str] = {"template": "devagree.cli.template:app"}
"""Groups of subcommands, likewise."""
OPTIONS_WITH_A_VALUE = frozenset({"--lang"})
"""The global options that take the next word as their value."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"devagree {__version__}")
        raise typer.Exit()


class Language(StrEnum):
    da = "da"
    en = "en"


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


def command(name: str, function: Callable[..., int], parent: typer.Typer) -> None:
    """Register a command that returns an exit code (typer itself ignores return values)."""

    @functools.wraps(function)
    def run(*args: object, **kwargs: object) -> None:
        raise typer.Exit(int(function(*args, **kwargs)))

    parent.command(name)(run)


def build(names: Iterable[str] | None = None) -> typer.Typer:
    """The `devagree` command with the named subcommands, or every one.

    Importing a command's module (and what it needs) is most of the start-up, so a run
    builds only the command it runs; `devagree --help` builds them all.
    """
    built = typer.Typer(
        name="devagree",
        help=(
            "Development agreements (udviklingsaftaler) kept as YAML: check them, follow their "
            "deadlines, render them for the committee."
        ),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        # Plain help: typer's rich help imports rich.markdown and markdown-it, which more
        # than doubles the start-up of every `--help` (benchmarks/bench_startup.py).
        rich_markup_mode=None,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(root)
    chosen = list(COMMANDS) + list(GROUPS) if names is None else list(names)
    for name in chosen:
        if name in COMMANDS:
            command(name, _target(COMMANDS[name]), built)
        elif name in GROUPS:
            built.add_typer(_target(GROUPS[name]), name=name)
    return built


def _target(spec: str) -> Any:
    module, _sep, attribute = spec.partition(":")
    return getattr(import_module(module), attribute)


def command_named(args: Sequence[str]) -> str | None:
    """The subcommand ``args`` run (the first word after the global options), if any."""
    words = iter(args)
    for word in words:
        if word in OPTIONS_WITH_A_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def __getattr__(name: str) -> Any:
    """``app``: the command with every subcommand, for tests and documentation."""
    if name == "app":
        return build()
    raise AttributeError(name)


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
    named = command_named(args)
    chosen = [named] if named in COMMANDS or named in GROUPS else None
    try:
        build(chosen)(args=args, prog_name="devagree")
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
            import traceback

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
