"""Build templates/default.docx, the built-in Word template, deterministically.

Run from the repository root: ``python templates/make_default.py``. It starts from
python-docx's own template (which has every style devagree uses), sets A4 pages with Danish
margins, Danish (da-DK) as the language in the styles' docDefaults, removes python-docx's
leftovers (its thumbnail, creator, description and 2013 dates) and writes the zip with fixed
timestamps, so running it twice gives the same bytes.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

from devagree.render.determinism import normalise_zip
from devagree.render.docx import REQUIRED_STYLES
from devagree.render.docx_fields import drop_thumbnail, set_app_properties, set_language

FIXED = datetime(2016, 1, 1)


def build() -> bytes:
    """The template's bytes."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.25)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise SystemExit(f"python-docx's template lacks {missing}")
    set_language(document, "da-DK")
    drop_thumbnail(document)
    set_app_properties(document, "")
    core = document.core_properties
    core.author = core.last_modified_by = core.title = core.subject = ""
    core.comments = core.keywords = core.category = ""
    core.created = core.modified = core.last_printed = FIXED
    core.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


def main() -> int:
    target = Path(__file__).resolve().parent / "default.docx"
    target.write_bytes(build())
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
