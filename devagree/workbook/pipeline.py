"""The pipeline: find files, load them, validate, build the model, run the checks.

Everything a command needs about a workbook comes from ``check_workbook``; it never prints
and never reads the clock (the day of the check is a parameter).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devagree.checks import CODES, RULES, Context
from devagree.core.errors import UsageError
from devagree.core.loader import Document, LoadError, decode, load, read_raw, read_text
from devagree.core.model import Agreement, agreement_from_data
from devagree.core.paths import Path_, display_path
from devagree.core.problems import Problem, Severity
from devagree.core.salvage import within
from devagree.core.schema import validate, validate_places
from devagree.core.settings import CONFIG_NAME, DEFAULT_PATHS, Settings, find_config
from devagree.core.strategy_model import Strategy, strategy_from_data
from devagree.i18n import DEFAULT as DEFAULT_LANGUAGE
from devagree.i18n import _
from devagree.workbook.discover import iter_yaml_files
from devagree.workbook.git_setup import merge_driver_problems

if TYPE_CHECKING:
    from devagree.workbook.cache import CheckCache, FileResult

KINDS = ("agreement", "strategy")
"""Document kinds a workbook folder may hold (devagree.yaml itself is `kind: workbook`)."""


@dataclass(slots=True)
class Workbook:
    """What was read: settings, the documents that passed the schema, and every problem."""

    settings: Settings
    agreements: list[Agreement] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Every file that was looked at, as shown to the user."""
    unreadable: bool = False
    """At least one file could not be read at all (exit code 2)."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)


def _load_problem(shown: str, err: LoadError) -> Problem:
    """The error a file that cannot be loaded gives, at the place the loader named."""
    return Problem(shown, err.line, err.column, err.code, Severity.ERROR, err.message)


def read_document(path: Path) -> tuple[Document | None, Problem | None]:
    """Load one file; an unreadable file gives a located problem instead of a document."""
    shown = display_path(path)
    try:
        return load(shown, read_text(path)), None
    except LoadError as err:
        return None, _load_problem(shown, err)


def workbook_documents(settings: Settings) -> Iterator[Document]:
    """Every readable document in the workbook's folders, in the workbook's order (for a
    command that asks what the workbook already holds: ids, imported documents)."""
    from devagree.workbook.discover import iter_yaml_files

    for folder in settings.paths:
        path = settings.root / folder
        if path.is_dir():
            for file in iter_yaml_files(path):
                document, _problem = read_document(file)
                if document is not None:
                    yield document


def read_file(path: Path, cache: CheckCache | None = None, shown: str = "") -> FileResult:
    """One file loaded and validated against its kind's schema, or taken from the cache.

    A file of a known kind that fails the schema still gets a model, salvaged around what
    the schema refused, so the rules can report the rest of it in the same run.
    """
    from devagree.workbook.cache import FileResult

    shown = shown or display_path(path)
    try:
        raw, size = read_raw(path)
        text = decode(raw, size)
    except LoadError as err:
        return FileResult(None, [_load_problem(shown, err)], unreadable=True)
    key = ""
    if cache is not None:
        key = cache.key(raw)
        remembered = cache.lookup(key, shown, text)
        if remembered is not None:
            return remembered
    try:
        document = load(shown, text)
    except LoadError as err:
        return FileResult(None, [_load_problem(shown, err)], unreadable=True, key=key)
    found, refused = _document_problems(document)
    document.keep_positions(rule_places(document.data))
    if not found:
        return FileResult(document, [], key=key)
    return FileResult(document, found, key=key, model=_salvaged(document, refused))


def rule_places(data: dict[str, Any]) -> list[Path_]:
    """Where the rules that run on every check (not kept in the cache) may point: the id
    (DA203), each item's deadline (DA208) and links (DA211). Their positions are kept with
    the file's entry in the cache, so a check from the cache composes no YAML to say them."""
    places: list[Path_] = [("id",)]
    items = data.get("items")
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, dict):
            places.append(("items", index, "deadline"))
            links = item.get("links")
            places.extend(
                ("items", index, "links", n)
                for n in range(len(links) if isinstance(links, list) else 0)
            )
    return places


