"""How fast `devagree check` reads a workbook, against a floor and against check-jsonschema.

Usage (with the interpreter of the environment devagree is installed in)::

    python benchmarks/bench_check.py [--sizes 10,100,1000,10000] [--repeat N] [--out FILE]

For each size N the script writes a workbook of N copies of the seed agreement
(``agreements/slagelse-chp-2016.yaml`` without its links to the strategies, each copy with
its own id and a few words changed) into a temporary folder, and times four things on the
same files, each in a fresh child process so that every one pays its start-up once:

floor
    a Python process that reads every file and composes it to nodes with ruamel's C composer
    (``YAML(typ="safe").compose``, the call devagree's loader makes) and does nothing else: no
    conversion to Python values, no schema, no checks. It is what reading the files costs a
    tool built on ruamel as it comes (ruamel's Python resolver still types every scalar).
round-trip
    the same files loaded with ruamel's round-trip loader (``YAML().load``), the loader most
    YAML tools use.
check-jsonschema
    ``check-jsonschema --schemafile schemas/agreement.schema.json FILES...`` (in batches
    when the command line would get too long; the times of the batches are summed).
devagree
    ``devagree check --no-cache --as-of 2016-03-01 --format json`` in the workbook folder,
    the installed command as a user runs it, reading every file (``--no-cache``: the
    repeats would otherwise time the cache, which bench_cache.py measures).

Time is the best wall-clock time of ``--repeat`` runs; memory is the child's peak resident set
size (``ru_maxrss`` of that one child, from ``os.wait4`` in a small launcher process; see
``Launcher`` for why not from this script). Start-up costs are also measured on their own. The
exit status is 0 whatever the figures: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "agreements" / "slagelse-chp-2016.yaml"
SCHEMAS = REPO / "schemas"
"""``<kind>.schema.json`` for each document kind, as check-jsonschema is given them."""
AS_OF = "2016-03-01"
TARGET_SIZE = 1000
FLOOR_FACTOR = 3.0
"""Target: at TARGET_SIZE agreements devagree takes at most this many times the floor."""

FLOOR_CHILD = """\
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML(typ="safe")
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.compose(path.read_text(encoding="utf-8"))
"""

ROUND_TRIP_CHILD = """\
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML()
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"))
"""

WORDS = ("Borgere", "Familier", "Pårørende", "Frivillige", "Unge", "Ledere", "Medarbejdere")
"""Words that replace the first word of a target group, so no two files are identical."""


# --- running children ------------------------------------------------------------------------

LAUNCHER = """\
import json, os, sys, time

def hwm():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

write = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
for line in sys.stdin:
    job = json.loads(line)
    os.chdir(job["cwd"])
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, job["stdout"], write, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, job["stderr"], write, 0o600),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(job["argv"][0], job["argv"], os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    reply = {
        "seconds": seconds,
        "maxrss": usage.ru_maxrss,
        "returncode": os.waitstatus_to_exitcode(status),
        "launcher_kb": hwm(),
    }
    sys.stdout.write(json.dumps(reply) + "\\n")
    sys.stdout.flush()
"""
"""The small process that starts every measured child (see ``Launcher``)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One child process: wall time, peak RSS, and what it said."""

    seconds: float
    max_rss_kb: int
    returncode: int
    stdout: str
    stderr: str


def _rss_kb(raw: int) -> int:
    """``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS."""
    return raw // 1024 if sys.platform == "darwin" else raw


class Launcher:
    """A small helper process that starts each measured child and reports its usage.

    A child's ``ru_maxrss`` (from ``os.wait4``, or ``RUSAGE_CHILDREN``) is never below the
    peak RSS of the process that spawned it: Linux carries the spawning process's high-water
    mark over ``exec``. Spawned from this script, whose memory grows while it writes
    workbooks, a child would report the script's peak instead of its own. So every child is
    spawned by this helper, which stays at the size of a bare interpreter; readings below
    ``floor_kb`` are the helper's, not the child's. The helper also times the child, so the
    time includes neither this script nor the pipe between them.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.floor_kb = 0
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: stopped as a whole on Ctrl-C
        )

    def run(self, argv: Sequence[str], cwd: Path) -> Run:
        """Run ``argv`` in ``cwd``; its wall time, its own peak RSS and its output."""
        out, err = self.workdir / "child.out", self.workdir / "child.err"
        job = {"argv": list(argv), "cwd": str(cwd), "stdout": str(out), "stderr": str(err)}
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"bench_check: the launcher stopped while running {argv[0]}")
        reply = json.loads(line)
        self.floor_kb = max(self.floor_kb, int(reply["launcher_kb"]))
        return Run(
            float(reply["seconds"]),
            _rss_kb(int(reply["maxrss"])),
            int(reply["returncode"]),
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # the helper and a running child
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@dataclass(slots=True)
class Measure:
    """Best time and highest peak memory over the repeats of one measured thing."""

    name: str
    best: float = float("inf")
    peak_kb: int = 0
    failed: int = 0
    """Runs that exited with an error; their times are not comparable."""
    failure: str = ""
    """What the first failed run said."""

    def add(self, seconds: float, peak_kb: int) -> None:
        self.best = min(self.best, seconds)
        self.peak_kb = max(self.peak_kb, peak_kb)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.best != float("inf")


def _fail_note(run: Run, argv: Sequence[str]) -> str:
    tail = (run.stderr.strip() or run.stdout.strip())[-400:]
    return f"`{' '.join(argv[:3])} ...` exited with {run.returncode}: {tail}"


def measure_once(
    launcher: Launcher, measure: Measure, commands: Sequence[Sequence[str]], cwd: Path
) -> None:
    """Run the commands (one, or the batches of one) in turn and add the total to ``measure``."""
    total = 0.0
    peak = 0
    for argv in commands:
        run = launcher.run(argv, cwd)
        if run.returncode != 0:
            measure.failed += 1
            measure.failure = measure.failure or _fail_note(run, argv)
        total += run.seconds
        peak = max(peak, run.max_rss_kb)
    measure.add(total, peak)


# --- the workbook ----------------------------------------------------------------------------


def _vary(seed: str, index: int, width: int) -> str:
    """The seed with its own id and a few words changed, still a valid agreement."""
    changes = (
        ("id: slagelse-chp-2016\n", f"id: bench-{index:0{width}d}\n"),
        (
            "title: Udviklingsaftale for 2016\n",
            f"title: Udviklingsaftale for 2016, aftale nr. {index}\n",
        ),
        ("target_group: Borgere,", f"target_group: {WORDS[index % len(WORDS)]},"),
        ("baseline: Ingen\n", f"baseline: Ingen ved måling nr. {index}\n"),
    )
    text = seed
    for old, new in changes:
        if old not in text:
            raise SystemExit(f"bench_check: the seed has changed; `{old.strip()}` is not in it")
        text = text.replace(old, new, 1)
    return text


def standalone(seed: str) -> str:
    """The seed without its links to the strategies, which a generated workbook does not hold."""
    dropped = ("    # Videreført", "    links:", "      - slagelse-vision")
    return "".join(line for line in seed.splitlines(keepends=True) if not line.startswith(dropped))


def make_workbook(folder: Path, count: int, seed: str) -> Path:
    """A workbook of ``count`` agreements in ``folder``; returns its agreements folder."""
    agreements = folder / "agreements"
    agreements.mkdir(parents=True)
    (folder / "devagree.yaml").write_text("kind: workbook\nversion: 1\n", encoding="utf-8")
    width = max(5, len(str(count - 1)))
    for index in range(count):
        name = f"bench-{index:0{width}d}.yaml"
        (agreements / name).write_text(_vary(seed, index, width), encoding="utf-8")
    return agreements


def batches(prefix: Sequence[str], files: Sequence[str]) -> list[list[str]]:
    """``prefix + files`` split into command lines that fit the system's argument limit."""
    try:
        limit = os.sysconf("SC_ARG_MAX")
    except (AttributeError, ValueError, OSError):
        limit = 32_768
    environment = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    budget = max(limit // 2 - environment, 16_384)
    cost = sum(len(a) + 1 + 8 for a in prefix)
    commands: list[list[str]] = []
    current: list[str] = []
    used = cost
    for name in files:
        size = len(name) + 1 + 8  # the text, its NUL, and the pointer to it
        if current and used + size > budget:
            commands.append([*prefix, *current])
            current, used = [], cost
        current.append(name)
        used += size
    commands.append([*prefix, *current])
    return commands


# --- the commands ----------------------------------------------------------------------------


def find_command(name: str) -> str:
    """A console script of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(
            f"bench_check: `{name}` is not installed next to {sys.executable} nor on PATH; "
            "install the project with its bench extra (pip install -e '.[bench]')"
        )
    return found


@dataclass(frozen=True, slots=True)
class Tools:
    python: str
    devagree: str
    check_jsonschema: str


# --- the run ---------------------------------------------------------------------------------

TOOLS = ("floor", "round-trip", "check-jsonschema", "devagree")


@dataclass(slots=True)
class SizeResult:
    size: int
    repeat: int
    batches: int
    measures: dict[str, Measure]


def measure_size(
    launcher: Launcher, tools: Tools, size: int, repeat: int, seed: str, root: Path
) -> SizeResult:
    """Write a workbook of ``size`` agreements, time every tool ``repeat`` times, remove it."""
    folder = Path(tempfile.mkdtemp(prefix=f"size-{size}-", dir=root))
    try:
        agreements = make_workbook(folder, size, seed)
        files = sorted(str(path.relative_to(folder)) for path in agreements.glob("*.yaml"))
        schema = SCHEMAS / "agreement.schema.json"
        schema_batches = batches([tools.check_jsonschema, "--schemafile", str(schema)], files)
        commands: dict[str, list[list[str]]] = {
            "floor": [[tools.python, "-c", FLOOR_CHILD, "agreements"]],
            "round-trip": [[tools.python, "-c", ROUND_TRIP_CHILD, "agreements"]],
            "check-jsonschema": schema_batches,
            "devagree": [
                [tools.devagree, "check", "--no-cache", "--as-of", AS_OF, "--format", "json"]
            ],
        }
        measures = {name: Measure(name) for name in TOOLS}
        # Repeats are interleaved so that a slow spell of the machine hits every tool alike.
        for done in range(repeat):
            for name in TOOLS:
                print(f"  {size:>6} agreements, run {done + 1}/{repeat}: {name}", file=sys.stderr)
                measure_once(launcher, measures[name], commands[name], folder)
        return SizeResult(size, repeat, len(schema_batches), measures)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_startup(launcher: Launcher, tools: Tools, repeat: int, root: Path) -> list[Measure]:
    """Start-up alone: the interpreter, the floor's import, devagree's, check-jsonschema's."""
    things: list[tuple[str, list[str]]] = [
        ("python -c pass", [tools.python, "-c", "pass"]),
        ("python -c 'import ruamel.yaml' (floor)", [tools.python, "-c", "import ruamel.yaml"]),
        ("python -c 'import devagree.cli.app'", [tools.python, "-c", "import devagree.cli.app"]),
        ("devagree --version", [tools.devagree, "--version"]),
        ("check-jsonschema --version", [tools.check_jsonschema, "--version"]),
    ]
    measures = [Measure(name) for name, _ in things]
    for _ in range(repeat):
        for measure, (_, argv) in zip(measures, things, strict=True):
            measure_once(launcher, measure, [argv], root)
    return measures


# --- the report ------------------------------------------------------------------------------


def _s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f}"


def _ratio(top: Measure, bottom: Measure) -> float | None:
    if not (top.ok and bottom.ok) or bottom.best <= 0:
        return None
    return top.best / bottom.best


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def _versions() -> str:
    names = ("ruamel.yaml", "ruamel.yaml.clib", "check-jsonschema", "devagree")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def report(results: Sequence[SizeResult], startup: Sequence[Measure], floor_kb: int) -> str:
    lines = [
        "### bench_check",
        "",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {_versions()}.",
        "",
        "Best wall time in seconds; peak RSS of the child in MB (a reading cannot go below "
        f"the {_mb(floor_kb)} MB of the launcher that starts the children).",
        "",
        "| agreements | floor s | devagree s | devagree / floor | round-trip / floor "
        "| check-jsonschema / floor | devagree / check-jsonschema | floor MB | round-trip MB "
        "| check-jsonschema MB | devagree MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        m = result.measures
        floor, rt, cj, da = m["floor"], m["round-trip"], m["check-jsonschema"], m["devagree"]
        lines.append(
            f"| {result.size:,} | {_s(floor.best)} | {_s(da.best)} | {_x(_ratio(da, floor))} "
            f"| {_x(_ratio(rt, floor))} | {_x(_ratio(cj, floor))} | {_x(_ratio(da, cj))} "
            f"| {_mb(floor.peak_kb)} | {_mb(rt.peak_kb)} | {_mb(cj.peak_kb)} "
            f"| {_mb(da.peak_kb)} |"
        )
    lines += [
        "",
        "All times in seconds (best of the repeats); per agreement = (time - time at the "
        "smallest size) / (agreements - smallest size), in ms.",
        "",
        "| agreements | repeats | floor | round-trip | check-jsonschema (batches) | devagree "
        "| floor ms/agr. | round-trip ms/agr. | check-jsonschema ms/agr. | devagree ms/agr. |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = results[0] if results else None
    for result in results:
        m = result.measures
        per: list[str] = []
        for name in TOOLS:
            if base is None or result.size == base.size:
                per.append("")
            else:
                more = m[name].best - base.measures[name].best
                per.append(f"{1000 * more / (result.size - base.size):.2f}")
        lines.append(
            f"| {result.size:,} | {result.repeat} | {_s(m['floor'].best)} "
            f"| {_s(m['round-trip'].best)} | {_s(m['check-jsonschema'].best)} "
            f"({result.batches}) | {_s(m['devagree'].best)} | " + " | ".join(per) + " |"
        )
    lines += [
        "",
        "Start-up alone (best wall time, peak RSS):",
        "",
        "| command | s | MB |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{m.name}` | {_s(m.best)} | {_mb(m.peak_kb)} |" for m in startup]
    lines += ["", *targets(results)]
    failures = [
        f"- {result.size} agreements, {m.name} ({m.failed} runs): {m.failure}"
        for result in results
        for m in result.measures.values()
        if m.failed
    ]
    failures += [
        f"- start-up, {m.name} ({m.failed} runs): {m.failure}" for m in startup if m.failed
    ]
    if failures:
        lines += ["", "Runs that did not succeed (their times are not comparable):", *failures]
    return "\n".join(lines) + "\n"


def targets(results: Sequence[SizeResult]) -> list[str]:
    at = next((r for r in results if r.size == TARGET_SIZE), None)
    lines = [f"Targets at {TARGET_SIZE:,} agreements:", ""]
    if at is None:
        return [*lines, f"- not measured (add {TARGET_SIZE} to --sizes)"]
    m = at.measures
    checks: list[tuple[str, float | None, Callable[[float], bool]]] = [
        (
            f"devagree ≤ {FLOOR_FACTOR:g}x floor",
            _ratio(m["devagree"], m["floor"]),
            lambda r: r <= FLOOR_FACTOR,
        ),
        (
            "devagree faster than check-jsonschema",
            _ratio(m["devagree"], m["check-jsonschema"]),
            lambda r: r < 1.0,
        ),
    ]
    for label, value, passes in checks:
        verdict = "n/a" if value is None else ("PASS" if passes(value) else "FAIL")
        lines.append(f"- {label}: {_x(value)} → **{verdict}**")
    return lines


# --- main ------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers like 10,100") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be whole numbers of 1 or more")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[10, 100, 1000, 10000],
        help="workbook sizes (agreements), comma-separated (default: 10,100,1000,10000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs per measurement, best one counts (default: 3 up to 1000 agreements, 1 above)",
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    if not (hasattr(os, "wait4") and hasattr(os, "posix_spawn")):
        parser.error("this benchmark needs os.wait4 and os.posix_spawn (Linux or macOS)")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    tools = Tools(sys.executable, find_command("devagree"), find_command("check-jsonschema"))
    seed = standalone(SEED.read_text(encoding="utf-8"))

    with (
        tempfile.TemporaryDirectory(prefix="devagree-bench-") as temporary,
        Launcher(Path(temporary)) as launcher,
    ):
        root = Path(temporary)
        # One unmeasured pass so that byte-code caches and the page cache are warm for all.
        measure_size(launcher, tools, 10, 1, seed, root)
        startup = measure_startup(launcher, tools, max(args.repeat or 0, 5), root)
        results = []
        for size in args.sizes:
            repeat = args.repeat or (3 if size <= 1000 else 1)
            results.append(measure_size(launcher, tools, size, repeat, seed, root))
        floor_kb = launcher.floor_kb

    text = report(results, startup, floor_kb)
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench_check: interrupted; the temporary workbooks are removed", file=sys.stderr)
        sys.exit(130)
