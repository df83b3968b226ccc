"""Files devagree ships: JSON Schemas and Word templates.

In an installed wheel they live in ``devagree/_data`` (the build copies the repository's
top-level ``schemas/`` and ``templates/`` there); in a source checkout they are read from
those top-level folders, so the repository keeps one copy of each.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The installed package: always a folder (a wheel is unpacked), so a plain path will do,
and costs less than importlib.resources at every start."""


def data_file(folder: str, name: str) -> Path:
    """The shipped file ``folder/name``, from the wheel or from the source tree."""
    packaged = PACKAGE / "_data" / folder / name
    if packaged.is_file():
        return packaged
    checkout = PACKAGE.parent / folder / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"devagree is installed without its {folder}/{name}; reinstall it")
