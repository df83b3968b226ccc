"""What `check` found in each file, remembered so an unchanged file is not read again.

What a file gives on its own depends only on its bytes and on devagree: its model (the
agreement or strategy built from its data), the problems of reading it and of the schema,
and the findings of the rules that look at one document at a time and not at the day
(``PER_DOCUMENT`` in the rule's module). That is kept in the workbook's
``.devagree-cache/`` under a key made from the SHA-256 of the file's bytes and of
everything else the result depends on: devagree's version and code, the bundled schemas
and message catalogues, the YAML and schema libraries, Python's version and the language
of the messages.

An entry is the model as a pickle, because building it again (from JSON) would cost as
much as half of reading the YAML. It is read back by an unpickler that can make nothing
but devagree's model dataclasses, their enums and dates, so a planted cache file can at
worst give wrong data, never run code; and the YAML file is still read and hashed every
time, so an entry is only ever used for the bytes it was made from.

Never remembered: the rules that look across files (ids, links) or at the day (overdue)
run on all documents, cached or not, and the severities set in devagree.yaml are applied
after that. Problems are stored without the file's name, which is added when the entry is
used; a model keeps the name it was read under, and is renamed when the same bytes are
reached by another path.

The cache is only a shortcut. An entry that cannot be read, is damaged, or was written by
another version is ignored and written again; a cache folder that cannot be written is
left as it is; `check` reports the same either way, and deleting the folder is always
safe. This module is the only one that writes there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import mmap
import os
import pickle
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from devagree.core.files import open_regular
from devagree.core.loader import Document
from devagree.core.model import Agreement
from devagree.core.problems import Problem, Severity
from devagree.core.strategy_model import Strategy

FOLDER = ".devagree-cache"
"""The cache folder, in the workbook's root (beside devagree.yaml)."""

FORMAT = 2
"""The layout of an entry; entries live in ``check-v<FORMAT>``, so layouts never mix."""

SEGMENT = ".seg"
MAX_SEGMENTS = 8
"""More segments than this are compacted into one by the next check of the whole workbook."""
_MAGIC = b"devagree check cache 1\n"

_LIBRARIES = ("ruamel.yaml", "_ruamel_yaml", "fastjsonschema", "jsonschema")
"""Libraries whose code can change what a file gives (parsing, schema messages)."""

_MODEL_MODULES = (
    "devagree.core.model",
    "devagree.core.strategy_model",
    "devagree.deadlines.deadline",
    "devagree.deadlines.precision",
)
"""Where the classes of a stored model come from (see ``_ModelUnpickler``)."""

_IGNORE_FILE = "# Made by devagree: a cache that is safe to delete.\n*\n"
_TAG_FILE = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by devagree (safe to delete).\n"
)

Model = Agreement | Strategy
_Row = tuple[int, int, str, str, str, str]


@dataclass(slots=True)
class FileResult:
    """One file as `check` read it: the document and its model, or the problems that stop it."""

    document: Document | None
    """The loaded document; None when the file could not be read as a document of a kind
    devagree knows."""
    problems: list[Problem] = field(default_factory=list)
    """Problems of reading or of the schema (a document with schema problems has a model
    salvaged around them)."""
    unreadable: bool = False
    """The file could not be read at all (exit code 2 when it is reported)."""
    model: Model | None = None
    """The document's model, when it came from the cache or is kept to be stored."""
    findings: list[Problem] | None = None
    """Problems of the per-document rules (raw severities), when they came from the cache
    or are being gathered to be stored."""
    key: str = ""
    """The entry's key; empty when the file cannot be cached (it could not be read)."""
    cached: bool = False
    """The result came from the cache (else it was read afresh in this run)."""


