"""The one module that reads and writes YAML.

Reading composes nodes with libyaml (ruamel's C parser behind ``typ="safe"``), which keeps a
line and column on every node and is about ten times faster than the round-trip loader. A
small iterative walker then turns the nodes into plain values: it rejects what an agreement
never needs and what could hurt (duplicate keys, aliases, foreign tags, deep nesting) and
keeps dates as text, so JSON Schema's ``format: date`` and the model decide what they mean.

Editing (signatures, status updates) loads the round-trip tree instead, so comments and
layout survive; the text it makes is written by ``devagree.core.write_path``, the one write path.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devagree.core.errors import DevagreeError
from devagree.core.files import NotRegularFile, open_regular
from devagree.core.paths import Path_
from devagree.i18n import N_, _

if TYPE_CHECKING:  # ruamel is imported where YAML is read: a check from the cache needs none
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

MAX_BYTES = 2 * 1024 * 1024
"""Larger than any real agreement by two orders of magnitude (the seed is 12 KB)."""

MAX_DEPTH = 64
"""Agreements nest about six levels deep; past this a file is a mistake or an attack."""

_COMPOSER_SAFE_DEPTH = 2000
"""libyaml's composer recurses in C and crashes the process near 30,000 levels."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ = (_TAG + t for t in ("timestamp", "map", "seq"))
_ALLOWED_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ})


class LoadError(DevagreeError):
    """A file that cannot be read as a devagree document, with the place that says why."""

    def __init__(self, code: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Document:
    """A file's plain data and its text, so any later finding can point at the source.

    The node tree that holds the positions is composed again only for a file that has a
    problem to place: keeping every file's tree costs memory and, measured on 1,000
    seed-sized agreements, more time in the garbage collector than composing the few
    files with problems a second time. The places a caller expects to point at can be
    looked up while the tree is at hand (``keep_positions``); they are then answered
    without it, also for a document rebuilt from the check cache.
    """

    path: str
    data: dict[str, Any]
    text: str = field(repr=False)
    _root: MappingNode | None = field(default=None, repr=False)
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    """Places whose line and column are known without composing the text again."""

    def keep_positions(self, places: list[Path_]) -> None:
        """Look ``places`` up now, then let the node tree go."""
        for where in places:
            self.positions[where] = self.position(where)
        self._root = None

    @property
    def root(self) -> MappingNode:
        if self._root is None:
            self._root = compose(self.text)
        return self._root

    def node_at(self, where: Path_) -> Node | None:
        """The deepest node along ``where`` that exists (a missing key points at its parent)."""
        node: Node = self.root
        for step in where:
            child = _child(node, step)
            if child is None:
                return node
            node = child
        return node

    def position(self, where: Path_) -> tuple[int, int]:
        """1-based line and column of the value at ``where`` (or its nearest existing parent)."""
        known = self.positions.get(where)
        if known is not None:
            return known
        node = self.node_at(where)
        return _mark(node) if node is not None else (1, 1)

    def key_position(self, where: Path_) -> tuple[int, int]:
        """1-based line and column of the key that holds ``where`` (the value if it has none)."""
        if where and isinstance(where[-1], str):
            parent = self.node_at(where[:-1])
            from ruamel.yaml.nodes import MappingNode

            if isinstance(parent, MappingNode):
                for key, _value in parent.value:
                    if key.value == where[-1]:
                        return _mark(key)
        return self.position(where)


def _child(node: Node, step: str | int) -> Node | None:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]  # type: ignore[no-any-return]
    return None


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@cache
def _safe_yaml() -> YAML:
    """One configured instance: building a YAML() costs as much as composing a small file."""
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class Yaml12Resolver(VersionedResolver):
        """ruamel's resolver with the YAML version fixed at 1.2.

        The stock one looks the version up for every scalar through two caught exceptions,
        and behind libyaml (which has no Python scanner to ask) always ends at 1.2 anyway:
        measured on 1,000 seed-sized agreements, that lookup was a sixth of all the time
        `check` took.
        """

        @property
        def processing_version(self) -> tuple[int, int]:
            return (1, 2)

    yaml = YAML(typ="safe")
    yaml.Resolver = Yaml12Resolver
    return yaml


def uses_c_parser() -> bool:
    """True when libyaml does the parsing; the pure-Python fallback is ten times slower."""
    return bool(_safe_yaml().Parser.__module__.startswith("ruamel.yaml.clib"))


