"""The follow-up report's content, computed from the model for one as-of day.

The report shows each item as it stood on the as-of day: history entries dated after that
day are left out, so a report for an earlier committee meeting can be made again later and
says the same. Traffic lights:

- green: done;
- yellow: in progress and not overdue, or partly done (some of it was reached; the committee
  should look at it, but it is not a failure);
- red: overdue (due before the as-of day and still planned or in progress), or not met;
- grey: not started and not yet due (or continuous), or cancelled.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from devagree.core.model import Agreement, Item, Period, State, StatusEntry, state_labels
from devagree.i18n import N_, Localised, document_language


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


LIGHT_WORDS = Localised(
    {
        Light.GREEN: N_("Green"),
        Light.YELLOW: N_("Yellow"),
        Light.RED: N_("Red"),
        Light.GREY: N_("Grey"),
    }
)

LIGHT_COLOURS: dict[Light, str] = {
    Light.GREEN: "92D050",
    Light.YELLOW: "FFD966",
    Light.RED: "FF7C80",
    Light.GREY: "D9D9D9",
}
"""Cell fills in Word (hex RGB): light enough for black text to stay readable."""


def state_label(state: State, language: str) -> str:
    return state_labels(language)[state]


def light_word(light: Light, language: str) -> str:
    return LIGHT_WORDS.of(language)[light]


def traffic_light(state: State, overdue: bool) -> Light:
    """The light for an item's state on the as-of day (see the module docstring)."""
    if state is State.DONE:
        return Light.GREEN
    if state is State.NOT_MET or overdue:
        return Light.RED
    if state in (State.IN_PROGRESS, State.PARTLY_DONE):
        return Light.YELLOW
    return Light.GREY


@dataclass(frozen=True, slots=True)
class ReportItem:
    agreement_id: str
    number: int
    title: str
    owner: str
    deadline: str
    due: date | None
    state: State
    light: Light
    overdue: bool
    days_overdue: int
    note: str
    """The latest note (rich text), empty when there is none."""
    history: tuple[StatusEntry, ...]
    """Entries recorded up to the as-of day, oldest first."""


@dataclass(frozen=True, slots=True)
class ReportAgreement:
    id: str
    title: str
    organisation: str
    source: str
    period: Period
    items: tuple[ReportItem, ...]


@dataclass(frozen=True, slots=True)
class OtherAgreement:
    """An agreement the report is not about (another period, or a draft for a coming one)."""

    id: str
    title: str
    organisation: str
    period: Period
    signed: bool


@dataclass(frozen=True, slots=True)
class Report:
    as_of: date
    language: str
    periods: tuple[Period, ...]
    """The distinct validity periods of the agreements, in order."""
    agreements: tuple[ReportAgreement, ...]
    others: tuple[OtherAgreement, ...] = ()
    """The workbook's other agreements, named in a section of their own."""

    @property
    def items(self) -> tuple[ReportItem, ...]:
        return tuple(i for a in self.agreements for i in a.items)

    @property
    def counts(self) -> dict[State, int]:
        """Items per state, every state listed (zero included) in the model's order."""
        counts = dict.fromkeys(State, 0)
        for item in self.items:
            counts[item.state] += 1
        return counts

    @property
    def light_counts(self) -> dict[Light, int]:
        counts = dict.fromkeys(Light, 0)
        for item in self.items:
            counts[item.light] += 1
        return counts

    @property
    def overdue(self) -> tuple[ReportItem, ...]:
        """Overdue items, longest overdue first."""
        late = [i for i in self.items if i.overdue]
        return tuple(sorted(late, key=lambda i: (-i.days_overdue, i.agreement_id, i.number)))


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "; ".join(value)


def report_item(agreement_id: str, item: Item, as_of: date) -> ReportItem:
    """One item as it stood on ``as_of``."""
    history = tuple(e for e in item.history if e.as_of is None or e.as_of <= as_of)
    state = history[-1].state if history else State.PLANNED
    due = item.due
    overdue = due is not None and due < as_of and state.is_open
    return ReportItem(
        agreement_id=agreement_id,
        number=item.number,
        title=item.title,
        owner=_text(item.rows["owner"]).strip(),
        deadline=item.deadline_text,
        due=due,
        state=state,
        light=traffic_light(state, overdue),
        overdue=overdue,
        days_overdue=(as_of - due).days if overdue and due is not None else 0,
        note=history[-1].note if history else "",
        history=history,
    )


def build_report(
    agreements: Iterable[Agreement],
    as_of: date,
    language: str = "da",
    others: Iterable[Agreement] = (),
) -> Report:
    """The report for ``agreements`` as of a day, in the order given; ``others`` are the
    agreements it is not about (see ``followup.periods``), named at its end."""
    chosen = list(agreements)
    periods: list[Period] = []
    for agreement in chosen:
        if agreement.period not in periods:
            periods.append(agreement.period)
    return Report(
        as_of=as_of,
        language=document_language(language),
        periods=tuple(sorted(periods, key=lambda p: (p.start, p.end))),
        agreements=tuple(
            ReportAgreement(
                id=a.id,
                title=a.title,
                organisation=a.organisation,
                source=a.source,
                period=a.period,
                items=tuple(report_item(a.id, item, as_of) for item in a.items),
            )
            for a in chosen
        ),
        others=tuple(
            OtherAgreement(a.id, a.title, a.organisation, a.period, bool(a.signatures))
            for a in others
        ),
    )


REPORT_TEXT = Localised(
    {
        "title": N_("Follow-up on development agreements"),
        "as_of": N_("Status as of {day}"),
        "period": N_("Period"),
        "overview": N_("Overview"),
        "state": N_("State"),
        "count": N_("Items"),
        "light": N_("Traffic light"),
        "overdue": N_("Overdue deadlines"),
        "no_overdue": N_("No item is past its deadline."),
        "number": N_("#"),
        "item": N_("Item"),
        "owner": N_("Owner"),
        "deadline": N_("Deadline"),
        "due": N_("Due date"),
        "note": N_("Latest note"),
        "entry_note": N_("Note"),
        "history": N_("History"),
        "date": N_("Date"),
        "no_history": N_("No status updates yet."),
        "days_over": N_("{n} days overdue"),
        "day_over": N_("1 day overdue"),
        "continuous": N_("continuous"),
        "total": N_("Total"),
        "others": N_("Other periods and drafts"),
        "others_intro": N_(
            "Not in this report, as they are not in force on {day}; make a report on them "
            "with --period YEAR, or on every agreement with --period all."
        ),
        "signed": N_("signed"),
        "draft": N_("draft, not signed"),
        "legend": N_(
            "Traffic lights: green = done; yellow = in progress and within the deadline, or "
            "partly done; red = past the deadline, or not met; grey = not started and not "
            "yet due, or cancelled."
        ),
    }
)


def days_over(item: ReportItem, language: str) -> str:
    words = REPORT_TEXT.of(language)
    if item.days_overdue == 1:
        return words["day_over"]
    return words["days_over"].format(n=item.days_overdue)
