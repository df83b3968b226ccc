"""The words of the deadline grammar, Danish and English, lowercased and without dots.

A phrase of several words is a tuple of tokens as the tokenizer splits them ("half-year" is
"half", "-", "year"). The grammar (``deadline_grammar``) decides what the words mean where.
"""

from __future__ import annotations

from functools import cache

Phrase = tuple[str, ...]


def _month_names(language: str) -> dict[str, int]:
    """A language's month names, full and abbreviated, lowercased, without dots: number.

    The names the message catalogue writes dates with; abbreviated, their first three
    letters, as Babel abbreviates them in Danish and English (a test holds the two alike).
    """
    from devagree.i18n import MONTHS, gettext_in

    names: dict[str, int] = {}
    for number, month in enumerate(MONTHS, start=1):
        name = gettext_in(language, month).lower()
        names[name] = names[name[:3]] = number
    return names


@cache
def month_numbers() -> dict[str, int]:
    """Danish and English month names, full and abbreviated, lowercased, without dots."""
    return {"sept": 9, "marts": 3, "febr": 2, **_month_names("da"), **_month_names("en")}


@cache
def english_months() -> frozenset[str]:
    """English month names, full and abbreviated: only these come before the day."""
    return frozenset({"sept", *_month_names("en")})


ORDINALS: dict[str, int] = {
    "første": 1, "first": 1,
    "anden": 2, "andet": 2, "second": 2,
    "tredje": 3, "third": 3,
    "fjerde": 4, "fourth": 4,
}  # fmt: skip
LAST = frozenset({"sidste", "last"})
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

QUARTER_NOUNS = frozenset({"kvartal", "kvartaler", "kvt", "kv", "quarter", "quarters", "qtr"})
HALF_NOUNS: tuple[Phrase, ...] = (
    ("half", "-", "year"), ("half", "year"), ("halvår",), ("halvåret",), ("halvårs",),
    ("half",),
)  # fmt: skip
WEEK_NOUNS: tuple[Phrase, ...] = (
    ("uge", "nr"), ("uge", "nummer"), ("week", "no"), ("week", "number"), ("uge",), ("ugerne",),
    ("week",), ("weeks",), ("wk",),
)  # fmt: skip

SEASONS: dict[str, int] = {  # the season's first month
    "forår": 3, "foråret": 3, "spring": 3,
    "sommer": 6, "sommeren": 6, "summer": 6,
    "efterår": 9, "efteråret": 9, "autumn": 9, "fall": 9,
    "vinter": 12, "vinteren": 12, "winter": 12,
}  # fmt: skip

PARTS: tuple[tuple[Phrase, int], ...] = (  # primo (0), medio (1), ultimo (2), longest first
    (("i", "begyndelsen", "af"), 0), (("i", "starten", "af"), 0), (("the", "start", "of"), 0),
    (("the", "beginning", "of"), 0), (("begyndelsen", "af"), 0), (("starten", "af"), 0),
    (("start", "of"), 0), (("beginning", "of"), 0), (("early",), 0), (("primo",), 0),
    (("prim",), 0),
    (("i", "midten", "af"), 1), (("the", "middle", "of"), 1), (("midten", "af"), 1),
    (("middle", "of"), 1), (("mid", "-"), 1), (("mid",), 1), (("medio",), 1),
    (("i", "slutningen", "af"), 2), (("the", "end", "of"), 2), (("slutningen", "af"), 2),
    (("end", "of"), 2), (("late",), 2), (("ultimo",), 2), (("ult",), 2), (("ulto",), 2),
)  # fmt: skip

