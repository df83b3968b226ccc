"""The agreement file that `devagree new` writes, built from the answers.

Pure: no printing, no clock, no disk. The text is built line by line so that every row gets
a comment with its label and multi-line text is written as a readable block scalar. Each
value is checked as it is written (it must read back as exactly the text typed), and the
whole document is read back once more; should any of that ever disagree, the document is
built again with every text double-quoted, which YAML always reads back exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devagree.core.model import ROWS
from devagree.deadlines.deadline import Deadline, parse_deadline
from devagree.drafting.names import ID_MAX, agreement_title
from devagree.i18n import N_, Localised, LocalisedText, date_in, document_language, gettext_in

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""The schema's slug pattern (agreement.schema.json, $defs/slug)."""
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
"""Ids that cannot be file names on Windows (rule DA204)."""

PARAGRAPH_MARK = "."
"""A line of just this in a multi-line answer stands for an empty line (a new paragraph),
since an empty line ends the answer."""


@dataclass(slots=True)
class ItemDraft:
    """One numbered item: its heading and the twelve rows by key (ROWS order)."""

    title: str
    rows: dict[str, str]


@dataclass(slots=True)
class AgreementDraft:
    """The answers to `devagree new`, before they become YAML."""

    id: str
    title: str
    municipality: str
    organisation: str
    committee: str
    chief: str
    start: date
    end: date
    day: date
    items: list[ItemDraft] = field(default_factory=list)


# --- validation of answers -----------------------------------------------------------------

_ID_PROBLEMS = Localised(
    {
        "empty": N_("type an id, e.g. slagelse-chp-2026"),
        "long": N_("an id may be at most {limit} characters"),
        "pattern": N_(
            "an id may hold only lowercase letters a-z, digits and hyphens and must "
            "start with a letter or digit (it is used in file names and links)"
        ),
        "reserved": N_("Windows cannot use it as a file name; choose another id"),
        "used": N_("the id is already used by {where}"),
    }
)


def id_problem(text: str, used: dict[str, str], language: str = "da") -> str | None:
    """Why ``text`` cannot be the new agreement's id, or None when it can.

    ``used`` maps the ids already in the workbook to the file that has each.
    """
    words = _ID_PROBLEMS[language]
    if not text:
        return words["empty"]
    if len(text) > ID_MAX:
        return words["long"].format(limit=ID_MAX)
    if not ID_PATTERN.fullmatch(text):
        return words["pattern"]
    if text in WINDOWS_RESERVED:
        return words["reserved"]
    if text in used:
        return words["used"].format(where=used[text])
    return None


def join_lines(lines: list[str]) -> str:
    """A multi-line answer as one text: a line of just "." stands for an empty line."""
    return "\n".join("" if line == PARAGRAPH_MARK else line for line in lines)


def describe_deadline(
    text: str, language: str = "da", period: tuple[date, date] | None = None
) -> tuple[Deadline, str]:
    """The deadline read from ``text`` and how it resolves ("Ultimo 2016 -> 31. december 2016").

    ``period`` gives the year to an expression that names none ("ultimo august").
    Raises DeadlineError when the text cannot be read.
    """
    deadline = parse_deadline(text, period)
    if deadline.due is None:
        meaning = gettext_in(language, N_("continuous (no date)"))
    else:
        meaning = date_in(language, deadline.due)
    return deadline, f"{text} -> {meaning}"


# --- the skeleton ----------------------------------------------------------------------------

_TODO = LocalisedText(N_("TODO: fill in {what}"))
_SKELETON = Localised(
    {
        "municipality": N_("the municipality"),
        "organisation": N_("the centre"),
        "committee": N_("the committee, e.g. Health and Care Committee"),
        "chief": N_("the chief, e.g. Head of Health and Care"),
        "item": N_("the item's heading"),
    }
)


def placeholder(what: str, language: str = "da") -> str:
    """The marker text for something still to be written ("TODO: udfyld mål")."""
    return _TODO.of(language).format(what=what)


def front_placeholder(key: str, language: str = "da") -> str:
    """The placeholder of a front field the skeleton also has (municipality, organisation,
    committee, chief, item)."""
    words = _SKELETON.of(language)
    return placeholder(words[key], language)


def row_placeholder(key: str, language: str = "da") -> str:
    """The placeholder of one item row, as the skeleton writes it."""
    row = next(r for r in ROWS if r.key == key)
    return placeholder(row.label_in(language).lower(), language)


def default_period(year: int) -> tuple[date, date]:
    """The calendar year: agreements usually run from January to December."""
    return date(year, 1, 1), date(year, 12, 31)


def skeleton(
    agreement_id: str,
    year: int,
    municipality: str = "",
    language: str = "da",
    organisation: str = "",
) -> AgreementDraft:
    """A draft with one item whose twelve rows are placeholders `check` reports (DA209);
    its title names the organisation, or holds a placeholder where it goes."""
    start, end = default_period(year)
    rows = {row.key: row_placeholder(row.key, language) for row in ROWS}
    organisation = organisation.strip() or front_placeholder("organisation", language)
    return AgreementDraft(
        id=agreement_id,
        title=agreement_title(organisation, year, document_language(language)),
        municipality=municipality or front_placeholder("municipality", language),
        organisation=organisation,
        committee=front_placeholder("committee", language),
        chief=front_placeholder("chief", language),
        start=start,
        end=end,
        day=start,
        items=[ItemDraft(front_placeholder("item", language), rows)],
    )


