"""The cache of `check`: the same results with and without it, and every change seen.

Most tests plant a marker in every stored entry (a finding "POISON" that no rule makes) and
then change one thing: where the cache is used the marker shows, and where the change must
make devagree read a file afresh it must be gone. Seeing the marker first proves that the
cache is really consulted, so its absence afterwards proves the invalidation.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, REPO, assert_no_traceback, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devagree.i18n import use_language
from devagree.workbook import cache as check_cache
from devagree.workbook.cache import FOLDER, FORMAT, SEGMENT, read_segment, write_segment
from devagree.workbook.pipeline import check_workbook

AGREEMENT = "agreements/slagelse-chp-2016.yaml"
STRATEGY = "agreements/strategier/slagelse-vision-pejlemaerker-2020.yaml"
DAY = date(2016, 9, 30)
POISON = "POISON: this finding came from the cache"


def _segments(workbook: Path) -> list[Path]:
    return sorted((workbook / FOLDER).glob(f"check-v*/*{SEGMENT}"))


def _poison(workbook: Path) -> int:
    """Add the marker finding to every stored document; returns how many were marked."""
    segments = _segments(workbook)
    entries: dict[str, Any] = {}
    for segment in segments:
        entries.update(read_segment(segment))
    marked = 0
    for key, (layout, unreadable, problems, model, findings, *rest) in list(entries.items()):
        if model is not None:
            findings = [*findings, (1, 1, "DA209", "error", POISON, "")]
            marked += 1
        entries[key] = (layout, unreadable, problems, model, findings, *rest)
    write_segment(segments[0].parent, entries)
    for segment in segments:
        segment.unlink()
    return marked


def _messages(workbook: Path, cache: bool = True, day: date = DAY) -> list[str]:
    checked = check_workbook([], day, start=workbook, cache=cache)
    return [f"{p.location} {p.code} {p.severity.value} {p.message}" for p in checked.problems]


def _poisoned(workbook: Path, path: str) -> bool:
    return any(path in line and POISON in line for line in _messages(workbook))


@pytest.fixture
def warm(repo_workbook: Path) -> Path:
    """The repository's workbook with a warm cache whose entries carry the marker."""
    assert not _segments(repo_workbook)
    _messages(repo_workbook)
    assert _poison(repo_workbook) == 5  # the agreement and the four strategies
    assert _poisoned(repo_workbook, AGREEMENT) and _poisoned(repo_workbook, STRATEGY)
    return repo_workbook


# --- the same results ----------------------------------------------------------------------------


def _copy_of(example: Path, tmp_path: Path) -> Path:
    """A copy of an example workbook (of the repository: its workbook files only)."""
    target = tmp_path / example.name
    if example == REPO:
        shutil.copytree(REPO / "agreements", target / "agreements")
        shutil.copy(REPO / "devagree.yaml", target / "devagree.yaml")
    else:
        shutil.copytree(example, target, ignore=shutil.ignore_patterns(FOLDER))
    return target


@pytest.mark.parametrize(
    ("example", "paths"),
    [
        (REPO, ()),
        (REPO / "examples" / "every-problem", ()),
        (REPO / "examples" / "english", ()),
        (CASES, ("valid", "invalid")),
    ],
    ids=["repository", "every-problem", "english", "tests-cases"],
)
def test_cached_and_uncached_json_are_identical(
    example: Path, paths: tuple[str, ...], tmp_path: Path
) -> None:
    workbook = _copy_of(example, tmp_path)
    found = []
    for day in ("2016-03-01", "2030-01-01"):
        args = ("check", *paths, "--as-of", day, "--format", "json")
        fresh = run(*args, "--no-cache", cwd=workbook)
        assert not _segments(workbook) or day != "2016-03-01"
        first = run(*args, cwd=workbook)
        again = run(*args, cwd=workbook)
        assert_no_traceback(again)
        found.extend(json.loads(fresh.stdout))
        assert first.stdout == fresh.stdout and again.stdout == fresh.stdout
        assert first.returncode == fresh.returncode == again.returncode
        assert first.stderr == fresh.stderr == again.stderr
    assert found  # the examples do have problems to compare (overdue items, at least)
    assert _segments(workbook)


def test_named_files_use_the_cache_and_keep_it(warm: Path) -> None:
    named = check_workbook([warm / AGREEMENT], DAY, start=warm, cache=True)
    assert any(p.message == POISON for p in named.problems)
    assert all(p.path == str(warm / AGREEMENT) for p in named.problems)
    assert _poisoned(warm, STRATEGY)  # a check of some files does not drop the others


