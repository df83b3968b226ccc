"""How much of each corpus document `devagree import` puts in the right field, and how fast,
from Word and from the PDFs LibreOffice makes of it, untagged and tagged.

For each layout of tests/word_corpus.py the script builds the Word document, has LibreOffice
save it as PDF twice (untagged, as its export does unless told, and tagged, as Word's own
export and devagree's PDF/A are; one process for each), and imports all three. A field's
words are right when they stand, in order, in the same field of the import as in the data
the layout says the document holds (title, parties, period, purpose, vision, every item's
title and rows, and the text kept as unplaced); the share is the right words over all the
words the layout holds. Time is the best of --repeat imports of one document in this
process (pdfplumber and python-docx already imported), and for a PDF also per page.

Run: python benchmarks/bench_import.py [--repeat 3] [--layouts a,b]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from word_corpus import CUSTOM_LABELS, LAYOUTS, build

from devagree.importing import import_document
from devagree.libreoffice import convert_command

WORD = re.compile(r"\w+")
TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def _fields(data: dict[str, Any]) -> dict[str, list[str]]:
    """Every text of an agreement's data by where it stands ("items.2.goal"), as words;
    placeholders hold none."""
    out: dict[str, list[str]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("where", "number", "role", "kind", "version", "id"):
                    walk(inner, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, f"{path}.{index}")
        else:
            text = str(value)
            out[path] = [] if "TODO" in text else WORD.findall(text.casefold())

    walk(data, "")
    unplaced = [w for k, v in list(out.items()) if k.startswith("unplaced.") for w in v]
    out = {k: v for k, v in out.items() if not k.startswith("unplaced.")}
    out["unplaced"] = unplaced
    return out


def right_share(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, int]:
    """(words in the right field, words the document holds)."""
    wanted, found = _fields(expected), _fields(got)
    right = total = 0
    for path, words in wanted.items():
        total += len(words)
        if words and path in found:
            matcher = SequenceMatcher(None, words, found[path], autojunk=False)
            right += sum(block.size for block in matcher.get_matching_blocks())
    return right, total


def _timed(path: Path, labels: dict[str, str] | None, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = import_document(path, labels)
        best = min(best, time.perf_counter() - started)
    return best, result


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    args = parser.parse_args()
    names = [n for n in args.layouts.split(",") if n]
    soffice = shutil.which("soffice")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as work:
        folder = Path(work)
        built = {name: build(name, folder) for name in names}
        for target, out in (("pdf", "pdf"), (TAGGED, "tagged")):
            if soffice is None:
                break
            documents = [path for path, _e in built.values()]
            subprocess.run(
                convert_command(soffice, folder / "lo", target, folder / out, documents),
                check=True,
                capture_output=True,
                timeout=600,
            )
        import_document(built[names[0]][0])  # python-docx and pdfplumber imported once
        columns = ("layout", "format", "words", "in the right field", "items")
        columns += ("ms per document", "pages", "ms per page")
        print("| " + " | ".join(columns) + " |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        totals: dict[str, list[int]] = {"docx": [0, 0], "pdf": [0, 0], "tagged pdf": [0, 0]}
        for name, (docx, expected) in built.items():
            labels = CUSTOM_LABELS if name == "custom-template" else None
            made = {
                "docx": docx,
                "pdf": folder / "pdf" / f"{name}.pdf",
                "tagged pdf": folder / "tagged" / f"{name}.pdf",
            }
            for kind, path in made.items():
                if not path.is_file():
                    continue
                seconds, imported = _timed(path, labels, args.repeat)
                got = {**imported.data, "unplaced": imported.unplaced}
                right, total = right_share(expected, got)
                totals[kind][0] += right
                totals[kind][1] += total
                items = f"{len(imported.data['items'])}/{len(expected['items'])}"
                pages = _pages(path) if path.suffix == ".pdf" else 0
                per_page = f"{seconds * 1000 / pages:.1f}" if pages else ""
                print(
                    f"| {name} | {kind} | {total} | {right / total:.1%} | {items} "
                    f"| {seconds * 1000:.1f} | {pages or ''} | {per_page} |"
                )
        for kind, (right, total) in totals.items():
            if total:
                print(f"\nall layouts, {kind}: {right / total:.1%} of {total} words")


if __name__ == "__main__":
    main()
