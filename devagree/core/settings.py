"""Workbook settings from devagree.yaml, as one frozen value that travels to every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from devagree.core.problems import Problem, Severity

CONFIG_NAME = "devagree.yaml"
DEFAULT_PATHS = ("agreements",)


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    """The folder of the workbook (where devagree.yaml is, or the current folder)."""
    config: Path | None = None
    municipality: str = ""
    language: str = "da"
    paths: tuple[str, ...] = DEFAULT_PATHS
    template: str = ""
    lock_timeout: float | None = None
    """Seconds a command waits for another one writing the same file (None: the default)."""
    severities: dict[str, Severity | None] = field(default_factory=dict)
    """Code → severity set in devagree.yaml; None means switched off."""
    import_labels: dict[str, str] = field(default_factory=dict)
    """`import: labels:` of devagree.yaml: a template's own labels → the item field each fills."""

    def lock_wait(self, override: float | None) -> float | None:
        """Seconds a writer waits for the lock: ``override`` (DEVAGREE_LOCK_TIMEOUT) when
        given, else ``lock_timeout``; None leaves the write path's default."""
        return override if override is not None else self.lock_timeout

    def apply(self, problem: Problem) -> Problem | None:
        """The problem with the workbook's severity for its code, or None when switched off."""
        if problem.code not in self.severities:
            return problem
        severity = self.severities[problem.code]
        return problem.with_severity(severity) if severity is not None else None


def find_config(start: Path) -> Path | None:
    """devagree.yaml in ``start`` or the nearest folder above it, as git finds .git."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_NAME
        if config.is_file():
            return config
    return None
