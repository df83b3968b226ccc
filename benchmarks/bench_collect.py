"""How `devagree collect` grows with the rows of a sheet: time per row, up to 100,000 rows.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_collect.py [--rows 1000,10000,100000] [--shape spread,dense]

For each number of rows a workbook and a filled-in follow-up sheet are generated, and the
installed `devagree collect --dry-run` and `devagree collect` are timed, each once, in a
fresh process. Every row is an answer a centre could give: a new state, a note and a date,
one day after the item's previous answer, so every row becomes an entry. Two shapes:

- ``spread``: 25 answers per item (100 per agreement), so the agreements grow with the
  rows (1,000 agreements for 100,000 rows): many files, each rewritten once;
- ``dense``: 10 agreements (40 items) whatever the rows, so each item's history grows with
  them (2,500 entries per item for 100,000 rows): few files, long histories.

Collection is linear when the time per row stays the same from size to size. The check of
the workbook before collecting is part of the time (as for a user). A measurement, not a
test: the exit status is 0 unless a command fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from bench_check import SEED, find_command, make_workbook, standalone

LABELS = ("Aftale", "#", "Overskrift", "Ny status", "Ny note", "Dato")
"""The follow-up sheet's Danish header: the columns collect reads (the others are optional)."""
FIRST_DAY = date(2016, 3, 1)
TODAY = date(2026, 1, 1)
"""``--as-of`` of the run: every generated answer lies before it."""
ITEMS = 4
TITLES = (
    "Recovery og rehabilitering",
    "Tværgående borgermiljøer",
    "Slagelse som sælgerkommune",
    "Udsatteområdet",
)


def write_sheet(path: Path, agreements: int, rows: int) -> None:
    """``rows`` answers, round robin over the items of ``agreements`` agreements."""
    from openpyxl import Workbook

    width = max(5, len(str(agreements - 1)))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Opfølgning")
    sheet.append(list(LABELS))
    items = agreements * ITEMS
    for row in range(rows):
        slot, round_ = row % items, row // items
        agreement, number = divmod(slot, ITEMS)
        sheet.append(
            [
                f"bench-{agreement:0{width}d}",
                number + 1,
                TITLES[number],
                "i gang",
                f"Svar {round_ + 1} på punkt {number + 1}",
                FIRST_DAY + timedelta(days=round_),
            ]
        )
    book.save(path)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(command)} exited with {done.returncode}:\n{detail}")
    return elapsed


def measure(devagree: str, shape: str, rows: int, seed: str) -> tuple[int, float, float]:
    agreements = max(1, rows // (25 * ITEMS)) if shape == "spread" else 10
    with tempfile.TemporaryDirectory(prefix="devagree-collect-") as temporary:
        root = Path(temporary)
        make_workbook(root, agreements, seed)
        write_sheet(root / "filled.xlsx", agreements, rows)
        command = [devagree, "collect", "filled.xlsx", "--as-of", TODAY.isoformat()]
        dry = timed([*command, "--dry-run"], root)
        written = timed(command, root)
    return agreements, dry, written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default="1000,10000,100000", help="comma-separated row counts")
    parser.add_argument("--shape", default="spread,dense", help="spread, dense or both")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    seed = standalone(SEED.read_text(encoding="utf-8"))
    print("| shape | rows | agreements | dry run s | collect s | ms per row |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape in args.shape.split(","):
        for rows in (int(r) for r in args.rows.split(",")):
            agreements, dry, written = measure(devagree, shape, rows, seed)
            print(
                f"| {shape} | {rows:,} | {agreements:,} | {dry:.1f} | {written:.1f} "
                f"| {1000 * written / rows:.2f} |",
                flush=True,
            )
    print(f"\nPython {sys.version.split()[0]}; one run each.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
