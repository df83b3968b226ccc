"""Build hook: compile the message catalogues (``.po``) into ``.mo`` files for the wheel.

The ``.mo`` files are build output, so git ignores them. The hook writes each one beside its
``.po`` (an editable install reads it there) and adds it to the wheel explicitly, because the
wheel leaves out files that git ignores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "devagree" / "i18n" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=po.parent.parent.name, domain=po.stem)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalogue)
            if version != "editable":
                build_data["force_include"][str(mo)] = mo.relative_to(root).as_posix()
