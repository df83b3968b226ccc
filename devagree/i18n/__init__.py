"""Every text a person reads, in the workbook's language, from gettext catalogues.

Message ids are English. The Danish catalogue lives in ``devagree/i18n/locale/da/LC_MESSAGES``:
the ``.po`` file is kept in git, the ``.mo`` file is compiled by the build (``hatch_build.py``)
into the wheel and, for an editable install, beside the ``.po`` (git ignores it). A source
checkout whose ``.po`` is newer than its ``.mo`` reads the ``.po`` itself, so an edited
translation shows at once; a missing catalogue falls back to the English ids.

The language is chosen once per command by the CLI (``use_language`` with
``resolve_language``); the core only calls ``_``/``ngettext`` and never decides it. Renderers
that write a document in the workbook's language use ``gettext_in``/``Localised``.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

DOMAIN = "devagree"
LANGUAGES = ("da", "en")
DEFAULT = "da"
FALLBACK = "en"
"""The language outside any workbook when the locale does not say Danish."""
LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}
"""The tag a Word document is marked with (``w:lang``), per language."""
BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}
"""The locale dates and numbers are written in, per language."""

_active: ContextVar[tuple[str, gettext.NullTranslations]] = ContextVar(
    "devagree_language", default=("en", gettext.NullTranslations())
)


def resolve_language(
    option: str | None,
    environment: str | None,
    workbook: str | None,
    locale: str | None,
) -> str:
    """The language to speak: ``--lang``, then ``DEVAGREE_LANG``, then the workbook's
    ``language``, then the locale (``da_DK.UTF-8`` is Danish), else English.

    Values that are not a known language are passed over, so a stray ``DEVAGREE_LANG=fr``
    does not hide the workbook's choice.
    """
    for chosen in (option, environment, workbook):
        if chosen and chosen.strip().lower() in LANGUAGES:
            return chosen.strip().lower()
    if locale and locale.strip().lower().startswith("da"):
        return "da"
    return FALLBACK


def locale_setting(environ: Mapping[str, str]) -> str | None:
    """The locale that decides messages, as POSIX orders it: LC_ALL, LC_MESSAGES, LANG."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return value
    return None


def compile_po(po_path: Path) -> bytes:
    """The ``.mo`` form of a ``.po`` file (source checkouts and ``i18n_tools compile``;
    needs Babel, so it is imported only here)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=po_path.parent.parent.name, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalogue)
    return buffer.getvalue()


def _compiled_from_po(po_path: Path) -> gettext.GNUTranslations:
    """The catalogue read from its ``.po`` file (source checkouts only)."""
    from io import BytesIO

    return gettext.GNUTranslations(BytesIO(compile_po(po_path)))


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (English, the message ids, needs none)."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    # The package always lies in a folder (a wheel is unpacked), so a plain path will do,
    # and costs less than importlib.resources on the first call.
    folder = Path(__file__).parent / "locale" / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    source = folder / f"{DOMAIN}.po"
    # A checkout: the .po is the truth; the .mo is used only when it is up to date.
    if source.is_file() and (
        not compiled.is_file() or compiled.stat().st_mtime < source.stat().st_mtime
    ):
        return _compiled_from_po(source)
    try:
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        return gettext.NullTranslations()


def use_language(language: str) -> None:
    """Make ``language`` the language of every message from now on in this context."""
    chosen = language if language in LANGUAGES else FALLBACK
    _active.set((chosen, translations(chosen)))


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block only (tests, documents made in one language)."""
    chosen = language if language in LANGUAGES else FALLBACK
    token = _active.set((chosen, translations(chosen)))
    try:
        yield
    finally:
        _active.reset(token)


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


def gettext_in(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the current language (documents, labels)."""
    return translations(language if language in LANGUAGES else DEFAULT).gettext(message)


MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
DATE_FORM = N_("{day} {month} {year}")
"""A date as it is written in each language; Danish "{day}. {month} {year}"."""


def date_in(language: str, day: date) -> str:
    """A date as people read it: "4. december 2026" in Danish, "4 December 2026" in English.

    The one form of a date in everything a person reads (messages, tables, documents, the
    site); JSON, CSV, JUnit and file names keep ISO dates, for programs. It is Babel's long
    form (``format_date(day, format="long")``, which a test holds it to), written from the
    catalogue: loading Babel and its locale data for it would cost a check from the cache a
    sixth of its time.
    """
    catalogue = translations(language if language in LANGUAGES else DEFAULT)
    month = catalogue.gettext(MONTHS[day.month - 1])
    return catalogue.gettext(DATE_FORM).format(day=day.day, month=month, year=day.year)


def say_date(day: date) -> str:
    """A date in a message, in the current language (see ``date_in``)."""
    return date_in(current_language(), day)


def ngettext_in(language: str, singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in ``language``."""
    return translations(language if language in LANGUAGES else DEFAULT).ngettext(
        singular, plural, count
    )


def say_number(number: float) -> str:
    """A number in a message: "125.000" in Danish, "125000" in English (as written in YAML)."""
    language = current_language()
    if language == "en":
        return str(number)
    from babel.numbers import format_decimal  # lazily: most messages carry no amount

    return str(format_decimal(number, locale=BABEL_LOCALES[language]))


K = TypeVar("K")
V = TypeVar("V")


def document_language(language: str) -> str:
    """``language`` if devagree speaks it, else the default: a document is always written."""
    return language if language in LANGUAGES else DEFAULT


class _ByLanguage(Mapping[str, V]):
    """Something by language, indexed only by the languages devagree speaks."""

    def __contains__(self, language: object) -> bool:
        return language in LANGUAGES

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def of(self, language: str) -> V:
        """The value in ``language``, or in the default language for one devagree does not
        speak (``self[language]`` refuses it)."""
        return self[document_language(language)]


class Localised(_ByLanguage[Mapping[K, str]], Generic[K]):
    """Labels by language, from one table of English ids marked with ``N_``.

    ``WORDS["da"]["title"]`` is the Danish of ``WORDS``'s English id for ``title``, looked up
    in the catalogue: the shape of a table by language, without a translation written beside
    the code. Each language's table is made once per catalogue and then shared, so it is
    read, never changed.
    """

    def __init__(self, ids: Mapping[K, str]) -> None:
        self.ids = dict(ids)
        # Per language, the catalogue a table was made from (a new one after
        # ``translations.cache_clear()`` makes the table again) and the table.
        self._tables: dict[str, tuple[gettext.NullTranslations, Mapping[K, str]]] = {}

    def __getitem__(self, language: str) -> Mapping[K, str]:
        if language not in LANGUAGES:
            raise KeyError(language)
        found = translations(language)
        made = self._tables.get(language)
        if made is None or made[0] is not found:
            made = (found, {key: found.gettext(message) for key, message in self.ids.items()})
            self._tables[language] = made
        return made[1]


class LocalisedText(_ByLanguage[str]):
    """One text by language, from its English id: ``TEXT["da"]`` is its Danish."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __getitem__(self, language: str) -> str:
        if language not in LANGUAGES:
            raise KeyError(language)
        return translations(language).gettext(self.message)
