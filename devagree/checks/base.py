"""What every check sees and yields; the engine turns findings into located problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from devagree.core.model import Agreement
from devagree.core.paths import Path_
from devagree.core.problems import Severity
from devagree.core.strategy_model import Strategy


@dataclass(frozen=True, slots=True)
class Finding:
    """A check's finding: which file, where in it (keys and indexes), and what is wrong."""

    source: str
    where: Path_
    message: str
    at_key: bool = False
    """Point at the key rather than its value (for "this field should not be here")."""


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a check may look at: the whole workbook, and the day it is checked on."""

    agreements: tuple[Agreement, ...]
    as_of: date
    strategies: tuple[Strategy, ...] = ()

    @property
    def documents(self) -> tuple[Agreement | Strategy, ...]:
        """Agreements and strategies together, for rules about every document."""
        return (*self.agreements, *self.strategies)


@dataclass(frozen=True, slots=True)
class Code:
    """A problem code with its default severity and its documentation."""

    code: str
    severity: Severity
    title: str
    doc: str
    check: Callable[[Context], Iterable[Finding]] | None = None
    adjustable: bool = True
    """Whether devagree.yaml may change its severity or switch it off."""
    per_document: bool = False
    """The check looks at one document at a time and not at the day (``PER_DOCUMENT`` in
    its module): its findings for a file depend on that file alone, so `check` may keep
    them with the file's other results and not run it again on an unchanged file."""


def title_and_text(doc: str) -> tuple[str, str]:
    """A rule's docstring as its title (the first line) and its text (the rest).

    Both are message ids, so the extractor (``i18n_tools``) splits docstrings with this too.
    """
    title, _, rest = doc.strip().partition("\n")
    return title.strip(), rest.strip()


def rule(module: ModuleType) -> Code:
    """A check module as a registry entry: its docstring's first line is its title."""
    title, text = title_and_text(module.__doc__ or "")
    return Code(
        module.CODE,
        module.SEVERITY,
        title,
        text,
        module.check,
        per_document=getattr(module, "PER_DOCUMENT", False),
    )
