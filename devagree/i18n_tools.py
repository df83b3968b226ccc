"""The translator's tools: extract the message ids, update the catalogues, compile them.

    python -m devagree.i18n_tools update [SNIPPET.po ...]   extract, update da.po, merge snippets
    python -m devagree.i18n_tools check                     list ids without a Danish text
    python -m devagree.i18n_tools compile                   write the .mo files (the build does too)

Run from the repository's root. ``update`` rewrites ``devagree/i18n/locale/devagree.pot`` from the
source (``babel.cfg`` says where), brings ``devagree/i18n/locale/da/LC_MESSAGES/devagree.po`` up to
date with it, and fills untranslated or fuzzy entries from the snippet files named (plain PO
files holding only the new messages and their Danish).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "devagree" / "i18n" / "locale"
TEMPLATE = LOCALE / "devagree.pot"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None, "gettext_in": (2,), "ngettext_in": (2, 3)}


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "devagree.po"


def extract_rule_module(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[Any, ...]]:
    """Babel extractor for a check module: its calls, plus its docstring's title and text.

    The registry shows a rule's docstring as the reference of its code, split by
    ``checks.base.title_and_text`` (the first line is the title, the rest the text); both
    are message ids.
    """
    from babel.messages.extract import extract_python

    source = fileobj.read()
    module = ast.parse(source)
    doc = (ast.get_docstring(module, clean=False) or "").strip()
    is_rule = any(
        isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CODE" for t in node.targets)
        for node in module.body
    )
    if doc and is_rule:
        from devagree.checks.base import title_and_text

        title, text = title_and_text(doc)
        yield 1, None, title, ["The title of a problem code."]
        if text:
            yield 1, None, text, ["The reference text of a problem code."]
    from io import BytesIO

    yield from extract_python(BytesIO(source), keywords, comment_tags, options)


def extract_schema_messages(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel extractor for a JSON Schema: the ``x-message`` texts problems quote."""
    import json

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("x-message", "x-not-message") and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for text in walk(json.loads(fileobj.read().decode("utf-8"))):
        yield 1, None, text, ["Explains a schema problem: it <text>."]


def extract() -> Any:
    """A fresh catalogue of every message id in the source."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    catalogue = Catalog(project="devagree", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        catalogue.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalogue


def read(path: Path, locale: str | None = None) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write(path: Path, catalogue: Any) -> None:
    from babel.messages.pofile import write_po

    with path.open("wb") as handle:
        write_po(
            handle,
            catalogue,
            width=100,
            sort_output=False,
            ignore_obsolete=True,
            include_lineno=False,  # file names only: line numbers would change with every edit
        )


def update(snippets: Iterable[Path] = ()) -> list[str]:
    """Extract, update the Danish catalogue, merge snippets; the ids still untranslated."""
    template = extract()
    write(TEMPLATE, template)
    path = catalogue_path("da")
    danish = read(path, "da") if path.is_file() else None
    if danish is None:
        from babel.messages.catalog import Catalog

        danish = Catalog(locale="da", project="devagree", charset="utf-8")
    danish.update(template, no_fuzzy_matching=True)
    for snippet in snippets:
        merge(danish, read(snippet, "da"))
    write(path, danish)
    return missing(danish)


def merge(into: Any, snippet: Any) -> None:
    """Fill entries of ``into`` that have no Danish (or a fuzzy one) from ``snippet``."""
    for message in snippet:
        if not message.id or not message.string:
            continue
        target = into.get(message.id, message.context)
        if target is None:
            continue  # not in the source (any more): a snippet cannot add ids
        if not _translated(target) or target.fuzzy:
            target.string = message.string
            target.flags.discard("fuzzy")


def _translated(message: Any) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def missing(catalogue: Any) -> list[str]:
    """Ids without a Danish text, or with a fuzzy one."""
    found = []
    for message in catalogue:
        if not message.id:
            continue
        if not _translated(message) or message.fuzzy:
            found.append(message.id if isinstance(message.id, str) else message.id[0])
    return found


def compile_all() -> list[Path]:
    """Write each ``.mo`` beside its ``.po``, compiled as a source checkout reads it."""
    from devagree.i18n import compile_po

    written = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        written.append(mo)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("update", "check", "compile"):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "compile":
        for mo in compile_all():
            print(f"wrote {mo.relative_to(ROOT)}")
        return 0
    if args[0] == "update":
        left = update(Path(a) for a in args[1:])
        print(f"updated {TEMPLATE.relative_to(ROOT)} and {catalogue_path('da').relative_to(ROOT)}")
    else:
        template = extract()
        danish = read(catalogue_path("da"), "da")
        absent = [m.id for m in template if m.id and m.id not in danish]
        left = [*absent, *missing(danish)]
    for message in left:
        print(f"no Danish yet: {message!r}")
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
