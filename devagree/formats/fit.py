"""Tables that fit the terminal they are printed on.

Given a table wider than the terminal, rich squeezes every column until some are a letter
wide or gone and dates are cut. A ``FittedTable`` decides when it is printed, from the
width it gets: it folds the least needed columns into a neighbour (as lines under that
column's text) or leaves them out, one step at a time in the order the table names, until
the rest fit with every fixed column (a date, a number, a state) whole and every wrapping
column at least as wide as it still reads. When even that does not fit, each row becomes
a block of labelled lines. The content is the same at any width; only its layout changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    wraps: bool = False
    """Text that may run over several lines; else the widest cell sets the width, and its
    text is never broken (dates, numbers, states)."""
    least: int = 12
    """The narrowest a wrapping column may get before it stops reading well."""
    justify: JustifyMethod = "left"


@dataclass(frozen=True, slots=True)
class Step:
    """What to give up next when the table is too wide: ``column`` folded into the column
    ``into`` (its text as a dim line under that column's), or left out when ``into`` is None."""

    column: str
    into: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    cells: Mapping[str, str | Text]
    style: str | None = None


@dataclass(slots=True)
class _Layout:
    shown: list[str]
    folded: dict[str, list[str]] = field(default_factory=dict)


BORDERS_PER_COLUMN = 3
"""A boxed column's padding (one space each side) and its border."""
BLOCK_INDENT = 2
"""A block's labelled lines stand this far in under its heading."""
WORD_CAP = 16
"""A word longer than this may be broken to let a table fit (long Danish compounds)."""
WORD_WHOLE = 24
"""Spare width goes first to keeping words up to this long whole, then to longer text."""


class FittedTable:
    """A table that chooses its columns from the width it is printed in (see the module)."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Iterable[Row],
        steps: Sequence[Step] = (),
        *,
        title: str | Text | None = None,
        caption: str | None = None,
        heading: Sequence[str] = (),
    ) -> None:
        self.columns = {column.key: column for column in columns}
        self.rows = list(rows)
        self.steps = tuple(steps)
        self.title = title
        self.caption = caption
        self.heading = tuple(heading)
        """The columns that make a block's first line (the rest are labelled lines)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        layout = self.layout(width)
        if layout is None:
            yield self.blocks(width)
        else:
            yield self.table(layout, width)

    # --- choosing the columns -----------------------------------------------------------

    def layouts(self) -> Iterator[_Layout]:
        """Every column, then the layouts the steps give, widest first."""
        layout = _Layout(list(self.columns))
        yield _Layout(list(layout.shown), {k: list(v) for k, v in layout.folded.items()})
        for step in self.steps:
            if step.column not in layout.shown:
                continue
            layout.shown.remove(step.column)
            moved = [step.column, *layout.folded.pop(step.column, [])]
            if step.into is not None and step.into in layout.shown:
                layout.folded.setdefault(step.into, []).extend(moved)
            yield _Layout(list(layout.shown), {k: list(v) for k, v in layout.folded.items()})

    def layout(self, width: int) -> _Layout | None:
        """The widest layout whose columns fit in ``width``; None when none does."""
        for layout in self.layouts():
            if self.widths(layout, width) is not None:
                return layout
        return None

    def widths(self, layout: _Layout, width: int) -> dict[str, int] | None:
        """Each shown column's width in ``width``, or None when the layout does not fit.

        A fixed column gets its widest cell. A wrapping column needs at least its
        ``least`` and its longest word (up to ``WORD_CAP``), so words are not broken; what
        is left goes first to longer words (up to ``WORD_WHOLE``), then to the columns
        whose text is longer than their width, each at most as wide as its text.
        """
        room = width - 1 - BORDERS_PER_COLUMN * len(layout.shown)
        sized: dict[str, int] = {}
        word: dict[str, int] = {}
        natural: dict[str, int] = {}
        for key in layout.shown:
            column = self.columns[key]
            own = [row.cells.get(key) for row in self.rows]
            widest = max([cell_len(column.header), *(_widest(cell) for cell in own)])
            if not column.wraps:
                sized[key] = widest
                continue
            folded = [row.cells.get(k) for row in self.rows for k in layout.folded.get(key, ())]
            natural[key] = max([widest, *(_widest(cell) for cell in folded)])
            word[key] = min(
                natural[key], max([_longest_word(column.header), *map(_longest_word, own)])
            )
            sized[key] = min(natural[key], max(column.least, min(word[key], WORD_CAP)))
        spare = room - sum(sized.values())
        if spare < 0:
            return None
        spare = _share(sized, {k: min(w, WORD_WHOLE) for k, w in word.items()}, spare)
        _share(sized, natural, spare)
        return {key: sized[key] for key in layout.shown}

    # --- drawing ------------------------------------------------------------------------

    def table(self, layout: _Layout, width: int) -> Table:
        widths = self.widths(layout, width)
        assert widths is not None
        out = Table(title=self.title, title_justify="left", caption=self.caption)
        out.caption_justify = "left"
        for key in layout.shown:
            column = self.columns[key]
            out.add_column(
                column.header,
                width=widths[key],
                min_width=widths[key],
                max_width=widths[key],
                justify=column.justify,
                overflow="fold",
                no_wrap=False,
            )
        for row in self.rows:
            cells: list[Text] = []
            for key in layout.shown:
                cell = _text(row.cells.get(key))
                for other in layout.folded.get(key, ()):
                    extra = _text(row.cells.get(other))
                    if extra.plain:
                        extra.stylize("dim")
                        cell = Text("\n").join([cell, extra]) if cell.plain else extra
                if self.columns[key].wraps:
                    cell = _break_at_hyphens(cell, widths[key])
                cells.append(cell)
            out.add_row(*cells, style=row.style)
        return out

    def blocks(self, width: int) -> Group:
        """One block per row: the heading columns on a line, then the others labelled; a
        fixed value (a date) that does not fit beside its label goes on the line below."""
        parts: list[Text | Padding] = []
        if self.title is not None:
            parts.append(_text(self.title, "italic"))
        for row in self.rows:
            head = Text(" ").join(
                _text(row.cells.get(key)) for key in self.heading if _text(row.cells.get(key))
            )
            head.stylize("bold")
            if parts:
                parts.append(Text(""))
            parts.append(Text.assemble(head, style=row.style or ""))
            for key, column in self.columns.items():
                if key in self.heading:
                    continue
                value = _text(row.cells.get(key))
                if not value.plain:
                    continue
                label = (f"{column.header}:", "bold")
                style = row.style or ""
                if column.wraps or BLOCK_INDENT + cell_len(f"{label[0]} {value.plain}") <= width:
                    line = Text.assemble(label, " ", value, style=style)
                    parts.append(Padding(line, (0, 0, 0, BLOCK_INDENT)))
                else:
                    parts.append(
                        Padding(Text.assemble(label, style=style), (0, 0, 0, BLOCK_INDENT))
                    )
                    parts.append(
                        Padding(Text.assemble(value, style=style), (0, 0, 0, BLOCK_INDENT))
                    )
        if self.caption:
            parts.append(Text(self.caption))
        return Group(*parts)


def _share(sized: dict[str, int], goal: Mapping[str, int], spare: int) -> int:
    """Widen the columns towards their ``goal`` widths, fairly: a column that lacks little
    gets it all, and the others share the rest equally. Returns what is still spare."""
    wanting = sorted(
        ((goal[key] - sized[key], key) for key in goal if goal[key] > sized[key]),
        key=lambda pair: pair[0],
    )
    for place, (want, key) in enumerate(wanting):
        share = min(want, spare // (len(wanting) - place))
        sized[key] += share
        spare -= share
    return spare


def _break_at_hyphens(cell: Text, width: int) -> Text:
    """A word wider than its column (an agreement id) breaks after a hyphen, where it
    reads, rather than wherever the width runs out; rich breaks only at spaces."""
    plain = cell.plain
    breaks: list[int] = []
    for word in re.finditer(r"\S+", plain):
        start, end = word.span()
        while cell_len(plain[start:end]) > width:
            cut = plain.rfind("-", start, start + width) + 1
            if cut <= start:
                break
            breaks.append(cut)
            start = cut
    if not breaks:
        return cell
    return Text("\n").join(cell.divide(breaks))


def _text(value: str | Text | None, style: str = "") -> Text:
    if value is None:
        return Text()
    if isinstance(value, Text):
        return value.copy()
    return Text(value, style=style)


def _widest(value: str | Text | None) -> int:
    if value is None:
        return 0
    plain = value.plain if isinstance(value, Text) else value
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def _longest_word(value: str | Text | None) -> int:
    if value is None:
        return 0
    plain = value.plain if isinstance(value, Text) else value
    return max((cell_len(word) for word in plain.split()), default=0)


class LabelledRows:
    """Labels beside their values, or above them when the terminal is too narrow.

    The label column is as wide as the longest label; when that leaves the values less
    than ``least`` columns, each label is printed on its own line with its value indented
    under it, so a long text never runs down a narrow strip.
    """

    def __init__(
        self, rows: Iterable[tuple[str, RenderableType]], least: int = 40, padding: int = 2
    ) -> None:
        self.rows = list(rows)
        self.least = least
        self.padding = padding

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = max((cell_len(label) for label, _value in self.rows), default=0)
        if options.max_width - label_width - self.padding >= self.least:
            grid = Table.grid(padding=(0, self.padding))
            grid.add_column(style="bold", no_wrap=True, width=label_width)
            grid.add_column(ratio=1)
            for label, value in self.rows:
                grid.add_row(label, value)
            yield grid
            return
        for label, value in self.rows:
            yield Text(label, style="bold")
            yield Padding(value, (0, 0, 0, 2))
