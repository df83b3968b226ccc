"""The one write path: many writers at once, a writer killed mid-write, Windows-style files.

The writers are real processes of the installed command; a writer killed at the worst moment
is a small Python process that imports ``devagree.core.write_path`` and dies instead of renaming.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, assert_no_traceback, devagree_command, lock_held, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devagree.core.file_lock import lock_path
from devagree.core.write_path import AlreadyExists, create_file, edit_file
from devagree.workbook.discover import iter_yaml_files

NAME = "agreements/slagelse-chp-2016.yaml"
WRITERS = 12
LOCK_FILE = "agreements/.slagelse-chp-2016.yaml.lock"


def _environment(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "DEVAGREE_LANG": "en",  # the tests read the English summary lines
    }
    env.pop("FORCE_COLOR", None)
    env.pop("DEVAGREE_LOCK_TIMEOUT", None)
    return {**env, **extra}


def _start(folder: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*devagree_command(), *args],
        cwd=folder,
        env=_environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _kept_in_order(before: bytes, after: bytes) -> bool:
    """Every line of ``before`` is in ``after``, byte for byte and in the same order."""
    remaining = iter(after.splitlines(keepends=True))
    return all(any(line == c for c in remaining) for line in before.splitlines(keepends=True))


def _sign_args(party: str, name: str, day: str = "2016-03-01") -> tuple[str, ...]:
    return ("sign", NAME, "--party", party, "--name", name, "--date", day)


# --- many writers at once --------------------------------------------------------------------


def test_twelve_status_writers_and_two_signers_at_once_lose_nothing(repo_workbook: Path) -> None:
    target = repo_workbook / NAME
    before = target.read_bytes()
    commands = [
        (
            "status",
            NAME,
            "2",
            "--state",
            "in_progress",
            "--note",
            f"Skriver nummer {number}",
            "--as-of",
            "2016-05-01",
        )
        for number in range(1, WRITERS + 1)
    ]
    commands[6:6] = [_sign_args("committee", "Anne Jensen"), _sign_args("chief", "Bo Hansen")]
    processes = [_start(repo_workbook, *command) for command in commands]
    results = [(process, *process.communicate(timeout=120)) for process in processes]
    for process, out, err in results:
        assert process.returncode == 0, (process.args, out, err)
        assert "Traceback" not in err

    after = target.read_bytes()
    text = after.decode("utf-8")
    for number in range(1, WRITERS + 1):
        assert text.count(f"note: Skriver nummer {number}\n") == 1, number
    assert text.count("      - state: in_progress\n") >= WRITERS
    assert "name: Anne Jensen" in text and "name: Bo Hansen" in text
    assert _kept_in_order(before, after), "an original line changed or went missing"
    counts = sorted(int(m) for m in re.findall(r"(\d+) entr(?:y|ies) in its history", str(results)))
    assert counts == list(range(1, WRITERS + 1)), "each writer reports the history it wrote"

    checked = run("check", "--as-of", "2016-05-01", cwd=repo_workbook)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "DA210" not in checked.stdout and "error" not in checked.stdout.split("checked")[-1]
    verified = run("verify", NAME, cwd=repo_workbook)
    assert verified.returncode == 0, verified.stdout + verified.stderr


APPENDER = """
import sys
from pathlib import Path
from devagree.core.write_path import edit_file

for turn in range(int(sys.argv[3])):
    edit_file(Path(sys.argv[1]), lambda text: text + f"{sys.argv[2]} {turn}\\n", timeout=60)
"""


def test_processes_hammering_one_file_keep_every_line_and_leave_no_lock(tmp_path: Path) -> None:
    """Many lock turns in a row: the lock file is removed and made again every time."""
    path = tmp_path / "a.yaml"
    path.write_text("start\n", "utf-8")
    writers, turns = 4, 10
    processes = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(path), f"w{n}", str(turns)])
        for n in range(writers)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * writers
    lines = path.read_text("utf-8").splitlines()
    assert sorted(lines) == sorted(
        ["start", *(f"w{n} {turn}" for n in range(writers) for turn in range(turns))]
    )
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


# --- the lock: who holds it, and a holder that dies -----------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from devagree.core.write_path import edit_file

def change(text: str) -> str:
    print("holding", flush=True)
    time.sleep(60)
    return text

edit_file(Path(sys.argv[1]), change)
"""