def _salvaged(document: Document, refused: frozenset[Path_]) -> Agreement | Strategy | None:
    """The model of a document that fails the schema (None for an unknown kind)."""
    from devagree.core.salvage import salvage_agreement, salvage_strategy

    kind = document.data.get("kind")
    if kind == "agreement":
        data, broken = salvage_agreement(document.data, refused)
        return agreement_from_data(document.path, data, broken)
    if kind == "strategy":
        data, broken = salvage_strategy(document.data, refused)
        return strategy_from_data(document.path, data, broken)
    return None


def load_settings(start: Path, cache: bool = False) -> tuple[Settings, list[Problem], bool]:
    """Settings from the nearest devagree.yaml (defaults when there is none).

    Returns the settings, the problems found in devagree.yaml, and whether it was unreadable.
    With ``cache``, a devagree.yaml that is byte for byte the one a check found valid before
    is taken from the check cache instead of being parsed and validated again.
    """
    config = find_config(start)
    if config is None:
        # No settings file: the workbook is the folder named, or the current one for a file.
        root = start if start.is_dir() else Path.cwd()
        return Settings(root=root.resolve()), [], False
    shown = display_path(config)
    try:
        raw, size = read_raw(config)
        remembered = _remembered_config(config, raw) if cache else None
        if remembered is not None:
            return _settings(config, remembered, _severities(remembered)), [], False
        document = load(shown, decode(raw, size))
    except LoadError as err:
        return Settings(root=config.parent, config=config), [_load_problem(shown, err)], True
    problems = validate(document, "workbook")
    if problems:
        return Settings(root=config.parent, config=config), problems, False
    data = document.data
    rule_problems = _rule_problems(document)
    if cache and not rule_problems:
        from devagree.workbook.cache import remember_config

        remember_config(config.parent, raw, data)
    return _settings(config, data, _severities(data)), rule_problems, False


def _remembered_config(config: Path, raw: bytes) -> dict[str, Any] | None:
    from devagree.workbook.cache import remembered_config

    return remembered_config(config.parent, raw)


def _settings(
    config: Path, data: dict[str, Any], severities: dict[str, Severity | None]
) -> Settings:
    return Settings(
        root=config.parent,
        config=config,
        municipality=data.get("municipality", ""),
        language=data.get("language", "da"),
        paths=tuple(data.get("paths", DEFAULT_PATHS)),
        template=data.get("template", ""),
        lock_timeout=float(data["lock_timeout"]) if "lock_timeout" in data else None,
        severities=severities,
        import_labels=dict((data.get("import") or {}).get("labels") or {}),
    )


def workbook_language(start: Path, cache: bool = False) -> str | None:
    """The `language` of the nearest devagree.yaml, read cheaply (None without one).

    A workbook that does not say is Danish, as ``Settings`` has it. With ``cache``, a
    devagree.yaml a check found valid before is not parsed again.
    """
    config = find_config(start)
    if config is None:
        folder = start if start.is_dir() else start.parent
        # A folder with agreements/ is a workbook too (with the default settings).
        return DEFAULT_LANGUAGE if (folder / DEFAULT_PATHS[0]).is_dir() else None
    data: Any = None
    if cache:
        try:
            data = _remembered_config(config, read_raw(config)[0])
        except LoadError:
            data = None
    if data is None:
        document, _problem = read_document(config)
        data = document.data if document is not None else {}
    language = data.get("language")
    return language if isinstance(language, str) else DEFAULT_LANGUAGE


def _severities(data: dict[str, Any]) -> dict[str, Severity | None]:
    """The severities devagree.yaml sets under `rules:`, for the codes that may be set."""
    severities: dict[str, Severity | None] = {}
    for code, value in (data.get("rules") or {}).items():
        known = CODES.get(code)
        if known is not None and known.adjustable:
            severities[code] = None if value == "off" else Severity(value)
    return severities


