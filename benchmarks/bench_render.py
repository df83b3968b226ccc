"""How long `devagree render` takes, as a ratio to `devagree check` on the same workbook.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_render.py [--sizes 1,100] [--repeat 3]

For each size N a workbook of N copies of the seed agreement is generated (as in
bench_check.py), and the installed command is timed, each run a fresh process: `devagree
check` and `devagree render -o OUT` (Word only; PDF conversion is LibreOffice's time, not
ours). Best wall time of ``--repeat`` runs. A measurement, not a test: the exit status is 0.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_check import AS_OF, SEED, find_command, make_workbook, standalone


def best_time(command: list[str], cwd: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            detail = done.stderr.decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} exited with {done.returncode}:\n{detail}")
        best = min(best, elapsed)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,100", help="comma-separated agreement counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args(argv)
    devagree = find_command("devagree")
    seed = standalone(SEED.read_text(encoding="utf-8"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="devagree-render-") as temporary:
            root = Path(temporary)
            make_workbook(root, size, seed)
            check = best_time([devagree, "check", "--as-of", AS_OF], root, args.repeat)
            out = root / "out"
            render = best_time([devagree, "render", "-o", str(out)], root, args.repeat)
            shutil.rmtree(out, ignore_errors=True)
            rows.append((size, check, render))
    print("| agreements | check s | render s | render / check | render ms per agreement |")
    print("|---:|---:|---:|---:|---:|")
    for size, check, render in rows:
        print(
            f"| {size} | {check:.3f} | {render:.3f} | {render / check:.1f}x | "
            f"{render / size * 1000:.0f} |"
        )
    print(f"\nPython {sys.version.split()[0]}; best of {args.repeat} runs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
