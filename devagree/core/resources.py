"""Files devagree ships: JSON Schemas and Word templates.

In an installed wheel they live in ``devagree/_data`` (the build copies the repository's
top-level ``schemas/`` and ``templates/`` there); in a source checkout they are read from
those top-level folders, so the repository keeps one copy of each.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def data_file(folder: str, name: str) -> Traversable:
    """The shipped file ``folder/name``, from the wheel or from the source tree."""
    packaged = files("devagree").joinpath("_data", folder, name)
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / folder / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"devagree is installed without its {folder}/{name}; reinstall it")