def test_a_busy_file_is_refused_with_the_holder_named_and_a_dead_holder_blocks_nobody(
    repo_workbook: Path,
) -> None:
    target = repo_workbook / NAME
    before = target.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        status = ("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20")
        waited = run(*status, cwd=repo_workbook, env={"DEVAGREE_LOCK_TIMEOUT": "0.5"})
        assert waited.returncode == 2, waited.stderr
        assert_no_traceback(waited)
        assert f"process {holder.pid}" in waited.stderr
        assert "gave up after waiting 0.5 s" in waited.stderr
        assert target.read_bytes() == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert holder.returncode == -signal.SIGKILL
    started = time.monotonic()
    done = run(*status, cwd=repo_workbook, env={"DEVAGREE_LOCK_TIMEOUT": "20"})
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 15, "the dead holder's lock held the next writer up"
    assert _kept_in_order(before, target.read_bytes())


def test_a_bad_lock_timeout_is_a_usage_error(repo_workbook: Path) -> None:
    status = ("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20")
    result = run(*status, cwd=repo_workbook, env={"DEVAGREE_LOCK_TIMEOUT": "soon"})
    assert result.returncode == 2
    assert "DEVAGREE_LOCK_TIMEOUT=soon" in result.stderr


def test_the_workbook_sets_the_lock_timeout(repo_workbook: Path) -> None:
    settings = repo_workbook / "devagree.yaml"
    settings.write_text(settings.read_text("utf-8") + "lock_timeout: 0.3\n", "utf-8")
    assert run("check", "--as-of", "2016-03-01", cwd=repo_workbook).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(repo_workbook / NAME)],
        stdout=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        waited = run("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20", cwd=repo_workbook)
        assert waited.returncode == 2 and "0.3 s" in waited.stderr, waited.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)


# Every command that writes a file waits as long as DEVAGREE_LOCK_TIMEOUT or the workbook's
# lock_timeout says: each is run against a lock another process holds, then once it is free.
WRITERS_OF_FILES = {
    "new --from": (("new", "--from", NAME, "--id", "renewed-2017"), "agreements/renewed-2017.yaml"),
    "import": (("import", "seed.docx", "--id", "imported-2016"), "agreements/imported-2016.yaml"),
    "collect": (("collect", "out.xlsx", "--as-of", "2016-09-30"), NAME),
}


def _prepare(workbook: Path, writer: str) -> None:
    if writer == "import":
        made = run("render", NAME, "-o", "seed.docx", cwd=workbook)
        assert made.returncode == 0, made.stderr
    if writer == "collect":
        from test_spreadsheet import _export, _fill

        _fill(_export(workbook), {2: {"New state": "opfyldt"}})


