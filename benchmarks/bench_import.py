"""Word-level agreement and import time of `devagree import` on the test corpus.

For each layout of tests/word_corpus.py: the words of the Word document (body paragraphs and
table cells, in order) and how many of them appear, in the same order, in the imported YAML
values (fields and `unplaced`); words of labels (which become field names) are left
out of the count. Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docx import Document
from word_corpus import CUSTOM_LABELS, LAYOUTS, build

from devagree.importing import import_document
from devagree.importing.front import FRONT_LABELS
from devagree.importing.labels import HEADER_WORDS, KNOWN

WORD = re.compile(r"\w+")


def _document_words(path: Path) -> list[str]:
    doc = Document(str(path))
    body = doc.element.body
    texts = [
        "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
        for node in body
        for p in node.iter()
        if p.tag.endswith("}p")
    ]
    return WORD.findall(" ".join(texts).casefold())


def _values(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [w for v in value.values() for w in _values(v)]
    if isinstance(value, list):
        return [w for v in value for w in _values(v)]
    return [str(value)]


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    print("words of the document outside labels, found in the imported YAML")
    print(f"{'layout':28} {'words':>6} {'in order':>9} {'anywhere':>9} {'ms':>7}")
    for name in LAYOUTS:
        path, _expected = build(name, folder)
        labels = CUSTOM_LABELS if name == "custom-template" else None
        started = time.perf_counter()
        imported = import_document(path, labels)
        elapsed = (time.perf_counter() - started) * 1000
        everything = _document_words(path)
        furniture = {
            w
            for label in [
                *HEADER_WORDS,
                *(x for v in KNOWN.values() for x in v),
                *CUSTOM_LABELS,
                *FRONT_LABELS,
            ]
            for w in WORD.findall(label.casefold())
        } | {"udviklingsmål", "aftale", "formål", "formålet"} - {"2027"}
        words = [w for w in everything if w not in furniture]
        yaml_words = WORD.findall(" ".join(_values([imported.data, imported.unplaced])).casefold())
        matcher = SequenceMatcher(None, words, yaml_words, autojunk=False)
        in_order = sum(block.size for block in matcher.get_matching_blocks())
        bag = set(yaml_words)
        anywhere = sum(1 for w in words if w in bag)
        print(
            f"{name:28} {len(words):6} {in_order / len(words):9.1%} "
            f"{anywhere / len(words):9.1%} {elapsed:7.1f}"
        )


if __name__ == "__main__":
    main()
