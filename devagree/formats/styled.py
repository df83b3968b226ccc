"""Text with styles on some of its parts, printed without rich where no style can show.

`check` prints its problems in colour on a terminal. In a pipe (the pre-commit hook, CI, a
file) the same text goes out plain, and rich (about a tenth of the start-up of a check from
the cache) is not even loaded for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


@dataclass(frozen=True, slots=True)
class Styled:
    parts: tuple[tuple[str, str], ...]
    """The text in order, each part with a rich style name ("" for none)."""

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.parts)

    def text(self) -> Text:
        """The same as a rich ``Text``, for a terminal."""
        from rich.text import Text

        return Text.assemble(*self.parts)