HOLIDAYS: tuple[tuple[Phrase, str], ...] = (  # longest first
    (("the", "summer", "holidays"), "summer"), (("the", "summer", "holiday"), "summer"),
    (("summer", "holidays"), "summer"), (("summer", "holiday"), "summer"),
    (("summer", "break"), "summer"), (("summer", "vacation"), "summer"),
    (("sommerferien",), "summer"), (("sommerferie",), "summer"),
    (("autumn", "holidays"), "autumn"), (("autumn", "holiday"), "autumn"),
    (("autumn", "break"), "autumn"), (("efterårsferien",), "autumn"),
    (("efterårsferie",), "autumn"),
    (("winter", "holidays"), "winter"), (("winter", "holiday"), "winter"),
    (("winter", "break"), "winter"), (("vinterferien",), "winter"), (("vinterferie",), "winter"),
    (("påskeferien",), "easter"), (("påskeferie",), "easter"), (("påsken",), "easter"),
    (("påske",), "easter"), (("easter",), "easter"),
    (("pinseferien",), "whitsun"), (("pinsen",), "whitsun"), (("pinse",), "whitsun"),
    (("whitsun",), "whitsun"), (("whitsuntide",), "whitsun"), (("pentecost",), "whitsun"),
    (("juleferien",), "christmas"), (("juleferie",), "christmas"), (("julen",), "christmas"),
    (("christmas",), "christmas"), (("xmas",), "christmas"),
    (("new", "year", "'", "s", "eve"), "new_year"), (("new", "year", "'", "s"), "new_year"),
    (("new", "year"), "new_year"), (("nytåret",), "new_year"), (("nytår",), "new_year"),
    (("nytårsaften",), "new_year"),
)  # fmt: skip
CHRISTMAS_SHORT = "jul"
"""Christmas after a Danish word ("inden jul", "til jul 2016"); otherwise July's short form."""

TURN_OF_YEAR: tuple[Phrase, ...] = (
    ("the", "turn", "of", "the", "year"), ("turn", "of", "the", "year"), ("årsskiftet",),
    ("årsskifte",), ("year", "-", "end"), ("year", "end"),
)  # fmt: skip

THE_YEAR: tuple[Phrase, ...] = (("the", "year"), ("this", "year"), ("året",), ("år",))
"""The year without its number: the agreement's ("inden udgangen af året")."""

CONTINUOUS = frozenset({"løbende", "ongoing", "continuous", "continuously", "continuing"})

