"""How much `devagree check` saves by its cache: a re-check against the first check.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_cache.py [--sizes 1000,10000] [--repeat N] [--git] [--out FILE]

For each size N a workbook of N copies of the seed agreement is generated (as in
bench_check.py), and the installed command is timed in fresh processes, the runs of one
repeat in this order:

no cache
    ``devagree check --no-cache``: every file read, nothing remembered.
first
    ``devagree check`` after the cache folder was removed: every file read, and the cache
    written.
again
    ``devagree check`` once more on the unchanged workbook: every file is still read and
    hashed, but what each gives comes from the cache; the rules across files and about
    the day run as always.
one changed
    ``devagree check`` after one agreement was edited (a comment added): that file is read
    afresh, the others come from the cache.

All runs use ``--as-of 2016-03-01 --format json``. Time is the best wall time of the
repeats; memory the child's peak RSS (through bench_check's launcher). Ratios divide times
of the same run of this script. A measurement, not a test: the exit status is 0.

With ``--git`` the workbook is a git repository set up as `devagree init` leaves one: a
``.gitattributes`` that names the merge driver, and the driver registered, so every check
asks git whether it is (what a workbook in git costs).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench_check import (
    AS_OF,
    SEED,
    Launcher,
    Measure,
    find_command,
    make_workbook,
    measure_once,
    standalone,
)

RUNS = ("no cache", "first", "again", "one changed")
TARGET_SIZE = 1000
TARGET_RATIO = 0.25
MEMORY_SIZE = 10_000
MEMORY_LIMIT_MB = 1024


GITATTRIBUTES = "agreements/**/*.yaml merge=devagree\nagreements/**/*.yml merge=devagree\n"


def in_git(folder: Path) -> None:
    """Make ``folder`` a git repository whose merge driver is set up (as by devagree init)."""
    (folder / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    for args in (
        ["init", "-q"],
        ["config", "merge.devagree.driver", "devagree merge-file %O %A %B %P"],
    ):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def measure_size(
    launcher: Launcher, devagree: str, size: int, repeat: int, root: Path, git: bool = False
) -> dict[str, Measure]:
    folder = Path(tempfile.mkdtemp(prefix=f"cache-{size}-", dir=root))
    try:
        agreements = make_workbook(folder, size, standalone(SEED.read_text(encoding="utf-8")))
        if git:
            in_git(folder)
        edited = sorted(agreements.glob("*.yaml"))[size // 2]
        check = [devagree, "check", "--as-of", AS_OF, "--format", "json"]
        measures = {name: Measure(name) for name in RUNS}
        for done in range(repeat):
            print(f"  {size:>6} agreements, run {done + 1}/{repeat}", file=sys.stderr)
            measure_once(launcher, measures["no cache"], [[*check, "--no-cache"]], folder)
            shutil.rmtree(folder / ".devagree-cache", ignore_errors=True)
            measure_once(launcher, measures["first"], [check], folder)
            measure_once(launcher, measures["again"], [check], folder)
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"# edited in run {done + 1}\n")
            measure_once(launcher, measures["one changed"], [check], folder)
        return measures
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ratio(top: Measure, bottom: Measure) -> str:
    if not (top.ok and bottom.ok):
        return "n/a"
    return f"{top.best / bottom.best:.2f}x"


def report(
    results: dict[int, dict[str, Measure]], repeat: dict[int, int], git: bool = False
) -> str:
    where = " in a git repository with the merge driver set up" if git else ""
    lines = [
        "### bench_cache",
        "",
        f"Best wall time in seconds of fresh `devagree check` processes{where}; peak RSS in MB.",
        "",
        "| agreements | repeats | no cache s | first s | again s | one changed s "
        "| again / first | again / no cache | one changed / first | peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, m in results.items():
        peak = max(measure.peak_kb for measure in m.values()) / 1024
        lines.append(
            f"| {size:,} | {repeat[size]} | {m['no cache'].best:.3f} | {m['first'].best:.3f} "
            f"| {m['again'].best:.3f} | {m['one changed'].best:.3f} "
            f"| {_ratio(m['again'], m['first'])} | {_ratio(m['again'], m['no cache'])} "
            f"| {_ratio(m['one changed'], m['first'])} | {peak:.0f} |"
        )
    lines += ["", "Peak RSS per run (MB):", "", "| agreements | " + " | ".join(RUNS) + " |"]
    lines.append("|---:|" + "---:|" * len(RUNS))
    for size, m in results.items():
        lines.append(
            f"| {size:,} | " + " | ".join(f"{m[name].peak_kb / 1024:.0f}" for name in RUNS) + " |"
        )
    lines += ["", "Targets:", ""]
    at = results.get(TARGET_SIZE)
    if at is not None and at["again"].ok and at["first"].ok:
        value = at["again"].best / at["first"].best
        verdict = "PASS" if value <= TARGET_RATIO else "FAIL"
        lines.append(
            f"- re-check of {TARGET_SIZE:,} unchanged agreements ≤ {TARGET_RATIO}x the first "
            f"check: {value:.2f}x → **{verdict}**"
        )
    else:
        lines.append(f"- re-check at {TARGET_SIZE:,}: not measured (add it to --sizes)")
    big = results.get(MEMORY_SIZE)
    if big is not None:
        peak = max(measure.peak_kb for measure in big.values()) / 1024
        verdict = "PASS" if peak < MEMORY_LIMIT_MB else "FAIL"
        lines.append(
            f"- peak memory at {MEMORY_SIZE:,} agreements < {MEMORY_LIMIT_MB} MB: "
            f"{peak:.0f} MB → **{verdict}**"
        )
        value = big["again"].best / big["first"].best
        lines.append(f"- re-check of {MEMORY_SIZE:,} unchanged agreements: {value:.2f}x the first")
    failures = [
        f"- {size} agreements, {m.name}: {m.failure}"
        for size, measures in results.items()
        for m in measures.values()
        if m.failed
    ]
    if failures:
        lines += ["", "Runs that did not succeed:", *failures]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated agreement counts")
    parser.add_argument(
        "--repeat", type=int, help="repeats (default: 5 up to 1,000 agreements, 1 above)"
    )
    parser.add_argument(
        "--git", action="store_true", help="the workbook in git, with the merge driver set up"
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    sizes = sorted({int(part) for part in args.sizes.split(",")})
    results: dict[int, dict[str, Measure]] = {}
    repeats: dict[int, int] = {}
    with (
        tempfile.TemporaryDirectory(prefix="devagree-bench-") as temporary,
        Launcher(Path(temporary)) as launcher,
    ):
        root = Path(temporary)
        measure_size(launcher, devagree, 10, 1, root, args.git)  # warm byte-code and caches
        for size in sizes:
            repeats[size] = args.repeat or (5 if size <= 1000 else 1)
            results[size] = measure_size(launcher, devagree, size, repeats[size], root, args.git)
        floor = launcher.floor_kb
    text = report(results, repeats, args.git)
    text += f"\n(The launcher that starts the children holds {floor / 1024:.0f} MB.)\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench_cache: interrupted; the temporary workbooks are removed", file=sys.stderr)
        sys.exit(130)
