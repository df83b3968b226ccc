"""The merge driver's data merge: follow-up and signatures united, conflicts left to git."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from merging import (
    SEED,
    history,
    kept_in_order,
    merge_in_files,
    parties,
    signature,
    tree_merge,
    with_signature,
    with_status,
)

from devagree.core.loader import load, round_trip
from devagree.core.model import State
from devagree.followup.history_edit import StatusUpdate, checked_edit
from devagree.followup.merge import Conflict
from devagree.signatures.digest import digest
from devagree.signatures.signing import append_records


def status_as_devagree_writes(text: str, number: int, state: str, day: str, note: str) -> str:
    """The entry as `devagree status` adds it to a file laid out in any way it can keep."""
    update = StatusUpdate(number, State(state), date.fromisoformat(day), note)
    return checked_edit("x.yaml", text, [update])[0]


def _branches() -> tuple[str, str]:
    """The issue's two clones: A records two entries on item 2 and the committee signs; B
    records one on item 2 and one on item 1, and the chief signs."""
    a = with_status(SEED, 2, "in_progress", "2016-04-01", "Mødestedet er fundet")
    a = with_status(a, 2, "done", "2016-06-01", "Åbnet")
    a = with_signature(a, "committee", "Anne Jensen", "2016-03-01")
    b = with_status(SEED, 2, "in_progress", "2016-05-01", "Aftale med Campus")
    b = with_status(b, 1, "done", "2016-05-02", "Strategien er vedtaget")
    b = with_signature(b, "chief", "Bo Hansen", "2016-03-02")
    return a, b


def test_follow_up_and_signatures_of_both_sides_are_united(tmp_path: Path) -> None:
    a, b = _branches()
    outcome, merged = merge_in_files(tmp_path, SEED, a, b)
    text = merged.decode("utf-8")
    assert outcome.clean and not outcome.note
    assert history(text, 2) == [
        ("in_progress", "2016-04-01", "Mødestedet er fundet"),
        ("in_progress", "2016-05-01", "Aftale med Campus"),
        ("done", "2016-06-01", "Åbnet"),
    ]
    assert history(text, 1) == [("done", "2016-05-02", "Strategien er vedtaget")]
    assert parties(text) == ["committee", "chief"]
    agreed = digest(load("", text).data)
    assert agreed == digest(load("", SEED).data)
    assert [s["digest"] for s in load("", text).data["signatures"]] == [agreed, agreed]
    assert kept_in_order(a, text) == []


def test_the_other_way_round_gives_the_same_data(tmp_path: Path) -> None:
    a, b = _branches()
    one = merge_in_files(tmp_path, SEED, a, b)[1].decode()
    other = merge_in_files(tmp_path, SEED, b, a)[1].decode()
    assert history(one, 2) == history(other, 2)
    assert history(one, 1) == history(other, 1)
    assert sorted(parties(one)) == sorted(parties(other))
    assert kept_in_order(b, other) == []


def test_an_entry_both_sides_recorded_counts_once() -> None:
    both = with_status(SEED, 3, "in_progress", "2016-04-01", "Samme note")
    a = with_status(both, 3, "done", "2016-09-01")
    b = with_status(both, 1, "in_progress", "2016-04-02")
    merged = tree_merge(SEED, a, b)
    assert history(merged, 3) == [
        ("in_progress", "2016-04-01", "Samme note"),
        ("done", "2016-09-01", ""),
    ]
    assert history(merged, 1) == [("in_progress", "2016-04-02", "")]


def test_entries_of_the_same_day_keep_ours_first() -> None:
    a = with_status(SEED, 2, "in_progress", "2016-05-01", "ours 1")
    a = with_status(a, 2, "in_progress", "2016-05-01", "ours 2")
    b = with_status(SEED, 2, "done", "2016-05-01", "theirs 1")
    b = with_status(b, 2, "done", "2016-05-01", "theirs 2")
    b = with_status(b, 2, "done", "2016-04-30", "theirs earlier")
    merged = tree_merge(SEED, a, b)
    assert [note for _s, _d, note in history(merged, 2)] == [
        "theirs earlier",
        "ours 1",
        "ours 2",
        "theirs 1",
        "theirs 2",
    ]


def test_a_single_status_mapping_becomes_a_list() -> None:
    base = SEED.replace(
        "    deadline: Juni 2016\n",
        "    deadline: Juni 2016\n",
    )
    single = base.replace(
        "    title: Tværgående borgermiljøer\n",
        "    title: Tværgående borgermiljøer\n"
        "    status:\n      state: in_progress\n      as_of: 2016-03-10\n",
    )
    theirs = with_status(single, 2, "done", "2016-08-01", "B")
    ours = with_status(single, 1, "done", "2016-08-02", "A")
    merged = tree_merge(single, ours, theirs)
    assert history(merged, 2) == [("in_progress", "2016-03-10", ""), ("done", "2016-08-01", "B")]
    ours_single = single.replace(
        "      as_of: 2016-03-10\n", "      as_of: 2016-03-10\n      note: A\n"
    )
    merged = tree_merge(single, ours_single, theirs)
    assert history(merged, 2) == [("in_progress", "2016-03-10", "A"), ("done", "2016-08-01", "B")]
    # the one documented change of ours' lines: the mapping's lines are indented as an entry
    assert kept_in_order(ours_single, merged) == [
        "      state: in_progress",
        "      as_of: 2016-03-10",
        "      note: A",
    ]


def test_an_entry_one_side_deleted_stays_deleted() -> None:
    base = with_status(SEED, 4, "in_progress", "2016-03-01", "skrevet ved en fejl")
    base = with_status(base, 4, "in_progress", "2016-04-01", "rigtig")
    mistake = (
        "      - state: in_progress\n        as_of: 2016-03-01\n        note: skrevet ved en fejl\n"
    )
    ours = base.replace(mistake, "")
    assert history(ours, 4) == [("in_progress", "2016-04-01", "rigtig")]
    theirs = with_status(base, 4, "done", "2016-10-01")
    merged = tree_merge(base, ours, theirs)
    assert history(merged, 4) == [
        ("in_progress", "2016-04-01", "rigtig"),
        ("done", "2016-10-01", ""),
    ]
    merged = tree_merge(base, theirs, ours)
    assert history(merged, 4) == [
        ("in_progress", "2016-04-01", "rigtig"),
        ("done", "2016-10-01", ""),
    ]


def test_a_change_only_one_side_made_is_taken() -> None:
    theirs = SEED.replace("    deadline: Juni 2016.\n", "    deadline: August 2016\n")
    theirs = with_status(theirs, 2, "done", "2016-06-01", "B")
    ours = with_status(SEED, 2, "in_progress", "2016-05-01", "A")
    merged = tree_merge(SEED, ours, theirs)
    item_1 = load("", merged).data["items"][0]
    assert item_1["deadline"] == "August 2016"
    assert history(merged, 2) == [("in_progress", "2016-05-01", "A"), ("done", "2016-06-01", "B")]
    assert kept_in_order(ours, merged) == ["    deadline: Juni 2016."]


def test_both_sides_changing_a_goal_is_a_conflict(tmp_path: Path) -> None:
    old = "Målet for 2016 er en samlet strategi"
    ours = with_status(
        SEED.replace(old, "Målet for 2016 er en fælles strategi"), 2, "done", "2016-06-01"
    )
    theirs = SEED.replace(old, "Målet for 2016 er en ny strategi")
    with pytest.raises(Conflict) as found:
        tree_merge(SEED, ours, theirs)
    assert found.value.where == ("items", 0, "goal")
    outcome, merged = merge_in_files(tmp_path, SEED, ours, theirs)
    assert not outcome.clean
    assert "both sides changed `goal` in item 1" in outcome.note
    text = merged.decode()
    assert "<<<<<<< HEAD\n" in text and "\n=======\n" in text and ">>>>>>> theirs\n" in text
    assert "en fælles strategi" in text and "en ny strategi" in text


def test_two_different_signatures_of_one_party_are_a_conflict(tmp_path: Path) -> None:
    ours = with_signature(SEED, "committee", "Anne Jensen", "2016-03-01")
    theirs = with_signature(SEED, "committee", "Anne Jensen", "2016-03-02")
    with pytest.raises(Conflict) as found:
        tree_merge(SEED, ours, theirs)
    assert found.value.reason == "signature" and found.value.party == "committee"
    outcome, _merged = merge_in_files(tmp_path, SEED, ours, theirs)
    assert not outcome.clean and "`committee`" in outcome.note


def test_the_same_signature_on_both_sides_counts_once() -> None:
    record = signature(SEED, "committee", "Anne Jensen", "2016-03-01")
    ours = with_status(append_records(SEED, [record]), 1, "done", "2016-06-01")
    theirs = with_status(append_records(SEED, [record]), 2, "done", "2016-06-02")
    merged = tree_merge(SEED, ours, theirs)
    assert parties(merged) == ["committee"]
    assert history(merged, 2) == [("done", "2016-06-02", "")]


def test_parties_signing_again_on_each_side_keep_both_new_signatures() -> None:
    """The text changed after both signed; each side has one party sign the new text."""
    signed = with_signature(SEED, "committee", "Anne Jensen", "2016-03-01")
    signed = with_signature(signed, "chief", "Bo Hansen", "2016-03-01")
    base = signed.replace("Juni 2016.", "Juli 2016.")
    ours = append_records(base, [signature(base, "chief", "Bo Hansen", "2016-04-02")])
    theirs = append_records(base, [signature(base, "committee", "Anne Jensen", "2016-04-01")])
    merged = load("", tree_merge(base, ours, theirs)).data["signatures"]
    assert [(s["party"], s["date"]) for s in merged] == [
        ("committee", "2016-03-01"),
        ("committee", "2016-04-01"),
        ("chief", "2016-03-01"),
        ("chief", "2016-04-02"),
    ]
    agreed = digest(load("", base).data)
    assert [s["digest"] == agreed for s in merged] == [False, True, False, True]


def test_unplaced_text_and_links_are_united() -> None:
    base = SEED.replace("signatures:", "signatures:") + (
        "unplaced:\n  - text: Første rest\n    where: paragraph 1\n"
    )
    ours = base + "  - text: Vores rest\n    where: paragraph 7\n"
    theirs = base + "  - text: Deres rest\n    where: table 2 row 3\n"
    links = "    owner: Centerchefen og Ledergruppen.\n"
    ours = ours.replace(links, links + "    links:\n      - a-1#p1\n", 1)
    theirs = theirs.replace(links, links + "    links:\n      - b-2#p2\n", 1)
    merged = load("", tree_merge(base, ours, theirs)).data
    assert [u["text"] for u in merged["unplaced"]] == ["Første rest", "Vores rest", "Deres rest"]
    assert merged["items"][0]["links"] == ["a-1#p1", "b-2#p2"]


def test_items_added_on_one_side_and_deleted_on_the_other() -> None:
    fourth_start = SEED.index("  - number: 4\n")
    fourth_end = SEED.index("signatures:") if "signatures:" in SEED else len(SEED)
    fourth = SEED[fourth_start:fourth_end]
    fifth = fourth.replace("  - number: 4\n", "  - number: 5\n").replace(
        "    title: Udsatteområdet\n", "    title: Et nyt punkt\n"
    )
    theirs = with_status(SEED[:fourth_end] + fifth + SEED[fourth_end:], 2, "done", "2016-06-01")
    ours = with_status(SEED.replace(fourth, ""), 1, "done", "2016-06-02")
    merged = load("", tree_merge(SEED, ours, theirs)).data
    assert [i["number"] for i in merged["items"]] == [1, 2, 3, 5]
    ours_changed = SEED.replace("    title: Udsatteområdet\n", "    title: Udsatte\n")
    theirs_deleted = SEED.replace(fourth, "")
    with pytest.raises(Conflict) as found:
        tree_merge(SEED, ours_changed, theirs_deleted)
    assert found.value.reason == "deleted"


def test_comments_between_entries_stay_before_the_entry_they_stood_before() -> None:
    base = with_status(SEED, 2, "in_progress", "2016-04-01", "første")
    ours = with_status(base, 2, "done", "2016-08-01", "vores")
    ours = ours.replace(
        "      - state: done\n        as_of: 2016-08-01\n",
        "      # efter sommerferien\n      - state: done\n        as_of: 2016-08-01\n",
    )
    theirs = with_status(base, 2, "in_progress", "2016-06-01", "deres")
    merged = tree_merge(base, ours, theirs)
    assert kept_in_order(ours, merged) == []
    assert [n for _s, _d, n in history(merged, 2)] == ["første", "deres", "vores"]
    lines = merged.splitlines()
    comment = lines.index("      # efter sommerferien")
    assert lines[comment + 1 : comment + 3] == ["      - state: done", "        as_of: 2016-08-01"]
    assert lines.index("        note: deres") < comment


def test_entries_written_in_flow_style() -> None:
    base = SEED.replace(
        "    title: Tværgående borgermiljøer\n",
        "    title: Tværgående borgermiljøer\n"
        "    status: {state: in_progress, as_of: 2016-03-10}\n",
    )
    theirs = base.replace(
        "    status: {state: in_progress, as_of: 2016-03-10}\n",
        "    status:\n      - {state: in_progress, as_of: 2016-03-10}\n"
        "      - {state: done, as_of: 2016-09-01, note: B}\n",
    )
    ours = with_status(base, 1, "done", "2016-06-01")
    merged = tree_merge(base, ours, theirs)
    assert history(merged, 2) == [("in_progress", "2016-03-10", ""), ("done", "2016-09-01", "B")]
    assert kept_in_order(ours, merged) == ["    status: {state: in_progress, as_of: 2016-03-10}"]


def _laid_out(mapping: int, sequence: int, offset: int) -> str:
    yaml = round_trip()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump(round_trip().load(SEED), out)
    return out.getvalue()


LAYOUTS = {
    "devagree's": SEED,
    "dashes flush with their key": _laid_out(2, 2, 0),
    "four spaces, dashes flush": _laid_out(4, 4, 0),
    "quoted values": SEED.replace(
        "title: Udviklingsaftale for 2016", "title: 'Udviklingsaftale for 2016'"
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_files_laid_out_otherwise_keep_their_layout(tmp_path: Path, layout: str) -> None:
    base = LAYOUTS[layout]
    ours = status_as_devagree_writes(base, 2, "in_progress", "2016-05-01", "A")
    theirs = status_as_devagree_writes(base, 2, "done", "2016-06-01", "B")
    theirs = with_signature(theirs, "chief", "Bo Hansen", "2016-03-02")
    outcome, merged = merge_in_files(tmp_path, base, ours, theirs)
    assert outcome.clean, outcome.note
    text = merged.decode()
    assert kept_in_order(ours, text) == []
    assert [n for _s, _d, n in history(text, 2)] == ["A", "B"] and parties(text) == ["chief"]


def test_a_list_written_in_flow_style_is_written_again_on_its_line() -> None:
    base = SEED.replace(
        "    title: Tværgående borgermiljøer\n",
        "    title: Tværgående borgermiljøer\n    status: [{state: planned, as_of: 2016-03-01}]\n",
    )
    ours = with_status(base, 2, "in_progress", "2016-05-01", "A")
    theirs = with_status(base, 2, "done", "2016-06-01", "B")
    merged = tree_merge(base, ours, theirs)
    assert [n for _s, _d, n in history(merged, 2)] == ["", "A", "B"]
    [line] = kept_in_order(ours, merged)
    assert line.startswith("    status: [{state: planned")


def test_a_layout_that_cannot_be_kept_stops_the_merge(tmp_path: Path) -> None:
    """A title folded over two lines would be written on one: the merge stops instead."""

    def folded(text: str) -> str:
        return text.replace(
            "title: Udviklingsaftale for 2016\n", "title: 'Udviklingsaftale\n  for 2016'\n"
        )

    base = folded(SEED)
    assert load("", base).data["title"] == "Udviklingsaftale for 2016"
    ours = folded(with_status(SEED, 2, "in_progress", "2016-05-01", "A"))
    theirs = folded(with_status(SEED, 2, "done", "2016-06-01", "B"))
    with pytest.raises(Conflict) as found:
        tree_merge(base, ours, theirs)
    assert found.value.reason == "layout"
    outcome, merged = merge_in_files(tmp_path, base, ours, theirs)
    assert not outcome.clean and "layout cannot be kept" in outcome.note
    assert b"<<<<<<< HEAD" in merged
    assert b"title: 'Udviklingsaftale\n  for 2016'\n" in merged


def test_comments_theirs_changed_are_carried_over(tmp_path: Path) -> None:
    ours = with_status(SEED, 2, "in_progress", "2016-05-01", "A")
    theirs = with_status(SEED, 2, "done", "2016-06-01", "B")
    theirs = theirs.replace(
        "  - number: 3\n", "  # Punkt 3 følges op af Jobcentret.\n  - number: 3\n"
    ).replace("# Transcribed word for word from the signed agreement.\n", "")
    outcome, merged = merge_in_files(tmp_path, SEED, ours, theirs)
    text = merged.decode()
    assert outcome.clean, outcome.note
    assert "  # Punkt 3 følges op af Jobcentret.\n  - number: 3\n" in text
    assert "Transcribed word for word" not in text
    assert [n for _s, _d, n in history(text, 2)] == ["A", "B"]


def test_a_comment_theirs_added_on_its_own_line_is_carried_over(tmp_path: Path) -> None:
    ours = with_status(SEED, 2, "in_progress", "2016-05-01", "A")
    theirs = with_status(SEED, 2, "done", "2016-06-01", "B").replace(
        "purpose: |\n", "# Formålet er uændret fra 2015.\npurpose: |\n"
    )
    outcome, merged = merge_in_files(tmp_path, SEED, ours, theirs)
    assert outcome.clean, outcome.note
    assert "\n# Formålet er uændret fra 2015.\npurpose: |\n" in merged.decode()


def test_a_comment_theirs_added_among_its_new_entries_stops_the_merge(tmp_path: Path) -> None:
    ours = with_status(SEED, 2, "in_progress", "2016-05-01", "A")
    theirs = with_status(SEED, 2, "done", "2016-06-01", "B")
    theirs = with_status(theirs, 2, "done", "2016-06-02", "C").replace(
        "      - state: done\n        as_of: 2016-06-02\n",
        "      # rettet efter mødet\n      - state: done\n        as_of: 2016-06-02\n",
    )
    outcome, merged = merge_in_files(tmp_path, SEED, ours, theirs)
    assert not outcome.clean
    assert "comments" in outcome.note
    assert b"<<<<<<< HEAD" in merged


def test_windows_line_endings_and_a_byte_order_mark_stay(tmp_path: Path) -> None:
    a, b = _branches()
    ours = ("\ufeff" + a).replace("\n", "\r\n").encode()
    base = SEED.replace("\n", "\r\n").encode()
    outcome, merged = merge_in_files(tmp_path, base, ours, b)
    assert outcome.clean
    assert merged.startswith("\ufeff".encode())
    assert merged.count(b"\r\n") == merged.count(b"\n")
    text = merged.decode("utf-8-sig").replace("\r\n", "\n")
    assert len(history(text, 2)) == 3 and parties(text) == ["committee", "chief"]


def test_a_file_added_on_both_sides_has_no_base(tmp_path: Path) -> None:
    a, b = _branches()
    outcome, merged = merge_in_files(tmp_path, "", a, b)
    assert outcome.clean, outcome.note
    assert len(history(merged.decode(), 2)) == 3


@pytest.mark.parametrize(
    "theirs",
    [
        b"kind: agreement\nitems: [\n",  # not YAML
        b"kind: agreement\ntitle: Udviklingsaftale for 2016 \xe6\xf8\xe5\n",  # not UTF-8
        b"",  # emptied
    ],
)
def test_a_version_that_cannot_be_read_goes_to_git(tmp_path: Path, theirs: bytes) -> None:
    ours = with_status(SEED, 2, "done", "2016-06-01")
    outcome, merged = merge_in_files(tmp_path, SEED, ours, theirs)
    assert not outcome.clean
    assert "cannot be read" in outcome.note
    assert merged.startswith(b"<<<<<<< HEAD\n") or b"\n<<<<<<< HEAD\n" in merged


def test_a_version_that_cannot_be_read_merges_cleanly_when_git_can(tmp_path: Path) -> None:
    broken = SEED.replace("kind: agreement\n", "kind: agreement\nitems: [\n", 1)
    ours = broken.replace("    deadline: Juni 2016.\n", "    deadline: Juli 2016.\n")
    outcome, merged = merge_in_files(tmp_path, SEED, ours, broken)
    assert outcome.clean and not outcome.note
    assert merged.decode() == ours


def test_a_strategy_merges_field_by_field(tmp_path: Path, repo: Path) -> None:
    strategy = (repo / "agreements/strategier/faxe-voksenstrategi.yaml").read_text("utf-8")
    data = load("", strategy).data
    title = data["title"]
    first_track = data["tracks"][0]["title"]
    ours = strategy.replace(f"title: {title}\n", f"title: {title} (revideret)\n", 1)
    theirs = strategy.replace(first_track, first_track + " og trivsel", 1)
    assert ours != strategy and theirs != strategy
    merged = load("", tree_merge(strategy, ours, theirs)).data
    assert merged["title"].endswith("(revideret)")
    assert merged["tracks"][0]["title"] == first_track + " og trivsel"
