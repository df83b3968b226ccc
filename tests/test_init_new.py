"""`devagree init` and `devagree new`: a workbook from nothing, and agreements drafted in it.

The interactive path runs the installed command in a real pseudo-terminal (pexpect), as a
centre chief would; the texts typed must come back from the file exactly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DANISH, assert_no_traceback, devagree_command, run
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.compat import StringIO

from devagree.core.loader import load, round_trip
from devagree.core.model import ROWS
from devagree.core.resources import data_file
from devagree.drafting.scaffold import plan_workbook
from devagree.drafting.writer import (
    AgreementDraft,
    ItemDraft,
    agreement_text,
    describe_deadline,
    expected_data,
    id_problem,
    skeleton,
)

WORKBOOK_FILES = (
    "devagree.yaml",
    "agreements/.gitkeep",
    "README.md",
    "schemas/agreement.schema.json",
    "schemas/workbook.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".gitignore",
)

TRICKY = (
    "Mål: 80 % af borgerne",
    "\"citat\" og 'apostrof'",
    "- starter med en bindestreg",
    "# ikke en kommentar",
    "tekst # med hash",
    "Æblegrød, øl og ål på Ærø",
    "2017",
    "2016-12-31",
    "yes",
    "null",
    "~",
    "@henvisning",
    "*stjerne*",
    "& og ! og % og `",
    "{ikke: en mapping}",
    "[ikke, en, liste]",
    "slutter med kolon:",
    "  indrykket med to mellemrum",
    "mellemrum bagefter  ",
    "første linje\nanden linje",
    "- punkt 1\n- punkt 2\n  - underpunkt",
    "  indrykket første linje\nanden",
    "afsnit 1\n\nafsnit 2",
    "slutter med linjeskift\n",
    "to linjeskift\n\n",
    "\nstarter med linjeskift",
    "tab\tindeni",
    "Mål:\n  - nøgle: værdi\n# ikke kommentar",
    "|\n>",
)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A workbook made by `devagree init`, as a new user would start."""
    result = run("init", "wb", "--municipality", "Slagelse Kommune", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "wb"


def draft_with(texts: Iterator[str]) -> AgreementDraft:
    rows = {row.key: next(texts) for row in ROWS}
    rows["deadline"] = "Ultimo 2016"
    return AgreementDraft(
        id="tricky-2016",
        title=next(texts),
        municipality=next(texts),
        organisation=next(texts),
        committee=next(texts),
        chief=next(texts),
        start=date(2016, 2, 29),
        end=date(2016, 12, 31),
        day=date(2016, 2, 29),
        items=[ItemDraft(next(texts), rows), ItemDraft("Anden aftale", dict(rows))],
    )


def cycle(values: tuple[str, ...]) -> Iterator[str]:
    while True:
        yield from values


# --- init ------------------------------------------------------------------------------------


def test_init_creates_a_workbook_that_checks_clean(tmp_path: Path) -> None:
    result = run("init", "wb", "--municipality", "Slagelse Kommune", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "wb"
    for name in WORKBOOK_FILES:
        assert (folder / name).is_file(), name
        assert f"created  {Path('wb', name)}" in result.stdout
    assert "kept" not in result.stdout

    config = load("devagree.yaml", (folder / "devagree.yaml").read_text("utf-8")).data
    assert config == {
        "kind": "workbook",
        "version": 1,
        "municipality": "Slagelse Kommune",
        "language": "da",
        "paths": ["agreements"],
    }
    text = (folder / "devagree.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/workbook.schema.json\n")
    assert "# template:" in text and "# rules:" in text

    vscode = json.loads((folder / ".vscode" / "settings.json").read_text("utf-8"))
    assert vscode["yaml.schemas"]["./schemas/agreement.schema.json"][0] == "agreements/**/*.yaml"
    assert vscode["yaml.schemas"]["./schemas/workbook.schema.json"] == ["devagree.yaml"]
    extensions = json.loads((folder / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    for name in ("agreement.schema.json", "workbook.schema.json"):
        assert (folder / "schemas" / name).read_bytes() == data_file("schemas", name).read_bytes()
    readme = (folder / "README.md").read_text("utf-8")
    for command in ("devagree check", "devagree deadlines", "devagree render", "agreements/"):
        assert command in readme

    checked = run("check", "--as-of", "2020-01-01", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout


def test_init_again_keeps_every_file_and_overwrites_nothing(tmp_path: Path) -> None:
    assert run("init", cwd=tmp_path).returncode == 0
    (tmp_path / "README.md").write_text("vores egen README\n", encoding="utf-8")
    (tmp_path / "devagree.yaml").write_text(
        "kind: workbook\nversion: 1\nlanguage: en\n", encoding="utf-8"
    )
    before = files_of(tmp_path)

    again = run("init", "--municipality", "Anden Kommune", "--language", "en", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert files_of(tmp_path) == before
    for name in WORKBOOK_FILES:
        assert f"kept     {Path(name)} (exists; not changed)" in again.stdout
    assert "created" not in again.stdout


def test_init_adds_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    result = run("init", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "kept     devagree.yaml" in result.stdout
    assert "created  .vscode/settings.json" in result.stdout.replace(os.sep, "/")
    assert (tmp_path / "devagree.yaml").read_text("utf-8") == "kind: workbook\nversion: 1\n"


def test_init_english_and_a_municipality_that_needs_quotes(tmp_path: Path) -> None:
    name = 'Kommune: "Nord" # 1'
    result = run("init", "--municipality", name, "--language", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = load("devagree.yaml", (tmp_path / "devagree.yaml").read_text("utf-8")).data
    assert config["municipality"] == name and config["language"] == "en"
    assert run("check", "--as-of", "2020-01-01", cwd=tmp_path).returncode == 0


def test_init_without_municipality_leaves_it_as_a_comment(tmp_path: Path) -> None:
    assert run("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "devagree.yaml").read_text("utf-8")
    assert "# municipality:" in text
    assert "municipality" not in load("devagree.yaml", text).data
    assert run("check", "--as-of", "2020-01-01", cwd=tmp_path).returncode == 0


def test_init_refuses_a_file_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = run("init", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert "is a file" in result.stderr
    assert_no_traceback(result)


def test_plan_is_pure_and_names_every_file() -> None:
    plan = plan_workbook("Slagelse Kommune", "da")
    names = {p.path.as_posix() for p in plan}
    assert set(WORKBOOK_FILES) <= names
    with pytest.raises(ValueError):
        plan_workbook("", "de")


# --- new --no-input --------------------------------------------------------------------------


def test_skeleton_is_reported_incomplete_by_check(fresh: Path) -> None:
    result = run("new", "--no-input", "--year", "2026", cwd=fresh)
    assert result.returncode == 0, result.stderr
    target = fresh / "agreements" / "udviklingsaftale-2026.yaml"
    text = target.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/agreement.schema.json\n")
    data = load(str(target), text).data
    assert data["period"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert data["municipality"] == "Slagelse Kommune"
    assert [item["number"] for item in data["items"]] == [1]

    checked = run("check", "--as-of", "2026-01-01", cwd=fresh)
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    for row in ROWS:
        assert any("DA209" in line and f"`{row.key}` in item 1" in line for line in lines), row
    # the skeleton is valid against the schema: only the placeholders (and the unreadable
    # placeholder deadline) are reported
    codes = {line.split()[1] for line in lines if line.startswith("agreements")}
    assert codes <= {"DA209", "DA206"}


def test_new_without_a_terminal_writes_the_skeleton(fresh: Path) -> None:
    result = run("new", "--year", "2026", "--id", "centret-2026", cwd=fresh, input="", env=DANISH)
    assert result.returncode == 0, result.stderr
    assert "ikke en terminal" in result.stderr
    english = run("--lang", "en", "new", "--year", "2026", "--id", "b-2026", cwd=fresh, input="")
    assert "not a terminal" in english.stderr  # --lang decides the messages ...
    draft = (fresh / "agreements" / "b-2026.yaml").read_text(encoding="utf-8")
    assert "TODO: udfyld" in draft  # ... the workbook's language the draft
    assert (fresh / "agreements" / "centret-2026.yaml").is_file()


def test_new_never_overwrites(fresh: Path) -> None:
    assert run("new", "--no-input", "--year", "2026", "--id", "a-2026", cwd=fresh).returncode == 0
    target = fresh / "agreements" / "a-2026.yaml"
    target.write_text(target.read_text("utf-8") + "# my edit\n", encoding="utf-8")
    before = target.read_bytes()

    again = run("new", "--no-input", "--year", "2026", "--id", "a-2026", cwd=fresh)
    assert again.returncode == 2
    assert "already" in again.stderr
    elsewhere = fresh / "other.yaml"
    elsewhere.write_text("mine\n", encoding="utf-8")
    out = run("new", "--no-input", "--year", "2026", "--id", "b-2026", "-o", elsewhere, cwd=fresh)
    assert out.returncode == 2
    assert "already exists" in out.stderr
    assert target.read_bytes() == before
    assert elsewhere.read_text("utf-8") == "mine\n"
    assert_no_traceback(out)


def test_new_refuses_a_bad_id(fresh: Path) -> None:
    result = run("new", "--no-input", "--year", "2026", "--id", "Bad Id", cwd=fresh)
    assert result.returncode == 2
    assert "lowercase" in result.stderr
    assert list((fresh / "agreements").glob("*.yaml")) == []


def test_output_elsewhere_points_at_the_workbook_schema(fresh: Path) -> None:
    result = run(
        "new", "--no-input", "--year", "2026", "--id", "x-2026", "-o", "drafts/x.yaml", cwd=fresh
    )
    assert result.returncode == 0, result.stderr
    first = (fresh / "drafts" / "x.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/agreement.schema.json"


def test_without_schemas_folder_the_schema_line_is_a_comment(tmp_path: Path) -> None:
    (tmp_path / "agreements").mkdir()
    result = run("new", "--no-input", "--year", "2026", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "agreements" / "udviklingsaftale-2026.yaml").read_text("utf-8")
    assert "yaml-language-server" not in text
    assert text.startswith("# Ingen schemas/-mappe")


# --- the YAML text reads back exactly ---------------------------------------------------------


def test_tricky_texts_come_back_exactly(tmp_path: Path) -> None:
    draft = draft_with(cycle(TRICKY))
    text = agreement_text(draft, "../schemas/agreement.schema.json")
    assert load("x.yaml", text).data == expected_data(draft)
    # comments: the header, and the Danish label before each row
    for row in ROWS:
        assert f"    # {row.da}\n    {row.key}:" in text
    # multi-line text is a block scalar, not an escaped string
    assert "\n    political_goal: |" in draft_text_for("første linje\nanden linje")

    # the file passes check, and ruamel's round trip (used by sign and status) keeps it
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "tricky-2016.yaml").write_text(text, encoding="utf-8")
    checked = run("check", "--as-of", "2016-03-01", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout


def draft_text_for(value: str) -> str:
    return agreement_text(draft_with(cycle((value,))), None)


def test_round_trip_editing_keeps_a_drafted_file_byte_for_byte() -> None:
    plain = ("Almindelig tekst", "- punkt 1\n- punkt 2", "Afsnit 1\n\nAfsnit 2", "Mål: 80 %")
    text = agreement_text(draft_with(cycle(plain)), "../schemas/agreement.schema.json")
    yaml = round_trip()
    out = StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text


pieces = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Zl", "Zp", "Cc", "Cf")
) | st.sampled_from(["\n", "\n\n", " ", "  ", "- ", ": ", " #", "'", '"', "|", "æøå", "\t"])
texts = st.lists(pieces, min_size=1, max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=18, max_size=18))
def test_any_text_comes_back_exactly(values: list[str]) -> None:
    draft = draft_with(iter(values))
    text = agreement_text(draft, None)
    assert load("x.yaml", text).data == expected_data(draft)


def test_skeleton_reads_back_and_placeholders_are_marked() -> None:
    draft = skeleton("a-2026", 2026, "", "en")
    data = load("x", agreement_text(draft, None, "en")).data
    assert data == expected_data(draft)
    assert all(item[row.key].startswith("TODO") for item in data["items"] for row in ROWS)
    assert data["municipality"].startswith("TODO")


def test_deadline_is_shown_resolved() -> None:
    assert describe_deadline("Ultimo 2016")[1] == "Ultimo 2016 -> 31. december 2016"
    assert describe_deadline("juni 2016", "en")[1] == "juni 2016 -> 30 June 2016"
    assert describe_deadline("løbende")[1] == "løbende -> løbende (ingen dato)"


def test_id_rules() -> None:
    used = {"taken": "agreements/taken.yaml"}
    assert id_problem("slagelse-chp-2016", used) is None
    assert id_problem("Slagelse", used) is not None
    assert id_problem("-x", used) is not None
    assert id_problem("con", used) is not None
    assert id_problem("x" * 81, used) is not None
    problem = id_problem("taken", used)
    assert problem is not None and "agreements/taken.yaml" in problem


# --- the interactive path, in a real pseudo-terminal -----------------------------------------


def spawn(folder: Path, *args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal")
    command = devagree_command()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "PYTHONUTF8": "1"}
    env.pop("FORCE_COLOR", None)
    return pexpect.spawn(
        command[0],
        [*command[1:], *args],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )


def _ctrl_c_as_in_a_terminal() -> None:
    """Let Ctrl-C interrupt the command, as it does in a terminal.

    A process started in the background by a shell without job control (as CI may start the
    tests) ignores SIGINT, and its children inherit that; Python then never raises
    KeyboardInterrupt. The command started here gets the default action back.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def answer(child: Any, prompt: str, *lines: str) -> None:
    child.expect_exact(prompt)
    for line in lines:
        child.sendline(line)


# Linux's system call numbers for read(2) on x86-64 and on arm64.
READ_CALLS = {"0", "63"}


def wait_until_reading(child: Any, timeout: float = 10.0) -> None:
    """Wait until the program is blocked reading the terminal, before sending Ctrl-C.

    A Ctrl-C that arrives after the prompt is written but before the read starts is
    only acted on when the read returns, and the terminal throws away the typed line:
    the program then waits for a line that never comes. A user presses Ctrl-C again;
    the test instead waits for the read. Where /proc cannot say, a pause stands in.
    """
    import time

    syscall = Path(f"/proc/{child.pid}/syscall")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            fields = syscall.read_text().split()
        except OSError:
            time.sleep(0.5)
            return
        if len(fields) > 1 and fields[0] in READ_CALLS and int(fields[1], 16) == 0:
            return
        time.sleep(0.01)
    raise AssertionError("devagree new never waited for an answer")


def test_interactive_draft_through_a_terminal(fresh: Path) -> None:
    import pexpect

    existing = run("new", "--no-input", "--year", "2016", "--id", "taken-2016", cwd=fresh)
    assert existing.returncode == 0
    child = spawn(fresh, "new", "--year", "2016")
    answer(child, "Kommune [Slagelse Kommune]", "")
    answer(child, "Organisation", 'Center for Handicap og Psykiatri: "CHP" # 1')
    # the id and the title offered name the organisation and the year
    answer(child, "[center-for-handicap-og-psykiatri-chp-1-2016]: ", "Bad Id")
    answer(child, "små bogstaver", "taken-2016")
    answer(child, "bruges allerede", "chp-2016")
    answer(
        child, 'Titel [Udviklingsaftale 2016 for Center for Handicap og Psykiatri: "CHP" # 1]', ""
    )
    answer(child, "udvalget", "- Handicap og Psykiatriudvalget")
    answer(child, "chefen", "Handicap og Psykiatrichefen")
    answer(child, "Gyldig fra", "2016-02-30")
    answer(child, "ÅÅÅÅ-MM-DD, fx", "2016-02-29")
    answer(child, "Gyldig til", "2016-01-01")
    answer(child, "efter startdatoen", "")
    answer(child, "Aftalens dato (ÅÅÅÅ-MM-DD) [2016-02-29]", "")

    typed: dict[str, str] = {}
    answer(child, "Overskrift", "Recovery: første skridt")
    for row in ROWS:
        if row.key == "deadline":
            answer(child, "Deadline", "snart")
            answer(child, "deadlinen «snart» kan ikke læses", "Ultimo 2016")
            child.expect_exact("Ultimo 2016 -> 31. december 2016")
            typed[row.key] = "Ultimo 2016"
        elif row.key == "political_goal":
            lines = ("Første afsnit: ja", "  - med 'citat' og \"mere\"", ".", "# andet afsnit")
            answer(child, row.da)
            answer(child, "afslut med en tom linje", *lines, "")
            typed[row.key] = "Første afsnit: ja\n  - med 'citat' og \"mere\"\n\n# andet afsnit"
        else:
            answer(child, row.da, f"{row.da}: æøå", "")
            typed[row.key] = f"{row.da}: æøå"
    answer(child, "Flere punkter? [j/N]", "j")
    answer(child, "Punkt 2")
    answer(child, "Overskrift", "Anden aftale")
    for row in ROWS:
        if row.key == "deadline":
            answer(child, "Deadline", "juni 2016")
            child.expect_exact("juni 2016 -> 30. juni 2016")
        else:
            answer(child, row.da, "", "Ingen", "")  # an empty answer is asked again
    answer(child, "Flere punkter?", "n")
    child.expect_exact("Skrev agreements/chp-2016.yaml med 2 punkter")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    target = fresh / "agreements" / "chp-2016.yaml"
    text = target.read_text("utf-8")
    data = load(str(target), text).data
    assert data["id"] == "chp-2016"
    assert data["title"] == 'Udviklingsaftale 2016 for Center for Handicap og Psykiatri: "CHP" # 1'
    assert data["organisation"] == 'Center for Handicap og Psykiatri: "CHP" # 1'
    assert data["parties"][0] == {"role": "committee", "name": "- Handicap og Psykiatriudvalget"}
    assert data["period"] == {"start": "2016-02-29", "end": "2016-12-31"}
    first, second = data["items"]
    assert first["title"] == "Recovery: første skridt"
    assert {row.key: first[row.key] for row in ROWS} == typed
    assert second["number"] == 2 and second["owner"] == "Ingen"
    assert "    political_goal: |-\n" in text
    assert "    # Tværgående forpligtelser\n" in text

    checked = run("check", "--as-of", "2016-03-01", "agreements/chp-2016.yaml", cwd=fresh)
    assert checked.returncode == 0, checked.stdout


def test_interactive_english_workbook_asks_in_english(tmp_path: Path) -> None:
    import pexpect

    assert run("init", "--language", "en", "--municipality", "Nordby", cwd=tmp_path).returncode == 0
    child = spawn(tmp_path, "new", "--year", "2030", "--id", "health-2030")
    answer(child, "Municipality [Nordby]", "")
    answer(child, "Organisation", "Health centre")
    answer(child, "Title [Development agreement 2030 for Health centre]", "")
    answer(child, "committee", "Health Committee")
    answer(child, "chief", "Head of Health")
    answer(child, "Valid from (YYYY-MM-DD) [2030-01-01]", "")
    answer(child, "Valid until (YYYY-MM-DD) [2030-12-31]", "")
    answer(child, "Date of the agreement (YYYY-MM-DD) [2030-01-01]", "")
    answer(child, "Heading", "One")
    for row in ROWS:
        if row.key == "deadline":
            answer(child, "Deadline", "Q2 2030")
            child.expect_exact("Q2 2030 -> 30 June 2030")
        else:
            answer(child, row.en, "Text", "")
    answer(child, "More items? [y/N]", "")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "agreements" / "health-2030.yaml").read_text("utf-8")
    assert "    # Political goal (Politisk mål)\n" in text
    assert run("check", "--as-of", "2030-01-01", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("stop_at", ["Kommune", "Politisk mål", "Flere punkter?"])
def test_ctrl_c_leaves_no_file(fresh: Path, stop_at: str) -> None:
    import pexpect

    before = files_of(fresh)
    child = spawn(fresh, "new", "--year", "2016", "--id", "stop-2016")
    script: list[tuple[str, tuple[str, ...]]] = [
        ("Kommune", ("",)),
        ("Organisation", ("C",)),
        ("Titel", ("",)),
        ("udvalget", ("U",)),
        ("chefen", ("H",)),
        ("Gyldig fra", ("",)),
        ("Gyldig til", ("",)),
        ("Aftalens dato", ("",)),
        ("Overskrift", ("T",)),
    ]
    for row in ROWS:
        script.append((row.da, ("ultimo 2016",) if row.key == "deadline" else ("x", "")))
    script.append(("Flere punkter?", ("n",)))
    for prompt, lines in script:
        if prompt == stop_at:
            child.expect_exact(prompt)
            if prompt == "Politisk mål":
                child.expect_exact("  > ")
                child.sendline("en halv linje")  # a multi-line answer under way
                child.expect_exact("en halv linje")
                child.expect_exact("  > ")
            break
        answer(child, prompt, *lines)
    wait_until_reading(child)
    child.sendintr()
    child.expect_exact("Afbrudt; intet er skrevet.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert files_of(fresh) == before


def test_a_file_created_during_the_interview_is_not_overwritten(fresh: Path) -> None:
    """Someone else saves the same file while the questions are answered: nothing is lost."""
    import pexpect

    child = spawn(fresh, "new", "--year", "2016", "--id", "race-2016")
    script: list[tuple[str, tuple[str, ...]]] = [
        ("Kommune", ("",)),
        ("Organisation", ("Centret",)),
        ("Titel", ("",)),
        ("udvalget", ("Udvalget",)),
        ("chefen", ("Chefen",)),
        ("Gyldig fra", ("",)),
        ("Gyldig til", ("",)),
        ("Aftalens dato", ("",)),
        ("Overskrift", ("Mit punkt",)),
    ]
    for row in ROWS:
        script.append((row.da, ("ultimo 2016",) if row.key == "deadline" else ("Tekst", "")))
    for prompt, lines in script:
        answer(child, prompt, *lines)
    target = fresh / "agreements" / "race-2016.yaml"
    target.write_text("# saved by a colleague meanwhile\n", encoding="utf-8")
    answer(child, "Flere punkter?", "n")
    child.expect_exact("title: Udviklingsaftale 2016 for Centret")  # the draft, shown to keep it
    child.expect_exact("blev oprettet af en anden, mens du svarede")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert target.read_text("utf-8") == "# saved by a colleague meanwhile\n"


@pytest.mark.parametrize(
    ("locale", "args", "says"),
    [
        ({"LANG": "C.UTF-8"}, (), "oprettet  "),
        ({"LANG": "POSIX"}, (), "oprettet  "),
        ({"LANG": ""}, (), "oprettet  "),
        ({"LANG": "C"}, ("--language", "en"), "created  "),
        ({"LANG": "en_GB.UTF-8"}, (), "created  "),
        ({"LANG": "C", "DEVAGREE_LANG": "en"}, (), "created  "),
        ({"LANG": "en_GB.UTF-8"}, ("--language", "en"), "created  "),
        ({"LANG": "da_DK.UTF-8"}, ("--language", "en"), "oprettet  "),
    ],
)
def test_init_speaks_the_workbooks_language_when_the_locale_names_none(
    tmp_path: Path, locale: dict[str, str], args: tuple[str, ...], says: str
) -> None:
    env = {"DEVAGREE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", **locale}
    done = run("init", "ny", *args, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(says), done.stdout
