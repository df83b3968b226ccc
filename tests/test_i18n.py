"""Messages in the reader's language: which language, and a catalogue with every message."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import DANISH, run

from devagree import i18n_tools
from devagree.i18n import (
    N_,
    Localised,
    _,
    in_language,
    locale_setting,
    resolve_language,
    translations,
)

REPO = Path(__file__).resolve().parent.parent
EVERY_PROBLEM = REPO / "examples" / "every-problem"
ENGLISH = REPO / "examples" / "english"


@pytest.mark.parametrize(
    ("option", "environment", "workbook", "locale", "expected"),
    [
        ("en", "da", "da", "da_DK.UTF-8", "en"),  # --lang wins over everything
        (None, "en", "da", "da_DK.UTF-8", "en"),  # then DEVAGREE_LANG
        (None, None, "en", "da_DK.UTF-8", "en"),  # then the workbook's language
        (None, None, "da", "C.UTF-8", "da"),
        (None, None, None, "da_DK.UTF-8", "da"),  # outside a workbook: the locale
        (None, None, None, "de_DE.UTF-8", "en"),  # English as the fallback
        (None, None, None, None, "en"),
        (None, "fr", "da", None, "da"),  # an unknown value is passed over
        (None, "", "en", None, "en"),  # an empty one too
        (None, " DA ", None, None, "da"),
    ],
)
def test_the_language_rule(
    option: str | None,
    environment: str | None,
    workbook: str | None,
    locale: str | None,
    expected: str,
) -> None:
    assert resolve_language(option, environment, workbook, locale) == expected


def test_the_locale_is_read_as_posix_orders_it() -> None:
    assert locale_setting({"LANG": "en_GB.UTF-8", "LC_ALL": "da_DK.UTF-8"}) == "da_DK.UTF-8"
    assert locale_setting({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "da_DK"}) == "da_DK"
    assert locale_setting({"LANG": "da_DK.UTF-8"}) == "da_DK.UTF-8"
    assert locale_setting({}) is None


def test_every_message_has_a_danish_translation() -> None:
    """The extraction runs here: a new message without Danish fails this test."""
    source = i18n_tools.extract()
    danish = i18n_tools.read(i18n_tools.catalogue_path("da"), "da")
    ids = [m.id for m in source if m.id]
    assert len(ids) > 300
    missing = [m for m in ids if m not in danish]
    assert not missing, f"not in the Danish catalogue (run the update in the README): {missing}"
    untranslated = [m.id for m in danish if m.id and (not i18n_tools._translated(m) or m.fuzzy)]
    assert not untranslated, f"no Danish text yet, or fuzzy: {untranslated}"


def test_danish_keeps_every_placeholder() -> None:
    """A translation that drops or renames a {placeholder} would fail when formatted."""
    placeholder = re.compile(r"\{(\w*)\}")
    danish = i18n_tools.read(i18n_tools.catalogue_path("da"), "da")
    for message in danish:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[-1]))
        for text in texts:
            assert set(placeholder.findall(text)) == wanted, (message.id, text)


ITEM_WORD = re.compile(r"\bitems?\b", re.IGNORECASE)
NOT_WORDS = re.compile(r"\{\w*\}|--[\w-]+|`[^`]*`")
"""Placeholders, option names and code, which are not words a reader reads."""
COUNT_HEADINGS = {"Items"}
"""A column of counts ("Antal"), not a name for an item."""


def test_an_item_is_a_punkt_in_danish() -> None:
    """One word for one thing: an agreement's item is a "punkt" in every Danish text; only
    the seed's own "Aftale #" label, in the rendered agreement, keeps its word."""
    danish = i18n_tools.read(i18n_tools.catalogue_path("da"), "da")
    wrong: list[tuple[str, str]] = []
    for message in danish:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            if "aftalepunkt" in text.lower():
                wrong.append((ids[0], text))
            speaks_of_items = ITEM_WORD.search(NOT_WORDS.sub("", ids[0]))
            said = NOT_WORDS.sub("", text).lower()
            if speaks_of_items and ids[0] not in COUNT_HEADINGS and "punkt" not in said:
                wrong.append((ids[0], text))
    assert not wrong, wrong
    assert danish.get("Agreement #").string == "Aftale #"


