"""Property: any follow-up and signatures recorded on two branches merge in git, all kept.

Each example is a real repository: the seed agreement on main (with some follow-up already),
two branches that each record random `status` entries and signatures, and `git merge` with
devagree's driver registered as `devagree init` registers it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from gitrepo import Repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merging import SEED, history, parties, signature, with_status

from devagree import git as devagree_git
from devagree.core.loader import load
from devagree.drafting.scaffold import gitattributes_lines
from devagree.signatures.signing import append_records
from devagree.workbook.pipeline import check_workbook

NAME = "agreements/slagelse-chp-2016.yaml"
STATES = ("planned", "in_progress", "done", "partly_done", "not_met", "cancelled")
START = date(2016, 3, 1)


@dataclass(frozen=True)
class Entry:
    item: int
    state: str
    day: int
    """Days after 1 March 2016; a branch's entries for an item never go back in time."""


entries = st.builds(
    Entry,
    item=st.integers(1, 4),
    state=st.sampled_from(STATES),
    day=st.integers(0, 3),
)
SIGNERS = {"committee": "Anne Jensen", "chief": "Bo Hansen"}
where_signed = st.sampled_from(["none", "a", "b", "both"])


def _record(text: str, branch: str, found: list[Entry]) -> str:
    """The entries recorded in order, each dated on or after the item's latest one (as
    `devagree status` requires)."""
    for number, entry in enumerate(found):
        dates = [d for _s, d, _n in history(text, entry.item)]
        latest = (date.fromisoformat(dates[-1]) - START).days if dates else 0
        day = latest + entry.day
        text = with_status(text, entry.item, entry.state, _iso(day), f"{branch} {number}")
    return text


def _iso(day: int) -> str:
    return (START + timedelta(days=day)).isoformat()


def _expected(base: str, ours: str, theirs: str, number: int) -> list[tuple[str, str, str]]:
    """Ours' history with theirs' new entries, in date order (a day's: ours first)."""
    mine = history(ours, number)
    new = [e for e in history(theirs, number) if e not in history(base, number)]
    return sorted(mine + new, key=lambda entry: entry[1])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    on_main=st.lists(entries, max_size=3),
    on_a=st.lists(entries, max_size=6),
    on_b=st.lists(entries, max_size=6),
    committee=where_signed,
    chief=where_signed,
)
def test_any_follow_up_and_signatures_merge_in_date_order(
    on_main: list[Entry], on_a: list[Entry], on_b: list[Entry], committee: str, chief: str
) -> None:
    with tempfile.TemporaryDirectory(prefix="devagree-merge-") as folder:
        root = Path(folder)
        repo = Repo(root / "repo", root / "home")
        repo.folder.mkdir()
        repo.git("init", "-q", "-b", "main")
        repo.git("config", devagree_git.DRIVER_KEY, devagree_git.driver_command())
        attributes = gitattributes_lines(["agreements"])
        repo.write(".gitattributes", "".join(f"{line}\n" for line in attributes))
        repo.write("devagree.yaml", "kind: workbook\nversion: 1\n")
        base = _record(SEED, "main", on_main)
        repo.write(NAME, base)
        repo.commit("main")
        texts = {}
        for branch, found in (("a", on_a), ("b", on_b)):
            repo.git("checkout", "-q", "-b", branch, "main")
            text = _record(base, branch, found)
            for party, where in (("committee", committee), ("chief", chief)):
                if where in (branch, "both"):
                    made = signature(text, party, SIGNERS[party], "2016-03-01")
                    text = append_records(text, [made])
            repo.write(NAME, text)
            repo.commit(branch)
            texts[branch] = text
        merged = repo.git("merge", "--no-edit", "a", check=False)
        assert merged.returncode == 0, merged.stdout + merged.stderr
        result = repo.read(NAME)
        for number in range(1, 5):
            assert history(result, number) == _expected(base, texts["b"], texts["a"], number)
        signed = [p for p, w in (("committee", committee), ("chief", chief)) if w != "none"]
        assert sorted(parties(result)) == sorted(signed)
        book = check_workbook([], as_of=date(2016, 3, 1), start=repo.folder)
        assert [f"{p.location} {p.code}" for p in book.problems] == []
        assert load(NAME, result).data["items"][0]["title"] == "Recovery og rehabilitering"