EDITS = {
    "deadline": ("deadline: Ultimo 2016", "deadline: Ultimo 2015"),
    "empty row": ("resources: Aktiviteterne skal ske", "resources: ''\n    x_resources: x"),
    "placeholder": ("owner: Myndighed", "owner: TODO Myndighed"),
    "id": ("id: slagelse-chp-2016", "id: con"),
    "track": ("  - id: p2\n", "  - id: p2x\n"),
    "period": ("  end: 2016-12-31", "  end: 2015-12-31"),
    "status": ("    links:\n      - slagelse-vision-pejlemaerker-2020#p2", ""),
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=4))
def test_property_edits_never_make_the_cache_differ(
    tmp_path_factory: Any, edits: list[str]
) -> None:
    """After any sequence of edits, a check with the cache equals one without it."""
    workbook = _copy_of(REPO, tmp_path_factory.mktemp("edits"))
    files = [workbook / AGREEMENT, workbook / STRATEGY]
    for edit in edits:
        old, new = EDITS[edit]
        for path in files:
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
        for day in (date(2016, 3, 1), date(2017, 3, 1)):
            assert _messages(workbook, cache=True, day=day) == _messages(workbook, False, day)


# --- what makes devagree read a file afresh ------------------------------------------------------


def test_unchanged_files_come_from_the_cache(repo_workbook: Path) -> None:
    """The installed command reads back what it stored (its code is part of the key, so the
    cache is warmed by the command itself, not by the tests' own import of devagree)."""
    first = run("check", "--as-of", "2016-09-30", cwd=repo_workbook)
    assert POISON not in first.stdout
    assert _poison(repo_workbook) == 5
    done = run("check", "--as-of", "2016-09-30", cwd=repo_workbook)
    assert POISON in done.stdout
    fresh = run("check", "--as-of", "2016-09-30", "--no-cache", cwd=repo_workbook)
    assert POISON not in fresh.stdout


def test_a_changed_file_is_read_afresh(warm: Path) -> None:
    path = warm / AGREEMENT
    path.write_bytes(path.read_bytes() + b"# one more line\n")
    assert not _poisoned(warm, AGREEMENT)
    assert _poisoned(warm, STRATEGY)


def test_a_changed_strategy_gives_fresh_link_findings(warm: Path) -> None:
    """The agreement is unchanged (from the cache); the track it links to goes away."""
    strategy = warm / STRATEGY
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("  - id: p2\n", "  - id: p2-renamed\n"), encoding="utf-8")
    cached = _messages(warm)
    assert any(AGREEMENT in line and POISON in line for line in cached)
    links = [line for line in cached if "DA211" in line]
    assert links and all(AGREEMENT in line for line in links)
    assert links == [line for line in _messages(warm, cache=False) if "DA211" in line]


def test_settings_apply_to_what_the_cache_gives(warm: Path) -> None:
    config = warm / "devagree.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "rules:\n  DA209: warning\n")
    poisoned = [line for line in _messages(warm) if POISON in line]
    assert poisoned and all(" DA209 warning " in line for line in poisoned)
    config.write_text(config.read_text(encoding="utf-8").replace("DA209: warning", "DA209: off"))
    assert not any(POISON in line for line in _messages(warm))


def test_the_language_of_the_workbook_is_part_of_the_key(warm: Path) -> None:
    config = warm / "devagree.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: da", "language: en"))
    assert not _poisoned(warm, AGREEMENT)


def test_the_language_of_the_messages_is_part_of_the_key(warm: Path) -> None:
    use_language("da")
    try:  # the named file only: a check of the whole workbook would drop the English entries
        named = check_workbook([warm / AGREEMENT], DAY, start=warm, cache=True)
    finally:
        use_language("en")
    assert named.agreements and not any(p.message == POISON for p in named.problems)
    assert _poisoned(warm, AGREEMENT)


