"""When an item is overdue: its state, a pinned ``due:``, and work that continues."""

from __future__ import annotations

from datetime import date

import pytest

from devagree.core.model import Item, State, StatusEntry
from devagree.deadlines.deadline import parse_deadline


def _item(text: str, state: State, pinned: date | None = None) -> Item:
    history = () if state is State.PLANNED else (StatusEntry(state, None, "", ()),)
    return Item(1, "", {}, text, parse_deadline(text), "", pinned, (), history, ())


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("text", ["januar 2017", "januar 2017 og løbende"])
@pytest.mark.parametrize("pinned", [None, date(2017, 3, 31)])
@pytest.mark.parametrize("as_of", [date(2017, 1, 31), date(2017, 2, 1), date(2017, 4, 1)])
def test_overdue(state: State, text: str, pinned: date | None, as_of: date) -> None:
    """Open work past its due date, except continuing work once started; a pinned date is
    plain and the continuing rule does not apply to it."""
    due = pinned or date(2017, 1, 31)
    continuing = pinned is None and text.endswith("løbende")
    expected = state.is_open and due < as_of and not (continuing and state is State.IN_PROGRESS)
    assert _item(text, state, pinned).is_overdue(as_of) is expected


def test_continuous_work_is_never_overdue() -> None:
    assert not _item("løbende", State.PLANNED).is_overdue(date.max)