def _rule_problems(document: Document) -> list[Problem]:
    """A code under `rules:` that does not exist or cannot be set (DA301)."""
    problems: list[Problem] = []
    for code in document.data.get("rules") or {}:
        known = CODES.get(code)
        if known is not None and known.adjustable:
            continue
        line, column = document.key_position(("rules", code))
        if known is None:
            said = _(
                "`{code}` is not a devagree problem code; only these codes can be set: {codes}"
            )
        else:
            said = _("`{code}` cannot be changed; only these codes can be set: {codes}")
        settable = ", ".join(c.code for c in CODES.values() if c.adjustable)
        message = said.format(code=code, codes=settable)
        problems.append(Problem(document.path, line, column, "DA301", Severity.ERROR, message))
    return problems


def discover(paths: Sequence[Path], settings: Settings) -> list[Path]:
    """The YAML files to read: the named files, files under named folders, or the workbook's."""
    if not paths:
        folders = [settings.root / p for p in settings.paths]
        missing = [f for f in folders if not f.is_dir()]
        if missing:
            where = ", ".join(display_path(f) for f in missing)
            raise UsageError(
                _(
                    "no agreements folder here ({where} does not exist); run devagree in a "
                    "workbook folder (one with {config} or agreements/), or name the files "
                    "to check"
                ).format(where=where, config=CONFIG_NAME)
            )
        paths = folders
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(iter_yaml_files(path))
        elif path.exists() or path.suffix in (".yaml", ".yml"):
            found.append(path)  # a missing file is reported by the loader with its name
        else:
            raise UsageError(_("{path}: no such file or folder").format(path=path))
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def check_workbook(
    paths: Sequence[Path], as_of: date, start: Path | None = None, cache: bool = False
) -> Workbook:
    """Read and check a workbook (or the named files) as of the given day.

    Named files are checked against the whole workbook they belong to, so a link or an id
    in one file is resolved against the others; only the named files' problems and
    documents are returned. With ``cache``, what each file gives on its own is remembered
    in the workbook's cache folder and taken from there while the file is unchanged
    (``check_cache``); the result is the same.
    """
    settings, problems, unreadable = load_settings(
        start or (paths[0] if paths else Path.cwd()), cache=cache
    )
    workbook = Workbook(settings, problems=list(problems), unreadable=unreadable)
    remembered = open_cache(settings) if cache else None
    cached_findings: dict[str, list[Problem]] = {}
    named = _by_real_path(discover(paths, settings))
    around = _by_real_path(_workbook_files(paths, settings))
    config = settings.config.resolve() if settings.config else None
    documents: dict[str, Document] = {}
    context_agreements: list[Agreement] = []
    context_strategies: list[Strategy] = []
    # Workbook order first, so "the first file with this id" means the same as in a full check.
    files = [*around.items(), *((r, p) for r, p in named.items() if r not in around)]
    for resolved, path in files:
        reported = resolved in named
        shown = display_path(path)
        if reported:
            workbook.sources.append(shown)
        if resolved == config:
            continue  # devagree.yaml was read as the settings above
        result = read_file(path, remembered, shown)
        document = result.document
        model = result.model
        if document is not None and document.data.get("kind") == "workbook":
            if reported:
                workbook.problems.extend(result.problems)
            continue  # the settings of a workbook inside the folder: checked, not a document
        if document is not None and model is None and not result.problems:
            if document.data["kind"] == "strategy":
                model = strategy_from_data(document.path, document.data)
            else:
                model = agreement_from_data(document.path, document.data)
        if remembered is not None and not result.cached:
            remembered.remember(shown, result, model)
        if reported:
            workbook.problems.extend(result.problems)
            workbook.unreadable = workbook.unreadable or result.unreadable
        if document is None or model is None:
            continue
        if result.cached and result.findings is not None:
            cached_findings[document.path] = result.findings
        documents[document.path] = document
        # A model salvaged from a file that fails the schema is checked with the others
        # (its links resolve, its ids count), but only a valid one is given to commands.
        valid = not result.problems
        if isinstance(model, Strategy):
            context_strategies.append(model)
            if reported and valid:
                workbook.strategies.append(model)
        else:
            context_agreements.append(model)
            if reported and valid:
                workbook.agreements.append(model)
    context = Context(tuple(context_agreements), as_of, tuple(context_strategies))
    broken = {m.source: m.broken for m in context.documents if m.broken}
    # Per-document rules run only on documents whose findings the cache did not have.
    fresh = Context(
        tuple(a for a in context_agreements if a.source not in cached_findings),
        as_of,
        tuple(s for s in context_strategies if s.source not in cached_findings),
    )
    reported_sources = set(workbook.sources)
    for code in RULES:
        assert code.check is not None
        if code.per_document and not (fresh.agreements or fresh.strategies):
            continue  # every document's findings came from the cache
        keep = remembered is not None and code.per_document
        for finding in code.check(fresh if code.per_document else context):
            if finding.source not in reported_sources and not keep:
                continue
            if finding.source in broken and within(finding.where, broken[finding.source]):
                continue  # the schema problem there already says what is wrong
            document = documents[finding.source]
            line, column = (
                document.key_position(finding.where)
                if finding.at_key
                else document.position(finding.where)
            )
            problem = Problem(
                finding.source, line, column, code.code, code.severity, finding.message
            )
            if keep:
                assert remembered is not None
                remembered.add_finding(problem)
            if finding.source in reported_sources:
                workbook.problems.append(problem)
    for source, found in cached_findings.items():
        if source in reported_sources:
            workbook.problems.extend(found)
    if remembered is not None:
        remembered.save(whole=not paths)
    workbook.problems.extend(merge_driver_problems(settings))
    workbook.problems = sorted(_apply(settings, workbook.problems))
    return workbook


