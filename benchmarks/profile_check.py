"""Where `devagree check` (or `report`) spends its time: cProfile of an in-process run.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/profile_check.py [--size 1000] [--top 25] [--sort tottime]
                                       [--command check|report]

``--command report`` profiles ``devagree report -o report.docx`` instead of ``devagree
check --no-cache`` on the same workbook.

The workbook is the one bench_check.py generates. The run calls the CLI's ``main`` in this
process, as the installed command does, with its output discarded. Besides the profile the
script reports the time spent in the cyclic garbage collector, which cProfile does not show
as a function of its own (it lands in whatever function happened to allocate).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_check import AS_OF, SEED, make_workbook, standalone


class GcTimer:
    """Wall time spent in garbage collections, per generation, via ``gc.callbacks``."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            generation = info["generation"]
            self.seconds[generation] += time.perf_counter() - self._started
            self.count[generation] += 1


def profile(folder: Path, command: str) -> tuple[cProfile.Profile, GcTimer, float, int]:
    from devagree.cli.app import main

    timer = GcTimer()
    profiler = cProfile.Profile()
    previous = Path.cwd()
    os.chdir(folder)
    gc.callbacks.append(timer)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            start = time.perf_counter()
            profiler.enable()
            if command == "report":
                code = main(["report", "--as-of", AS_OF, "-o", str(folder / "report.docx")])
            else:
                code = main(["check", "--no-cache", "--as-of", AS_OF, "--format", "json"])
            profiler.disable()
            seconds = time.perf_counter() - start
    finally:
        gc.callbacks.remove(timer)
        os.chdir(previous)
    return profiler, timer, seconds, code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="agreements (default 1000)")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile to print")
    parser.add_argument(
        "--sort",
        default="tottime",
        choices=("tottime", "cumulative", "ncalls"),
        help="order of the profile (default: tottime, time in the function itself)",
    )
    parser.add_argument(
        "--command",
        default="check",
        choices=("check", "report"),
        help="what to profile (default: check, reading every file)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="devagree-profile-") as temporary:
        folder = Path(temporary)
        make_workbook(folder, args.size, standalone(SEED.read_text(encoding="utf-8")))
        profiler, timer, seconds, code = profile(folder, args.command)
    print(
        f"devagree {args.command} on {args.size:,} agreements: exit {code}, "
        f"{seconds:.2f} s under cProfile"
    )
    total_gc = sum(timer.seconds)
    print(
        f"garbage collection: {total_gc:.2f} s in {sum(timer.count)} collections "
        f"(generation 2: {timer.count[2]} collections, {timer.seconds[2]:.2f} s)\n"
    )
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
