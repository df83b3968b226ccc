"""The Jinja2 environment of the web pages and the SVG charts, with the helpers they call.

Templates ship inside the package (``render/site_templates``), autoescape is on for HTML
and SVG, and an unknown name in a template is an error rather than an empty string. Jinja2
is imported only here, when a site or a chart is made.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from devagree.followup.charts import SHAPES
from devagree.followup.report_model import LIGHT_COLOURS, Light, light_word, state_label
from devagree.i18n import BABEL_LOCALES, _, document_language, ngettext

if TYPE_CHECKING:
    from jinja2 import Environment

    from devagree.core.model import State


def light_fill(light: Light) -> str:
    return f"#{LIGHT_COLOURS[light]}"


def shape_points(light: Light, x: float, y: float, size: float = 7.0) -> str:
    """The corners of a light's mark (square, diamond, triangle) around (x, y), for SVG."""
    s = size
    corners: list[tuple[float, float]]
    if SHAPES[light] == "diamond":
        corners = [(x, y - s * 1.2), (x + s * 1.2, y), (x, y + s * 1.2), (x - s * 1.2, y)]
    elif SHAPES[light] == "triangle":
        corners = [(x, y - s * 1.1), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    else:
        corners = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    return " ".join(f"{cx:g},{cy:g}" for cx, cy in ((round(a, 2), round(b, 2)) for a, b in corners))


@cache
def environment(language: str) -> Environment:
    """The template environment for one language (dates and labels in that language)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from devagree.i18n import date_in

    lang = document_language(language)
    env = Environment(
        loader=PackageLoader("devagree", "render/site_templates"),
        autoescape=select_autoescape(["html", "svg", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def day(value: date | None) -> str:
        return date_in(lang, value) if value is not None else "\u2013"

    def month(value: date, with_year: bool) -> str:
        from babel.dates import format_date

        pattern = "MMM yyyy" if with_year else "MMM"
        return str(format_date(value, pattern, locale=BABEL_LOCALES[lang])).rstrip(".")

    def state_word(state: State) -> str:
        return state_label(state, lang)

    def light_text(light: Light) -> str:
        return light_word(light, lang)

    env.globals.update(
        _=_,
        ngettext=ngettext,
        day=day,
        month=month,
        state_word=state_word,
        light_word=light_text,
        light_fill=light_fill,
        shape=lambda light: SHAPES[light],
        shape_points=shape_points,
        language=lang,
    )
    return env