class CheckCache:
    """The entries of one workbook's cache, for one run of `check`.

    Entries are stored in segment files (``<random>.seg``): each run that read files
    afresh adds one segment holding their entries, so a run writes one file however many
    it read. A check of the whole workbook compacts the segments into one when there are
    many, or when most of what they hold belongs to files that changed or went away.
    """

    def __init__(self, root: Path, language: str) -> None:
        self.folder = root / FOLDER / f"check-v{FORMAT}"
        self._context = context_key(language)
        self._stored: dict[str, Any] | None = None
        """Entries found in the segments, by key (read at the first lookup)."""
        self._segments: list[Path] = []
        self._pending: dict[str, FileResult] = {}
        """Results read afresh in this run, by the path shown in problems, to be stored
        once the rules have run over them."""
        self._used: set[str] = set()

    # --- reading ------------------------------------------------------------------------

    def key(self, raw: bytes) -> str:
        """The entry's name for a file with these bytes, in this devagree and language."""
        return hashlib.sha256(self._context + raw).hexdigest()

    def lookup(self, key: str, shown: str, text: str) -> FileResult | None:
        """The remembered result of the file shown as ``shown``, or None to read it."""
        self._used.add(key)
        stored = self._entries().get(key)
        if stored is None:
            return None
        try:
            return _result(stored, shown, text, key)
        except Exception:  # damaged, or of another layout or code: read afresh
            return None

    def _entries(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = {}
            try:
                names = sorted(self.folder.glob(f"*{SEGMENT}"))
            except OSError:
                names = []
            for path in names:
                # An unreadable, damaged or foreign segment is passed over, whatever is wrong
                # with it (the unpickler refuses anything but model classes); its entries
                # are made again.
                with contextlib.suppress(Exception):
                    self._stored.update(read_segment(path))
                self._segments.append(path)
        return self._stored

    # --- writing ------------------------------------------------------------------------

    def remember(self, shown: str, result: FileResult, model: Model | None) -> None:
        """Keep a result read afresh (and its model) to store when the rules are done.

        Its key is already among the used ones: a result has a key only after a lookup.
        """
        if result.key:
            self._pending[shown] = dataclasses.replace(result, model=model, findings=[])

    def add_finding(self, problem: Problem) -> None:
        """A per-document rule's problem in a file read afresh in this run."""
        pending = self._pending.get(problem.path)
        if pending is not None and pending.findings is not None:
            pending.findings.append(problem)

    def save(self, whole: bool) -> None:
        """Store the results read afresh in a new segment, and compact after a ``whole`` run.

        Only a check of the whole workbook has looked up every current file, so only then
        is an entry it did not use known to be of a file that changed or went away.
        """
        fresh = {result.key: _entry(result) for result in self._pending.values()}
        stored = self._entries()
        try:
            if whole and self._worth_compacting(stored, fresh):
                kept = {key: stored[key] for key in sorted(self._used) if key in stored}
                self._prepare_folder()
                if write_segment(self.folder, {**kept, **fresh}) is not None:
                    for old in self._segments:
                        old.unlink(missing_ok=True)
            elif fresh:
                self._prepare_folder()
                write_segment(self.folder, fresh)
        except OSError:
            return  # a read-only or full disk: the next run reads afresh again

    def _worth_compacting(self, stored: dict[str, Any], fresh: dict[str, Any]) -> bool:
        stale = sum(1 for key in stored if key not in self._used)
        return len(self._segments) + bool(fresh) > MAX_SEGMENTS or stale * 2 > len(stored)

    def _prepare_folder(self) -> None:
        top = self.folder.parent
        top.mkdir(exist_ok=True)
        for name, text in ((".gitignore", _IGNORE_FILE), ("CACHEDIR.TAG", _TAG_FILE)):
            marker = top / name
            if not marker.exists():
                _write(marker, text.encode())
        self.folder.mkdir(exist_ok=True)


def _entry(result: FileResult) -> tuple[Any, ...]:
    """What is stored of a result read afresh."""
    return (
        FORMAT,
        result.unreadable,
        [_row(p) for p in result.problems],
        result.model,
        [_row(p) for p in result.findings or ()],
        result.document.positions if result.document is not None else {},
    )


def _row(problem: Problem) -> _Row:
    return (
        problem.line,
        problem.column,
        problem.code,
        problem.severity.value,
        problem.message,
        problem.detail,
    )


def _problems(shown: str, rows: Any) -> list[Problem]:
    found = []
    for line, column, code, severity, message, detail in rows:
        if not (type(line) is int and type(column) is int):
            raise TypeError("a position is not a number")
        if not all(type(text) is str for text in (code, message, detail)):
            raise TypeError("a text is not a string")
        found.append(Problem(shown, line, column, code, Severity(severity), message, detail))
    return found


def _result(entry: Any, shown: str, text: str, key: str) -> FileResult | None:
    """A stored entry as the result for the file shown as ``shown`` (None if not ours)."""
    layout, unreadable, problems, model, findings, positions = entry
    if layout != FORMAT:
        return None
    if not all(
        type(where) is tuple and type(place) is tuple and all(type(n) is int for n in place)
        for where, place in positions.items()
    ):
        raise TypeError("a position is not a pair of numbers")
    if model is None:
        found = _problems(shown, problems)
        return FileResult(None, found, bool(unreadable), key=key, cached=True)
    if not isinstance(model, Agreement | Strategy) or not isinstance(model.data, dict):
        return None
    if model.source != shown:  # the same file, named another way (another current folder)
        model = dataclasses.replace(model, source=shown)
    return FileResult(
        Document(shown, model.data, text, positions=dict(positions)),
        _problems(shown, problems),
        bool(unreadable),
        model,
        _problems(shown, findings),
        key,
        cached=True,
    )


class _ModelPickler(pickle.Pickler):
    """Stores a dataclass as its class and field values, to be rebuilt by its constructor.

    Twice as fast to read back as pickle's default for slotted dataclasses, which sets
    the fields one by one through a generic ``__setstate__``.
    """

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, type) or not dataclasses.is_dataclass(obj):
            return NotImplemented
        fields = dataclasses.fields(obj)
        if not all(f.init for f in fields):
            return NotImplemented
        return type(obj), tuple(getattr(obj, f.name) for f in fields)


