"""Reading a built site back: its pages, their links, ids and headings (for the site tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    """Every ``a``/``area`` href."""
    loads: list[str] = field(default_factory=list)
    """Every URL the page fetches: ``src`` of anything, ``href`` of a ``link``."""
    headings: list[int] = field(default_factory=list)
    lang: str = ""
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if tag in ("a", "area") and "href" in values:
            self.page.links.append(values["href"])
        if tag == "link" and "href" in values:
            self.page.loads.append(values["href"])
        if "src" in values:
            self.page.loads.append(values["src"])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.page.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return page


def page_text(page: Page) -> str:
    return " ".join(" ".join(page.text).split())


def resolve(page: Page, link: str, root: Path) -> tuple[Path, str] | None:
    """The file and fragment a relative link names; None for a link to another host."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    target = (page.path.parent / unquote(parts.path)).resolve() if parts.path else page.path
    return target, unquote(parts.fragment)


def read_site(root: Path) -> dict[Path, Page]:
    return {p.resolve(): read_page(p) for p in sorted(root.rglob("*.html"))}
