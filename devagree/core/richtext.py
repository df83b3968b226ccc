"""The rich-text subset of agreement rows, parsed into neutral blocks for the renderers.

Rows are written in a small Markdown subset: paragraphs separated by a blank line, ``-``
bullets, ``1.`` numbered lists, ``**bold**`` and ``*italic*``. markdown-it-py parses it (its
"zero" preset with only those rules switched on), so everything else in the text, HTML
included, stays literal text instead of being half-understood by hand-written patterns.

Renderers (Word, terminal, Markdown) walk the blocks and never see Markdown syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list entry; ``level`` is 0 for a top-level entry, 1 for a nested one, ..."""

    runs: Runs
    level: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    items: tuple[ListItem, ...]
    start: int = 1


Block = Union[Paragraph, BulletList, NumberedList]  # noqa: UP007 - used at runtime


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["paragraph", "list", "emphasis", "newline", "escape"])


def parse(text: str) -> tuple[Block, ...]:
    """The blocks of one rich-text value (an empty text gives no blocks)."""
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    # Open lists, innermost last: [kind, start, items].
    lists: list[tuple[str, int, list[ListItem]]] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append((kind, start, []))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            kind_open, start, items = lists.pop()
            if lists:
                lists[0][2].extend(items)  # nested entries travel with the outermost list
            elif kind_open == "bullet_list_open":
                blocks.append(BulletList(tuple(items)))
            else:
                blocks.append(NumberedList(tuple(items), start))
        elif kind == "inline":
            runs = _runs(token.children or [])
            if not runs:
                continue
            if lists:
                outer = lists[0][2]
                level = len(lists) - 1
                if outer and outer[-1].level == level and _continues_item(index, tokens):
                    # A second paragraph of the same entry joins it with a space.
                    merged = list(outer[-1].runs)
                    for run in (Run(" "), *runs):
                        _append(merged, run)
                    outer[-1] = ListItem(tuple(merged), level)
                else:
                    outer.append(ListItem(runs, level))
            else:
                blocks.append(Paragraph(runs))
    return tuple(blocks)


def _continues_item(index: int, tokens: list[Token]) -> bool:
    """Whether the inline token at ``index`` continues a list entry that already has text."""
    # inline is preceded by paragraph_open; an entry's first paragraph follows list_item_open.
    return index >= 2 and tokens[index - 2].type != "list_item_open"


def _runs(children: list[Token]) -> Runs:
    runs: list[Run] = []
    bold = italic = False
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("softbreak", "hardbreak"):
            _append(runs, Run(" ", bold, italic))
        elif kind == "text" and child.content:
            _append(runs, Run(child.content, bold, italic))
    return tuple(runs)


def _append(runs: list[Run], run: Run) -> None:
    """Merge with the previous run when the formatting is the same (fewer Word runs)."""
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
    else:
        runs.append(run)


def parse_texts(value: str | list[str]) -> tuple[Block, ...]:
    """A row value: rich text, or a list of texts (one bullet each, as the seed shows them)."""
    if isinstance(value, str):
        return parse(value)
    items: list[ListItem] = []
    for text in value:
        for block in parse(text):
            if isinstance(block, Paragraph):
                items.append(ListItem(block.runs))
            else:
                items.extend(ListItem(i.runs, i.level + 1) for i in block.items)
    return (BulletList(tuple(items)),) if items else ()


def plain(blocks: tuple[Block, ...]) -> str:
    """The text of the blocks without formatting, one line per paragraph or entry."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append("".join(r.text for r in block.runs))
        else:
            lines.extend("".join(r.text for r in item.runs) for item in block.items)
    return "\n".join(lines)
