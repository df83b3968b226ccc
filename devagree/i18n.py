"""Every text a person reads, in the workbook's language, from gettext catalogues.

Message ids are English. The Danish catalogue lives in ``devagree/locale/da/LC_MESSAGES``:
the ``.po`` file is kept in git, the ``.mo`` file is compiled into the wheel. A missing
catalogue falls back to the English ids, so a source checkout still runs.

The language is chosen once per command by the CLI (``use_language``); the core only calls
``_``/``ngettext`` and never decides it.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

DOMAIN = "devagree"
LANGUAGES = ("da", "en")
DEFAULT = "da"

_active: ContextVar[tuple[str, gettext.NullTranslations]] = ContextVar(
    "devagree_language", default=("en", gettext.NullTranslations())
)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (English, the message ids, needs none)."""
    if language == "en":
        return gettext.NullTranslations()
    catalogue = files("devagree") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with catalogue.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        return gettext.NullTranslations()


def use_language(language: str) -> None:
    """Make ``language`` the language of every message from now on in this context."""
    chosen = language if language in LANGUAGES else "en"
    _active.set((chosen, translations(chosen)))


def current_language() -> str:
    return _active.get()[0]


def _(message: str) -> str:
    """``message`` (an English id) in the current language."""
    return _active.get()[1].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _active.get()[1].ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is translated later (tables, constants)."""
    return message