# Words before the date. FILLER words do not change it; BEFORE words make the due date the
# day before the named period begins; END_OF words name its end (and cancel BEFORE);
# CONTINUES words start work that then continues; DANISH marks a Danish lead (for "jul").
FILLER, BEFORE, END_OF, CONTINUES = "filler", "before", "end_of", "continues"
LEADS: tuple[tuple[Phrase, str, bool], ...] = (  # (phrase, role, Danish), longest first
    (("no", "later", "than"), FILLER, False), (("not", "later", "than"), FILLER, False),
    (("at", "the", "latest", "by"), FILLER, False), (("in", "the", "course", "of"), FILLER, False),
    (("over", "the", "course", "of"), FILLER, False),
    (("i", "løbet", "af"), FILLER, True), (("fra", "og", "med"), FILLER, True),
    (("til", "og", "med"), FILLER, True), (("i", "hele"), FILLER, True),
    (("løbende", "fra"), CONTINUES, True), (("løbende", "fra", "og", "med"), CONTINUES, True),
    (("ongoing", "from"), CONTINUES, False), (("continuous", "from"), CONTINUES, False),
    (("continuing", "from"), CONTINUES, False), (("continuously", "from"), CONTINUES, False),
    (("løbende", "i"), FILLER, True), (("løbende", "gennem"), FILLER, True),
    (("løbende", "hen", "over"), FILLER, True), (("løbende", "over"), FILLER, True),
    (("løbende", "frem", "til"), FILLER, True),
    (("ongoing", "in"), FILLER, False), (("ongoing", "during"), FILLER, False),
    (("ongoing", "through"), FILLER, False), (("ongoing", "until"), FILLER, False),
    (("continuously", "through"), FILLER, False), (("continuously", "during"), FILLER, False),
    (("continuous", "through"), FILLER, False),
    (("udgangen", "af"), END_OF, True), (("udløbet", "af"), END_OF, True),
    (("the", "close", "of"), END_OF, False), (("close", "of"), END_OF, False),
    (("forud", "for"), BEFORE, True), (("prior", "to"), BEFORE, False),
    (("ahead", "of"), BEFORE, False),
    (("inden", "for"), FILLER, True), (("indenfor",), FILLER, True),
    (("løbet", "af"), FILLER, True), (("hen", "over"), FILLER, True),
    (("senest",), FILLER, True), (("seneste",), FILLER, True), (("inden",), BEFORE, True),
    (("før",), BEFORE, True), (("before",), BEFORE, False),
    (("d",), FILLER, True), (("den",), FILLER, True), (("fra",), FILLER, True),
    (("til",), FILLER, True), (("ved",), FILLER, True), (("i",), FILLER, True),
    (("omkring",), FILLER, True), (("ca",), FILLER, True), (("cirka",), FILLER, True),
    (("gennem",), FILLER, True), (("igennem",), FILLER, True), (("mellem",), FILLER, True),
    (("pr",), FILLER, True), (("per",), FILLER, True), (("primært",), FILLER, True),
    (("forventet",), FILLER, True), (("forventeligt",), FILLER, True),
    (("deadline",), FILLER, False), (("frist",), FILLER, True), (("dato",), FILLER, True),
    (("by",), FILLER, False), (("on",), FILLER, False), (("at",), FILLER, False),
    (("in",), FILLER, False), (("during",), FILLER, False), (("within",), FILLER, False),
    (("from",), FILLER, False), (("until",), FILLER, False), (("till",), FILLER, False),
    (("through",), FILLER, False), (("throughout",), FILLER, False),
    (("between",), FILLER, False), (("around",), FILLER, False), (("about",), FILLER, False),
    (("approx",), FILLER, False), (("approximately",), FILLER, False),
    (("circa",), FILLER, False), (("expected",), FILLER, False), (("due",), FILLER, False),
    (("the",), FILLER, False), (("latest",), FILLER, False), (("opstart",), FILLER, True),
    (("afsluttes",), FILLER, True), (("afsluttet",), FILLER, True),
    (("færdig",), FILLER, True), (("klar",), FILLER, True),
    (("complete",), FILLER, False), (("completed",), FILLER, False),
    (("ready",), FILLER, False), (("finished",), FILLER, False),
    ((":",), FILLER, False), ((",",), FILLER, False),
)  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "mandag": 0, "man": 0, "monday": 0, "mon": 0,
    "tirsdag": 1, "tir": 1, "tirs": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "onsdag": 2, "ons": 2, "wednesday": 2, "wed": 2,
    "torsdag": 3, "tor": 3, "tors": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "fredag": 4, "fre": 4, "friday": 4, "fri": 4,
    "lørdag": 5, "lør": 5, "saturday": 5, "sat": 5,
    "søndag": 6, "søn": 6, "sunday": 6, "sun": 6,
}  # fmt: skip

RANGE_WORDS: tuple[Phrase, ...] = (
    ("til", "og", "med"),
    ("up", "to", "and", "including"),
    ("-",),
    ("/",),
    ("til",),
    ("to",),
    ("until",),
    ("through",),
    ("thru",),
    ("eller",),
    ("or",),
    ("og",),
    ("and",),
    ("&",),
    ("+",),
)
"""Between the two ends of a range or two alternatives ("april-maj", "marts/april")."""

THEN_WORDS: tuple[Phrase, ...] = (
    (",", "og", "derefter"), (",", "og", "herefter"), ("og", "derefter"), ("og", "herefter"),
    ("og", "så"), ("and", "then"), (",", "derefter"), (",", "herefter"), (",", "then"),
    (",", "og"), (",", "and"), ("og",), ("and",), ("then",), ("derefter",), ("herefter",),
    ("thereafter",), (",",), ("-",),
)  # fmt: skip
"""Before the word that says the work continues ("januar 2017 og derefter løbende")."""
AFTER_THEN = frozenset({*CONTINUOUS, "fremover", "onwards", "onward", "fremadrettet"})
