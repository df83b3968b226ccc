"""A table of contents on a PDF's first pages, left out: it is generated from the headings,
and its entries ("Udviklingsmål 1: Sammenhængende forløb ........ 2") would read as the
purpose's text or as items.

A PDF keeps no mark of it, so it is known by its shape: at least three lines in a row that
end in a page number, either after dot leaders or far to the right after a tab, the
numbers of the tabbed kind standing flush on one right edge, and the numbers never going
down (a page number has at most three digits: "2027" is a year). A line of its title
("Indhold") just above goes with it. Entries typed without leaders or a tab, with the
number one space after the title, look like any text and stay.
"""

from __future__ import annotations

import re
from dataclasses import replace

from devagree.importing.labels import is_contents_title
from devagree.importing.pdfread import Element, Line, PdfPages

FIRST_PAGES = 3
"""A table of contents stands at the front: only the first pages are searched."""
_LEADERS = re.compile(r"\S(?:\s?[.\u2026\u00b7]){3,}\s?(?P<page>\d{1,3})$")
_LEAST = 3


def _leader_page(line: Line) -> int | None:
    """The page number after dot leaders at the line's end."""
    found = _LEADERS.search(line.text)
    return int(found.group("page")) if found else None


def _tab_page(line: Line) -> int | None:
    """The page number standing alone far right of the title, as after a tab."""
    if len(line.words) < 2 or not line.words[-1].text.isdigit() or len(line.words[-1].text) > 3:
        return None
    gap = line.words[-1].x0 - line.words[-2].x1
    return int(line.words[-1].text) if gap > 3 * line.size else None


def _entries(lines: list[Line]) -> set[int]:
    """Indexes of the lines that make up a table of contents (none when there is none)."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        run: list[tuple[int, int]] = []
        kind = None
        for step in range(index, len(lines)):
            line = lines[step]
            if line.page > FIRST_PAGES:
                break
            leader, tab = _leader_page(line), _tab_page(line)
            number = leader if leader is not None else tab
            this = "leader" if leader is not None else "tab"
            if number is None or (kind is not None and this != kind):
                break
            if run and (number < run[-1][1] or lines[run[-1][0]].page != line.page):
                break
            if this == "tab" and run and abs(line.x1 - lines[run[0][0]].x1) > 1.5:
                break
            kind = this
            run.append((step, number))
        if len(run) >= _LEAST:
            found.update(step for step, _page in run)
            before = run[0][0] - 1
            if before >= 0 and is_contents_title(lines[before].text):
                found.add(before)
            index = run[-1][0] + 1
        else:
            index += 1
    return found


def without_contents(pages: PdfPages) -> PdfPages:
    """``pages`` less a table of contents on the first pages; the text column's edges are
    measured again without it (its page numbers stand at the right margin)."""
    lines = [e for e in pages.elements if isinstance(e, Line)]
    dropped = _entries(lines)
    if not dropped:
        return pages
    gone = {id(lines[index]) for index in dropped}
    elements: list[Element] = [e for e in pages.elements if id(e) not in gone]
    kept = [e for e in elements if isinstance(e, Line)]
    left = min((line.x0 for line in kept), default=pages.left)
    right = max((line.x1 for line in kept), default=pages.right)
    return replace(pages, elements=elements, left=left, right=right)
