"""The id and title a new agreement is offered: they name its organisation and its year.

"Udviklingsaftale for 2027" for every centre gives identical headings in the report, the
timeline and the site; "Udviklingsaftale 2027 for Center for Sundhed" and the id
``center-for-sundhed-2027`` tell the agreements apart.
"""

from __future__ import annotations

import re
import unicodedata

from devagree.i18n import N_, LocalisedText

ID_MAX = 80
"""The longest id (the schema's ``maxLength``): ids are file names."""

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})

TITLE = LocalisedText(N_("Development agreement {year} for {organisation}"))
UNNAMED_TITLE = LocalisedText(N_("Development agreement {year}"))
UNNAMED_ID = LocalisedText(N_("agreement-{year}"))


def slug(text: str) -> str:
    """Lowercase letters, digits and hyphens: "Center for Sundhed & Ældre" gives
    "center-for-sundhed-aeldre"."""
    words = text.casefold().translate(_FOLD)
    words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")


def agreement_id(name: str, year: int | str, language: str = "da") -> str:
    """An id from a name (the organisation) and the year, at most ``ID_MAX`` long."""
    year = str(year)
    base = slug(name)
    if not base:
        return UNNAMED_ID[language].format(year=year)
    if year not in base.split("-"):
        base = f"{base}-{year}"
    if len(base) > ID_MAX:
        base = base[: ID_MAX - len(year) - 1].rstrip("-") + f"-{year}"
    return base.strip("-")


def agreement_title(organisation: str, year: int, language: str = "da") -> str:
    """ "Udviklingsaftale 2027 for Center for Sundhed" ("Development agreement 2027 for
    ..." in English); without an organisation, "Udviklingsaftale 2027"."""
    if not organisation.strip():
        return UNNAMED_TITLE[language].format(year=year)
    return TITLE[language].format(year=year, organisation=organisation.strip())