def open_cache(settings: Settings) -> CheckCache | None:
    """The workbook's cache; none outside a workbook (no devagree.yaml to put it beside)."""
    if settings.config is None:
        return None
    from devagree.i18n import current_language
    from devagree.workbook.cache import CheckCache

    # The messages' language: the one in use, and the workbook's (should the CLI choose later).
    return CheckCache(settings.root, f"{current_language()} {settings.language}")


def _by_real_path(paths: Iterable[Path]) -> dict[Path, Path]:
    """Each path by its resolved form (``Path.resolve``), resolving each folder only once.

    Resolving looks at every folder on the way; a workbook's files share a few folders,
    so only a file that is itself a symbolic link is resolved in full.
    """
    folders: dict[Path, Path] = {}
    found: dict[Path, Path] = {}
    for path in paths:
        if path.name in ("", ".", "..") or path.is_symlink():
            found[path.resolve()] = path
            continue
        parent = folders.get(path.parent)
        if parent is None:
            parent = folders[path.parent] = path.parent.resolve()
        found[parent / path.name] = path
    return found


def _workbook_files(paths: Sequence[Path], settings: Settings) -> list[Path]:
    """The rest of the workbook, read for cross-file rules when only some files are named."""
    if not paths or not all((settings.root / p).is_dir() for p in settings.paths):
        return []
    return discover([], settings)


def _document_problems(document: Document) -> tuple[list[Problem], frozenset[Path_]]:
    """The schema problems of a document, and the places they refuse."""
    kind = document.data.get("kind")
    if kind == "workbook":
        return validate_places(document, "workbook")
    if kind not in KINDS:
        line, column = document.position(("kind",))
        if kind is None:
            said = _(
                "the file has no `kind:`; devagree reads `kind: agreement` and "
                "`kind: strategy` files here (and `kind: workbook` in {config})"
            )
        else:
            said = _(
                "the file has `kind: {kind}`; devagree reads `kind: agreement` and "
                "`kind: strategy` files here (and `kind: workbook` in {config})"
            )
        message = said.format(kind=kind, config=CONFIG_NAME)
        problem = Problem(document.path, line, column, "DA105", Severity.ERROR, message)
        return [problem], frozenset({("kind",)})
    return validate_places(document, str(kind))


def _apply(settings: Settings, problems: Iterable[Problem]) -> Iterable[Problem]:
    for problem in problems:
        adjusted = settings.apply(problem)
        if adjusted is not None:
            yield adjusted