@pytest.mark.parametrize("told_by", ["environment", "setting"])
@pytest.mark.parametrize("writer", sorted(WRITERS_OF_FILES))
def test_every_writer_waits_as_long_as_it_is_told(
    repo_workbook: Path, writer: str, told_by: str
) -> None:
    args, target = WRITERS_OF_FILES[writer]
    _prepare(repo_workbook, writer)
    env = {"DEVAGREE_LOCK_TIMEOUT": "0.5"} if told_by == "environment" else {}
    if told_by == "setting":
        settings = repo_workbook / "devagree.yaml"
        settings.write_text(settings.read_text("utf-8") + "lock_timeout: 0.5\n", "utf-8")
    before = _yaml_bytes(repo_workbook)
    with lock_held(repo_workbook / target):
        waited = run(*args, cwd=repo_workbook, env=env)
    assert waited.returncode == 2, waited.stdout + waited.stderr
    assert_no_traceback(waited)
    assert "gave up after waiting 0.5 s" in waited.stderr, waited.stderr
    assert _yaml_bytes(repo_workbook) == before
    done = run(*args, cwd=repo_workbook, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _yaml_bytes(repo_workbook) != before


def _yaml_bytes(workbook: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((workbook / "agreements").rglob("*.yaml"))}


KILLED = """
import os, sys
from pathlib import Path
import devagree.core.write_path

def die(*args: object) -> None:
    os._exit(9)

os.replace = die  # killed between writing the temporary file and renaming it
devagree.core.write_path.edit_file(Path(sys.argv[1]), lambda text: text + "# half-way\\n")
"""


def test_a_writer_killed_before_its_rename_leaves_the_old_file_and_blocks_nobody(
    repo_workbook: Path,
) -> None:
    target = repo_workbook / NAME
    before = target.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED, str(target)], env=_environment(), timeout=60, check=False
    )
    assert killed.returncode == 9
    assert target.read_bytes() == before, "the old file, whole"
    leftovers = list(target.parent.glob(".slagelse-chp-2016.yaml.*.tmp"))
    assert leftovers and leftovers[0].read_bytes() == before + b"# half-way\n", (
        "the writer died after writing its temporary file"
    )
    started = time.monotonic()
    done = run(
        "status", NAME, "1", "-s", "done", "--as-of", "2016-06-20",
        cwd=repo_workbook, env={"DEVAGREE_LOCK_TIMEOUT": "20"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 15
    assert _kept_in_order(before, target.read_bytes())
    assert b"half-way" not in target.read_bytes()
    assert not list(target.parent.glob(".slagelse-chp-2016.yaml.*.tmp")), "the next writer tidies"


def _renames(source: str) -> bool:
    """Calls that rename: os.replace, os.rename, Path.rename, Path.replace (one argument,
    where str.replace takes two), shutil.move."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        on_module = isinstance(owner, ast.Name) and owner.id in ("os", "shutil")
        if name == "rename" or (name == "move" and on_module):
            return True
        if name == "replace" and (on_module or (len(node.args) == 1 and not node.keywords)):
            return True
    return False


def test_only_the_write_path_renames_files() -> None:
    renaming = sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "devagree").rglob("*.py")
        if _renames(path.read_text("utf-8"))
    )
    assert renaming == ["devagree/core/write_path.py"]
    assert _renames("Path(a).replace(b)") and _renames("os.replace(a, b)")
    assert not _renames('text.replace("a", "b")') and not _renames("day.replace(year=2)")


# --- edit_file and create_file ---------------------------------------------------------------


def test_edit_file_keeps_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: agreement\r\nid: x\r\n")
    seen: list[str] = []

    def change(text: str) -> str:
        seen.append(text)
        return text + "title: y\n"

    assert edit_file(path, change) == "kind: agreement\nid: x\ntitle: y\n"
    assert seen == ["kind: agreement\nid: x\n"], "the change sees plain text"
    assert path.read_bytes() == b"\xef\xbb\xbfkind: agreement\r\nid: x\r\ntitle: y\r\n"


def test_edit_file_leaves_mixed_line_endings_to_the_change(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\n")
    edit_file(path, lambda text: text + "c: 3\n")
    assert path.read_bytes() == b"a: 1\r\nb: 2\nc: 3\n"


def test_an_unchanged_text_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", "utf-8")
    os.utime(path, (0, 0))
    edit_file(path, lambda text: text)
    assert path.stat().st_mtime == 0


def test_a_refused_change_writes_nothing_and_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", "utf-8")

    def refuse(text: str) -> str:
        raise AlreadyExists("no")

    with pytest.raises(AlreadyExists):
        edit_file(path, refuse)
    assert path.read_text("utf-8") == "a: 1\n"
    assert edit_file(path, lambda t: t + "b: 2\n", timeout=0) == "a: 1\nb: 2\n"


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "new" / "b.yaml"
    create_file(path, "first\n")
    with pytest.raises(AlreadyExists, match="already exists"):
        create_file(path, "second\n")
    assert path.read_text("utf-8") == "first\n"
    assert [p.name for p in path.parent.iterdir()] == ["b.yaml"], "no lock or temporary file"


def test_edit_file_keeps_the_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", "utf-8")
    path.chmod(0o640)
    edit_file(path, lambda t: t + "b: 2\n")
    assert path.stat().st_mode & 0o777 == 0o640


# --- no litter -------------------------------------------------------------------------------


def test_lock_files_are_removed_and_a_left_one_is_not_an_agreement(repo_workbook: Path) -> None:
    before = run("check", "--as-of", "2016-06-20", cwd=repo_workbook)
    done = run("status", NAME, "1", "-s", "done", "--as-of", "2016-06-20", cwd=repo_workbook)
    assert done.returncode == 0, done.stderr
    assert lock_path(repo_workbook / NAME) == repo_workbook / LOCK_FILE
    assert not (repo_workbook / LOCK_FILE).exists(), "the lock file is removed after the write"
    # A writer killed while holding the lock leaves its lock file, naming it.
    (repo_workbook / LOCK_FILE).write_text("\npid=1\ncommand=devagree status\n", "utf-8")
    files = list(iter_yaml_files(repo_workbook / "agreements"))
    assert all(".lock" not in path.name for path in files)
    after = run("check", "--as-of", "2016-06-20", cwd=repo_workbook)
    assert after.returncode == before.returncode == 0
    assert ".lock" not in after.stdout + after.stderr
    summary = re.search(r"(\d+) files? checked", after.stdout)
    assert summary is not None and summary.group(0) in before.stdout
    again = run("status", NAME, "1", "-s", "done", "--as-of", "2016-06-21", cwd=repo_workbook)
    assert again.returncode == 0, again.stderr
    assert not (repo_workbook / LOCK_FILE).exists(), "the next writer takes it over"


def test_this_repository_ignores_lock_and_temporary_files() -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    for name in (LOCK_FILE, "agreements/.slagelse-chp-2016.yaml.abc123.tmp"):
        ignored = subprocess.run(
            ["git", "check-ignore", "--no-index", "-q", name], cwd=REPO, check=False
        )
        assert ignored.returncode == 0, name


def test_init_writes_a_gitignore_for_lock_files(tmp_path: Path) -> None:
    made = run("init", "wb", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    ignore = (tmp_path / "wb" / ".gitignore").read_text("utf-8")
    assert ".*.lock\n" in ignore and ".*.tmp\n" in ignore
    assert "created  wb/.gitignore" in made.stdout
    again = run("init", "wb", cwd=tmp_path)
    assert "kept     wb/.gitignore" in again.stdout


def test_init_appends_to_an_existing_gitignore_and_keeps_its_lines(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(b"*.docx\r\nout/")
    made = run("init", "wb", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "updated  wb/.gitignore" in made.stdout
    text = (folder / ".gitignore").read_bytes()
    assert text.startswith(b"*.docx\r\nout/\r\n")
    assert b".*.lock\r\n" in text
    assert "kept     wb/.gitignore" in run("init", "wb", cwd=tmp_path).stdout


# --- plausible dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (_sign_args("committee", "Anne Jensen", "2016-01-15"), "before the agreement"),
        (_sign_args("committee", "Anne Jensen", "2999-01-01"), "after today"),
        (("status", NAME, "1", "-s", "done", "--as-of", "2999-01-01"), "--allow-future"),
    ],
)
def test_implausible_dates_are_refused(
    repo_workbook: Path, args: tuple[str, ...], said: str
) -> None:
    before = (repo_workbook / NAME).read_bytes()
    result = run(*args, cwd=repo_workbook)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert_no_traceback(result)
    assert (repo_workbook / NAME).read_bytes() == before


def test_allow_future_records_a_planned_state(repo_workbook: Path) -> None:
    result = run(
        "status", NAME, "1", "-s", "in_progress", "--as-of", "2999-01-01", "--allow-future",
        cwd=repo_workbook,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "as_of: 2999-01-01" in (repo_workbook / NAME).read_text("utf-8")


def test_status_is_refused_in_the_core_after_today(repo_workbook: Path) -> None:
    from devagree.core.errors import UsageError
    from devagree.core.model import State
    from devagree.followup.history_edit import StatusUpdate
    from devagree.followup.status import record_status

    update = StatusUpdate(1, State.DONE, date(2016, 6, 2))
    with pytest.raises(UsageError, match="after today"):
        record_status(repo_workbook / NAME, update, today=date(2016, 6, 1))
    recorded = record_status(repo_workbook / NAME, update, today=date(2016, 6, 2))
    assert recorded.entries == 1


# --- Windows-style files ---------------------------------------------------------------------


def test_crlf_and_bom_survive_status_and_sign(repo_workbook: Path) -> None:
    target = repo_workbook / NAME
    lines = target.read_text("utf-8").splitlines()
    target.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    before = target.read_bytes()
    for args in (
        ("status", NAME, "2", "-s", "in_progress", "--note", "I gang", "--as-of", "2016-05-01"),
        _sign_args("committee", "Anne Jensen"),
        ("status", NAME, "2", "-s", "done", "--note", "Færdig", "--as-of", "2016-06-01"),
        _sign_args("chief", "Bo Hansen"),
    ):
        done = run(*args, cwd=repo_workbook)
        assert done.returncode == 0, done.stderr
        after = target.read_bytes()
        assert after.startswith(b"\xef\xbb\xbf") and not after.startswith(b"\xef\xbb\xbf" * 2)
        assert after.count(b"\n") == after.count(b"\r\n"), args
        assert _kept_in_order(before, after), args
        before = after
    checked = run("check", "--as-of", "2016-06-01", cwd=repo_workbook)
    assert checked.returncode == 0, checked.stdout
    assert run("verify", NAME, cwd=repo_workbook).returncode == 0


# --- a property: any sequence of status and sign keeps every earlier line --------------------

_NOTES = st.text(alphabet="abcæøå ÆØÅ-.,:#'\"!?0123", max_size=24)
_STEPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("status"),
            st.integers(1, 4),
            st.sampled_from(["in_progress", "done", "not_met"]),
            _NOTES,
            st.integers(0, 40),
        ),
        st.tuples(st.just("sign"), st.sampled_from(["committee", "chief"]), _NOTES),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=_STEPS, windows=st.booleans())
def test_any_sequence_of_status_and_sign_keeps_every_earlier_line(
    steps: list[tuple[object, ...]], windows: bool
) -> None:
    from devagree.core.errors import DevagreeError
    from devagree.core.model import State
    from devagree.followup.history_edit import StatusUpdate
    from devagree.followup.status import record_status
    from devagree.signatures.signing import SignRequest, sign
    from devagree.workbook.signable import signable_agreement

    today = date(2016, 12, 31)
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder)
        shutil.copytree(REPO / "agreements", book / "agreements")
        shutil.copy(REPO / "devagree.yaml", book / "devagree.yaml")
        target = book / NAME
        if windows:
            lines = target.read_text("utf-8").splitlines()
            target.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
        day = date(2016, 3, 1)
        for step in steps:
            before = target.read_bytes()
            try:
                if step[0] == "status":
                    _kind, number, state, note, later = step
                    day = date.fromordinal(day.toordinal() + int(later))  # type: ignore[call-overload]
                    update = StatusUpdate(int(number), State(state), day, str(note))  # type: ignore[call-overload]
                    record_status(target, update, today=today)
                else:
                    _kind, party, name = step
                    request = SignRequest(str(party), str(name).strip() or "N", date(2016, 3, 1))
                    sign(target, request, today=today, checked=signable_agreement)
            except DevagreeError:
                assert target.read_bytes() == before, "a refusal writes nothing"
                continue
            after = target.read_bytes()
            assert _kept_in_order(before, after), step
            assert after.count(b"\r\n") == (after.count(b"\n") if windows else 0)


def test_whoever_may_change_a_shared_file_may_lock_it(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", "utf-8")
    path.chmod(0o664)
    modes: list[int] = []

    def change(text: str) -> str:
        modes.append(lock_path(path).stat().st_mode & 0o777)
        return text + "b: 2\n"

    edit_file(path, change)
    assert modes == [0o664]


def test_a_linked_file_is_changed_and_the_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("a: 1\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    edit_file(link, lambda t: t + "b: 2\n")
    assert link.is_symlink() and real.read_text("utf-8") == "a: 1\nb: 2\n"
