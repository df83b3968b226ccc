"""The questions of `devagree new`, asked one at a time on the terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from devagree.core.model import ROWS
from devagree.i18n import N_, Localised, current_language, date_in

if TYPE_CHECKING:
    from devagree.drafting.writer import AgreementDraft, ItemDraft

TEXT = Localised(
    {
        "intro": N_(
            "New development agreement. Answer the questions; Ctrl-C stops, and nothing is "
            "written before the end."
        ),
        "id": N_("Id (short name for file names and links)"),
        "title": N_("Title"),
        "municipality": N_("Municipality"),
        "organisation": N_("Organisation (the centre)"),
        "committee": N_("Party 1, the committee"),
        "chief": N_("Party 2, the chief"),
        "start": N_("Valid from (YYYY-MM-DD)"),
        "end": N_("Valid until (YYYY-MM-DD)"),
        "date": N_("Date of the agreement (YYYY-MM-DD)"),
        "item": N_("Item {number}"),
        "item_title": N_("Heading"),
        "multi": N_(
            "several lines; end with an empty line; a line of just . starts a new paragraph"
        ),
        "multi_short": N_("end with an empty line"),
        "deadline": N_("Deadline (e.g. June {year}, end of {year}, Q1 {year}, ongoing)"),
        "more": N_("More items? [y/N]"),
        "yes_no": N_("answer y (yes) or n (no)"),
        "empty": N_("type an answer"),
        "empty_row": N_('type at least one line (write "None" if nothing applies)'),
        "bad_date": N_("write the date as YYYY-MM-DD, e.g. {year}-12-31"),
        "end_before": N_("the end must be after the start ({start})"),
        "outside": N_("note: outside the agreement's period ({start} to {end})"),
        "exists": N_("the file {path} already exists"),
        "interrupted": N_("Interrupted; nothing was written."),
        "wrote_skeleton": N_(
            "Wrote {path}: a skeleton with one item whose 12 rows are still to be "
            "filled in. `devagree check` shows what is missing."
        ),
        "not_terminal": N_(
            "devagree new: input is not a terminal; writing a skeleton (as --no-input)."
        ),
    }
)


_YES = {"j", "ja", "y", "yes"}


_NO = {"", "n", "nej", "no"}


class Interview:
    """The questions of `devagree new`, asked one at a time on the terminal."""

    def __init__(
        self,
        language: str,
        year: int,
        municipality: str,
        id_ok: Callable[[str], str | None],
        organisation: str = "",
    ) -> None:
        from rich.console import Console

        self.speaks = current_language()
        """The language of the questions (``--lang``, else the workbook's)."""
        self.words = TEXT[self.speaks]
        self.language = language
        """The language of the draft itself: the workbook's."""
        self.year = year
        self.municipality = municipality
        self.organisation = organisation
        self.id_ok = id_ok
        self.console = Console(highlight=False)
        self.hinted = False
        """The full hint for multi-line answers is shown once, then a short one."""

    def say(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style))

    def ask(
        self,
        label: str,
        default: str | None = None,
        check: Callable[[str], str | None] | None = None,
    ) -> str:
        """One line; an empty answer takes the default; ``check`` says why to ask again."""
        from rich.text import Text

        prompt = Text.assemble((label, "bold"), (f" [{default}]" if default else "", "cyan"), ": ")
        while True:
            answer = self.console.input(prompt)
            if not answer.strip():
                if default:
                    answer = default
                else:
                    self.say(f"  {self.words['empty']}", "red")
                    continue
            problem = check(answer) if check is not None else None
            if problem is None:
                return answer
            self.say(f"  {problem}", "red")

    def ask_lines(self, label: str) -> str:
        """Several lines, ended by an empty line."""
        from rich.text import Text

        from devagree.drafting.writer import join_lines

        hint = self.words["multi_short" if self.hinted else "multi"]
        self.hinted = True
        self.console.print(Text.assemble((label, "bold"), f" ({hint}):"))
        while True:
            lines: list[str] = []
            while True:
                line = self.console.input(Text("  > ", style="dim"))
                if not line.strip():
                    break
                lines.append(line)
            if lines:
                return join_lines(lines)
            self.say(f"  {self.words['empty_row']}", "red")

    def ask_date(self, label: str, default: date, after: date | None = None) -> date:
        words = self.words

        def check(text: str) -> str | None:
            try:
                day = date.fromisoformat(text.strip())
            except ValueError:
                return words["bad_date"].format(year=self.year)
            if after is not None and day <= after:
                return words["end_before"].format(start=date_in(self.speaks, after))
            return None

        return date.fromisoformat(self.ask(label, default.isoformat(), check).strip())

    def ask_deadline(self, start: date, end: date) -> str:
        from devagree.deadlines.deadline import DeadlineError
        from devagree.drafting.writer import describe_deadline

        words = self.words

        def check(text: str) -> str | None:
            try:
                deadline, shown = describe_deadline(text, self.speaks, (start, end))
            except DeadlineError as err:
                return str(err)
            self.say(f"  {shown}", "green")
            if deadline.due is not None and not start <= deadline.due <= end:
                self.say(
                    "  "
                    + words["outside"].format(
                        start=date_in(self.speaks, start), end=date_in(self.speaks, end)
                    ),
                    "yellow",
                )
            return None

        return self.ask(words["deadline"].format(year=self.year), None, check)

    def ask_yes_no(self, label: str) -> bool:
        from rich.text import Text

        while True:
            answer = self.console.input(Text(label + " ", style="bold")).strip().lower()
            if answer in _YES:
                return True
            if answer in _NO:
                return False
            self.say(f"  {self.words['yes_no']}", "red")

    def run(self, agreement_id: str | None) -> AgreementDraft:
        """The answers as a draft. The organisation comes first: the id and the title
        offered name it and the year, so agreements of different centres differ."""
        from devagree.drafting.names import agreement_id as suggested_id
        from devagree.drafting.names import agreement_title
        from devagree.drafting.writer import AgreementDraft, ItemDraft, default_period

        words = self.words
        self.say(words["intro"], "bold")
        municipality = self.ask(words["municipality"], self.municipality or None)
        organisation = self.ask(words["organisation"], self.organisation or None)
        if agreement_id is None:
            offered = suggested_id(organisation, self.year, self.language)
            agreement_id = self.ask(
                words["id"], offered if self.id_ok(offered) is None else None, self.id_ok
            )
        title = self.ask(words["title"], agreement_title(organisation, self.year, self.language))
        committee = self.ask(words["committee"])
        chief = self.ask(words["chief"])
        first, last = default_period(self.year)
        start = self.ask_date(words["start"], first)
        year_end = date(start.year, 12, 31)
        end_default = (
            last if last > start else year_end if year_end > start else date(start.year + 1, 12, 31)
        )
        end = self.ask_date(words["end"], end_default, after=start)
        day = self.ask_date(words["date"], start)
        items: list[ItemDraft] = []
        while True:
            number = len(items) + 1
            self.say("")
            self.say(words["item"].format(number=number), "bold underline")
            item_title = self.ask(words["item_title"])
            rows: dict[str, str] = {}
            for row in ROWS:
                label = row.label_in(self.speaks)
                if row.key == "deadline":
                    rows[row.key] = self.ask_deadline(start, end)
                else:
                    rows[row.key] = self.ask_lines(label)
            items.append(ItemDraft(item_title, rows))
            if not self.ask_yes_no(words["more"]):
                break
        return AgreementDraft(
            id=agreement_id,
            title=title,
            municipality=municipality,
            organisation=organisation,
            committee=committee,
            chief=chief,
            start=start,
            end=end,
            day=day,
            items=items,
        )
