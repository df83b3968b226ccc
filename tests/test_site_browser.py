"""The site in a real browser: the distribution's headless Chromium, driven by Playwright.

The browser is Debian's (`/usr/bin/chromium`, installed by `.ci/run`); nothing is downloaded
at test time. A missing browser fails these tests: it is part of what CI must have.
Accessibility is checked with axe-core (the copy bundled by axe-playwright-python), injected
into each page: no serious or critical violation.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run

CHROMIUM = os.environ.get("DEVAGREE_CHROMIUM", "/usr/bin/chromium")
AS_OF = "2016-09-01"


def _browser_path() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's chromium (`.ci/run` does: "
            "apt-get install chromium chromium-driver), or set DEVAGREE_CHROMIUM",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workbook = tmp_path_factory.mktemp("workbook")
    shutil.copytree(REPO / "agreements", workbook / "agreements")
    shutil.copy(REPO / "devagree.yaml", workbook / "devagree.yaml")
    # A second agreement, so the search has something to leave out.
    seed = (workbook / "agreements" / "slagelse-chp-2016.yaml").read_text("utf-8")
    second = seed.replace("id: slagelse-chp-2016", "id: anden-aftale-2016").replace(
        "Recovery og rehabilitering", "Sommerlejr for borgere"
    )
    (workbook / "agreements" / "anden.yaml").write_text(second, "utf-8")
    out = workbook / "site"
    result = run("site", "-o", out, "--as-of", AS_OF, cwd=workbook)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = _browser_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, page_path: Path, **context: Any) -> tuple[Any, Any, list[str]]:
    """A fresh page on ``page_path``, with every console error and page error collected."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: errors.append(f"fetched {r.url}") if not r.url.startswith("file:") else None,
    )
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    return ctx, page, errors


def _visible_rows(page: Any) -> int:
    return int(page.locator("#items tbody tr:visible").count())


def test_index_renders_filters_and_logs_no_error(browser: Any, site: Path) -> None:
    ctx, page, errors = _open(browser, site / "index.html")
    try:
        assert page.locator("h1").inner_text().startswith(("Development agreements", "Udvikl"))
        total = page.locator("#items tbody tr").count()
        assert total == 8  # two agreements of four items
        assert _visible_rows(page) == total
        status = page.locator("#filter-status")
        assert page.locator("#filter").is_visible()
        assert "8" in status.inner_text()
        page.fill("#filter-text", "sommerlejr")
        assert _visible_rows(page) == 1
        assert "1" in status.inner_text()
        page.fill("#filter-text", "Centerchefen ledergruppen")  # every word, any order
        assert _visible_rows(page) == 4
        page.fill("#filter-text", "ingen-sådan-tekst")
        assert _visible_rows(page) == 0
        page.fill("#filter-text", "")
        assert _visible_rows(page) == total
        assert errors == []
    finally:
        ctx.close()


def test_without_javascript_every_row_shows_and_the_search_is_hidden(
    browser: Any, site: Path
) -> None:
    ctx, page, errors = _open(browser, site / "index.html", java_script_enabled=False)
    try:
        assert _visible_rows(page) == 8
        assert not page.locator("#filter").is_visible()
        assert page.locator("svg.chart").count() == 2
        assert errors == []
    finally:
        ctx.close()


def test_screenshot_is_a_real_picture(browser: Any, site: Path, tmp_path: Path) -> None:
    from PIL import Image

    ctx, page, _ = _open(browser, site / "index.html", viewport={"width": 1200, "height": 900})
    try:
        shot = page.screenshot(full_page=True)
    finally:
        ctx.close()
    (tmp_path / "index.png").write_bytes(shot)
    image = Image.open(BytesIO(shot)).convert("RGB")
    assert image.width == 1200 and image.height > 900
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # text, badges, charts: not blank
    reds = sum(count for count, rgb in colours if rgb == (0xFF, 0x7C, 0x80))
    assert reds > 100  # the red light of the overdue items is drawn


def test_readable_on_a_phone(browser: Any, site: Path) -> None:
    for name in ("index.html", "agreements/slagelse-chp-2016.html"):
        ctx, page, errors = _open(
            browser, site / name, viewport={"width": 375, "height": 740}, is_mobile=True
        )
        try:
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{name} scrolls sideways by {overflow}px on a phone"
            assert errors == []
        finally:
            ctx.close()


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "agreements/slagelse-chp-2016.html",
        "strategies/slagelse-vision-pejlemaerker-2020.html",
    ],
)
def test_axe_finds_no_serious_violation(browser: Any, site: Path, name: str) -> None:
    ctx, page, _ = _open(browser, site / name)
    try:
        page.add_script_tag(content=_axe_source())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        ctx.close()
    assert result["testEngine"]["name"] == "axe-core"
    assert result["passes"] or result["violations"] is not None
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_axe_catches_a_violation_on_a_broken_page(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: an image without alt text is a critical violation."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head>'
        '<body><main><h1>x</h1><img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    ctx, page, _ = _open(browser, broken)
    try:
        page.add_script_tag(content=_axe_source())
        result = page.evaluate("async () => await axe.run(document)")
    finally:
        ctx.close()
    assert "image-alt" in {v["id"] for v in result["violations"]}


def test_prints_without_the_navigation_and_with_the_charts(browser: Any, site: Path) -> None:
    ctx, page, errors = _open(browser, site / "index.html")
    try:
        page.emulate_media(media="print")
        assert not page.locator("header.site").is_visible()
        assert not page.locator("#filter").is_visible()
        assert page.locator("svg.chart").first.is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        assert errors == []
    finally:
        ctx.close()
