"""How long `devagree --help` takes to start, and which heavy modules it imports on the way.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_startup.py [--runs 15] [--out FILE]

Two things are measured, each in fresh child processes:

start-up time
    the median wall time of ``devagree --help`` (the installed command) against
    ``python -c "import typer"``, the least any Typer application can cost; the target is
    at most twice that. ``python -c pass`` is shown for scale.
imports
    ``devagree --help`` run through ``runpy`` under ``-X importtime``; the script lists the
    third-party packages that were imported, with their own import time, and checks that none
    of the packages devagree needs only for some commands (jsonschema, fastjsonschema,
    python-docx, icalendar, jinja2, matplotlib) is imported just to print the help.

The exit status is 0 whatever the figures: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_check import find_command

TARGET_FACTOR = 2.0
"""Target: `devagree --help` takes at most this many times `python -c "import typer"`."""

NOT_AT_STARTUP = ("jsonschema", "fastjsonschema", "docx", "icalendar", "jinja2", "matplotlib")
"""Top-level modules that only some commands need: none may load for `devagree --help`."""

HELP_CHILD = """\
import runpy, sys
out = sys.argv[1]
sys.argv = ["devagree", "--help"]
try:
    runpy.run_module("devagree", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\\n".join(sorted(sys.modules)))
"""
"""`devagree --help` as the console script runs it, then the names of every loaded module."""


@dataclass(slots=True)
class Timing:
    label: str
    argv: list[str]
    seconds: list[float]
    failed: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def time_commands(timings: Sequence[Timing], runs: int, cwd: Path) -> None:
    """Run every command ``runs`` times, interleaved, each in a fresh process."""
    for timing in timings:  # warm-up: byte-code caches and the page cache
        subprocess.run(timing.argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        for timing in timings:
            start = time.perf_counter()
            done = subprocess.run(
                timing.argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            timing.seconds.append(time.perf_counter() - start)
            timing.failed += done.returncode != 0


@dataclass(frozen=True, slots=True)
class Imports:
    modules: frozenset[str]
    """Every module in sys.modules after `devagree --help`."""
    self_us: dict[str, int]
    """Import time spent in each top-level package's own modules (microseconds)."""
    counts: dict[str, int]
    """How many modules of each top-level package were imported."""
    total_us: int
    """Import time of everything (sum of the top-level cumulative times)."""
    error: str = ""


def parse_importtime(stderr: str) -> tuple[dict[str, int], dict[str, int], int]:
    """Own time and module count per top-level package, and the total, from -X importtime."""
    self_us: dict[str, int] = {}
    counts: dict[str, int] = {}
    total = 0
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|", 2)
        top = name.strip().split(".")[0]
        self_us[top] = self_us.get(top, 0) + int(own)
        counts[top] = counts.get(top, 0) + 1
        if not name.startswith("  "):  # one space after the bar, no nesting
            total += int(cumulative)
    return self_us, counts, total


def trace_imports(cwd: Path) -> Imports:
    """Run `devagree --help` once under -X importtime and collect what it loaded."""
    listing = cwd / "modules.txt"
    argv = [sys.executable, "-X", "importtime", "-c", HELP_CHILD, str(listing)]
    subprocess.run(argv, cwd=cwd, capture_output=True, text=True)  # warm-up
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    self_us, counts, total = parse_importtime(done.stderr)
    modules = frozenset(listing.read_text(encoding="utf-8").split()) if listing.exists() else None
    if done.returncode != 0 or modules is None:
        tail = "\n".join(
            line for line in done.stderr.splitlines() if not line.startswith("import time:")
        )
        return Imports(frozenset(), {}, {}, 0, error=tail[-600:] or f"exit {done.returncode}")
    return Imports(modules, self_us, counts, total)


def third_party(imports: Imports) -> list[str]:
    """Top-level packages that are neither the standard library nor devagree, by own time."""
    tops = {name.split(".")[0] for name in imports.modules}
    ignored = {*sys.stdlib_module_names, "devagree", "__main__", "__mp_main__"}
    found = [t for t in tops if t not in ignored and imports.counts.get(t, 0) > 0]
    return sorted(found, key=lambda t: -imports.self_us.get(t, 0))


def report(timings: Sequence[Timing], runs: int, imports: Imports) -> str:
    help_, typer = timings[0], timings[1]
    ratio = help_.median / typer.median
    lines = [
        "### bench_startup",
        "",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; median wall time of {runs} fresh processes each.",
        "",
        "| command | median s | min s | max s |",
        "|---|---:|---:|---:|",
    ]
    for timing in timings:
        note = f" ({timing.failed} runs failed)" if timing.failed else ""
        lines.append(
            f"| `{timing.label}`{note} | {timing.median:.3f} | {min(timing.seconds):.3f} "
            f"| {max(timing.seconds):.3f} |"
        )
    verdict = "PASS" if ratio <= TARGET_FACTOR else "FAIL"
    lines += [
        "",
        f'- `devagree --help` / `python -c "import typer"`: {ratio:.2f}x '
        f"(target ≤ {TARGET_FACTOR:g}x) → **{verdict}**",
    ]
    if imports.error:
        lines += ["", "The import trace failed:", "", "```", imports.error, "```"]
        return "\n".join(lines) + "\n"
    loaded = [name for name in NOT_AT_STARTUP if name in imports.modules]
    verdict = "FAIL" if loaded else "PASS"
    named = ", ".join(f"`{n}`" for n in loaded) if loaded else "none"
    lines += [
        f"- modules kept out of start-up ({', '.join(NOT_AT_STARTUP)}) imported by "
        f"`devagree --help`: {named} → **{verdict}**",
        "",
        f"Third-party packages imported by `devagree --help` ({len(imports.modules)} modules "
        f"in all, {imports.total_us / 1000:.0f} ms of imports under -X importtime, which "
        "slows imports down), by import time of their own modules:",
        "",
        "| package | modules | own import ms |",
        "|---|---:|---:|",
    ]
    for top in third_party(imports):
        lines.append(
            f"| {top} | {imports.counts.get(top, 0)} | {imports.self_us.get(top, 0) / 1000:.1f} |"
        )
    own = imports.self_us.get("devagree", 0)
    lines.append(f"| devagree (itself) | {imports.counts.get('devagree', 0)} | {own / 1000:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    timings = [
        Timing("devagree --help", [find_command("devagree"), "--help"], []),
        Timing('python -c "import typer"', [sys.executable, "-c", "import typer"], []),
        Timing("python -c pass", [sys.executable, "-c", "pass"], []),
    ]
    with tempfile.TemporaryDirectory(prefix="devagree-startup-") as temporary:
        folder = Path(temporary)  # an empty folder: no workbook is found or read
        time_commands(timings, args.runs, folder)
        imports = trace_imports(folder)
    text = report(timings, args.runs, imports)
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench_startup: interrupted", file=sys.stderr)
        sys.exit(130)
