"""`devagree coverage`: which tracks the items carry, the gaps, the UN goals and the budget."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DANISH, assert_no_traceback, run

from devagree.core.loader import load
from devagree.core.model import Agreement, agreement_from_data
from devagree.core.strategy_model import Strategy, strategy_from_data
from devagree.formats.coverage import format_money, format_percent
from devagree.strategies.coverage import compute, percent
from devagree.strategies.rollup import Money, budgets, sdg_name, sdgs, years_label

STRATEGY = """\
kind: strategy
version: 1
id: vision-2020
title: Vision og politiske pejlemærker
municipality: Slagelse Kommune
body: Udvalget for Specialiserede Borgerindsatser
tracks:
  - id: p1
    label: Første pejlemærke
    title: Recovery og rehabilitering
    sdgs: [3, 10, 17]
    budget:
      - text: Designfasen
        amount: 40000
        years: [2020]
      - text: Udviklingsfasen
        low: 75000
        high: 125000
        years: [2020]
      - text: Implementeringsfasen
        low: 75000
        high: 225000
        years: [2021]
  - id: p2
    label: Andet pejlemærke
    title: Udsathed og hjemløshed
    sdgs: [1, 10]
    budget:
      - text: Åben Dialog som prøvehandling
        amount: 100000
        approximate: true
      - text: Ombygning af Kastaniegården
  - id: p3
    label: Tredje pejlemærke
    title: Rusmiddelområdet
"""

ITEM = """\
  - number: {number}
    title: {title}
    political_goal: Borgerens egne ønsker er styrende.
    goal: En recovery-orienteret praksis.
    couplings: Ingen.
    target_group: Alle virksomheder i centret.
    activity: Ledergruppen udarbejder en strategi.
    deadline: Ultimo 2016
    owner: Centerchefen
    cross_commitments: Ingen
    resources: Inden for rammen.
    baseline: Ingen samlet strategi.
    indicators: Strategien foreligger.
    documentation: Strategidokumentet.
"""

AGREEMENT_HEAD = """\
kind: agreement
version: 1
id: aftale-2016
title: Udviklingsaftale for 2016
municipality: Slagelse Kommune
organisation: Center for Handicap og Psykiatri
parties:
  - role: committee
    name: Handicap og Psykiatriudvalget
  - role: chief
    name: Handicap og Psykiatrichefen
period:
  start: 2016-01-01
  end: 2016-12-31
