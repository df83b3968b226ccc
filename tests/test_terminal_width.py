"""Terminal tables read at any width: run in a real pseudo-terminal 60, 80, 120 and 200 wide.

Columns give way in a stated order (the title, the due date, the state and the owner stay),
a table never has a column a letter wide or less, a date is never cut, and below the width
where a table works each row is a block of labelled lines.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import DANISH, run, run_in_terminal
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from devagree.core.model import ROWS
from devagree.formats.fit import Column, FittedTable, Row, Step
from devagree.i18n import date_in

WIDTHS = (60, 80, 120, 200)
AS_OF = "2026-12-04"
TOP_BORDER = re.compile(r"^[┏┌]([━─┳┬]+)[┓┐]\s*$")


def column_widths(shown: str) -> list[list[int]]:
    """The width of every column of every table drawn in ``shown`` (from its top border)."""
    tables = []
    for line in shown.splitlines():
        match = TOP_BORDER.match(line.strip())
        if match:
            tables.append([len(part) - 2 for part in re.split("[┳┬]", match.group(1))])
    return tables


def assert_fits(shown: str, columns: int, narrowest: int = 2) -> None:
    for line in shown.splitlines():
        assert cell_len(line.rstrip()) <= columns, line
    for widths in column_widths(shown):
        assert min(widths) >= narrowest, (widths, shown)
    assert "┳┳" not in shown and "┬┬" not in shown and "││" not in shown


def words(text: str) -> list[str]:
    return text.split()


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import REPO

    folder = tmp_path_factory.mktemp("workbook")
    shutil.copytree(REPO / "agreements", folder / "agreements")
    shutil.copy(REPO / "devagree.yaml", folder / "devagree.yaml")
    return folder


@pytest.fixture(scope="module")
def deadline_rows(repo_copy: Path) -> list[dict[str, object]]:
    listed = run("deadlines", "--as-of", AS_OF, "--format", "json", cwd=repo_copy)
    assert listed.returncode == 0, listed.stderr
    rows: list[dict[str, object]] = json.loads(listed.stdout)
    assert len(rows) >= 9
    return rows


@pytest.mark.parametrize("columns", WIDTHS)
def test_deadlines_read_at_every_width(
    repo_copy: Path, deadline_rows: list[dict[str, object]], columns: int
) -> None:
    code, shown = run_in_terminal(
        "deadlines", "--as-of", AS_OF, cwd=repo_copy, columns=columns, env=DANISH
    )
    assert code == 0, shown
    assert "Deadlines pr. 4. december 2026" in shown
    assert_fits(shown, columns)
    lines = shown.splitlines()
    for row in deadline_rows:
        if row["due"] is not None:
            due = date_in("da", date.fromisoformat(str(row["due"])))
            assert any(due in line for line in lines), (due, shown)  # never cut
        if row["kind"] == "item":
            for word in words(str(row["title"])):
                assert any(re.search(rf"(^|\s){re.escape(word)}(\s|$)", line) for line in lines), (
                    word
                )
        for word in words(str(row["owner"])):
            assert word[:16] in shown
    tables = column_widths(shown)
    if columns >= 80:
        assert len(tables) == 1, shown
        header = next(line for line in lines if line.startswith("┃"))
        for kept in ("Titel", "Forfald", "Status", "Ansvarlig"):
            assert kept in header, header
        if columns >= 200:
            for shown_too in ("Aftale", "Deadline", "Præcision", "Dage"):
                assert shown_too in header, header
    else:
        assert not tables, shown  # one block per row
        assert shown.count("Forfald: ") == sum(1 for row in deadline_rows)
        assert "Ansvarlig: Centerchefen og Ledergruppen." in shown


def test_deadlines_at_80_fold_what_they_leave_out(repo_copy: Path) -> None:
    """What has no column of its own at 80 columns is under the title and the due date."""
    code, shown = run_in_terminal(
        "deadlines", "--as-of", AS_OF, cwd=repo_copy, columns=80, env=DANISH
    )
    assert code == 0
    assert "slagelse-chp-2016" in shown  # the agreement, under the title
    assert "Ultimo 2016" in shown  # the deadline as written, under the due date
    assert "3625 dage over" in shown  # the days, under it too
    # an id wider than the title column breaks after a hyphen, not inside a word
    assert "pejlemaerker-2020" in shown, shown


@pytest.mark.parametrize("columns", WIDTHS)
def test_show_reads_at_every_width(repo_copy: Path, columns: int) -> None:
    code, shown = run_in_terminal(
        "show", "slagelse-chp-2016", "--as-of", AS_OF, cwd=repo_copy, columns=columns, env=DANISH
    )
    assert code == 0, shown
    assert_fits(shown, columns)
    assert "…" not in shown
    for row in ROWS:
        assert row.da in shown
    assert "Ultimo 2016 → 31. december 2016" in shown
    assert "29. februar 2016 \u2013 31. december 2016" in shown


@pytest.mark.parametrize("columns", WIDTHS)
def test_strategy_and_coverage_read_at_every_width(repo_copy: Path, columns: int) -> None:
    code, shown = run_in_terminal(
        "show", "slagelse-vision-pejlemaerker-2020", cwd=repo_copy, columns=columns, env=DANISH
    )
    assert code == 0, shown
    assert_fits(shown, columns)
    assert "75.000-225.000 kr." in shown
    assert "Implementeringsfasen" in shown
    code, shown = run_in_terminal("coverage", cwd=repo_copy, columns=columns, env=DANISH)
    assert code == 0, shown
    assert_fits(shown, columns)
    assert "…" not in shown
    assert "3 af 24 spor (12,5 %)" in shown


# --- the table itself, at any width ---------------------------------------------------------

TEXTS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå -", min_size=0, max_size=60)
FIXED = (
    st.text(alphabet="0123456789. abcdefghij", min_size=1, max_size=18).map(str.strip).filter(bool)
)


@settings(max_examples=300, deadline=None)
@example(width=20, rows=[("", "000000000000 0", "", "0")], heading="T")  # below its label
@given(
    width=st.integers(min_value=20, max_value=220),
    rows=st.lists(st.tuples(TEXTS, FIXED, TEXTS, FIXED), min_size=0, max_size=6),
    heading=st.sampled_from(["T", "A long heading", "x"]),
)
def test_a_fitted_table_never_cuts_a_fixed_cell_nor_overflows(
    width: int, rows: list[tuple[str, str, str, str]], heading: str
) -> None:
    columns = [
        Column("title", heading, wraps=True, least=8),
        Column("due", "Due"),
        Column("owner", "Owner", wraps=True, least=8),
        Column("extra", "Extra"),
    ]
    table = FittedTable(
        columns,
        [Row({"title": t, "due": d, "owner": o, "extra": e}) for t, d, o, e in rows],
        [Step("extra", into="due")],
        title="Title",
        heading=("title",),
    )
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(table)
    shown = out.getvalue()
    assert_fits(shown, width, narrowest=1)
    lines = shown.splitlines()
    for _title, due, _owner, _extra in rows:
        assert any(due in line for line in lines), (due, shown)


@pytest.mark.parametrize("columns", (60, 80))
def test_codes_are_a_table_on_a_terminal_and_markdown_on_request(
    repo_copy: Path, columns: int
) -> None:
    code, shown = run_in_terminal("codes", cwd=repo_copy, columns=columns, env=DANISH)
    assert code == 0, shown
    assert_fits(shown, columns)
    assert "| DA208 |" not in shown and "**" not in shown  # no raw Markdown
    assert "DA208" in shown and "kode" in shown
    markdown = run("codes", "--format", "markdown", cwd=repo_copy, env=DANISH)
    assert markdown.stdout.startswith("| kode | alvorlighed | hvad den betyder | kan ændres |\n")
    assert "| DA208 | advarsel | **" in markdown.stdout
