"""The labels Word agreements put before each row, and the field each one fills.

Real templates write the seed's labels with variations: plural or singular, a trailing
colon, odd case, non-breaking or double spaces, English instead of Danish. A label is
normalised (casefolded, punctuation at the ends and "(er)"-style endings dropped, spaces
collapsed) and looked up; a near miss of a long label (a typo) is accepted when it is close
to exactly one known label. A workbook adds its own template's labels in devagree.yaml
(`import: labels:`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from devagree.core.model import ROWS

TITLE = "title"

KNOWN: dict[str, tuple[str, ...]] = {
    "political_goal": (
        "politisk mål",
        "politiske mål",
        "politisk målsætning",
        "politiske målsætninger",
        "politisk målsætning og mål",
        "political goal",
        "political goals",
        "political objective",
        "political objectives",
    ),
    "goal": (
        "mål",
        "målsætning",
        "målsætninger",
        "udviklingsmål",
        "mål for aftalen",
        "goal",
        "goals",
        "objective",
        "objectives",
        "aim",
    ),
    "couplings": (
        "koblinger",
        "kobling",
        "sammenhæng",
        "sammenhænge",
        "sammenhæng til andre indsatser",
        "couplings",
        "coupling",
        "links",
        "linkages",
        "connections",
    ),
    "target_group": ("målgruppe", "målgrupper", "target group", "target groups", "audience"),
    "activity": (
        "aktivitet",
        "aktiviteter",
        "handling",
        "handlinger",
        "indsats",
        "indsatser",
        "activity",
        "activities",
        "actions",
    ),
    "deadline": (
        "deadline",
        "deadlines",
        "tidsfrist",
        "frist",
        "tidsplan",
        "tidshorisont",
        "hvornår",
        "due",
        "due date",
        "timeline",
        "timing",
    ),
    "owner": (
        "ansvarlig",
        "ansvarlige",
        "ansvar",
        "tovholder",
        "owner",
        "responsible",
        "responsibility",
        "lead",
    ),
    "cross_commitments": (
        "tværgående forpligtelser",
        "tværgående forpligtigelser",
        "tværgående forpligtelse",
        "tværgående samarbejde",
        "cross-cutting obligations",
        "cross-cutting commitments",
        "cross commitments",
        "shared commitments",
        "cross-cutting obligation",
    ),
    "resources": ("ressourcer", "ressource", "økonomi", "resources", "resource", "budget"),
    "baseline": ("baseline", "baselines", "udgangspunkt", "nulpunktsmåling", "starting point"),
    "indicators": (
        "effektindikator",
        "effektindikatorer",
        "indikator",
        "indikatorer",
        "succeskriterier",
        "succeskriterium",
        "effect indicator",
        "effect indicators",
        "indicator",
        "indicators",
        "success criteria",
    ),
    "documentation": ("dokumentation", "documentation", "evidence", "dokumenteres ved"),
    TITLE: ("overskrift", "titel", "emne", "tema", "title", "heading", "subject", "theme"),
}
"""Field → the labels that name it, normalised (see ``normalise``)."""

HEADER_WORDS = frozenset(
    {
        "aftale",
        "aftale #",
        "aftale nr",
        "aftale nr.",
        "nr",
        "nr.",
        "#",
        "indhold",
        "felt",
        "emne",
        "beskrivelse",
        "udviklingsmål",
        "agreement",
        "agreement #",
        "item",
        "item #",
        "field",
        "content",
        "contents",
        "description",
    }
)
"""Words of a table's header row ("Aftale # | Indhold")."""

_CONTENTS_TITLES = frozenset({"indhold", "indholdsfortegnelse", "contents", "table of contents"})


def is_contents_title(text: str) -> bool:
    """The line is the title over a table of contents ("Indhold", "Contents:")."""
    return text.rstrip(":").casefold() in _CONTENTS_TITLES


_SPACES = re.compile(r"\s+")
_ENDING = re.compile(r"\s*\((?:er|e|r|s|es)\)$")


def normalise(label: str) -> str:
    """A label as it is looked up: "  Effektindikator(er):\u00a0" → "effektindikator"."""
    text = unicodedata.normalize("NFC", label).replace("\u00a0", " ").replace("\u200b", "")
    text = _SPACES.sub(" ", text).strip().casefold()
    text = text.strip(" :.;\u2013\u2014-*•\t")
    text = _ENDING.sub("", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Labels:
    """Normalised label → field, with the workbook's own labels first."""

    table: dict[str, str]

    @classmethod
    def build(cls, extra: Mapping[str, str] | None = None) -> Labels:
        table: dict[str, str] = {}
        for key, labels in KNOWN.items():
            for label in labels:
                table[normalise(label)] = key
        for row in ROWS:
            table.setdefault(normalise(row.da), row.key)
            table.setdefault(normalise(row.en), row.key)
        for label, key in (extra or {}).items():
            table[normalise(label)] = key
        return cls(table)

    def field(self, label: str) -> str | None:
        """The field ``label`` names, or None."""
        key = normalise(label)
        if not key or len(key) > 60:
            return None
        found = self.table.get(key)
        if found is not None:
            return found
        if len(key) < 6 or any(c.isdigit() for c in key):
            return None  # "Udviklingsmål 1" is a numbered heading, not a typo of a label
        close = difflib.get_close_matches(key, self.table, n=3, cutoff=0.88)
        fields = {self.table[c] for c in close}
        return fields.pop() if len(fields) == 1 else None

    def is_header(self, label: str) -> bool:
        return normalise(label) in HEADER_WORDS
