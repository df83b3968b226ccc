"""Finding a workbook's YAML files on disk, in an order that is the same on every machine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    """YAML files under ``folder`` in a stable order (hidden files and folders skipped).

    The order is that of the paths' parts, as ``sorted(folder.rglob("*"))`` gives; the
    walk skips hidden folders instead of listing them, and builds a Path only for the
    files it yields (a workbook of 10,000 agreements is walked in milliseconds).
    """
    found: list[tuple[str, ...]] = []
    top = str(folder)
    for current, folders, files in os.walk(top):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = () if current == top else tuple(Path(current).relative_to(top).parts)
        for name in files:
            wanted = name.endswith((".yaml", ".yml")) and not name.startswith(".")
            # A named pipe or device is found too, so reading refuses it (DA001) instead
            # of leaving it out unsaid; a broken link is passed over.
            if wanted and os.path.exists(os.path.join(current, name)):
                found.append((*relative, name))
    for parts in sorted(found):
        yield folder.joinpath(*parts)
