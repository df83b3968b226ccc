"""What `devagree init` puts in a new workbook: file names and their content.

Pure: it returns the files to create and writes nothing, so the command decides what to keep
(an existing file is never touched) and the tests can look at the plan without a disk.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from devagree import git
from devagree.core.resources import data_file
from devagree.drafting.writer import inline

SCHEMAS = ("agreement.schema.json", "workbook.schema.json", "strategy.schema.json")
"""Bundled schemas copied into the workbook so editors validate without a network."""

LANGUAGES = ("da", "en")

GITIGNORE = PurePosixPath(".gitignore")
GITIGNORE_LINES = (
    "# devagree: lock files of files being changed, and temporary files of a write",
    ".*.lock",
    ".*.tmp",
    "# devagree check keeps what unchanged files gave here (the folder is safe to delete)",
    ".devagree-cache/",
)
"""What `.gitignore` needs so that devagree's lock, temporary and cache files stay out of git."""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file of the new workbook, relative to its folder (always with forward slashes)."""

    path: PurePosixPath
    content: bytes


def _settings_text(municipality: str, language: str) -> str:
    town = (
        f"municipality: {inline(municipality)}"
        if municipality.strip()
        else "# municipality: Eksempel Kommune"
    )
    return (
        "# yaml-language-server: $schema=schemas/workbook.schema.json\n"
        "# Indstillinger for denne mappe med udviklingsaftaler (læses af devagree).\n"
        "kind: workbook\n"
        "version: 1\n"
        f"{town}\n"
        "# Sprog i Word-dokumenter og rapporter: da (dansk) eller en (engelsk).\n"
        f"language: {language}\n"
        "# Mapper med aftalerne, set fra denne fil.\n"
        "paths:\n"
        "  - agreements\n"
        "# En Word-skabelon i stedet for den indbyggede (lav en med `devagree template`):\n"
        "# template: templates/udviklingsaftale.docx\n"
        "# Skift alvoren af en regel, eller slå den fra (se `devagree codes`):\n"
        "# rules:\n"
        "#   DA208: error   # forfaldne punkter får CI til at fejle\n"
        "#   DA207: off     # punkter med deadline uden for aftalens periode\n"
    )


def _readme_text(municipality: str) -> str:
    heading = f"Udviklingsaftaler, {municipality}" if municipality.strip() else "Udviklingsaftaler"
    return f"""# {heading}

Denne mappe rummer udviklingsaftalerne mellem udvalget og centrene. Aftalerne er tekstfiler
(YAML), som programmet `devagree` tjekker og laver Word-dokumenter af.

## Hvor ligger hvad

- `agreements/`: én fil pr. aftale, fx `agreements/slagelse-chp-2016.yaml`.
- `devagree.yaml`: indstillinger (kommune, sprog, Word-skabelon, regler).
- `schemas/`: beskrivelsen af filernes felter, så editoren (fx VS Code med udvidelsen
  "YAML" fra Red Hat) kan foreslå felter og vise fejl, også uden net.

## Sådan gør du

Kør kommandoerne i denne mappe:

| opgave | kommando |
|---|---|
| skriv en ny aftale (programmet spørger) | `devagree new` |
| tjek alle aftaler: manglende felter, datoer, deadlines, underskrifter | `devagree check` |
| se overskredne deadlines og dem i de næste 30 dage | `devagree deadlines --within 30d` |
| lav Word-dokumentet til udvalgets dagsorden | `devagree render agreements/AFTALE.yaml` |

`devagree check` slutter med "ingen problemer", når alt er i orden. Ellers står der for hver
fejl filen, linjen og hvad der er galt, fx `agreements/x.yaml:12:5 DA209 ...`; koderne
forklares af `devagree codes`.

Tekstfelter skrives som almindelig tekst: et afsnit pr. linje med en tom linje imellem,
punkter med `- ` forrest, **fed** med `**fed**`.
"""


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            "./schemas/agreement.schema.json": ["agreements/**/*.yaml", "agreements/**/*.yml"],
            "./schemas/workbook.schema.json": ["devagree.yaml"],
        }
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def _vscode_extensions() -> str:
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def _bundled_schemas() -> list[PlannedFile]:
    found: list[PlannedFile] = []
    for name in SCHEMAS:
        try:
            content = data_file("schemas", name).read_bytes()
        except FileNotFoundError:
            if name != "strategy.schema.json":  # newer than the other two; optional here
                raise
            continue
        found.append(PlannedFile(PurePosixPath("schemas", name), content))
    return found


def plan_workbook(municipality: str = "", language: str = "da") -> list[PlannedFile]:
    """The files of a new workbook, in the order they are reported."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    files = [
        PlannedFile(
            PurePosixPath("devagree.yaml"), _settings_text(municipality, language).encode()
        ),
        PlannedFile(PurePosixPath("agreements", ".gitkeep"), b""),
        PlannedFile(PurePosixPath("README.md"), _readme_text(municipality).encode()),
        *_bundled_schemas(),
        PlannedFile(PurePosixPath(".vscode", "settings.json"), _vscode_settings().encode()),
        PlannedFile(PurePosixPath(".vscode", "extensions.json"), _vscode_extensions().encode()),
        PlannedFile(GITIGNORE, "".join(f"{line}\n" for line in GITIGNORE_LINES).encode()),
    ]
    return files


GITATTRIBUTES = PurePosixPath(".gitattributes")


def gitattributes_lines(folders: Sequence[str]) -> tuple[str, ...]:
    """What `.gitattributes` needs so that the agreement files in ``folders`` (the
    workbook's `paths`) merge with devagree's merge driver."""
    lines = [
        "# devagree: agreement files merge with devagree's merge driver, so follow-up and",
        "# signatures recorded in two clones are united (run `devagree init` in each clone)",
    ]
    for folder in folders:
        path = PurePosixPath(folder.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            continue  # outside the workbook: no pattern here reaches it
        prefix = "" if path == PurePosixPath(".") else f"{path.as_posix()}/"
        for suffix in ("yaml", "yml"):
            pattern = f"{prefix}**/*.{suffix}"
            if any(c.isspace() or c in '"\\' for c in pattern):
                pattern = '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{pattern} {git.ATTRIBUTE}")
    return tuple(lines)
