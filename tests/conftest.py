"""Shared fixtures: the installed command, the seed agreement, a scratch workbook, no clock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "agreements" / "slagelse-chp-2016.yaml"
STRATEGIES = REPO / "agreements" / "strategier"


def standalone_seed_text() -> str:
    """The seed agreement as a file on its own.

    Its items link to the strategies in agreements/strategier/; a test that puts the seed
    alone in a folder drops those links (and their comments), which are not what it tests.
    """
    kept = [
        line
        for line in SEED.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(("    # Videreført", "    links:", "      - slagelse-vision"))
    ]
    return "".join(kept)


CASES = Path(__file__).resolve().parent / "cases"

# On a developer's machine every run tries new examples; in CI (CI=true) the examples are the
# same on every run, so a submission passes or fails on its own code, not on a draw.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


class _NoClock(date):
    """A `date` whose today() fails: every test must say which day it checks as of."""

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        raise AssertionError("tests must pass --as-of (no test may depend on today's date)")


@pytest.fixture(autouse=True)
def no_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the real clock in-process fails loudly.

    The core takes the day as a parameter; only the CLI asks for today (the default of
    ``--as-of``), through the ``date`` it imported. Every CLI module's ``date`` becomes one
    whose today() raises; subprocess tests always pass ``--as-of``.
    """
    import devagree.cli.app
    import devagree.cli.options

    devagree.cli.app.build()  # imports every command's module

    monkeypatch.setattr(devagree.cli.options, "date", _NoClock)
    for name, module in list(sys.modules.items()):
        if name.startswith("devagree.cli.") and getattr(module, "date", None) is date:
            monkeypatch.setattr(module, "date", _NoClock)


def devagree_command() -> list[str]:
    """The installed `devagree` script: beside this interpreter, else on PATH, else -m."""
    beside = Path(sys.executable).parent / ("devagree.exe" if os.name == "nt" else "devagree")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("devagree")
    if found:
        return [found]
    return [sys.executable, "-m", "devagree"]


def run(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str],
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would, with plain, wide, UTF-8 output.

    Messages are English (``DEVAGREE_LANG=en``) unless ``env`` says otherwise: most tests
    check what a message says, and say it in the message ids. The tests of the Danish
    output pass ``env=DANISH`` (the workbook's language decides, as for a user).
    """
    environment = {
        **os.environ,
        "DEVAGREE_LANG": "en",
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUTF8": "1",
        **(env or {}),
    }
    environment.pop("FORCE_COLOR", None)
    return subprocess.run(
        [*devagree_command(), *(str(a) for a in args)],
        cwd=cwd,
        input=input,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


DANISH = {"DEVAGREE_LANG": ""}
"""``env`` for ``run`` that lets the workbook's language decide (Danish by default)."""


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook folder with a copy of the seed agreement and a plain devagree.yaml."""
    agreements = tmp_path / "agreements"
    agreements.mkdir()
    (agreements / SEED.name).write_text(standalone_seed_text(), encoding="utf-8")
    (tmp_path / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def repo_workbook(tmp_path: Path) -> Path:
    """A copy of the repository's workbook: the seed agreement and the strategies it links to."""
    shutil.copytree(REPO / "agreements", tmp_path / "agreements")
    shutil.copy(REPO / "devagree.yaml", tmp_path / "devagree.yaml")
    return tmp_path


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from devagree.core.file_lock import locked

with locked(Path(sys.argv[1]), mode=0o644):
    print("holding", flush=True)
    time.sleep(60)
"""


@contextmanager
def lock_held(target: Path) -> Iterator[None]:
    """Another process holds ``target``'s write lock during the block (a writer busy there)."""
    environment = {**os.environ}
    environment.pop("DEVAGREE_LOCK_TIMEOUT", None)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield
    finally:
        holder.kill()
        holder.wait(timeout=30)


def run_in_terminal(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str],
    columns: int,
    env: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Run the installed command in a pseudo-terminal ``columns`` wide, as a user sees it.

    Returns the exit code and what the terminal showed, without colour codes and with
    ``\\n`` line ends. The terminal's size is the only width the command can learn:
    COLUMNS and LINES are taken out of the environment.
    """
    import re

    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal")
    environment = {
        **os.environ,
        "DEVAGREE_LANG": "en",
        "NO_COLOR": "1",
        "TERM": "xterm",
        "PYTHONUTF8": "1",
        **(env or {}),
    }
    for name in ("COLUMNS", "LINES", "FORCE_COLOR"):
        environment.pop(name, None)
    command = devagree_command()
    child = pexpect.spawn(
        command[0],
        [*command[1:], *(str(a) for a in args)],
        cwd=str(cwd),
        env=environment,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, columns),
    )
    child.expect(pexpect.EOF)
    child.close()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before or "").replace("\r\n", "\n")
    return int(child.exitstatus if child.exitstatus is not None else -1), shown
