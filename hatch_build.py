"""Build hook: compile the message catalogues (``.po``) into ``.mo`` files, and each JSON
Schema into a validator module, for the wheel.

Both are build output, so git ignores them. The hook writes each ``.mo`` beside its ``.po``
and each validator into ``devagree/_validators/`` (an editable install reads them there)
and adds them to the wheel explicitly, because the wheel leaves out files that git ignores.
A validator is the Python code fastjsonschema compiles a schema to; made here, `check` need
not compile it at run time (90 ms, most of a first check of a small workbook).
"""

from __future__ import annotations

import re
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
        for made in write_validators(root):
            if version != "editable":
                build_data["force_include"][str(made)] = made.relative_to(root).as_posix()


def write_validators(root: Path) -> list[Path]:
    """``devagree/_validators/<kind>.py`` for each ``schemas/<kind>.schema.json``.

    Each module holds the schema's SHA-256 (``SCHEMA``), so devagree uses it only while it
    was made from the schema it checks against, and ``validate(data, custom_formats)``.
    """
    import hashlib
    import json

    import fastjsonschema

    folder = root / "devagree" / "_validators"
    folder.mkdir(exist_ok=True)
    made = []
    for schema in sorted((root / "schemas").glob("*.schema.json")):
        kind = schema.name.removesuffix(".schema.json")
        text = schema.read_bytes()
        code = fastjsonschema.compile_to_code(json.loads(text), formats={"date": _date})
        name = re.search(r"^def (\w+)\(data", code, re.MULTILINE)
        assert name is not None, schema
        target = folder / f"{kind}.py"
        target.write_text(
            f"# Made by hatch_build.py from schemas/{schema.name}; git ignores it.\n"
            f"SCHEMA = {hashlib.sha256(text).hexdigest()!r}\n"
            f"{code}\n"
            f"validate = {name.group(1)}\n",
            encoding="utf-8",
        )
        made.append(target)
    return made


def _date(value: object) -> bool:
    """A stand-in: the generated code takes the format's check as an argument."""
    raise NotImplementedError
