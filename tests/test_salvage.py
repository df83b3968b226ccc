"""A file that fails the schema still gets a model, and every rule runs on it without a crash.

`check` reports a file's schema problems and its rules' findings in one run (the cases in
``cases/invalid/`` show what it says). Here the promise under it is attacked: whatever plain
data a YAML file holds, ``core.salvage`` makes it buildable, the builders build it and every
rule runs over the model; and a damaged copy of a real agreement or strategy, written as a
file, goes through the whole pipeline to located problems.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml_mutations as mutations
from conftest import REPO, SEED, run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from devagree.checks import RULES, Context
from devagree.core.loader import load
from devagree.core.model import agreement_from_data
from devagree.core.salvage import salvage_agreement, salvage_strategy
from devagree.core.strategy_model import strategy_from_data
from devagree.workbook.pipeline import check_workbook

STRATEGY = REPO / "agreements" / "strategier" / "slagelse-vision-pejlemaerker-2020.yaml"
DAY = date(2016, 9, 1)


def run_every_rule(context: Context) -> None:
    for code in RULES:
        assert code.check is not None
        list(code.check(context))


@settings(max_examples=300, deadline=None)
@given(data=mutations.documents("agreement"))
@example(data={"kind": "agreement", "items": [{"status": {"state": []}}]})  # not hashable
@example(data={"kind": "agreement", "items": [{"status": [{"state": {}}, None, 3]}]})
def test_any_agreement_data_builds_and_every_rule_runs(data: dict[str, Any]) -> None:
    salvaged, broken = salvage_agreement(data, set())
    model = agreement_from_data("a.yaml", salvaged, broken)
    run_every_rule(Context((model,), DAY))


@settings(max_examples=300, deadline=None)
@given(data=mutations.documents("strategy"))
def test_any_strategy_data_builds_and_every_rule_runs(data: dict[str, Any]) -> None:
    salvaged, broken = salvage_strategy(data, set())
    model = strategy_from_data("s.yaml", salvaged, broken)
    run_every_rule(Context((), DAY, (model,)))


def _check_mutated(original: Path, mutated: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / original.name
        path.write_text(json.dumps(mutated, ensure_ascii=False, indent=1), encoding="utf-8")
        workbook = check_workbook([path], DAY)
    for problem in workbook.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.code.startswith("DA") and problem.message


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_agreement_goes_through_the_pipeline(data: st.DataObject) -> None:
    seed = load("seed.yaml", SEED.read_text(encoding="utf-8")).data
    _check_mutated(SEED, data.draw(mutations.damaged(seed)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_strategy_goes_through_the_pipeline(data: st.DataObject) -> None:
    strategy = load("strategy.yaml", STRATEGY.read_text(encoding="utf-8")).data
    _check_mutated(STRATEGY, data.draw(mutations.damaged(strategy)))


def test_a_file_that_is_not_yaml_stops_at_that(tmp_path: Path) -> None:
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    folder = tmp_path / "agreements"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("deadline: Juni 2016.", "deadline: [Juni")
    (folder / "broken.yaml").write_text(text, encoding="utf-8")
    result = run("check", "--as-of", "2016-03-01", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert [p["code"] for p in json.loads(result.stdout)] == ["DA003"]


def test_a_file_with_schema_problems_is_left_out_of_documents(workbook: Path) -> None:
    """The rules see a salvaged model; commands that make documents still leave it out."""
    path = workbook / "agreements" / SEED.name
    path.write_text(
        path.read_text(encoding="utf-8").replace("    goal: ", "    gaol: ", 1), encoding="utf-8"
    )
    result = run("deadlines", "--as-of", "2016-03-01", "--format", "json", cwd=workbook)
    assert json.loads(result.stdout) == []
    checked = run("check", "--as-of", "2017-03-01", "--format", "json", cwd=workbook)
    codes = [p["code"] for p in json.loads(checked.stdout)]
    assert "DA102" in codes and "DA101" in codes
    assert codes.count("DA208") == 4  # the salvaged items are still followed
