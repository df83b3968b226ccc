"""How long `devagree render` takes, as a ratio to `devagree check` on the same workbook.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_render.py [--sizes 1,100] [--repeat 3] [--pdf N] [--out FILE]

For each size N a workbook of N copies of the seed agreement is generated (as in
bench_check.py), and the installed command is timed, each run a fresh process, interleaved
in every repeat: ``devagree check --no-cache`` (reading the workbook, the basis of the
ratio), ``devagree render -o OUT`` (Word, on all available cores) and ``devagree render
--jobs 1 -o OUT`` (in one process). Best wall time of ``--repeat`` runs.

With ``--pdf N`` it also times the PDF conversion of N rendered agreements: once with one
LibreOffice process for the batch (``docx_to_pdfs``, what ``render --pdf`` does) and once
with one LibreOffice process per file (``docx_to_pdfs`` called for each file, what it did
before). A measurement, not a test: the exit status is 0.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
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

RUNS = ("check", "render", "render -j 1")
TARGET = (100, 10.0)
"""At this size, render takes at most this many times as long as check."""


def measure_size(
    launcher: Launcher, devagree: str, size: int, repeat: int, root: Path
) -> dict[str, Measure]:
    folder = root / f"render-{size}"
    make_workbook(folder, size, standalone(SEED.read_text(encoding="utf-8")))
    out = folder / "out"
    commands = {
        "check": [devagree, "check", "--no-cache", "--as-of", AS_OF],
        "render": [devagree, "render", "-o", str(out)],
        "render -j 1": [devagree, "render", "--jobs", "1", "-o", str(out)],
    }
    measures = {name: Measure(name) for name in RUNS}
    try:
        for done in range(repeat):
            print(f"  {size:>6} agreements, run {done + 1}/{repeat}", file=sys.stderr)
            for name in RUNS:
                shutil.rmtree(out, ignore_errors=True)
                measure_once(launcher, measures[name], [commands[name]], folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return measures


def measure_pdf(count: int, root: Path) -> tuple[float, float]:
    """Seconds to convert ``count`` agreements: one LibreOffice for all, one per file."""
    from datetime import date

    from devagree.render.batch import render_document
    from devagree.render.docx import RenderOptions
    from devagree.render.pdf import docx_to_pdfs
    from devagree.workbook.pipeline import check_workbook

    folder = root / "pdf"
    make_workbook(folder, count, standalone(SEED.read_text(encoding="utf-8")))
    workbook = check_workbook([], date(2016, 3, 1), start=folder)
    options = RenderOptions(language="da")
    batch, single = folder / "batch", folder / "single"
    for target in (batch, single):
        target.mkdir()
        for agreement in workbook.agreements:
            (target / f"{agreement.id}.docx").write_bytes(render_document(agreement, options))
    start = time.perf_counter()
    results = docx_to_pdfs(sorted(batch.glob("*.docx")))
    together = time.perf_counter() - start
    failed = [str(made) for made in results.values() if not isinstance(made, Path)]
    start = time.perf_counter()
    for docx in sorted(single.glob("*.docx")):
        results = docx_to_pdfs([docx])
        failed += [str(made) for made in results.values() if not isinstance(made, Path)]
    apart = time.perf_counter() - start
    if failed:
        print("PDF conversion failed: " + "; ".join(failed), file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    return together, apart


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,100", help="comma-separated agreement counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--pdf", type=int, default=0, metavar="N", help="also time PDFs of N")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    sizes = sorted({int(part) for part in args.sizes.split(",")})
    results: dict[int, dict[str, Measure]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="devagree-bench-") as temporary,
        Launcher(Path(temporary)) as launcher,
    ):
        root = Path(temporary)
        measure_size(launcher, devagree, 2, 1, root)  # warm byte-code and page caches
        for size in sizes:
            results[size] = measure_size(launcher, devagree, size, args.repeat, root)
        pdf = measure_pdf(args.pdf, root) if args.pdf else None
    lines = [
        "### bench_render",
        "",
        f"Word only, best of {args.repeat} fresh processes; `render` on all available cores, "
        "`render -j 1` in one process.",
        "",
        "| agreements | check s | render s | render -j 1 s | render / check "
        "| render -j 1 / check | render ms per agreement | peak MB (render) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, m in results.items():
        check, render, serial = m["check"], m["render"], m["render -j 1"]
        lines.append(
            f"| {size:,} | {check.best:.3f} | {render.best:.3f} | {serial.best:.3f} "
            f"| {render.best / check.best:.1f}x | {serial.best / check.best:.1f}x "
            f"| {render.best / size * 1000:.0f} | {render.peak_kb / 1024:.0f} |"
        )
    size, limit = TARGET
    if size in results:
        value = results[size]["render"].best / results[size]["check"].best
        verdict = "PASS" if value <= limit else "FAIL"
        lines += ["", f"- render of {size:,} ≤ {limit:g}x check: {value:.1f}x → **{verdict}**"]
    if pdf is not None:
        together, apart = pdf
        lines += [
            "",
            f"PDF of {args.pdf} agreements: one LibreOffice for the batch {together:.1f} s, "
            f"one per file {apart:.1f} s ({apart / together:.1f}x).",
        ]
    failures = [
        f"- {size} agreements, {m.name}: {m.failure}"
        for size, measures in results.items()
        for m in measures.values()
        if m.failed
    ]
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
        print("bench_render: interrupted; the temporary workbooks are removed", file=sys.stderr)
        sys.exit(130)