# --- YAML text -------------------------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``.

    JSON strings are YAML double-quoted scalars; the characters YAML does not allow raw
    (line and paragraph separators, C1 controls, byte-order marks, lone surrogates) are
    escaped as well.
    """
    out = json.dumps(text, ensure_ascii=False)
    return "".join(
        f"\\u{ord(c):04x}"
        if 0x7F <= ord(c) <= 0x9F
        or c in "\u2028\u2029\ufeff\ufffe\uffff"
        or 0xD800 <= ord(c) <= 0xDFFF
        else c
        for c in out
    )


def _reads_back(document: str, text: str) -> bool:
    """True when devagree's own loader reads ``document`` (`k: ...`) as {"k": text}."""
    from devagree.core.loader import LoadError, load

    try:
        data = load("", document).data
    except LoadError:
        return False
    return data == {"k": text}


_PLAIN_START = re.compile(r"[\s\-?:,\[\]{}#&*!|>'\"%@`]")


def _plain(text: str) -> str | None:
    if not text or "\n" in text or _PLAIN_START.match(text) or text != text.strip():
        return None
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return None
    if not text.isprintable() or not _reads_back(f"k: {text}\n", text):
        return None
    return text


def inline(text: str) -> str:
    """A one-line YAML value for ``text``: plain when that reads back exactly, else quoted."""
    return _plain(text) or quoted(text)


def _block(text: str, indent: int) -> list[str] | None:
    """Lines of a literal block scalar for ``text``, or None when it cannot be one."""
    if "\n" not in text or "\r" in text:
        return None
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = {0: "-", 1: ""}.get(trailing, "+")
    first = body.lstrip("\n")
    indicator = "2" if first.startswith((" ", "\t")) else ""
    lines = [*body.split("\n"), *([""] * max(trailing - 1, 0))]

    def build(pad: int) -> list[str]:
        return [f"|{indicator}{chomp}", *((" " * pad + line) if line else "" for line in lines)]

    check = build(2)
    if not _reads_back("k: " + "\n".join(check) + "\n", text):
        return None
    return build(indent)


def _scalar(key: str, text: str, indent: int, style: str) -> list[str]:
    """``key: value`` lines for a text at ``indent`` spaces; values read back exactly."""
    pad = " " * indent
    if style == "pretty":
        plain = _plain(text)
        if plain is not None:
            return [f"{pad}{key}: {plain}"]
        block = _block(text, indent + 2)
        if block is not None:
            return [f"{pad}{key}: {block[0]}", *block[1:]]
    return [f"{pad}{key}: {quoted(text)}"]


def _comment(text: str) -> str:
    """Text safe to put in a comment: one line, printable."""
    return "".join(c if c.isprintable() else " " for c in text).strip()


_WORDS = Localised(
    {
        "header": N_("{title}, {organisation}, {municipality}."),
        "made": N_("Draft written by `devagree new`. Run `devagree check` to see what is missing."),
        "rich": N_(
            'Text fields: paragraphs separated by an empty line, "- " bullets, **bold**, *italic*.'
        ),
        "no_schema": N_(
            "No schemas/ folder in this workbook; `devagree init` puts the schema "
            "there for your editor."
        ),
        "parties": N_("Parties (Parter): the committee and the centre chief"),
        "date": N_("Date of the agreement (Dato, YYYY-MM-DD)"),
        "period": N_("Validity (Gyldighed): the first and last day the agreement applies"),
        "purpose": N_("Purpose (Formål) and vision can be added (optional):"),
        "items": N_("The items (punkter), numbered 1, 2, 3, ..."),
        "title": N_("Heading"),
    }
)


def _row_label(key: str, language: str) -> str:
    row = next(r for r in ROWS if r.key == key)
    return row.da if language == "da" else f"{row.en} ({row.da})"


AGREEMENT_ORDER = (
    "kind",
    "version",
    "id",
    "renews",
    "imported_from",
    "title",
    "municipality",
    "organisation",
    "parties",
    "date",
    "period",
    "purpose",
    "vision",
    "items",
    "signatures",
    "unplaced",
)
"""devagree's field order for an agreement file; keys not named here follow in their order."""

ITEM_ORDER = ("number", "title", *(row.key for row in ROWS), "due", "links", "status")


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in data] + [k for k in data if k not in order]


def _value_lines(key: str, value: Any, indent: int, style: str) -> list[str]:
    """``key: value`` for any value of an agreement (text, number, list, mapping)."""
    pad = " " * indent
    if isinstance(value, bool) or value is None:
        raise ValueError(f"cannot write {key}: {value!r}")
    if isinstance(value, int):
        return [f"{pad}{key}: {value}"]
    if isinstance(value, str):
        return _scalar(key, value, indent, style)
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for sub in value:
            lines += _value_lines(str(sub), value[sub], indent + 2, style)
        return lines
    lines = [f"{pad}{key}:"]
    for entry in value:
        lines += _entry_lines(entry, indent + 2, style)
    return lines


