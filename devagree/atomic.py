"""Kept for imports written before ``devagree.editing`` took over every file write.

New code imports ``write_atomic`` from ``devagree.editing``, the one module that renames files.
"""

from __future__ import annotations

from devagree.editing import write_atomic

__all__ = ["write_atomic"]
