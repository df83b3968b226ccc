"""How long `devagree check` takes on the shipped workbook, against `python -c "import typer"`.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_check_startup.py [--runs 21] [--out FILE]

A centre chief runs `check` on every save and every commit (the pre-commit hook), so its
start-up is what they wait for. The script copies this repository's workbook (devagree.yaml
and agreements/: the seed agreement and four strategies) into a temporary folder and times,
in fresh processes, interleaved so that the load of the machine falls on all three alike:

floor
    ``python -c "import typer"``: the least any Typer application can cost.
cold
    ``devagree check`` after ``.devagree-cache/`` was removed: every file read, the cache
    written (the first check in a fresh clone).
from the cache
    ``devagree check`` on the unchanged workbook: each file read and hashed, what it gives
    taken from the cache.

Both checks run as of today, as the hook runs them (the seed's items are overdue, so the
warnings are written too), with their output sent to a pipe. The script reports the median
of each (with min and max) and the ratios to the floor; the targets are at most 3x cold and
2x from the cache. It ends with ``-X importtime`` of a check from the cache: the packages
it loads and their own import time.

The exit status is 0 whatever the figures: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_check import find_command

REPO = Path(__file__).resolve().parent.parent
TARGET_COLD = 3.0
TARGET_CACHED = 2.0


@dataclass(slots=True)
class Timing:
    label: str
    argv: list[str]
    before: str = ""
    """A folder to remove before each run (the check cache, for the cold runs)."""
    seconds: list[float] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""As a user runs them: Python keeps the byte code of what it imports (the warm-up writes it)."""


def run_once(timing: Timing, cwd: Path) -> None:
    if timing.before:
        shutil.rmtree(cwd / timing.before, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(timing.argv, cwd=cwd, capture_output=True, env=ENVIRONMENT)
    timing.seconds.append(time.perf_counter() - start)
    timing.codes.add(done.returncode)


def importtime(cwd: Path) -> list[tuple[str, int, int]]:
    """Packages a check from the cache imports: (package, modules, own microseconds)."""
    child = "import sys; from devagree.cli.app import main; sys.exit(main(['check']))"
    argv = [sys.executable, "-X", "importtime", "-c", child]
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=ENVIRONMENT)
    own: dict[str, int] = {}
    count: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        spent, _cumulative, name = line.removeprefix("import time:").split("|", 2)
        parts = name.strip().split(".")
        top = ".".join(parts[:2]) if parts[0] == "devagree" else parts[0]
        own[top] = own.get(top, 0) + int(spent)
        count[top] = count.get(top, 0) + 1
    return sorted(((t, count[t], own[t]) for t in own), key=lambda row: -row[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each (default 21)")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    devagree = find_command("devagree")
    with tempfile.TemporaryDirectory(prefix="devagree-bench-") as folder:
        workbook = Path(folder)
        shutil.copytree(REPO / "agreements", workbook / "agreements")
        shutil.copy(REPO / "devagree.yaml", workbook / "devagree.yaml")
        timings = [
            Timing('python -c "import typer"', [sys.executable, "-c", "import typer"]),
            Timing("devagree check (cold)", [devagree, "check"], before=".devagree-cache"),
            Timing("devagree check (from the cache)", [devagree, "check"]),
        ]
        for timing in timings:  # warm-up: byte code, the page cache, and the check cache
            run_once(timing, workbook)
            timing.seconds.clear()
        for _ in range(args.runs):
            for timing in timings:
                run_once(timing, workbook)
        imports = importtime(workbook)
    floor, cold, cached = timings
    lines = [
        "### bench_check_startup",
        "",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {args.runs} runs of each, interleaved, in fresh processes; "
        "the shipped workbook (1 agreement, 4 strategies), as of today.",
        "",
        "| command | median s | min s | max s | exit codes |",
        "|---|---:|---:|---:|---|",
    ]
    for timing in timings:
        lines.append(
            f"| `{timing.label}` | {timing.median:.3f} | {min(timing.seconds):.3f} | "
            f"{max(timing.seconds):.3f} | {', '.join(map(str, sorted(timing.codes)))} |"
        )
    lines.append("")
    for timing, target in ((cold, TARGET_COLD), (cached, TARGET_CACHED)):
        ratio = timing.median / floor.median
        verdict = "PASS" if ratio <= target else "FAIL"
        lines.append(
            f"- {timing.label} / import typer: {ratio:.2f}x (target ≤ {target:g}x) → **{verdict}**"
        )
    lines += [
        "",
        "Imports of a check from the cache, by package (own time under -X importtime, which "
        "slows imports down: compare the rows, not the sum with the times above):",
        "",
        "| package | modules | own ms |",
        "|---|---:|---:|",
    ]
    lines += [f"| {top} | {count} | {own / 1000:.1f} |" for top, count, own in imports[:25]]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
