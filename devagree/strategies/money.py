"""Money the Danish way (``1.250.000 kr.``, ``75.000-125.000 kr.``) or the English way.

One formatter for every output that shows DKK (coverage roll-ups, the strategy's terminal
view and Word document), so a sum reads the same everywhere. Babel knows the separators.
"""

from __future__ import annotations

from devagree.core.strategy_model import BudgetLine
from devagree.i18n import N_, LocalisedText, document_language
from devagree.strategies.rollup import Money

_APPROX = LocalisedText(N_("approx."))


def format_money(money: Money, language: str = "da") -> str:
    """``1.250.000 kr.``, ``75.000-125.000 kr.``, ``ca. 100.000 kr.`` (``DKK 1,250,000``)."""
    from babel.numbers import format_decimal  # lazily: `devagree --help` stays light

    locale = document_language(language)
    amount = format_decimal(money.low, locale=locale)
    if money.is_range:
        amount += "-" + format_decimal(money.high, locale=locale)
    approx = _APPROX[locale] + " " if money.approximate else ""
    if locale == "en":
        return f"{approx}DKK {amount}"
    return f"{approx}{amount} kr."


def line_money(line: BudgetLine) -> Money | None:
    """A budget line's amount or range; None for a line without one."""
    if line.low is None or line.high is None:
        return None
    return Money(line.low, line.high, line.approximate)