def test_the_catalogue_loads_in_a_few_milliseconds() -> None:
    """The compiled catalogue, read again five times (the best of them, as timeit reports)."""
    i18n_tools.compile_all()
    timings = []
    for _round in range(5):
        translations.cache_clear()
        start = time.perf_counter()
        loaded = translations("da")
        timings.append(time.perf_counter() - start)
    assert loaded.gettext("error") == "fejl"
    assert min(timings) < 0.005, f"loading the Danish catalogue took {min(timings) * 1000:.1f} ms"


def test_localised_tables_come_from_the_catalogue() -> None:
    table = Localised({"state": N_("in progress")})
    assert table["da"]["state"] == "i gang"
    assert table["en"]["state"] == "in progress"
    with pytest.raises(KeyError):
        table["fr"]
    with in_language("da"):
        assert _("in progress") == "i gang"
    assert _("in progress") == "in progress"


def test_a_localised_table_is_made_once_per_catalogue() -> None:
    """Looked up again, the same table; a catalogue read afresh makes it again."""
    table = Localised({"state": N_("in progress")})
    danish = table["da"]
    assert table["da"] is danish
    assert "da" in table and "fr" not in table
    assert table.of("fr") is danish and table.of("en") is table["en"]
    translations.cache_clear()
    assert table["da"] is not danish
    assert table["da"] == {"state": "i gang"}


def test_option_environment_and_workbook_choose_the_language() -> None:
    danish = run("codes", "DA208", cwd=EVERY_PROBLEM, env=DANISH)
    assert danish.stdout.startswith("DA208 (advarsel): Et punkt har overskredet sin deadline.")
    english = run("codes", "DA208", cwd=EVERY_PROBLEM, env={"DEVAGREE_LANG": "en"})
    assert english.stdout.startswith("DA208 (warning): An item is overdue.")
    option = run("--lang", "en", "codes", "DA208", cwd=EVERY_PROBLEM, env={"DEVAGREE_LANG": "da"})
    assert option.stdout.startswith("DA208 (warning)")
    workbook = run("codes", "DA208", cwd=ENGLISH, env=DANISH)
    assert workbook.stdout.startswith("DA208 (warning)")
    named = run("check", str(ENGLISH), "--as-of", "2016-03-01", cwd=EVERY_PROBLEM, env=DANISH)
    assert "files checked" in named.stdout, named.stdout


def test_outside_a_workbook_the_locale_decides(tmp_path: Path) -> None:
    danish = run("codes", "DA208", cwd=tmp_path, env={**DANISH, "LANG": "da_DK.UTF-8"})
    assert "(advarsel)" in danish.stdout
    other = run("codes", "DA208", cwd=tmp_path, env={**DANISH, "LANG": "C.UTF-8", "LC_ALL": ""})
    assert "(warning)" in other.stdout


def test_an_unknown_lang_is_a_usage_error() -> None:
    result = run("--lang", "fr", "codes", cwd=EVERY_PROBLEM)
    assert result.returncode == 2


def test_a_date_is_written_as_babel_writes_it() -> None:
    """date_in is Babel's long form, written from the catalogue: the same for every day."""
    from datetime import date, timedelta

    from babel.dates import format_date

    from devagree.i18n import BABEL_LOCALES, date_in

    day = date(2015, 12, 25)
    while day < date(2029, 1, 10):
        for language in ("da", "en"):
            expected = format_date(day, format="long", locale=BABEL_LOCALES[language])
            assert date_in(language, day) == expected
        day += timedelta(days=3)
    assert date_in("da", date(2026, 12, 4)) == "4. december 2026"
    assert date_in("en", date(2026, 12, 4)) == "4 December 2026"
    assert date_in("fr", date(2026, 12, 4)) == "4. december 2026"  # a document is written


def test_the_month_names_are_babels() -> None:
    """The deadline grammar reads the month names dates are written with: Babel's."""
    from babel.dates import get_month_names

    from devagree.deadlines.words import _month_names

    for language in ("da", "en"):
        expected = {
            str(name).lower().rstrip("."): number
            for width in ("wide", "abbreviated")
            for number, name in get_month_names(width, locale=language).items()
        }
        assert _month_names(language) == expected