items:
"""


def _item(number: int, title: str, links: list[str]) -> str:
    text = ITEM.format(number=number, title=title)
    if links:
        text += "    links:\n" + "".join(f"      - {link}\n" for link in links)
    return text


AGREEMENT = (
    AGREEMENT_HEAD
    + _item(1, "Recovery og rehabilitering", ["vision-2020#p1"])
    + _item(2, "Hjemløse unge", ["vision-2020#p2", "vision-2020#p1"])
    + _item(3, "Digital journal", [])
)


def make_workbook(root: Path, language: str = "", agreement: str = AGREEMENT) -> Path:
    """One strategy of three tracks and an agreement whose items carry two of them."""
    (root / "agreements" / "strategier").mkdir(parents=True)
    settings = "kind: workbook\nversion: 1\n" + (f"language: {language}\n" if language else "")
    (root / "devagree.yaml").write_text(settings, encoding="utf-8")
    (root / "agreements" / "strategier" / "vision.yaml").write_text(STRATEGY, encoding="utf-8")
    (root / "agreements" / "aftale.yaml").write_text(agreement, encoding="utf-8")
    return root


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "book")


# --- the pure cores ----------------------------------------------------------------------------


def _data(text: str) -> dict[str, Any]:
    data: dict[str, Any] = load("test.yaml", text).data
    return data


def _models() -> tuple[Strategy, Agreement]:
    strategy = strategy_from_data("vision.yaml", _data(STRATEGY))
    agreement = agreement_from_data("aftale.yaml", _data(AGREEMENT))
    return strategy, agreement


def test_compute_lists_items_per_track_gaps_and_share() -> None:
    strategy, agreement = _models()
    cov = compute([strategy], [agreement])
    (sc,) = cov.strategies
    carried = {tc.track.id: [(r.agreement, r.number) for r in tc.items] for tc in sc.tracks}
    assert carried == {
        "p1": [("aftale-2016", 1), ("aftale-2016", 2)],
        "p2": [("aftale-2016", 2)],
        "p3": [],
    }
    assert [tc.track.id for tc in cov.uncovered] == ["p3"]
    assert [(r.number, r.title) for r in cov.unlinked] == [(3, "Digital journal")]
    assert (cov.covered, cov.total, cov.percent) == (2, 3, 66.7)
    assert sc.percent == 66.7


def test_broken_and_item_links_do_not_count() -> None:
    strategy = strategy_from_data("vision.yaml", _data(STRATEGY))
    text = (
        AGREEMENT_HEAD
        + _item(1, "Tastefejl", ["vision-2020#p9"])
        + _item(2, "Kun en aftale", ["aftale-2016#1"])
        + _item(3, "Dobbelt", ["vision-2020#p3", "vision-2020#p3"])
    )
    agreement = agreement_from_data("aftale.yaml", _data(text))
    cov = compute([strategy], [agreement])
    assert [r.number for r in cov.unlinked] == [1, 2]
    assert [tc.track.id for tc in cov.uncovered] == ["p1", "p2"]
    p3 = cov.strategies[0].tracks[2]
    assert [r.number for r in p3.items] == [3]  # named twice, listed once
    assert cov.percent == 33.3


def test_no_strategies_means_no_share() -> None:
    _, agreement = _models()
    cov = compute([], [agreement])
    assert cov.percent is None and cov.total == 0
    assert len(cov.unlinked) == 3


@pytest.mark.parametrize(
    ("covered", "total", "expected"),
    [
        (2, 3, 66.7),
        (1, 3, 33.3),
        (0, 3, 0.0),
        (3, 3, 100.0),
        (1, 16, 6.3),  # half up, not to even
        (1999, 2000, 99.9),  # never 100 unless all
        (1, 2000, 0.1),  # never 0 unless none
        (0, 0, None),
    ],
)
def test_percent_rounding(covered: int, total: int, expected: float | None) -> None:
    assert percent(covered, total) == expected


def test_sdgs_roll_up_by_goal_with_their_tracks() -> None:
    strategy, _ = _models()
    uses = sdgs([strategy])
    assert [(u.number, [t.track for t in u.tracks]) for u in uses] == [
        (1, ["p2"]),
        (3, ["p1"]),
        (10, ["p1", "p2"]),
        (17, ["p1"]),
    ]
    assert sdg_name(3) == "3. Sundhed og trivsel"
    assert sdg_name(16) == "16. Fred, retfærdighed og stærke institutioner"
    assert sdg_name(17, "en") == "17. Partnerships for the goals"


def test_budget_sums_ranges_as_ranges_per_year() -> None:
    strategy, _ = _models()
    (budget,) = budgets([strategy])
    assert [(y.years, y.total, y.lines) for y in budget.years] == [
        ((2020,), Money(115_000, 165_000), 2),
        ((2021,), Money(75_000, 225_000), 1),
        ((), Money(100_000, 100_000, approximate=True), 1),
    ]
    assert budget.total == Money(290_000, 490_000, approximate=True)
    assert budget.unpriced == 1


def test_budget_line_over_several_years_is_summed_under_its_span() -> None:
    data = _data(STRATEGY)
    data["tracks"][2]["budget"] = [{"text": "Drift", "amount": 500_000, "years": [2022, 2021]}]
    (budget,) = budgets([strategy_from_data("s.yaml", data)])
    assert budget.years[-2].years == (2021, 2022)
    assert budget.years[-2].total == Money(500_000, 500_000)
    assert years_label((2021, 2022), "uden år") == "2021-2022"
    assert years_label((2021, 2023), "uden år") == "2021, 2023"
    assert years_label((), "uden år") == "uden år"


def test_money_the_danish_and_the_english_way() -> None:
    assert format_money(Money(1_250_000, 1_250_000)) == "1.250.000 kr."
    assert format_money(Money(75_000, 125_000)) == "75.000-125.000 kr."
    assert format_money(Money(100_000, 100_000, True)) == "ca. 100.000 kr."
    assert format_money(Money(1_250_000, 1_250_000), "en") == "DKK 1,250,000"
    assert format_money(Money(75_000, 125_000, True), "en") == "approx. DKK 75,000-125,000"
    assert format_percent(66.7) == "66,7 %"
    assert format_percent(66.7, "en") == "66.7%"
    assert format_percent(70.0, fixed=False) == "70 %"


# --- the installed command ---------------------------------------------------------------------


def test_table_shows_items_per_track_gaps_share_and_rollups(book: Path) -> None:
    result = run("coverage", cwd=book)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Dækning af strategierne" in out
    assert "2 af 3 spor dækket (66,7 %)" in out
    p1 = next(line for line in out.splitlines() if "Første pejlemærke (p1)" in line)
    assert "aftale-2016 #1 Recovery og rehabilitering" in p1
    assert "aftale-2016 #2 Hjemløse unge" in out
    p3 = next(line for line in out.splitlines() if "Tredje pejlemærke (p3)" in line)
    assert "ingen" in p3
    gaps = out.split("Spor uden punkter")[1].split("Punkter uden strategikobling")
    assert "vision-2020#p3 Rusmiddelområdet" in gaps[0]
    assert "aftale-2016 #3 Digital journal" in gaps[1]
    assert "Dækning i alt" in out and "2 af 3 spor (66,7 %)" in out
    assert "FN's verdensmål" in out
    for name in (
        "1. Afskaf fattigdom",
        "3. Sundhed og trivsel",
        "10. Mindre ulighed",
        "17. Partnerskaber for handling",
    ):
        assert name in out
    assert "4. Kvalitetsuddannelse" not in out
    budget = out.split("Budget pr. strategi og år")[1]
    assert "115.000-165.000 kr." in budget  # 40.000 + 75.000-125.000 in 2020
    assert "75.000-225.000 kr." in budget
    assert "uden år" in budget and "ca. 100.000 kr." in budget
    assert "ca. 290.000-490.000 kr." in budget
    assert "1 budgetlinje uden beløb" in budget


def test_markdown(book: Path) -> None:
    result = run("coverage", "--format", "markdown", cwd=book)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Dækning af strategierne\n")
    assert "## Vision og politiske pejlemærker (`vision-2020`)" in out
    assert (
        "| Første pejlemærke (`p1`) | Recovery og rehabilitering | "
        "aftale-2016 #1 Recovery og rehabilitering<br>aftale-2016 #2 Hjemløse unge |"
    ) in out
    assert "| Tredje pejlemærke (`p3`) | Rusmiddelområdet | *ingen* |" in out
    assert "## Spor uden punkter\n\n- `vision-2020#p3` Rusmiddelområdet\n" in out
    assert "## Punkter uden strategikobling\n\n- aftale-2016 #3 Digital journal\n" in out
    assert "2 af 3 spor (66,7 %)." in out
    assert "| 10. Mindre ulighed | `vision-2020#p1` Recovery og rehabilitering<br>" in out
    assert "| 2020 | 115.000-165.000 kr. | 2 |" in out
    assert "| uden år | ca. 100.000 kr. | 1 |" in out
    assert "| **I alt** | **ca. 290.000-490.000 kr.** | 4 |" in out


def test_json_is_stable_and_complete(book: Path) -> None:
    result = run("coverage", "--format", "json", cwd=book)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"tracks": 3, "covered": 2, "percent": 66.7, "unlinked_items": 1}
    (strategy,) = data["strategies"]
    assert (strategy["id"], strategy["tracks_covered"], strategy["percent"]) == (
        "vision-2020",
        2,
        66.7,
    )
    tracks = {t["id"]: t for t in strategy["tracks"]}
    assert [(i["agreement"], i["number"]) for i in tracks["p1"]["items"]] == [
        ("aftale-2016", 1),
        ("aftale-2016", 2),
    ]
    assert tracks["p3"]["covered"] is False and tracks["p3"]["items"] == []
    assert data["uncovered_tracks"] == [
        {"strategy": "vision-2020", "id": "p3", "title": "Rusmiddelområdet"}
    ]
    assert [(i["number"], i["title"]) for i in data["unlinked_items"]] == [(3, "Digital journal")]
    assert [s["number"] for s in data["sdgs"]] == [1, 3, 10, 17]
    assert data["sdgs"][1]["name"] == "3. Sundhed og trivsel"
    (budget,) = data["budget"]
    assert budget["years"] == [
        {"years": [2020], "lines": 2, "low": 115000, "high": 165000, "approximate": False},
        {"years": [2021], "lines": 1, "low": 75000, "high": 225000, "approximate": False},
        {"years": [], "lines": 1, "low": 100000, "high": 100000, "approximate": True},
    ]
    assert budget["total"] == {"low": 290000, "high": 490000, "approximate": True}
    assert budget["unpriced_lines"] == 1
    assert data["problems"] == {"errors": 0, "left_out": []}


def test_fail_under(book: Path) -> None:
    below = run("coverage", "--fail-under", "70", cwd=book, env=DANISH)
    assert below.returncode == 1
    assert "Dækningen er 66,7 %, under --fail-under 70 %" in below.stderr
    assert "2 af 3 spor dækket" in below.stdout  # the report is still shown
    above = run("coverage", "--fail-under", "60", cwd=book)
    assert above.returncode == 0, above.stderr
    assert above.stderr == ""
    shown = run("coverage", "--fail-under", "66.7", "--format", "json", cwd=book)
    assert shown.returncode == 0  # the figure shown is the figure compared
    json.loads(shown.stdout)  # the message goes to stderr, so the JSON stays clean


def test_fail_under_must_be_a_percentage(book: Path) -> None:
    result = run("coverage", "--fail-under", "150", cwd=book)
    assert result.returncode == 2
    assert_no_traceback(result)


def test_fail_under_without_tracks_fails(tmp_path: Path) -> None:
    book = tmp_path / "book"
    (book / "agreements").mkdir(parents=True)
    (book / "agreements" / "aftale.yaml").write_text(AGREEMENT, encoding="utf-8")
    result = run("coverage", "--fail-under", "50", cwd=book, env=DANISH)
    assert result.returncode == 1
    assert "Ingen strategispor at dække" in result.stderr
    assert "Ingen strategier i arbejdsbogen." in result.stdout
    plain = run("coverage", cwd=book)
    assert plain.returncode == 0
    assert "Ingen strategispor." in plain.stdout  # not "every track is covered"
    assert "slagelse" not in plain.stdout and "aftale-2016 #3 Digital journal" in plain.stdout


def test_english(tmp_path: Path) -> None:
    book = make_workbook(tmp_path / "book", language="en")
    result = run("coverage", "--fail-under", "70", cwd=book)
    assert result.returncode == 1
    out = result.stdout
    assert "Strategy coverage" in out and "2 of 3 tracks covered (66.7%)" in out
    assert "Tracks with no item" in out and "Items with no strategy link" in out
    assert "3. Good health and well-being" in out
    assert "DKK 115,000-165,000" in out and "approx. DKK 100,000" in out
    assert "no year" in out
    assert "Coverage is 66.7%, below --fail-under 70%" in result.stderr
    markdown = run("coverage", "-f", "markdown", cwd=book).stdout
    assert "## Budget per strategy and year" in markdown
    assert json.loads(run("coverage", "-f", "json", cwd=book).stdout)["language"] == "en"


def test_workbook_errors_are_noted_and_files_left_out_are_named(tmp_path: Path) -> None:
    broken = (
        AGREEMENT_HEAD
        + _item(1, "Recovery og rehabilitering", ["vision-2020#p9"])
        + _item(2, "Hjemløse unge", ["vision-2020#p2"])
    )
    book = make_workbook(tmp_path / "book", agreement=broken)
    bad = book / "agreements" / "strategier" / "ufaerdig.yaml"
    bad.write_text("kind: strategy\nversion: 1\nid: ufaerdig\n", encoding="utf-8")
    result = run("coverage", cwd=book)
    assert_no_traceback(result)
    assert result.returncode == 0  # coverage is shown; `check` is the gate for errors
    assert "`devagree check` finder" in result.stdout
    assert "agreements/strategier/ufaerdig.yaml" in result.stdout
    assert "1 af 3 spor dækket (33,3 %)" in result.stdout  # the broken link is not counted
    assert "aftale-2016 #1 Recovery og rehabilitering (links: vision-2020#p9)" in result.stdout
    data = json.loads(run("coverage", "-f", "json", cwd=book).stdout)
    assert data["problems"]["errors"] >= 2
    assert data["problems"]["left_out"] == ["agreements/strategier/ufaerdig.yaml"]


def test_unreadable_file_exits_2(book: Path) -> None:
    (book / "agreements" / "broken.yaml").write_text("kind: [agreement\n", encoding="utf-8")
    result = run("coverage", cwd=book)
    assert result.returncode == 2
    assert_no_traceback(result)


def test_named_files(book: Path, tmp_path: Path) -> None:
    result = run(
        "coverage",
        book / "agreements" / "strategier" / "vision.yaml",
        "-f",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["covered"] == 0 and data["summary"]["tracks"] == 3


def test_help_lists_the_formats(book: Path) -> None:
    result = run("coverage", "--help", cwd=book)
    assert result.returncode == 0
    for word in ("table", "json", "markdown", "--fail-under"):
        assert word in result.stdout


def test_titles_are_shown_as_written_not_as_markup(tmp_path: Path) -> None:
    book = make_workbook(tmp_path / "book")
    strategy = book / "agreements" / "strategier" / "vision.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(
        text.replace("title: Rusmiddelområdet", 'title: "Rus [bold]og[/bold] | [x]"'),
        encoding="utf-8",
    )
    table = run("coverage", cwd=book)
    assert table.returncode == 0, table.stderr
    assert "Rus [bold]og[/bold] | [x]" in table.stdout
    markdown = run("coverage", "-f", "markdown", cwd=book).stdout
    assert "| Rus [bold]og[/bold] \\| [x] | *ingen* |" in markdown
