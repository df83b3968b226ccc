"""The agreement as plain typed Python, free of YAML and of Word.

A model is built from data that passed the schema, or from the data of a file that did
not, made fit by ``core.salvage`` (which names the places it gave neutral values in
``broken``); either way the conversions here can trust the shapes. What the schema cannot
say (a deadline that cannot be read) is kept on the model for the checks to report. Every
object remembers where in its file it came from (``where``), so a check can point at the
line without knowing anything about YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from devagree.core.paths import Path_
from devagree.deadlines.deadline import Deadline, DeadlineError, parse_deadline
from devagree.i18n import N_, Localised, _, current_language, gettext_in


class State(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PARTLY_DONE = "partly_done"
    NOT_MET = "not_met"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Work that can still fall behind its deadline."""
        return self in (State.PLANNED, State.IN_PROGRESS)


STATE_LABELS: Localised[State] = Localised(
    {
        State.PLANNED: N_("not started"),
        State.IN_PROGRESS: N_("in progress"),
        State.DONE: N_("done"),
        State.PARTLY_DONE: N_("partly done"),
        State.NOT_MET: N_("not met"),
        State.CANCELLED: N_("cancelled"),
    }
)
"""The states as people read them, by language: ``STATE_LABELS["da"][State.DONE]``."""


def state_labels(language: str) -> Mapping[State, str]:
    """The states' words in ``language`` (Danish for a language devagree does not speak)."""
    return STATE_LABELS.of(language)


def state_word(state: State) -> str:
    """The state in the current language ("i gang"), never its identifier."""
    return _(STATE_LABELS.ids[state])


def valid_states() -> str:
    """The six states with their labels (in the current language), for messages and help."""
    if current_language() != "en":
        # Danish readers type the Danish words, which --state takes as well.
        return ", ".join(state_word(state) for state in State)
    return ", ".join(f"{state.value} ({state_word(state)})" for state in State)


ROLE_LABELS: Localised[str] = Localised(
    {
        "committee": N_("committee"),
        "chief": N_("centre chief"),
        "director": N_("director"),
    }
)
"""The usual party roles as words; other roles are slugs a reader need not see."""


def role_label(role: str, language: str) -> str:
    """The role as a word in ``language``, or "" for a role devagree has no word for."""
    return ROLE_LABELS.of(language).get(role, "")


@dataclass(frozen=True, slots=True)
class Row:
    """One of the twelve rows of an item, with the label people read (an English message id)."""

    key: str
    label: str

    def label_in(self, language: str) -> str:
        return gettext_in(language, self.label)

    @property
    def da(self) -> str:
        return self.label_in("da")

    @property
    def en(self) -> str:
        return self.label_in("en")


ROWS: tuple[Row, ...] = (
    Row("political_goal", N_("Political goal")),
    Row("goal", N_("Goal")),
    Row("couplings", N_("Couplings")),
    Row("target_group", N_("Target group")),
    Row("activity", N_("Activity")),
    Row("deadline", N_("Deadline")),
    Row("owner", N_("Owner")),
    Row("cross_commitments", N_("Cross-cutting obligations")),
    Row("resources", N_("Resources")),
    Row("baseline", N_("Baseline")),
    Row("indicators", N_("Effect indicators")),
    Row("documentation", N_("Documentation")),
)
"""The twelve rows of the seed agreement, in its order."""


def resolved_due(pinned: date | None, deadline: Deadline | None) -> date | None:
    """A pinned `due:` wins over the deadline expression's last day."""
    if pinned is not None:
        return pinned
    return deadline.due if deadline is not None else None


@dataclass(frozen=True, slots=True)
class Party:
    role: str
    name: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class StatusEntry:
    state: State
    as_of: date | None
    note: str
    where: Path_


@dataclass(frozen=True, slots=True)
class Certificate:
    """The signer's certificate of a digital (PAdES) signature."""

    fingerprint: str
    issuer: str
    trusted: bool
    """Validated against trust roots when it was recorded."""


@dataclass(frozen=True, slots=True)
class Signature:
    party: str
    name: str
    date: date
    digest: str
    title: str = ""
    place: str = ""
    rows: dict[str, str] = field(default_factory=dict)
    """A full digest per part, as signatures recorded them before ``marks``."""
    marks: str = ""
    """The short digest of every part in one line (``signatures.digest.row_marks``)."""
    where: Path_ = ()
    method: str = ""
    """``pades`` for a signature read from a signed PDF; empty for one recorded by name."""
    certificate: Certificate | None = None
    pdf: str = ""
    """The digest of the signed PDF it was recorded from."""


@dataclass(frozen=True, slots=True)
class Item:
    number: int
    title: str
    rows: dict[str, str | list[str]]
    """The twelve rows by key, as written (rich text, or a list of texts)."""
    deadline_text: str
    deadline: Deadline | None
    """None when the text cannot be read; ``deadline_error`` says why."""
    deadline_error: str
    pinned_due: date | None
    links: tuple[str, ...]
    history: tuple[StatusEntry, ...]
    where: Path_

    @property
    def due(self) -> date | None:
        """The date the item is due: ``due:`` when pinned, else the deadline's last day."""
        return resolved_due(self.pinned_due, self.deadline)

    @property
    def status(self) -> StatusEntry | None:
        """The latest follow-up entry, if any."""
        return self.history[-1] if self.history else None

    @property
    def state(self) -> State:
        return self.history[-1].state if self.history else State.PLANNED

    def is_overdue(self, as_of: date) -> bool:
        """Due before ``as_of`` while the work is still planned or in progress.

        A pinned ``due:`` is a plain date; otherwise the deadline says, and work that
        continues ("januar 2017 og løbende") is not overdue once it has started.
        """
        if not self.state.is_open:
            return False
        if self.pinned_due is not None:
            return self.pinned_due < as_of
        started = self.state is not State.PLANNED
        return self.deadline is not None and self.deadline.is_overdue(as_of, started=started)

    def days_left(self, as_of: date) -> int | None:
        return (self.due - as_of).days if self.due is not None else None