class _ModelUnpickler(pickle.Unpickler):
    """Makes devagree's model dataclasses and enums and ``datetime.date``, and nothing else.

    Building one of these runs no code but devagree's own constructors, so a cache file
    planted by someone else cannot make the unpickler do anything but build data.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name == "date":
            return date
        if module in _MODEL_MODULES:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a stored model")


def read_segment(path: Path) -> dict[str, Any]:
    """The entries of a segment: a magic line, a CRC-32 line, then the pickled entries.

    ValueError when the segment is of another layout or its checksum says it was damaged.
    The file is mapped, not copied: a workbook of 10,000 agreements has 130 MB of entries.
    """
    with (
        open_regular(path) as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        start = len(_MAGIC) + 9
        if data[: len(_MAGIC)] != _MAGIC or data[start - 1 : start] != b"\n":
            raise ValueError("not a segment of this layout")
        with memoryview(data) as view:
            checksum = zlib.crc32(view[start:])
        if data[len(_MAGIC) : start - 1] != b"%08x" % checksum:
            raise ValueError("the segment is damaged")
        data.seek(start)
        # Unpickling makes many objects and no garbage; the collector's passes over them
        # would cost a third of the load.
        collecting = gc.isenabled()
        gc.disable()
        try:
            entries = _ModelUnpickler(data).load()
        finally:
            if collecting:
                gc.enable()
    if not isinstance(entries, dict):
        raise ValueError("not a segment of this layout")
    return entries


class _Summing:
    """A file that keeps the CRC-32 of what is written through it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.crc = 0

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        return self.out.write(data)


def write_segment(folder: Path, entries: dict[str, Any]) -> Path | None:
    """A new segment of ``entries`` in ``folder``, written whole or not at all.

    The entries are pickled straight into the file (no copy of them in memory), and the
    checksum is filled in at the end. None when an entry cannot be pickled (a model of a
    kind the cache does not know).
    """
    from devagree.core.write_path import atomic_output

    target = folder / f"{os.urandom(8).hex()}{SEGMENT}"
    try:
        with atomic_output(target, durable=False) as out:
            out.write(_MAGIC + b"00000000\n")
            summing = _Summing(out)
            try:
                _ModelPickler(summing, protocol=5).dump(entries)
            except (pickle.PicklingError, TypeError, AttributeError) as err:
                raise _NotStorable from err
            out.seek(len(_MAGIC))
            out.write(b"%08x" % summing.crc)
    except _NotStorable:
        return None
    return target