def test_another_version_of_devagree_reads_afresh(
    warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import devagree.version

    monkeypatch.setattr(devagree.version, "__version__", devagree.version.__version__ + ".1")
    assert not _poisoned(warm, AGREEMENT) and not _poisoned(warm, STRATEGY)


def test_another_schema_reads_afresh(
    warm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import devagree.core.resources

    real = devagree.core.resources.data_file
    changed = tmp_path / "agreement.schema.json"
    changed.write_bytes(real("schemas", "agreement.schema.json").read_bytes() + b"\n")

    def data_file(folder: str, name: str) -> Any:
        return changed if name == "agreement.schema.json" else real(folder, name)

    monkeypatch.setattr(devagree.core.resources, "data_file", data_file)
    check_cache._code_stamps.cache_clear()
    try:
        assert not _poisoned(warm, AGREEMENT)
    finally:
        check_cache._code_stamps.cache_clear()


def test_changed_code_changes_the_key(tmp_path: Path) -> None:
    """devagree's own modules are stamped by size and time: an edit shows."""
    module = tmp_path / "rule.py"
    module.write_text("CODE = 1\n")
    os.utime(module, ns=(1_000_000_000, 1_000_000_000))
    before = check_cache._folder_stamps(tmp_path, tmp_path)
    module.write_text("CODE = 2\n")
    os.utime(module, ns=(1_000_000_000, 1_000_000_000))
    assert check_cache._folder_stamps(tmp_path, tmp_path) == before  # same size and time
    os.utime(module, ns=(2_000_000_000, 2_000_000_000))
    assert check_cache._folder_stamps(tmp_path, tmp_path) != before
    module.write_text("CODE = 22\n")
    assert check_cache._folder_stamps(tmp_path, tmp_path) != before
    stamps = check_cache._code_stamps()
    assert any(stamp.startswith("checks/links.py ") for stamp in stamps)
    assert any(stamp.startswith("agreement ") for stamp in stamps)  # the schema


def test_an_edited_translation_changes_the_key(tmp_path: Path) -> None:
    """A checkout reads a .po newer than its .mo, so editing the .po must change the key."""
    folder = tmp_path / "locale" / "da" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    compiled = folder / "devagree.mo"
    compiled.write_bytes(b"compiled")
    source = folder / "devagree.po"
    source.write_text('msgid "a"\nmsgstr "b"\n')
    os.utime(compiled, ns=(1_000_000_000, 1_000_000_000))
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    before = check_cache._folder_stamps(tmp_path, tmp_path)
    source.write_text('msgid "a"\nmsgstr "c"\n')
    os.utime(source, ns=(2_000_000_000, 2_000_000_000))
    assert check_cache._folder_stamps(tmp_path, tmp_path) != before
    stamps = check_cache._code_stamps()
    assert any(stamp.startswith("i18n/locale/da/LC_MESSAGES/devagree.po ") for stamp in stamps)


def test_the_day_is_never_remembered(warm: Path) -> None:
    for day in (date(2016, 3, 1), date(2017, 3, 1), date(2030, 1, 1)):
        cached = [line for line in _messages(warm, day=day) if POISON not in line]
        assert cached == _messages(warm, cache=False, day=day)
    assert any("DA208" in line for line in _messages(warm, day=date(2017, 3, 1)))


# --- a cache that cannot be trusted or written ---------------------------------------------------


def _same_as_fresh(workbook: Path) -> None:
    args = ("check", "--as-of", "2016-09-30", "--format", "json")
    done = run(*args, cwd=workbook)
    assert_no_traceback(done)
    fresh = run(*args, "--no-cache", cwd=workbook)
    assert (done.returncode, done.stdout) == (fresh.returncode, fresh.stdout)


def _seal(payload: bytes) -> bytes:
    return b"devagree check cache 1\n" + b"%08x\n" % zlib.crc32(payload) + payload


class _Planted:
    """Would run a command if unpickled by a plain unpickler."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "flipped", "newer layout", "folder", "planted code", "wrong shape"],
)
def test_a_damaged_cache_is_passed_over_and_rebuilt(
    warm: Path, damage: str, tmp_path: Path
) -> None:
    segment = _segments(warm)[0]
    data = segment.read_bytes()
    marker = tmp_path / "planted-code-ran"
    if damage == "garbage":
        segment.write_bytes(b"\x00\xff" * 100)
    elif damage == "truncated":
        segment.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        middle = len(data) // 2
        segment.write_bytes(data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1 :])
    elif damage == "newer layout":
        segment.write_bytes(data.replace(b"cache 1\n", b"cache 2\n", 1))
    elif damage == "folder":
        segment.unlink()
        segment.mkdir()
    elif damage == "planted code":
        segment.write_bytes(_seal(pickle.dumps({"k": _Planted(marker)})))
    else:
        segment.write_bytes(_seal(pickle.dumps(["not", "a", "dict"])))
    assert not _poisoned(warm, AGREEMENT)
    assert not marker.exists()
    _same_as_fresh(warm)
    rebuilt = check_workbook([], DAY, start=warm, cache=True)
    assert rebuilt.problems and _segments(warm)


def test_entries_of_another_layout_or_kind_are_read_afresh(warm: Path) -> None:
    entries: dict[str, Any] = {}
    for segment in _segments(warm):
        entries.update(read_segment(segment))
        segment.unlink()
    changed = {key: (99, *entry[1:]) for key, entry in entries.items()}
    write_segment(warm / FOLDER / f"check-v{FORMAT}", changed)
    assert not _poisoned(warm, AGREEMENT)


def test_a_cache_that_cannot_be_written_is_left_alone(repo_workbook: Path) -> None:
    (repo_workbook / FOLDER).write_text("not a folder\n", encoding="utf-8")
    _same_as_fresh(repo_workbook)
    assert (repo_workbook / FOLDER).read_text(encoding="utf-8") == "not a folder\n"


def test_the_cache_is_compacted_and_stale_entries_dropped(warm: Path) -> None:
    path = warm / AGREEMENT
    for number in range(12):
        path.write_bytes(path.read_bytes() + f"# edit {number}\n".encode())
        check_workbook([path], DAY, start=warm, cache=True)  # named: adds, never compacts
    assert len(_segments(warm)) == 13
    check_workbook([], DAY, start=warm, cache=True)
    assert len(_segments(warm)) == 1
    kept = read_segment(_segments(warm)[0])
    assert len(kept) == 5  # the current agreement and the four strategies
    assert _poisoned(warm, STRATEGY) and not _poisoned(warm, AGREEMENT)


def test_init_ignores_the_cache_in_git(tmp_path: Path) -> None:
    done = run("init", "--municipality", "Eksempel Kommune", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ".devagree-cache/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert ".devagree-cache/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