@dataclass(frozen=True, slots=True)
class ImportedFrom:
    """The document an agreement was imported from: its file name and SHA-256."""

    file: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Text of an imported document that fits no field, and where it stood there."""

    text: str
    where: str


@dataclass(frozen=True, slots=True)
class Agreement:
    source: str
    """The file the agreement was read from, as the user named it."""
    id: str
    title: str
    municipality: str
    organisation: str
    parties: tuple[Party, ...]
    date: date | None
    period: Period
    purpose: str
    vision_title: str
    vision_text: str
    items: tuple[Item, ...]
    signatures: tuple[Signature, ...]
    data: dict[str, Any] = field(repr=False, compare=False)
    """The plain data the model was built from (for digests of the agreed text)."""
    renews: str = ""
    """The id of the agreement this one renews, if any."""
    unplaced: tuple[Unplaced, ...] = ()
    imported_from: ImportedFrom | None = None
    """The document `devagree import` read it from, if any."""
    broken: frozenset[Path_] = frozenset()
    """Places the schema refused, which hold neutral values here (see ``core.salvage``)."""


def day_from(text: Any) -> date:
    return date.fromisoformat(str(text))


def optional_day_from(text: Any) -> date | None:
    return day_from(text) if text is not None else None


def _history(raw: Any, where: Path_) -> tuple[StatusEntry, ...]:
    if raw is None:
        return ()
    if isinstance(raw, dict):
        entries: list[tuple[dict[str, Any], Path_]] = [(raw, (*where, "status"))]
    else:  # an entry a file with schema problems could not give is None
        entries = [(e, (*where, "status", i)) for i, e in enumerate(raw) if e is not None]
    return tuple(
        StatusEntry(
            state=State(entry["state"]),
            as_of=optional_day_from(entry.get("as_of")),
            note=entry.get("note", ""),
            where=place,
        )
        for entry, place in entries
    )


def _certificate(raw: Any) -> Certificate | None:
    if raw is None:
        return None
    return Certificate(raw["fingerprint"], raw["issuer"], bool(raw["trusted"]))


def item_from_data(raw: dict[str, Any], where: Path_, period: Period | None = None) -> Item:
    """An item; ``period`` (the agreement's) gives the year to a deadline that names none."""
    text = str(raw["deadline"])
    deadline, error = read_deadline(text, period)
    return Item(
        number=raw["number"],
        title=raw["title"],
        rows={row.key: raw[row.key] if row.key != "deadline" else text for row in ROWS},
        deadline_text=text,
        deadline=deadline,
        deadline_error=error,
        pinned_due=optional_day_from(raw.get("due")),
        links=tuple(raw.get("links", ())),
        history=_history(raw.get("status"), where),
        where=where,
    )


def agreement_from_data(
    source: str, data: dict[str, Any], broken: frozenset[Path_] = frozenset()
) -> Agreement:
    """Build an Agreement from schema-valid data, or salvaged data and its ``broken`` places."""
    vision = data.get("vision") or {}
    period = Period(day_from(data["period"]["start"]), day_from(data["period"]["end"]))
    # A deadline with no year takes it from the period, unless the period could not be read.
    known = None if any(p[:1] == ("period",) for p in broken) else period
    return Agreement(
        source=source,
        id=data["id"],
        title=data["title"],
        municipality=data["municipality"],
        organisation=data["organisation"],
        parties=tuple(Party(p["role"], p["name"], p.get("title", "")) for p in data["parties"]),
        date=optional_day_from(data.get("date")),
        period=period,
        purpose=data.get("purpose", ""),
        vision_title=vision.get("title", ""),
        vision_text=vision.get("text", ""),
        items=tuple(
            item_from_data(raw, ("items", index), known) for index, raw in enumerate(data["items"])
        ),
        signatures=tuple(
            Signature(
                party=s["party"],
                name=s["name"],
                date=day_from(s["date"]),
                digest=s["digest"],
                title=s.get("title", ""),
                place=s.get("place", ""),
                rows=dict(s["rows"]) if isinstance(s.get("rows"), dict) else {},
                marks=s["rows"] if isinstance(s.get("rows"), str) else "",
                where=("signatures", index),
                method=s.get("method", ""),
                certificate=_certificate(s.get("certificate")),
                pdf=s.get("pdf", ""),
            )
            for index, s in enumerate(data.get("signatures", ()))
            if s is not None  # a signature a file with schema problems could not give
        ),
        data=data,
        renews=data.get("renews", ""),
        unplaced=tuple(Unplaced(u["text"], u["where"]) for u in data.get("unplaced", ())),
        imported_from=_imported_from(data.get("imported_from")),
        broken=broken,
    )


def _imported_from(raw: Any) -> ImportedFrom | None:
    if raw is None:
        return None
    return ImportedFrom(raw["file"], raw["sha256"])


def read_deadline(text: str, period: Period | None) -> tuple[Deadline | None, str]:
    try:
        return parse_deadline(text, (period.start, period.end) if period else None), ""
    except DeadlineError as err:
        return None, str(err)