def _write(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a file."""
    from devagree.core.write_path import atomic_output

    with atomic_output(target, durable=False) as out:
        out.write(data)


class _NotStorable(Exception):
    """An entry cannot be pickled (a model of a kind the cache does not know)."""


SETTINGS_FILE = "settings.json"
"""devagree.yaml's data as a check found it valid, beside the key of its bytes."""


def remembered_config(root: Path, raw: bytes) -> dict[str, Any] | None:
    """The data of the workbook's devagree.yaml, when a check found these bytes valid before.

    So a check of an unchanged workbook does not parse and validate its settings again (nor
    load the YAML and schema libraries to do it). None when there is no such entry.
    """
    import json

    try:
        stored = json.loads((root / FOLDER / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != _config_key(raw):
        return None
    data = stored.get("data")
    return data if isinstance(data, dict) else None


def remember_config(root: Path, raw: bytes, data: dict[str, Any]) -> None:
    """Keep devagree.yaml's data (valid, with no problem) for the next check."""
    import json

    if remembered_config(root, raw) == data:
        return
    try:
        (root / FOLDER).mkdir(exist_ok=True)
        text = json.dumps({"key": _config_key(raw), "data": data}, ensure_ascii=False)
        _write(root / FOLDER / SETTINGS_FILE, text.encode("utf-8"))
    except (OSError, TypeError, ValueError):
        return  # a read-only folder, or data JSON cannot hold: parsed again next time


def _config_key(raw: bytes) -> str:
    return hashlib.sha256(context_key("settings") + raw).hexdigest()


def context_key(language: str) -> bytes:
    """What, besides a file's bytes, decides what the file gives (see the module's text)."""
    from devagree.version import __version__

    digest = hashlib.sha256()
    for part in (f"format {FORMAT}", __version__, sys.version, language, *_code_stamps()):
        digest.update(part.encode() + b"\0")
    return digest.digest()


@cache
def _code_stamps() -> tuple[str, ...]:
    """Name, size and modification time of every file of code or data the result uses.

    devagree's own modules, schemas and message catalogues, and the parsing and schema
    libraries: the version alone is not enough, because in a checkout or an editable
    install the code changes while the version stays. Size and time, as Python itself
    uses to decide whether a compiled module is stale.
    """
    from importlib.util import find_spec

    from devagree.core.resources import data_file

    stamps: list[str] = []
    package = Path(__file__).resolve().parent.parent  # the whole devagree package
    stamps.extend(_folder_stamps(package, package))
    for kind in ("agreement", "strategy", "workbook"):
        try:
            schema = data_file("schemas", f"{kind}.schema.json")
            stamps.append(f"{kind} {hashlib.sha256(schema.read_bytes()).hexdigest()}")
        except FileNotFoundError:
            stamps.append(f"{kind} -")
    for name in _LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin is None or not os.path.isfile(origin):
            stamps.append(f"{name} -")
            continue
        # The file Python loads first is enough: an upgrade writes it afresh.
        stamps.append(f"{name} {_stamp(Path(origin), Path(origin).parent)}")
    return tuple(stamps)


def _folder_stamps(folder: Path, base: Path) -> list[str]:
    """Stamps of the package's code and data files below ``folder``.

    The ``.po`` catalogues count too: in a checkout ``i18n.translations`` reads a ``.po``
    that is newer than its ``.mo``, so an edited translation changes the messages.
    """
    stamps = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            stamps.extend(_folder_stamps(path, base))
        elif path.suffix in (".py", ".mo", ".po", ".json", ".so"):
            stamps.append(_stamp(path, base))
    return stamps


def _stamp(path: Path, base: Path) -> str:
    status = path.stat()
    return f"{path.relative_to(base).as_posix()} {status.st_size} {status.st_mtime_ns}"
