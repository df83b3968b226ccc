"""Many writers on one agreement at the same moment: is every update kept, and how long do
they wait for each other?

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_concurrent_edits.py [--writers 12] [--signers 2] [--rounds 3]

Each round copies the repository's workbook to a temporary folder and starts, at the same
moment, ``--writers`` processes of ``devagree status`` on item 2 of the seed agreement (each
with its own note) and ``--signers`` processes of ``devagree sign`` by different parties.
Every child runs the command's own ``main`` with the ``devagree.core.file_lock`` logger switched
on, which reports how long it waited for the file's lock and how long it held it. The
script then counts the entries and signatures in the file and checks that every original
line is still there.

Reported per round: exit codes, entries and signatures kept, lock wait (max, mean, median),
how long the lock was held (max, mean), and the wall time of the slowest process against a
writer alone; a round that lost an update says so in capitals. The exit status is 0
whatever the figures (the tests in ``tests/test_editing.py`` are what fails when an update
is lost).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAME = "agreements/slagelse-chp-2016.yaml"
PARTIES = ("committee", "chief")

CHILD = """\
import logging, sys
logging.basicConfig(level=logging.WARNING, format="%(message)s")
logging.getLogger("devagree.core.file_lock").setLevel(logging.DEBUG)
from devagree.cli.app import main
sys.exit(main(sys.argv[1:]))
"""

WAIT = re.compile(r"locked .* after (\d+\.\d+) s")
HELD = re.compile(r"released .* after (\d+\.\d+) s")


def _workbook(into: Path) -> Path:
    shutil.copytree(REPO / "agreements", into / "agreements")
    shutil.copy(REPO / "devagree.yaml", into / "devagree.yaml")
    return into


def _commands(writers: int, signers: int) -> list[list[str]]:
    commands = [
        ["status", NAME, "2", "-s", "in_progress", "-n", f"writer {n}", "--as-of", "2016-05-01"]
        for n in range(1, writers + 1)
    ]
    for index in range(signers):
        party = PARTIES[index % len(PARTIES)]
        name = f"Signer {index + 1}"
        sign = ["sign", NAME, "--party", party, "--name", name, "--date", "2016-03-01"]
        commands.insert(len(commands) // 2, sign)
    return commands


def _run_all(folder: Path, commands: list[list[str]]) -> list[tuple[int, float, str]]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1"}
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *command],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = []
    for process in processes:
        _out, err = process.communicate(timeout=600)
        results.append((process.returncode, time.monotonic() - started, err))
    return results


def _kept_in_order(before: bytes, after: bytes) -> bool:
    remaining = iter(after.splitlines(keepends=True))
    return all(any(line == c for c in remaining) for line in before.splitlines(keepends=True))


def one_round(writers: int, signers: int) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = _workbook(Path(scratch))
        target = folder / NAME
        before = target.read_bytes()
        results = _run_all(folder, _commands(writers, signers))
        after = target.read_text("utf-8")
        waits = [float(m.group(1)) for _c, _t, err in results if (m := WAIT.search(err))]
        held = [float(m.group(1)) for _c, _t, err in results if (m := HELD.search(err))]
        codes = sorted({code for code, _t, _e in results})
        entries = sum(after.count(f"note: writer {n}\n") for n in range(1, writers + 1))
        signatures = sum(after.count(f"name: Signer {i + 1}\n") for i in range(signers))
        lines_kept = _kept_in_order(before, after.encode("utf-8"))
        slowest = max(t for _c, t, _e in results)
    with tempfile.TemporaryDirectory() as scratch:
        alone = _run_all(_workbook(Path(scratch)), _commands(1, 0))[0][1]
    ok = codes == [0] and entries == writers and signatures == signers and lines_kept
    line = (
        f"{writers} status + {signers} sign at once: exit codes {codes}; entries kept "
        f"{entries}/{writers}; signatures kept {signatures}/{signers}; original lines kept: "
        f"{'yes' if lines_kept else 'NO'}; lock wait max {max(waits):.2f} s, mean "
        f"{statistics.mean(waits):.2f} s, median {statistics.median(waits):.2f} s "
        f"({len(waits)} waits measured); lock held max {max(held):.2f} s, mean "
        f"{statistics.mean(held):.2f} s; slowest process {slowest:.2f} s, one writer alone "
        f"{alone:.2f} s"
    )
    return ok, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=12)
    parser.add_argument("--signers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for number in range(1, args.rounds + 1):
        ok, line = one_round(args.writers, args.signers)
        print(f"round {number}: {line}{'' if ok else '  -- UPDATES LOST'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
