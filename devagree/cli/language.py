"""Which language a command speaks: `--lang`, DEVAGREE_LANG, the workbook, the locale.

The rule itself is ``i18n.resolve_language`` (pure, tested on its own); this module only
gathers its inputs. The workbook is the one around the first path the command names that
exists (the current folder when none does), so `devagree check examples/english` speaks the
language of that workbook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path

from devagree.i18n import LANGUAGES, locale_setting, resolve_language, use_language

_arguments: ContextVar[tuple[str, ...] | None] = ContextVar("devagree_arguments", default=None)
_named: ContextVar[bool] = ContextVar("devagree_language_named", default=False)
"""Whether --lang, DEVAGREE_LANG, a workbook or the locale named this run's language."""


def remember_arguments(args: Sequence[str]) -> None:
    """The command line as ``main`` got it, for the language of the workbook it names."""
    _arguments.set(tuple(args))


def arguments_after(command: str | None) -> list[str]:
    """The arguments that follow the subcommand's name (none without a subcommand)."""
    args = _arguments.get()
    words = list(sys.argv[1:] if args is None else args)
    if command is None or command not in words:
        return []
    return words[words.index(command) + 1 :]


def workbook_start(args: Sequence[str]) -> Path:
    """The first argument that names an existing file or folder, else the current folder."""
    for arg in args:
        if arg.startswith("-"):
            continue
        try:
            path = Path(arg)
            if path.exists():
                return path if path.is_dir() else path.parent
        except (OSError, ValueError):
            continue
    return Path.cwd()


def choose_language(option: str | None, args: Sequence[str] = ()) -> str:
    """Resolve the language for this run and make it the current one."""
    environment = os.environ.get("DEVAGREE_LANG")
    workbook = None
    if not any(v and v.strip().lower() in LANGUAGES for v in (option, environment)):
        from devagree.workbook.pipeline import workbook_language  # only when the workbook decides

        # A check reads devagree.yaml from its cache, unless told to read every file afresh.
        workbook = workbook_language(workbook_start(args), cache="--no-cache" not in args)
    locale = locale_setting(os.environ)
    language = resolve_language(option, environment, workbook, locale)
    named = any(v and v.strip().lower() in LANGUAGES for v in (option, environment, workbook))
    _named.set(named or not neutral_locale(locale))
    use_language(language)
    return language


def neutral_locale(locale: str | None) -> bool:
    """A locale that names no language: unset, C or POSIX (C.UTF-8 included)."""
    if not locale:
        return True
    return locale.split(".")[0].split("@")[0].strip().upper() in ("C", "POSIX")


def language_named() -> bool:
    """Whether --lang, DEVAGREE_LANG, a workbook or the locale named this run's language, or
    it fell back to English for want of any (a C or POSIX locale, as on many servers)."""
    return _named.get()
