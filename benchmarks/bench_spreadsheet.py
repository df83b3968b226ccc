"""How long `devagree export` and `devagree collect` take, beside `devagree check`.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_spreadsheet.py [--sizes 1,100] [--repeat 3]

For each size N a workbook of N copies of the seed agreement is generated (as in
bench_check.py, four items each). The installed command is timed, each run a fresh process:
`devagree check`, `devagree export` of the whole workbook, and `devagree collect` of that
sheet with every row answered (a new state, a note and a date: one entry per item, so N
agreement files are rewritten). The files are put back before each collect run. Best wall
time of ``--repeat`` runs. A measurement, not a test: the exit status is 0.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bench_check import AS_OF, SEED, find_command, make_workbook, standalone


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace")
        raise SystemExit(f"{' '.join(command)} exited with {done.returncode}:\n{detail}")
    return elapsed


def answer_every_row(path: Path, target: Path) -> int:
    """Fill in the follow-up sheet as a centre would: state, note and date on every row."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 9).value = "i gang"
        sheet.cell(row, 10).value = f"Svar på række {row}"
        sheet.cell(row, 11).value = datetime(2016, 5, 10)
    book.save(target)
    return sheet.max_row - 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,100", help="comma-separated agreement counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    seed = standalone(SEED.read_text(encoding="utf-8"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="devagree-sheet-") as temporary:
            root = Path(temporary)
            agreements = make_workbook(root, size, seed)
            pristine = root / "pristine"
            shutil.copytree(agreements, pristine)
            check = min(
                timed([devagree, "check", "--as-of", AS_OF], root) for _ in range(args.repeat)
            )
            export_command = [devagree, "export", "out.xlsx", "--as-of", AS_OF]
            export = min(timed(export_command, root) for _ in range(args.repeat))
            answered = answer_every_row(root / "out.xlsx", root / "filled.xlsx")
            collect_times = []
            for _ in range(args.repeat):
                shutil.rmtree(agreements)
                shutil.copytree(pristine, agreements)
                collect_command = [devagree, "collect", "filled.xlsx", "--as-of", AS_OF]
                collect_times.append(timed(collect_command, root))
            size_kb = (root / "out.xlsx").stat().st_size / 1024
            rows.append((size, answered, check, export, min(collect_times), size_kb))
    print("| agreements | rows | check s | export s | collect s | sheet KB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, answered, check, export, collect, size_kb in rows:
        print(
            f"| {size} | {answered} | {check:.2f} | {export:.2f} | {collect:.2f} | {size_kb:.0f} |"
        )
    print(f"\nPython {sys.version.split()[0]}; best of {args.repeat} runs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