def _entry_lines(entry: Any, indent: int, style: str) -> list[str]:
    """One ``- ...`` entry of a list (a text or a mapping), at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(entry, dict):
        lines: list[str] = []
        for position, sub in enumerate(entry):
            sub_lines = _value_lines(str(sub), entry[sub], indent + 2, style)
            if position == 0:
                sub_lines[0] = f"{pad}- " + sub_lines[0][indent + 2 :]
            lines += sub_lines
        return lines
    lines = _scalar("k", str(entry), indent + 2, style)
    lines[0] = f"{pad}- " + lines[0][indent + 2 + len("k: ") :]
    return lines


def _document(
    data: dict[str, Any],
    schema_ref: str | None,
    language: str,
    style: str,
    header: tuple[str, ...],
) -> str:
    """The commented YAML text of an agreement's plain data, in devagree's layout."""
    words = _WORDS[language]
    lines: list[str] = []
    if schema_ref is not None:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    else:
        lines.append(f"# {words['no_schema']}")
    lines += [f"# {_comment(line)}" for line in header]
    comments = {
        "parties": words["parties"],
        "date": words["date"],
        "period": words["period"],
        "items": words["items"],
    }
    for key in _ordered(data, AGREEMENT_ORDER):
        if key == "items" and "purpose" not in data and "vision" not in data:
            lines += [
                f"# {words['purpose']}",
                "# purpose: |",
                "#   ...",
                "# vision:",
                "#   title: ...",
                "#   text: |",
                "#     ...",
            ]
        if key in comments:
            lines.append(f"# {comments[key]}")
        if key == "items":
            lines.append("items:")
            for item in data["items"]:
                lines += _item_lines(item, language, style)
        else:
            lines += _value_lines(key, data[key], 0, style)
    return "\n".join(lines) + "\n"


def _item_lines(item: dict[str, Any], language: str, style: str) -> list[str]:
    words = _WORDS[language]
    lines: list[str] = []
    for key in _ordered(item, ITEM_ORDER):
        if key == "title":
            lines.append(f"    # {words['title']}")
        elif any(row.key == key for row in ROWS):
            lines.append(f"    # {_row_label(key, language)}")
        lines += _value_lines(key, item[key], 4, style)
    if lines and lines[0].startswith("    number:"):
        lines[0] = "  - " + lines[0][4:]
    else:
        lines.insert(0, "  -")
    return lines


def document_text(
    data: dict[str, Any],
    schema_ref: str | None,
    language: str = "da",
    header: tuple[str, ...] = (),
) -> str:
    """The commented YAML file of a whole agreement (purpose, vision, items, anything the
    schema allows), in devagree's layout and field order; it reads back as exactly ``data``.

    ``data`` holds dates as ISO text, as the loader keeps them. Used by every command that
    writes a new agreement file (`new`, `new --from`, `import`).
    """
    language = document_language(language)
    text = _document(data, schema_ref, language, "pretty", header)
    if _reads_as(text, data):
        return text
    text = _document(data, schema_ref, language, "quoted", header)
    if not _reads_as(text, data):  # pragma: no cover - double quotes always read back
        raise ValueError("the agreement cannot be written as YAML that reads back exactly")
    return text


def expected_data(draft: AgreementDraft) -> dict[str, Any]:
    """What the written file must read back as (dates as ISO text, as the loader keeps them)."""
    return {
        "kind": "agreement",
        "version": 1,
        "id": draft.id,
        "title": draft.title,
        "municipality": draft.municipality,
        "organisation": draft.organisation,
        "parties": [
            {"role": "committee", "name": draft.committee},
            {"role": "chief", "name": draft.chief},
        ],
        "date": draft.day.isoformat(),
        "period": {"start": draft.start.isoformat(), "end": draft.end.isoformat()},
        "items": [
            {"number": number, "title": item.title, **{r.key: item.rows[r.key] for r in ROWS}}
            for number, item in enumerate(draft.items, start=1)
        ],
    }


def _reads_as(text: str, data: dict[str, Any]) -> bool:
    from devagree.core.loader import LoadError, load

    try:
        return load("draft", text).data == data
    except LoadError:
        return False


def agreement_text(draft: AgreementDraft, schema_ref: str | None, language: str = "da") -> str:
    """The commented YAML file for ``draft``; it reads back as exactly the answers given.

    ``schema_ref`` is the schema's path relative to the file (for the editor's
    `yaml-language-server` line), or None when the workbook has no copy of it.
    """
    if not draft.items:
        raise ValueError("an agreement needs at least one item")
    missing = [r.key for item in draft.items for r in ROWS if r.key not in item.rows]
    if missing:
        raise ValueError(f"rows missing from the draft: {', '.join(sorted(set(missing)))}")
    words = _WORDS.of(language)
    header = words["header"].format(
        title=draft.title, organisation=draft.organisation, municipality=draft.municipality
    )
    return document_text(
        expected_data(draft), schema_ref, language, (header, words["made"], words["rich"])
    )