def decode(raw: bytes, size: int | None = None) -> str:
    """UTF-8 text (a byte-order mark from Windows Notepad is allowed); else a LoadError."""
    if len(raw) > MAX_BYTES:
        raise LoadError(
            "DA010",
            _(
                "the file is {size} MB; devagree reads files up to {limit} MB "
                "(split the workbook into more files)"
            ).format(
                size=f"{(size or len(raw)) / (1024 * 1024):.1f}", limit=MAX_BYTES // (1024 * 1024)
            ),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise LoadError(
            "DA002",
            _(
                "the file is not UTF-8 text (byte {byte}); save it as UTF-8 "
                "in your editor (in Notepad: File > Save as > Encoding: UTF-8)"
            ).format(byte=f"0x{raw[err.start]:02x}"),
            line,
            column,
        ) from None
    return text


def read_raw(path: Path) -> tuple[bytes, int]:
    """A file's bytes (at most one byte past ``MAX_BYTES``) and its size; else a LoadError."""
    try:
        with open_regular(path) as handle:
            raw = handle.read(MAX_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise LoadError("DA001", _("the file does not exist")) from None
    except IsADirectoryError:
        raise LoadError("DA001", _("this is a folder, not a file")) from None
    except NotRegularFile as err:
        raise LoadError("DA001", _("this is {what}").format(what=err.what)) from None
    except OSError as err:
        raise LoadError(
            "DA001", _("the file cannot be read ({reason})").format(reason=err.strerror)
        ) from None
    return raw, size


def read_text(path: Path) -> str:
    """Read a file as text, turning every I/O failure into a LoadError."""
    return decode(*read_raw(path))


def compose(text: str) -> MappingNode:
    """Parse one YAML document to nodes with positions, refusing what devagree never reads."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.nodes import MappingNode
    from ruamel.yaml.reader import ReaderError

    _bound_depth(text)
    try:
        root = _safe_yaml().compose(text)
    except MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except ReaderError as err:  # a character YAML does not allow, at its place
        before = text[: err.position]
        line = before.count("\n") + 1
        column = err.position - (before.rfind("\n") + 1) + 1
        character = err.character if isinstance(err.character, int) else 0
        raise LoadError(
            "DA003",
            _(
                "the file holds the control character U+{code:04X}, which YAML does not "
                "allow; delete it (it is invisible in most editors)"
            ).format(code=character),
            line,
            column,
        ) from None
    except YAMLError as err:  # pragma: no cover - libyaml marks its errors
        raise LoadError(
            "DA003", _("the file is not valid YAML: {detail}").format(detail=err)
        ) from None
    if root is None:
        raise LoadError(
            "DA008", _("the file is empty; it must start with `kind:` and `version: 1`")
        )
    if not isinstance(root, MappingNode):
        line, column = _mark(root)
        raise LoadError(
            "DA008",
            _(
                "the file must be a mapping of keys (`kind: agreement`, `id: ...`), "
                "not a single value or a list"
            ),
            line,
            column,
        )
    return root


def load(path: str, text: str) -> Document:
    """Compose and walk ``text``: the document's plain data and its nodes."""
    root = compose(text)
    try:
        # Without `&` there can be no alias, and without `!` no explicit tag.
        data = to_plain(root, checked="&" in text or "!" in text)
    except LoadError as err:
        if err.code == "DA006":
            err.line, err.column = _first_alias(text) or (err.line, err.column)
        raise
    return Document(path, data, text, root)


def _first_alias(text: str) -> tuple[int, int] | None:
    """Where the first `*alias` is: composed nodes share the anchor's node and its mark."""
    from ruamel.yaml.events import AliasEvent

    for event in _safe_yaml().parse(text):
        if isinstance(event, AliasEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def _bound_depth(text: str) -> None:
    """Refuse nesting that would crash libyaml's recursive composer, before it runs.

    Every collection on a chain of nested ones needs its own indicator character, so their
    total count bounds the depth; only files where that bound is high pay for a scan of the
    (flat) event stream.
    """
    indicators = sum(text.count(c) for c in "[{-:?")
    if indicators < _COMPOSER_SAFE_DEPTH:
        return
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in _safe_yaml().parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise _too_deep(mark.line + 1, mark.column + 1)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except MarkedYAMLError as err:
        raise _syntax_error(err, text) from None


def _too_deep(line: int, column: int) -> LoadError:
    return LoadError(
        "DA009",
        _(
            "the data is nested more than {limit} levels deep here; an agreement needs about six"
        ).format(limit=MAX_DEPTH),
        line,
        column,
    )


def _syntax_error(err: MarkedYAMLError, text: str) -> LoadError:
    from devagree.core.yaml_errors import explain

    return LoadError(*explain(err, text))


_BOOLS = {"true": True, "false": False}
_TAG_SAYS = N_("its tag says")


def _tag(node: Node) -> str:
    """The resolved tag as text; implicit tags skip ruamel's slower Tag.__str__."""
    ctag = node.ctag
    if ctag.handle is None and isinstance(ctag.suffix, str):
        return ctag.suffix
    return str(ctag)


def _scalar(node: ScalarNode) -> Any:
    """Plain value of a scalar; an explicit tag that does not fit its text is refused."""
    try:
        return _scalar_value(node)
    except (ValueError, KeyError):
        wanted = {_INT: N_("a whole number"), _FLOAT: N_("a number"), _BOOL: N_("true or false")}
        raise LoadError(
            "DA003",
            _("the value `{value}` cannot be read as {wanted}; quote it to keep it as text").format(
                value=str(node.value)[:40], wanted=_(wanted.get(_tag(node), _TAG_SAYS))
            ),
            *_mark(node),
        ) from None


def _scalar_value(node: ScalarNode) -> Any:
    """Numbers and booleans typed, dates and text kept as text."""
    tag = _tag(node)
    text: str = node.value
    if tag in (_STR, _TIMESTAMP):
        return text
    if tag == _INT:
        digits = text.replace("_", "")
        sign = -1 if digits.startswith("-") else 1
        digits = digits.lstrip("+-")
        if digits[:2] in ("0x", "0o", "0b"):
            return sign * int(digits, 0)
        return sign * int(digits)
    if tag == _FLOAT:
        lowered = text.lower().replace("_", "")
        if lowered.endswith(".nan"):
            return math.nan
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        return float(lowered)
    if tag == _BOOL:
        return _BOOLS[text.lower()]
    return None  # null


def to_plain(root: Node, checked: bool = True) -> Any:
    """Nodes to dicts, lists and scalars without recursion, refusing what we never accept.

    ``checked=False`` skips the alias and tag checks, for text known to hold neither.
    """
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    seen: set[int] = set()
    holder: dict[str, Any] = {}
    # Collections still to fill: (node, container that receives it, key there, depth).
    stack: list[tuple[Node, Any, Any, int]] = [(root, holder, "root", 1)]
    while stack:
        node, container, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(*_mark(node))
        if checked:
            _refuse_unusual(node, seen)
        if isinstance(node, ScalarNode):
            container[slot] = _scalar(node)
        elif isinstance(node, MappingNode):
            mapping: dict[str, Any] = {}
            container[slot] = mapping
            for key_node, value_node in node.value:
                if checked:
                    _refuse_unusual(key_node, seen)
                key = _key(key_node, mapping)
                mapping[key] = None
                stack.append((value_node, mapping, key, depth + 1))
        else:
            items: list[Any] = [None] * len(node.value)
            container[slot] = items
            for index, item in enumerate(node.value):
                stack.append((item, items, index, depth + 1))
    return holder["root"]


def _refuse_unusual(node: Node, seen: set[int]) -> None:
    if id(node) in seen:
        line, column = _mark(node)
        raise LoadError(
            "DA006",
            _("aliases (`*name`) are not allowed; write the text out where it is needed"),
            line,
            column,
        )
    seen.add(id(node))
    if _tag(node) not in _ALLOWED_TAGS:
        tag = _tag(node).replace(_TAG, "!!")
        raise LoadError(
            "DA007",
            _(
                "the tag `{tag}` is not allowed; devagree reads plain text, numbers, dates, "
                "lists and mappings only"
            ).format(tag=tag),
            *_mark(node),
        )


def _key(node: Node, mapping: dict[str, Any]) -> str:
    from ruamel.yaml.nodes import ScalarNode

    line, column = _mark(node)
    if not isinstance(node, ScalarNode):
        raise LoadError(
            "DA003", _("a key must be a plain word, not a list or mapping"), line, column
        )
    key = str(node.value)
    if key in mapping:
        message = _("the key `{key}` appears twice in the same mapping").format(key=key)
        raise LoadError("DA005", message, line, column)
    return key


# --- editing ---------------------------------------------------------------------------------


def round_trip() -> YAML:
    """A loader/dumper that keeps comments, quoting and layout of files we edit.

    It never writes an anchor and alias: two values that are one object (two entries of a
    sheet dated by the same day, two signers sharing row digests) are written out twice,
    because the reader refuses aliases (DA006) and devagree must read what it writes.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Representer = _plain_representer()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@cache
def _plain_representer() -> type:
    """The round-trip representer that writes every value in full, never as an alias (made
    on first use: reading from the cache imports no ruamel)."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class PlainRepresenter(RoundTripRepresenter):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return PlainRepresenter
