"""The blank lines and comments that follow a value in a round-trip tree, moved as a whole.

ruamel keeps the lines after a value with that value: in the comment slot of the last
scalar under it, after its own line's comment, or, after a collection written in flow style
(``{state: done}``), at the end of the list or mapping holding it. They belong to what comes
next (a blank line between items, the comment above the next item), so a value added after
them, or one taken away, must move them: ``take_trailing`` removes them from one value and
returns them as whole lines with their indentation, ``put_trailing`` puts them after another.
"""

from __future__ import annotations

from typing import Any


def _block(node: Any) -> bool:
    """A non-empty list or mapping written in block style (its lines can end in comments)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return isinstance(node, CommentedMap | CommentedSeq) and bool(node) and not node.fa.flow_style()


def _last(node: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1


def _end(container: Any, slot: Any) -> tuple[Any, Any, list[Any]]:
    """The innermost (container, slot) of the last value at ``container[slot]``, and the
    block collections passed on the way (innermost last)."""
    passed: list[Any] = []
    node = container[slot]
    while _block(node):
        passed.append(node)
        container, slot = node, _last(node)
        node = node[slot]
    return container, slot, passed


def _post(container: Any) -> int:
    """Where a value's following comment is in ``ca.items``: 2 in a mapping, 0 in a list."""
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _whole_lines(token: Any) -> str:
    """A comment token that starts a line, with the indentation of its first line."""
    value = str(token.value)
    if not value or value.startswith("\n"):
        return value
    column = getattr(getattr(token, "start_mark", None), "column", 0) or 0
    return " " * column + value


def take_trailing(container: Any, slot: Any) -> str:
    """Remove and return the lines that follow the value at ``container[slot]`` (the
    comment on the value's own line stays)."""
    from ruamel.yaml.tokens import CommentToken

    end, key, passed = _end(container, slot)
    moved = ""
    comments = end.ca.items.get(key)
    index = _post(end)
    token = comments[index] if comments and len(comments) > index else None
    if isinstance(token, CommentToken):
        value = str(token.value)
        if _block_scalar(end[key]):  # a block scalar ends with its own line break
            keep, moved = "", _whole_lines(token)
        elif "\n" in value:
            cut = value.index("\n") + 1  # the end of the value's own line (and its comment)
            keep, moved = value[:cut], value[cut:]
        else:
            keep = value
        if keep:
            token.value = keep
        else:
            comments[index] = None
            if not any(comments):
                del end.ca.items[key]
    for collection in reversed(passed):
        tokens = collection.ca.end
        if tokens:
            moved += "".join(_whole_lines(t) for t in tokens)
            collection.ca.end = []
    return moved


def put_trailing(container: Any, slot: Any, lines: str) -> None:
    """Put ``lines`` (from ``take_trailing``) after the value at ``container[slot]``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not lines:
        return
    end, key, _passed = _end(container, slot)
    index = _post(end)
    comments = end.ca.items.setdefault(key, [None, None, None, None])
    while len(comments) <= index:
        comments.append(None)
    token = comments[index]
    if isinstance(token, CommentToken):
        token.value = str(token.value) + lines
        return
    first = "" if _block_scalar(end[key]) else "\n"  # a plain value's line still needs its end
    comments[index] = CommentToken(first + lines, CommentMark(0), None)


def move_trailing(old: Any, new: Any) -> None:
    """Move the lines after the last value of ``old`` (a list or mapping) below ``new``."""
    if _block(old) and _block(new):
        put_trailing(new, _last(new), take_trailing(old, _last(old)))


def drop_trailing(node: Any) -> None:
    """Forget the lines that followed ``node`` where it came from (a node taken from another
    file leaves them there)."""
    if _block(node):
        take_trailing(node, _last(node))
        node.ca.end = []
