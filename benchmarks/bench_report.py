"""Whether the Word follow-up report takes linear time: 1,000 agreements against 100.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_report.py [--sizes 100,1000] [--repeat 3] [--out FILE]

For each size N a workbook of N copies of the seed agreement is generated (as in
bench_check.py; four items each), and ``devagree report --as-of 2016-03-01 -o report.docx``
is timed in fresh processes, the sizes interleaved in every repeat. Best wall time and peak
RSS (through bench_check's launcher). The ratio of the largest size to the smallest is the
figure: linear work gives about the ratio of the sizes (a little less, as start-up and
checking are paid once), quadratic work gives its square. A measurement, not a test: the
exit status is 0.
"""

from __future__ import annotations

import argparse
import shutil
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

TARGET = (100, 1000, 11.0)
"""At most this many times as long for the second size as for the first."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated agreement counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best counts)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    sizes = sorted({int(part) for part in args.sizes.split(",")})
    seed = standalone(SEED.read_text(encoding="utf-8"))
    measures = {size: Measure(str(size)) for size in sizes}
    with (
        tempfile.TemporaryDirectory(prefix="devagree-bench-") as temporary,
        Launcher(Path(temporary)) as launcher,
    ):
        root = Path(temporary)
        folders = {}
        for size in sizes:
            folders[size] = root / f"report-{size}"
            make_workbook(folders[size], size, seed)
        command = [devagree, "report", "--as-of", AS_OF, "-o", "report.docx"]
        measure_once(launcher, Measure("warm-up"), [command], folders[sizes[0]])
        for done in range(args.repeat):
            for size in sizes:
                print(f"  {size:>6} agreements, run {done + 1}/{args.repeat}", file=sys.stderr)
                measure_once(launcher, measures[size], [command], folders[size])
        report_sizes = {size: (folders[size] / "report.docx").stat().st_size for size in sizes}
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    lines = [
        "### bench_report",
        "",
        f"`devagree report -o report.docx`, best of {args.repeat} fresh processes:",
        "",
        "| agreements | items | s | ms per agreement | x the smallest | peak MB | report KB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    first = measures[sizes[0]]
    for size in sizes:
        m = measures[size]
        ratio = f"{m.best / first.best:.1f}x" if m.ok and first.ok else "n/a"
        lines.append(
            f"| {size:,} | {size * 4:,} | {m.best:.3f} | {m.best / size * 1000:.1f} | {ratio} "
            f"| {m.peak_kb / 1024:.0f} | {report_sizes[size] / 1024:.0f} |"
        )
    small, large, limit = TARGET
    if small in measures and large in measures and measures[small].ok and measures[large].ok:
        value = measures[large].best / measures[small].best
        verdict = "PASS" if value <= limit else "FAIL"
        lines += [
            "",
            f"- {large:,} against {small:,} agreements ≤ {limit:g}x: {value:.1f}x → **{verdict}**",
        ]
    failures = [f"- {m.name} agreements: {m.failure}" for m in measures.values() if m.failed]
    if failures:
        lines += ["", "Runs that did not succeed:", *failures]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench_report: interrupted; the temporary workbooks are removed", file=sys.stderr)
        sys.exit(130)
