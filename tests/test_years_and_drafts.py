"""Years and drafts: a new agreement names its organisation; report and site are about the
agreements in force, with next year's drafts on their own; `new --from` renews into another
year only, and keeps deadlines that name no year; "due next" looks `--within` days ahead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DANISH, assert_no_traceback, run
from site_pages import page_text, read_page

from devagree.core.loader import load

ID = "slagelse-chp-2016"
NEXT = "slagelse-chp-2017"


@pytest.fixture
def workbook(repo_workbook: Path) -> Path:
    return repo_workbook


@pytest.fixture
def renewed(workbook: Path) -> Path:
    done = run("new", "--from", ID, "--year", "2017", cwd=workbook)
    assert done.returncode == 0, done.stderr
    return workbook


def _data(path: Path) -> dict[str, object]:
    data: dict[str, object] = load(str(path), path.read_text(encoding="utf-8")).data
    return data


def test_a_new_agreement_is_named_after_its_organisation(fresh_workbook: Path) -> None:
    done = run(
        "new", "--no-input", "--year", "2027", "--organisation", "Center for Sundhed & Ældre",
        cwd=fresh_workbook, env=DANISH,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = _data(fresh_workbook / "agreements" / "center-for-sundhed-aeldre-2027.yaml")
    assert data["id"] == "center-for-sundhed-aeldre-2027"
    assert data["title"] == "Udviklingsaftale 2027 for Center for Sundhed & Ældre"
    assert data["organisation"] == "Center for Sundhed & Ældre"


def test_without_an_organisation_the_title_says_to_name_it(fresh_workbook: Path) -> None:
    done = run("new", "--no-input", "--year", "2027", cwd=fresh_workbook, env=DANISH)
    assert done.returncode == 0, done.stderr
    (path,) = (fresh_workbook / "agreements").glob("*.yaml")
    title = str(_data(path)["title"])
    assert title.startswith("Udviklingsaftale 2027 for TODO")
    checked = run("check", "--as-of", "2027-01-01", "--format", "json", cwd=fresh_workbook)
    places = [p["message"] for p in json.loads(checked.stdout) if p["code"] == "DA209"]
    assert any("`title`" in message for message in places), places


@pytest.fixture
def fresh_workbook(tmp_path: Path) -> Path:
    assert run("init", "--municipality", "Slagelse Kommune", cwd=tmp_path).returncode == 0
    return tmp_path


def test_renewing_into_the_same_year_is_refused(workbook: Path) -> None:
    refused = run("new", "--from", ID, "--year", "2016", cwd=workbook)
    assert refused.returncode == 2
    assert_no_traceback(refused)
    assert "2016" in refused.stderr and "--year" in refused.stderr
    assert not list((workbook / "agreements").glob("*2016-2016*"))
    assert sorted(p.name for p in (workbook / "agreements").glob("*.yaml")) == [f"{ID}.yaml"]


def test_a_deadline_with_no_year_is_carried_unchanged(workbook: Path) -> None:
    path = workbook / "agreements" / f"{ID}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("deadline: Juni 2016.", "deadline: ultimo august"),
        encoding="utf-8",
    )
    done = run("new", "--from", ID, "--year", "2017", cwd=workbook)
    assert done.returncode == 0, done.stderr
    assert "items 2, 3, 4." in done.stdout  # to revise: item 1 is not among them
    new = _data(workbook / "agreements" / f"{NEXT}.yaml")
    items = new["items"]
    assert isinstance(items, list)
    assert items[0]["deadline"] == "ultimo august"
    assert items[2]["deadline"].startswith("TODO")  # Ultimo 2016 lies before 2017
    listed = run("deadlines", NEXT, "--as-of", "2017-03-01", "--format", "json", cwd=workbook)
    rows = {row["item"]: row for row in json.loads(listed.stdout)}
    assert rows[1]["due"] == "2017-08-31"  # the year of the new period


def test_the_renewal_title_names_the_organisation(renewed: Path) -> None:
    title = _data(renewed / "agreements" / f"{NEXT}.yaml")["title"]
    assert title == "Udviklingsaftale 2017 for Center for Handicap og Psykiatri"


def test_the_report_is_about_the_agreements_in_force(renewed: Path) -> None:
    done = run("report", "--as-of", "2016-09-30", "-o", "r.md", cwd=renewed, env=DANISH)
    assert done.returncode == 0, done.stderr
    text = (renewed / "r.md").read_text(encoding="utf-8")
    assert "## Udviklingsaftale for 2016" in text
    assert "## Udviklingsaftale 2017 for" not in text
    others = text.split("## Andre perioder og udkast")[1]
    assert f"(`{NEXT}`)" in others and "udkast, ikke underskrevet" in others
    assert "--period" in others
    assert "1 aftale, 4 punkter" in done.stdout


@pytest.mark.parametrize(
    ("period", "shown", "hidden"),
    [("2017", [NEXT], [ID]), ("all", [ID, NEXT], []), ("2016", [ID], [NEXT])],
)
def test_the_report_of_a_period(
    renewed: Path, period: str, shown: list[str], hidden: list[str]
) -> None:
    done = run("report", "--as-of", "2016-09-30", "--period", period, "-o", "r.md", cwd=renewed)
    assert done.returncode == 0, done.stderr
    text = (renewed / "r.md").read_text(encoding="utf-8")
    head = text.split("## Andre perioder og udkast")[0].split("## Other periods and drafts")[0]
    for agreement in shown:
        assert f"`{agreement}`" in head
    for agreement in hidden:
        assert f"`{agreement}`" not in head


def test_nothing_in_force_is_said_with_the_years_to_choose(renewed: Path) -> None:
    refused = run("report", "--as-of", "2026-12-04", "-o", "r.md", cwd=renewed)
    assert refused.returncode == 1
    assert "2016, 2017" in refused.stderr and "--period" in refused.stderr
    assert not (renewed / "r.md").exists()
    wrong = run("report", "--period", "next year", "-o", "r.md", cwd=renewed)
    assert wrong.returncode == 2 and "--period" in wrong.stderr


def test_the_site_is_about_the_agreements_in_force(renewed: Path) -> None:
    done = run("site", "--as-of", "2016-09-30", "-o", "site", cwd=renewed, env=DANISH)
    assert done.returncode == 0, done.stderr
    index = read_page(renewed / "site" / "index.html")
    text = page_text(index)
    assert "1 aftale, 4 punkter" in text
    assert "Andre perioder og udkast" in text
    assert f"agreements/{NEXT}.html" in index.links  # its page, from its own list
    assert (renewed / "site" / "agreements" / f"{NEXT}.html").is_file()
    everything = run("site", "--as-of", "2016-09-30", "--period", "all", "-o", "all", cwd=renewed)
    assert everything.returncode == 0, everything.stderr
    assert "2 aftaler, 8 punkter" in page_text(read_page(renewed / "all" / "index.html"))


def _due_next(site: Path) -> str:
    text = page_text(read_page(site / "index.html"))
    return text.split("Forfalder snart")[1].split("Deadlines på en tidslinje")[0]


def test_due_next_looks_within_days(workbook: Path) -> None:
    # As of 1 May 2016: items 1 and 2 are due on 30 June (60 days), 3 and 4 on 31 December.
    done = run("site", "--as-of", "2016-05-01", "-o", "s", cwd=workbook)
    assert done.returncode == 0, done.stderr
    soon = _due_next(workbook / "s")
    assert "inden for 60 dage fra 1. maj 2016" in soon
    assert "Recovery og rehabilitering" in soon and "Udsatteområdet" not in soon
    narrow = run("site", "--as-of", "2016-05-01", "--within", "30", "-o", "n", cwd=workbook)
    assert narrow.returncode == 0, narrow.stderr
    assert "Recovery og rehabilitering" not in _due_next(workbook / "n")
    wide = run("site", "--as-of", "2016-05-01", "--within", "40w", "-o", "w", cwd=workbook)
    assert wide.returncode == 0, wide.stderr
    assert "Udsatteområdet" in _due_next(workbook / "w")
    # The same window as `deadlines --within`, for the open items it lists ahead.
    listed = run("deadlines", ID, "--as-of", "2016-05-01", "--within", "60", "-f", "json",
                 cwd=workbook)  # fmt: skip
    assert {row["item"] for row in json.loads(listed.stdout)} == {1, 2}
